//! HTTP caching for the read-only API: a strong ETag of the body, Last-Modified where
//! the data has a time, 304 for a matching conditional request, and Cache-Control that
//! lets a CDN serve briefly and revalidate in the background.
use crate::domain::time::Timestamp;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// How long shared caches may serve a response.
#[derive(Clone, Copy)]
pub enum Freshness {
    /// Counts and petitions: seconds, then revalidate while serving the stale copy.
    Live,
    /// Reference data (jurisdictions, categories): minutes.
    Reference,
}

impl Freshness {
    fn header(self) -> &'static str {
        match self {
            // stale-if-error: a cache in front may keep answering (stale) through an outage.
            Self::Live => "public, max-age=5, stale-while-revalidate=30, stale-if-error=300",
            Self::Reference => "public, max-age=300, stale-while-revalidate=600, stale-if-error=3600",
        }
    }
}

/// HTTP-date (RFC 9110 IMF-fixdate) of a time.
pub fn http_date(t: Timestamp) -> String {
    let (y, m, d, hh, mm) = t.civil_utc();
    let ss = (t.0.div_euclid(1000)).rem_euclid(60);
    let days = t.0.div_euclid(86_400_000);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(m - 1) as usize];
    format!("{weekday}, {d:02} {month} {y} {hh:02}:{mm:02}:{ss:02} GMT")
}

fn etag(body: &[u8]) -> String {
    format!("\"{}\"", &crate::server::auth::tokens::hash_bytes(body)[..32])
}

/// The JSON response for `value`, or 304 if the client's copy is current.
pub fn json<T: Serialize>(req: &HeaderMap, value: &T, last_modified: Option<Timestamp>, freshness: Freshness) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut res = bytes(req, body, last_modified, freshness);
            if res.status() == StatusCode::OK {
                res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            res
        }
        Err(_) => super::problem::Problem::internal().into_response(),
    }
}

/// A body with validators and cache headers (the caller sets its content type), or 304.
pub fn bytes(req: &HeaderMap, body: Vec<u8>, last_modified: Option<Timestamp>, freshness: Freshness) -> Response {
    let tag = etag(&body);
    // Last-Modified has second precision.
    let modified = last_modified.map(|t| http_date(Timestamp(t.0 - t.0.rem_euclid(1000))));
    let unchanged = match req.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(inm) => inm.split(',').any(|t| t.trim() == tag || t.trim() == "*" || t.trim().trim_start_matches("W/") == tag),
        None => matches!((&modified, req.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok())), (Some(m), Some(since)) if m == since),
    };
    let mut res = if unchanged { StatusCode::NOT_MODIFIED.into_response() } else { (StatusCode::OK, body).into_response() };
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(freshness.header()));
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    if let Some(v) = modified.and_then(|m| HeaderValue::from_str(&m).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_are_imf_fixdate() {
        assert_eq!(http_date(Timestamp(0)), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(Timestamp(1_795_629_000_000)), "Wed, 25 Nov 2026 17:50:00 GMT");
    }
}
