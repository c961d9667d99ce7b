//! Hostile text stays text: the two places where the renderer writes characters as
//! they are (`<title>` and `<textarea>`) are escaped, and a kept form result is shown
//! only to the browser that posted it.
use super::petitions::open_petition;
use crate::db_test;
use crate::server::testing::TestApp;
use crate::server::testing::http::Via;
use axum::body::Body;
use http::{Request, StatusCode};
use sqlx::Row;

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
    let r = app.post("/api/post_comment", &[("kind", "petition"), ("subject", id_s.as_str()), ("body", body.as_str())], Some(&me), Via::Html, &from).await;
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
    let post = crate::server::discussion::write::Post {
        subject: crate::dto::deliberation::Subject::Petition(id),
        parent_id: None,
        body: "贊成\u{2066}，但請注意\u{2069}預算",
        as_agency: "",
    };
    let said = crate::server::discussion::write::post(&app.state, &proposer, "10.0.0.1", post).await;
    assert!(matches!(&said, Err(AppError::Invalid(f)) if f.get("body") == Some(&FieldError::HiddenCharacters)), "{said:?}");
    // Joiners stay possible in body text (emoji sequences, some scripts).
    let ok = crate::server::discussion::write::Post {
        subject: crate::dto::deliberation::Subject::Petition(id),
        parent_id: None,
        body: "全家支持 👨\u{200D}👩\u{200D}👧",
        as_agency: "",
    };
    assert!(crate::server::discussion::write::post(&app.state, &proposer, "10.0.0.1", ok).await.is_ok());
}
db_test!(direction_overrides_and_invisibles_are_refused);

/// One address cannot turn guest signing into a mail cannon: past its signing limit the
/// answer is the same, but no mail goes out (the signature could never count).
async fn one_address_cannot_flood_mailboxes(app: TestApp) {
    use crate::dto::petitions::SignOutcome;
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

/// Markup that would act if it reached a page as markup.
const LIVE_MARKUP: [&str; 7] = ["<meta http-equiv", "<svg onload", "<script>alert", "<img src=x", "</title><svg", "</textarea><meta", "</textarea><svg"];

/// The hostile-content corpus: markup, element-ending tags and formula text in every
/// field people write (title, body, evidence, names, comments, responses, decisions,
/// search), then every page, feed, download and email they reach is read, and none of
/// it may act: HTML and XML escape it, CSV neutralises formulas, JSON and mail are
/// served as data, and the bidi override people try in a search is not reflected.
async fn the_hostile_corpus_is_inert_everywhere(app: TestApp) {
    use super::petitions::{drain, national, person, set_threshold};
    use crate::domain::petition::proposal::ProposalInput;
    use crate::domain::role::Role;
    use crate::server::petitions::{propose, review, sign};
    let s = &app.state;
    let svg = "<svg onload=alert(1)>";
    let (j, a) = national(&app).await;
    set_threshold(&app, 1).await;
    // A proposer whose name is as hostile as names may be (angle brackets are refused there).
    let proposer_session = app.signed_up("proposer@example.tw", "=HYPERLINK(\"https://evil.example\")").await;
    let proposer_id: i64 = sqlx::query("SELECT id FROM users WHERE email = 'proposer@example.tw'").fetch_one(&s.db.pool).await.unwrap().get("id");
    let proposer = crate::server::auth::session::SessionUser {
        user_id: proposer_id,
        display_name: "p".into(),
        email: "proposer@example.tw".into(),
        locale: "zh-TW".into(),
        county: None,
        roles: vec![],
        session_hash: String::new(),
        suspended_until: None,
        factor: crate::domain::second_factor::Factor::Off,
        held_roles: vec![],
    };
    let input = ProposalInput {
        title: format!("=1+1 公車</title>{svg}"),
        problem: format!("問題說明</textarea>{REFRESH}<script>alert(1)</script>，公車班次太少，通勤族每天等候超過半小時。"),
        action: format!("請增加班次 <img src=x onerror=alert(1)> {svg}，尖峰時段每十分鐘一班。"),
        benefits: format!("減少等候時間</title>{REFRESH}，鼓勵大眾運輸。"),
        evidence: "https://example.tw/bus?q=%3Csvg%20onload%3Dalert(1)%3E".into(),
        ..super::petitions::input("", j, a)
    };
    let id = propose::save(s, &proposer, None, &input, true).await.unwrap_or_else(|e| panic!("{e:?}"));
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    review::claim(s, &moderator, id).await.unwrap();
    review::approve(s, &moderator, id).await.unwrap();
    // A comment and a signature (which establishes it), then the agency's answer.
    let post = crate::server::discussion::write::Post {
        subject: crate::dto::deliberation::Subject::Petition(id),
        parent_id: None,
        body: &format!("我贊成</textarea>{REFRESH}{svg}"),
        as_agency: "",
    };
    crate::server::discussion::write::post(s, &proposer, "10.0.0.1", post).await.unwrap();
    sign::as_user(s, &proposer, "10.0.0.1", id, "63000", true).await.unwrap();
    drain(&app).await;
    let motc: i64 = sqlx::query("SELECT id FROM agencies WHERE code = 'motc'").fetch_one(&s.db.pool).await.unwrap().get("id");
    let officer = person(&app, "officer@gov.tw", Some(Role::Officer)).await;
    crate::server::db::agencies::add_member(&s.db.pool, motc, officer.user_id, s.now()).await.unwrap();
    let answer = crate::domain::response::ResponseInput {
        summary: format!("本部同意</title>{REFRESH}{svg}增加班次。"),
        details: format!("## 說明\n\n<script>alert(1)</script>{svg}[連結](javascript:alert(1))"),
        points: vec![(format!("班次</textarea>{svg}"), "partly".into(), format!("部分路線</title>{REFRESH}"))],
        links: "https://www.motc.gov.tw/plan".into(),
    };
    let form = crate::server::responses::workspace::Form { agency_id: motc, input: answer, publish: true, cited: vec![] };
    crate::server::responses::workspace::save(s, &officer, id, form).await.unwrap();
    while crate::server::responses::jobs::notify_signers(s, 500).await.unwrap() > 0 {}
    // A moderation decision whose explanation is hostile (hiding the comment).
    let comment: i64 = sqlx::query("SELECT id FROM comments").fetch_one(&s.db.pool).await.unwrap().get("id");
    let target = format!("comment:{comment}");
    let explanation = format!("違反規則</title>{REFRESH}{svg}");
    let d = crate::server::moderation::act::Decision { target: &target, kind: "hide", reason: "offensive", explanation: &explanation, length: "" };
    let decision = crate::server::moderation::act::decide(s, &moderator, d).await.unwrap();

    let mod_session = app.staff_session(moderator.user_id).await;
    let officer_session = app.staff_session(officer.user_id).await;
    let search = format!(
        "/petitions?q={}",
        crate::server::testing::http::form_encode(&[("", &format!("公車</title>{REFRESH}{svg}\u{202E}gnp.exe"))]).trim_start_matches('=')
    );
    let pages: Vec<(String, Option<&str>)> = vec![
        ("/".into(), None),
        ("/petitions".into(), None),
        (search, None),
        (format!("/petitions/{id}"), None),
        (format!("/petitions/{id}/responses"), None),
        ("/agencies".into(), None),
        ("/agencies/motc".into(), None),
        ("/moderation-log".into(), None),
        (format!("/decisions/{decision}"), None),
        ("/me/petitions".into(), Some(proposer_session.as_str())),
        ("/me/signatures".into(), Some(proposer_session.as_str())),
        ("/moderation".into(), Some(mod_session.as_str())),
        ("/reports".into(), Some(mod_session.as_str())),
        (format!("/moderation/{id}"), Some(mod_session.as_str())),
        ("/agency".into(), Some(officer_session.as_str())),
        (format!("/agency/petitions/{id}"), Some(officer_session.as_str())),
    ];
    for (path, session) in &pages {
        let page = app.get(path, *session).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for live in LIVE_MARKUP {
            let at = page.body.find(live).map(|i| page.body[..i].chars().rev().take(200).collect::<Vec<_>>().into_iter().rev().collect::<String>());
            assert!(at.is_none(), "{path}: {live:?} reached the page as markup: {at:?}");
        }
        assert!(!page.body.to_ascii_lowercase().contains("href=\"javascript:"), "{path}: a script link reached the page");
        assert!(!page.body.contains('\u{202E}'), "{path}: a direction override was reflected");
    }
    // The hostile text is there, as text, where people expect it.
    let page = app.get(&format!("/petitions/{id}"), None).await.body;
    assert!(page.contains("&lt;svg onload=alert(1)&gt;"), "shown as typed");
    // Feeds: well-formed Atom, the markup escaped inside.
    for feed in ["/api/v1/feeds/petitions.atom", "/api/v1/feeds/established.atom", "/api/v1/feeds/responses.atom", &format!("/api/v1/feeds/petitions/{id}")] {
        let r = app.get(feed, None).await;
        assert_eq!(r.status, StatusCode::OK, "{feed}");
        let titles = super::api_v1::valid_atom(&r.body);
        assert!(!titles.is_empty(), "{feed}");
        for live in LIVE_MARKUP {
            assert!(!r.body.contains(live), "{feed}: {live:?} as markup");
        }
    }
    // The API and JSON Lines are data (JSON, nosniff); CSV cells that a spreadsheet would
    // run are neutralised.
    for path in
        [format!("/api/v1/petitions/{id}"), "/api/v1/petitions".into(), "/api/v1/downloads/petitions.jsonl".into(), "/api/v1/downloads/responses.jsonl".into()]
    {
        let r = app.get(&path, None).await;
        let ct = r.headers.get("content-type").unwrap().to_str().unwrap().to_string();
        assert!(ct.starts_with("application/json") || ct.starts_with("application/jsonl"), "{path}: {ct}");
        assert_eq!(r.headers.get("x-content-type-options").map(|v| v.to_str().unwrap()), Some("nosniff"), "{path}");
    }
    let csv = app.get("/api/v1/downloads/petitions.csv", None).await.body;
    assert!(csv.contains(",'=1+1 公車"), "formula neutralised: {csv}");
    // Emails are plain text with no header injection from a title.
    let mails = sqlx::query("SELECT subject, body_text FROM outbox").fetch_all(&s.db.pool).await.unwrap();
    assert!(!mails.is_empty());
    for m in &mails {
        let subject: String = m.get("subject");
        assert!(!subject.contains(['\r', '\n']), "{subject}");
    }
    let eml = crate::server::email::transport::build_message(
        "minyi <no-reply@minyi.tw>",
        1,
        &crate::server::db::outbox::OutgoingEmail {
            to: "a@example.tw".into(),
            subject: mails[0].get("subject"),
            body: mails[0].get("body_text"),
            list_unsubscribe: String::new(),
        },
    )
    .unwrap();
    let raw = String::from_utf8_lossy(&eml.formatted()).into_owned();
    assert!(raw.contains("Content-Type: text/plain"), "{raw}");
}
db_test!(the_hostile_corpus_is_inert_everywhere);
