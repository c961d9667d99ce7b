//! The request body limit. Most forms are small, so 256 KiB (`MINYI_MAX_BODY_BYTES`) keeps
//! abuse cheap; a draft regulation with its comparison table may run to 600,000 characters,
//! which URL-encoded Chinese makes up to 9 bytes each, so the forms that carry one get their
//! own limit (`MINYI_MAX_DRAFT_BODY_BYTES`, 8 MiB).
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The paths that take a whole draft: its form, a new version, and the Markdown upload.
pub const DRAFT_PATHS: [&str; 3] = ["/api/save_regulation", "/api/revise_regulation", "/regulations/upload"];

pub fn max_for(state: &AppState, path: &str) -> usize {
    if DRAFT_PATHS.contains(&path) { state.config.max_draft_body_bytes.max(state.config.max_body_bytes) } else { state.config.max_body_bytes }
}

/// As tower-http's limit: refused before reading when Content-Length says too much, else cut
/// off while reading (the reader answers 413 either way).
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let max = max_for(&state, req.uri().path());
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = req.into_parts();
    next.run(Request::from_parts(parts, Body::new(http_body_util::Limited::new(body, max)))).await
}
