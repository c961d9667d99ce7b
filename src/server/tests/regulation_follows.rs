//! Draft regulations heard of and counted: followers of the agency or the topic get one mail
//! when a notice is published, the Atom feed lists it and its answers, and the agency's
//! accountability figures count notices answered on time, late and overdue.
use super::consultations::{agency_id, officer_of};
use super::petitions::person;
use super::regulations::notice;
use crate::db_test;
use crate::domain::time::DAY;
use crate::server::regulations::{answer, draft, notices};
use crate::server::testing::TestApp;
use axum::http::StatusCode;
use sqlx::Row;

async fn followers_hear_once_and_the_feed_and_figures_follow(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let transport: i64 = sqlx::query("SELECT id FROM categories WHERE code = 'transport'").fetch_one(&st.db.pool).await.unwrap().get("id");
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let by_agency = person(&app, "agency@example.tw", None).await;
    let by_topic = person(&app, "topic@example.tw", None).await;
    let by_both = person(&app, "both@example.tw", None).await;
    let follow = |who, kind: &'static str, target| async move { crate::server::follows::follow(st, who, kind, target).await.unwrap() };
    follow(&by_agency, "agency", motc).await;
    follow(&by_topic, "topic", transport).await;
    follow(&by_both, "agency", motc).await;
    follow(&by_both, "topic", transport).await;

    let mut n = notice(motc, st.now(), 30);
    n.category_id = transport.to_string();
    let id = draft::save(st, &officer, None, &n).await.unwrap();
    assert_eq!(notices::run(st).await.unwrap(), 0, "nobody hears of an unpublished draft");
    draft::publish(st, &officer, id).await.unwrap();
    assert_eq!(notices::run(st).await.unwrap(), 3, "each person once");
    assert_eq!(notices::run(st).await.unwrap(), 0, "told once");
    for who in ["agency@example.tw", "topic@example.tw", "both@example.tw"] {
        let mails = app.emails_to(who).await;
        assert_eq!(mails.len(), 1, "{who}");
        assert!(mails[0].0.contains(&n.title) && mails[0].1.contains(&format!("/regulations/{id}")), "{:?}", mails[0]);
        assert!(mails[0].1.contains("/unsubscribe/follow/"));
    }

    // The list and the API filter by topic: the site ignores a topic no notice has, the API lists nothing.
    let listed = crate::server::regulations::list(st, None, "", "", &transport.to_string()).await.unwrap();
    assert_eq!((listed.items.len(), listed.category.clone(), listed.categories.len()), (1, transport.to_string(), 1));
    assert_eq!(listed.items[0].topic.as_ref().map(|c| c.code.as_str()), Some("transport"));
    let other: i64 = sqlx::query("SELECT id FROM categories WHERE code <> 'transport' ORDER BY id LIMIT 1").fetch_one(&st.db.pool).await.unwrap().get("id");
    assert_eq!(crate::server::regulations::list(st, None, "", "", &other.to_string()).await.unwrap().category, "", "not a choice: any");
    let api = app.get(&format!("/api/v1/regulations?category={transport}"), None).await.body;
    assert!(api.contains(&format!("\"id\":{id},")) && api.contains("\"code\":\"transport\""), "{api}");
    assert_eq!(app.get(&format!("/api/v1/regulations?category={other}"), None).await.body, "{\"items\":[]}");
    let html = app.get(&format!("/regulations?category={transport}"), None).await.body;
    assert!(html.contains(&format!("<option value=\"{transport}\" selected")), "the filter keeps its choice");

    // The feed lists the notice, then the agency's answers.
    let feed = app.get("/api/v1/feeds/regulations.atom?agency=motc", None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.body.contains(&n.title) && feed.body.contains(&format!("/regulations/{id}")), "{}", feed.body);
    assert_eq!(app.get("/api/v1/feeds/regulations.atom?agency=moenv", None).await.body.matches("<entry>").count(), 0);

    // Figures: overdue once the due date passes unanswered, then answered late.
    let figures =
        |s: &crate::dto::responses::AgencyStats| (s.regulations_closed, s.regulations_answered_on_time, s.regulations_answered_late, s.regulations_overdue);
    let of_motc = || async { crate::server::responses::stats::all(st, "").await.unwrap().into_iter().find(|s| s.agency.id == motc).unwrap() };
    assert_eq!(figures(&of_motc().await), (0, 0, 0, 0));
    app.clock.advance_millis(31 * DAY);
    assert_eq!(figures(&of_motc().await), (1, 0, 0, 0), "closed, answers not yet due");
    app.clock.advance_millis(31 * DAY);
    assert_eq!(figures(&of_motc().await), (1, 0, 0, 1), "overdue");
    answer::conclude(st, &officer, id, "預告期間未收到任何意見，本部將依原案發布施行，謝謝關心。").await.unwrap();
    assert_eq!(figures(&of_motc().await), (1, 0, 1, 0), "answered late");
    let feed = app.get("/api/v1/feeds/regulations.atom", None).await;
    assert!(feed.body.contains(&format!("/regulations/{id}#overall")), "{}", feed.body);
    let agencies = app.get("/api/v1/agencies", None).await;
    assert!(agencies.body.contains("\"regulations\":{\"closed\":1,\"answered_on_time\":0,\"answered_late\":1,\"overdue_now\":0}"), "{}", agencies.body);
}
db_test!(followers_hear_once_and_the_feed_and_figures_follow);
