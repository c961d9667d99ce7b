//! Agency answers at the service level, on both engines, with the fake clock.
use super::petitions::{drain, open_petition, person, set_threshold, state_of};
use crate::db_test;
use crate::domain::petition::PetitionState;
use crate::domain::response::ResponseInput;
use crate::domain::role::Role;
use crate::domain::time::{DAY, HOUR};
use crate::error::AppError;
use crate::server::auth::session::SessionUser;
use crate::server::db::agencies;
use crate::server::petitions::sign;
use crate::server::responses::{jobs, public, transfer, workspace};
use crate::server::testing::{TestApp, app_on};
use sqlx::Row;

const TAIPEI: &str = "63000";

async fn agency_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query("SELECT id FROM agencies WHERE code = $1").bind(code).fetch_one(&app.state.db.pool).await.unwrap().get("id")
}

async fn officer_of(app: &TestApp, email: &str, agency: i64) -> SessionUser {
    let o = person(app, email, Some(Role::Officer)).await;
    agencies::add_member(&app.state.db.pool, agency, o.user_id, app.state.now()).await.unwrap();
    o
}

/// An established national petition led by motc with moenv as co-agency, signed by
/// `signer@example.tw` (who asked for updates).
async fn established(app: &TestApp) -> i64 {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(app, 1).await;
    let (id, _, _) = open_petition(app, "增設公共自行車站點").await;
    let moenv = agency_id(app, "moenv").await;
    sqlx::query("INSERT INTO petition_agencies (petition_id, agency_id, position) VALUES ($1, $2, 1)")
        .bind(id)
        .bind(moenv)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let signer = person(app, "signer@example.tw", None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", id, TAIPEI, true).await.unwrap();
    drain(app).await;
    assert_eq!(state_of(app, id).await, PetitionState::Established);
    id
}

fn answer() -> ResponseInput {
    ResponseInput {
        summary: "本部同意在主要車站增設站點，明年起分三年完成。".into(),
        details: "## 說明\n\n我們將與地方政府合作。<script>alert(1)</script>".into(),
        points: vec![("每站 200 公尺內設站".into(), "partly".into(), "部分車站腹地不足，改設 400 公尺內。".into())],
        links: "https://www.motc.gov.tw/plan".into(),
    }
}

fn form(agency_id: i64, publish: bool) -> workspace::Form {
    workspace::Form { agency_id, input: answer(), publish, cited: vec![] }
}

async fn permissions_follow_the_lead_agency(app: TestApp) {
    let id = established(&app).await;
    let (motc, moenv) = (agency_id(&app, "motc").await, agency_id(&app, "moenv").await);
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    let co = officer_of(&app, "co@gov.tw", moenv).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let s = &app.state;
    // Nobody but the lead agency's officers publishes the formal response.
    for who in [&co, &moderator, &admin, &citizen] {
        assert_eq!(workspace::save(s, who, id, form(motc, true)).await, Err(AppError::Forbidden), "{}", who.email);
    }
    // Moderators and citizens cannot write sections either; co-agency officers only their own.
    for who in [&moderator, &citizen, &lead] {
        assert_eq!(workspace::save(s, who, id, form(moenv, true)).await, Err(AppError::Forbidden), "{}", who.email);
    }
    // Drafts are the agency's own: the co-agency cannot read the lead's.
    workspace::save(s, &lead, id, form(motc, false)).await.unwrap();
    assert_eq!(workspace::workspace(s, &co, id, Some(motc)).await.unwrap_err(), AppError::Forbidden);
    assert_eq!(workspace::workspace(s, &lead, id, Some(motc)).await.unwrap().draft.summary, answer().summary);
    assert_eq!(workspace::workspace(s, &admin, id, Some(motc)).await.unwrap().draft.summary, answer().summary, "admins see drafts");
    assert!(workspace::workspace(s, &citizen, id, None).await.is_err());
    // Only the lead extends or transfers; admins correct the assignment.
    assert_eq!(workspace::extend(s, &co, id, "10", "需要跨部會協調時間。").await, Err(AppError::Forbidden));
    assert_eq!(transfer::request(s, &co, id, &moenv.to_string(), "應由環境部主辦此案。").await, Err(AppError::Forbidden));
    assert_eq!(transfer::request(s, &moderator, id, &moenv.to_string(), "應由環境部主辦此案。").await, Err(AppError::Forbidden));
    let lead_no_role = SessionUser { roles: Vec::new(), ..lead.clone() };
    assert_eq!(transfer::request(s, &lead_no_role, id, &moenv.to_string(), "應由環境部主辦此案。").await, Err(AppError::Forbidden));
    // The section and the formal response.
    workspace::save(s, &co, id, form(moenv, true)).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Established, "a section does not answer");
    workspace::save(s, &lead, id, form(motc, true)).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Answered);
    let page = public::for_petition(s, None, id).await.unwrap();
    let formal = page.formal.unwrap();
    assert!(formal.details_html.contains("<h4>說明</h4>") && !formal.details_html.contains("<script"));
    assert_eq!(formal.published_by, None, "the officer's name is for staff only");
    assert_eq!(page.sections.len(), 1);
    assert_eq!(public::for_petition(s, Some(&moderator), id).await.unwrap().formal.unwrap().published_by.as_deref(), Some("lead"));
    // Amendments keep every version.
    let mut amended = form(motc, true);
    amended.input.summary = "修訂：本部將在兩年內完成。".into();
    workspace::save(s, &lead, id, amended).await.unwrap();
    let versions = public::versions_page(s, None, id).await.unwrap().versions;
    assert_eq!(versions.iter().filter(|v| v.is_lead).count(), 2);
    assert_eq!(public::for_petition(s, None, id).await.unwrap().formal.unwrap().version, 2);
    // Ratings: signers only, once each.
    let signer = person(&app, "signer2@example.tw", None).await;
    assert_eq!(public::rate(s, &signer, id, "yes").await, Err(AppError::Forbidden));
    let signer1: SessionUser = SessionUser {
        user_id: sqlx::query("SELECT id FROM users WHERE email = 'signer@example.tw'").fetch_one(&s.db.pool).await.unwrap().get("id"),
        ..signer.clone()
    };
    public::rate(s, &signer1, id, "yes").await.unwrap();
    assert_eq!(public::rate(s, &signer1, id, "no").await, Err(AppError::Conflict));
    let r = public::for_petition(s, None, id).await.unwrap().rating;
    assert_eq!((r.helpful, r.not_helpful), (1, 0));
    // Timeline shows who answered by agency, never by officer.
    let kinds: Vec<String> = sqlx::query("SELECT kind FROM petition_events WHERE petition_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&s.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("kind"))
        .collect();
    assert!(kinds.contains(&"answered".to_string()) && kinds.contains(&"section_published".to_string()) && kinds.contains(&"response_amended".to_string()));
}
db_test!(permissions_follow_the_lead_agency);

async fn publishing_validates_next_to_the_field(app: TestApp) {
    let id = established(&app).await;
    let motc = agency_id(&app, "motc").await;
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    let mut f = form(motc, true);
    f.input.points = vec![("延長".into(), "not_accepted".into(), "".into())];
    f.input.links = "javascript:alert(1)".into();
    let Err(AppError::Invalid(e)) = workspace::save(&app.state, &lead, id, f).await else { panic!("invalid") };
    assert!(e.get("point_reason[0]").is_some() && e.get("links").is_some());
    assert_eq!(state_of(&app, id).await, PetitionState::Established, "nothing half-written");
    assert_eq!(app.count("SELECT COUNT(*) FROM response_versions").await, 0);
}
db_test!(publishing_validates_next_to_the_field);

async fn extension_and_transfer_keep_the_deadline_honest(app: TestApp) {
    let id = established(&app).await;
    let (motc, moenv, moe) = (agency_id(&app, "motc").await, agency_id(&app, "moenv").await, agency_id(&app, "moe").await);
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    let receiving = officer_of(&app, "moe@gov.tw", moe).await;
    let s = &app.state;
    let due = |app: &TestApp| {
        let pool = app.state.db.pool.clone();
        async move { sqlx::query("SELECT response_due_at FROM petitions WHERE id = $1").bind(id).fetch_one(&pool).await.unwrap().get::<i64, _>("response_due_at") }
    };
    let before = due(&app).await;
    let Err(AppError::Invalid(e)) = workspace::extend(s, &lead, id, "999", "短").await else { panic!() };
    assert!(e.get("days").is_some() && e.get("extension_reason").is_some());
    workspace::extend(s, &lead, id, "30", "需要跨部會協調預算。").await.unwrap();
    assert_eq!(due(&app).await, before + 30 * DAY);
    // Every surface shows the extended date: the page's data and the public API.
    let shown = crate::server::petitions::queries::detail(s, None, id).await.unwrap().summary.response_due_at;
    assert_eq!(shown, Some(crate::domain::time::Timestamp(before + 30 * DAY)));
    let api = app.get(&format!("/api/v1/petitions/{id}"), None).await;
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let expected = crate::server::api_v1::types::opt(shown);
    assert_eq!(v["response_due_at"].as_str(), expected.as_deref(), "{}", api.body);
    assert_eq!(workspace::extend(s, &lead, id, "10", "預算協調仍需更多時間。").await, Err(AppError::Conflict), "once only");
    // Transfer: the receiving agency accepts; the deadline does not reset.
    transfer::request(s, &lead, id, &moe.to_string(), "本案主要涉及校園周邊，應由教育部主辦。").await.unwrap();
    assert_eq!(app.emails_to("moe@gov.tw").await.len(), 1);
    let t: i64 = sqlx::query("SELECT id FROM lead_transfers").fetch_one(&s.db.pool).await.unwrap().get("id");
    let outsider = officer_of(&app, "env@gov.tw", moenv).await;
    assert_eq!(transfer::decide(s, &outsider, t, true).await, Err(AppError::Forbidden));
    let no_role = SessionUser { roles: Vec::new(), ..receiving.clone() };
    assert_eq!(transfer::decide(s, &no_role, t, true).await, Err(AppError::Forbidden), "membership without the officer role");
    transfer::decide(s, &receiving, t, true).await.unwrap();
    assert_eq!(crate::server::db::agencies::for_petition(&s.db.pool, id).await.unwrap()[0].id, moe);
    assert_eq!(due(&app).await, before + 30 * DAY);
    // The former lead stays on as a co-agency: what it publishes now is a section, not the answer.
    workspace::save(s, &lead, id, form(motc, true)).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Established);
    workspace::save(s, &receiving, id, form(moe, true)).await.unwrap();
    let detail: String = sqlx::query("SELECT detail FROM petition_events WHERE kind = 'lead_transferred'").fetch_one(&s.db.pool).await.unwrap().get("detail");
    assert!(detail.contains("教育部") && detail.contains("校園周邊"), "public, with its reason");
    // An admin's own request corrects the assignment at once.
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let id2 = {
        let (id2, _, _) = open_petition(&app, "第二份提議").await;
        sign::as_user(s, &person(&app, "x@example.tw", None).await, "10.0.0.2", id2, TAIPEI, false).await.unwrap();
        drain(&app).await;
        id2
    };
    transfer::request(s, &admin, id2, &moenv.to_string(), "指派錯誤，更正為環境部。").await.unwrap();
    assert_eq!(crate::server::db::agencies::for_petition(&s.db.pool, id2).await.unwrap()[0].id, moenv);
}
db_test!(extension_and_transfer_keep_the_deadline_honest);

async fn reminders_once_across_instances_and_restarts(app: TestApp) {
    let id = established(&app).await;
    let motc = agency_id(&app, "motc").await;
    officer_of(&app, "lead@gov.tw", motc).await;
    let due: i64 =
        sqlx::query("SELECT response_due_at FROM petitions WHERE id = $1").bind(id).fetch_one(&app.state.db.pool).await.unwrap().get("response_due_at");
    let url = app.state.config.database_url.clone();
    let a = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    let b = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    let at = |ms: i64| crate::domain::time::Timestamp(due + ms);
    let mails = || async { app.emails_to("lead@gov.tw").await.into_iter().map(|m| m.0).collect::<Vec<_>>() };
    // Before 14 days: nothing.
    a.clock.set(at(-15 * DAY));
    assert_eq!(jobs::remind(&a.state).await.unwrap(), 0);
    // At 14 and 3 days, two instances racing: one email each time.
    for (offset, needle) in [(-14 * DAY + HOUR, "14"), (-3 * DAY + HOUR, "3 天")] {
        a.clock.set(at(offset));
        b.clock.set(at(offset));
        let (ra, rb) = tokio::join!(jobs::remind(&a.state), jobs::remind(&b.state));
        assert_eq!(ra.unwrap() + rb.unwrap(), 1);
        assert_eq!(mails().await.iter().filter(|s| s.contains(needle)).count(), 1, "{needle}");
    }
    // Downtime past the due date: a restarted instance sends the overdue notice once.
    let c = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    c.clock.set(at(5 * DAY));
    assert_eq!(jobs::remind(&c.state).await.unwrap(), 1);
    assert_eq!(jobs::remind(&c.state).await.unwrap(), 0);
    b.clock.set(at(6 * DAY));
    assert_eq!(jobs::remind(&b.state).await.unwrap(), 0);
    assert_eq!(mails().await.len(), 3);
    // Overdue is public, counted in started days, everywhere the petition is listed.
    let d = crate::server::petitions::queries::detail(&c.state, None, id).await.unwrap();
    assert_eq!(crate::domain::response::days_overdue(d.summary.response_due_at.unwrap(), c.state.now()), Some(6));
    let stats = crate::server::responses::stats::all(&c.state, "").await.unwrap();
    assert_eq!(stats.iter().find(|s| s.agency.id == motc).unwrap().overdue_now, 1);
}
db_test!(reminders_once_across_instances_and_restarts);

async fn a_hundred_thousand_signers_are_queued_not_sent_in_the_request(app: TestApp) {
    let id = established(&app).await;
    let motc = agency_id(&app, "motc").await;
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    // The milestone notice (established) goes first, to the one signer so far.
    assert_eq!(jobs::notify_signers(&app.state, jobs::NOTICE_BATCH).await.unwrap(), 1);
    let milestone_mails = app.count("SELECT COUNT(*) FROM outbox WHERE list_unsubscribe <> ''").await;
    let now = app.state.now().0;
    let mut tx = app.state.db.begin().await.unwrap();
    for chunk in 0..100 {
        let rows: Vec<String> = (0..1000)
            .map(|i| {
                let n = chunk * 1000 + i;
                format!("({id}, 'bulk{n}@example.tw', 'bulk{n}@example.tw', 'b', '{TAIPEI}', 'zh-TW', 1, {now}, {now})")
            })
            .collect();
        sqlx::query(&format!(
            "INSERT INTO signatures (petition_id, email, email_norm, name, county, locale, notify, created_at, confirmed_at) VALUES {}",
            rows.join(", ")
        ))
        .execute(&mut **tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let outbox_before = app.count("SELECT COUNT(*) FROM outbox").await;
    workspace::save(&app.state, &lead, id, form(motc, true)).await.unwrap();
    // The request only recorded a notice: no signer email was written in it (only the proposer's).
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, outbox_before + 1, "only the proposer's mail");
    assert_eq!(app.count("SELECT COUNT(*) FROM signer_notices WHERE done_at IS NULL").await, 1);
    // The job queues a batch per run, with a one-click unsubscribe header each.
    assert_eq!(jobs::notify_signers(&app.state, jobs::NOTICE_BATCH).await.unwrap(), jobs::NOTICE_BATCH as usize);
    while jobs::notify_signers(&app.state, 25_000).await.unwrap() > 0 {}
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE list_unsubscribe <> ''").await, milestone_mails + 100_001);
    assert_eq!(app.count("SELECT COUNT(DISTINCT to_addr) FROM outbox WHERE list_unsubscribe <> ''").await, 100_001);
    assert_eq!(app.count("SELECT COUNT(*) FROM signer_notices WHERE done_at IS NULL").await, 0);
    // One click stops further updates for that signature.
    let link: String = sqlx::query("SELECT list_unsubscribe FROM outbox WHERE to_addr = 'signer@example.tw' AND list_unsubscribe <> ''")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .get("list_unsubscribe");
    let token = link.rsplit('/').next().unwrap();
    let r = app.post(&format!("/unsubscribe/{token}"), &[("List-Unsubscribe", "One-Click")], None, crate::server::testing::http::Via::Html, "/").await;
    assert_eq!(r.location(), Some(format!("/unsubscribe/{token}?done=1").as_str()));
    assert_eq!(app.count("SELECT notify FROM signatures WHERE email = 'signer@example.tw'").await, 0);
}
db_test!(a_hundred_thousand_signers_are_queued_not_sent_in_the_request);

async fn reassigning_an_established_petition_asks_the_receiving_agency(app: TestApp) {
    let id = established(&app).await;
    let (motc, moe) = (agency_id(&app, "motc").await, agency_id(&app, "moe").await);
    let receiving = officer_of(&app, "moe@gov.tw", moe).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let s = &app.state;
    crate::server::petitions::review::reassign(s, &moderator, id, &[moe.to_string()], "本案應由教育部主辦。").await.unwrap();
    // Nothing moves until the receiving agency accepts.
    assert_eq!(agencies::for_petition(&s.db.pool, id).await.unwrap()[0].id, motc);
    assert_eq!(app.emails_to("moe@gov.tw").await.len(), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_events WHERE kind = 'agencies_changed'").await, 0);
    let t: i64 = sqlx::query("SELECT id FROM lead_transfers").fetch_one(&s.db.pool).await.unwrap().get("id");
    transfer::decide(s, &receiving, t, true).await.unwrap();
    assert_eq!(agencies::for_petition(&s.db.pool, id).await.unwrap()[0].id, moe);
    // Naming the current lead again is not a change.
    let Err(AppError::Invalid(e)) = crate::server::petitions::review::reassign(s, &moderator, id, &[moe.to_string()], "再確認").await else { panic!() };
    assert!(e.get("agency_ids").is_some());
    // Once answered, the lead is settled.
    workspace::save(s, &receiving, id, form(moe, true)).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Answered);
    assert_eq!(crate::server::petitions::review::reassign(s, &moderator, id, &[motc.to_string()], "改回").await, Err(AppError::Conflict));
}
db_test!(reassigning_an_established_petition_asks_the_receiving_agency);

async fn signers_choose_their_mail_and_deleting_an_account_erases_its_signatures(app: TestApp) {
    let _first = established(&app).await;
    let s = &app.state;
    // The milestone reaches the signer who asked, with a working one-click unsubscribe.
    while jobs::notify_signers(s, jobs::NOTICE_BATCH).await.unwrap() > 0 {}
    let (link, body): (String, String) = {
        let r = sqlx::query("SELECT list_unsubscribe, body_text FROM outbox WHERE to_addr = 'signer@example.tw'").fetch_one(&s.db.pool).await.unwrap();
        (r.get("list_unsubscribe"), r.get("body_text"))
    };
    assert!(link.contains("/unsubscribe/") && body.contains(&link), "{body}");
    // A second petition: one signer turns updates off in the profile, one deletes the account.
    let (other, _, _) = open_petition(&app, "第二份提議").await;
    let quiet = person(&app, "quiet@example.tw", None).await;
    let leaving = person(&app, "leaving@example.tw", None).await;
    let hash = s.hasher.hash("leaving passphrase 2026".to_string()).await.unwrap();
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(&hash).bind(leaving.user_id).execute(&s.db.pool).await.unwrap();
    for p in [&quiet, &leaving] {
        sign::as_user(s, p, "10.0.0.9", other, TAIPEI, true).await.unwrap();
    }
    drain(&app).await;
    let count_before = crate::server::db::petitions::get(&s.db.pool, other).await.unwrap().unwrap().signature_count;
    crate::server::accounts::profile::update_preferences(s, &quiet, "zh-TW", false, true).await.unwrap();
    crate::server::accounts::profile::delete_account(s, &leaving, "leaving passphrase 2026").await.unwrap();
    // The deleted person's signature still counts but says nothing about them.
    drain(&app).await;
    assert_eq!(crate::server::db::petitions::get(&s.db.pool, other).await.unwrap().unwrap().signature_count, count_before);
    assert_eq!(app.count("SELECT COUNT(*) FROM signatures WHERE email LIKE 'leaving%' OR name LIKE 'leaving%' OR email_norm LIKE 'leaving%'").await, 0);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM signatures WHERE user_id = {} ", leaving.user_id)).await, 0);
    assert_eq!(crate::server::petitions::counting::reconcile(s).await.unwrap(), 0, "county and hourly figures unchanged");
    // Neither hears that it reached its threshold (the notice is sent after both changes).
    assert_eq!(state_of(&app, other).await, PetitionState::Established);
    while jobs::notify_signers(s, jobs::NOTICE_BATCH).await.unwrap() > 0 {}
    assert!(app.emails_to("quiet@example.tw").await.is_empty());
    assert!(app.emails_to("leaving@example.tw").await.is_empty());
    // The profile's choice is also the sign form's default.
    let third = open_petition(&app, "第三份提議").await.0;
    assert!(!crate::server::petitions::queries::detail(s, Some(&quiet), third).await.unwrap().viewer.notify_signed);
    assert!(crate::server::petitions::queries::detail(s, Some(&person(&app, "keen@example.tw", None).await), third).await.unwrap().viewer.notify_signed);
}
db_test!(signers_choose_their_mail_and_deleting_an_account_erases_its_signatures);

async fn an_answer_cites_statements_from_the_opinion_map(app: TestApp) {
    let id = established(&app).await;
    let motc = agency_id(&app, "motc").await;
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    let citizen = person(&app, "voice@example.tw", None).await;
    let s = &app.state;
    let subject = crate::dto::deliberation::Subject::Petition(id);
    crate::server::deliberation::write::write(s, &citizen, "10.0.0.9", subject, "站點應該設在出口旁邊").await.unwrap();
    let ws = workspace::workspace(s, &lead, id, Some(motc)).await.unwrap();
    let sid = ws.citable.first().expect("the statement can be cited").id;
    // Only this petition's shown statements.
    let stranger = workspace::Form { cited: vec!["999999".into()], ..form(motc, true) };
    assert!(matches!(workspace::save(s, &lead, id, stranger).await, Err(AppError::Invalid(e)) if e.get("cited").is_some()));
    workspace::save(s, &lead, id, workspace::Form { cited: vec![sid.to_string()], ..form(motc, true) }).await.unwrap();
    let mut conn = s.db.pool.acquire().await.unwrap();
    let current = crate::server::responses::public::versions_of(&mut conn, id, true).await.unwrap();
    assert_eq!(current[0].cited.iter().map(|c| c.id).collect::<Vec<_>>(), vec![sid]);
    let page = app.get(&format!("/petitions/{id}"), None).await;
    assert!(page.body.contains(&format!("/petitions/{id}/deliberation#s{sid}")), "the petition page links to the statement");
}
db_test!(an_answer_cites_statements_from_the_opinion_map);
