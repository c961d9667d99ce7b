//! The public API's draft regulations (法規預告) over HTTP on both engines: the list with its
//! filters (published notices only), one notice with every version's articles and the
//! comparison table's rows, problem details, caching, and the shapes the document promises.
use super::api_v1::{check, get, json};
use super::consultations::{agency_id, officer_of};
use super::petitions::person;
use super::regulations::{DRAFT, notice};
use crate::db_test;
use crate::domain::regulation::notice::NoticeInput;
use crate::domain::time::DAY;
use crate::server::regulations::comment::{Comment, comment};
use crate::server::regulations::{answer, draft};
use crate::server::testing::TestApp;
use crate::server::testing::http::Reply;
use http::StatusCode;
use serde_json::Value;

const IP: &str = "10.0.0.9";

fn ids(list: &Value) -> Vec<i64> {
    list["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

fn assert_problem(r: &Reply, status: StatusCode, kind: &str, path: &str) {
    assert_eq!(r.status, status, "{path}: {}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json", "{path}");
    assert_eq!(serde_json::from_str::<Value>(&r.body).unwrap()["type"], format!("/api/v1/problems/{kind}"), "{path}");
}

async fn notices_are_listed_filtered_and_described(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let citizen = person(&app, "citizen@example.tw", None).await;

    // A 14-day notice: commented on, answered in full, then revised as version 2.
    let answered = draft::save(st, &officer, None, &notice(motc, st.now(), 14)).await.unwrap();
    draft::publish(st, &officer, answered).await.unwrap();
    let say = Comment {
        regulation_id: answered, article: "2", stance: "amend", body: "應納入離島路線。", wording: "補貼對象為偏鄉及離島路線。", speak_as: ""
    };
    let (c, _) = comment(st, &citizen, IP, say).await.unwrap();
    app.clock.advance_millis(14 * DAY);
    answer::answer(st, &officer, answered, &[c.to_string()], "adopted", "已修正第二條。").await.unwrap();
    answer::conclude(st, &officer, answered, "感謝各界意見，我們已逐條回應並修正草案。").await.unwrap();
    let v2 = format!("{}\n第四條　本辦法自發布日施行。", DRAFT.replace("偏鄉路線。", "偏鄉及離島路線。"));
    assert_eq!(answer::revise(st, &officer, answered, &v2, "", "納入離島路線。").await, Ok(2));
    // A day later a 60-day notice opens, and another is saved but not published.
    app.clock.advance_millis(DAY);
    let open = NoticeInput { title: "市區公車路線調整辦法草案".into(), ..notice(motc, st.now(), 60) };
    let open_last_day = open.last_day.clone();
    let open = draft::save(st, &officer, None, &open).await.unwrap();
    draft::publish(st, &officer, open).await.unwrap();
    let unpublished = NoticeInput { title: "尚未預告的票價補貼草案".into(), ..notice(motc, st.now(), 60) };
    let unpublished = draft::save(st, &officer, None, &unpublished).await.unwrap();

    // The list: published notices only, the latest first, shaped as documented.
    let all = check(&app, "/api/v1/regulations", "/api/v1/regulations").await;
    assert_eq!(ids(&all), vec![open, answered], "the latest published first, never a draft");
    let listed = get(&app, "/api/v1/regulations", &[]).await;
    assert!(!listed.body.contains("尚未預告") && !listed.body.contains("officer@"), "{}", listed.body);
    let item = &all["items"][1];
    assert_eq!(item["url"], format!("http://127.0.0.1:3000/regulations/{answered}"));
    assert_eq!((item["agency"]["code"].as_str(), item["agency"]["name_zh"].as_str()), (Some("motc"), Some("交通部")));
    assert_eq!((item["phase"].as_str(), item["answered_late"].as_bool()), (Some("answered"), Some(false)));
    for t in ["published_at", "closes_at", "answers_due_at", "answered_at"] {
        assert!(item[t].as_str().unwrap().ends_with('Z'), "{t}: {item}");
    }
    assert!(item["issued_at"].is_null());
    assert_eq!((item["comment_count"].as_i64(), item["answered_count"].as_i64(), item["version_count"].as_i64()), (Some(1), Some(1), Some(2)));
    assert_eq!((all["items"][0]["phase"].as_str(), all["items"][0]["last_day"].as_str()), (Some("open"), Some(open_last_day.as_str())));
    assert!(all["items"][0]["answered_at"].is_null());

    // Filters as on the site; values that mean nothing are refused, not read as "any".
    for (query, want) in [
        ("phase=open", vec![open]),
        ("phase=answered", vec![answered]),
        ("phase=awaiting", vec![]),
        ("phase=issued", vec![]),
        ("agency=motc", vec![open, answered]),
        ("agency=nope", vec![]),
        ("agency=&limit=1", vec![open]),
        ("agency=motc&phase=answered&limit=1", vec![answered]),
    ] {
        assert_eq!(ids(&json(&app, &format!("/api/v1/regulations?{query}")).await), want, "{query}");
    }
    for bad in ["phase=draft", "phase=later", "limit=0", "limit=201", "limit=x"] {
        let path = format!("/api/v1/regulations?{bad}");
        assert_problem(&get(&app, &path, &[]).await, StatusCode::BAD_REQUEST, "invalid-parameter", &path);
    }

    // One notice: its texts as written (Markdown source), every version and its articles.
    let path = format!("/api/v1/regulations/{answered}");
    let one = check(&app, "/api/v1/regulations/{id}", &path).await;
    assert_eq!((one["id"].as_i64(), one["phase"].as_str(), one["version_count"].as_i64()), (Some(answered), Some("answered"), Some(2)));
    assert_eq!(one["legal_basis"], "公路法第四十三條");
    let purpose = one["purpose"].as_str().unwrap();
    assert!(purpose.contains("修正補貼計算方式") && !purpose.contains('<'), "the Markdown source: {purpose}");
    assert!(one["contact"].as_str().unwrap().contains("02-2345-6789"));
    assert!(one["overall"].as_str().unwrap().contains("逐條回應"));
    let versions = one["versions"].as_array().unwrap();
    assert_eq!(versions.iter().map(|v| v["number"].as_i64().unwrap()).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!((versions[0]["note"].as_str(), versions[1]["note"].as_str()), (Some(""), Some("納入離島路線。")));
    assert_eq!(versions[0]["published_at"], one["published_at"], "the first version is public from publication");
    assert!(versions[0]["preamble"].as_str().unwrap().contains("公路客運補貼辦法修正草案"));
    let articles = one["articles"].as_array().unwrap();
    let keys: Vec<(i64, &str)> = articles.iter().map(|a| (a["version"].as_i64().unwrap(), a["number"].as_str().unwrap())).collect();
    assert_eq!(keys, vec![(1, "1"), (1, "2"), (1, "3"), (2, "1"), (2, "2"), (2, "3"), (2, "4")]);
    let second = &articles[1];
    assert_eq!(second["heading"], "第二條");
    assert!(second["body"].as_str().unwrap().contains("補貼對象為偏鄉路線。"), "{second}");
    assert_eq!(second["current_text"], "第二條　補貼對象為客運業者。", "the comparison table's row joins its article");
    assert_eq!(second["explanation"], "明定補貼對象。");
    assert!(articles[0]["current_text"].is_null() && articles[0]["explanation"].is_null());
    assert!(articles[4]["body"].as_str().unwrap().contains("離島") && articles[4]["current_text"].is_null(), "{}", articles[4]);
    assert_eq!(one["links"]["comments_csv"], format!("http://127.0.0.1:3000/api/v1/regulations/{answered}/comments.csv"));
    assert_eq!(one["links"]["comments_jsonl"], format!("http://127.0.0.1:3000/api/v1/regulations/{answered}/comments.jsonl"));
    assert_eq!(get(&app, &format!("/api/v1/regulations/{answered}/comments.csv"), &[]).await.status, StatusCode::OK);
    let open_one = json(&app, &format!("/api/v1/regulations/{open}")).await;
    assert!(open_one["overall"].is_null() && open_one["answered_at"].is_null());
    assert_eq!(open_one["versions"].as_array().map(Vec::len), Some(1));

    // Cached as the rest of the API: validators and a 304 for a current copy.
    let r = get(&app, &path, &[]).await;
    assert!(r.headers["cache-control"].to_str().unwrap().starts_with("public"));
    let etag = r.headers["etag"].to_str().unwrap().to_string();
    assert_eq!(get(&app, &path, &[("if-none-match", &etag)]).await.status, StatusCode::NOT_MODIFIED);

    // A draft, or no notice at all, is not found; an id that is no number is refused.
    for missing in [format!("/api/v1/regulations/{unpublished}"), "/api/v1/regulations/999999".to_string()] {
        assert_problem(&get(&app, &missing, &[]).await, StatusCode::NOT_FOUND, "not-found", &missing);
    }
    assert_problem(&get(&app, "/api/v1/regulations/abc", &[]).await, StatusCode::BAD_REQUEST, "invalid-parameter", "/api/v1/regulations/abc");

    // Documented, so fuzzers and clients find them.
    let doc: Value = serde_json::from_str(crate::server::api_v1::openapi_json()).unwrap();
    for p in ["/api/v1/regulations", "/api/v1/regulations/{id}"] {
        assert!(doc["paths"][p]["get"].is_object(), "{p} is not documented");
    }
    for s in ["RegulationItem", "RegulationOut", "RegulationArticleOut", "RegulationVersionOut"] {
        assert!(doc["components"]["schemas"][s].is_object(), "{s}");
    }
}
db_test!(notices_are_listed_filtered_and_described);
