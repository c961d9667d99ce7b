//! A one-second cache for the public pages everyone reads (home, the list, a petition),
//! served only to visitors without a session. A popular petition then costs one render
//! per second instead of one per view; counts stay within the 2-second freshness target
//! (1 s roll-up + 1 s cache). Each response still gets its own CSP nonce: the cached
//! page's nonce is swapped for the request's. While one request re-renders an expired
//! page, the others get the previous copy rather than piling onto the renderer.
use super::security::CspNonce;
use crate::server::auth::session::SessionUser;
use crate::server::state::AppState;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, Method, StatusCode, header};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(1);
const MAX_BODY: usize = 2 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;

#[derive(Clone)]
struct Entry {
    at: Instant,
    body: Bytes,
    content_type: Option<HeaderValue>,
    nonce: String,
    refreshing: bool,
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<(String, &'static str), Entry>>,
}

fn cacheable_path(path: &str) -> bool {
    path == "/" || path == "/petitions" || path.strip_prefix("/petitions/").is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

enum Lookup {
    Fresh(Entry),
    /// Expired, and this request renders the new copy.
    Render,
    /// Expired, another request is rendering: use this copy meanwhile.
    Stale(Entry),
}

impl PageCache {
    fn lookup(&self, key: &(String, &'static str)) -> Lookup {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match map.get_mut(key) {
            Some(e) if e.at.elapsed() < TTL => Lookup::Fresh(e.clone()),
            Some(e) if !e.refreshing => {
                e.refreshing = true;
                Lookup::Render
            }
            Some(e) if e.at.elapsed() < 10 * TTL => Lookup::Stale(e.clone()),
            _ => Lookup::Render,
        }
    }

    fn store(&self, key: (String, &'static str), entry: Option<Entry>) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match entry {
            Some(e) => {
                if map.len() >= MAX_ENTRIES {
                    map.retain(|_, e| e.at.elapsed() < TTL);
                }
                map.insert(key, e);
            }
            // The render was not cacheable: let the next request try again.
            None => {
                if let Some(e) = map.get_mut(&key) {
                    e.refreshing = false;
                }
            }
        }
    }
}

fn respond(e: &Entry, nonce: &str) -> Response {
    let body = if e.nonce.is_empty() || e.nonce == nonce {
        e.body.clone()
    } else {
        let text = String::from_utf8_lossy(&e.body).replace(&e.nonce, nonce);
        Bytes::from(text)
    };
    let mut res = Response::new(Body::from(body));
    if let Some(ct) = &e.content_type {
        res.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
    }
    res
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let eligible = req.method() == Method::GET
        && req.uri().query().is_none()
        && cacheable_path(req.uri().path())
        && req.extensions().get::<SessionUser>().is_none();
    if !eligible {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let key = (parts.uri.path().to_string(), crate::server::serve::resolve_locale(&parts).tag());
    let nonce = parts.extensions.get::<CspNonce>().map(|n| n.0.clone()).unwrap_or_default();
    match state.page_cache.lookup(&key) {
        Lookup::Fresh(e) | Lookup::Stale(e) => return respond(&e, &nonce),
        Lookup::Render => {}
    }
    let res = next.run(Request::from_parts(parts, body)).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        state.page_cache.store(key, None);
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        state.page_cache.store(key, None);
        return Response::from_parts(parts, Body::empty());
    };
    let entry = Entry { at: Instant::now(), body: bytes.clone(), content_type: parts.headers.get(header::CONTENT_TYPE).cloned(), nonce, refreshing: false };
    state.page_cache.store(key, Some(entry));
    Response::from_parts(parts, Body::from(bytes))
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
