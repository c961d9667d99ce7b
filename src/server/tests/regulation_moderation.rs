//! Moderating comments on draft regulations (法規預告) as discussion comments and statements
//! are: reports hold one at the threshold, moderators hide, restore or dismiss it from the
//! queue, each decision is in the public log, the author is told and may appeal. A hidden
//! comment needs no answer; a held one still does, and the agency's officers read it. On both
//! engines, with the fake clock.
use super::consultations::{agency_id, officer_of};
use super::petitions::person;
use super::regulations::notice;
use crate::db_test;
use crate::domain::regulation::notice::Phase;
use crate::domain::role::Role;
use crate::domain::time::DAY;
use crate::error::AppError;
use crate::i18n::{Key, Locale};
use crate::server::auth::session::SessionUser;
use crate::server::db::regulation_comments as comments;
use crate::server::discussion::report::{Reported, report};
use crate::server::moderation::act::{Decision, decide};
use crate::server::moderation::{appeal, log, queue};
use crate::server::regulations::comment::{Comment, comment};
use crate::server::regulations::{self, answer, draft};
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;

const IP: &str = "10.0.0.8";
const TITLE: &str = "公路客運補貼辦法修正草案";

fn say<'a>(id: i64, article: &'a str, body: &'a str) -> Comment<'a> {
    Comment { regulation_id: id, article, stance: "", body, wording: "", speak_as: "" }
}

fn decision<'a>(target: &'a str, kind: &'a str, reason: &'a str) -> Decision<'a> {
    Decision { target, kind, reason, explanation: "依社群守則處理這則意見", length: "" }
}

async fn session_of(app: &TestApp, me: &SessionUser) -> String {
    let raw = crate::server::auth::session::create(&app.state.db.pool, &app.state.config, me.user_id, app.state.now()).await.unwrap();
    app.state.sessions_changed();
    raw
}

/// A notice published for comment for 14 days, and an officer of its agency.
async fn published(app: &TestApp) -> (i64, SessionUser) {
    crate::server::seed::base(&app.state).await.unwrap();
    let motc = agency_id(app, "motc").await;
    let officer = officer_of(app, "officer@motc.gov.tw", motc).await;
    let id = draft::save(&app.state, &officer, None, &notice(motc, app.state.now(), 14)).await.unwrap();
    draft::publish(&app.state, &officer, id).await.unwrap();
    (id, officer)
}

async fn status(app: &TestApp, id: i64) -> String {
    comments::get(&app.state.db.pool, id).await.unwrap().expect("the comment").status
}

async fn reports_hold_a_comment_and_moderators_decide_in_public(app: TestApp) {
    let (id, _) = published(&app).await;
    let st = &app.state;
    let author = person(&app, "author@example.tw", None).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let body = "第二條的補貼對象寫得太窄，偏鄉以外的路線也有需要。";
    let (cid, _) = comment(st, &author, IP, say(id, "2", body)).await.unwrap();
    let target = format!("regulation_comment:{cid}");
    assert_eq!(report(st, &author, IP, &target, "spam", "").await.err(), Some(AppError::Forbidden), "not one's own");
    let mut reporters = Vec::new();
    for n in 0..3 {
        reporters.push(person(&app, &format!("r{n}@example.tw"), None).await);
    }
    let err = report(st, &reporters[0], IP, &target, "other", "").await.err().expect("details required");
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("details").is_some()), "the same reasons as for comments");
    for (n, r) in reporters.iter().enumerate() {
        let (page, done) = report(st, r, IP, &target, "offensive", "").await.unwrap();
        assert!(matches!(done, Reported::Done) && page == format!("/regulations/{id}"), "{page}");
        // Shown until the threshold (three), held from it.
        let shown = regulations::page(st, None, id, 0).await.unwrap().articles[1].comments[0].clone();
        assert_eq!((shown.withheld, shown.body.is_empty()), (n == 2, n == 2), "after {} reports", n + 1);
    }
    assert!(matches!(report(st, &reporters[0], IP, &target, "spam", "").await.unwrap().1, Reported::Already));
    assert_eq!(status(&app, cid).await, "held");

    // The queue links to the comment on its notice, at its version.
    let q = queue::queue(st, &moderator, None).await.unwrap();
    let item = q.items.iter().find(|i| i.target == target).expect("in the moderators' queue");
    assert_eq!(item.href, format!("/regulations/{id}?version=1#rc-{cid}"));
    assert_eq!((item.status.as_str(), item.reports, item.content.as_str(), item.petition_id), ("held", 3, body, 0));
    assert_eq!(item.petition_title, TITLE);

    let hide = decide(st, &moderator, decision(&target, "hide", "offensive")).await.unwrap();
    assert_eq!(decide(st, &moderator, decision(&target, "hide", "offensive")).await, Err(AppError::Conflict), "already hidden");
    assert_eq!(status(&app, cid).await, "hidden");
    let shown = regulations::page(st, None, id, 0).await.unwrap().articles[1].comments[0].clone();
    assert!(shown.withheld && shown.body.is_empty() && shown.wording.is_none(), "withheld in public");
    assert!(queue::queue(st, &moderator, None).await.unwrap().items.is_empty(), "its reports are resolved");

    // In the public log, filed under the notice; the text is the problem, so it is not quoted.
    let public = log::page(st, None, 1).await.unwrap();
    let entry = public.entries.iter().find(|e| e.id == hide && e.target_kind == "regulation_comment").expect("in the public log");
    assert_eq!((entry.kind.as_str(), entry.regulation_id, entry.petition_title.as_deref()), ("hide", Some(id), Some(TITLE)));
    assert_eq!((entry.petition_id, entry.consultation_id, entry.excerpt.as_deref()), (None, None, None));
    // The API's entry names the notice's page, as the HTML log links it.
    let api: serde_json::Value = serde_json::from_str(&app.get("/api/v1/moderation-log", None).await.body).unwrap();
    let item = api["items"].as_array().unwrap().iter().find(|i| i["id"].as_i64() == Some(hide) && i["target_kind"] == "regulation_comment").unwrap();
    assert_eq!(item["page"].as_str(), Some(format!("/regulations/{id}").as_str()), "{item}");

    // The author is told, with the way to appeal; someone else decides the appeal.
    let mails = app.emails_to("author@example.tw").await;
    assert!(mails.last().is_some_and(|m| m.1.contains(&format!("/decisions/{hide}"))), "{mails:?}");
    appeal::file(st, &author, hide, "這則意見是對草案條文的正當批評，並無不當。").await.unwrap();
    let other = person(&app, "mod2@example.tw", Some(Role::Moderator)).await;
    let waiting = queue::queue(st, &other, None).await.unwrap().appeals;
    let a = waiting.iter().find(|a| a.action.id == hide).expect("the appeal waits");
    assert_eq!(appeal::decide(st, &moderator, a.id, true, "other", "複查後認定屬正當批評").await, Err(AppError::Forbidden), "not the same moderator");
    appeal::decide(st, &other, a.id, true, "other", "複查後認定屬正當批評，恢復顯示").await.unwrap();
    assert_eq!(status(&app, cid).await, "visible");
    let shown = regulations::page(st, None, id, 0).await.unwrap().articles[1].comments[0].clone();
    assert!(!shown.withheld && shown.body == body, "shown again");
}
db_test!(reports_hold_a_comment_and_moderators_decide_in_public);

async fn a_hidden_comment_needs_no_answer_and_a_held_one_does(app: TestApp) {
    let (id, officer) = published(&app).await;
    let st = &app.state;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let (hidden, _) = comment(st, &citizen, IP, say(id, "1", "這則意見含有人身攻擊，應被隱藏。")).await.unwrap();
    let held_text = "第三條的虧損計算方式應公開，並接受外部審查。";
    let (held, _) = comment(st, &citizen, IP, say(id, "3", held_text)).await.unwrap();
    let (plain, _) = comment(st, &citizen, IP, say(id, "", "整體方向正確，支持修正。")).await.unwrap();
    decide(st, &moderator, decision(&format!("regulation_comment:{hidden}"), "hide", "offensive")).await.unwrap();
    let target = format!("regulation_comment:{held}");
    for n in 0..3 {
        let r = person(&app, &format!("r{n}@example.tw"), None).await;
        report(st, &r, IP, &target, "off_topic", "").await.unwrap();
    }
    assert_eq!(status(&app, held).await, "held");

    app.clock.advance_millis(14 * DAY);
    let page = regulations::page(st, None, id, 0).await.unwrap();
    assert_eq!((page.summary.phase, page.summary.comments, page.unanswered), (Phase::AwaitingAnswers, 2, 2), "the hidden one is not counted");
    let public = page.articles[2].comments[0].clone();
    assert!(public.withheld && public.body.is_empty(), "the public does not read a held comment");
    // Its officers do: it is still owed an answer.
    let ws = answer::workspace(st, &officer, id).await.unwrap();
    assert_eq!(ws.unanswered.iter().map(|c| c.id).collect::<Vec<_>>(), vec![held, plain]);
    assert!(ws.unanswered[0].withheld && ws.unanswered[0].body == held_text, "marked held, with its text");
    let officers = app.staff_session(officer.user_id).await;
    let html = app.get(&format!("/regulations/{id}/answers"), Some(&officers)).await.body;
    assert!(html.contains(held_text) && html.contains("reg-held-mark"), "the answer form shows it, marked");
    assert!(!app.get(&format!("/regulations/{id}"), None).await.body.contains(held_text), "the public page does not");

    let ticks = |ids: &[i64]| ids.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    let refused = answer::answer(st, &officer, id, &ticks(&[hidden]), "noted", "不需回應。").await;
    assert!(matches!(refused, Err(AppError::Invalid(ref f)) if f.get("comments").is_some()), "a hidden comment takes no answer");
    answer::answer(st, &officer, id, &ticks(&[plain]), "noted", "已納入整體考量。").await.unwrap();
    let overall = "感謝各界意見，我們已逐條回應並修正草案。";
    assert_eq!(answer::conclude(st, &officer, id, overall).await, Err(AppError::Conflict), "the held comment still waits for its answer");
    assert!(!answer::workspace(st, &officer, id).await.unwrap().may_conclude);
    assert_eq!(answer::answer(st, &officer, id, &ticks(&[held]), "not_adopted", "計算方式已於說明會公開。").await, Ok(1), "a held one can be answered");
    let ws = answer::workspace(st, &officer, id).await.unwrap();
    assert!(ws.may_conclude && ws.unanswered.is_empty(), "the hidden one blocks nothing");
    answer::conclude(st, &officer, id, overall).await.unwrap();
    let s = regulations::page(st, None, id, 0).await.unwrap().summary;
    assert_eq!((s.phase, s.comments, s.answered), (Phase::Answered, 2, 2));

    // The downloads keep their place, never their text.
    let jsonl = app.get(&format!("/api/v1/regulations/{id}/comments.jsonl"), None).await.body;
    let rows: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    for (row, cid) in rows.iter().zip([hidden, held]) {
        assert_eq!((row["comment_id"].as_i64(), row["withheld"].as_bool(), row["comment"].is_null()), (Some(cid), Some(true), true), "{row}");
    }
    let csv = app.get(&format!("/api/v1/regulations/{id}/comments.csv"), None).await.body;
    assert!(!csv.contains("人身攻擊") && !csv.contains(held_text), "{csv}");

    // Restored after review: shown with its answer.
    decide(st, &moderator, decision(&target, "restore", "other")).await.unwrap();
    assert_eq!(status(&app, held).await, "visible");
    let shown = regulations::page(st, None, id, 0).await.unwrap().articles[2].comments[0].clone();
    assert!(!shown.withheld && shown.body == held_text && shown.answer.is_some());
    assert_eq!(decide(st, &moderator, decision(&target, "restore", "other")).await, Err(AppError::Conflict), "already shown");

    // The hidden one restored after the statement is owed an answer: shown as such, and answerable.
    decide(st, &moderator, decision(&format!("regulation_comment:{hidden}"), "restore", "other")).await.unwrap();
    let page = regulations::page(st, None, id, 0).await.unwrap();
    assert_eq!((page.summary.phase, page.unanswered), (Phase::Answered, 1));
    let html = app.get(&format!("/regulations/{id}"), None).await.body;
    assert!(html.contains(Locale::ZhTw.text(Key::RegUnansweredLabel)), "the notice says one is unanswered");
    let ws = answer::workspace(st, &officer, id).await.unwrap();
    assert!(ws.may_answer && ws.unanswered.iter().map(|c| c.id).eq([hidden]), "offered for an answer");
    assert_eq!(answer::answer(st, &officer, id, &ticks(&[hidden]), "noted", "恢復顯示後補充回應。").await, Ok(1));
    let page = regulations::page(st, None, id, 0).await.unwrap();
    assert_eq!((page.summary.phase, page.unanswered, page.summary.answered), (Phase::Answered, 0, 3));
}
db_test!(a_hidden_comment_needs_no_answer_and_a_held_one_does);

/// Without JavaScript: a link opens the report form under the comment, an error comes back
/// next to its field, a report comes back to the notice with a notice.
async fn the_report_form_works_without_javascript(app: TestApp) {
    let (id, _) = published(&app).await;
    let st = &app.state;
    let author = person(&app, "author@example.tw", None).await;
    let reader = person(&app, "reader@example.tw", None).await;
    let (cid, _) = comment(st, &author, IP, say(id, "2", "補貼對象應納入離島路線。")).await.unwrap();
    let page = format!("/regulations/{id}");
    let link = format!("report=regulation_comment:{cid}#rc-{cid}");
    let theirs = session_of(&app, &reader).await;
    let html = app.get(&page, Some(&theirs)).await.body;
    assert!(html.contains(&format!("id=\"rc-{cid}\"")) && html.contains(&link), "a reader may report it");
    assert!(!app.get(&page, None).await.body.contains(&link), "not signed in: no report link");
    let mine = session_of(&app, &author).await;
    assert!(!app.get(&page, Some(&mine)).await.body.contains(&link), "not one's own");

    let target = format!("regulation_comment:{cid}");
    let asked = format!("{page}?version=1&report={target}");
    assert!(app.get(&asked, Some(&theirs)).await.body.contains(&format!("value=\"{target}\"")), "the form opens under the comment");
    let r = app.post("/api/report", &[("target", target.as_str()), ("reason", ""), ("details", "")], Some(&theirs), Via::Html, &asked).await;
    assert!(r.location().is_some_and(|to| to.contains("flash=")), "{} {}", r.status, r.body);
    assert!(app.follow(&r, Some(&theirs)).await.body.contains("field-error"), "the error next to the field");
    let r = app.post("/api/report", &[("target", target.as_str()), ("reason", "spam"), ("details", "")], Some(&theirs), Via::Html, &asked).await;
    assert_eq!(r.location(), Some(format!("{page}?notice=reported").as_str()));
    assert!(app.follow(&r, Some(&theirs)).await.body.contains("已收到檢舉"), "the notice");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM reports WHERE target_kind = 'regulation_comment' AND target_id = {cid}")).await, 1);
}
db_test!(the_report_form_works_without_javascript);
