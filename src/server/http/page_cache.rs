//! A quarter-second cache for the public pages everyone reads (home, the list, a petition),
//! served only to visitors without a session. A popular petition then costs four renders
//! a second instead of one per view; counts stay within the 2-second freshness target
//! (0.5 s roll-up + 0.25 s cache, with room for a slow render under load).
//!
//! Each copy is sent byte for byte as rendered, with the CSP nonce it was rendered with,
//! and is compressed at most once per coding; a hit costs no rendering and no
//! compression. Sharing a nonce within one copy is safe: whatever a page shows was
//! stored before its nonce was drawn, so no stored text can carry it, and the next copy
//! draws a new one. While one request re-renders an expired page, the others get the
//! previous copy rather than piling onto the renderer.
use super::encoding::Encoding;
use super::page_store::{Lookup, Stored};
use super::security::CspNonce;
use crate::server::auth::session::SessionUser;
use crate::server::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, Method, StatusCode, header};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

const MAX_BODY: usize = 2 * 1024 * 1024;

fn cacheable_path(path: &str) -> bool {
    path == "/" || path == "/petitions" || path.strip_prefix("/petitions/").is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let eligible =
        req.method() == Method::GET && req.uri().query().is_none() && cacheable_path(req.uri().path()) && req.extensions().get::<SessionUser>().is_none();
    if !eligible {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let key = (parts.uri.path().to_string(), crate::server::http::locale::resolve_locale(&parts).tag());
    let nonce = parts.extensions.get::<CspNonce>().map(|n| n.0.clone()).unwrap_or_default();
    let coding = Encoding::preferred(&parts.headers);
    if let Lookup::Hit(copy) = state.page_cache.lookup(&key) {
        return copy.respond(coding);
    }
    let res = next.run(Request::from_parts(parts, body)).await;
    if res.status() == StatusCode::SERVICE_UNAVAILABLE
        && let Some(copy) = state.page_cache.stale(&key)
    {
        state.page_cache.store(key.clone(), None);
        tracing::warn!(path = %key.0, "outage: serving the last copy of the page");
        return copy.respond_stale(key.1);
    }
    let renderable = res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE) && !res.headers().contains_key(header::CONTENT_ENCODING);
    if !renderable {
        state.page_cache.store(key, None);
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(page) = to_bytes(body, MAX_BODY).await else {
        state.page_cache.store(key, None);
        return Response::from_parts(parts, Body::empty());
    };
    let copy = Arc::new(Stored {
        at: Instant::now(),
        rendered_at: state.now(),
        etag: HeaderValue::from_str(&super::caching::page_etag(&page, &nonce)).ok(),
        policy: HeaderValue::from_str(&super::security::policy(&nonce)).ok(),
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        page,
        brotli: OnceLock::new(),
        gzip: OnceLock::new(),
    });
    state.page_cache.store(key, Some(copy.clone()));
    copy.respond(coding)
}

#[cfg(test)]
mod tests {
    use super::cacheable_path;

    #[test]
    fn only_public_reading_pages_are_cached() {
        for p in ["/", "/petitions", "/petitions/12"] {
            assert!(cacheable_path(p), "{p}");
        }
        for p in ["/petitions/new", "/petitions/12/edit", "/profile", "/moderation", "/petitions/"] {
            assert!(!cacheable_path(p), "{p}");
        }
    }
}
