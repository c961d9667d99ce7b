//! One truth: a petition's state, count, closing time, answer deadline and time left
//! read the same on its page, the server function, the API's list and detail, the Atom
//! feed, the CSV and JSON Lines downloads and the live stream, in every state the fake
//! clock can drive it through, and for every demo petition.
use super::petitions::{drain, open_petition, person, set_threshold};
use crate::db_test;
use crate::domain::role::Role;
use crate::domain::time::DAY;
use crate::server::api_v1::types::opt;
use crate::server::petitions::{lifecycle, pause, sign};
use crate::server::testing::TestApp;
use crate::ui::components::petition_card::{grouped, time_left};
use axum::body::Body;
use http::{Request, StatusCode};
use serde_json::Value;
use sqlx::Row;
use tower::ServiceExt;

#[derive(Debug, Clone, PartialEq)]
struct Facts {
    state: String,
    count: i64,
    closes: Option<String>,
    due: Option<String>,
}

fn from_api(v: &Value) -> Facts {
    Facts {
        state: v["state"].as_str().unwrap_or_default().into(),
        count: v["signature_count"].as_i64().unwrap_or(-1),
        closes: v["closes_at"].as_str().map(String::from),
        due: v["response_due_at"].as_str().map(String::from),
    }
}

async fn json(app: &TestApp, path: &str) -> Value {
    let r = app.get(path, None).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Split one CSV record (quoted cells may hold commas and doubled quotes).
fn csv_cells(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// Reads every surface for `id` and requires them to agree with the server function.
async fn agree(app: &TestApp, id: i64, what: &str) {
    let n = app.count("SELECT COUNT(*) FROM petitions").await;
    // The server function the pages hydrate from.
    let r = app.call("petition", &[("id", &id.to_string())], None).await;
    assert_eq!(r.status, StatusCode::OK, "{what}: {}", r.body);
    let d: crate::dto::petitions::PetitionDetail = serde_json::from_str(&r.body).unwrap();
    let s = &d.summary;
    let truth = Facts { state: s.state.code().into(), count: s.signature_count, closes: opt(s.closes_at), due: opt(s.response_due_at) };
    let mut seen = vec![("api detail", from_api(&json(app, &format!("/api/v1/petitions/{id}")).await))];
    let list = json(app, "/api/v1/petitions?limit=100").await;
    assert!(n <= 100, "one page holds every petition");
    let item = list["items"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("{what}: not listed"));
    seen.push(("api list", from_api(item)));
    let jsonl = app.get("/api/v1/downloads/petitions.jsonl", None).await.body;
    let row: Value = jsonl.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|r| r["id"] == id).unwrap();
    seen.push(("jsonl", from_api(&row)));
    let csv = app.get("/api/v1/downloads/petitions.csv", None).await.body;
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    let header = csv_cells(lines.next().unwrap());
    let col = |cells: &[String], name: &str| cells[header.iter().position(|h| h == name).unwrap()].clone();
    let cells = lines.map(csv_cells).find(|c| c[0] == id.to_string()).unwrap();
    let some = |v: String| (!v.is_empty()).then_some(v);
    seen.push((
        "csv",
        Facts {
            state: col(&cells, "state"),
            count: col(&cells, "signature_count").parse().unwrap(),
            closes: some(col(&cells, "closes_at")),
            due: some(col(&cells, "response_due_at")),
        },
    ));
    for (surface, facts) in &seen {
        assert_eq!(facts, &truth, "{what}: {surface} disagrees");
    }
    // The live stream starts with the current state and count.
    let res = app.router.clone().oneshot(Request::get(format!("/api/v1/stream?petition={id}")).body(Body::empty()).unwrap()).await.unwrap();
    let first = super::api_v1::next_event(&mut res.into_body().into_data_stream()).await;
    assert_eq!((first["state"].as_str(), first["signature_count"].as_i64()), (Some(truth.state.as_str()), Some(truth.count)), "{what}: stream");
    // The Atom feed of opened petitions states the count (when the petition is in it).
    let atom = app.get("/api/v1/feeds/petitions.atom", None).await.body;
    if let Some(entry) = atom.split("<entry>").find(|e| e.contains(&format!("/petitions/{id}<")) || e.contains(&format!("/petitions/{id}\""))) {
        assert!(entry.contains(&format!("{} / {} 人附議", s.signature_count, s.threshold)), "{what}: feed entry {entry}");
    }
    // The page (bypassing the quarter-second page cache) shows the same, in words.
    let page = app.get(&format!("/petitions/{id}?fresh=1"), None).await.body;
    assert!(page.contains(&format!("badge badge-{}", truth.state)), "{what}: page state");
    assert!(page.contains(&grouped(s.signature_count)), "{what}: page count");
    if s.opened_at.is_some()
        && let Some(left) = time_left(crate::i18n::Locale::ZhTw, s.state, s.closes_at, d.now)
    {
        assert!(page.contains(&left), "{what}: page time left {left:?}");
    }
    if let Some(due) = s.response_due_at {
        assert!(page.contains(&due.date_taipei()), "{what}: page due date");
    }
    // And the list page's card for it.
    let listed = app.get(&format!("/petitions?state={}&fresh=1", if truth.state == "rejected" { "rejected" } else { &truth.state }), None).await.body;
    assert!(listed.contains(&format!("/petitions/{id}\"")), "{what}: on the list page filtered by its state");
}

async fn every_state_reads_the_same_everywhere(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(&app, 2).await;
    let s = &app.state;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let (open, _, _) = open_petition(&app, "開放中的提議").await;
    let (lapsing, _, _) = open_petition(&app, "即將截止的提議").await;
    agree(&app, open, "open").await;
    // Established: two signatures cross the threshold.
    let (est, _, _) = open_petition(&app, "成案的提議").await;
    for i in 0..2 {
        sign::as_user(s, &person(&app, &format!("s{i}@example.tw"), None).await, "10.0.0.1", est, "63000", false).await.unwrap();
    }
    drain(&app).await;
    agree(&app, est, "established").await;
    // Extended: the lead agency takes its one extension.
    let motc: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'motc'").fetch_one(&s.db.pool).await.unwrap().get("id");
    let officer = person(&app, "officer@gov.tw", Some(Role::Officer)).await;
    crate::server::db::agencies::add_member(&s.db.pool, motc, officer.user_id, s.now()).await.unwrap();
    crate::server::responses::workspace::extend(s, &officer, est, "30", "需要跨部會協調預算。").await.unwrap();
    agree(&app, est, "extended").await;
    // Paused past the other windows' end: still open everywhere, closing later.
    app.clock.advance_millis(59 * DAY);
    pause::start(s, &admin, false, true, "選前暫停附議。", "Signing paused before the election.").await.unwrap();
    app.clock.advance_millis(5 * DAY);
    agree(&app, lapsing, "paused past its window").await;
    pause::end(s, &admin).await.unwrap();
    agree(&app, lapsing, "after the pause").await;
    // Lapsed but not yet closed by the job, then closed by it.
    app.clock.advance_millis(2 * DAY);
    agree(&app, lapsing, "lapsed before the close job").await;
    lifecycle::close_due(s).await.unwrap();
    agree(&app, lapsing, "closed").await;
    // Overdue: the (extended) deadline passes with no answer.
    app.clock.advance_millis(40 * DAY);
    crate::server::responses::jobs::remind(s).await.unwrap();
    agree(&app, est, "overdue").await;
    // Answered late.
    let answer = crate::domain::response::ResponseInput {
        summary: "本部同意在主要車站增設站點，明年起分三年完成。".into(),
        details: "## 說明\n\n我們將與地方政府合作。".into(),
        points: vec![("每站 200 公尺內設站".into(), "accepted".into(), String::new())],
        links: String::new(),
    };
    crate::server::responses::workspace::save(
        s,
        &officer,
        est,
        crate::server::responses::workspace::Form { agency_id: motc, input: answer, publish: true, cited: vec![] },
    )
    .await
    .unwrap();
    agree(&app, est, "answered").await;
    // Held after reports: the text leaves, the figures stay the same everywhere.
    for i in 0..3 {
        let who = person(&app, &format!("r{i}@example.tw"), None).await;
        crate::server::discussion::report::report(s, &who, &format!("10.1.0.{i}"), &format!("petition:{open}"), "offensive", "").await.unwrap();
    }
    agree(&app, open, "held").await;
    // Invalidated by moderators (after the answer, so the state stays): the corrected count
    // is the one every surface shows.
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let from_block = crate::dto::fraud::SelectionForm { block: "10.0.0.0/24".into(), ..Default::default() };
    let taken = crate::server::moderation::fraud::invalidate(s, &moderator, est, &from_block, "automated", "測試：同一網段的程式自動附議。").await.unwrap();
    assert_eq!(taken, 2);
    agree(&app, est, "invalidated").await;
}
db_test!(every_state_reads_the_same_everywhere);

async fn every_demo_petition_reads_the_same_everywhere(app: TestApp) {
    crate::server::seed::run(&app.state).await.unwrap();
    drain(&app).await;
    let ids: Vec<i64> = sqlx::query("SELECT id FROM petitions WHERE state IN ('open', 'established', 'answered', 'closed', 'rejected') ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("id"))
        .collect();
    let all = app.count("SELECT COUNT(*) FROM petitions").await;
    assert!(ids.len() >= 3, "the demo has public petitions: {} of {all}", ids.len());
    for id in ids {
        agree(&app, id, &format!("demo petition {id}")).await;
    }
}
db_test!(every_demo_petition_reads_the_same_everywhere);
