use crate::db_test;
use crate::domain::time::{HOUR, MINUTE};
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use axum::body::Body;
use http::{Request, StatusCode};

const PW: &str = "quiet river lantern 42";

async fn register_confirm_login_logout(app: TestApp) {
    let r = app.call("register", &[("display_name", "林小美"), ("email", "Mei@Example.tw"), ("password", PW)], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.location(), Some("/register/sent"));
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);

    // Not verified yet: login is refused and a fresh link is sent.
    let r = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await;
    assert!(r.body.contains("EmailNotVerified"), "{}", r.body);
    assert_eq!(app.emails_to("Mei@example.tw").await.len(), 2);

    // Opening the link (GET) changes nothing; the POST confirms, once.
    let token = app.last_link_token("Mei@example.tw", "/verify").await;
    let page = app.get(&format!("/verify?token={token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&token));
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL").await, 0);
    let wrong = app.call("verify_email", &[("token", &token), ("password", "not my password")], None).await;
    assert!(wrong.body.contains("WrongPassword"), "{}", wrong.body);
    let r = app.call("verify_email", &[("token", &token), ("password", PW)], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.location(), Some("/login?notice=verified"));
    let again = app.call("verify_email", &[("token", &token), ("password", PW)], None).await;
    assert!(again.body.contains("InvalidToken"), "{}", again.body);

    // Log in: an HttpOnly session cookie, then the header shows the name.
    let r = app.call("login", &[("email", "MEI@example.tw"), ("password", PW)], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let set = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>().join("\n");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
    let session = r.set_cookie("minyi_session").unwrap();
    assert_eq!(session.len(), 64);
    let home = app.get("/", Some(&session)).await;
    assert!(home.body.contains("林小美"), "name missing from header");

    // Log out: the server-side session is gone.
    let r = app.call("logout", &[], Some(&session)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    let home = app.get("/", Some(&session)).await;
    assert!(!home.body.contains("林小美"));
}
db_test!(register_confirm_login_logout);

async fn registration_does_not_reveal_accounts(app: TestApp) {
    app.signed_up("mei@example.tw", "小美").await;
    let new = app.call("register", &[("display_name", "A"), ("email", "new@example.tw"), ("password", PW)], None).await;
    let known = app.call("register", &[("display_name", "B"), ("email", "mei@example.tw"), ("password", PW)], None).await;
    assert_eq!(new.status, known.status);
    assert_eq!(new.location(), known.location());
    assert_eq!(new.body, known.body);
    // The owner of the known address is told by email instead.
    let mails = app.emails_to("mei@example.tw").await;
    assert!(mails.last().unwrap().1.contains("/reset"), "{:?}", mails.last());
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 2);

    // Login answers the same for an unknown account and a wrong password.
    let unknown = app.call("login", &[("email", "nobody@example.tw"), ("password", PW)], None).await;
    let wrong = app.call("login", &[("email", "mei@example.tw"), ("password", "wrong password here")], None).await;
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(unknown.body, wrong.body);
    assert!(unknown.body.contains("BadCredentials"));
}
db_test!(registration_does_not_reveal_accounts);

async fn bad_input_is_explained_and_kept_without_javascript(app: TestApp) {
    let r = app.post("/api/register", &[("display_name", "小美"), ("email", "not-an-email"), ("password", "password1234")], None, Via::Html, "/register").await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = r.location().unwrap().to_string();
    assert!(back.starts_with("/register?flash="), "{back}");
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0, "nothing half-written");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);

    // The kept result belongs to the browser that posted: a stranger with the link sees nothing.
    let key = r.set_cookie("minyi_form").expect("the posting browser gets its key");
    let stranger = app.get(&back, None).await;
    assert!(!stranger.body.contains("請輸入像"), "a link alone shows nobody's form");
    let with_key = || Request::get(back.as_str()).header("accept", "text/html").header("cookie", format!("minyi_form={key}")).body(Body::empty()).unwrap();
    let page = app.send(with_key()).await;
    assert_eq!(page.status, StatusCode::OK);
    // zh-TW by default: both errors next to their fields, input kept except the password.
    assert!(page.body.contains("請輸入像 name@example.tw 這樣的電子郵件地址"), "{}", page.body);
    assert!(page.body.contains("這個密碼太常見"));
    assert!(page.body.contains(r#"value="小美""#));
    assert!(page.body.contains(r#"value="not-an-email""#));
    assert!(!page.body.contains("password1234"));
    assert!(page.body.contains(r#"aria-invalid="true""#));
    // The flash is read once.
    let again = app.send(with_key()).await;
    assert!(!again.body.contains("請輸入像"));

    // With JavaScript the same errors come back as data.
    let r = app.call("register", &[("display_name", ""), ("email", "a@b.tw"), ("password", "short")], None).await;
    assert!(r.body.contains("Invalid") && r.body.contains("display_name") && r.body.contains("TooShort"), "{}", r.body);
}
db_test!(bad_input_is_explained_and_kept_without_javascript);

async fn password_reset_ends_sessions_and_is_single_use(app: TestApp) {
    let session = app.signed_up("mei@example.tw", "小美").await;
    let unknown = app.call("request_reset", &[("email", "nobody@example.tw")], None).await;
    let known = app.call("request_reset", &[("email", "mei@example.tw")], None).await;
    assert_eq!(unknown.body, known.body);
    assert_eq!(known.location(), Some("/reset/sent"));
    assert!(app.emails_to("nobody@example.tw").await.is_empty());

    let token = app.last_link_token("mei@example.tw", "/reset/confirm").await;
    let mismatch = app.call("reset_password", &[("token", &token), ("password", "new sturdy passphrase 7"), ("password_confirm", "other")], None).await;
    assert!(mismatch.body.contains("PasswordMismatch"), "{}", mismatch.body);
    let ok =
        app.call("reset_password", &[("token", &token), ("password", "new sturdy passphrase 7"), ("password_confirm", "new sturdy passphrase 7")], None).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0, "all sessions ended");
    assert!(!app.get("/", Some(&session)).await.body.contains("小美"));
    let reuse =
        app.call("reset_password", &[("token", &token), ("password", "another sturdy phrase 8"), ("password_confirm", "another sturdy phrase 8")], None).await;
    assert!(reuse.body.contains("InvalidToken"));
    app.login("mei@example.tw", "new sturdy passphrase 7").await;

    // Expired links do not work.
    app.call("request_reset", &[("email", "mei@example.tw")], None).await;
    let token = app.last_link_token("mei@example.tw", "/reset/confirm").await;
    app.clock.advance_millis(HOUR + 1);
    let late = app
        .call("reset_password", &[("token", &token), ("password", "late sturdy passphrase 9"), ("password_confirm", "late sturdy passphrase 9")], None)
        .await;
    assert!(late.body.contains("InvalidToken"));
}
db_test!(password_reset_ends_sessions_and_is_single_use);

async fn sessions_time_out(app: TestApp) {
    let s = app.signed_up("mei@example.tw", "小美").await;
    // Active use keeps the session alive past the idle limit...
    for _ in 0..3 {
        app.clock.advance_millis(60 * MINUTE);
        assert!(app.get("/", Some(&s)).await.body.contains("小美"));
    }
    // ...but not past idle time without use.
    app.clock.advance_millis(121 * MINUTE);
    assert!(!app.get("/", Some(&s)).await.body.contains("小美"));

    // And never past the absolute limit.
    let s = app.login("mei@example.tw", PW).await;
    for _ in 0..24 {
        app.clock.advance_millis(60 * MINUTE);
        app.get("/", Some(&s)).await;
    }
    assert!(!app.get("/", Some(&s)).await.body.contains("小美"));
}
db_test!(sessions_time_out);

async fn login_is_rate_limited_per_account(app: TestApp) {
    app.signed_up("mei@example.tw", "小美").await;
    // Successful logins do not count: the owner cannot be locked out by them.
    for _ in 0..6 {
        app.login("mei@example.tw", PW).await;
    }
    for _ in 0..5 {
        let r = app.call("login", &[("email", "mei@example.tw"), ("password", "not the password")], None).await;
        assert!(r.body.contains("BadCredentials"));
    }
    let r = app.call("login", &[("email", "mei@example.tw"), ("password", "not the password")], None).await;
    assert!(r.body.contains("RateLimited"), "{}", r.body);
    // The message shown is translated.
    let r = app.post("/api/login", &[("email", "mei@example.tw"), ("password", PW)], None, Via::Html, "/login").await;
    let page = app.follow(&r, None).await;
    assert!(page.body.contains("嘗試次數過多"), "{}", page.body);
    app.clock.advance_millis(16 * MINUTE);
    app.login("mei@example.tw", PW).await;
}
db_test!(login_is_rate_limited_per_account);

/// A stranger's wrong guesses slow the stranger, not the owner on another address.
async fn strangers_cannot_lock_the_owner_out(app: TestApp) {
    use crate::error::AppError;
    use crate::server::accounts::login;
    app.signed_up("mei@example.tw", "小美").await;
    for _ in 0..5 {
        assert_eq!(login::run(&app.state, "203.0.113.9", "mei@example.tw", "guess guess guess").await.err(), Some(AppError::BadCredentials));
    }
    assert!(matches!(login::run(&app.state, "203.0.113.9", "mei@example.tw", PW).await, Err(AppError::RateLimited { .. })), "the guesser's address waits");
    assert!(login::run(&app.state, "198.51.100.7", "mei@example.tw", PW).await.is_ok(), "the owner, elsewhere, gets in");
    // Guessing spread over many addresses meets a ceiling per account.
    for i in 0..95 {
        let _ = login::run(&app.state, &format!("10.9.{}.{}", i / 4, i % 4), "mei@example.tw", "guess guess guess").await;
    }
    assert!(matches!(login::run(&app.state, "10.8.0.1", "mei@example.tw", "guess guess guess").await, Err(AppError::RateLimited { .. })));
}
db_test!(strangers_cannot_lock_the_owner_out);

async fn profile_changes(app: TestApp) {
    let s = app.signed_up("mei@example.tw", "小美").await;
    let other = app.login("mei@example.tw", PW).await;
    let r = app.call("profile_name", &[("display_name", "  ")], Some(&s)).await;
    assert!(r.body.contains("Required"));
    let r = app.call("profile_name", &[("display_name", "林美")], Some(&s)).await;
    assert_eq!(r.location(), Some("/profile?notice=saved"));
    assert!(app.get("/profile", Some(&s)).await.body.contains("林美"));

    let r = app
        .call(
            "profile_password",
            &[("current_password", "wrong one"), ("password", "fresh sturdy passphrase 3"), ("password_confirm", "fresh sturdy passphrase 3")],
            Some(&s),
        )
        .await;
    assert!(r.body.contains("WrongPassword"), "{}", r.body);
    let r = app
        .call(
            "profile_password",
            &[("current_password", PW), ("password", "fresh sturdy passphrase 3"), ("password_confirm", "fresh sturdy passphrase 3")],
            Some(&s),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(app.get("/", Some(&s)).await.body.contains("林美"), "this session stays");
    assert!(!app.get("/", Some(&other)).await.body.contains("林美"), "other sessions end");

    let r = app.call("profile_preferences", &[("locale", "en"), ("notify_signed", "on")], Some(&s)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE locale = 'en' AND notify_signed = 1 AND notify_proposed = 0").await, 1);
    let r = app.call("profile_preferences", &[("locale", "fr")], Some(&s)).await;
    assert!(r.body.contains("UnknownChoice"));

    let r = app.call("profile_delete", &[("password", "wrong")], Some(&s)).await;
    assert!(r.body.contains("WrongPassword"));
    let r = app.call("profile_delete", &[("password", "fresh sturdy passphrase 3")], Some(&s)).await;
    assert_eq!(r.location(), Some("/?notice=account_deleted"));
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = '' AND display_name = '' AND deleted_at IS NOT NULL").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    // The address can be used again.
    app.signed_up("mei@example.tw", "新帳號").await;
}
db_test!(profile_changes);

async fn registration_is_rate_limited_per_address(app: TestApp) {
    for n in 0..3 {
        let r = app.call("register", &[("display_name", "A"), ("email", "spam@example.tw"), ("password", PW)], None).await;
        assert_eq!(r.status, StatusCode::OK, "attempt {n}: {}", r.body);
    }
    let r = app.call("register", &[("display_name", "A"), ("email", "Spam@Example.tw"), ("password", PW)], None).await;
    assert!(r.body.contains("RateLimited"), "{}", r.body);
    assert_eq!(app.emails_to("spam@example.tw").await.len(), 3, "at most three emails an hour to one address");
}
db_test!(registration_is_rate_limited_per_address);

/// Many writers at once: every write commits (no SQLITE_BUSY), each with its email.
async fn concurrent_registrations_all_commit(app: TestApp) {
    let app = std::sync::Arc::new(app);
    let mut set = tokio::task::JoinSet::new();
    for n in 0..40 {
        let app = app.clone();
        set.spawn(async move {
            let email = format!("p{n}@example.tw");
            let r = app.call("register", &[("display_name", "附議人"), ("email", &email), ("password", PW)], None).await;
            assert_eq!(r.status, StatusCode::OK, "{email}: {}", r.body);
        });
    }
    while let Some(r) = set.join_next().await {
        r.unwrap();
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 40);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 40);
    assert_eq!(app.count("SELECT COUNT(*) FROM tokens").await, 40);
}
db_test!(concurrent_registrations_all_commit);

/// Someone registers another person's address first: they can never confirm it
/// (no access to the mail), and the owner's registration takes the account over.
async fn registering_someone_elses_address_gains_nothing(app: TestApp) {
    app.call("register", &[("display_name", "冒名者"), ("email", "mei@example.tw"), ("password", "attacker sturdy phrase 1")], None).await;
    let attacker_link = app.last_link_token("mei@example.tw", "/verify").await;
    app.call("register", &[("display_name", "林小美"), ("email", "mei@example.tw"), ("password", PW)], None).await;
    let owner_link = app.last_link_token("mei@example.tw", "/verify").await;
    // The earlier link no longer works, and the attacker's password confirms nothing.
    let r = app.call("verify_email", &[("token", &attacker_link), ("password", "attacker sturdy phrase 1")], None).await;
    assert!(r.body.contains("InvalidToken"), "{}", r.body);
    let r = app.call("verify_email", &[("token", &owner_link), ("password", "attacker sturdy phrase 1")], None).await;
    assert!(r.body.contains("WrongPassword"), "{}", r.body);
    let r = app.call("verify_email", &[("token", &owner_link), ("password", PW)], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let s = app.login("mei@example.tw", PW).await;
    assert!(app.get("/", Some(&s)).await.body.contains("林小美"));
    let r = app.call("login", &[("email", "mei@example.tw"), ("password", "attacker sturdy phrase 1")], None).await;
    assert!(r.body.contains("BadCredentials"));
}
db_test!(registering_someone_elses_address_gains_nothing);
