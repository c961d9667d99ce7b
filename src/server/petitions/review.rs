//! Moderators review submitted petitions: claim, approve, reject, reassign agencies.
use crate::domain::petition::{Command, PetitionState, RejectReason};
use crate::domain::time::{MINUTE, Timestamp};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::petitions::ReviewItem;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::petitions::{self, PetitionRow};
use crate::server::db::{agencies, outbox, rules, users};
use crate::server::state::AppState;

/// A claim lasts this long unless renewed by acting.
pub const CLAIM_FOR: i64 = 30 * MINUTE;
pub const EXPLANATION_MAX: usize = 2000;

/// The queue, oldest submission first.
pub async fn queue(state: &AppState, me: &SessionUser) -> Result<Vec<ReviewItem>, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let rows = crate::server::db::review::queue(&state.db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let live = r.claimed_until.is_some_and(|u| u > now);
            ReviewItem {
                id: r.id,
                title: r.title,
                jurisdiction_zh: r.jurisdiction_zh,
                jurisdiction_en: r.jurisdiction_en,
                submitted_at: r.submitted_at,
                review_due_at: r.review_due_at,
                overdue: now >= r.review_due_at,
                claimed_by: if live { r.claimer } else { None },
                claimed_by_me: live && r.claimed_by == Some(me.user_id),
            }
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn claim(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !petitions::claim(&mut **tx, id, me.user_id, now, now.plus_millis(CLAIM_FOR)).await? {
        return Err(AppError::Conflict);
    }
    users::audit(&mut **tx, Some(me.user_id), "petition.claim", &id.to_string(), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Load a petition the moderator holds the claim on.
async fn claimed(tx: &mut sqlx::AnyConnection, me: &SessionUser, id: i64, now: Timestamp) -> Result<PetitionRow, AppError> {
    let row = super::load(&mut *tx, id).await?;
    if row.petition.state != PetitionState::InReview {
        return Err(AppError::Conflict);
    }
    if row.claimed_by != Some(me.user_id) || row.claimed_until.is_none_or(|u| u <= now) {
        return Err(AppError::NotClaimed);
    }
    Ok(row)
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn approve(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let mut row = claimed(&mut tx, me, id, now).await?;
    // The rules in force when signing opens are frozen onto the petition.
    if let Some(current) = rules::for_jurisdiction(&mut **tx, row.jurisdiction_id).await? {
        row.petition.rules = current;
    }
    row.petition.apply(Command::Approve, now).map_err(|_| AppError::Conflict)?;
    if !petitions::save_lifecycle(&mut **tx, id, PetitionState::InReview, &row.petition, now).await? {
        return Err(AppError::Conflict);
    }
    petitions::release_claim(&mut **tx, id).await?;
    // The timeline event is named for the state it led to.
    petitions::add_event(&mut **tx, id, now, PetitionState::Open.code(), "").await?;
    crate::server::follows::record(&mut tx, id, crate::server::follows::Event::Published, now).await?;
    users::audit(&mut **tx, Some(me.user_id), "petition.approve", &id.to_string(), "", now).await?;
    notify_proposer(state, &mut tx, &row, super::emails::Outcome::Approved).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn reject(state: &AppState, me: &SessionUser, id: i64, reason: &str, explanation: &str, duplicate_of: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut errors = FieldErrors::new();
    let reason = RejectReason::from_code(reason.trim());
    if reason.is_none() {
        errors.add("reason", FieldError::Required);
    }
    let explanation = explanation.trim();
    if explanation.is_empty() {
        errors.add("explanation", FieldError::Required);
    } else if explanation.chars().count() > EXPLANATION_MAX {
        errors.add("explanation", FieldError::TooLong { max: EXPLANATION_MAX });
    }
    let mut duplicate = None;
    if reason == Some(RejectReason::Duplicate) {
        match duplicate_of.trim().trim_start_matches('#').parse::<i64>() {
            Ok(d) if d != id && petitions::get(&state.db.pool, d).await?.is_some_and(|p| p.petition.state.is_public()) => duplicate = Some(d),
            Ok(_) | Err(_) if duplicate_of.trim().is_empty() => errors.add("duplicate_of", FieldError::Required),
            _ => errors.add("duplicate_of", FieldError::NoSuchPetition),
        }
    }
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let mut tx = state.db.begin().await?;
    let mut row = claimed(&mut tx, me, id, now).await?;
    row.petition.apply(Command::Reject(reason), now).map_err(|_| AppError::Conflict)?;
    if !petitions::save_lifecycle(&mut **tx, id, PetitionState::InReview, &row.petition, now).await? {
        return Err(AppError::Conflict);
    }
    petitions::set_rejection(&mut **tx, id, reason, explanation, duplicate).await?;
    petitions::add_event(&mut **tx, id, now, row.petition.state.code(), reason.code()).await?;
    users::audit(&mut **tx, Some(me.user_id), "petition.reject", &id.to_string(), reason.code(), now).await?;
    notify_proposer(state, &mut tx, &row, super::emails::Outcome::Rejected { reason, explanation }).await?;
    tx.commit().await?;
    Ok(())
}

/// Change the responsible agencies, with a reason that is logged.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn reassign(state: &AppState, me: &SessionUser, id: i64, agency_ids: &[String], reason: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let row = super::load(&mut **tx, id).await?;
    let mut errors = FieldErrors::new();
    let ids: Vec<i64> = agency_ids.iter().filter_map(|a| a.trim().parse().ok()).fold(Vec::new(), |mut v, a| {
        if !v.contains(&a) {
            v.push(a);
        }
        v
    });
    if ids.is_empty() {
        errors.add("agency_ids", FieldError::Required);
    } else if ids.len() as i64 > row.petition.rules.max_agencies {
        errors.add("agency_ids", FieldError::TooMany { max: row.petition.rules.max_agencies as usize });
    } else if rules::agencies_in(&mut **tx, row.jurisdiction_id, &ids).await? != ids.len() {
        let elsewhere = rules::agencies_elsewhere(&mut **tx, row.jurisdiction_id, &ids).await? > 0;
        errors.add("agency_ids", if elsewhere { FieldError::AgencyOutsideJurisdiction } else { FieldError::UnknownChoice });
    }
    if reason.trim().is_empty() {
        errors.add("reassign_reason", FieldError::Required);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if matches!(row.petition.state, PetitionState::Draft | PetitionState::Withdrawn | PetitionState::Hidden | PetitionState::Answered) {
        return Err(AppError::Conflict);
    }
    if row.petition.state == PetitionState::Established {
        // An agency owes an answer now: the lead moves only when the receiving agency
        // accepts (the transfer flow), never by a moderator's say-so.
        let current = agencies::for_petition(&mut **tx, id).await?;
        let lead = current.first().cloned().ok_or(AppError::NotFound)?;
        if lead.id == ids[0] {
            return Err(AppError::Invalid(FieldErrors::one("agency_ids", FieldError::UnknownChoice)));
        }
        let target = agencies::all_by_jurisdiction(&mut **tx).await?.into_iter().map(|(_, a)| a).find(|a| a.id == ids[0]).ok_or(AppError::NotFound)?;
        crate::server::responses::transfer::file(&mut tx, state, &row, &lead, &target, reason.trim(), me.user_id, true).await?;
        tx.commit().await?;
        return Ok(());
    }
    petitions::set_agencies(&mut tx, id, &ids).await?;
    petitions::add_event(&mut **tx, id, now, "agencies_changed", reason.trim()).await?;
    let detail = format!("{ids:?}: {}", reason.trim());
    users::audit(&mut **tx, Some(me.user_id), "petition.reassign", &id.to_string(), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn notify_proposer(state: &AppState, tx: &mut sqlx::AnyConnection, row: &PetitionRow, outcome: super::emails::Outcome<'_>) -> Result<(), AppError> {
    let now = state.now();
    if let Some(user) = users::by_id(&mut *tx, row.proposer_id).await? {
        let mail = super::emails::review_outcome(&user, row, outcome, &state.config.base_url);
        outbox::enqueue(&mut *tx, &mail, now).await?;
    }
    Ok(())
}
