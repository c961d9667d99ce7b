use crate::db_test;
use crate::server::testing::TestApp;
use axum::body::Body;
use http::{Request, StatusCode};

async fn headers_and_nonce(app: TestApp) {
    let r = app.get("/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers["content-security-policy"].to_str().unwrap().to_string();
    for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'wasm-unsafe-eval'"] {
        assert!(csp.contains(part), "{csp}");
    }
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(r.body.contains(&format!("nonce=\"{nonce}\"")), "hydration scripts carry the response's nonce");
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    assert_eq!(r.headers["referrer-policy"], "same-origin");
    assert!(r.headers.get("strict-transport-security").is_none(), "no HSTS over plain http");
    // A page rendered anew draws a new nonce (the home page may come from the page cache).
    let a = app.get("/agencies", None).await;
    let b = app.get("/agencies", None).await;
    assert_ne!(a.headers["content-security-policy"], b.headers["content-security-policy"], "fresh nonce per render");
}
db_test!(headers_and_nonce);

async fn cross_site_posts_are_refused(app: TestApp) {
    let form = "display_name=x&email=a%40b.tw&password=quiet+river+lantern+42";
    let cross = Request::post("/api/register")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(form))
        .unwrap();
    assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN);
    let bad_origin = Request::post("/api/register")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .body(Body::from(form))
        .unwrap();
    assert_eq!(app.send(bad_origin).await.status, StatusCode::FORBIDDEN);
    let no_origin = Request::post("/lang").header("content-type", "application/x-www-form-urlencoded").body(Body::from("lang=en")).unwrap();
    assert_eq!(app.send(no_origin).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    // Same-origin by Origin header alone (older browsers) is fine.
    let ok = Request::post("/api/register")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "http://127.0.0.1:3000")
        .body(Body::from(form))
        .unwrap();
    assert_eq!(app.send(ok).await.status, StatusCode::OK);
}
db_test!(cross_site_posts_are_refused);

async fn oversized_bodies_are_refused(app: TestApp) {
    let big = "a".repeat(300 * 1024);
    let r = app.call("register", &[("display_name", &big), ("email", "a@b.tw"), ("password", "x")], None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}
db_test!(oversized_bodies_are_refused);

async fn errors_never_leak_internals(app: TestApp) {
    // Break the database underneath the app: the answer is a generic error, with no SQL.
    sqlx::query("DROP TABLE form_flash").execute(&app.state.db.pool).await.unwrap();
    sqlx::query("DROP TABLE tokens").execute(&app.state.db.pool).await.unwrap();
    let r = app.call("register", &[("display_name", "x"), ("email", "a@b.tw"), ("password", "quiet river lantern 42")], None).await;
    assert!(r.status.is_server_error());
    assert_eq!(r.body, "\"Internal\"");
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status, StatusCode::OK);
}
db_test!(errors_never_leak_internals);

async fn api_errors_carry_http_statuses(app: TestApp) {
    let r = app.call("register", &[("display_name", ""), ("email", "x"), ("password", "x")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Invalid"));
    let r = app.call("profile", &[], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app.call("verify_email", &[("token", "00"), ("password", "x")], None).await;
    assert_eq!(r.status, StatusCode::GONE);
    for _ in 0..5 {
        app.call("login", &[("email", "a@b.tw"), ("password", "wrong password")], None).await;
    }
    let r = app.call("login", &[("email", "a@b.tw"), ("password", "wrong password")], None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.get("retry-after").is_some());
}
db_test!(api_errors_carry_http_statuses);

/// Requests that cannot be decoded are the caller's fault (400), and the public API
/// answers every refusal as a problem document, as its OpenAPI document says.
async fn malformed_requests_get_400_and_problems(app: TestApp) {
    // A server function with an argument of the wrong type, or a body that is not UTF-8.
    let r = app.call("sign", &[("id", "not-a-number"), ("county", "63000")], None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.body, "\"BadRequest\"");
    let raw = Request::post("/api/sign")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .body(Body::from(vec![b'i', b'd', b'=', 0xff, 0xfe]))
        .unwrap();
    assert_eq!(app.send(raw).await.status, StatusCode::BAD_REQUEST);
    // The public API: bad parameters, unknown ids and paths, undeclared methods.
    let problem = |r: &crate::server::testing::http::Reply| r.headers.get("content-type").map(|v| v.to_str().unwrap().to_string());
    for (path, status) in [
        ("/api/v1/petitions?limit=abc", StatusCode::BAD_REQUEST),
        ("/api/v1/petitions?jurisdiction=x", StatusCode::BAD_REQUEST),
        ("/api/v1/petitions/abc", StatusCode::BAD_REQUEST),
        ("/api/v1/petitions/999999", StatusCode::NOT_FOUND),
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND),
    ] {
        let r = app.get(path, None).await;
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert_eq!(problem(&r).as_deref(), Some("application/problem+json"), "{path}");
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["status"], status.as_u16());
    }
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = app.send(Request::builder().method(method).uri("/api/v1/petitions").body(Body::empty()).unwrap()).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(problem(&r).as_deref(), Some("application/problem+json"));
        assert!(r.headers.get("allow").is_some());
    }
    // The document says the same: every error as a problem, 400 and 429 on every operation.
    let doc: serde_json::Value = serde_json::from_str(crate::server::api_v1::openapi_json()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            for code in ["400", "429"] {
                assert!(responses.contains_key(code), "{method} {path} documents {code}");
            }
            for (code, r) in responses.iter().filter(|(c, _)| !c.starts_with('2')) {
                let content = r["content"].as_object().unwrap();
                assert!(content.keys().all(|k| k == "application/problem+json"), "{method} {path} {code}: {content:?}");
            }
        }
    }
}
db_test!(malformed_requests_get_400_and_problems);
