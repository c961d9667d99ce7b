//! The public, read-only API (`/api/v1`): no login, no personal data, open CORS for
//! reading, per-address rate limits with RateLimit headers, problem-details errors,
//! HTTP caching, and an OpenAPI 3.1 document generated from these handlers.
pub mod cache;
pub mod downloads;
pub mod feeds;
pub mod petitions;
pub mod problem;
pub mod reference;
pub mod stream;
pub mod types;

use crate::server::ratelimit::Limit;
use crate::server::state::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use problem::Problem;
use std::sync::OnceLock;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "minyi 民意 public API", version = "1.0.0",
        description = "Everything public on the site, for machines: petitions, responses, agencies' figures and the moderation log. Read-only, no login, no personal data. Timestamps are RFC 3339 UTC; errors are RFC 9457 problem details."),
    paths(petitions::list, petitions::one, reference::jurisdictions, reference::categories, reference::agencies, reference::moderation_log, reference::stats,
        feeds::opened, feeds::established, feeds::responses, feeds::timeline, downloads::download, stream::stream),
    tags((name = "petitions"), (name = "reference"), (name = "moderation"), (name = "feeds"), (name = "downloads"), (name = "stream"))
)]
pub struct ApiDoc;

/// The document, built once.
pub fn openapi_json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| <ApiDoc as utoipa::OpenApi>::openapi().to_pretty_json().unwrap_or_default())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "public, max-age=300")], openapi_json()).into_response()
}

async fn not_found() -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", "There is no such endpoint; see /api/v1/openapi.json.")
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/petitions", get(petitions::list))
        .route("/petitions/{id}", get(petitions::one))
        .route("/jurisdictions", get(reference::jurisdictions))
        .route("/categories", get(reference::categories))
        .route("/agencies", get(reference::agencies))
        .route("/moderation-log", get(reference::moderation_log))
        .route("/stats", get(reference::stats))
        .route("/feeds/petitions.atom", get(feeds::opened))
        .route("/feeds/established.atom", get(feeds::established))
        .route("/feeds/responses.atom", get(feeds::responses))
        .route("/feeds/petitions/{id}", get(feeds::timeline))
        .route("/downloads/{file}", get(downloads::download))
        .route("/stream", get(stream::stream))
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
}

/// CORS for reading, the method check, and the per-address rate limit with its headers.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        let mut res = StatusCode::NO_CONTENT.into_response();
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("If-None-Match, If-Modified-Since"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        return res;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut res = Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", "The API is read-only: use GET.").into_response();
        res.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        return res;
    }
    let ip = crate::server::ctx::client_ip_of(&state, req.headers(), req.extensions());
    let now = state.now();
    let counted = state.limiter.hit_counted(Limit::ApiPerIp, &ip, now);
    let mut res = match &counted {
        Ok(_) => next.run(req).await,
        Err(wait) => {
            let mut r = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "Too many requests", format!("Retry in {wait} s.")).into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
    };
    let (max, window) = Limit::ApiPerIp.rule_secs();
    let (remaining, reset) = match counted {
        Ok(c) => c,
        Err(wait) => (0, wait),
    };
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("ETag, Last-Modified, RateLimit, RateLimit-Policy, Retry-After"));
    // IETF httpapi RateLimit header fields (draft 8 syntax).
    if let Ok(v) = HeaderValue::from_str(&format!("\"per-address\";q={max};w={window}")) {
        h.insert("ratelimit-policy", v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"per-address\";r={remaining};t={reset}")) {
        h.insert("ratelimit", v);
    }
    res
}
