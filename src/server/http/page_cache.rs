//! A quarter-second cache for the public pages everyone reads (home, the list, a petition),
//! served only to visitors without a session. A popular petition then costs four renders
//! a second instead of one per view; counts stay within the 2-second freshness target
//! (0.5 s roll-up + 0.25 s cache, with room for a slow render under load). Each response
//! still gets its own CSP nonce: the cached page's nonce is swapped for the request's.
//! While one request re-renders an expired
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

const TTL: Duration = Duration::from_millis(250);
const MAX_BODY: usize = 2 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;

#[derive(Clone)]
struct Entry {
    at: Instant,
    /// The page split at each occurrence of its nonce, so a hit only copies bytes.
    segments: Vec<Bytes>,
    len: usize,
    content_type: Option<HeaderValue>,
    /// Computed once per copy, not per response (see `caching`).
    etag: Option<HeaderValue>,
    refreshing: bool,
}

/// `body` split around every occurrence of `nonce` (one segment if there is none).
fn split(body: &Bytes, nonce: &str) -> Vec<Bytes> {
    split_at(body, nonce.as_bytes()).map(|part| body.slice_ref(part)).collect()
}

/// The parts of `body` between occurrences of `sep` (all of it if `sep` is empty).
pub fn split_at<'a>(body: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let (mut start, mut i, mut done) = (0, 0, false);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while !sep.is_empty() && i + sep.len() <= body.len() {
            if &body[i..i + sep.len()] == sep {
                let part = &body[start..i];
                i += sep.len();
                start = i;
                return Some(part);
            }
            i += 1;
        }
        done = true;
        Some(&body[start..])
    })
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
            Some(e) if e.at.elapsed() < 4 * TTL => Lookup::Stale(e.clone()),
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
    let mut body = Vec::with_capacity(e.len + e.segments.len() * nonce.len());
    for (i, seg) in e.segments.iter().enumerate() {
        if i > 0 {
            body.extend_from_slice(nonce.as_bytes());
        }
        body.extend_from_slice(seg);
    }
    let mut res = Response::new(Body::from(body));
    if let Some(ct) = &e.content_type {
        res.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
    }
    if let Some(tag) = &e.etag {
        res.headers_mut().insert(header::ETAG, tag.clone());
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
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        state.page_cache.store(key, None);
        return Response::from_parts(parts, Body::empty());
    };
    let etag = HeaderValue::from_str(&super::caching::page_etag(&bytes, &nonce)).ok();
    if let Some(tag) = &etag {
        parts.headers.insert(header::ETAG, tag.clone());
    }
    let entry = Entry {
        at: Instant::now(),
        segments: split(&bytes, &nonce),
        len: bytes.len(),
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        etag,
        refreshing: false,
    };
    state.page_cache.store(key, Some(entry));
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::{Bytes, cacheable_path, split};

    #[test]
    fn the_nonce_is_cut_out_everywhere() {
        let body = Bytes::from_static(b"<script nonce=\"abc\">x</script><script nonce=\"abc\"></script>");
        let parts = split(&body, "abc");
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.join(&b"NEW"[..]), b"<script nonce=\"NEW\">x</script><script nonce=\"NEW\"></script>".to_vec());
        assert_eq!(split(&body, "").len(), 1);
    }

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
