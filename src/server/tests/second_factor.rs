//! The second factor with the fake clock: codes from the app (once each, one step of
//! skew), recovery codes (once each), password reset, admin reset, the staff gate,
//! the attempt limit, and an email for every change.
use crate::db_test;
use crate::domain::role::Role;
use crate::server::auth::totp::code_at;
use crate::server::db::users;
use crate::server::testing::TestApp;
use sqlx::Row;

const PW: &str = "quiet river lantern 42";

fn wrong(r: &crate::server::testing::http::Reply) -> bool {
    r.body.contains("WrongCode")
}

async fn mails(app: &TestApp, to: &str, needle: &str) -> usize {
    app.emails_to(to).await.iter().filter(|m| m.0.contains(needle)).count()
}

async fn codes_once_each_and_recovery_codes(app: TestApp) {
    let s = app.signed_up("mei@example.tw", "美").await;
    let secret = app.enrol_via_pages(&s, "mei@example.tw").await;
    assert_eq!(mails(&app, "mei@example.tw", "second factor now protects").await + mails(&app, "mei@example.tw", "已啟用第二道驗證").await, 1);

    // A new login stops at the code: nothing works with the password alone.
    let half = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    assert!(app.call("profile", &[], Some(&half)).await.body.contains("Unauthenticated"));
    assert!(wrong(&app.call("second_factor_verify", &[("code", "000000")], Some(&half)).await), "a wrong code");
    // Two steps after the one enrolment used.
    app.clock.advance_millis(60_000);
    let now = app.state.now();
    let code = code_at(&secret, now);
    // Codes from the previous and next step are accepted (clock drift), each once.
    let previous = code_at(&secret, now.plus_millis(-30_000));
    let next = code_at(&secret, now.plus_millis(30_000));
    assert_eq!(app.call("second_factor_verify", &[("code", &previous)], Some(&half)).await.status, 200, "previous step");
    let again = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    assert!(wrong(&app.call("second_factor_verify", &[("code", &previous)], Some(&again)).await), "the same code twice");
    assert_eq!(app.call("second_factor_verify", &[("code", &code)], Some(&again)).await.status, 200, "the current step, later than the last used");
    let third = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    assert!(wrong(&app.call("second_factor_verify", &[("code", &code)], Some(&third)).await), "reused");
    assert!(wrong(&app.call("second_factor_verify", &[("code", &code_at(&secret, now.plus_millis(90_000)))], Some(&third)).await), "three steps ahead");
    assert_eq!(
        app.call("second_factor_verify", &[("code", &format!("{} {}", &next[..3], &next[3..]))], Some(&third)).await.status,
        200,
        "next step, typed with a space"
    );
    assert!(app.call("profile", &[], Some(&third)).await.body.contains("mei@example.tw"));

    // A recovery code works once, and says so by email. Codes were shown once: take them from the flash.
    let id: i64 = sqlx::query("SELECT id FROM users WHERE email = 'mei@example.tw'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    let recovery = "abcde-fghjk";
    sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
        .bind(id)
        .bind(crate::server::auth::tokens::hash("abcdefghjk"))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let fourth = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    assert_eq!(app.call("second_factor_verify", &[("code", &recovery.to_uppercase())], Some(&fourth)).await.status, 200);
    assert_eq!(mails(&app, "mei@example.tw", "備用碼").await, 1, "a recovery code used is announced");
    let fifth = app.call("login", &[("email", "mei@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    assert!(wrong(&app.call("second_factor_verify", &[("code", recovery)], Some(&fifth)).await), "a recovery code works once");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM recovery_codes WHERE user_id = {id} AND used_at IS NULL")).await, 10, "the ten from enrolment remain");

    // A password reset never bypasses the second factor.
    app.call("request_reset", &[("email", "mei@example.tw")], None).await;
    let token = app.last_link_token("mei@example.tw", "/reset/confirm").await;
    let r = app
        .call("reset_password", &[("token", &token), ("password", "a brand new passphrase 9"), ("password_confirm", "a brand new passphrase 9")], None)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after = app.call("login", &[("email", "mei@example.tw"), ("password", "a brand new passphrase 9")], None).await.set_cookie("minyi_session").unwrap();
    assert!(app.call("profile", &[], Some(&after)).await.body.contains("Unauthenticated"), "still needs the code");
}
db_test!(codes_once_each_and_recovery_codes);

async fn staff_need_a_second_factor(app: TestApp) {
    let s = app.signed_up("mod@example.tw", "審核").await;
    let id: i64 = sqlx::query("SELECT id FROM users WHERE email = 'mod@example.tw'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    users::grant_role(&app.state.db.pool, id, Role::Moderator, None, app.state.now()).await.unwrap();
    app.state.sessions_changed();
    // A staff function called by a staff session without the second factor is refused,
    // and staff pages lead to enrolment.
    assert!(app.call("review_queue", &[], Some(&s)).await.body.contains("Forbidden"));
    assert_eq!(app.get("/moderation", Some(&s)).await.location(), Some("/profile/second-factor?next=%2Fmoderation"));
    app.enrol_via_pages(&s, "mod@example.tw").await;
    assert!(!app.call("review_queue", &[], Some(&s)).await.body.contains("Forbidden"));
    // Staff cannot turn it off; an admin can reset it, ending their sessions.
    let code = app.fresh_code("mod@example.tw").await;
    assert!(app.call("second_factor_remove", &[("code", &code)], Some(&s)).await.body.contains("Forbidden"));
    app.signed_up("admin@example.tw", "管理").await;
    let admin_id: i64 = sqlx::query("SELECT id FROM users WHERE email = 'admin@example.tw'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    users::grant_role(&app.state.db.pool, admin_id, Role::Admin, None, app.state.now()).await.unwrap();
    let admin = app.staff_session(admin_id).await;
    drop(s);
    let r = app.call("admin_reset_second_factor", &[("user_id", &id.to_string())], Some(&admin)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM sessions WHERE user_id = {id}")).await, 0);
    assert_eq!(mails(&app, "mod@example.tw", "重設").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'second_factor.admin_reset'").await, 1);
    // At the next login they are taken to enrolment again.
    let r = app.call("login", &[("email", "mod@example.tw"), ("password", PW)], None).await;
    let again = r.set_cookie("minyi_session").unwrap();
    assert!(app.call("review_queue", &[], Some(&again)).await.body.contains("Forbidden"));
}
db_test!(staff_need_a_second_factor);

async fn code_attempts_are_limited_and_citizens_may_turn_it_off(app: TestApp) {
    let s = app.signed_up("lin@example.tw", "林").await;
    app.enrol_via_pages(&s, "lin@example.tw").await;
    let half = app.call("login", &[("email", "lin@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    for _ in 0..10 {
        assert!(wrong(&app.call("second_factor_verify", &[("code", "111111")], Some(&half)).await));
    }
    let code = app.fresh_code("lin@example.tw").await;
    assert!(app.call("second_factor_verify", &[("code", &code)], Some(&half)).await.body.contains("RateLimited"), "ten wrong codes, then a pause");
    // A citizen may turn it off with a current code; an email says so.
    app.clock.advance_millis(16 * 60_000);
    let code = app.fresh_code("lin@example.tw").await;
    assert_eq!(app.call("second_factor_remove", &[("code", &code)], Some(&s)).await.status, 200);
    assert_eq!(mails(&app, "lin@example.tw", "關閉第二道驗證").await, 1);
    let plain = app.login("lin@example.tw", PW).await;
    assert!(app.call("profile", &[], Some(&plain)).await.body.contains("lin@example.tw"));
}
db_test!(code_attempts_are_limited_and_citizens_may_turn_it_off);

/// Guesses sent all at once are each counted before they are checked: no more than the
/// limit are even looked at, and a right code is refused after them.
async fn parallel_guesses_are_limited_too(app: TestApp) {
    let s = app.signed_up("guo@example.tw", "郭").await;
    app.enrol_via_pages(&s, "guo@example.tw").await;
    let half = app.call("login", &[("email", "guo@example.tw"), ("password", PW)], None).await.set_cookie("minyi_session").unwrap();
    let guesses = (0..16).map(|i| {
        let (app, half) = (&app, half.clone());
        async move { app.call("second_factor_verify", &[("code", &format!("{:06}", 200_000 + i))], Some(&half)).await }
    });
    let replies = futures::future::join_all(guesses).await;
    let checked = replies.iter().filter(|r| wrong(r)).count();
    assert!(checked <= 10, "{checked} guesses were checked");
    let code = app.fresh_code("guo@example.tw").await;
    assert!(app.call("second_factor_verify", &[("code", &code)], Some(&half)).await.body.contains("RateLimited"));
}
db_test!(parallel_guesses_are_limited_too);
