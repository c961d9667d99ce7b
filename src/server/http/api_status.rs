//! Server functions answer every error with 500; this gives each public error its
//! proper HTTP status (422 for bad input, 401/403, 429 with Retry-After...), so
//! clients, logs and monitoring see what happened. The body is unchanged.
use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
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
    // A form posted without JavaScript whose answer is an outage gets the outage page, not JSON.
    let html_post = is_api && req.headers().get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let outage_parts = html_post.then(|| {
        let mut b = Request::builder().uri(req.uri().clone());
        for (k, v) in req.headers() {
            b = b.header(k, v);
        }
        b.body(()).map(|r| r.into_parts().0).ok()
    }).flatten();
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(e) = serde_json::from_slice::<AppError>(&bytes) {
        if let (AppError::Unavailable { .. }, Some(p)) = (&e, &outage_parts) {
            return super::outage::for_request(p, crate::server::serve::resolve_locale(p));
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
