//! Server functions answer every error with 500; this gives each public error its
//! proper HTTP status (422 for bad input, 401/403, 429 with Retry-After...), so
//! clients, logs and monitoring see what happened. The body is unchanged.
use super::outage;
use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderValue, StatusCode};

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::BadCredentials | AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::EmailNotVerified | AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::InvalidToken => StatusCode::GONE,
        AppError::Conflict | AppError::NotClaimed => StatusCode::CONFLICT,
        AppError::Paused | AppError::SigningClosed | AppError::Suspended { .. } => StatusCode::FORBIDDEN,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::BadRequest => StatusCode::BAD_REQUEST,
        AppError::Network | AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
    }
}

pub async fn map(req: Request, next: Next) -> Response {
    // Server functions live under /api/; the public API (/api/v1) answers problem details itself.
    let is_api = req.uri().path().starts_with("/api/") && !req.uri().path().starts_with("/api/v1/");
    // A form posted without script whose answer is an outage gets the outage page, which
    // keeps what was typed: its fields are read here, before the server function reads them.
    let (parts, body) = req.into_parts();
    let mut form = None;
    let body = if is_api && outage::is_form_post(&parts) {
        // The body limit is applied further out: a body over it fails here.
        let Ok(bytes) = to_bytes(body, usize::MAX).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        form = Some((head_of(&parts), outage::Kept::from_form(&bytes)));
        Body::from(bytes)
    } else {
        body
    };
    let res = next.run(Request::from_parts(parts, body)).await;
    // A failed server function answers 500, or (to a form post) a redirect back to the form
    // with the error as its body.
    let failed = res.status() == StatusCode::INTERNAL_SERVER_ERROR || (form.is_some() && res.status().is_redirection());
    if !is_api || !failed {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(e) = serde_json::from_slice::<AppError>(&bytes) {
        if let (AppError::Unavailable { .. }, Some((p, kept))) = (&e, &form) {
            return outage::for_request(p, crate::server::http::locale::resolve_locale(p), Some(kept));
        }
        // Other errors to a form post keep their redirect back to the form.
        if parts.status.is_redirection() {
            return Response::from_parts(parts, Body::from(bytes));
        }
        parts.status = status_of(&e);
        if let AppError::RateLimited { retry_after_secs } | AppError::Unavailable { retry_after_secs } = e
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            parts.headers.insert(http::header::RETRY_AFTER, v);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A copy of a request's head (method, address, headers) for the outage page.
fn head_of(parts: &Parts) -> Parts {
    let mut b = Request::builder().method(parts.method.clone()).uri(parts.uri.clone()).version(parts.version);
    for (k, v) in &parts.headers {
        b = b.header(k, v);
    }
    b.body(()).map(|r| r.into_parts().0).unwrap_or_else(|_| Request::new(()).into_parts().0)
}
