//! Hostile text stays text: the two places where the renderer writes characters as
//! they are (`<title>` and `<textarea>`) are escaped, and a kept form result is shown
//! only to the browser that posted it.
use super::petitions::open_petition;
use crate::db_test;
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use axum::body::Body;
use http::{Request, StatusCode};

const REFRESH: &str = r#"<meta http-equiv="refresh" content="0;url=https://evil.example">"#;

async fn a_title_cannot_end_the_title_element(app: TestApp) {
    let title = format!("公車站牌</title>{REFRESH}改善");
    let (id, _, _) = open_petition(&app, &title).await;
    for path in [format!("/petitions/{id}"), "/petitions".to_string(), "/".to_string()] {
        let page = app.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<meta http-equiv"), "{path}: markup from a title reached the page");
    }
    let page = app.get(&format!("/petitions/{id}"), None).await;
    assert!(page.body.contains("<title>公車站牌&lt;/title&gt;&lt;meta http-equiv="), "the title shows the text as typed");
}
db_test!(a_title_cannot_end_the_title_element);

async fn a_kept_comment_cannot_end_its_text_area(app: TestApp) {
    let (id, _, _) = open_petition(&app, "人行道整平").await;
    let me = app.signed_up("mallory@example.tw", "Mallory").await;
    // Too long, so it comes back to the form with the text kept.
    let body = format!("</textarea>{REFRESH}{}", "長".repeat(crate::domain::discussion::COMMENT_MAX));
    let from = format!("/petitions/{id}");
    let id_s = id.to_string();
    let r = app.post("/api/post_comment", &[("petition_id", id_s.as_str()), ("body", body.as_str())], Some(&me), Via::Html, &from).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = r.location().unwrap().to_string();
    let key = r.set_cookie("minyi_form").expect("key cookie");
    let req = Request::get(back.as_str())
        .header("accept", "text/html")
        .header("cookie", format!("minyi_session={me}; minyi_form={key}"))
        .body(Body::empty())
        .unwrap();
    let page = app.send(req).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("&lt;/textarea&gt;&lt;meta http-equiv="), "the kept text is shown as text");
    assert!(!page.body.contains("<meta http-equiv"), "markup from a kept comment reached the page");
}
db_test!(a_kept_comment_cannot_end_its_text_area);

/// Unicode TR 36/39: text-direction overrides and invisible characters are refused,
/// next to the field, wherever people write.
async fn direction_overrides_and_invisibles_are_refused(app: TestApp) {
    use crate::domain::validation::FieldError;
    use crate::error::AppError;
    let spoofed = "Mallory\u{202E}gnp.exe";
    let r = app.call("register", &[("display_name", spoofed), ("email", "m@example.tw"), ("password", "quiet river lantern 42")], None).await;
    assert!(r.body.contains("HiddenCharacters") && r.body.contains("display_name"), "{}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'm@example.tw'").await, 0, "nothing written");

    let (id, proposer, _) = open_petition(&app, "路口行人號誌").await;
    let (j, a) = super::petitions::national(&app).await;
    let titled = crate::server::petitions::propose::save(&app.state, &proposer, None, &super::petitions::input("改善\u{200B}路口號誌", j, a), true).await;
    assert!(matches!(&titled, Err(AppError::Invalid(f)) if f.get("title") == Some(&FieldError::HiddenCharacters)), "{titled:?}");
    let post = crate::server::discussion::write::Post { petition_id: id, parent_id: None, body: "贊成\u{2066}，但請注意\u{2069}預算", as_agency: "" };
    let said = crate::server::discussion::write::post(&app.state, &proposer, "10.0.0.1", post).await;
    assert!(matches!(&said, Err(AppError::Invalid(f)) if f.get("body") == Some(&FieldError::HiddenCharacters)), "{said:?}");
    // Joiners stay possible in body text (emoji sequences, some scripts).
    let ok = crate::server::discussion::write::Post { petition_id: id, parent_id: None, body: "全家支持 👨\u{200D}👩\u{200D}👧", as_agency: "" };
    assert!(crate::server::discussion::write::post(&app.state, &proposer, "10.0.0.1", ok).await.is_ok());
}
db_test!(direction_overrides_and_invisibles_are_refused);

/// One address cannot turn guest signing into a mail cannon: past its signing limit the
/// answer is the same, but no mail goes out (the signature could never count).
async fn one_address_cannot_flood_mailboxes(app: TestApp) {
    use crate::api::petitions::types::SignOutcome;
    use crate::i18n::Locale;
    use crate::server::petitions::sign;
    let (id, _, _) = open_petition(&app, "公園增設飲水機").await;
    let before = app.count("SELECT COUNT(*) FROM outbox").await;
    for i in 0..40 {
        let email = format!("victim{i}@example.tw");
        let guest = sign::Guest { name: "訪客", email: &email, county: "63000", notify: false };
        assert_eq!(sign::as_guest(&app.state, "203.0.113.50", Locale::ZhTw, id, guest).await, Ok(SignOutcome::CheckEmail), "the same answer for every one");
    }
    // The per-address burst limit on one petition is 30 in 5 minutes.
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await - before, 30, "mail stops at the limit");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM signatures WHERE petition_id = {id} AND flagged = 1")).await, 10);
}
db_test!(one_address_cannot_flood_mailboxes);

/// Reports hold a petition's text: it leaves every public surface, and moderators still read it.
async fn held_text_leaves_every_public_surface(app: TestApp) {
    use crate::domain::role::Role;
    use crate::server::discussion::report::report;
    use crate::server::petitions::queries;
    let (id, _, moderator) = open_petition(&app, "河濱步道改善").await;
    let problem = queries::detail(&app.state, None, id).await.unwrap().problem;
    assert!(!problem.is_empty());
    for i in 0..3 {
        let who = super::petitions::person(&app, &format!("r{i}@example.tw"), None).await;
        report(&app.state, &who, &format!("10.1.0.{i}"), &format!("petition:{id}"), "offensive", "").await.unwrap();
    }
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petitions WHERE id = {id} AND content_status = 'held'")).await, 1, "held after three reports");
    let d = queries::detail(&app.state, None, id).await.unwrap();
    assert!(d.problem.is_empty() && d.action.is_empty() && d.benefits.is_empty() && d.evidence.is_empty());
    let api = app.get(&format!("/api/v1/petitions/{id}"), None).await;
    assert_eq!(api.status, StatusCode::OK);
    assert!(!api.body.contains(&problem) && !api.body.contains("data.gov.tw"), "{}", api.body);
    let page = app.get(&format!("/petitions/{id}"), None).await;
    assert!(!page.body.contains(&problem), "the page carries no held text");
    assert!(moderator.roles.contains(&Role::Moderator));
    assert_eq!(queries::detail(&app.state, Some(&moderator), id).await.unwrap().problem, problem, "moderators read what they decide on");
    let q = crate::server::moderation::queue::queue(&app.state, &moderator, None).await.unwrap();
    let item = q.items.iter().find(|i| i.target == format!("petition:{id}")).expect("in the queue");
    assert!(item.content.contains(&problem) && item.content.contains("data.gov.tw"), "the queue shows the held text: {}", item.content);
}
db_test!(held_text_leaves_every_public_surface);
