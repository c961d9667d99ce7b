//! The public API's consultations and conversations, over HTTP on both engines: the list with
//! its filters, one consultation, a conversation's statements and figures, the de-identified
//! vote matrix, petitions' conversations only when the petition is public, and the feed.
use super::api_v1::valid_atom;
use super::petitions::{input, national, open_petition, person};
use crate::db_test;
use crate::domain::consultation::{ConsultationInput, start_of_day};
use crate::domain::role::Role;
use crate::domain::time::{DAY, SECOND};
use crate::dto::deliberation::Subject;
use crate::server::auth::session::SessionUser;
use crate::server::consultations::{conclude, open};
use crate::server::db::deliberation as db;
use crate::server::deliberation::{map, moderate, vote, write};
use crate::server::testing::TestApp;
use crate::server::testing::http::Reply;
use axum::body::Body;
use http::{Request, StatusCode};
use serde_json::Value;

async fn get(app: &TestApp, path: &str) -> Reply {
    app.send(Request::get(path).body(Body::empty()).unwrap()).await
}

async fn json(app: &TestApp, path: &str) -> Value {
    let r = get(app, path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn ids(list: &Value) -> Vec<i64> {
    list["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

/// An officer serving the Ministry of Transportation (seeded with the base data).
async fn officer(app: &TestApp) -> (SessionUser, i64) {
    let (_, motc) = national(app).await;
    let officer = person(app, "officer@gov.tw", Some(Role::Officer)).await;
    crate::server::db::agencies::add_member(&app.state.db.pool, motc, officer.user_id, app.state.now()).await.unwrap();
    (officer, motc)
}

/// A 30-day consultation of the ministry opening `ahead` days from today (Taiwan time).
async fn consultation(app: &TestApp, officer: &SessionUser, agency: i64, title: &str, ahead: i64) -> i64 {
    let first = start_of_day(app.state.now()).plus_millis(ahead * DAY);
    let input = ConsultationInput {
        agency_id: agency.to_string(),
        title: title.into(),
        background: "## 背景\n\n我們正在規劃票價調整，想聽聽大家的意見與建議。".into(),
        stage: "planning".into(),
        questions: "票價應該怎麼調？\n誰需要優惠？".into(),
        documents: "https://www.motc.gov.tw/plan.pdf".into(),
        opens_on: first.date_taipei(),
        closes_on: first.plus_millis(29 * DAY).date_taipei(),
    };
    open::open(&app.state, officer, &input).await.unwrap()
}

async fn statement_id(app: &TestApp, subject: Subject, body: &str) -> i64 {
    let c = db::find(&app.state.db.pool, subject.kind(), subject.id()).await.unwrap().unwrap();
    db::statements(&app.state.db.pool, c.id, "").await.unwrap().into_iter().find(|s| s.body == body).map(|s| s.id).expect("the statement")
}

fn assert_problem(r: &Reply, status: StatusCode, kind: &str, path: &str) {
    assert_eq!(r.status, status, "{path}: {}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json", "{path}");
    assert_eq!(serde_json::from_str::<Value>(&r.body).unwrap()["type"], format!("/api/v1/problems/{kind}"), "{path}");
}

async fn consultations_are_listed_filtered_and_described(app: TestApp) {
    let (officer, motc) = officer(&app).await;
    let id = consultation(&app, &officer, motc, "大眾運輸票價調整", 0).await;
    let later = consultation(&app, &officer, motc, "公車路線重新規劃", 40).await;
    let all = json(&app, "/api/v1/consultations").await;
    assert_eq!(ids(&all), vec![later, id], "the latest opening first");
    let item = &all["items"][1];
    assert_eq!(item["title"], "大眾運輸票價調整");
    assert_eq!(item["url"], format!("http://127.0.0.1:3000/consultations/{id}"));
    assert_eq!((item["stage"].as_str(), item["phase"].as_str()), (Some("planning"), Some("open")));
    assert_eq!((item["agency"]["code"].as_str(), item["agency"]["name_zh"].as_str()), (Some("motc"), Some("交通部")));
    for t in ["opens_at", "closes_at", "conclusions_due_at"] {
        assert!(item[t].as_str().unwrap().ends_with('Z'), "{t}: {item}");
    }
    assert!(item["concluded_at"].is_null());
    assert_eq!(item["concluded_late"], false);
    assert_eq!(item["last_day"].as_str().map(str::len), Some(10), "YYYY-MM-DD");
    assert_eq!((item["participants"].as_i64(), item["statements"].as_i64()), (Some(0), Some(0)));
    // Filters as on the site; values that mean nothing are refused, not read as "any".
    assert_eq!(ids(&json(&app, "/api/v1/consultations?phase=open").await), vec![id]);
    assert_eq!(ids(&json(&app, "/api/v1/consultations?phase=upcoming&stage=planning").await), vec![later]);
    assert!(ids(&json(&app, "/api/v1/consultations?stage=execution").await).is_empty());
    assert_eq!(ids(&json(&app, "/api/v1/consultations?agency=motc&limit=1").await), vec![later]);
    assert!(ids(&json(&app, "/api/v1/consultations?agency=moenv").await).is_empty());
    // Any string is a schema-valid code: an unknown one lists nothing, an empty one filters nothing.
    assert!(ids(&json(&app, "/api/v1/consultations?agency=nope").await).is_empty());
    assert_eq!(ids(&json(&app, "/api/v1/consultations?phase=upcoming&agency=&limit=1").await), vec![later]);
    for bad in [
        "/api/v1/consultations?phase=later",
        "/api/v1/consultations?stage=someday",
        "/api/v1/consultations?limit=0",
        "/api/v1/consultations?limit=201",
        "/api/v1/consultations?limit=x",
    ] {
        assert_problem(&get(&app, bad).await, StatusCode::BAD_REQUEST, "invalid-parameter", bad);
    }
    let one = json(&app, &format!("/api/v1/consultations/{id}")).await;
    assert_eq!(one["id"], id);
    assert!(one["background"].as_str().unwrap().starts_with("## 背景"), "the Markdown source");
    assert_eq!(one["questions"], serde_json::json!(["票價應該怎麼調？", "誰需要優惠？"]));
    assert_eq!(one["documents"], serde_json::json!(["https://www.motc.gov.tw/plan.pdf"]));
    assert!(one["conclusions"].is_null());
    assert_eq!(one["cited_statement_ids"], serde_json::json!([]));
    assert_eq!(one["links"]["statements"], format!("http://127.0.0.1:3000/api/v1/consultations/{id}/statements"));
    assert_eq!(one["links"]["votes_csv"], format!("http://127.0.0.1:3000/api/v1/consultations/{id}/votes.csv"));
    for missing in ["/api/v1/consultations/999999", "/api/v1/consultations/999999/statements", "/api/v1/consultations/999999/votes.csv"] {
        assert_problem(&get(&app, missing).await, StatusCode::NOT_FOUND, "not-found", missing);
    }
    // Documented, so fuzzers and clients find them.
    let doc: Value = serde_json::from_str(crate::server::api_v1::openapi_json()).unwrap();
    for p in [
        "/api/v1/consultations",
        "/api/v1/consultations/{id}",
        "/api/v1/consultations/{id}/statements",
        "/api/v1/consultations/{id}/votes.csv",
        "/api/v1/petitions/{id}/statements",
        "/api/v1/petitions/{id}/votes.csv",
        "/api/v1/feeds/consultations.atom",
    ] {
        assert!(doc["paths"][p]["get"].is_object(), "{p} is not documented");
    }
    for s in ["ConsultationItem", "ConsultationOut", "StatementsOut"] {
        assert!(doc["components"]["schemas"][s].is_object(), "{s}");
    }
}
db_test!(consultations_are_listed_filtered_and_described);

/// The CSV's lines without the BOM, split into cells.
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    assert!(body.starts_with('\u{feff}'), "a BOM, so spreadsheets read UTF-8");
    body.trim_start_matches('\u{feff}').lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

async fn a_conversation_is_published_without_identities(app: TestApp) {
    let (officer, motc) = officer(&app).await;
    let id = consultation(&app, &officer, motc, "大眾運輸票價調整", 0).await;
    let subject = Subject::Consultation(id);
    let st = &app.state;
    // No conversation yet: empty figures, not 404.
    let empty = json(&app, &format!("/api/v1/consultations/{id}/statements")).await;
    assert_eq!((empty["participants"].as_i64(), empty["votes"].as_i64(), empty["statements"].as_i64()), (Some(0), Some(0), Some(0)));
    assert!(empty["computed_at"].is_null() && empty["items"].as_array().unwrap().is_empty());
    assert_eq!(get(&app, &format!("/api/v1/consultations/{id}/votes.csv")).await.body, "\u{feff}participant,group\r\n");

    let (a, b, c) = (person(&app, "a@example.tw", None).await, person(&app, "b@example.tw", None).await, person(&app, "c@example.tw", None).await);
    assert!(write::write(st, &officer, "10.0.0.1", subject, "票價應該依照搭乘距離計算").await.unwrap());
    assert!(write::write(st, &a, "10.0.0.2", subject, "學生與長者需要更多優惠票價").await.unwrap());
    let seed = statement_id(&app, subject, "票價應該依照搭乘距離計算").await;
    let mine = statement_id(&app, subject, "學生與長者需要更多優惠票價").await;
    vote::vote(st, &a, "10.0.0.2", seed, "disagree").await.unwrap();
    vote::vote(st, &b, "10.0.0.3", seed, "agree").await.unwrap();
    vote::vote(st, &b, "10.0.0.3", mine, "disagree").await.unwrap();
    vote::vote(st, &c, "10.0.0.4", seed, "pass").await.unwrap();
    // A statement waiting for a moderator is not public, nor is its author's vote on it.
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    moderate::set_strict(st, &moderator, subject, true).await.unwrap();
    let d = person(&app, "d@example.tw", None).await;
    assert!(!write::write(st, &d, "10.0.0.5", subject, "應該先公布票價成本資料").await.unwrap());
    let pending = statement_id(&app, subject, "應該先公布票價成本資料").await;

    let out = json(&app, &format!("/api/v1/consultations/{id}/statements")).await;
    assert_eq!((out["participants"].as_i64(), out["votes"].as_i64(), out["statements"].as_i64()), (Some(4), Some(6), Some(2)), "{out}");
    assert!(out["computed_at"].is_null(), "no map yet");
    let items = out["items"].as_array().unwrap();
    assert_eq!(items.iter().map(|s| s["id"].as_i64().unwrap()).collect::<Vec<_>>(), vec![seed, mine]);
    assert_eq!((items[0]["agree"].as_i64(), items[0]["disagree"].as_i64(), items[0]["pass"].as_i64()), (Some(2), Some(1), Some(1)));
    assert_eq!((items[0]["seed"].as_bool(), items[1]["seed"].as_bool()), (Some(true), Some(false)));
    assert!(items[0]["created_at"].as_str().unwrap().ends_with('Z'));
    // The map job runs; its time and figures come with the statements.
    app.clock.advance_millis(SECOND);
    assert!(map::recompute_due(st).await.unwrap() >= 1);
    let out = json(&app, &format!("/api/v1/consultations/{id}/statements")).await;
    assert!(out["computed_at"].as_str().unwrap().ends_with('Z'));
    assert!(out["in_map"].as_i64().is_some() && out["groups"].is_array() && out["consensus"].is_array() && out["divisive"].is_array());

    let r = get(&app, &format!("/api/v1/consultations/{id}/votes.csv")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(r.headers["content-disposition"], format!("attachment; filename=\"consultation-{id}-votes.csv\""));
    let rows = csv_rows(&r.body);
    assert_eq!(rows[0].join(","), format!("participant,group,s{seed},s{mine}"), "shown statements only: not s{pending}");
    assert_eq!(rows.len(), 5, "a row per person who voted on a shown statement: {rows:?}");
    let participants: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert!(participants.windows(2).all(|w| w[0] < w[1]), "ordered by pseudonym, each once");
    let user_ids: Vec<String> = [&officer, &a, &b, &c, &d].iter().map(|u| u.user_id.to_string()).collect();
    for row in &rows[1..] {
        assert_eq!(row.len(), 4, "{row:?}");
        assert!(row[0].len() == 12 && row[0].chars().all(|ch| ch.is_ascii_hexdigit()), "{row:?}");
        assert!(!user_ids.contains(&row[0]));
        assert!(row[1].is_empty() || row[1].chars().all(|ch| ch.is_ascii_uppercase()), "a group letter or nothing: {row:?}");
    }
    let mut cells: Vec<(String, String)> = rows[1..].iter().map(|r| (r[2].clone(), r[3].clone())).collect();
    cells.sort();
    let want = [("-1", "1"), ("0", ""), ("1", ""), ("1", "-1")];
    assert_eq!(cells, want.iter().map(|(x, y)| (x.to_string(), y.to_string())).collect::<Vec<_>>(), "a, c, the officer and b");
    assert_eq!(get(&app, &format!("/api/v1/consultations/{id}/votes.csv")).await.body, r.body, "stable across downloads");
    for body in [&r.body, &get(&app, &format!("/api/v1/consultations/{id}/statements")).await.body] {
        for secret in ["@example.tw", "@gov.tw", "officer", "author", "user_id", "應該先公布票價成本資料"] {
            assert!(!body.contains(secret), "leaks {secret}");
        }
    }
    // The list counts the same conversation.
    let listed = json(&app, "/api/v1/consultations").await;
    assert_eq!(listed["items"][0]["statements"], 2);
}
db_test!(a_conversation_is_published_without_identities);

async fn a_petition_conversation_is_public_only_with_the_petition(app: TestApp) {
    let (id, proposer, _) = open_petition(&app, "公車延長營運到午夜").await;
    let quiet = open_petition(&app, "社區公園增設遮陽棚").await.0;
    write::write(&app.state, &proposer, "10.0.0.1", Subject::Petition(id), "末班公車應該延到午夜十二點").await.unwrap();
    let out = json(&app, &format!("/api/v1/petitions/{id}/statements")).await;
    assert_eq!((out["participants"].as_i64(), out["statements"].as_i64()), (Some(1), Some(1)));
    assert_eq!(out["items"][0]["body"], "末班公車應該延到午夜十二點");
    let csv = get(&app, &format!("/api/v1/petitions/{id}/votes.csv")).await;
    assert_eq!(csv.headers["content-disposition"], format!("attachment; filename=\"petition-{id}-votes.csv\""));
    assert_eq!(csv_rows(&csv.body).len(), 2);
    // A public petition nobody has discussed yet: zeros, not 404.
    let none = json(&app, &format!("/api/v1/petitions/{quiet}/statements")).await;
    assert_eq!((none["votes"].as_i64(), none["items"].as_array().map(Vec::len)), (Some(0), Some(0)));
    // A draft is not public, and neither is anything about it.
    let (j, a) = national(&app).await;
    let drafter = person(&app, "drafter@example.tw", None).await;
    let draft = crate::server::petitions::propose::save(&app.state, &drafter, None, &input("增設夜間公車路線", j, a), false).await.unwrap();
    for path in [
        format!("/api/v1/petitions/{draft}/statements"),
        format!("/api/v1/petitions/{draft}/votes.csv"),
        "/api/v1/petitions/999999/statements".to_string(),
        "/api/v1/petitions/999999/votes.csv".to_string(),
    ] {
        assert_problem(&get(&app, &path).await, StatusCode::NOT_FOUND, "not-found", &path);
    }
    assert_problem(&get(&app, "/api/v1/petitions/x/statements").await, StatusCode::BAD_REQUEST, "invalid-parameter", "non-numeric id");
}
db_test!(a_petition_conversation_is_public_only_with_the_petition);

async fn the_feed_carries_openings_and_conclusions(app: TestApp) {
    let (officer, motc) = officer(&app).await;
    let title = "大眾運輸票價調整 <&> 測試";
    let id = consultation(&app, &officer, motc, title, 0).await;
    consultation(&app, &officer, motc, "公車路線重新規劃", 60).await;
    let path = "/api/v1/feeds/consultations.atom";
    let r = get(&app, path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    assert_eq!(valid_atom(&r.body), vec![title.to_string()], "announced ones wait until they open");
    assert!(r.body.contains("href=\"http://127.0.0.1:3000/consultations\""), "the site's page for the feed");
    assert!(r.body.contains("<link rel=\"self\" href=\"http://127.0.0.1:3000/api/v1/feeds/consultations.atom\"/>"));
    assert!(r.body.contains("<link rel=\"alternate\" type=\"text/html\" href=\"http://127.0.0.1:3000/consultations\"/>"), "the page it follows");

    write::write(&app.state, &officer, "10.0.0.1", Subject::Consultation(id), "票價應該依照搭乘距離計算").await.unwrap();
    let cited = statement_id(&app, Subject::Consultation(id), "票價應該依照搭乘距離計算").await;
    app.clock.advance_millis(31 * DAY);
    let text = "我們聽到了大家對票價的意見，將調整學生與長者的優惠方案。";
    conclude::publish(&app.state, &officer, id, text, &[cited.to_string()]).await.unwrap();
    assert_eq!(valid_atom(&get(&app, path).await.body), vec![format!("結論：{title}"), title.to_string()], "newest first");
    let en = get(&app, &format!("{path}?lang=en")).await.body;
    assert_eq!(valid_atom(&en)[0], format!("Conclusions: {title}"));
    assert!(en.contains(&format!("http://127.0.0.1:3000/consultations/{id}#conclusions")));
    assert!(valid_atom(&get(&app, &format!("{path}?agency=moenv")).await.body).is_empty());

    let one = json(&app, &format!("/api/v1/consultations/{id}")).await;
    assert_eq!((one["phase"].as_str(), one["conclusions"].as_str()), (Some("concluded"), Some(text)));
    assert_eq!(one["cited_statement_ids"], serde_json::json!([cited]));
    assert!(one["concluded_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(one["concluded_late"], false);
    assert_eq!(ids(&json(&app, "/api/v1/consultations?phase=concluded").await), vec![id]);
}
db_test!(the_feed_carries_openings_and_conclusions);
