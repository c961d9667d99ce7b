//! Cross-site request forgery defence for every state-changing request:
//! browsers tell us where a request came from (Sec-Fetch-Site); older ones
//! send Origin or Referer, which must be this site. Plain form posts from our
//! own pages (no JavaScript) pass, since they are same-origin.
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode};

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // One-click unsubscribe links are posted by mail clients (RFC 8058); the token is the authority.
    let one_click = req.uri().path().starts_with("/unsubscribe/");
    // The public API changes nothing whatever the method; its own guard answers 405.
    let read_only_api = req.uri().path().starts_with("/api/v1/");
    if is_safe(req.method()) || one_click || read_only_api || allowed(req.headers(), &state.config.base_url) {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

pub fn allowed(headers: &HeaderMap, base_url: &str) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let host_origins: Vec<String> =
        get("host").map(|h| vec![format!("http://{}", h.to_ascii_lowercase()), format!("https://{}", h.to_ascii_lowercase())]).unwrap_or_default();
    let ours = |o: &str| origin_of(base_url).as_deref() == Some(o) || host_origins.iter().any(|h| h == o);
    if let Some(origin) = get("origin") {
        return origin != "null" && origin_of(origin).is_some_and(|o| ours(&o));
    }
    if let Some(referer) = get("referer") {
        return origin_of(referer).is_some_and(|o| ours(&o));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.parse().unwrap());
        }
        m
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let base = "https://minyi.tw";
        assert!(allowed(&h(&[("sec-fetch-site", "same-origin")]), base));
        assert!(allowed(&h(&[("sec-fetch-site", "none")]), base));
        assert!(!allowed(&h(&[("sec-fetch-site", "cross-site"), ("origin", "https://minyi.tw")]), base));
        assert!(!allowed(&h(&[("sec-fetch-site", "same-site")]), base));
    }

    #[test]
    fn origin_and_referer_fallbacks() {
        let base = "https://minyi.tw";
        assert!(allowed(&h(&[("origin", "https://minyi.tw")]), base));
        assert!(!allowed(&h(&[("origin", "https://evil.example")]), base));
        assert!(!allowed(&h(&[("origin", "null")]), base));
        assert!(allowed(&h(&[("referer", "https://minyi.tw/register")]), base));
        assert!(!allowed(&h(&[("referer", "https://minyi.tw.evil.example/")]), base));
        assert!(allowed(&h(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")]), base));
        assert!(!allowed(&h(&[]), base));
    }
}
