//! Security headers on every response, with a fresh CSP nonce per render that
//! Leptos puts on its hydration scripts. A response that already carries a policy
//! keeps it: the page cache sends each stored copy with the nonce it was rendered with.
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;

#[derive(Clone)]
pub struct CspNonce(pub String);

/// The Content-Security-Policy for a page whose scripts carry `nonce`.
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

pub async fn headers(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let (nonce, _) = crate::server::auth::tokens::generate(16);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let not_modified = res.status() == http::StatusCode::NOT_MODIFIED;
    let h = res.headers_mut();
    let fixed = [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
        ("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    // A 304 must not carry a policy: the browser would merge it into the kept page,
    // whose scripts still carry the nonce of the response that first brought it.
    if not_modified {
        h.remove(http::header::CONTENT_SECURITY_POLICY);
    } else if !h.contains_key(http::header::CONTENT_SECURITY_POLICY)
        && let Ok(v) = HeaderValue::from_str(&policy(&nonce))
    {
        h.insert(http::header::CONTENT_SECURITY_POLICY, v);
    }
    if state.config.base_url.starts_with("https://") {
        h.insert("strict-transport-security", HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
}
