//! An officer opens a consultation for an agency they serve; the conclusions' due date is
//! frozen from the agency's jurisdiction when it is opened.
use crate::domain::consultation::{ConsultationInput, conclusions_due, start_of_day};
use crate::domain::time::DAY;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::consultations::NewConsultationPage;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{consultations as db, users};
use crate::server::state::AppState;

/// The form: the agencies the officer serves and suggested dates (today, 30 days on).
pub async fn form(state: &AppState, me: &SessionUser) -> Result<NewConsultationPage, AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let agencies = guard::agencies_served(&state.db.read_pool, me).await?;
    if agencies.is_empty() {
        return Err(AppError::Forbidden);
    }
    let today = start_of_day(state.now());
    Ok(NewConsultationPage { agencies, opens_on: today.date_taipei(), closes_on: today.plus_millis(29 * DAY).date_taipei() })
}

/// Open a consultation; returns its id.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn open(state: &AppState, me: &SessionUser, input: &ConsultationInput) -> Result<i64, AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let now = state.now();
    let c = input.parse(now).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    if !guard::serves(&mut **tx, me, c.agency_id).await? {
        return Err(AppError::Invalid(FieldErrors::one("agency_id", FieldError::UnknownChoice)));
    }
    let days = db::conclusion_days(&mut **tx, c.agency_id).await?.ok_or(AppError::Invalid(FieldErrors::one("agency_id", FieldError::UnknownChoice)))?;
    let id = db::insert(&mut tx, &c, conclusions_due(c.closes_at, days), me.user_id, now).await?;
    users::audit(&mut **tx, Some(me.user_id), "consultation.open", &format!("consultation:{id}"), &c.title, now).await?;
    tx.commit().await?;
    Ok(id)
}
