//! Following without signing: follow by form post, instant mail with a one-click unfollow,
//! the daily digest (once), and who is never mailed; on both engines, with the fake clock.
use super::petitions::{drain, national, open_petition, person, set_threshold};
use crate::db_test;
use crate::domain::time::{HOUR, MINUTE};
use crate::server::follows::mail;
use crate::server::petitions::sign;
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use axum::body::Body;
use http::{Request, StatusCode};
use sqlx::Row;

const FAN: &str = "fan@example.tw";

async fn follows_of(app: &TestApp, email: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM follows f JOIN users u ON u.id = f.user_id WHERE u.email = '{email}'");
    app.count(&sql).await
}

/// (subject, body, List-Unsubscribe) of every mail to `to`, oldest first.
async fn mails_to(app: &TestApp, to: &str) -> Vec<(String, String, String)> {
    sqlx::query("SELECT subject, body_text, list_unsubscribe FROM outbox WHERE to_addr = $1 ORDER BY id")
        .bind(to)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("subject"), r.get("body_text"), r.get("list_unsubscribe")))
        .collect()
}

/// Follow by the page's plain form post; the browser goes back to the page's follow box.
async fn follow(app: &TestApp, session: &str, kind: &str, target: i64, back: &str) {
    let r = app.post("/api/follow", &[("kind", kind), ("target", &target.to_string()), ("back", back)], Some(session), Via::Html, back).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), Some(format!("{back}#follow").as_str()));
}

async fn follow_then_an_event_brings_one_instant_mail(app: TestApp) {
    let (_, motc) = national(&app).await;
    set_threshold(&app, 1).await;
    let fan = app.signed_up(FAN, "小芳").await;
    follow(&app, &fan, "agency", motc, "/agencies/motc").await;
    // Following twice changes nothing.
    follow(&app, &fan, "agency", motc, "/agencies/motc").await;
    assert_eq!(follows_of(&app, FAN).await, 1);
    // A suspended follower is not mailed.
    let held = person(&app, "held@example.tw", None).await;
    crate::server::db::follows::follow(&app.state.db.pool, held.user_id, crate::dto::follows::FollowKind::Agency, motc, app.state.now()).await.unwrap();
    sqlx::query("UPDATE users SET suspended_until = $1 WHERE id = $2")
        .bind(app.state.now().plus_millis(HOUR).0)
        .bind(held.user_id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();

    // Approval publishes a petition addressed to motc: one mail, soon after, with a one-click unfollow.
    app.clock.advance_millis(MINUTE);
    let (id, _, _) = open_petition(&app, "公車站加裝遮雨棚").await;
    assert_eq!(mail::instant(&app.state, mail::BATCH).await.unwrap(), 1);
    let mails = mails_to(&app, FAN).await.into_iter().filter(|m| !m.2.is_empty()).collect::<Vec<_>>();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let (subject, body, unsubscribe) = &mails[0];
    assert!(subject.contains("公車站加裝遮雨棚"), "{subject}");
    assert!(unsubscribe.contains("/unsubscribe/follow/") && body.contains(unsubscribe.as_str()), "{body}");
    assert!(body.contains(&format!("/petitions/{id}")), "{body}");
    assert!(mails_to(&app, "held@example.tw").await.is_empty());
    // The job again: nothing new.
    assert_eq!(mail::instant(&app.state, mail::BATCH).await.unwrap(), 0);

    // The petition page offers to follow it; once followed it says so.
    let page = app.get(&format!("/petitions/{id}"), Some(&fan)).await;
    assert!(page.body.contains("/api/follow") && page.body.contains(&format!("/api/v1/feeds/petitions/{id}")), "no follow box");
    follow(&app, &fan, "petition", id, &format!("/petitions/{id}")).await;
    let page = app.get(&format!("/petitions/{id}"), Some(&fan)).await;
    assert!(page.body.contains("追蹤中 · 取消追蹤"), "the button did not turn into Following · Unfollow");
    // Established: the person follows the petition and its agency, and hears of it once.
    let signer = person(&app, "signer@example.tw", None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", id, "63000", false).await.unwrap();
    drain(&app).await;
    assert_eq!(mail::instant(&app.state, mail::BATCH).await.unwrap(), 1);
    assert_eq!(mail::instant(&app.state, mail::BATCH).await.unwrap(), 0);
    let mails = mails_to(&app, FAN).await.into_iter().filter(|m| !m.2.is_empty()).collect::<Vec<_>>();
    assert_eq!(mails.len(), 2);
    assert_ne!(mails[0].2, mails[1].2, "each mail has its own unfollow link");
}
db_test!(follow_then_an_event_brings_one_instant_mail);

async fn one_click_unsubscribe_removes_the_follow(app: TestApp) {
    let (_, motc) = national(&app).await;
    let fan = app.signed_up(FAN, "小芳").await;
    follow(&app, &fan, "agency", motc, "/agencies/motc").await;
    app.clock.advance_millis(MINUTE);
    open_petition(&app, "人行道拓寬").await;
    mail::instant(&app.state, mail::BATCH).await.unwrap();
    let link = mails_to(&app, FAN).await.into_iter().map(|m| m.2).find(|l| !l.is_empty()).expect("a follow mail");
    let token = link.rsplit('/').next().unwrap().to_string();
    // The page behind the link asks first; a GET changes nothing.
    let page = app.get(&format!("/unsubscribe/follow/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(follows_of(&app, FAN).await, 1);
    // A mail client's one-click POST: no cookies, no Origin (RFC 8058).
    let req = Request::post(format!("/unsubscribe/follow/{token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.location(), Some(format!("/unsubscribe/follow/{token}?done=1").as_str()), "{} {}", r.status, r.body);
    assert_eq!(follows_of(&app, FAN).await, 0);
    // A made-up token does nothing.
    let r = app.post("/unsubscribe/follow/0000", &[], None, Via::Html, "/").await;
    assert_eq!(r.location(), Some("/unsubscribe/follow/0000?done=0"));
}
db_test!(one_click_unsubscribe_removes_the_follow);

async fn the_digest_comes_once_a_day_with_every_event(app: TestApp) {
    let (_, motc) = national(&app).await;
    let fan = app.signed_up(FAN, "小芳").await;
    let r = app.post("/api/follow_mail_set", &[("follow_mail", "digest")], Some(&fan), Via::Html, "/profile").await;
    assert_eq!(r.location(), Some("/profile?notice=saved"));
    let page = app.get("/profile", Some(&fan)).await;
    assert!(page.body.contains(r#"value="digest" checked"#) || page.body.contains(r#"checked value="digest""#), "digest not shown as chosen");
    follow(&app, &fan, "agency", motc, "/agencies/motc").await;
    follow(&app, &fan, "topic", 1, "/petitions?category=1").await;
    app.clock.advance_millis(MINUTE);
    // Two petitions on the followed topic addressed to the followed agency: two events.
    open_petition(&app, "河濱自行車道照明").await;
    open_petition(&app, "校園周邊人行道").await;
    // The topic has its own feed, linked beside the button on the filtered list.
    let code: String = sqlx::query("SELECT code FROM categories WHERE id = 1").fetch_one(&app.state.db.pool).await.unwrap().get("code");
    let list = app.get("/petitions?category=1", Some(&fan)).await;
    assert!(list.body.contains(&format!("/api/v1/feeds/petitions.atom?topic={code}")) && list.body.contains("追蹤中 · 取消追蹤"), "no topic follow box");
    let feed = app.get(&format!("/api/v1/feeds/petitions.atom?topic={code}"), None).await;
    assert!(feed.body.contains("河濱自行車道照明") && feed.body.contains("校園周邊人行道"), "{}", feed.body);
    let feed = app.get("/api/v1/feeds/petitions.atom?topic=no-such-topic", None).await;
    assert!(!feed.body.contains("河濱自行車道照明"), "{}", feed.body);
    // Digest readers get no instant mail, and nothing before 08:00 Taiwan time.
    assert_eq!(mail::instant(&app.state, mail::BATCH).await.unwrap(), 0);
    assert_eq!(mail::digest(&app.state).await.unwrap(), 0);
    assert!(mails_to(&app, FAN).await.iter().all(|m| m.2.is_empty()));
    // The next morning: one digest with both, once, however often the job runs.
    let eight = mail::digest_moment(app.state.now().plus_millis(24 * HOUR));
    app.clock.advance_millis(eight.0 - app.state.now().0 + MINUTE);
    assert_eq!(mail::digest(&app.state).await.unwrap(), 1);
    assert_eq!(mail::digest(&app.state).await.unwrap(), 0);
    let digests = mails_to(&app, FAN).await.into_iter().filter(|m| !m.2.is_empty()).collect::<Vec<_>>();
    assert_eq!(digests.len(), 1, "{digests:?}");
    let (_, body, unsubscribe) = &digests[0];
    assert!(body.contains("河濱自行車道照明") && body.contains("校園周邊人行道"), "{body}");
    assert!(body.contains(unsubscribe.as_str()), "{body}");
    // The one-click link of a digest unfollows everything.
    let token = unsubscribe.rsplit('/').next().unwrap();
    let r = app.post(&format!("/unsubscribe/follow/{token}"), &[], None, Via::Html, "/").await;
    assert_eq!(r.location(), Some(format!("/unsubscribe/follow/{token}?done=1").as_str()));
    assert_eq!(follows_of(&app, FAN).await, 0);
}
db_test!(the_digest_comes_once_a_day_with_every_event);

async fn signed_out_people_cannot_follow(app: TestApp) {
    let (_, motc) = national(&app).await;
    let r = app.call("follow", &[("kind", "agency"), ("target", &motc.to_string())], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM follows").await, 0);
    // They are offered a way in instead of the button.
    let page = app.get("/agencies/motc", None).await;
    assert!(page.body.contains("/login?next=%2Fagencies%2Fmotc"), "no log-in link");
    assert!(page.body.contains("/api/v1/feeds/petitions.atom?agency=motc"), "no feed link");
    // Following something that is not there is refused; following twice is idempotent.
    let fan = app.signed_up(FAN, "小芳").await;
    let r = app.call("follow", &[("kind", "petition"), ("target", "999999")], Some(&fan)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    for _ in 0..2 {
        let r = app.call("follow", &[("kind", "topic"), ("target", "1")], Some(&fan)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    assert_eq!(follows_of(&app, FAN).await, 1);
    let page = app.get("/me/following", Some(&fan)).await;
    assert!(page.body.contains("/api/v1/feeds/petitions.atom?topic="), "the list shows the topic with its feed");
}
db_test!(signed_out_people_cannot_follow);
