//! Draft regulations (法規預告): an officer saves a notice (a preview only the agency sees),
//! publishes it, people comment on articles within the period, the agency answers every
//! comment, publishes its overall statement and a second version, and issues the final text;
//! on both engines, with the fake clock.
use super::consultations::{agency_id, officer_of};
use super::petitions::person;
use crate::db_test;
use crate::domain::consultation::start_of_day;
use crate::domain::regulation::diff::Change;
use crate::domain::regulation::notice::{NoticeInput, Outcome, Phase, Stance};
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::server::regulations::comment::{Comment, comment};
use crate::server::regulations::{self, answer, draft};
use crate::server::testing::TestApp;
use axum::http::StatusCode;
use sqlx::Row;

const IP: &str = "10.0.0.8";

pub(super) const DRAFT: &str = "公路客運補貼辦法修正草案\n\n\
第一條　本辦法依公路法第四十三條規定訂定之。\n\
第二條　補貼對象為偏鄉路線。\n\
第三條　補貼金額依路線虧損計算。";

pub(super) fn notice(agency: i64, now: Timestamp, days: i64) -> NoticeInput {
    NoticeInput {
        agency_id: agency.to_string(),
        title: "公路客運補貼辦法修正草案".into(),
        legal_basis: "公路法第四十三條".into(),
        purpose: "為合理分配偏鄉路線補貼，修正補貼計算方式。".into(),
        draft: DRAFT.into(),
        comparison: "| 修正條文 | 現行條文 | 說明 |\n|---|---|---|\n| 第二條　補貼對象為偏鄉路線。 | 第二條　補貼對象為客運業者。 | 明定補貼對象。 |".into(),
        last_day: start_of_day(now).plus_millis((days - 1) * DAY).date_taipei(),
        contact: "交通部公路局 02-2345-6789".into(),
        category_id: String::new(),
    }
}

fn field(r: Result<impl std::fmt::Debug, AppError>, name: &str) -> FieldError {
    match r {
        Err(AppError::Invalid(e)) => e.get(name).cloned().unwrap_or_else(|| panic!("no error for {name}: {e:?}")),
        other => panic!("expected a field error, got {other:?}"),
    }
}

pub(super) fn say<'a>(id: i64, article: &'a str, stance: &'a str, body: &'a str, wording: &'a str) -> Comment<'a> {
    Comment { regulation_id: id, article, stance, body, wording, speak_as: "" }
}

async fn a_notice_from_draft_to_final_text(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let ngo = person(&app, "ngo@example.tw", None).await;

    // Saved, not published: the agency's officers see the preview, nobody else does.
    assert_eq!(draft::save(st, &citizen, None, &notice(motc, st.now(), 60)).await, Err(AppError::Forbidden));
    let mut bad = notice(motc, st.now(), 60);
    bad.draft = "這份草案沒有條文".into();
    assert_eq!(field(draft::save(st, &officer, None, &bad).await, "draft"), FieldError::NoArticles);
    assert_eq!(field(draft::save(st, &officer, None, &notice(motc, st.now(), 10)).await, "last_day"), FieldError::PeriodTooShort { days: 14 });
    assert_eq!(app.count("SELECT COUNT(*) FROM regulations").await, 0, "nothing half-written");
    let id = draft::save(st, &officer, None, &notice(motc, st.now(), 60)).await.unwrap();
    assert_eq!(regulations::page(st, None, id, 0).await.err(), Some(AppError::NotFound));
    assert_eq!(regulations::page(st, Some(&citizen), id, 0).await.err(), Some(AppError::NotFound));
    let preview = regulations::page(st, Some(&officer), id, 0).await.unwrap();
    assert_eq!((preview.summary.phase, preview.articles.len(), preview.may_manage), (Phase::Draft, 3, true));
    assert_eq!(preview.articles[1].current.as_deref(), Some("第二條　補貼對象為客運業者。"), "the comparison table joins its article");
    assert!(regulations::list(st, None, "", "", "").await.unwrap().items.is_empty());
    assert_eq!(regulations::list(st, Some(&officer), "", "", "").await.unwrap().drafts.len(), 1);
    // Changed before publishing: the form shows what was saved.
    let form = draft::form(st, &officer, Some(id)).await.unwrap();
    assert!(form.draft.contains("第三條") && form.comparison.contains("明定補貼對象"), "{}", form.draft);
    let mut changed = notice(motc, st.now(), 60);
    changed.draft = format!("{DRAFT}\n第四條　本辦法自發布日施行。");
    draft::save(st, &officer, Some(id), &changed).await.unwrap();
    draft::publish(st, &officer, id).await.unwrap();
    assert_eq!(draft::publish(st, &officer, id).await, Err(AppError::Conflict), "once");
    assert_eq!(draft::save(st, &officer, Some(id), &changed).await, Err(AppError::Conflict), "a published text changes only by a new version");
    let page = regulations::page(st, None, id, 0).await.unwrap();
    assert_eq!((page.summary.phase, page.articles.len(), page.open), (Phase::Open, 4, true));

    // Comments on articles and on the whole draft, with stances and wording.
    assert_eq!(field(comment(st, &citizen, IP, say(id, "2", "amend", "應納入離島。", "")).await, "wording"), FieldError::Required);
    assert_eq!(field(comment(st, &citizen, IP, say(id, "9", "", "第九條在哪？", "")).await, "article"), FieldError::UnknownChoice);
    let (c1, art) = comment(st, &citizen, IP, say(id, "2", "amend", "應納入離島路線。", "補貼對象為偏鄉及離島路線。")).await.unwrap();
    assert_eq!(art, "2");
    let (c2, _) = comment(st, &citizen, IP, say(id, "3", "oppose", "虧損計算方式不透明。", "")).await.unwrap();
    let (c3, _) = comment(st, &citizen, IP, say(id, "", "support", "整體方向正確。", "")).await.unwrap();
    // An organisation comments in its name only once an administrator has verified it.
    let as_org = Comment { speak_as: "organisation", ..say(id, "1", "support", "本會支持修正。", "") };
    assert_eq!(comment(st, &ngo, IP, as_org).await.err(), Some(AppError::Forbidden));
    sqlx::query("UPDATE users SET organisation_name = '台灣公共運輸促進會' WHERE id = $1").bind(ngo.user_id).execute(&st.db.pool).await.unwrap();
    let as_org = Comment { speak_as: "organisation", ..say(id, "1", "support", "本會支持修正。", "") };
    let (c4, _) = comment(st, &ngo, IP, as_org).await.unwrap();
    let page = regulations::page(st, Some(&citizen), id, 0).await.unwrap();
    let second = &page.articles[1].comments[0];
    assert_eq!((second.id, second.stance, second.wording.as_deref(), second.mine), (c1, Some(Stance::Amend), Some("補貼對象為偏鄉及離島路線。"), true));
    assert_eq!(page.articles[0].comments[0].organisation.as_deref(), Some("台灣公共運輸促進會"));
    assert_eq!((page.general.len(), page.unanswered), (1, 4));
    assert_eq!(answer::answer(st, &officer, id, &[c1.to_string()], "adopted", "已採納。").await, Err(AppError::Conflict), "not while open");

    // The period ends on the clock: late comments are refused; the agency owes answers.
    app.clock.advance_millis(60 * DAY);
    assert_eq!(comment(st, &citizen, IP, say(id, "2", "", "還來得及嗎？", "")).await.err(), Some(AppError::Conflict));
    assert_eq!(regulations::page(st, None, id, 0).await.unwrap().summary.phase, Phase::AwaitingAnswers);
    let ws = answer::workspace(st, &officer, id).await.unwrap();
    assert_eq!((ws.unanswered.len(), ws.may_answer, ws.may_conclude, ws.may_issue), (4, true, false, false));
    assert_eq!(answer::workspace(st, &citizen, id).await.err(), Some(AppError::Forbidden));
    let ticks = |ids: &[i64]| ids.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    assert_eq!(answer::answer(st, &officer, id, &ticks(&[c1, c4]), "partly_adopted", "離島路線另案研議。").await, Ok(2), "one answer, two comments");
    assert_eq!(field(answer::answer(st, &officer, id, &ticks(&[c1]), "noted", "重複回應。").await, "comments"), FieldError::UnknownChoice);
    assert_eq!(answer::conclude(st, &officer, id, "感謝各界意見，我們已逐條回應並修正草案。").await, Err(AppError::Conflict), "not before every answer");
    answer::answer(st, &officer, id, &ticks(&[c2, c3]), "noted", "計算方式將於說明會公開。").await.unwrap();
    answer::conclude(st, &officer, id, "感謝各界意見，我們已逐條回應並修正草案。").await.unwrap();
    let page = regulations::page(st, None, id, 0).await.unwrap();
    assert_eq!((page.summary.phase, page.summary.answered_late, page.unanswered), (Phase::Answered, false, 0));
    assert_eq!(page.articles[1].comments[0].answer.as_ref().map(|a| a.outcome), Some(Outcome::PartlyAdopted));
    assert!(page.overall_html.unwrap().contains("逐條回應"));

    // Version 2: comments stay on version 1; the difference shows what changed.
    let v2 = format!("{}\n第五條　本辦法自發布日施行。", DRAFT.replace("偏鄉路線。", "偏鄉及離島路線。"));
    assert_eq!(answer::revise(st, &officer, id, &v2, "", "納入離島路線。").await, Ok(2));
    let page = regulations::page(st, None, id, 0).await.unwrap();
    assert_eq!((page.version, page.versions.len(), page.open), (2, 2, false));
    assert!(page.articles.iter().all(|a| a.comments.is_empty()) && page.general.is_empty(), "comments stay on version 1");
    assert_eq!(regulations::page(st, None, id, 1).await.unwrap().articles[1].comments.len(), 1);
    let d = regulations::diff(st, None, id, 0, 0).await.unwrap();
    assert_eq!(((d.from, d.to), d.counts), ((1, 2), (1, 1, 1)), "{:?}", d.articles);
    assert_eq!(d.articles.iter().find(|a| a.number == "2").unwrap().change, Change::Changed);
    answer::issue(st, &officer, id).await.unwrap();
    assert_eq!(regulations::page(st, None, id, 0).await.unwrap().summary.phase, Phase::Issued);
    assert_eq!(answer::issue(st, &officer, id).await, Err(AppError::Conflict));
    assert_eq!(regulations::list(st, None, "issued", "motc", "").await.unwrap().items.len(), 1);
}
db_test!(a_notice_from_draft_to_final_text);

async fn unanswered_comments_make_a_notice_overdue(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let id = draft::save(st, &officer, None, &notice(motc, st.now(), 14)).await.unwrap();
    // Saved today, published three days later: the period is then too short.
    app.clock.advance_millis(3 * DAY);
    assert_eq!(field(draft::publish(st, &officer, id).await, "last_day"), FieldError::PeriodTooShort { days: 14 });
    let id = draft::save(st, &officer, None, &notice(motc, st.now(), 14)).await.unwrap();
    draft::publish(st, &officer, id).await.unwrap();
    comment(st, &citizen, IP, say(id, "1", "", "請說明法源。", "")).await.unwrap();
    app.clock.advance_millis(14 * DAY + 30 * DAY);
    let s = regulations::page(st, None, id, 0).await.unwrap().summary;
    assert_eq!((s.phase, s.comments, s.answered), (Phase::Overdue, 1, 0));
    assert_eq!(regulations::list(st, None, "overdue", "", "").await.unwrap().items.len(), 1);
    // Answered late: published all the same, marked late.
    let c: i64 = regulations::page(st, None, id, 0).await.unwrap().articles[0].comments[0].id;
    answer::answer(st, &officer, id, &[c.to_string()], "noted", "法源為公路法第四十三條。").await.unwrap();
    answer::conclude(st, &officer, id, "我們已回應每一則意見，雖然晚了，仍感謝各界參與討論。").await.unwrap();
    let s = regulations::page(st, None, id, 0).await.unwrap().summary;
    assert_eq!((s.phase, s.answered_late), (Phase::Answered, true));
}
db_test!(unanswered_comments_make_a_notice_overdue);

/// The downloads hold every comment with its article, stance, wording and answer; a formula
/// stays text in a spreadsheet; an unpublished notice has none.
async fn the_comments_download_as_csv_and_json_lines(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let id = draft::save(st, &officer, None, &notice(motc, st.now(), 14)).await.unwrap();
    let csv_path = format!("/api/v1/regulations/{id}/comments.csv");
    assert_eq!(app.get(&csv_path, None).await.status, http::StatusCode::NOT_FOUND, "not before it is published");
    draft::publish(st, &officer, id).await.unwrap();
    let (c1, _) = comment(st, &citizen, IP, say(id, "2", "amend", "=HYPERLINK(\"http://x\") 請修正", "補貼對象為偏鄉及離島路線。")).await.unwrap();
    comment(st, &citizen, IP, say(id, "", "support", "整體支持，謝謝。", "")).await.unwrap();
    app.clock.advance_millis(14 * DAY);
    answer::answer(st, &officer, id, &[c1.to_string()], "adopted", "已修正第二條。").await.unwrap();

    let csv = app.get(&csv_path, None).await;
    assert_eq!(csv.status, http::StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with("\u{feff}comment_id,version,article,article_heading,author,organisation,stance,comment,proposed_wording"), "{}", csv.body);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two comments");
    assert!(
        lines[1].contains(",2,第二條,") && lines[1].contains("\"'=HYPERLINK(\"\"http://x\"\") 請修正\"") && lines[1].contains("adopted,已修正第二條。"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains(",,,") && lines[2].contains("support,整體支持，謝謝。"), "{}", lines[2]);

    let jsonl = app.get(&format!("/api/v1/regulations/{id}/comments.jsonl"), None).await;
    assert_eq!(jsonl.status, http::StatusCode::OK);
    let rows: Vec<serde_json::Value> = jsonl.body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0]["article"].as_str(), rows[0]["stance"].as_str(), rows[0]["outcome"].as_str()), (Some("2"), Some("amend"), Some("adopted")));
    assert_eq!(rows[0]["proposed_wording"], "補貼對象為偏鄉及離島路線。");
    assert!(rows[1]["article"].is_null() && rows[1]["outcome"].is_null());
    assert_eq!(app.get("/api/v1/regulations/999999/comments.jsonl", None).await.status, http::StatusCode::NOT_FOUND);
}
db_test!(the_comments_download_as_csv_and_json_lines);

/// Each jurisdiction sets the period its notice form suggests and the days to answer; the due
/// date is frozen when a notice is published.
async fn each_jurisdiction_sets_the_period_and_the_days_to_answer(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let admin = person(&app, "admin@example.tw", Some(crate::domain::role::Role::Admin)).await;
    let national: i64 =
        sqlx::query("SELECT jurisdiction_id FROM agencies WHERE id = $1").bind(motc).fetch_one(&st.db.pool).await.unwrap().get("jurisdiction_id");
    let edit = |period: &'static str, answers: &'static str| crate::server::admin::org::JurisdictionInput {
        code: "",
        level: "national",
        name_zh: "中央",
        name_en: "National",
        retention_days: "",
        conclusion_days: "",
        regulation_days: period,
        regulation_answer_days: answers,
    };
    let err = crate::server::admin::org::edit_jurisdiction(st, &admin, national, &edit("10", "200")).await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("regulation_days").is_some() && f.get("regulation_answer_days").is_some()), "{err:?}");
    crate::server::admin::org::edit_jurisdiction(st, &admin, national, &edit("30", "45")).await.unwrap();
    let form = draft::form(st, &officer, None).await.unwrap();
    assert_eq!(form.last_day, start_of_day(st.now()).plus_millis(29 * DAY).date_taipei(), "the form suggests the jurisdiction's period");
    let id = draft::save(st, &officer, None, &notice(motc, st.now(), 30)).await.unwrap();
    draft::publish(st, &officer, id).await.unwrap();
    crate::server::admin::org::edit_jurisdiction(st, &admin, national, &edit("60", "30")).await.unwrap();
    let s = regulations::page(st, None, id, 0).await.unwrap().summary;
    assert_eq!(s.answers_due_at.0 - s.closes_at.0, 45 * DAY, "frozen when published");
}
db_test!(each_jurisdiction_sets_the_period_and_the_days_to_answer);

/// A long draft (here 100,000 Chinese characters, about 900 KB URL-encoded) is saved whole:
/// the draft forms have their own body limit, while other forms keep the small one.
async fn a_long_draft_fits_the_form(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let agency = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "long@motc.gov.tw", agency).await;
    let session = app.staff_session(officer.user_id).await;
    let mut n = notice(agency, app.state.now(), 30);
    n.draft = format!("第一條　{}\n第二條　{}", "補".repeat(50_000), "貼".repeat(50_000));
    n.comparison.clear();
    let fields = [
        ("agency_id", n.agency_id.as_str()),
        ("title", &n.title),
        ("legal_basis", &n.legal_basis),
        ("purpose", &n.purpose),
        ("draft", &n.draft),
        ("comparison", ""),
        ("last_day", &n.last_day),
        ("contact", &n.contact),
    ];
    let r = app.call("save_regulation", &fields, Some(&session)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored: String = sqlx::query("SELECT body FROM regulation_articles WHERE number = '2'").fetch_one(&app.state.db.pool).await.unwrap().get("body");
    assert_eq!(stored.chars().filter(|&c| c == '貼').count(), 50_000);
    // Another form with a body that size is still refused.
    let r = app.call("register", &[("display_name", &n.draft), ("email", "a@b.tw"), ("password", "x")], None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}
db_test!(a_long_draft_fits_the_form);
