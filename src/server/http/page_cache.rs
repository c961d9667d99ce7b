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
use super::security::CspNonce;
use crate::server::auth::session::SessionUser;
use crate::server::state::AppState;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, Method, StatusCode, header};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_millis(250);
/// During an outage, the last copy of a page is served this long after it was rendered,
/// with a notice saying when that was (stale-if-error).
const STALE_MAX: Duration = Duration::from_secs(300);
const MAX_BODY: usize = 2 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;

/// One rendered copy of a page.
struct Stored {
    at: Instant,
    /// When it was rendered, for the outage notice.
    rendered_at: crate::domain::time::Timestamp,
    page: Bytes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
    content_type: Option<HeaderValue>,
    policy: Option<HeaderValue>,
    /// Computed once per copy, not per response (see `caching`).
    etag: Option<HeaderValue>,
}

impl Stored {
    fn body(&self, coding: Encoding) -> Bytes {
        match coding {
            Encoding::Identity => self.page.clone(),
            Encoding::Brotli => self.brotli.get_or_init(|| coding.encode(&self.page)).clone(),
            Encoding::Gzip => self.gzip.get_or_init(|| coding.encode(&self.page)).clone(),
        }
    }

    /// The copy with a notice that it could not be updated: sent as is, never cached further.
    fn respond_stale(&self, locale: &'static str) -> Response {
        let locale = crate::i18n::Locale::from_tag(locale).unwrap_or_default();
        let notice = format!(
            "<div class=\"notice notice-warning\" role=\"status\"><p>{}</p></div>",
            locale.format(crate::i18n::Key::StaleNotice, &[("time", self.rendered_at.datetime_taipei())]).replace('<', "&lt;")
        );
        let page = String::from_utf8_lossy(&self.page);
        // Right inside <main>, so it is the first thing read.
        let at = page.find("<main").and_then(|i| page[i..].find('>').map(|j| i + j + 1)).unwrap_or(0);
        let body = format!("{}{notice}{}", &page[..at], &page[at..]);
        let mut res = Response::new(Body::from(body));
        let h = res.headers_mut();
        for (name, value) in [(header::CONTENT_TYPE, &self.content_type), (header::CONTENT_SECURITY_POLICY, &self.policy)] {
            if let Some(v) = value {
                h.insert(name, v.clone());
            }
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }

    fn respond(&self, coding: Encoding) -> Response {
        let mut res = Response::new(Body::from(self.body(coding)));
        let h = res.headers_mut();
        for (name, value) in [(header::CONTENT_TYPE, &self.content_type), (header::CONTENT_SECURITY_POLICY, &self.policy), (header::ETAG, &self.etag)] {
            if let Some(v) = value {
                h.insert(name, v.clone());
            }
        }
        if let Some(name) = coding.header() {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        res
    }
}

struct Slot {
    copy: Arc<Stored>,
    refreshing: bool,
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<(String, &'static str), Slot>>,
}

fn cacheable_path(path: &str) -> bool {
    path == "/" || path == "/petitions" || path.strip_prefix("/petitions/").is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

enum Lookup {
    /// Fresh, or expired while another request renders the new copy.
    Hit(Arc<Stored>),
    /// Missing or expired: this request renders the new copy.
    Render,
}

impl PageCache {
    fn lookup(&self, key: &(String, &'static str)) -> Lookup {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match map.get_mut(key) {
            Some(s) if s.copy.at.elapsed() < TTL => Lookup::Hit(s.copy.clone()),
            Some(s) if !s.refreshing => {
                s.refreshing = true;
                Lookup::Render
            }
            Some(s) if s.copy.at.elapsed() < 4 * TTL => Lookup::Hit(s.copy.clone()),
            _ => Lookup::Render,
        }
    }

    /// The last copy, if it is recent enough to stand in during an outage.
    fn stale(&self, key: &(String, &'static str)) -> Option<Arc<Stored>> {
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key).filter(|s| s.copy.at.elapsed() < STALE_MAX).map(|s| s.copy.clone())
    }

    fn store(&self, key: (String, &'static str), copy: Option<Arc<Stored>>) {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match copy {
            Some(copy) => {
                if map.len() >= MAX_ENTRIES {
                    map.retain(|_, s| s.copy.at.elapsed() < TTL);
                }
                map.insert(key, Slot { copy, refreshing: false });
            }
            // The render was not cacheable: let the next request try again.
            None => {
                if let Some(s) = map.get_mut(&key) {
                    s.refreshing = false;
                }
            }
        }
    }
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
