//! How an outage answers: 503 with `Retry-After`, never a logout or a refusal. Pages get a
//! small translated page that needs nothing else from the server (no database, no
//! stylesheet); a form post's page keeps what was typed and can send it again; server
//! functions called by script get the public `Unavailable` error; the public API gets
//! problem details.
use crate::error::AppError;
use crate::i18n::{Key, Locale};
use crate::server::error::RETRY_AFTER_SECS;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::response::Response;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};

/// A form post's fields, kept for the outage page. Passwords are never written into a page.
#[derive(Default)]
pub struct Kept {
    pub fields: Vec<(String, String)>,
    pub dropped_password: bool,
}

impl Kept {
    pub fn from_form(body: &[u8]) -> Self {
        let mut kept = Kept::default();
        for (k, v) in form_urlencoded::parse(body) {
            if k.contains("password") {
                kept.dropped_password = true;
            } else {
                kept.fields.push((k.into_owned(), v.into_owned()));
            }
        }
        kept
    }
}

/// Whether this request is a form posted by a browser to a server function (no script).
pub fn is_form_post(parts: &Parts) -> bool {
    let header = |h| parts.headers.get(h).and_then(|v: &HeaderValue| v.to_str().ok()).unwrap_or("");
    parts.method == http::Method::POST
        && parts.uri.path().starts_with("/api/")
        && header(header::ACCEPT).contains("text/html")
        && header(header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
}

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
    // What was typed may be on it: never stored by a cache.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The translated outage page. "Try again" goes to `back` (a local path); with `resend`
/// (the form's action and its fields), a button sends the same fields again.
pub fn page(locale: Locale, back: &str, resend: Option<(&str, &Kept)>) -> Response {
    let text = |k| escape(locale.text(k));
    let back = crate::domain::url::safe_local_path(back);
    let form = resend.map(|(action, kept)| {
        let inputs: String = kept.fields.iter().map(|(k, v)| format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(k), escape(v))).collect();
        let password = if kept.dropped_password { format!(" {}", text(Key::OutagePasswordNotKept)) } else { String::new() };
        format!(
            "<form method=\"post\" action=\"{action}\">{inputs}<p>{kept}{password}</p><p><button type=\"submit\">{again}</button></p></form>",
            action = escape(&crate::domain::url::safe_local_path(action)),
            kept = text(Key::OutageKept),
            again = text(Key::OutageSendAgain),
        )
    });
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{body}</p>{form}<p><a href=\"{back}\">{retry}</a></p></main></body></html>",
        lang = locale.tag(),
        title = text(Key::OutageTitle),
        body = text(Key::OutageBody),
        form = form.unwrap_or_default(),
        retry = text(if resend.is_some() { Key::OutageBackToForm } else { Key::OutageRetry }),
        back = escape(&back),
    );
    with((html, "text/html; charset=utf-8"))
}

/// The answer for this request (its body already read, if it was a form post).
pub fn for_request(parts: &Parts, locale: Locale, form: Option<&Kept>) -> Response {
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
    if path.starts_with("/api/") && !is_form_post(parts) {
        let e = AppError::Unavailable { retry_after_secs: RETRY_AFTER_SECS };
        return with((serde_json::to_string(&e).unwrap_or_default(), "application/json"));
    }
    if path.starts_with("/api/") {
        // A form posted without script: back to the form, or send the same fields again.
        let back = parts.headers.get(header::REFERER).and_then(|v| v.to_str().ok()).map_or_else(|| "/".into(), crate::domain::url::referer_path);
        let action = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or(path);
        let empty = Kept::default();
        return page(locale, &back, Some((action, form.unwrap_or(&empty))));
    }
    page(locale, parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"), None)
}

/// The answer for a request whose body has not been read yet (the body limit is applied
/// further out).
pub async fn for_unread(req: Request, locale: impl FnOnce(&Parts) -> Locale) -> Response {
    let (parts, body) = req.into_parts();
    let locale = locale(&parts);
    let kept = if is_form_post(&parts) { to_bytes(body, usize::MAX).await.ok().map(|b| Kept::from_form(&b)) } else { None };
    for_request(&parts, locale, kept.as_ref())
}
