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
