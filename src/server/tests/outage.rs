//! The database going away (its pools closed): people get an honest 503 with Retry-After,
//! never a logout or a refusal; anonymous pages stand in with their last copy and say so;
//! readiness fails. On both engines.
use super::petitions::open_petition;
use crate::db_test;
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use http::StatusCode;

const PW: &str = "quiet river lantern 42";

async fn database_gone(app: &TestApp) {
    app.state.sessions_changed();
    for pool in [&app.state.db.pool, &app.state.db.read_pool, &app.state.db.jobs_pool] {
        pool.close().await;
    }
}

fn retry_after(r: &crate::server::testing::http::Reply) -> Option<&str> {
    r.headers.get(http::header::RETRY_AFTER).and_then(|v| v.to_str().ok())
}

async fn an_outage_is_never_a_logout(app: TestApp) {
    let (id, _, _) = open_petition(&app, "增設公共自行車站點").await;
    let session = app.signed_up("mei@example.tw", "美").await;
    assert!(app.call("profile", &[], Some(&session)).await.body.contains("mei@example.tw"));
    // An anonymous reader's copy of the petition page is cached.
    let fresh = app.get(&format!("/petitions/{id}"), None).await;
    assert_eq!(fresh.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.state.outbox_heartbeat.store(crate::server::testing::wall_ms(), std::sync::atomic::Ordering::Relaxed);
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);

    database_gone(&app).await;

    // A signed-in person's page: the outage page, 503, never "not signed in".
    let page = app.get("/profile", Some(&session)).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(retry_after(&page), Some("60"));
    assert!(page.body.contains("民意平臺暫時無法使用") && page.body.contains("沒有遺失"), "{}", page.body);
    // Their server functions: the public Unavailable error (forms show it, input stays).
    let call = app.call("sign", &[("id", &id.to_string()), ("county", "63000")], Some(&session)).await;
    assert_eq!(call.status, StatusCode::SERVICE_UNAVAILABLE);
    // Exactly the body end2end/tests/outage.spec.ts stands in with.
    assert_eq!(call.body, r#"{"Unavailable":{"retry_after_secs":60}}"#);
    assert_eq!(retry_after(&call), Some("60"));
    // A form posted by a browser (the pages' forms post without script): the outage page
    // keeps what was typed and can send it again (markup in it stays inert); its link goes
    // back to the form. Here the session lookup is what fails.
    let posted = app.post("/api/profile_name", &[("display_name", "美美<b>\"x")], Some(&session), Via::Html, "/profile").await;
    assert_eq!(posted.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(retry_after(&posted), Some("60"));
    assert!(posted.body.contains("<form method=\"post\" action=\"/api/profile_name\">"), "{}", posted.body);
    assert!(posted.body.contains("<input type=\"hidden\" name=\"display_name\" value=\"美美&lt;b&gt;&quot;x\">"), "{}", posted.body);
    assert!(posted.body.contains("再送出一次") && posted.body.contains("保留在這一頁"), "{}", posted.body);
    assert!(posted.body.contains("href=\"/profile\""), "{}", posted.body);
    // Here the server function is what fails (nobody signed in): the same page, and a
    // password is never written into it.
    let posted = app.post("/api/login", &[("email", "mei@example.tw"), ("password", PW)], None, Via::Html, "/login").await;
    assert_eq!(posted.status, StatusCode::SERVICE_UNAVAILABLE, "{}", posted.body);
    assert!(posted.body.contains("name=\"email\" value=\"mei@example.tw\"") && posted.body.contains("密碼不會保留"), "{}", posted.body);
    assert!(!posted.body.contains(PW) && !posted.body.contains("name=\"password\""), "{}", posted.body);
    // Signing in meanwhile: the same honest answer.
    let login = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await;
    assert_eq!(login.status, StatusCode::SERVICE_UNAVAILABLE, "{}", login.body);
    assert!(login.body.contains("Unavailable"));

    // An anonymous reader gets the last copy, saying it could not be updated.
    let stale = app.get(&format!("/petitions/{id}"), None).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert!(stale.body.contains("無法更新本頁") && stale.body.contains("增設公共自行車站點"), "{}", stale.body);
    // A page with no copy: 503 with the message on the page.
    let list = app.get("/agencies", None).await;
    assert_eq!(list.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(list.body.contains("暫時無法使用"));
    // Readiness fails (liveness says why).
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.body.contains("database: unreachable"), "{}", ready.body);
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
}
db_test!(an_outage_is_never_a_logout);
