//! Deliberation on a petition: statements (limits, duplicates, strict mode, seeds), votes (one
//! per person, changeable), the opinion map job (groups, consensus, debounce), the page and
//! its plain form posts; on both engines.
use super::petitions::{open_petition, person};
use crate::db_test;
use crate::domain::time::{HOUR, SECOND};
use crate::domain::validation::FieldError;
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::auth::session::SessionUser;
use crate::server::db::deliberation as db;
use crate::server::deliberation::{self, PETITION, map, moderate, vote, write};
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use axum::body::Body;
use http::Request;

async fn session_of(app: &TestApp, me: &SessionUser) -> String {
    let raw = crate::server::auth::session::create(&app.state.db.pool, &app.state.config, me.user_id, app.state.now()).await.unwrap();
    app.state.sessions_changed();
    raw
}

fn field_error(r: Result<bool, AppError>) -> FieldError {
    match r {
        Err(AppError::Invalid(f)) => f.get("statement").cloned().expect("a statement error"),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn statement_id(app: &TestApp, petition: i64, body: &str) -> i64 {
    let c = db::find(&app.state.db.pool, PETITION, petition).await.unwrap().unwrap();
    db::statements(&app.state.db.pool, c.id, "").await.unwrap().into_iter().find(|s| s.body == body).map(|s| s.id).expect("the statement")
}

async fn statements_are_checked_and_votes_are_one_per_person(app: TestApp) {
    let (id, proposer, _) = open_petition(&app, "公車延長營運到午夜").await;
    let me = person(&app, "me@example.tw", None).await;
    let st = &app.state;
    assert_eq!(field_error(write::write(st, &me, "10.0.0.1", Subject::Petition(id), "太短").await), FieldError::TooShort { min: 5 });
    assert_eq!(field_error(write::write(st, &me, "10.0.0.1", Subject::Petition(id), &"長".repeat(141)).await), FieldError::TooLong { max: 140 });
    assert_eq!(field_error(write::write(st, &me, "10.0.0.1", Subject::Petition(id), "末班車\u{202E}應該延後").await), FieldError::HiddenCharacters);
    // Nothing was half-written by the refusals.
    assert!(db::find(&st.db.pool, PETITION, id).await.unwrap().is_none_or(|c| c.changed_at.0 == 0));

    assert!(write::write(st, &proposer, "10.0.0.2", Subject::Petition(id), "末班公車應該延到午夜十二點").await.unwrap(), "a seed is shown at once");
    assert!(write::write(st, &me, "10.0.0.1", Subject::Petition(id), "  夜間公車  班距可以拉長\n但不能停駛 ").await.unwrap());
    assert_eq!(field_error(write::write(st, &me, "10.0.0.1", Subject::Petition(id), "末班公車應該延到午夜十二點").await), FieldError::DuplicateStatement);
    let seed = statement_id(&app, id, "末班公車應該延到午夜十二點").await;
    let mine = statement_id(&app, id, "夜間公車 班距可以拉長 但不能停駛").await;

    // The author's statement is their agreement; others vote once each and may change it.
    let c = db::find(&st.db.pool, PETITION, id).await.unwrap().unwrap();
    assert_eq!(db::votes_of(&st.db.pool, c.id, me.user_id).await.unwrap(), vec![(mine, 1)]);
    assert_eq!(vote::vote(st, &me, "10.0.0.1", seed, "disagree").await.unwrap(), Subject::Petition(id));
    vote::vote(st, &me, "10.0.0.1", seed, "pass").await.unwrap();
    assert_eq!(db::votes_of(&st.db.pool, c.id, me.user_id).await.unwrap(), vec![(seed, 0), (mine, 1)]);
    let s = db::statement(&st.db.pool, seed).await.unwrap().unwrap();
    assert_eq!((s.agree, s.disagree, s.pass), (1, 0, 1), "the proposer's agreement and my pass, one vote each");
    assert!(matches!(vote::vote(st, &me, "10.0.0.1", seed, "maybe").await, Err(AppError::Invalid(_))));
    assert!(matches!(vote::vote(st, &me, "10.0.0.1", 999_999, "agree").await, Err(AppError::NotFound)));

    // A suspended person can neither write nor vote.
    let held = person(&app, "held@example.tw", None).await;
    let held = SessionUser { suspended_until: Some(st.now().plus_millis(HOUR)), ..held };
    assert!(matches!(write::write(st, &held, "10.0.0.3", Subject::Petition(id), "我也有話要說說看").await, Err(AppError::Suspended { .. })));
    assert!(matches!(vote::vote(st, &held, "10.0.0.3", seed, "agree").await, Err(AppError::Suspended { .. })));

    // The page: the next statement is one the person has not voted on.
    let page = deliberation::page(st, Some(&me), Subject::Petition(id)).await.unwrap();
    assert_eq!(page.voted, 2);
    assert!(page.next.is_none(), "both statements voted on");
    let other = person(&app, "other@example.tw", None).await;
    let page = deliberation::page(st, Some(&other), Subject::Petition(id)).await.unwrap();
    assert!(page.next.as_ref().is_some_and(|s| s.id == seed || s.id == mine));
    assert_eq!(page.statements.len(), 2);
    assert!(page.statements.iter().any(|s| s.id == seed && s.seed));
}
db_test!(statements_are_checked_and_votes_are_one_per_person);

async fn strict_mode_waits_for_a_moderator(app: TestApp) {
    let (id, proposer, moderator) = open_petition(&app, "社區公園增設遮陽棚").await;
    let st = &app.state;
    let citizen = person(&app, "c@example.tw", None).await;
    assert!(matches!(moderate::set_strict(st, &citizen, Subject::Petition(id), true).await, Err(AppError::Forbidden)));
    moderate::set_strict(st, &moderator, Subject::Petition(id), true).await.unwrap();
    assert!(!write::write(st, &citizen, "10.0.0.1", Subject::Petition(id), "遮陽棚要選耐颱風的材質").await.unwrap(), "waits for a moderator");
    assert!(write::write(st, &proposer, "10.0.0.2", Subject::Petition(id), "遊戲場最需要遮陽").await.unwrap(), "the proposer's seed is shown");
    let pending = statement_id(&app, id, "遮陽棚要選耐颱風的材質").await;
    let page = deliberation::page(st, Some(&citizen), Subject::Petition(id)).await.unwrap();
    assert_eq!(page.statements.len(), 1);
    assert_eq!(page.my_pending, vec!["遮陽棚要選耐颱風的材質".to_string()]);
    assert!(page.pending.is_empty(), "only moderators see the queue");
    assert!(matches!(vote::vote(st, &proposer, "10.0.0.2", pending, "agree").await, Err(AppError::NotFound)), "not shown: no votes");
    let page = deliberation::page(st, Some(&moderator), Subject::Petition(id)).await.unwrap();
    assert_eq!(page.pending.len(), 1);
    assert!(matches!(moderate::decide(st, &citizen, pending, true).await, Err(AppError::Forbidden)));
    assert_eq!(moderate::decide(st, &moderator, pending, true).await.unwrap(), Subject::Petition(id));
    assert!(matches!(moderate::decide(st, &moderator, pending, false).await, Err(AppError::Conflict)), "decided once");
    assert_eq!(deliberation::page(st, None, Subject::Petition(id)).await.unwrap().statements.len(), 2);
}
db_test!(strict_mode_waits_for_a_moderator);

/// Two camps of six on eight statements, each camp writing its own, and one statement
/// everyone agrees with.
async fn the_map_finds_the_groups_and_the_consensus(app: TestApp) {
    let (id, _, _) = open_petition(&app, "捷運站增設自行車停車位").await;
    let st = &app.state;
    let mut people = Vec::new();
    for n in 0..12 {
        people.push(person(&app, &format!("v{n}@example.tw"), None).await);
    }
    let texts: Vec<String> = (0..8).map(|i| format!("第 {i} 個看法：停車位應該這樣規劃")).collect();
    for (i, t) in texts.iter().enumerate() {
        write::write(st, &people[if i < 4 { 0 } else { 6 }], "10.0.0.9", Subject::Petition(id), t).await.unwrap();
    }
    write::write(st, &people[3], "10.0.0.9", Subject::Petition(id), "停車位旁需要照明與監視器").await.unwrap();
    let common = statement_id(&app, id, "停車位旁需要照明與監視器").await;
    let mut ids = Vec::new();
    for t in &texts {
        ids.push(statement_id(&app, id, t).await);
    }
    for (n, p) in people.iter().enumerate() {
        let camp_a = n < 6;
        for (i, s) in ids.iter().enumerate() {
            let agrees = (i < 4) == camp_a;
            vote::vote(st, p, &format!("10.0.1.{n}"), *s, if agrees { "agree" } else { "disagree" }).await.unwrap();
        }
        vote::vote(st, p, &format!("10.0.1.{n}"), common, "agree").await.unwrap();
    }
    // One computation, then nothing while nothing changes.
    app.clock.advance_millis(SECOND);
    assert_eq!(map::recompute_due(st).await.unwrap(), 1);
    assert_eq!(map::recompute_due(st).await.unwrap(), 0, "up to date");

    let page = deliberation::page(st, Some(&people[0]), Subject::Petition(id)).await.unwrap();
    let m = page.map.clone().expect("a map");
    assert_eq!(m.participants, 12);
    assert_eq!(m.groups.len(), 2, "{:?}", m.groups.iter().map(|g| g.size).collect::<Vec<_>>());
    assert!(m.groups.iter().all(|g| g.size >= 6));
    assert!(m.consensus.first().is_some_and(|c| c.id == common), "{:?}", m.consensus);
    let (you, group) = (page.you, page.your_group);
    assert!(you.is_some() && group.is_some());
    let other_camp = deliberation::page(st, Some(&people[11]), Subject::Petition(id)).await.unwrap().your_group;
    assert_ne!(group, other_camp, "the two camps are different groups");
    let reps = &m.groups[group.unwrap()].representative;
    assert!(!reps.is_empty() && reps.iter().all(|r| r.group_share > r.rest_share));

    // A new vote: recomputed only once the last map is 10 s old.
    let late = person(&app, "late@example.tw", None).await;
    vote::vote(st, &late, "10.0.2.1", common, "agree").await.unwrap();
    app.clock.advance_millis(SECOND);
    assert_eq!(map::recompute_due(st).await.unwrap(), 0, "debounced");
    app.clock.advance_millis(10 * SECOND);
    assert_eq!(map::recompute_due(st).await.unwrap(), 1);
    assert_eq!(deliberation::page(st, None, Subject::Petition(id)).await.unwrap().map.unwrap().participants, 13);
}
db_test!(the_map_finds_the_groups_and_the_consensus);

/// Without JavaScript: plain form posts come back to the page with a notice, errors next to
/// the field; markup in a statement is shown as text.
async fn the_page_and_its_plain_forms(app: TestApp) {
    let (id, _, _) = open_petition(&app, "路口增設行人號誌").await;
    let me = person(&app, "me@example.tw", None).await;
    let session = session_of(&app, &me).await;
    let page = format!("/petitions/{id}/deliberation");
    let r = app
        .post(
            "/api/write_statement",
            &[("kind", "petition"), ("subject", &id.to_string()), ("statement", "<b>行人</b>綠燈時間應該更長")],
            Some(&session),
            Via::Html,
            &page,
        )
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), Some(format!("{page}?notice=statement_added").as_str()));
    let r =
        app.post("/api/write_statement", &[("kind", "petition"), ("subject", &id.to_string()), ("statement", "短")], Some(&session), Via::Html, &page).await;
    let back = r.location().expect("back to the form").to_string();
    assert!(back.contains("flash="), "{back}");
    let key = r.set_cookie("minyi_form").expect("the posting browser gets its key");
    let cookies = format!("minyi_session={session}; minyi_form={key}");
    let html = app.send(Request::get(back.as_str()).header("accept", "text/html").header("cookie", cookies).body(Body::empty()).unwrap()).await.body;
    assert!(html.contains("field-error") && html.contains(">短</textarea>"), "the error next to the field, the text kept");

    let someone = person(&app, "someone@example.tw", None).await;
    let theirs = session_of(&app, &someone).await;
    let html = app.get(&page, Some(&theirs)).await.body;
    assert!(html.contains("&lt;b&gt;行人&lt;/b&gt;綠燈時間應該更長"), "markup is text");
    assert!(!html.contains("<b>行人</b>"));
    let s = statement_id(&app, id, "<b>行人</b>綠燈時間應該更長").await;
    assert!(html.contains(&format!("name=\"statement_id\" value=\"{s}\"")), "the statement to vote on");
    let r = app.post("/api/vote_statement", &[("statement_id", &s.to_string()), ("choice", "agree")], Some(&theirs), Via::Html, &page).await;
    assert_eq!(r.location(), Some(format!("{page}?notice=statement_voted#vote").as_str()));
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM statement_votes WHERE statement_id = {s}")).await, 2);
    // Not signed in: a way to log in, no form.
    let html = app.get(&page, None).await.body;
    assert!(html.contains("/login?next=") && !html.contains("name=\"statement_id\""));
    // A petition that does not exist, or is not public: not found.
    assert_eq!(app.get("/petitions/999999/deliberation", None).await.status, 404);
}
db_test!(the_page_and_its_plain_forms);

async fn reported_statements_wait_for_a_moderator_and_decisions_are_public(app: TestApp) {
    use crate::server::discussion::report::{Reported, report};
    use crate::server::moderation::act::{Decision, decide};
    let (id, _, moderator) = open_petition(&app, "路燈改成省電燈具").await;
    let st = &app.state;
    let author = person(&app, "author@example.tw", None).await;
    write::write(st, &author, "10.0.0.1", Subject::Petition(id), "路燈應該全部改成 LED").await.unwrap();
    let sid = statement_id(&app, id, "路燈應該全部改成 LED").await;
    let target = format!("statement:{sid}");
    assert_eq!(report(st, &author, "10.0.0.1", &target, "spam", "").await.err(), Some(AppError::Forbidden), "not one's own");
    for n in 0..3 {
        let r = person(&app, &format!("r{n}@example.tw"), None).await;
        let (page, done) = report(st, &r, "10.0.0.9", &target, "offensive", "").await.unwrap();
        assert!(matches!(done, Reported::Done) && page == format!("/petitions/{id}/deliberation"));
    }
    // Enough reports: it waits for a moderator and leaves the list people vote on.
    assert_eq!(db::statement(&st.db.pool, sid).await.unwrap().unwrap().status, "pending");
    let queue = crate::server::moderation::queue::queue(st, &moderator, None).await.unwrap();
    let item = queue.items.iter().find(|i| i.target == target).expect("in the moderators' queue");
    assert_eq!(item.href, format!("/petitions/{id}/deliberation#s{sid}"));
    let d = Decision { target: &target, kind: "hide", reason: "offensive", explanation: "內容含有不當字眼，予以隱藏", length: "" };
    decide(st, &moderator, d).await.unwrap();
    assert_eq!(db::statement(&st.db.pool, sid).await.unwrap().unwrap().status, "hidden");
    let log = crate::server::moderation::log::page(st, None, 1).await.unwrap();
    assert!(log.entries.iter().any(|e| e.target_kind == "statement" && e.kind == "hide"), "in the public log");
    let d = Decision { target: &target, kind: "restore", reason: "other", explanation: "複查後內容並無不當，恢復顯示", length: "" };
    decide(st, &moderator, d).await.unwrap();
    assert_eq!(db::statement(&st.db.pool, sid).await.unwrap().unwrap().status, "shown");
}
db_test!(reported_statements_wait_for_a_moderator_and_decisions_are_public);
