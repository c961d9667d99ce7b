//! Cache-Control and validators for every response that does not set its own:
//! - hashed build files (`/pkg/name.HASH.ext`) are immutable for a year;
//! - anything for a signed-in person, or that sets a cookie, is `private, no-store`;
//! - anonymous pages are revalidated on every use (`no-cache`) against a weak ETag of
//!   the page without its per-response CSP nonce, so an unchanged page costs a 304;
//! - other public files (favicon and the like) may be kept for an hour.
use super::security::CspNonce;
use crate::server::auth::session::SessionUser;
use crate::server::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use sha2::{Digest, Sha256};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const PRIVATE: &str = "private, no-store";
/// Public pages: revalidate each time, but a cache in front may serve its copy through an outage.
const REVALIDATE: &str = "no-cache, stale-if-error=300";
const PUBLIC_FILE: &str = "public, max-age=3600";
/// Pages larger than this are sent without an ETag rather than held in memory.
const MAX_TAGGED_PAGE: usize = 4 * 1024 * 1024;

/// A build file whose name carries its content hash (cargo-leptos `hash-files`).
pub fn is_hashed_asset(path: &str, pkg_dir: &str, hash_files: bool) -> bool {
    hash_files && path.strip_prefix('/').and_then(|p| p.strip_prefix(pkg_dir)).is_some_and(|rest| rest.starts_with('/'))
}

fn is_html(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.starts_with("text/html"))
}

/// Weak ETag of a page, computed as if its nonce were absent.
pub fn page_etag(body: &[u8], nonce: &str) -> String {
    let mut hash = Sha256::new();
    if nonce.is_empty() {
        hash.update(body);
    } else {
        for part in split_at(body, nonce.as_bytes()) {
            hash.update(part);
        }
    }
    format!("W/\"{}\"", hex::encode(&hash.finalize()[..12]))
}

/// The parts of `body` between occurrences of `sep` (all of it if `sep` is empty).
fn split_at<'a>(body: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
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

/// True if `If-None-Match` lists `etag` (or `*`).
fn matches(if_none_match: Option<&HeaderValue>, etag: &str) -> bool {
    let Some(v) = if_none_match.and_then(|v| v.to_str().ok()) else { return false };
    let bare = etag.trim_start_matches("W/");
    v.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == bare)
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let get = req.method() == Method::GET || req.method() == Method::HEAD;
    let signed_in = req.extensions().get::<SessionUser>().is_some();
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone()).unwrap_or_default();
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let mut res = next.run(req).await;
    let ok = res.status() == StatusCode::OK;
    let h = res.headers_mut();
    if h.contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let opts = &state.leptos_options;
    if is_hashed_asset(&path, &opts.site_pkg_dir, opts.hash_files) && ok {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        return res;
    }
    if signed_in || h.contains_key(header::SET_COOKIE) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
        return res;
    }
    if !is_html(h) {
        let file = path.rsplit('/').next().is_some_and(|name| name.contains('.'));
        if get && file && ok && !path.starts_with("/api/") {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC_FILE));
        }
        return res;
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    // The page depends on the language cookie and the browser's languages (and the
    // page cache picks the coding itself).
    h.insert(header::VARY, HeaderValue::from_static("Cookie, Accept-Language, Accept-Encoding"));
    if !get || !ok {
        return res;
    }
    // The page cache tags its copies once; only pages it does not keep are hashed here.
    if let Some(tag) = h.get(header::ETAG).and_then(|v| v.to_str().ok()).map(str::to_owned) {
        return if matches(if_none_match.as_ref(), &tag) { not_modified(res) } else { res };
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TAGGED_PAGE).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let etag = page_etag(&bytes, &nonce);
    if let Ok(v) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, v);
    }
    let res = Response::from_parts(parts, Body::from(bytes));
    if matches(if_none_match.as_ref(), &etag) { not_modified(res) } else { res }
}

/// The same response as a bodiless 304 (its headers, including the ETag, stay).
fn not_modified(res: Response) -> Response {
    let (mut parts, _) = res.into_parts();
    parts.status = StatusCode::NOT_MODIFIED;
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_under_the_package_dir_are_immutable() {
        assert!(is_hashed_asset("/pkg/minyi.abc123.wasm", "pkg", true));
        assert!(!is_hashed_asset("/pkg/minyi.wasm", "pkg", false));
        assert!(!is_hashed_asset("/pkgx/a.js", "pkg", true));
        assert!(!is_hashed_asset("/petitions/1", "pkg", true));
    }

    #[test]
    fn the_etag_ignores_the_nonce() {
        let a = page_etag(b"<script nonce=\"n1\">x</script>", "n1");
        let b = page_etag(b"<script nonce=\"n2\">x</script>", "n2");
        assert_eq!(a, b);
        assert_ne!(a, page_etag(b"<script nonce=\"n2\">y</script>", "n2"));
        let parts: Vec<_> = split_at(b"a--b--", b"--").collect();
        assert_eq!(parts, [&b"a"[..], b"b", b""]);
        assert!(matches(Some(&HeaderValue::from_str(&a).unwrap()), &a));
        assert!(matches(Some(&HeaderValue::from_static("\"x\", *")), &a));
        assert!(!matches(None, &a));
    }
}
