//! An officer saves a notice for an agency they serve (unpublished: its page is the preview of
//! the split into articles, seen only by the agency's officers), changes it, and publishes it.
//! The period runs from publication to the last day chosen; the answers' due date is frozen
//! from the jurisdiction then.
use crate::domain::consultation::start_of_day;
use crate::domain::regulation::notice::{NoticeInput, PERIOD_DEFAULT_DAYS, answers_due, check_period};
use crate::domain::time::DAY;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::regulations::NewRegulationPage;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{regulations as db, rules, users};
use crate::server::state::AppState;

fn unknown_agency() -> AppError {
    AppError::Invalid(FieldErrors::one("agency_id", FieldError::UnknownChoice))
}

/// The form: empty for a new notice, or an unpublished notice's values to change.
pub async fn form(state: &AppState, me: &SessionUser, id: Option<i64>) -> Result<NewRegulationPage, AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let pool = &state.db.read_pool;
    let agencies = guard::agencies_served(pool, me).await?;
    let Some(first) = agencies.first() else { return Err(AppError::Forbidden) };
    let today = start_of_day(state.now());
    let Some(id) = id else {
        let (days, _) = db::days(pool, first.id).await?.unwrap_or((PERIOD_DEFAULT_DAYS, 0));
        return Ok(NewRegulationPage {
            id: None,
            agency_id: String::new(),
            title: String::new(),
            legal_basis: String::new(),
            purpose: String::new(),
            draft: String::new(),
            comparison: String::new(),
            last_day: today.plus_millis((days - 1) * DAY).date_taipei(),
            contact: String::new(),
            category_id: String::new(),
            categories: rules::categories(pool).await?,
            agencies,
        });
    };
    let r = db::get(pool, id).await?.ok_or(AppError::NotFound)?;
    if r.published_at.is_some() || !agencies.iter().any(|a| a.id == r.agency.id) {
        return Err(AppError::NotFound);
    }
    let (draft, comparison) = super::text_of(pool, id, 1).await?;
    Ok(NewRegulationPage {
        id: Some(id),
        agency_id: r.agency.id.to_string(),
        title: r.title,
        legal_basis: r.legal_basis,
        purpose: r.purpose,
        draft,
        comparison,
        last_day: r.closes_at.plus_millis(-1).date_taipei(),
        contact: r.contact,
        category_id: r.category.map(|c| c.id.to_string()).unwrap_or_default(),
        categories: rules::categories(pool).await?,
        agencies,
    })
}

/// Save a new notice (`id` None) or change an unpublished one; returns its id.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn save(state: &AppState, me: &SessionUser, id: Option<i64>, input: &NoticeInput) -> Result<i64, AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let now = state.now();
    let n = input.parse().map_err(AppError::Invalid)?;
    // The last day is checked against today already, so a mistake shows before publishing.
    check_period(now, n.closes_at).map_err(|e| AppError::Invalid(FieldErrors::one("last_day", e)))?;
    let mut tx = state.db.begin().await?;
    if !guard::serves(&mut **tx, me, n.agency_id).await? || db::days(&mut **tx, n.agency_id).await?.is_none() {
        return Err(unknown_agency());
    }
    if let Some(topic) = n.category_id
        && !rules::categories(&mut **tx).await?.iter().any(|c| c.id == topic)
    {
        return Err(AppError::Invalid(FieldErrors::one("category_id", FieldError::UnknownChoice)));
    }
    let id = match id {
        None => db::insert(&mut tx, &n, me.user_id, now).await?,
        Some(id) => {
            let r = db::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
            if !guard::serves(&mut **tx, me, r.agency.id).await? {
                return Err(AppError::NotFound);
            }
            // Published meanwhile (by a colleague): a published text changes only by a new version.
            if !db::update_draft(&mut tx, id, &n).await? {
                return Err(AppError::Conflict);
            }
            id
        }
    };
    users::audit(&mut **tx, Some(me.user_id), "regulation.save", &format!("regulation:{id}"), &n.title, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Publish an unpublished notice: comments are taken from now to its last day.
#[tracing::instrument(skip_all, fields(user = me.user_id, regulation = id))]
pub async fn publish(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let r = db::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    if !guard::serves(&mut **tx, me, r.agency.id).await? {
        return Err(AppError::NotFound);
    }
    // Saved some days ago: the period may have become too short; the form says so.
    check_period(now, r.closes_at).map_err(|e| AppError::Invalid(FieldErrors::one("last_day", e)))?;
    let (_, answer_days) = db::days(&mut **tx, r.agency.id).await?.ok_or_else(unknown_agency)?;
    if !db::publish(&mut **tx, id, now, r.closes_at, answers_due(r.closes_at, answer_days)).await? {
        return Err(AppError::Conflict);
    }
    users::audit(&mut **tx, Some(me.user_id), "regulation.publish", &format!("regulation:{id}"), &r.title, now).await?;
    tx.commit().await?;
    Ok(())
}
