//! HTTP status of server-rendered pages (no-ops in the browser).

/// Answer 404 for the page being rendered.
pub fn not_found() {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
}

/// Answer 503 with `Retry-After` for the page being rendered (the database is unreachable).
pub fn unavailable(retry_after_secs: u64) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
        res.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(retry_after_secs));
    }
    #[cfg(not(feature = "ssr"))]
    let _ = retry_after_secs;
}
