//! HTTP status of server-rendered pages (no-ops in the browser).

/// Answer 404 for the page being rendered.
pub fn not_found() {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
}
