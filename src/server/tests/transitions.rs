//! Production state changes go through the domain state machine (`Petition::apply`) and
//! are written only if the row is still in the state the machine started from: the
//! answer, the late-counted establishment and the reversal of an establishment.
use super::petitions::{drain, open_petition, person, set_threshold, state_of};
use crate::db_test;
use crate::domain::petition::PetitionState;
use crate::domain::response::ResponseInput;
use crate::domain::role::Role;
use crate::domain::time::{DAY, HOUR};
use crate::dto::fraud::SelectionForm;
use crate::error::AppError;
use crate::server::auth::session::SessionUser;
use crate::server::db::{agencies, petitions, responses};
use crate::server::moderation::fraud;
use crate::server::petitions::{counting, lifecycle, sign};
use crate::server::responses::workspace;
use crate::server::testing::TestApp;
use sqlx::Row;

const TAIPEI: &str = "63000";

async fn agency_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query("SELECT id FROM agencies WHERE code = $1").bind(code).fetch_one(&app.state.db.pool).await.unwrap().get("id")
}

async fn officer_of(app: &TestApp, email: &str, agency: i64) -> SessionUser {
    let o = person(app, email, Some(Role::Officer)).await;
    agencies::add_member(&app.state.db.pool, agency, o.user_id, app.state.now()).await.unwrap();
    o
}

fn publish(agency_id: i64) -> workspace::Form {
    let input = ResponseInput {
        summary: "本部同意在主要車站增設站點，明年起分三年完成。".into(),
        details: "## 說明\n\n我們將與地方政府合作。".into(),
        points: vec![("每站 200 公尺內設站".into(), "accepted".into(), String::new())],
        links: String::new(),
    };
    workspace::Form { agency_id, input, publish: true, cited: vec![] }
}

async fn answered_at(app: &TestApp, id: i64) -> Option<i64> {
    sqlx::query("SELECT answered_at FROM petitions WHERE id = $1").bind(id).fetch_one(&app.state.db.pool).await.unwrap().get("answered_at")
}

async fn answers_go_through_the_state_machine(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(&app, 1).await;
    let s = &app.state;
    let (id, _, _) = open_petition(&app, "增設公共自行車站點").await;
    let (motc, moenv) = (agency_id(&app, "motc").await, agency_id(&app, "moenv").await);
    let lead = officer_of(&app, "lead@gov.tw", motc).await;
    // Not established: nothing to answer.
    assert_eq!(workspace::save(s, &lead, id, publish(motc)).await, Err(AppError::NotFound));
    assert_eq!((state_of(&app, id).await, answered_at(&app, id).await), (PetitionState::Open, None));

    let signer = person(&app, "signer@example.tw", None).await;
    sign::as_user(s, &signer, "10.0.0.1", id, TAIPEI, false).await.unwrap();
    drain(&app).await;
    assert_eq!(state_of(&app, id).await, PetitionState::Established);
    app.clock.advance_millis(HOUR);
    workspace::save(s, &lead, id, publish(motc)).await.unwrap();
    assert_eq!(state_of(&app, id).await, PetitionState::Answered);
    let first = answered_at(&app, id).await;
    assert_eq!(first, Some(s.now().0));

    // A first publication by a lead (here moenv, put first by hand) asks the machine to
    // answer again: an answered petition refuses, and nothing of it is kept.
    sqlx::query("INSERT INTO petition_agencies (petition_id, agency_id, position) VALUES ($1, $2, -1)").bind(id).bind(moenv).execute(&s.db.pool).await.unwrap();
    let other = officer_of(&app, "other@gov.tw", moenv).await;
    app.clock.advance_millis(HOUR);
    assert_eq!(workspace::save(s, &other, id, publish(moenv)).await, Err(AppError::Conflict));
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM response_versions WHERE petition_id = {id} AND agency_id = {moenv}")).await, 0);
    assert_eq!(answered_at(&app, id).await, first, "answered once");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petition_events WHERE petition_id = {id} AND kind = 'answered'")).await, 1);

    // The write is conditional on the state the machine started from.
    let now = s.now();
    assert!(!responses::mark_answered(&s.db.pool, id, PetitionState::Established, PetitionState::Answered, now).await.unwrap());
    let row = petitions::get(&s.db.pool, id).await.unwrap().unwrap();
    assert!(!petitions::save_lifecycle(&s.db.pool, id, PetitionState::Established, &row.petition, now).await.unwrap());
    assert_eq!(answered_at(&app, id).await, first);
}
db_test!(answers_go_through_the_state_machine);

async fn a_late_count_establishes_once_and_a_late_reversal_closes(app: TestApp) {
    crate::server::seed::base(&app.state).await.unwrap();
    set_threshold(&app, 2).await;
    let s = &app.state;
    let (id, _, moderator) = open_petition(&app, "最後一刻成案").await;
    let early = person(&app, "early@example.tw", None).await;
    sign::as_user(s, &early, "10.0.0.1", id, TAIPEI, false).await.unwrap();
    app.clock.advance_millis(10 * DAY);
    let crossing = s.now();
    let last = person(&app, "last@example.tw", None).await;
    sign::as_user(s, &last, "10.9.9.1", id, TAIPEI, false).await.unwrap();
    // No roll-up ran before the deadline; the close job counts the rows itself.
    sqlx::query("DELETE FROM count_events").execute(&s.db.pool).await.unwrap();
    app.clock.advance_millis(61 * DAY);
    assert_eq!(lifecycle::close_due(s).await.unwrap(), 1);
    let row = petitions::get(&s.db.pool, id).await.unwrap().unwrap();
    assert_eq!(row.petition.state, PetitionState::Established, "established, not closed");
    assert_eq!(row.petition.established_at, Some(crossing), "at the crossing signature's time, not the job's");
    assert_eq!(row.response_due_at, row.petition.response_due());
    assert!(row.response_due_at.is_some() && row.closed_at.is_none());
    let at: i64 =
        sqlx::query("SELECT at FROM petition_events WHERE petition_id = $1 AND kind = 'established'").bind(id).fetch_one(&s.db.pool).await.unwrap().get("at");
    assert_eq!(at, crossing.0);
    assert_eq!(lifecycle::close_due(s).await.unwrap(), 0, "once");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petition_events WHERE petition_id = {id} AND kind IN ('established', 'closed')")).await, 1);

    // Invalidating the crossing signature after the window: the machine undoes the
    // establishment, and with the window over the petition ends closed at its deadline.
    assert_eq!(counting::reconcile(s).await.unwrap(), 1, "the count the roll-up missed");
    let form = SelectionForm { block: "10.9.9.0/24".into(), ..Default::default() };
    assert_eq!(fraud::invalidate(s, &moderator, id, &form, "automated", "同一網段在截止前的可疑附議。").await, Ok(1));
    let row = petitions::get(&s.db.pool, id).await.unwrap().unwrap();
    assert_eq!((row.petition.state, row.petition.established_at, row.response_due_at), (PetitionState::Closed, None, None));
    assert_eq!(row.closed_at, row.petition.closes_at);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM petition_events WHERE petition_id = {id} AND kind = 'establishment_reversed'")).await, 1);
    assert_eq!(lifecycle::close_due(s).await.unwrap(), 0);
}
db_test!(a_late_count_establishes_once_and_a_late_reversal_closes);
