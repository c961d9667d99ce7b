//! How an outage answers: 503 with `Retry-After`, never a logout or a refusal. Pages get a
//! small translated page that needs nothing else from the server (no database, no
//! stylesheet); server functions get the public `Unavailable` error their forms show;
//! the public API gets problem details.
use crate::error::AppError;
use crate::i18n::{Key, Locale};
use crate::server::error::RETRY_AFTER_SECS;
use axum::body::Body;
use axum::response::Response;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn with(status_body: (String, &'static str)) -> Response {
    let (body, content_type) = status_body;
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The translated outage page; "Try again" reloads `path` (a local path).
pub fn page(locale: Locale, path: &str) -> Response {
    let path = crate::domain::url::safe_local_path(path);
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{body}</p><p><a href=\"{path}\">{retry}</a></p></main></body></html>",
        lang = locale.tag(),
        title = escape(locale.text(Key::OutageTitle)),
        body = escape(locale.text(Key::OutageBody)),
        retry = escape(locale.text(Key::OutageRetry)),
        path = escape(&path),
    );
    with((html, "text/html; charset=utf-8"))
}

/// The answer for this request: a server function's error, API problem details, or the page.
pub fn for_request(parts: &Parts, locale: Locale) -> Response {
    let path = parts.uri.path();
    if path.starts_with("/api/v1/") {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": Locale::En.text(Key::ErrUnavailable),
        });
        return with((body.to_string(), "application/problem+json"));
    }
    let html_post = parts.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    if path.starts_with("/api/") && !html_post {
        let e = AppError::Unavailable { retry_after_secs: RETRY_AFTER_SECS };
        return with((serde_json::to_string(&e).unwrap_or_default(), "application/json"));
    }
    // A page, or a form posted without JavaScript: "Try again" goes back to the form.
    let back = if path.starts_with("/api/") {
        parts.headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(|r| r.split_once("://").map(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_default())).unwrap_or_else(|| "/".into())
    } else {
        parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into())
    };
    page(locale, &back)
}
