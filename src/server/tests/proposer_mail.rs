//! The proposer hears of every step of their petition, queued with the change itself;
//! signers who asked hear of an extension, with a one-click unsubscribe.
use super::petitions::{drain, input, national, person, set_threshold, state_of};
use crate::db_test;
use crate::domain::petition::PetitionState;
use crate::domain::response::ResponseInput;
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::session::SessionUser;
use crate::server::db::agencies;
use crate::server::petitions::{propose, review, sign};
use crate::server::responses::{jobs, transfer, workspace};
use crate::server::testing::TestApp;
use sqlx::Row;

const TITLE: &str = "增設公共自行車站點";
const TAIPEI: &str = "63000";
const L: Locale = Locale::ZhTw;

async fn agency_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query("SELECT id FROM agencies WHERE code = $1").bind(code).fetch_one(&app.state.db.pool).await.unwrap().get("id")
}

async fn officer_of(app: &TestApp, email: &str, agency: i64) -> SessionUser {
    let o = person(app, email, Some(Role::Officer)).await;
    agencies::add_member(&app.state.db.pool, agency, o.user_id, app.state.now()).await.unwrap();
    o
}

/// The proposer's mails with this subject: their bodies.
async fn mails(app: &TestApp, to: &str, subject: &str) -> Vec<String> {
    app.emails_to(to).await.into_iter().filter(|m| m.0 == subject).map(|m| m.1).collect()
}

async fn due_of(app: &TestApp, id: i64) -> Timestamp {
    Timestamp(sqlx::query("SELECT response_due_at FROM petitions WHERE id = $1").bind(id).fetch_one(&app.state.db.pool).await.unwrap().get("response_due_at"))
}

fn answer() -> ResponseInput {
    ResponseInput {
        summary: "本部同意在主要車站增設站點，明年起分三年完成。".into(),
        details: "我們將與地方政府合作。".into(),
        points: vec![("每站 200 公尺內設站".into(), "partly".into(), "部分車站腹地不足，改設 400 公尺內。".into())],
        links: "https://www.motc.gov.tw/plan".into(),
    }
}

async fn the_proposer_hears_each_step(app: TestApp) {
    let (j, motc) = national(&app).await;
    set_threshold(&app, 1).await;
    let s = &app.state;
    let proposer = person(&app, "proposer@example.tw", None).await;
    let to = proposer.email.as_str();
    // Submitted: sent for review, with the review's due date and the petition's page.
    let id = propose::save(s, &proposer, None, &input(TITLE, j, motc), true).await.unwrap();
    let submitted = mails(&app, to, &L.email_submitted_subject(TITLE)).await;
    assert_eq!(submitted.len(), 1);
    assert!(submitted[0].contains(&format!("/petitions/{id}")) && submitted[0].contains("（臺灣時間）"), "{}", submitted[0]);
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    review::claim(s, &moderator, id).await.unwrap();
    review::approve(s, &moderator, id).await.unwrap();
    let signer = person(&app, "signer@example.tw", None).await;
    sign::as_user(s, &signer, "10.0.0.1", id, TAIPEI, true).await.unwrap();
    drain(&app).await;
    assert_eq!(state_of(&app, id).await, PetitionState::Established);

    // Extended: the new due date, told in the same transaction (a refused second one says nothing).
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    workspace::extend(s, &lead, id, "30", "需要跨部會協調預算。").await.unwrap();
    let new_due = due_of(&app, id).await.date_taipei();
    let extended = mails(&app, to, &L.email_extended_subject(TITLE)).await;
    assert_eq!(extended.len(), 1);
    assert!(extended[0].contains(&new_due) && extended[0].contains("30 天") && extended[0].contains("需要跨部會協調預算。"), "{}", extended[0]);
    assert_eq!(workspace::extend(s, &lead, id, "10", "預算協調仍需更多時間。").await, Err(AppError::Conflict));
    assert_eq!(mails(&app, to, &L.email_extended_subject(TITLE)).await.len(), 1);

    // Transferred: the receiving agency accepts; the proposer learns who leads now, and why.
    let moe = agency_id(&app, "moe").await;
    let receiving = officer_of(&app, "moe@gov.tw", moe).await;
    transfer::request(s, &lead, id, &moe.to_string(), "本案主要涉及校園周邊，應由教育部主辦。").await.unwrap();
    assert!(mails(&app, to, &L.email_transferred_subject(TITLE)).await.is_empty(), "nothing moved yet");
    let t: i64 = sqlx::query("SELECT id FROM lead_transfers").fetch_one(&s.db.pool).await.unwrap().get("id");
    transfer::decide(s, &receiving, t, true).await.unwrap();
    let transferred = mails(&app, to, &L.email_transferred_subject(TITLE)).await;
    assert_eq!(transferred.len(), 1);
    assert!(transferred[0].contains("教育部") && transferred[0].contains("交通部") && transferred[0].contains("校園周邊"), "{}", transferred[0]);

    // Answered: the summary and the link, once (an amendment is not a new answer).
    workspace::save(s, &receiving, id, workspace::Form { agency_id: moe, input: answer(), publish: true, cited: vec![] }).await.unwrap();
    workspace::save(s, &receiving, id, workspace::Form { agency_id: moe, input: answer(), publish: true, cited: vec![] }).await.unwrap();
    let answered = mails(&app, to, &L.email_proposer_answered_subject(TITLE)).await;
    assert_eq!(answered.len(), 1);
    assert!(answered[0].contains(&answer().summary) && answered[0].contains(&format!("/petitions/{id}")), "{}", answered[0]);
    // Every step, in order, none of them bulk mail.
    let subjects: Vec<String> = app.emails_to(to).await.into_iter().map(|m| m.0).collect();
    let expected = [
        L.email_submitted_subject(TITLE),
        L.email_approved_subject(TITLE),
        L.email_established_subject(TITLE),
        L.email_extended_subject(TITLE),
        L.email_transferred_subject(TITLE),
        L.email_proposer_answered_subject(TITLE),
    ];
    assert_eq!(subjects, expected, "{subjects:#?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE to_addr = 'proposer@example.tw' AND list_unsubscribe <> ''").await, 0);
}
db_test!(the_proposer_hears_each_step);

async fn signers_who_asked_hear_of_an_extension(app: TestApp) {
    let (j, motc) = national(&app).await;
    set_threshold(&app, 1).await;
    let s = &app.state;
    let id = {
        let proposer = person(&app, "proposer@example.tw", None).await;
        let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
        let id = propose::save(s, &proposer, None, &input(TITLE, j, motc), true).await.unwrap();
        review::claim(s, &moderator, id).await.unwrap();
        review::approve(s, &moderator, id).await.unwrap();
        id
    };
    let asked = person(&app, "signer@example.tw", None).await;
    let quiet = person(&app, "quiet@example.tw", None).await;
    sign::as_user(s, &asked, "10.0.0.1", id, TAIPEI, true).await.unwrap();
    sign::as_user(s, &quiet, "10.0.0.2", id, TAIPEI, false).await.unwrap();
    drain(&app).await;
    while jobs::notify_signers(s, jobs::NOTICE_BATCH).await.unwrap() > 0 {}
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    workspace::extend(s, &lead, id, "1", "需要跨部會協調預算。").await.unwrap();
    // The request only records the notice; the paced job writes the signers' mail.
    assert!(mails(&app, "signer@example.tw", &L.email_extended_subject(TITLE)).await.is_empty());
    assert_eq!(jobs::notify_signers(s, jobs::NOTICE_BATCH).await.unwrap(), 1);
    assert_eq!(jobs::notify_signers(s, jobs::NOTICE_BATCH).await.unwrap(), 0);
    let r = sqlx::query("SELECT body_text, list_unsubscribe FROM outbox WHERE to_addr = 'signer@example.tw' AND subject = $1")
        .bind(L.email_extended_subject(TITLE))
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    let (body, link): (String, String) = (r.get("body_text"), r.get("list_unsubscribe"));
    assert!(body.contains(&due_of(&app, id).await.date_taipei()) && body.contains("1 天"), "{body}");
    assert!(link.contains("/unsubscribe/") && body.contains(&link), "{body}");
    assert!(app.emails_to("quiet@example.tw").await.is_empty(), "a signer who did not ask hears nothing");
    // The header works: the built message carries it, and one click turns updates off.
    let mail = crate::server::db::outbox::OutgoingEmail { to: "signer@example.tw".into(), subject: "s".into(), body, list_unsubscribe: link.clone() };
    let raw = String::from_utf8(crate::server::email::transport::build_message("minyi <no-reply@minyi.tw>", 9, &mail).unwrap().formatted()).unwrap();
    assert!(raw.contains(&format!("List-Unsubscribe: <{link}>")) && raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{raw}");
    assert!(jobs::unsubscribe(s, link.rsplit('/').next().unwrap()).await.unwrap());
    assert_eq!(app.count("SELECT notify FROM signatures WHERE email = 'signer@example.tw'").await, 0);
    // In English too, for a signer who reads English.
    let en = crate::server::responses::emails::extension(
        "en",
        "a@x.tw",
        "A",
        &crate::server::db::petitions::get(&s.db.pool, id).await.unwrap().unwrap(),
        1,
        "r",
        "https://m.tw",
        "tok",
    );
    assert!(en.body.contains("by 1 day.") && en.list_unsubscribe == "https://m.tw/unsubscribe/tok", "{}", en.body);
}
db_test!(signers_who_asked_hear_of_an_extension);

async fn sponsors_first_then_review_and_opting_out_is_respected(app: TestApp) {
    let (j, motc) = national(&app).await;
    sqlx::query("UPDATE jurisdictions SET sponsors_needed = 1").execute(&app.state.db.pool).await.unwrap();
    let s = &app.state;
    let proposer = person(&app, "proposer@example.tw", None).await;
    let id = propose::save(s, &proposer, None, &input(TITLE, j, motc), true).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::AwaitingSponsors);
    let first = mails(&app, "proposer@example.tw", &L.email_submitted_sponsors_subject(TITLE)).await;
    let key: String = sqlx::query("SELECT sponsor_key FROM petitions WHERE id = $1").bind(id).fetch_one(&s.db.pool).await.unwrap().get("sponsor_key");
    assert_eq!(first.len(), 1);
    assert!(first[0].contains(&format!("/sponsor/{key}")) && first[0].contains("1 位"), "{}", first[0]);
    // The last sponsor sends it to review: the proposer hears so.
    let sponsor = person(&app, "sponsor@example.tw", None).await;
    propose::sponsor(s, &sponsor, &key).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::InReview);
    assert_eq!(mails(&app, "proposer@example.tw", &L.email_submitted_subject(TITLE)).await.len(), 1);

    // A proposer who turned progress mail off gets none of it.
    sqlx::query("UPDATE jurisdictions SET sponsors_needed = 0").execute(&s.db.pool).await.unwrap();
    let quiet = person(&app, "quiet@example.tw", None).await;
    crate::server::accounts::profile::update_preferences(s, &quiet, "zh-TW", true, false).await.unwrap();
    propose::save(s, &quiet, None, &input("另一份提議", j, motc), true).await.unwrap();
    assert!(app.emails_to("quiet@example.tw").await.is_empty());
}
db_test!(sponsors_first_then_review_and_opting_out_is_respected);
