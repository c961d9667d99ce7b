//! The fraud console at the service level, on both engines: a 5,000-signature burst
//! from one /24 among 2,000 legitimate signatures is detected, previewed, invalidated
//! and restored, with exact counts, threshold state and logs at every step.
use super::petitions::{drain, open_petition, person, set_threshold, state_of};
use crate::db_test;
use crate::domain::petition::PetitionState;
use crate::domain::role::Role;
use crate::domain::time::{DAY, MINUTE, SECOND};
use crate::dto::fraud::SelectionForm;
use crate::error::AppError;
use crate::server::moderation::fraud;
use crate::server::testing::TestApp;
use sqlx::Row;

const LEGIT: i64 = 2_000;
const BURST: i64 = 5_000;

async fn insert(app: &TestApp, id: i64, rows: Vec<String>) {
    let mut tx = app.state.db.begin().await.unwrap();
    for chunk in rows.chunks(500) {
        let sql = format!(
            "INSERT INTO signatures (petition_id, email, email_norm, name, county, locale, notify, ip, ip_block, email_domain, user_agent, created_at, confirmed_at) VALUES {}",
            chunk.join(", ")
        );
        sqlx::query(&sql).execute(&mut **tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    let _ = id;
}

async fn count(app: &TestApp, id: i64) -> i64 {
    crate::server::db::petitions::get(&app.state.db.pool, id).await.unwrap().unwrap().signature_count
}

/// Every stored figure agrees with the rows: total, counties and hours.
async fn exact(app: &TestApp, id: i64, expected: i64) {
    assert_eq!(count(app, id).await, expected);
    assert_eq!(app.count(&format!("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_county_counts WHERE petition_id = {id}")).await, expected);
    assert_eq!(app.count(&format!("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_hourly_counts WHERE petition_id = {id}")).await, expected);
    assert_eq!(crate::server::petitions::counting::reconcile(&app.state).await.unwrap(), 0, "nothing to repair");
}

fn burst_form() -> SelectionForm {
    SelectionForm { block: "203.0.113.0/24".into(), ..Default::default() }
}

async fn a_burst_is_seen_previewed_invalidated_and_restored(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(&app, 6_000).await;
    let s = &app.state;
    let (id, proposer, moderator) = open_petition(&app, "偏鄉醫療巡迴車").await;
    let motc: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'motc'").fetch_one(&s.db.pool).await.unwrap().get("id");
    let officer = person(&app, "officer@gov.tw", Some(Role::Officer)).await;
    crate::server::db::agencies::add_member(&s.db.pool, motc, officer.user_id, s.now()).await.unwrap();
    // Opened three days ago; 2,000 people signed since, from all over; then 5,000 in five
    // minutes from one /24 with one mail domain.
    let now = s.now().0;
    sqlx::query("UPDATE petitions SET opened_at = $2 WHERE id = $1").bind(id).bind(now - 3 * DAY).execute(&s.db.pool).await.unwrap();
    let legit = (0..LEGIT)
        .map(|i| {
            let at = now - 3 * DAY + 10 * MINUTE + i * 2 * MINUTE;
            let (a, b) = (i / 200, i % 200);
            format!("({id}, 'p{i}@example.tw', 'p{i}@example.tw', 'p', '63000', 'zh-TW', 0, '10.{a}.{b}.1', '10.{a}.{b}.0/24', 'example.tw', 'Mozilla/5.0 Phone', {at}, {at})")
        })
        .collect();
    insert(&app, id, legit).await;
    let burst = (0..BURST)
        .map(|i| {
            let at = now - 5 * MINUTE + i * 60;
            format!("({id}, 'b{i}@mailinator.example', 'b{i}@mailinator.example', 'b', '64000', 'zh-TW', 0, '203.0.113.{}', '203.0.113.0/24', 'mailinator.example', 'python-requests/2.31', {at}, {at})", i % 250)
        })
        .collect();
    insert(&app, id, burst).await;
    drain(&app).await;
    exact(&app, id, LEGIT + BURST).await;
    assert_eq!(state_of(&app, id).await, PetitionState::Established, "the burst crossed the threshold");

    // Detected: one alert and one email per moderator per hour, whatever the instances.
    assert_eq!(fraud::watch(s).await.unwrap(), 1);
    assert_eq!(fraud::watch(s).await.unwrap(), 0, "once an hour");
    assert_eq!(app.emails_to(&moderator.email).await.iter().filter(|m| m.0.contains("附議異常")).count(), 1);
    assert_eq!(fraud::alerts(s, &moderator).await.unwrap().len(), 1);
    assert_eq!(fraud::alerts(s, &proposer).await, Err(AppError::Forbidden));
    let v = fraud::view(s, &moderator, id, None).await.unwrap();
    assert_eq!((v.blocks[0].key.as_str(), v.blocks[0].count, v.blocks[0].cluster), ("203.0.113.0/24", BURST, true));
    assert_eq!((v.domains[0].key.as_str(), v.agents[0].key.as_str()), ("mailinator.example", "python-requests/2.31"));
    assert!(v.minutes.iter().any(|m| m.burst), "a burst minute against a usual rate of {}", v.usual_per_minute);
    let text = serde_json::to_string(&v).unwrap();
    assert!(!text.contains("b1@mailinator") && !text.contains("p1@example"), "no one's address reaches the console");
    assert_eq!(fraud::view(s, &proposer, id, None).await.map(|_| ()), Err(AppError::Forbidden));

    // Previewed: the count the selection takes, and a selection too broad is refused.
    let v = fraud::view(s, &moderator, id, Some(burst_form())).await.unwrap();
    assert_eq!(v.preview, Some(BURST));
    let broad = fraud::view(s, &moderator, id, Some(SelectionForm { from: "2026-01-01T00:00".into(), ..Default::default() })).await.unwrap();
    assert!(broad.preview.is_none() && broad.selection_errors.is_some_and(|e| e.get("block").is_some()));
    let Err(AppError::Invalid(e)) = fraud::invalidate(s, &moderator, id, &burst_form(), "", "短").await else { panic!() };
    assert!(e.get("reason").is_some() && e.get("explanation").is_some());
    exact(&app, id, LEGIT + BURST).await;

    // Invalidated: out of every count at once; below the threshold before any answer,
    // so the establishment is undone, publicly, and the proposer and agency are told.
    let why = "五分鐘內同一網段五千份附議，且使用同一拋棄式網域。";
    assert_eq!(fraud::invalidate(s, &moderator, id, &burst_form(), "coordinated_burst", why).await, Ok(BURST));
    exact(&app, id, LEGIT).await;
    assert_eq!(state_of(&app, id).await, PetitionState::Open);
    let row = sqlx::query("SELECT established_at, response_due_at FROM petitions WHERE id = $1").bind(id).fetch_one(&s.db.pool).await.unwrap();
    assert_eq!((row.get::<Option<i64>, _>("established_at"), row.get::<Option<i64>, _>("response_due_at")), (None, None));
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petition_events WHERE petition_id = {id} AND kind = 'establishment_reversed'")).await, 1);
    assert!(app.emails_to(&proposer.email).await.iter().any(|m| m.0.contains("不再是成案")));
    assert!(app.emails_to("officer@gov.tw").await.iter().any(|m| m.0.contains("不再是成案")));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'signatures.invalidate'").await, 1);
    let page = app.get(&format!("/petitions/{id}?fresh=1"), None).await.body;
    assert!(page.contains("管理員作廢了 5000 份附議") && page.contains(why), "the public page says how many and why");
    assert!(!page.contains("203.0.113"), "and nothing about who");
    let api: serde_json::Value = serde_json::from_str(&app.get(&format!("/api/v1/petitions/{id}"), None).await.body).unwrap();
    assert_eq!((api["signature_count"].as_i64(), api["state"].as_str()), (Some(LEGIT), Some("open")));
    assert_eq!(fraud::view(s, &moderator, id, Some(burst_form())).await.unwrap().preview, Some(0), "nothing left to take");

    // Restored: every count back, and the threshold crossed again (at the same signature).
    let inv: i64 = sqlx::query("SELECT id FROM signature_invalidations").fetch_one(&s.db.pool).await.unwrap().get("id");
    assert_eq!(fraud::restore(s, &moderator, inv).await, Ok(id));
    assert_eq!(fraud::restore(s, &moderator, inv).await, Err(AppError::Conflict), "once");
    exact(&app, id, LEGIT + BURST).await;
    assert_eq!(state_of(&app, id).await, PetitionState::Established);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petition_events WHERE petition_id = {id} AND kind = 'signatures_restored'")).await, 1);

    // After an answer the count is corrected but the state stays.
    let answer = crate::domain::response::ResponseInput {
        summary: "本部將於明年增加兩輛巡迴醫療車，服務偏遠地區。".into(),
        details: "## 說明\n\n詳見計畫。".into(),
        points: vec![("增加巡迴車".into(), "accepted".into(), String::new())],
        links: String::new(),
    };
    crate::server::responses::workspace::save(
        s,
        &officer,
        id,
        crate::server::responses::workspace::Form { agency_id: motc, input: answer, publish: true, cited: vec![] },
    )
    .await
    .unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Answered);
    app.clock.advance_millis(SECOND);
    assert_eq!(fraud::invalidate(s, &moderator, id, &burst_form(), "coordinated_burst", why).await, Ok(BURST));
    exact(&app, id, LEGIT).await;
    assert_eq!(state_of(&app, id).await, PetitionState::Answered);
}
db_test!(a_burst_is_seen_previewed_invalidated_and_restored);
