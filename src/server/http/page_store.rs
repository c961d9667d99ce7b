//! The page cache's copies (see `page_cache` for what is cached and why): each copy as
//! rendered, compressed at most once per coding, and the last one kept a few minutes to
//! stand in during an outage.
use super::encoding::Encoding;
use axum::body::{Body, Bytes};
use axum::response::Response;
use http::{HeaderValue, header};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_millis(250);
/// During an outage, the last copy of a page is served this long after it was rendered,
/// with a notice saying when that was (stale-if-error).
const STALE_MAX: Duration = Duration::from_secs(300);
const MAX_ENTRIES: usize = 10_000;

/// One rendered copy of a page.
pub(super) struct Stored {
    pub(super) at: Instant,
    /// When it was rendered, for the outage notice.
    pub(super) rendered_at: crate::domain::time::Timestamp,
    pub(super) page: Bytes,
    pub(super) brotli: OnceLock<Bytes>,
    pub(super) gzip: OnceLock<Bytes>,
    pub(super) content_type: Option<HeaderValue>,
    pub(super) policy: Option<HeaderValue>,
    /// Computed once per copy, not per response (see `caching`).
    pub(super) etag: Option<HeaderValue>,
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
    pub(super) fn respond_stale(&self, locale: &'static str) -> Response {
        let locale = crate::i18n::Locale::from_tag(locale).unwrap_or_default();
        let notice = format!(
            "<div class=\"notice notice-warning\" role=\"status\"><p>{}</p></div>",
            locale.stale_notice(self.rendered_at.datetime_taipei()).replace('<', "&lt;")
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

    pub(super) fn respond(&self, coding: Encoding) -> Response {
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

pub(super) enum Lookup {
    /// Fresh, or expired while another request renders the new copy.
    Hit(Arc<Stored>),
    /// Missing or expired: this request renders the new copy.
    Render,
}

impl PageCache {
    pub(super) fn lookup(&self, key: &(String, &'static str)) -> Lookup {
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
    pub(super) fn stale(&self, key: &(String, &'static str)) -> Option<Arc<Stored>> {
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key).filter(|s| s.copy.at.elapsed() < STALE_MAX).map(|s| s.copy.clone())
    }

    pub(super) fn store(&self, key: (String, &'static str), copy: Option<Arc<Stored>>) {
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
