//! Comments on consultations: the petitions' discussion, taken only while the consultation is
//! open, with the agency's badge, reports and moderation filed under the consultation (which
//! has no lock: its dates close it); on both engines.
use super::consultations::{agency_id, input, officer_of};
use super::petitions::person;
use crate::db_test;
use crate::domain::discussion::Target;
use crate::domain::role::Role;
use crate::domain::time::DAY;
use crate::dto::deliberation::Subject;
use crate::dto::discussion::{Badge, CommentBody, ThreadState};
use crate::error::AppError;
use crate::server::consultations::open;
use crate::server::discussion::report::report;
use crate::server::discussion::write::{self, Post};
use crate::server::discussion::{thread, vote::vote};
use crate::server::moderation::act::{Decision, decide};
use crate::server::moderation::{log, queue};
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use http::StatusCode;

const IP: &str = "10.0.0.7";

async fn comments_on_a_consultation_follow_its_dates(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let neighbour = person(&app, "neighbour@example.tw", None).await;
    // It opens tomorrow: the thread is there, read only.
    let mut upcoming = input(motc, st.now(), 14);
    upcoming.opens_on = st.now().plus_millis(DAY).date_taipei();
    let id = open::open(st, &officer, &upcoming).await.unwrap();
    let subject = Subject::Consultation(id);
    let post = |body: &'static str, parent: Option<i64>, as_agency: &'static str| Post { subject, parent_id: parent, body, as_agency };
    assert_eq!(thread(st, None, subject, "", 1).await.unwrap().state, ThreadState::Closed);
    assert_eq!(write::post(st, &citizen, IP, post("我想先留言", None, "")).await, Err(AppError::Conflict));

    app.clock.advance_millis(DAY);
    let c = write::post(st, &citizen, IP, post("票價調整前請先公布**成本**。", None, "")).await.unwrap();
    let motc_s = motc.to_string().leak() as &'static str;
    let answer = write::post(st, &officer, IP, post("成本資料會在下週公布。", Some(c), motc_s)).await.unwrap();
    vote(st, &neighbour, IP, c, "up").await.unwrap();
    let t = thread(st, Some(&neighbour), subject, "oldest", 1).await.unwrap();
    assert_eq!((t.state.clone(), t.total, t.total_top, t.subject), (ThreadState::Open, 2, 1, subject));
    assert_eq!(t.comments.iter().map(|c| c.id).collect::<Vec<_>>(), vec![c, answer]);
    assert!(matches!(t.comments[0].body, CommentBody::Html(ref h) if h.contains("<strong>成本</strong>")));
    assert_eq!((t.comments[0].badge.clone(), t.comments[0].up, t.comments[0].my_vote), (Badge::None, 1, 1));
    assert!(matches!(t.comments[1].badge, Badge::Agency(ref a) if a.id == motc), "the agency's badge");
    assert!(!t.viewer_is_proposer, "a consultation has no proposer");
    // A reply stays in its own thread: a petition's comment is no parent here.
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM comments WHERE consultation_id = {id} AND petition_id IS NULL")).await,
        2,
        "filed under the consultation only"
    );

    // Reports and moderation: the queue links to the consultation; nothing to lock.
    let target = format!("comment:{c}");
    let (page, _) = report(st, &neighbour, IP, &target, "spam", "").await.unwrap();
    assert_eq!(page, format!("/consultations/{id}"));
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let item = queue::queue(st, &moderator, Some(&target)).await.unwrap().items.remove(0);
    assert_eq!(
        (item.href.as_str(), item.petition_id, item.petition_title.as_str()),
        (format!("/consultations/{id}#comment-{c}").as_str(), 0, "公車票價調整方案")
    );
    let d = |kind| Decision { target: &target, kind, reason: "spam", explanation: "重複張貼的廣告", length: "" };
    assert_eq!(decide(st, &moderator, d("lock")).await, Err(AppError::Conflict));
    decide(st, &moderator, d("hide")).await.unwrap();
    assert_eq!(thread(st, None, subject, "", 1).await.unwrap().comments[0].body, CommentBody::Hidden("spam".into()));
    let entry = log::page(st, None, 1).await.unwrap().entries.remove(0);
    assert_eq!((entry.target_kind.as_str(), entry.consultation_id, entry.petition_id), ("comment", Some(id), None));
    assert_eq!(entry.petition_title.as_deref(), Some("公車票價調整方案"));
    assert!(Target::parse(&target).is_some());

    // Closed: read only again, votes included.
    app.clock.advance_millis(14 * DAY);
    let t = thread(st, None, subject, "", 1).await.unwrap();
    assert_eq!((t.state, t.total), (ThreadState::Closed, 2));
    assert_eq!(write::post(st, &citizen, IP, post("還來得及嗎？", None, "")).await, Err(AppError::Conflict));
    assert_eq!(vote(st, &citizen, IP, answer, "up").await.err(), Some(AppError::Conflict));
    assert_eq!(thread(st, None, Subject::Consultation(id + 100), "", 1).await.err(), Some(AppError::NotFound));
}
db_test!(comments_on_a_consultation_follow_its_dates);

/// Through the form, as a browser without JavaScript posts it: back to the consultation.
async fn the_comment_form_comes_back_to_the_consultation(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let id = open::open(&app.state, &officer, &input(motc, app.state.now(), 14)).await.unwrap();
    let me = app.signed_up("mei@example.tw", "林小美").await;
    let (ids, from) = (id.to_string(), format!("/consultations/{id}"));
    let fields = [("kind", "consultation"), ("subject", ids.as_str()), ("body", "支持公布成本"), ("back", "csort=newest&cpage=1")];
    let r = app.post("/api/post_comment", &fields, Some(&me), Via::Html, &from).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location(), Some(format!("/consultations/{id}?csort=newest&cpage=1&notice=commented#discussion").as_str()));
    let page = app.follow(&r, Some(&me)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("支持公布成本") && page.body.contains("id=\"discussion\""), "the comment is on the page");
    let r = app.call("post_comment", &[("kind", "nonsense"), ("subject", &ids), ("body", "x")], Some(&me)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
db_test!(the_comment_form_comes_back_to_the_consultation);
