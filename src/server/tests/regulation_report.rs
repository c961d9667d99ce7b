//! The printable summary of a notice's comments (意見彙整表): comments on the same article number
//! in two versions share a section, the whole draft first and articles in their order; the
//! figures by stance and outcome leave out what moderators hid; a withheld comment's text is
//! nowhere in it; the page shows it in tables, as text. On both engines, with the fake clock.
use super::consultations::{agency_id, officer_of};
use super::petitions::person;
use super::regulations::{DRAFT, notice, say};
use crate::db_test;
use crate::domain::regulation::notice::parse_text;
use crate::domain::time::DAY;
use crate::domain::validation::FieldErrors;
use crate::dto::regulation_report::{OutcomeCounts, StanceCounts};
use crate::error::AppError;
use crate::server::db::regulations as db;
use crate::server::regulations::comment::comment;
use crate::server::regulations::report::report;
use crate::server::regulations::{answer, draft};
use crate::server::testing::TestApp;
use http::StatusCode;

const IP: &str = "10.0.0.9";

/// As a moderator's decision or enough reports would leave it.
async fn set_status(app: &TestApp, comment: i64, status: &str) {
    sqlx::query("UPDATE regulation_comments SET status = $1 WHERE id = $2").bind(status).bind(comment).execute(&app.state.db.pool).await.unwrap();
}

async fn the_summary_groups_comments_by_article_across_versions(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let neighbour = person(&app, "neighbour@example.tw", None).await;
    let id = draft::save(st, &officer, None, &notice(motc, st.now(), 30)).await.unwrap();
    // Unpublished: as the notice's page, only the agency's officers see it.
    assert_eq!(report(st, None, id).await.err(), Some(AppError::NotFound));
    assert_eq!(report(st, Some(&citizen), id).await.err(), Some(AppError::NotFound));
    assert!(report(st, Some(&officer), id).await.is_ok());
    assert_eq!(app.get(&format!("/regulations/{id}/summary"), None).await.status, StatusCode::NOT_FOUND);
    draft::publish(st, &officer, id).await.unwrap();

    // Version 1: articles 2 and 3, and the whole draft (no stance; hostile markup, two lines).
    let (c1, _) = comment(st, &citizen, IP, say(id, "2", "amend", "應納入離島路線。", "補貼對象為偏鄉及離島路線。")).await.unwrap();
    let (c2, _) = comment(st, &neighbour, IP, say(id, "3", "oppose", "虧損計算方式不透明。", "")).await.unwrap();
    let (c3, _) = comment(st, &citizen, IP, say(id, "", "", "請舉辦說明會。\n<b>第二行</b>", "")).await.unwrap();
    // Version 2 while the period runs (written directly: the agency's form publishes one only
    // after it), adding article 2-1; new comments land on it, article 2 included.
    let v2 = DRAFT.replace("第三條", "第二條之一　離島路線另定之。\n第三條");
    let text = parse_text(&v2, "", &mut FieldErrors::new()).expect("the second version splits");
    let mut tx = st.db.begin().await.unwrap();
    db::add_version(&mut tx, id, 2, &text, "增訂第二條之一。", officer.user_id, st.now()).await.unwrap();
    tx.commit().await.unwrap();
    let (c4, _) = comment(st, &neighbour, IP, say(id, "2", "support", "支持修正第二條。", "")).await.unwrap();
    let (c5, _) = comment(st, &citizen, IP, say(id, "2-1", "support", "離島路線應明定。", "")).await.unwrap();
    let secret = "這段文字經管理員隱藏，不應出現在彙整表。";
    let (c6, _) = comment(st, &neighbour, IP, say(id, "2", "oppose", secret, "")).await.unwrap();
    let held = "被檢舉而暫不公開的建議文字";
    let (c7, _) = comment(st, &citizen, IP, say(id, "1", "amend", "法源應更明確。", held)).await.unwrap();
    set_status(&app, c6, "hidden").await;
    set_status(&app, c7, "held").await;

    // After the period: some answered (a held comment too), two left; a hidden one cannot be.
    app.clock.advance_millis(30 * DAY);
    let ticks = |ids: &[i64]| ids.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    answer::answer(st, &officer, id, &ticks(&[c1]), "adopted", "已修正第二條。").await.unwrap();
    answer::answer(st, &officer, id, &ticks(&[c2, c7]), "not_adopted", "維持原規定。").await.unwrap();
    answer::answer(st, &officer, id, &ticks(&[c3]), "noted", "將另行辦理說明會。").await.unwrap();

    let r = report(st, None, id).await.unwrap();
    let numbers: Vec<Option<&str>> = r.sections.iter().map(|s| s.number.as_deref()).collect();
    assert_eq!(numbers, [None, Some("1"), Some("2"), Some("2-1"), Some("3")], "the whole draft, then articles in order across versions");
    let second = &r.sections[2];
    assert!(second.heading.starts_with("第二條"), "{}", second.heading);
    let on_second: Vec<(i64, i64)> = second.rows.iter().map(|row| (row.comment.id, row.comment.version)).collect();
    assert_eq!(on_second, [(c1, 1), (c4, 2), (c6, 2)], "one section for article 2, each comment with its version");
    assert_eq!(second.stances, StanceCounts { support: 1, oppose: 0, amend: 1, none: 0 }, "the hidden one is not counted");
    assert_eq!(r.sections[0].stances, StanceCounts { none: 1, ..StanceCounts::default() });
    assert!(r.sections[4].rows.iter().all(|row| row.comment.version == 1) && r.sections[3].rows[0].comment.id == c5);
    // Numbered in the order printed.
    let printed: Vec<(i64, i64)> = r.sections.iter().flat_map(|s| s.rows.iter().map(|row| (row.no, row.comment.id))).collect();
    assert_eq!(printed, [(1, c3), (2, c7), (3, c1), (4, c4), (5, c6), (6, c5), (7, c2)]);

    let t = r.totals;
    assert_eq!((t.comments, t.answered, t.hidden), (6, 4, 1));
    assert_eq!((t.comments, t.answered), (r.summary.comments, r.summary.answered), "the notice's page counts the same");
    assert_eq!(t.stances, StanceCounts { support: 2, oppose: 1, amend: 2, none: 1 });
    assert_eq!(t.outcomes, OutcomeCounts { adopted: 1, partly_adopted: 0, not_adopted: 2, noted: 1, unanswered: 2 });

    // Withheld (hidden or held): listed, without text.
    let withheld: Vec<i64> = r.sections.iter().flat_map(|s| &s.rows).filter(|row| row.comment.withheld).map(|row| row.comment.id).collect();
    assert_eq!(withheld, [c7, c6]);
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains(secret) && !json.contains(held) && !json.contains("法源應更明確"), "withheld text stays out");
    assert!(json.contains("應納入離島路線。") && json.contains("維持原規定。"));

    // The page: tables with headers, comments as text, withheld text absent.
    let page = app.get(&format!("/regulations/{id}/summary"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<caption") && page.body.contains(r#"scope="col""#) && page.body.contains(r#"scope="row""#));
    assert!(page.body.contains("應納入離島路線。") && page.body.contains("&lt;b&gt;第二行"), "comments are shown as text");
    assert!(!page.body.contains("<b>第二行"), "markup in a comment stays text");
    assert!(!page.body.contains(secret) && !page.body.contains(held));

    // The same for programs, as documented in the OpenAPI document.
    let api = super::api_v1::check(&app, "/api/v1/regulations/{id}/summary", &format!("/api/v1/regulations/{id}/summary")).await;
    assert_eq!((api["comments"].as_i64(), api["answered"].as_i64(), api["hidden"].as_i64()), (Some(6), Some(4), Some(1)));
    assert_eq!(api["sections"][0]["article"], serde_json::Value::Null, "the whole draft first");
    let text = api.to_string();
    assert!(!text.contains(secret) && !text.contains(held) && text.contains("應納入離島路線。"));
}
db_test!(the_summary_groups_comments_by_article_across_versions);
