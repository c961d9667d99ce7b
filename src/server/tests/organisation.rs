//! A government sets itself up: jurisdictions, agencies and topics added, edited,
//! retired and merged by admins, with history kept and no petition stranded.
use super::petitions::{input, person};
use crate::db_test;
use crate::domain::role::Role;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::admin::{agencies, org};
use crate::server::db::org::Table;
use crate::server::petitions::admin_rules::RulesInput;
use crate::server::petitions::{propose, queries, review};
use crate::server::testing::TestApp;
use sqlx::Row;

fn rules(threshold: &str) -> RulesInput<'_> {
    RulesInput {
        signature_threshold: threshold,
        signing_days: "45",
        response_days: "30",
        sponsors_needed: "0",
        second_tier_threshold: "",
        max_agencies: "3",
        review_working_days: "7",
        allow_signature_withdrawal: true,
    }
}

fn invalid(field: &str, e: FieldError) -> AppError {
    AppError::Invalid(FieldErrors::one(field, e))
}

async fn agency(app: &TestApp, admin: &crate::server::auth::session::SessionUser, j: i64, code: &str, zh: &str) -> i64 {
    let j = j.to_string();
    let input = agencies::AgencyInput { code, jurisdiction_id: &j, name_zh: zh, name_en: code, contact: "澎湖縣馬公市治平路32號" };
    agencies::create(&app.state, admin, &input).await.unwrap()
}

async fn a_county_is_set_up_retired_and_merged(app: TestApp) {
    let s = &app.state;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let penghu = org::JurisdictionInput {
        code: "Penghu",
        level: "county",
        name_zh: "澎湖縣",
        name_en: "Penghu County",
        retention_days: "",
        conclusion_days: "",
        regulation_days: "",
        regulation_answer_days: "",
    };

    assert_eq!(org::create_jurisdiction(s, &moderator, &penghu, &rules("500")).await, Err(AppError::Forbidden));
    let bad = org::JurisdictionInput {
        code: "x",
        level: "empire",
        name_zh: "<b>",
        name_en: "",
        retention_days: "",
        conclusion_days: "",
        regulation_days: "",
        regulation_answer_days: "",
    };
    let Err(AppError::Invalid(e)) = org::create_jurisdiction(s, &admin, &bad, &rules("0")).await else { panic!("bad input accepted") };
    for field in ["code", "level", "name_zh", "name_en", "signature_threshold"] {
        assert!(e.get(field).is_some(), "{field}: {e:?}");
    }
    let j = org::create_jurisdiction(s, &admin, &penghu, &rules("500")).await.unwrap();
    assert_eq!(org::create_jurisdiction(s, &admin, &penghu, &rules("500")).await, Err(invalid("code", FieldError::Taken)));
    let code: String = sqlx::query("SELECT code FROM jurisdictions WHERE id = $1").bind(j).fetch_one(&s.db.pool).await.unwrap().get("code");
    assert_eq!(code, "penghu", "codes are stored lower-case");

    let works = agency(&app, &admin, j, "ph-works", "澎湖縣政府工務處").await;
    let transport = agency(&app, &admin, j, "ph-transport", "澎湖縣政府交通處").await;
    let dup = agencies::AgencyInput { code: "ph-works", jurisdiction_id: &j.to_string(), name_zh: "重複", name_en: "Dup", contact: "" };
    assert_eq!(agencies::create(s, &admin, &dup).await, Err(invalid("code", FieldError::Taken)));
    let nowhere = agencies::AgencyInput { code: "ph-x", jurisdiction_id: "999", name_zh: "某處", name_en: "X", contact: "" };
    assert_eq!(agencies::create(s, &admin, &nowhere).await, Err(invalid("jurisdiction_id", FieldError::UnknownChoice)));
    agencies::edit(s, &admin, works, "澎湖縣政府工務處", "Penghu County Public Works Department", "06-9274400").await.unwrap();

    // An officer of the works department; a petition to it is proposed and opened.
    let officer = person(&app, "officer@example.tw", None).await;
    crate::server::admin::users::set_membership(s, &admin, officer.user_id, works, true).await.unwrap();
    let proposer = person(&app, "p@example.tw", None).await;
    let id = propose::save(s, &proposer, None, &input("澎湖跨海大橋增設自行車道", j, works), true).await.unwrap();
    review::claim(s, &moderator, id).await.unwrap();
    review::approve(s, &moderator, id).await.unwrap();

    // Retiring an agency an open petition needs is refused; merging moves the petition.
    assert_eq!(agencies::set_retired(s, &admin, works, true).await, Err(invalid("retire", FieldError::StillNeeded { count: 1 })));
    assert_eq!(agencies::merge(s, &admin, works, works).await, Err(invalid("into", FieldError::UnknownChoice)));
    assert_eq!(agencies::merge(s, &admin, works, transport).await, Ok(1));
    assert_eq!(agencies::merge(s, &admin, works, transport).await, Err(AppError::Conflict), "merged once only");
    let on: Vec<i64> = sqlx::query("SELECT agency_id FROM petition_agencies WHERE petition_id = $1")
        .bind(id)
        .fetch_all(&s.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("agency_id"))
        .collect();
    assert_eq!(on, vec![transport]);
    let detail: String = sqlx::query("SELECT detail FROM petition_events WHERE petition_id = $1 AND kind = 'agency_merged'")
        .bind(id)
        .fetch_one(&s.db.pool)
        .await
        .unwrap()
        .get("detail");
    assert!(detail.starts_with("澎湖縣政府工務處|Penghu County Public Works Department|澎湖縣政府交通處"), "{detail}");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM agency_members WHERE agency_id = {transport}")).await, 1, "its officer serves the successor");
    let merged: Option<i64> = sqlx::query("SELECT merged_into FROM agencies WHERE id = $1").bind(works).fetch_one(&s.db.pool).await.unwrap().get("merged_into");
    assert_eq!(merged, Some(transport));

    // The retired agency takes no new petitions and is not offered; its page stays.
    let refused = propose::save(s, &proposer, None, &input("馬公市區公車班次增加", j, works), true).await;
    assert_eq!(refused.map(|_| ()), Err(invalid("agency_ids", FieldError::UnknownChoice)));
    let options = queries::propose_options(s).await.unwrap();
    assert!(options.agencies.iter().all(|(_, a)| a.id != works));
    let page = app.get("/agencies/ph-works", None).await;
    assert_eq!(page.status, 200, "a retired agency's page stays");

    // A retired jurisdiction takes no new petitions; bringing it back restores that.
    org::set_retired(s, &admin, Table::Jurisdictions, j, true).await.unwrap();
    assert_eq!(org::set_retired(s, &admin, Table::Jurisdictions, j, true).await, Err(AppError::Conflict));
    let refused = propose::save(s, &proposer, None, &input("馬公市區公車班次增加", j, transport), true).await;
    assert_eq!(refused.map(|_| ()), Err(invalid("jurisdiction_id", FieldError::UnknownChoice)));
    assert!(queries::propose_options(s).await.unwrap().jurisdictions.iter().all(|r| r.jurisdiction_id != j));
    org::set_retired(s, &admin, Table::Jurisdictions, j, false).await.unwrap();
    propose::save(s, &proposer, None, &input("馬公市區公車班次增加", j, transport), true).await.unwrap();

    // Every change is in the audit log.
    for action in ["jurisdiction.create", "agency.create", "agency.edit", "agency.merge", "jurisdiction.retire", "jurisdiction.restore"] {
        assert!(app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await >= 1, "{action}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM agencies").await, 2, "nothing is deleted");
}
db_test!(a_county_is_set_up_retired_and_merged);

async fn retired_topics_are_not_offered_but_kept(app: TestApp) {
    let s = &app.state;
    let (j, a) = super::petitions::national(&app).await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let proposer = person(&app, "p@example.tw", None).await;
    let id = propose::save(s, &proposer, None, &input("公車站牌增設即時到站資訊", j, a), false).await.unwrap();
    let topic: i64 = sqlx::query("SELECT category_id FROM petitions WHERE id = $1").bind(id).fetch_one(&s.db.pool).await.unwrap().get("category_id");
    org::set_retired(s, &admin, Table::Topics, topic, true).await.unwrap();
    assert!(queries::propose_options(s).await.unwrap().categories.iter().all(|c| c.id != topic));
    let refused = propose::save(s, &proposer, None, &input("公車站牌增設即時到站資訊", j, a), true).await;
    assert_eq!(refused.map(|_| ()), Err(invalid("category_id", FieldError::UnknownChoice)));
    org::save_topic(s, &admin, "Housing", "居住正義", "Housing").await.unwrap();
    assert_eq!(org::save_topic(s, &admin, "住宅", "居住", "Housing").await, Err(invalid("code", FieldError::InvalidCharacters)));
    let overview = org::overview(s, &admin).await.unwrap();
    assert!(overview.topics.iter().any(|t| t.code == "housing" && !t.retired));
    assert!(overview.topics.iter().any(|t| t.id == topic && t.retired));
}
db_test!(retired_topics_are_not_offered_but_kept);

async fn an_invited_officer_sets_a_password_and_serves(app: TestApp) {
    let s = &app.state;
    let (_, motc) = super::petitions::national(&app).await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let moderator = person(&app, "mod@example.tw", Some(Role::Moderator)).await;
    let invite = crate::server::admin::invite::invite;
    assert_eq!(invite(s, &moderator, "new@motc.gov.tw", "新承辦", "officer", &motc.to_string()).await, Err(AppError::Forbidden));
    let Err(AppError::Invalid(e)) = invite(s, &admin, "not-an-email", "", "king", "").await else { panic!("accepted") };
    assert!(e.get("email").is_some() && e.get("name").is_some() && e.get("role").is_some(), "{e:?}");
    assert_eq!(invite(s, &admin, "new@motc.gov.tw", "新承辦", "officer", "").await, Err(invalid("agency_id", FieldError::UnknownChoice)));
    assert_eq!(invite(s, &admin, "new@motc.gov.tw", "新承辦", "officer", &motc.to_string()).await, Ok(true));

    // Before setting a password nobody can log in as them.
    assert_ne!(app.call("login", &[("email", "new@motc.gov.tw"), ("password", "!")], None).await.status, 200);
    let token = app.last_link_token("new@motc.gov.tw", "/reset/confirm").await;
    let password = "澎湖的海風很大但是很舒服-2026";
    crate::server::accounts::reset::confirm(s, "198.51.100.7", &token, password, password).await.unwrap();
    let session = app.login("new@motc.gov.tw", password).await;
    assert!(app.call("my_agencies", &[], Some(&session)).await.body.contains("Forbidden"), "not before a second factor");
    app.enrol_via_pages(&session, "new@motc.gov.tw").await;
    let mine = app.call("my_agencies", &[], Some(&session)).await;
    assert!(mine.body.contains("motc"), "{}", mine.body);
    assert!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.invite'").await == 1);
}
db_test!(an_invited_officer_sets_a_password_and_serves);

async fn banners_show_on_every_page_until_they_end(app: TestApp) {
    let s = &app.state;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let post = crate::server::admin::banners::post;
    let Err(AppError::Invalid(e)) = post(s, &admin, "shout", "", &"長".repeat(301), "2020-01-01T00:00").await else { panic!("accepted") };
    assert_eq!(
        (e.get("level"), e.get("message_zh"), e.get("message_en"), e.get("ends_at")),
        (Some(&FieldError::UnknownChoice), Some(&FieldError::Required), Some(&FieldError::TooLong { max: 300 }), Some(&FieldError::InThePast))
    );
    assert_eq!(post(s, &admin, "info", "a\u{202E}b", "x", "").await, Err(invalid("message_zh", FieldError::HiddenCharacters)));
    let ends = s.now().plus_millis(crate::domain::time::DAY).datetime_local_taipei();
    post(s, &admin, "warning", "系統維護：<script>alert(1)</script>今晚 22:00", "Maintenance tonight at 22:00", &ends).await.unwrap();
    for path in ["/", "/petitions", "/agencies"] {
        let page = app.get(path, None).await.body;
        assert!(page.contains("系統維護：&lt;script&gt;alert(1)&lt;/script&gt;今晚 22:00"), "{path} shows the banner, inert");
    }
    // Past its end time the banner is gone.
    app.clock.advance_millis(2 * crate::domain::time::DAY);
    // (after the quarter-second page cache)
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!app.get("/", None).await.body.contains("系統維護"));
}
db_test!(banners_show_on_every_page_until_they_end);
