//! How pages travel: compression, cache headers and revalidation.
use crate::db_test;
use crate::server::testing::TestApp;
use axum::body::Body;
use http::{Request, StatusCode, header};
use tower::ServiceExt;

async fn anonymous_pages_revalidate_with_a_nonce_free_etag(app: TestApp) {
    let first = app.get("/agencies", None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.headers[header::CACHE_CONTROL], "no-cache, stale-if-error=300");
    let etag = first.headers[header::ETAG].to_str().unwrap().to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    // A new response has a new nonce, yet the same tag: the page did not change.
    let again = Request::get("/agencies").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    let r = app.send(again).await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);
    assert!(r.body.is_empty());
    assert!(r.headers.get("content-security-policy").is_none(), "a 304 keeps the stored page's policy");
    let stale = Request::get("/agencies").header(header::IF_NONE_MATCH, "W/\"other\"").body(Body::empty()).unwrap();
    assert_eq!(app.send(stale).await.status, StatusCode::OK);
}
db_test!(anonymous_pages_revalidate_with_a_nonce_free_etag);

async fn signed_in_responses_are_never_stored(app: TestApp) {
    let s = app.signed_up("mei@example.tw", "小美").await;
    for path in ["/profile", "/", "/petitions"] {
        let r = app.get(path, Some(&s)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.headers[header::CACHE_CONTROL], "private, no-store", "{path}");
        assert!(r.headers.get(header::ETAG).is_none(), "{path}");
    }
    let r = app.call("session", &[], Some(&s)).await;
    assert_eq!(r.headers[header::CACHE_CONTROL], "private, no-store");
}
db_test!(signed_in_responses_are_never_stored);

async fn pages_and_data_are_compressed_but_not_the_stream(app: TestApp) {
    for (path, encoding) in [
        ("/", "br"),
        ("/petitions", "gzip"),
        ("/api/v1/openapi.json", "br"),
        ("/api/v1/feeds/petitions.atom", "gzip"),
        ("/api/v1/downloads/petitions.csv", "br"),
    ] {
        let req = Request::get(path).header(header::ACCEPT_ENCODING, format!("{encoding}, identity")).body(Body::empty()).unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        // (Bodies under 32 bytes, like an empty list, are sent as they are.)
        assert_eq!(r.headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some(encoding), "{path}");
    }
    // The live stream never ends: look at its headers only.
    let req = Request::get("/api/v1/stream").header(header::ACCEPT_ENCODING, "br, gzip").body(Body::empty()).unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/event-stream"));
    assert!(res.headers().get(header::CONTENT_ENCODING).is_none(), "each event must reach the browser at once");
}
db_test!(pages_and_data_are_compressed_but_not_the_stream);

/// The nonce a response's policy allows.
fn policy_nonce(h: &http::HeaderMap) -> String {
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string()
}

async fn cached_pages_are_sent_compressed_with_their_own_nonce(app: TestApp) {
    let get = |coding: &'static str| Request::get("/petitions").header(header::ACCEPT_ENCODING, coding).body(Body::empty()).unwrap();
    let plain = app.send(get("identity")).await;
    let nonce = policy_nonce(&plain.headers);
    assert!(plain.body.contains(&format!("nonce=\"{nonce}\"")), "the policy allows the copy's scripts");
    for coding in ["br", "gzip"] {
        let res = app.router.clone().oneshot(get(coding)).await.unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], coding);
        assert_eq!(res.headers()[header::ETAG], plain.headers[header::ETAG], "one tag for every coding of a copy");
        let vary = res.headers()[header::VARY].to_str().unwrap().to_ascii_lowercase();
        assert!(vary.contains("accept-encoding"), "{vary}");
        let copy_nonce = policy_nonce(res.headers());
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 22).await.unwrap();
        let mut page = String::new();
        use std::io::Read;
        if coding == "br" {
            brotli::Decompressor::new(&bytes[..], 4096).read_to_string(&mut page).unwrap();
        } else {
            flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut page).unwrap();
        }
        // Within the copy's quarter second the bytes are the very same; a later copy has its own nonce.
        if copy_nonce == nonce {
            assert_eq!(page, plain.body);
        }
        assert!(page.contains(&format!("nonce=\"{copy_nonce}\"")), "every copy's policy allows its own scripts");
    }
}
db_test!(cached_pages_are_sent_compressed_with_their_own_nonce);
