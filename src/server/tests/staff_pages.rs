//! What moderators, officers and admins see every day: the review page, the public
//! moderation log, the extension after an answer, and the admins' user search.
use super::petitions::{drain, input, national, person, set_threshold, state_of};
use crate::db_test;
use crate::domain::petition::PetitionState;
use crate::domain::response::ResponseInput;
use crate::domain::role::Role;
use crate::domain::time::DAY;
use crate::error::AppError;
use crate::i18n::{Key, Locale};
use crate::server::auth::session::SessionUser;
use crate::server::db::{agencies, moderation};
use crate::server::discussion::write::{self, Post};
use crate::server::moderation::act::{Decision, decide};
use crate::server::moderation::log;
use crate::server::petitions::{propose, review, sign};
use crate::server::responses::workspace;
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use http::StatusCode;
use sqlx::Row;

const ZH: Locale = Locale::ZhTw;

async fn id_of(app: &TestApp, sql: &str, code: &str) -> i64 {
    sqlx::query(sql).bind(code).fetch_one(&app.state.db.pool).await.unwrap().get("id")
}

/// A submitted proposal (in review) by a proposer of its own.
async fn submitted(app: &TestApp, title: &str) -> i64 {
    let (j, a) = national(app).await;
    let proposer = person(app, &format!("p{}@example.tw", crate::server::auth::tokens::generate(4).0), None).await;
    propose::save(&app.state, &proposer, None, &input(title, j, a), true).await.unwrap()
}

async fn every_review_decision_is_in_the_log(app: TestApp) {
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let s = &app.state;
    let approved = submitted(&app, "增設公共自行車站點").await;
    let rejected = submitted(&app, "請中央處理巷口路燈").await;
    let hidden = submitted(&app, "某某議員是騙子應該下台").await;
    for (id, reason, why) in [(rejected, "outside_remit", "路燈屬地方政府權責，請向臺北市政府提出。"), (hidden, "defamatory", "指名道姓的指控。")]
    {
        review::claim(s, &moderator, id).await.unwrap();
        review::reject(s, &moderator, id, reason, why, "").await.unwrap();
    }
    review::claim(s, &moderator, approved).await.unwrap();
    review::approve(s, &moderator, approved).await.unwrap();

    let l = log::page(s, None, 1).await.unwrap();
    assert_eq!(l.entries.len(), 3, "{:?}", l.entries);
    let find = |id: i64| l.entries.iter().find(|e| e.target_kind == "petition" && e.petition_id == Some(id));
    let r = find(rejected).expect("the rejected petition is in the log");
    assert_eq!((r.kind.as_str(), r.reason.as_str()), ("reject_petition", "outside_remit"));
    assert_eq!(r.petition_title.as_deref(), Some("請中央處理巷口路燈"));
    assert!(r.explanation.contains("臺北市政府") && r.moderator.is_none());
    assert_eq!(find(approved).unwrap().kind, "approve_petition");
    // Rejected for its content: logged, but without its title or a link to it.
    let h = l.entries.iter().find(|e| e.kind == "reject_petition" && e.reason == "defamatory").unwrap();
    assert_eq!((h.petition_id, h.petition_title.as_deref()), (None, None));
    assert_eq!(l.entries[0].kind, "approve_petition", "newest first");
    assert!(log::page(s, Some(&admin), 1).await.unwrap().entries.iter().all(|e| e.moderator.as_deref() == Some("mod")), "admins see who");

    let page = app.get("/moderation-log", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [ZH.text(Key::ModLogRejected), ZH.text(Key::ModLogApproved), "請中央處理巷口路燈", "路燈屬地方政府權責"] {
        assert!(page.body.contains(text), "{text}");
    }
    assert!(!page.body.contains("騙子") && page.body.contains(ZH.text(Key::ModLogHiddenPetition)), "a title rejected as defamatory is not repeated");
    assert!(page.body.contains(r#"class="log-cards""#), "cards reflow on a narrow screen");

    // The open-data log says the same, and its cursor pages through both kinds of entry.
    let api = app.get("/api/v1/moderation-log", None).await;
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let kinds: Vec<&str> = v["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["approve_petition", "reject_petition", "reject_petition"], "{}", api.body);
    assert!(!api.body.contains("騙子"));
    let (mut seen, mut cursor) = (Vec::new(), None::<String>);
    loop {
        let url = match &cursor {
            Some(c) => format!("/api/v1/moderation-log?cursor={c}"),
            None => "/api/v1/moderation-log".to_string(),
        };
        let v: serde_json::Value = serde_json::from_str(&app.get(&url, None).await.body).unwrap();
        seen.extend(v["items"].as_array().unwrap().iter().map(|e| (e["kind"].to_string(), e["id"].as_i64().unwrap())));
        match v["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    assert_eq!(app.get("/api/v1/moderation-log?cursor=nonsense", None).await.status, StatusCode::BAD_REQUEST);
}
db_test!(every_review_decision_is_in_the_log);

async fn log_excerpts_are_plain_text(app: TestApp) {
    let (j, a) = national(&app).await;
    let proposer = person(&app, "p@example.tw", None).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let id = propose::save(&app.state, &proposer, None, &input("增設公共自行車站點", j, a), true).await.unwrap();
    review::claim(&app.state, &moderator, id).await.unwrap();
    review::approve(&app.state, &moderator, id).await.unwrap();
    let alice = person(&app, "alice@example.tw", None).await;
    let bob = person(&app, "bob@example.tw", None).await;
    let hostile = "## 標題\n\n**很重要** 請看 [這份資料](https://data.gov.tw/x) `程式`\n\n<script>alert(1)</script> 結尾";
    let long = "字".repeat(200);
    for (who, body) in [(&alice, hostile), (&bob, long.as_str())] {
        let c =
            write::post(&app.state, who, "10.0.0.9", Post { subject: crate::dto::deliberation::Subject::Petition(id), parent_id: None, body, as_agency: "" })
                .await
                .unwrap();
        let target = format!("comment:{c}");
        decide(&app.state, &moderator, Decision { target: &target, kind: "hide", reason: "off_topic", explanation: "與提議無關", length: "" }).await.unwrap();
    }
    let l = log::page(&app.state, None, 1).await.unwrap();
    let excerpts: Vec<String> = l.entries.iter().filter(|e| e.target_kind == "comment").filter_map(|e| e.excerpt.clone()).collect();
    assert_eq!(excerpts.len(), 2);
    // Cut by characters (a byte cut would split a Chinese character), with an ellipsis.
    assert_eq!(excerpts[0], format!("{}…", "字".repeat(80)));
    let x = &excerpts[1];
    assert!(x.starts_with("標題 很重要 請看 這份資料 程式"), "{x}");
    for markup in ["**", "##", "](", "`"] {
        assert!(!x.contains(markup), "{markup} in {x}");
    }
    let page = app.get("/moderation-log", None).await;
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains("<script>alert(1)"), "hostile text is escaped");
    assert!(!page.body.contains("**很重要**"));
}
db_test!(log_excerpts_are_plain_text);

async fn review_page_shows_the_whole_proposal(app: TestApp) {
    let (j, a) = national(&app).await;
    let proposer = person(&app, "p@example.tw", None).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    // Already open: the similar petition the moderator should compare with.
    let earlier = submitted(&app, "捷運站出口公共自行車").await;
    review::claim(&app.state, &moderator, earlier).await.unwrap();
    review::approve(&app.state, &moderator, earlier).await.unwrap();
    let mut proposal = input("增設公共自行車站點", j, a);
    proposal.evidence = "https://data.gov.tw/dataset/1\nhttps://www.motc.gov.tw/plan".into();
    let id = propose::save(&app.state, &proposer, None, &proposal, true).await.unwrap();
    let s = app.staff_session(moderator.user_id).await;
    let at = format!("/moderation/{id}");
    let page = app.get(&at, Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK);
    let jurisdiction: String =
        sqlx::query("SELECT name_zh FROM jurisdictions WHERE id = $1").bind(j).fetch_one(&app.state.db.pool).await.unwrap().get("name_zh");
    let category: String = sqlx::query("SELECT name_zh FROM categories WHERE id = 1").fetch_one(&app.state.db.pool).await.unwrap().get("name_zh");
    for text in [&proposal.problem, &proposal.action, &proposal.benefits, "交通部", "https://www.motc.gov.tw/plan", &jurisdiction, &category] {
        assert!(page.body.contains(text), "{text} missing from the review page");
    }
    let similar = &page.body[page.body.find(r#"id="similar-title""#).unwrap()..];
    assert!(similar.contains(&format!(r#"href="/petitions/{earlier}""#)), "similar petitions are listed");
    // Approve and reject look different.
    assert!(page.body.contains("button button-primary") && page.body.contains("button button-danger"));

    // Claim, then approve: the answer is the queue, saying what was decided.
    let r = app.post("/api/claim", &[("id", &id.to_string())], Some(&s), Via::Html, &at).await;
    assert_eq!(r.location(), Some(format!("{at}?notice=claimed").as_str()));
    let r = app.post("/api/approve", &[("id", &id.to_string())], Some(&s), Via::Html, &at).await;
    assert_eq!(r.location(), Some("/moderation?notice=approved"));
    let after = app.follow(&r, Some(&s)).await;
    assert!(after.body.contains(ZH.text(Key::NoticeApproved)));
    assert_eq!(state_of(&app, id).await, PetitionState::Open);
}
db_test!(review_page_shows_the_whole_proposal);

/// An established national petition led by motc; its lead officer.
async fn established(app: &TestApp, title: &str) -> (i64, i64, SessionUser) {
    national(app).await;
    set_threshold(app, 1).await;
    let id = submitted(app, title).await;
    let moderator = person(app, &format!("m{}@example.tw", crate::server::auth::tokens::generate(4).0), Some(Role::Moderator)).await;
    review::claim(&app.state, &moderator, id).await.unwrap();
    review::approve(&app.state, &moderator, id).await.unwrap();
    let signer = person(app, &format!("s{id}@example.tw"), None).await;
    sign::as_user(&app.state, &signer, "10.0.0.1", id, "63000", false).await.unwrap();
    drain(app).await;
    assert_eq!(state_of(app, id).await, PetitionState::Established);
    let motc = id_of(app, "SELECT id FROM agencies WHERE code = $1", "motc").await;
    let email = format!("lead{id}@gov.tw");
    let lead = person(app, &email, Some(Role::Officer)).await;
    agencies::add_member(&app.state.db.pool, motc, lead.user_id, app.state.now()).await.unwrap();
    (id, motc, lead)
}

fn publish(agency_id: i64) -> workspace::Form {
    let input = ResponseInput {
        summary: "本部同意在主要車站增設站點，明年起分三年完成。".into(),
        details: "我們將與地方政府合作。".into(),
        points: vec![("每站 200 公尺內設站".into(), "accepted".into(), "".into())],
        links: String::new(),
    };
    workspace::Form { agency_id, input, publish: true, cited: vec![] }
}

async fn extension_after_a_published_response(app: TestApp) {
    let s = &app.state;
    let (id, motc, lead) = established(&app, "增設公共自行車站點").await;
    workspace::save(s, &lead, id, publish(motc)).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Answered);
    assert!(workspace::workspace(s, &lead, id, Some(motc)).await.unwrap().may_extend);
    let session = app.staff_session(lead.user_id).await;
    let at = format!("/agency/petitions/{id}?agency={motc}");
    let page = app.get(&at, Some(&session)).await;
    assert!(page.body.contains(r#"name="extension_reason""#) && page.body.contains(ZH.text(Key::ExtendAfterAnswerHint)), "the form stays after publishing");

    let due = || async {
        sqlx::query("SELECT response_due_at FROM petitions WHERE id = $1").bind(id).fetch_one(&s.db.pool).await.unwrap().get::<i64, _>("response_due_at")
    };
    let before = due().await;
    // The platform's limits still hold: at most the jurisdiction's maximum, once.
    let max: i64 = sqlx::query("SELECT max_extension_days FROM jurisdictions WHERE code = 'national'").fetch_one(&s.db.pool).await.unwrap().get(0);
    let Err(AppError::Invalid(e)) = workspace::extend(s, &lead, id, &(max + 1).to_string(), "修訂回應需要跨部會協調。").await else {
        panic!("over the maximum")
    };
    assert!(e.get("days").is_some());
    workspace::extend(s, &lead, id, &max.to_string(), "修訂回應需要跨部會協調。").await.unwrap();
    assert_eq!(due().await, before + max * DAY);
    assert_eq!(workspace::extend(s, &lead, id, "1", "還需要多一點時間。").await, Err(AppError::Conflict), "once only");
    assert!(!workspace::workspace(s, &lead, id, Some(motc)).await.unwrap().may_extend);

    // An answer published after its deadline cannot be made punctual by an extension.
    let (late, _, lead2) = established(&app, "延長捷運營運時間").await;
    sqlx::query("UPDATE petitions SET response_due_at = $1 WHERE id = $2").bind(s.now().0 - DAY).bind(late).execute(&s.db.pool).await.unwrap();
    workspace::save(s, &lead2, late, publish(motc)).await.unwrap();
    assert_eq!(workspace::extend(s, &lead2, late, "10", "修訂回應需要跨部會協調。").await, Err(AppError::Conflict));
    assert!(!workspace::workspace(s, &lead2, late, Some(motc)).await.unwrap().may_extend);
    let session2 = app.staff_session(lead2.user_id).await;
    let page = app.get(&format!("/agency/petitions/{late}?agency={motc}"), Some(&session2)).await;
    assert!(!page.body.contains(r#"name="extension_reason""#) && page.body.contains(ZH.text(Key::ExtendNotAfterLate)));
}
db_test!(extension_after_a_published_response);

async fn admins_find_people_by_name_and_see_suspensions(app: TestApp) {
    let s = &app.state;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let xm = person(&app, "xm@example.tw", None).await;
    person(&app, "other@example.tw", None).await;
    sqlx::query("UPDATE users SET display_name = '王小明' WHERE id = $1").bind(xm.user_id).execute(&s.db.pool).await.unwrap();
    let ids = |list: Vec<crate::dto::common::AdminUserView>| list.into_iter().map(|u| u.id).collect::<Vec<_>>();
    let list = |q: &'static str| crate::server::admin::users::list(s, &admin, q);
    assert_eq!(ids(list("小明").await.unwrap()), vec![xm.user_id], "by display name");
    assert_eq!(ids(list("XM@Example").await.unwrap()), vec![xm.user_id], "by email, any case");
    // The person's own wildcards are text, not patterns.
    assert!(list("%").await.unwrap().is_empty() && list("_").await.unwrap().is_empty());
    assert!(list("小明").await.unwrap()[0].suspended_until.is_none());

    let until = s.now().plus_millis(7 * DAY);
    moderation::set_suspended(&s.db.pool, xm.user_id, Some(until)).await.unwrap();
    s.sessions_changed();
    assert_eq!(list("小明").await.unwrap()[0].suspended_until, Some(until));
    let session = app.staff_session(admin.user_id).await;
    let at = "/admin/users?q=%E5%B0%8F%E6%98%8E";
    let page = app.get(at, Some(&session)).await;
    assert!(page.body.contains("王小明") && page.body.contains(&ZH.suspended_until_short(until.datetime_taipei())), "shows until when");
    assert!(!page.body.contains("other@example.tw"));

    // Each change comes back with a notice naming it.
    let uid = xm.user_id.to_string();
    let r = app.post("/api/admin_role", &[("user_id", &uid), ("role", "moderator"), ("change", "grant"), ("back", at)], Some(&session), Via::Html, at).await;
    assert!(r.status.is_redirection(), "{}", r.body);
    let after = app.follow(&r, Some(&session)).await;
    let role = ZH.text(Key::RoleModerator).to_string();
    assert!(after.body.contains(&ZH.admin_notice_role_granted("王小明".to_string(), role)), "{}", r.location().unwrap_or_default());
    app.enrol("xm@example.tw").await;
    let r = app.post("/api/admin_reset_second_factor", &[("user_id", &uid), ("back", at)], Some(&session), Via::Html, at).await;
    assert!(app.follow(&r, Some(&session)).await.body.contains(&ZH.admin_notice_factor_reset("王小明".to_string())));
    let fields = [("level", "info"), ("message_zh", "系統將於今晚維護。"), ("message_en", "Maintenance tonight."), ("ends_at", "")];
    let r = app.post("/api/post_banner", &fields, Some(&session), Via::Html, "/admin/site").await;
    let to = r.location().unwrap().split('#').next().unwrap().to_string();
    assert!(app.get(&to, Some(&session)).await.body.contains(ZH.text(Key::AdminNoticeBannerPosted)));
}
db_test!(admins_find_people_by_name_and_see_suspensions);
