//! Personal data over its lifetime, with the fake clock on both engines: signers' data
//! retired on schedule (counts unchanged), and "Download my data".
use super::petitions::{drain, national, open_petition, person, set_threshold};
use crate::db_test;
use crate::domain::time::DAY;
use crate::server::discussion::write::{self, Post};
use crate::server::petitions::{lifecycle, sign};
use crate::server::privacy::retention;
use crate::server::testing::TestApp;
use sqlx::Row;
use std::io::Read;

const TAIPEI: &str = "63000";

async fn counts(app: &TestApp, id: i64) -> (i64, i64, i64) {
    let db = &app.state.db.pool;
    let count: i64 = sqlx::query("SELECT signature_count FROM petitions WHERE id = $1").bind(id).fetch_one(db).await.unwrap().get(0);
    let by_county: i64 = sqlx::query("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS n FROM petition_county_counts WHERE petition_id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
        .try_get::<i64, _>(0)
        .unwrap_or_default();
    let rows = app.count(&format!("SELECT COUNT(*) FROM signatures WHERE petition_id = {id}")).await;
    (count, by_county, rows)
}

/// When the petition closed, plus `days`.
async fn ends_plus(app: &TestApp, id: i64, days: i64) -> i64 {
    let closed: i64 = sqlx::query("SELECT closed_at FROM petitions WHERE id = $1").bind(id).fetch_one(&app.state.db.pool).await.unwrap().get(0);
    closed + days * DAY
}

async fn signers_data_go_after_the_retention_period(app: TestApp) {
    // One petition will close short of its threshold; the other is established and owed an answer.
    national(&app).await;
    set_threshold(&app, 1).await;
    let (still_open, _, _) = open_petition(&app, "增設自行車道").await;
    set_threshold(&app, 1000).await;
    let (ended, _, _) = open_petition(&app, "延長公車末班時間").await;
    for (i, id) in [ended, ended, ended, still_open].into_iter().enumerate() {
        let who = person(&app, &format!("signer{i}@example.tw"), None).await;
        sign::as_user(&app.state, &who, &format!("10.0.0.{i}"), id, TAIPEI, true).await.unwrap();
    }
    drain(&app).await;
    let before = counts(&app, ended).await;
    assert_eq!(before.0, 3);
    // Signing ends without the threshold: the petition closes, and its clock starts.
    app.clock.advance_millis(61 * DAY);
    lifecycle::close_due(&app.state).await.unwrap();
    let until = ends_plus(&app, ended, 183).await;
    app.clock.advance_millis(until - app.state.now().0 - 1000);
    assert_eq!(retention::run(&app.state).await.unwrap(), 0, "kept for 183 days after the end");
    app.clock.advance_millis(1000);
    let (a, b) = tokio::join!(retention::run(&app.state), retention::run(&app.state));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "once, however many instances run the job");

    let personal = format!(
        "SELECT COUNT(*) FROM signatures WHERE petition_id = {ended} AND (name <> '' OR email <> '' OR ip <> '' OR ip_block <> '' OR email_domain <> '' OR user_agent <> '' OR user_id IS NOT NULL)"
    );
    assert_eq!(app.count(&personal).await, 0, "no name, email or address is left");
    drain(&app).await;
    assert_eq!(counts(&app, ended).await, before, "the count, the county figures and the rows stay");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petitions WHERE id = {ended} AND anonymised_at IS NOT NULL")).await, 1);
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM petition_events WHERE petition_id = {ended} AND kind = 'signers_anonymised' AND detail = '183'")).await,
        1
    );
    // A petition that is still open (or owed an answer) keeps its signers.
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM signatures WHERE petition_id = {still_open} AND email <> ''")).await, 1);
    // The public page says so, in the reader's language.
    let page = app.get(&format!("/petitions/{ended}"), None).await;
    assert!(page.body.contains("已刪除附議人的姓名"), "{}", page.body.len());
}
db_test!(signers_data_go_after_the_retention_period);

/// Each jurisdiction sets its own period; the admin form refuses nonsense next to the field.
async fn each_jurisdiction_sets_its_period(app: TestApp) {
    let db = &app.state.db.pool;
    national(&app).await;
    set_threshold(&app, 1000).await;
    let (id, _, _) = open_petition(&app, "公園增設遮陽設施").await;
    // Set after the petition opened: the period in force when the job runs applies.
    sqlx::query("UPDATE jurisdictions SET retention_days = 30").execute(db).await.unwrap();
    let who = person(&app, "s@example.tw", None).await;
    sign::as_user(&app.state, &who, "10.0.0.9", id, TAIPEI, true).await.unwrap();
    app.clock.advance_millis(61 * DAY);
    lifecycle::close_due(&app.state).await.unwrap();
    let until = ends_plus(&app, id, 30).await;
    app.clock.advance_millis(until - app.state.now().0);
    assert_eq!(retention::run(&app.state).await.unwrap(), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_events WHERE kind = 'signers_anonymised' AND detail = '30'").await, 1);

    let admin = person(&app, "admin@example.tw", Some(crate::domain::role::Role::Admin)).await;
    let bad = crate::server::admin::org::JurisdictionInput {
        code: "",
        level: "national",
        name_zh: "中央",
        name_en: "National",
        retention_days: "7",
        conclusion_days: "",
        regulation_days: "",
        regulation_answer_days: "",
    };
    let err = crate::server::admin::org::edit_jurisdiction(&app.state, &admin, 1, &bad).await.unwrap_err();
    assert!(matches!(err, crate::error::AppError::Invalid(ref f) if f.get("retention_days").is_some()), "{err:?}");
}
db_test!(each_jurisdiction_sets_its_period);

fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

async fn a_person_downloads_their_data(app: TestApp) {
    let (id, proposer, _) = open_petition(&app, "改善社區照明").await;
    let me = person(&app, "me@example.tw", None).await;
    let other = person(&app, "other@example.tw", None).await;
    sign::as_user(&app.state, &me, "10.0.0.1", id, TAIPEI, true).await.unwrap();
    sign::as_user(&app.state, &other, "10.0.0.2", id, TAIPEI, true).await.unwrap();
    write::post(
        &app.state,
        &me,
        "10.0.0.1",
        Post { subject: crate::dto::deliberation::Subject::Petition(id), parent_id: None, body: "=HYPERLINK(\"http://x\") 我支持", as_agency: "" },
    )
    .await
    .unwrap();
    crate::server::follows::follow(&app.state, &me, "petition", id).await.unwrap();
    crate::server::deliberation::write::write(&app.state, &me, "10.0.0.1", crate::dto::deliberation::Subject::Petition(id), "路燈應該改成省電的 LED")
        .await
        .unwrap();
    crate::server::follows::set_mail_mode(&app.state, &me, "digest").await.unwrap();
    crate::server::follows::follow(&app.state, &other, "petition", id).await.unwrap();
    let _ = proposer;
    let raw = crate::server::auth::session::create(&app.state.db.pool, &app.state.config, me.user_id, app.state.now()).await.unwrap();
    app.state.sessions_changed();

    let r = app.get("/profile/data.zip", Some(&raw)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers.get("content-type").unwrap(), "application/zip");
    assert!(r.headers.get("cache-control").unwrap().to_str().unwrap().contains("no-store"));
    let files = unzip(&r.bytes);
    let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, s)| s.clone()).unwrap_or_else(|| panic!("{name} in the ZIP"));
    for name in [
        "README.txt",
        "account.json",
        "account.csv",
        "signatures.json",
        "signatures.csv",
        "petitions.json",
        "comments.json",
        "comments.csv",
        "comment_votes.json",
        "reports.json",
        "moderation_decisions.json",
        "emails.json",
        "follows.json",
        "follows.csv",
        "follow_mail.json",
        "statements.json",
        "statement_votes.csv",
    ] {
        file(name);
    }
    assert!(file("account.json").contains("me@example.tw"));
    assert!(file("signatures.json").contains("改善社區照明"));
    let follows: serde_json::Value = serde_json::from_str(&file("follows.json")).unwrap();
    assert_eq!(follows.as_array().unwrap().len(), 1, "only my own follow: {follows}");
    assert_eq!(follows[0]["kind"], "petition");
    assert_eq!(follows[0]["target"], id);
    assert!(file("follow_mail.json").contains("digest"));
    assert!(file("statements.json").contains("路燈應該改成省電的 LED"));
    assert!(file("statement_votes.csv").lines().count() == 2, "a header and my own agreement");
    assert!(!files.iter().any(|(_, s)| s.contains("other@example.tw")), "nobody else's data");
    assert!(!files.iter().any(|(_, s)| s.contains("password") || s.contains("secret")), "no secrets");
    let comments: serde_json::Value = serde_json::from_str(&file("comments.json")).unwrap();
    assert!(comments[0]["created_at"].as_str().unwrap().ends_with('Z'), "times are dates");
    assert!(file("comments.csv").contains("\"'=HYPERLINK"), "a formula stays text in a spreadsheet");
    // Nobody else's download: without a session, the sign-in page.
    let anon = app.get("/profile/data.zip", None).await;
    assert_eq!(anon.status.as_u16() / 100, 3);
    assert!(anon.location().unwrap().starts_with("/login"));
}
db_test!(a_person_downloads_their_data);
