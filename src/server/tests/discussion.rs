//! Discussion and moderation at the service level, on both engines, with the fake clock.
use super::petitions::{input, open_petition, person};
use crate::db_test;
use crate::domain::discussion::{EDIT_WINDOW, FOREVER};
use crate::domain::role::Role;
use crate::domain::time::{DAY, HOUR};
use crate::dto::deliberation::Subject;
use crate::dto::discussion::{Badge, CommentBody, ThreadState, VoteTally};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::agencies;
use crate::server::discussion::report::{Reported, report};
use crate::server::discussion::write::{self, Post};
use crate::server::discussion::{thread, vote::vote};
use crate::server::moderation::act::{Decision, decide};
use crate::server::moderation::{appeal, log, queue};
use crate::server::petitions::{propose, sign};
use crate::server::testing::TestApp;
use sqlx::Row;

const IP: &str = "10.0.0.9";

async fn say(app: &TestApp, who: &SessionUser, petition: i64, parent: Option<i64>, body: &str) -> Result<i64, AppError> {
    write::post(&app.state, who, IP, Post { subject: Subject::Petition(petition), parent_id: parent, body, as_agency: "" }).await
}

/// The account as its next request would see it (suspension included).
async fn fresh(app: &TestApp, u: &SessionUser) -> SessionUser {
    let until: Option<i64> =
        sqlx::query("SELECT suspended_until FROM users WHERE id = $1").bind(u.user_id).fetch_one(&app.state.db.pool).await.unwrap().get("suspended_until");
    SessionUser { suspended_until: until.map(crate::domain::time::Timestamp), ..u.clone() }
}

fn decision<'a>(target: &'a str, kind: &'a str) -> Decision<'a> {
    Decision { target, kind, reason: "offensive", explanation: "留言含有人身攻擊字眼", length: "" }
}

async fn threads_nest_edit_delete_and_vote(app: TestApp) {
    let (id, proposer, _) = open_petition(&app, "增設公共自行車站點").await;
    let alice = person(&app, "alice@example.tw", None).await;
    let bob = person(&app, "bob@example.tw", None).await;
    // Bad input is refused next to the field, and nothing is written.
    let err = say(&app, &alice, id, None, " ").await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("body").is_some()), "{err:?}");
    let top = say(&app, &alice, id, None, "**支持**，也建議 [參考資料](https://data.gov.tw) <script>x</script>").await.unwrap();
    let r1 = say(&app, &bob, id, Some(top), "同意").await.unwrap();
    let r2 = say(&app, &proposer, id, Some(r1), "謝謝大家").await.unwrap();
    // Three levels, no deeper.
    assert_eq!(say(&app, &alice, id, Some(r2), "再回覆").await, Err(AppError::Conflict));
    let t = thread(&app.state, Some(&alice), Subject::Petition(id), "oldest", 1).await.unwrap();
    assert_eq!(t.comments.iter().map(|c| c.id).collect::<Vec<_>>(), vec![top, r1, r2]);
    assert_eq!((t.total, t.total_top), (3, 1));
    let CommentBody::Html(html) = &t.comments[0].body else { panic!("shown") };
    assert!(html.contains("<strong>支持</strong>") && html.contains("nofollow ugc") && !html.contains("<script"), "{html}");
    assert_eq!(t.comments[2].badge, Badge::Proposer);
    assert!(t.comments[0].source.is_some() && t.comments[1].source.is_none(), "only the author may edit");

    // Editing: only the author, only within the window; then it shows as edited.
    assert_eq!(write::edit(&app.state, &bob, IP, top, "改寫").await, Err(AppError::Forbidden));
    write::edit(&app.state, &alice, IP, top, "支持，並建議分階段實施").await.unwrap();
    app.clock.advance_millis(EDIT_WINDOW);
    assert_eq!(write::edit(&app.state, &alice, IP, top, "再改一次").await, Err(AppError::Conflict));

    // Votes: one per person, changeable, never on one's own comment.
    assert_eq!(vote(&app.state, &alice, IP, top, "up").await, Err(AppError::Forbidden));
    vote(&app.state, &bob, IP, top, "up").await.unwrap();
    vote(&app.state, &proposer, IP, top, "down").await.unwrap();
    let (_, tally) = vote(&app.state, &proposer, IP, top, "up").await.unwrap();
    assert_eq!(tally, VoteTally { up: 2, down: 0, mine: 1 }, "the voter is told the new tally");
    let t = thread(&app.state, Some(&bob), Subject::Petition(id), "oldest", 1).await.unwrap();
    assert_eq!((t.comments[0].up, t.comments[0].down, t.comments[0].my_vote, t.comments[0].edited), (2, 0, 1, true));
    vote(&app.state, &bob, IP, top, "up").await.unwrap();
    assert_eq!(thread(&app.state, Some(&bob), Subject::Petition(id), "oldest", 1).await.unwrap().comments[0].up, 1, "the same vote again withdraws it");

    // Deleting keeps the place (and the replies), not the text or the author.
    assert_eq!(write::delete(&app.state, &bob, top).await, Err(AppError::Forbidden));
    write::delete(&app.state, &alice, top).await.unwrap();
    let t = thread(&app.state, None, Subject::Petition(id), "oldest", 1).await.unwrap();
    assert_eq!(t.comments.len(), 3);
    assert_eq!((t.comments[0].body.clone(), t.comments[0].author.as_str()), (CommentBody::Deleted, ""));
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM comments WHERE id = {top} AND body = ''")).await, 1);
    assert_eq!(say(&app, &bob, id, Some(top), "回覆已刪除的留言").await, Err(AppError::Conflict));
}
db_test!(threads_nest_edit_delete_and_vote);

/// The voting buttons with JavaScript: the tally comes back, and the page is not sent anywhere.
async fn a_live_vote_answers_with_the_tally(app: TestApp) {
    let (id, _, _) = open_petition(&app, "路燈改為節能燈具").await;
    let alice = person(&app, "alice@example.tw", None).await;
    let top = say(&app, &alice, id, None, "贊成").await.unwrap();
    let voter = app.signed_up("mei@example.tw", "小美").await;
    let fields = [("id", top.to_string()), ("direction", "up".to_string())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call("vote_comment_live", &fields, None).await.status, http::StatusCode::UNAUTHORIZED, "only signed-in people vote");
    let r = app.call("vote_comment_live", &fields, Some(&voter)).await;
    assert_eq!(r.status, http::StatusCode::OK, "{}", r.body);
    assert!(r.location().is_none(), "the page stays");
    let tally: VoteTally = serde_json::from_str(&r.body).unwrap();
    assert_eq!(tally, VoteTally { up: 1, down: 0, mine: 1 });
    let r = app.call("vote_comment_live", &fields, Some(&voter)).await;
    assert_eq!(serde_json::from_str::<VoteTally>(&r.body).unwrap(), VoteTally { up: 0, down: 0, mine: 0 }, "pressed again, withdrawn");
}
db_test!(a_live_vote_answers_with_the_tally);

async fn pages_sorts_badges_and_where_comments_are_taken(app: TestApp) {
    let (id, _, moderator) = open_petition(&app, "增設公共自行車站點").await;
    let alice = person(&app, "alice@example.tw", None).await;
    let bob = person(&app, "bob@example.tw", None).await;
    let mut ids = Vec::new();
    for i in 0..45 {
        ids.push(say(&app, &alice, id, None, &format!("第 {i} 則意見")).await.unwrap());
        app.clock.advance_millis(61_000);
    }
    vote(&app.state, &bob, IP, ids[30], "up").await.unwrap();
    let t = thread(&app.state, None, Subject::Petition(id), "oldest", 3).await.unwrap();
    assert_eq!((t.page, t.pages, t.comments.len()), (3, 3, 5));
    assert_eq!(t.comments[0].id, ids[40]);
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "newest", 1).await.unwrap().comments[0].id, ids[44]);
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "supported", 1).await.unwrap().comments[0].id, ids[30]);
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "oldest", 99).await.unwrap().page, 3, "out-of-range pages clamp");

    // An officer speaks for one of their agencies only.
    let officer = person(&app, "officer@gov.tw", Some(Role::Officer)).await;
    let motc: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'motc'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    let moenv: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'moenv'").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    agencies::add_member(&app.state.db.pool, motc, officer.user_id, app.state.now()).await.unwrap();
    let as_other = Post { subject: Subject::Petition(id), parent_id: None, body: "本部說明", as_agency: &moenv.to_string() };
    assert_eq!(write::post(&app.state, &officer, IP, as_other).await, Err(AppError::Forbidden));
    // Membership alone is not enough: without the officer role in this session (revoked,
    // or the second factor not passed) nobody speaks for the agency.
    let without_role = SessionUser { roles: Vec::new(), ..officer.clone() };
    let as_motc = Post { subject: Subject::Petition(id), parent_id: None, body: "本部說明", as_agency: &motc.to_string() };
    assert_eq!(write::post(&app.state, &without_role, IP, as_motc).await, Err(AppError::Forbidden));
    let c = write::post(&app.state, &officer, IP, Post { subject: Subject::Petition(id), parent_id: None, body: "本部說明如下", as_agency: &motc.to_string() })
        .await
        .unwrap();
    let t = thread(&app.state, Some(&officer), Subject::Petition(id), "newest", 1).await.unwrap();
    assert_eq!(t.comments[0].id, c);
    assert!(matches!(t.comments[0].badge, Badge::Agency(ref a) if a.id == motc));
    assert_eq!(t.agencies.len(), 1);

    // A locked discussion takes no comments or votes; states outside the configured list neither.
    decide(
        &app.state,
        &moderator,
        Decision { target: &format!("petition:{id}"), kind: "lock", reason: "off_topic", explanation: "討論偏離主題太多", length: "" },
    )
    .await
    .unwrap();
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().state, ThreadState::Locked);
    assert_eq!(say(&app, &bob, id, None, "還能留言嗎").await, Err(AppError::Conflict));
    assert_eq!(vote(&app.state, &bob, IP, ids[0], "up").await, Err(AppError::Conflict));
    let (j, a) = (sqlx::query("SELECT id FROM jurisdictions WHERE code = 'national'").fetch_one(&app.state.db.pool).await.unwrap().get::<i64, _>("id"), motc);
    let draft = propose::save(&app.state, &alice, None, &input("尚在審核的提議", j, a), true).await.unwrap();
    assert_eq!(say(&app, &bob, draft, None, "審核中可以留言嗎").await, Err(AppError::NotFound));
}
db_test!(pages_sorts_badges_and_where_comments_are_taken);

async fn reports_hide_at_the_threshold_once_per_person(app: TestApp) {
    let (id, proposer, _) = open_petition(&app, "增設公共自行車站點").await;
    let author = person(&app, "author@example.tw", None).await;
    let c = say(&app, &author, id, None, "一則被檢舉的留言").await.unwrap();
    let target = format!("comment:{c}");
    let mut reporters = Vec::new();
    for i in 0..3 {
        reporters.push(person(&app, &format!("r{i}@example.tw"), None).await);
    }
    assert_eq!(report(&app.state, &author, IP, &target, "spam", "").await.err(), Some(AppError::Forbidden), "not one's own");
    let err = report(&app.state, &reporters[0], IP, &target, "other", "").await.err().unwrap();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("details").is_some()));
    assert!(matches!(report(&app.state, &reporters[0], IP, &target, "offensive", "").await.unwrap().1, Reported::Done));
    assert!(matches!(report(&app.state, &reporters[0], IP, &target, "spam", "").await.unwrap().1, Reported::Already));
    report(&app.state, &reporters[1], IP, &target, "offensive", "").await.unwrap();
    assert!(matches!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().comments[0].body, CommentBody::Html(_)), "two reports: still shown");
    report(&app.state, &reporters[2], IP, &target, "personal_data", "留言提到某人的電話").await.unwrap();
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().comments[0].body, CommentBody::Held);
    assert_eq!(app.count("SELECT COUNT(*) FROM reports").await, 3);

    // A petition's text is held the same way; its signing is untouched.
    let ptarget = format!("petition:{id}");
    assert_eq!(report(&app.state, &proposer, IP, &ptarget, "spam", "").await.err(), Some(AppError::Forbidden));
    for r in &reporters {
        report(&app.state, r, IP, &ptarget, "spam", "").await.unwrap();
    }
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().content_status, "held");
    sign::as_user(&app.state, &reporters[0], IP, id, "63000", false).await.unwrap();

    // The queue groups per item, oldest first.
    let moderator = person(&app, "mod2@example.tw", Some(Role::Moderator)).await;
    let q = queue::queue(&app.state, &moderator, None).await.unwrap();
    assert_eq!(q.items.iter().map(|i| (i.target.clone(), i.reports)).collect::<Vec<_>>(), vec![(target.clone(), 3), (ptarget.clone(), 3)]);
    assert_eq!(q.items[0].reasons.len(), 3);
    // Dismissing shows the petition's text again and resolves its reports.
    decide(&app.state, &moderator, Decision { target: &ptarget, kind: "dismiss", reason: "other", explanation: "提議內容沒有問題", length: "" }).await.unwrap();
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().content_status, "visible");
    assert_eq!(queue::queue(&app.state, &moderator, None).await.unwrap().items.len(), 1);
}
db_test!(reports_hide_at_the_threshold_once_per_person);

async fn every_moderation_action_checks_who_acts(app: TestApp) {
    let (id, _, moderator) = open_petition(&app, "增設公共自行車站點").await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let officer = person(&app, "officer@gov.tw", Some(Role::Officer)).await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let other_mod = person(&app, "mod2@example.tw", Some(Role::Moderator)).await;
    let c = say(&app, &citizen, id, None, "需要審核的留言").await.unwrap();
    let own = say(&app, &moderator, id, None, "審核人員自己的留言").await.unwrap();
    let target = format!("comment:{c}");
    for who in [&citizen, &officer] {
        assert_eq!(decide(&app.state, who, decision(&target, "hide")).await, Err(AppError::Forbidden));
        assert_eq!(queue::queue(&app.state, who, None).await.err(), Some(AppError::Forbidden));
        assert_eq!(appeal::decide(&app.state, who, 1, true, "other", "不應處理這則留言").await, Err(AppError::Forbidden));
    }
    assert_eq!(decide(&app.state, &moderator, decision(&format!("comment:{own}"), "hide")).await, Err(AppError::Forbidden), "own content");
    assert_eq!(
        decide(&app.state, &moderator, decision(&format!("user:{}", moderator.user_id), "suspend")).await.map(|_| ()),
        Err(AppError::Invalid(crate::domain::validation::FieldErrors::one("length", crate::domain::validation::FieldError::Required)))
    );
    // A reason code and an explanation are required.
    let err = decide(&app.state, &moderator, Decision { target: &target, kind: "hide", reason: "", explanation: "", length: "" }).await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("mod_reason").is_some() && f.get("explanation").is_some()));
    let hide = decide(&app.state, &moderator, decision(&target, "hide")).await.unwrap();
    assert_eq!(decide(&app.state, &moderator, decision(&target, "hide")).await, Err(AppError::Conflict), "already hidden");
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().comments[0].body, CommentBody::Hidden("offensive".into()));

    // The author is told, with a link to appeal once.
    let mails = app.emails_to("citizen@example.tw").await;
    assert!(mails.last().unwrap().1.contains(&format!("/decisions/{hide}")), "{mails:?}");
    assert_eq!(appeal::file(&app.state, &officer, hide, "這不是我的留言但我想申訴").await, Err(AppError::Forbidden));
    let err = appeal::file(&app.state, &citizen, hide, "短").await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("appeal_text").is_some()));
    appeal::file(&app.state, &citizen, hide, "我的留言是在陳述事實，沒有攻擊任何人。").await.unwrap();
    assert_eq!(appeal::file(&app.state, &citizen, hide, "再申訴一次可以嗎？不行吧。").await, Err(AppError::Conflict));
    let appeal_id: i64 = sqlx::query("SELECT id FROM appeals").fetch_one(&app.state.db.pool).await.unwrap().get("id");
    // Not the moderator who decided; another moderator or an admin.
    assert_eq!(appeal::decide(&app.state, &moderator, appeal_id, true, "other", "重新檢視後恢復").await, Err(AppError::Forbidden));
    let q = queue::queue(&app.state, &other_mod, None).await.unwrap();
    assert!(!q.appeals[0].own && q.appeals[0].action.moderator.is_none());
    appeal::decide(&app.state, &other_mod, appeal_id, true, "other", "重新檢視後認為屬於合理批評").await.unwrap();
    assert!(matches!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().comments[0].body, CommentBody::Html(_)), "upheld: restored");
    assert_eq!(appeal::decide(&app.state, &admin, appeal_id, false, "other", "重複決定同一申訴").await, Err(AppError::Conflict));
    assert!(app.emails_to("citizen@example.tw").await.last().unwrap().0.contains("申訴"));
    // Admins act too (not on their own content).
    decide(&app.state, &admin, decision(&format!("comment:{own}"), "hide")).await.unwrap();
}
db_test!(every_moderation_action_checks_who_acts);

async fn a_suspension_stops_posting_signing_and_proposing(app: TestApp) {
    let (id, _, moderator) = open_petition(&app, "增設公共自行車站點").await;
    let (other, _, _) = open_petition(&app, "另一份提議").await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let c = say(&app, &citizen, id, None, "停權前的留言").await.unwrap();
    let d = Decision { target: &format!("comment:{c}"), kind: "suspend", reason: "spam", explanation: "大量張貼廣告連結", length: "7" };
    decide(&app.state, &moderator, d).await.unwrap();
    let me = fresh(&app, &citizen).await;
    let until = app.state.now().plus_millis(7 * DAY);
    assert_eq!(me.suspended_until, Some(until));
    let refused: Result<(), AppError> = Err(AppError::Suspended { until });
    assert_eq!(say(&app, &me, id, None, "停權中還能留言嗎").await.map(|_| ()), refused);
    assert_eq!(sign::as_user(&app.state, &me, IP, other, "63000", false).await.map(|_| ()), refused);
    assert_eq!(propose::save(&app.state, &me, None, &Default::default(), false).await.map(|_| ()), refused);
    assert_eq!(report(&app.state, &me, IP, &format!("petition:{id}"), "spam", "").await.map(|_| ()), refused);
    // Their comments are hidden while the suspension lasts.
    assert_eq!(thread(&app.state, None, Subject::Petition(id), "", 1).await.unwrap().comments[0].body, CommentBody::AuthorSuspended);
    // Lifting needs a reason too; then everything works again.
    let lift = Decision {
        target: &format!("user:{}", citizen.user_id), kind: "lift_suspension", reason: "other", explanation: "申訴後確認為誤判", length: ""
    };
    decide(&app.state, &moderator, lift).await.unwrap();
    let me = fresh(&app, &citizen).await;
    say(&app, &me, id, None, "恢復後的留言").await.unwrap();
    // A suspension ends by itself.
    decide(&app.state, &moderator, Decision { length: "1", ..decision(&format!("user:{}", citizen.user_id), "suspend") }).await.unwrap();
    let me = fresh(&app, &citizen).await;
    assert!(say(&app, &me, id, None, "還在停權中").await.is_err());
    app.clock.advance_millis(DAY + HOUR);
    sign::as_user(&app.state, &me, IP, other, "63000", false).await.unwrap();
    // Permanent means permanent.
    decide(&app.state, &moderator, Decision { length: "permanent", ..decision(&format!("user:{}", citizen.user_id), "suspend") }).await.unwrap();
    assert_eq!(fresh(&app, &citizen).await.suspended_until, Some(FOREVER));
}
db_test!(a_suspension_stops_posting_signing_and_proposing);

async fn the_public_log_hides_moderators_and_quotes_only_harmless_content(app: TestApp) {
    let (id, _, moderator) = open_petition(&app, "增設公共自行車站點").await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let bad = say(&app, &citizen, id, None, "這是一則冒犯的留言").await.unwrap();
    let off = say(&app, &citizen, id, None, "這是一則離題的留言").await.unwrap();
    let reporter = person(&app, "r@example.tw", None).await;
    report(&app.state, &reporter, IP, &format!("comment:{bad}"), "offensive", "").await.unwrap();
    app.clock.advance_millis(3 * HOUR);
    decide(&app.state, &moderator, decision(&format!("comment:{bad}"), "hide")).await.unwrap();
    decide(&app.state, &moderator, Decision { reason: "off_topic", explanation: "與提議無關的討論", ..decision(&format!("comment:{off}"), "hide") })
        .await
        .unwrap();
    let public = log::page(&app.state, None, 1).await.unwrap();
    // The two hidings, and the petition's approval (review decisions are logged too).
    assert_eq!(public.entries.len(), 3);
    assert!(public.entries.iter().all(|e| e.moderator.is_none()));
    let by_target = |t: &str| public.entries.iter().find(|e| e.excerpt.as_deref().is_some_and(|x| x.contains(t))).is_some();
    assert!(!by_target("冒犯"), "the offensive text is not quoted");
    assert!(by_target("離題"), "off-topic text may be quoted");
    let admin_view = log::page(&app.state, Some(&admin), 1).await.unwrap();
    assert!(admin_view.entries.iter().all(|e| e.moderator.is_some()));
    // Monthly figures: reports received, actions by kind, median time to act.
    let m = &public.months[0];
    assert_eq!(m.reports, 1);
    assert_eq!(m.actions.iter().find(|(k, _)| k == "hide").unwrap().1, 2);
    assert_eq!(m.median_hours_to_act, Some(3.0));
    assert_eq!((m.appeals_upheld, m.appeals_decided), (0, 0));
}
db_test!(the_public_log_hides_moderators_and_quotes_only_harmless_content);

async fn every_endpoint_authorizes_itself_and_limits_floods(app: TestApp) {
    let (id, _, moderator) = open_petition(&app, "增設公共自行車站點").await;
    let pid = id.to_string();
    let guest = app.call("post_comment", &[("kind", "petition"), ("subject", &pid), ("body", "訪客留言")], None).await;
    assert_eq!(guest.status, http::StatusCode::UNAUTHORIZED, "{}", guest.body);
    let fields = [("target", "petition:1"), ("kind", "hide"), ("mod_reason", "spam"), ("explanation", "不是審核人員的決定")];
    assert_eq!(app.call("moderate", &fields, None).await.status, http::StatusCode::UNAUTHORIZED);
    assert_eq!(app.call("report", &[("target", "petition:1"), ("reason", "spam"), ("details", "")], None).await.status, http::StatusCode::UNAUTHORIZED);
    let session = app.signed_up("mei@example.tw", "林小美").await;
    assert_eq!(app.call("moderate", &fields, Some(&session)).await.status, http::StatusCode::FORBIDDEN);
    assert_eq!(app.call("mod_queue", &[], Some(&session)).await.status, http::StatusCode::FORBIDDEN);
    // Someone else's decision is not shown to them.
    let c = say(&app, &person(&app, "other@example.tw", None).await, id, None, "別人的留言").await.unwrap();
    let action = decide(&app.state, &moderator, decision(&format!("comment:{c}"), "hide")).await.unwrap();
    assert_eq!(app.call("decision", &[("id", &action.to_string())], Some(&session)).await.status, http::StatusCode::NOT_FOUND);
    // Posting: ten in ten minutes per account, then a clear refusal with when to retry.
    for n in 0..10 {
        let r = app.call("post_comment", &[("kind", "petition"), ("subject", &pid), ("body", &format!("第 {n} 則留言"))], Some(&session)).await;
        assert_eq!(r.status, http::StatusCode::OK, "{}", r.body);
    }
    let r = app.call("post_comment", &[("kind", "petition"), ("subject", &pid), ("body", "太多了")], Some(&session)).await;
    assert_eq!(r.status, http::StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.contains_key("retry-after"));
    // The public thread and log carry no account data.
    let thread = app.call("thread", &[("kind", "petition"), ("id", &pid)], None).await;
    assert_eq!(thread.status, http::StatusCode::OK);
    assert!(!thread.body.contains("mei@example.tw") && !thread.body.contains("other@example.tw"));
    let log = app.call("mod_log", &[], None).await;
    let moderator_name = moderator.email.split('@').next().unwrap();
    assert!(log.body.contains("hide") && !log.body.contains(moderator_name), "{}", log.body);
}
db_test!(every_endpoint_authorizes_itself_and_limits_floods);

/// Staff answer to administrators: a moderator cannot suspend staff, and a suspended
/// staff account has no staff powers while the suspension lasts.
async fn suspension_reaches_staff_only_through_admins(app: TestApp) {
    use crate::server::auth::session;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let m1 = person(&app, "m1@example.tw", Some(Role::Moderator)).await;
    let m2 = person(&app, "m2@example.tw", Some(Role::Moderator)).await;
    fn suspend(target: &str) -> Decision<'_> {
        Decision { target, kind: "suspend", reason: "offensive", explanation: "多次在留言中人身攻擊他人", length: "7" }
    }
    assert_eq!(decide(&app.state, &m1, suspend(&format!("user:{}", m2.user_id))).await, Err(AppError::Forbidden), "not a fellow moderator");
    assert_eq!(decide(&app.state, &m1, suspend(&format!("user:{}", admin.user_id))).await, Err(AppError::Forbidden), "not an administrator");
    decide(&app.state, &admin, suspend(&format!("user:{}", m1.user_id))).await.unwrap();
    let now = app.state.now();
    let raw = app.staff_session(m1.user_id).await;
    let seen = session::lookup(&app.state.db, &app.state.sessions, &app.state.config, &raw, now).await.unwrap().unwrap();
    assert!(!guard::may(&seen, Permission::Moderate) && seen.roles.is_empty(), "no staff powers while suspended");
    app.clock.advance_millis(8 * DAY);
    app.state.sessions_changed();
    let raw = app.staff_session(m1.user_id).await;
    let back = session::lookup(&app.state.db, &app.state.sessions, &app.state.config, &raw, app.state.now()).await.unwrap().unwrap();
    assert!(guard::may(&back, Permission::Moderate), "powers return when the suspension ends");
}
db_test!(suspension_reaches_staff_only_through_admins);
