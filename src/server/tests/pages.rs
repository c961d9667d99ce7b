//! Pages as people get them: language, menus, 404.
use crate::db_test;
use crate::domain::role::Role;
use crate::server::db::users;
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use axum::body::Body;
use http::{Request, StatusCode};
use sqlx::Row;

async fn language_by_header_cookie_and_switch(app: TestApp) {
    let zh = app.get("/", None).await;
    assert!(zh.body.contains(r#"<html lang="zh-TW""#) && zh.body.contains("跳到主要內容"));
    let en = app.send(Request::get("/").header("accept-language", "en-US,en;q=0.9").body(Body::empty()).unwrap()).await;
    assert!(en.body.contains(r#"<html lang="en""#) && en.body.contains("Skip to main content"));

    // The switch is a plain form post; it remembers the choice and returns to the page.
    let r = app.post("/lang", &[("lang", "en"), ("next", "/login?next=/profile")], None, Via::Html, "/login").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), Some("/login?next=/profile"));
    assert_eq!(r.set_cookie("minyi_lang").as_deref(), Some("en"));
    let page = app.send(Request::get("/login").header("cookie", "minyi_lang=en").header("accept-language", "zh-TW").body(Body::empty()).unwrap()).await;
    assert!(page.body.contains("Forgotten your password?"));
    let r = app.post("/lang", &[("lang", "en"), ("next", "https://evil.example/")], None, Via::Html, "/").await;
    assert_eq!(r.location(), Some("/"));

    // Logged in, the choice is saved on the account too.
    let s = app.signed_up("mei@example.tw", "小美").await;
    app.post("/lang", &[("lang", "en"), ("next", "/")], Some(&s), Via::Html, "/").await;
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE locale = 'en'").await, 1);
    assert!(app.get("/", Some(&s)).await.body.contains(r#"<html lang="en""#));
}
db_test!(language_by_header_cookie_and_switch);

async fn menus_follow_roles(app: TestApp) {
    let visitor = app.get("/", None).await;
    assert!(visitor.body.contains(r#"href="/login""#) && !visitor.body.contains(r#"href="/admin/site""#));
    let s = app.signed_up("staff@example.tw", "職員").await;
    let id: i64 = sqlx::query("SELECT id FROM users").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    let citizen = app.get("/", Some(&s)).await;
    assert!(citizen.body.contains(r#"href="/profile""#) && !citizen.body.contains(r#"href="/agency""#));
    for role in [Role::Officer, Role::Moderator, Role::Admin] {
        users::grant_role(&app.state.db.pool, id, role, None, app.state.now()).await.unwrap();
    }
    // Written behind the services' back: drop the cached sessions as they would.
    app.state.sessions_changed();
    // No staff menu until the second factor is set up; the menu says so.
    let pending = app.get("/", Some(&s)).await;
    assert!(!pending.body.contains(r#"href="/moderation""#) && pending.body.contains(r#"href="/profile/second-factor""#));
    app.enrol_via_pages(&s, "staff@example.tw").await;
    let staff = app.get("/", Some(&s)).await;
    for link in ["/agency", "/moderation", "/admin/site"] {
        assert!(staff.body.contains(&format!(r#"href="{link}""#)), "{link}");
    }
    assert_eq!(app.get("/moderation", Some(&s)).await.status, StatusCode::OK);
    assert!(app.get("/admin/users", Some(&s)).await.body.contains("staff@example.tw"));
    assert!(!app.get("/admin/users", None).await.body.contains("staff@example.tw"));
}
db_test!(menus_follow_roles);

async fn unknown_pages_are_404(app: TestApp) {
    let r = app.get("/no-such-page", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("找不到網頁"));
}
db_test!(unknown_pages_are_404);

async fn demo_seed_is_idempotent(app: TestApp) {
    crate::server::seed::run(&app.state).await.unwrap();
    crate::server::seed::run(&app.state).await.unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM jurisdictions").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email NOT LIKE 'demo-participant-%'").await, crate::server::seed::DEMO_ACCOUNTS.len() as i64);
    // The opinion map's 60 participants and 40 statements, computed at once.
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email LIKE 'demo-participant-%'").await, 60);
    // The same people on the demo petition (40 statements), the answered straw petition (12),
    // the open consultation (40) and the closed ones (4 each), each map computed at once.
    assert_eq!(app.count("SELECT COUNT(*) FROM statements").await, 112);
    for kind in ["petition", "consultation"] {
        let json: String =
            sqlx::query_scalar("SELECT map_json FROM conversations WHERE kind = $1 ORDER BY id").bind(kind).fetch_one(&app.state.db.pool).await.unwrap();
        let map = crate::server::deliberation::map::Stored::parse(&json).expect("a stored map");
        assert_eq!(map.view.groups.len(), 3, "the demo's three opinion groups on the {kind}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM consultations WHERE concluded_at IS NULL").await, 6);
    assert_eq!(app.count("SELECT signature_threshold FROM jurisdictions WHERE code = 'national'").await, 5000);
    let home = app.get("/", None).await;
    assert!(home.body.contains("60 天內達到 5000 人附議"), "rules shown on the home page");
    app.login("officer@demo.minyi.tw", crate::server::seed::DEMO_PASSWORD).await;
}
db_test!(demo_seed_is_idempotent);

async fn concurrent_page_renders_all_answer(app: TestApp) {
    let s = app.signed_up("mei@example.tw", "小美").await;
    let mut set = tokio::task::JoinSet::new();
    let app = std::sync::Arc::new(app);
    for i in 0..40 {
        let app = app.clone();
        let s = s.clone();
        set.spawn(async move {
            let paths = std::env::var("MINYI_PATHS").unwrap_or_else(|_| "/,/login,/register,/profile".into());
            let paths: Vec<&str> = paths.split(',').collect();
            let path = paths[i % paths.len()];
            let r = app.get(path, if i % 2 == 0 { Some(&s) } else { None }).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
        });
    }
    while let Some(r) = set.join_next().await {
        r.unwrap();
    }
}
db_test!(concurrent_page_renders_all_answer);

async fn login_returns_to_the_page_that_asked(app: TestApp) {
    let page = app.get("/profile", None).await;
    assert!(page.body.contains(r#"href="/login?next=%2Fprofile""#), "{}", page.body);
    app.signed_up("mei@example.tw", "小美").await;
    let r = app.call("login", &[("email", "mei@example.tw"), ("password", "quiet river lantern 42"), ("next", "/profile")], None).await;
    assert_eq!(r.location(), Some("/profile"));
    let r = app.call("login", &[("email", "mei@example.tw"), ("password", "quiet river lantern 42"), ("next", "//evil.example")], None).await;
    assert_eq!(r.location(), Some("/"), "never off-site");
}
db_test!(login_returns_to_the_page_that_asked);
