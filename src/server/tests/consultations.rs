//! Consultations (眾開講): officers open them for their agency, the dates decide the phase,
//! statements are taken only while open, conclusions only after closing (late ones shown as
//! late and counted), followers hear of both once; on both engines.
use super::petitions::person;
use crate::db_test;
use crate::domain::consultation::{ConsultationInput, Phase, start_of_day};
use crate::domain::role::Role;
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::FieldError;
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::auth::session::SessionUser;
use crate::server::consultations::{self, conclude, notices, open};
use crate::server::db::{agencies, deliberation as conversations};
use crate::server::deliberation::{vote, write};
use crate::server::testing::TestApp;
use sqlx::Row;

pub(super) async fn agency_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query("SELECT id FROM agencies WHERE code = $1").bind(code).fetch_one(&app.state.db.pool).await.unwrap().get("id")
}

pub(super) async fn officer_of(app: &TestApp, email: &str, agency: i64) -> SessionUser {
    let o = person(app, email, Some(Role::Officer)).await;
    agencies::add_member(&app.state.db.pool, agency, o.user_id, app.state.now()).await.unwrap();
    o
}

fn day(t: Timestamp) -> String {
    t.date_taipei()
}

pub(super) fn input(agency: i64, now: Timestamp, days: i64) -> ConsultationInput {
    let today = start_of_day(now);
    ConsultationInput {
        agency_id: agency.to_string(),
        title: "公車票價調整方案".into(),
        background: "# 背景\n\n我們正在規劃票價調整，想先聽聽大家的意見。<script>alert(1)</script>".into(),
        stage: "planning".into(),
        questions: "票價應該怎麼調？\n誰需要優惠？".into(),
        documents: "https://example.gov.tw/plan.pdf".into(),
        opens_on: day(today),
        closes_on: day(today.plus_millis((days - 1) * DAY)),
    }
}

fn field(r: Result<i64, AppError>, name: &str) -> FieldError {
    match r {
        Err(AppError::Invalid(e)) => e.get(name).cloned().unwrap_or_else(|| panic!("no error for {name}: {e:?}")),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn a_consultation_from_opening_to_late_conclusions(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let (motc, moenv) = (agency_id(&app, "motc").await, agency_id(&app, "moenv").await);
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let other = officer_of(&app, "officer@moenv.gov.tw", moenv).await;
    let citizen = person(&app, "citizen@example.tw", None).await;
    let now = st.now();

    // Only officers, only for an agency they serve, only with valid fields.
    assert_eq!(open::open(st, &citizen, &input(motc, now, 14)).await, Err(AppError::Forbidden));
    assert_eq!(field(open::open(st, &other, &input(motc, now, 14)).await, "agency_id"), FieldError::UnknownChoice);
    let mut bad = input(motc, now, 14);
    bad.opens_on = day(now.plus_millis(-2 * DAY));
    assert_eq!(field(open::open(st, &officer, &bad).await, "opens_on"), FieldError::InThePast);
    assert_eq!(app.count("SELECT COUNT(*) FROM consultations").await, 0, "nothing half-written");

    let id = open::open(st, &officer, &input(motc, now, 14)).await.unwrap();
    let list = consultations::list(st, Some(&officer), "open", "", "").await.unwrap();
    assert!(list.may_open && list.items.iter().any(|c| c.id == id));
    assert!(consultations::list(st, None, "upcoming", "", "").await.unwrap().items.is_empty());
    assert!(consultations::list(st, None, "", "execution", "").await.unwrap().items.is_empty(), "filtered by stage");
    let page = consultations::page(st, None, id).await.unwrap();
    assert_eq!(page.summary.phase, Phase::Open);
    assert!(page.background_html.contains("<h3>背景</h3>") && !page.background_html.contains("<script"), "{}", page.background_html);
    assert_eq!(page.questions.len(), 2);

    // While open: statements and votes; the agency's officer writes seeds.
    let subject = Subject::Consultation(id);
    assert!(write::write(st, &officer, "10.0.0.1", subject, "優惠應該優先給學生與長者").await.unwrap());
    assert!(write::write(st, &citizen, "10.0.0.2", subject, "偏鄉路線票價不應該調漲").await.unwrap());
    let c = conversations::find(&st.db.pool, "consultation", id).await.unwrap().unwrap();
    let all = conversations::statements(&st.db.pool, c.id, "").await.unwrap();
    let seed = all.iter().find(|s| s.author_id == officer.user_id).unwrap();
    assert!(seed.seed && !all.iter().find(|s| s.author_id == citizen.user_id).unwrap().seed);
    assert_eq!(vote::vote(st, &citizen, "10.0.0.2", seed.id, "agree").await.unwrap(), subject);
    crate::server::follows::follow(st, &citizen, "consultation", id).await.unwrap();
    assert_eq!(conclude::publish(st, &officer, id, "我們聽到了大家的意見，將會調整票價優惠方案。", &[]).await, Err(AppError::Conflict), "not closed yet");

    // Closed: no more statements; followers hear once; conclusions are due.
    app.clock.advance_millis(14 * DAY);
    assert_eq!(write::write(st, &citizen, "10.0.0.2", subject, "票價應該按里程計算").await, Err(AppError::Conflict));
    assert_eq!(vote::vote(st, &officer, "10.0.0.1", seed.id, "pass").await, Err(AppError::Conflict));
    assert_eq!(notices::run(st).await.unwrap(), 1);
    assert_eq!(notices::run(st).await.unwrap(), 0, "told once");
    let mails = app.emails_to("citizen@example.tw").await;
    assert!(mails.iter().any(|m| m.0.contains("公車票價調整方案") && m.1.contains(&format!("/consultations/{id}"))), "{mails:?}");
    let page = consultations::page(st, Some(&officer), id).await.unwrap();
    assert_eq!(page.summary.phase, Phase::AwaitingConclusions);
    assert!(page.may_conclude && page.citable.len() == 2);
    assert!(!consultations::page(st, Some(&other), id).await.unwrap().may_conclude);

    // Past the jurisdiction's 30 days: overdue, publicly and in the agency's figures.
    app.clock.advance_millis(31 * DAY);
    assert_eq!(consultations::page(st, None, id).await.unwrap().summary.phase, Phase::Overdue);
    let figures = |all: Vec<crate::dto::responses::AgencyStats>| {
        let s = all.into_iter().find(|s| s.agency.id == motc).unwrap();
        (s.consultations_closed, s.conclusions_on_time, s.conclusions_late, s.conclusions_overdue)
    };
    assert_eq!(figures(crate::server::responses::stats::all(st, "").await.unwrap()), (1, 0, 0, 1));

    // Conclusions: the agency's own officers, citing statements of this conversation only.
    let text = "我們聽到了大家對票價的意見：多數支持學生與長者優惠，我們將據此調整方案。";
    assert_eq!(conclude::publish(st, &other, id, text, &[]).await, Err(AppError::Forbidden));
    let bad = conclude::publish(st, &officer, id, text, &["999999".into()]).await;
    assert!(matches!(bad, Err(AppError::Invalid(ref e)) if e.get("cited") == Some(&FieldError::UnknownChoice)), "{bad:?}");
    conclude::publish(st, &officer, id, text, &[seed.id.to_string()]).await.unwrap();
    assert_eq!(conclude::publish(st, &officer, id, text, &[]).await, Err(AppError::Conflict), "published once");
    let page = consultations::page(st, None, id).await.unwrap();
    assert_eq!(page.summary.phase, Phase::Concluded);
    assert!(page.summary.concluded_late && page.conclusions_html.is_some());
    assert_eq!(page.cited.iter().map(|s| s.id).collect::<Vec<_>>(), vec![seed.id]);
    assert_eq!(figures(crate::server::responses::stats::all(st, "").await.unwrap()), (1, 0, 1, 0));
    assert_eq!(notices::run(st).await.unwrap(), 1);
    assert!(app.emails_to("citizen@example.tw").await.iter().any(|m| m.1.contains("#conclusions")));
}
db_test!(a_consultation_from_opening_to_late_conclusions);

async fn the_pages_show_it_without_javascript(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let id = open::open(&app.state, &officer, &input(motc, app.state.now(), 30)).await.unwrap();
    let list = app.get("/consultations", None).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("公車票價調整方案"));
    let page = app.get(&format!("/consultations/{id}"), None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("票價應該怎麼調？") && !page.body.contains("<script>alert"));
    let map = app.get(&format!("/consultations/{id}/deliberation"), None).await;
    assert_eq!(map.status, 200);
    assert_eq!(app.get("/consultations/999999", None).await.status, 404);
}
db_test!(the_pages_show_it_without_javascript);

async fn each_jurisdiction_sets_the_days_for_conclusions(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    let st = &app.state;
    let motc = agency_id(&app, "motc").await;
    let officer = officer_of(&app, "officer@motc.gov.tw", motc).await;
    let admin = person(&app, "admin@example.tw", Some(Role::Admin)).await;
    let national: i64 = sqlx::query("SELECT id FROM jurisdictions WHERE code = 'national'").fetch_one(&st.db.pool).await.unwrap().get("id");
    let edit = |days: &'static str| crate::server::admin::org::JurisdictionInput {
        code: "",
        level: "national",
        name_zh: "中央",
        name_en: "National",
        retention_days: "",
        conclusion_days: days,
        regulation_days: "",
        regulation_answer_days: "",
    };
    let err = crate::server::admin::org::edit_jurisdiction(st, &admin, national, &edit("3")).await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.get("conclusion_days").is_some()), "{err:?}");
    crate::server::admin::org::edit_jurisdiction(st, &admin, national, &edit("60")).await.unwrap();
    let id = open::open(st, &officer, &input(motc, st.now(), 14)).await.unwrap();
    let s = consultations::page(st, None, id).await.unwrap().summary;
    assert_eq!(s.conclusions_due_at.0 - s.closes_at.0, 60 * DAY, "frozen from the jurisdiction when opened");
}
db_test!(each_jurisdiction_sets_the_days_for_conclusions);
