//! Proposing: save a draft, submit it, sponsor it, withdraw it.
use crate::domain::petition::proposal::ProposalInput;
use crate::domain::petition::search::terms;
use crate::domain::petition::{Command, PetitionState};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::auth::tokens;
use crate::server::db::{org, petitions, rules, users};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

const MAX_TERMS: usize = 2000;

/// Save (or with `submit`, submit) a new or existing draft. Returns its id.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn save(state: &AppState, me: &SessionUser, id: Option<i64>, input: &ProposalInput, submit: bool) -> Result<i64, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    if super::paused(&state.db.pool, true).await? {
        return Err(AppError::Paused);
    }
    let jurisdiction = input.jurisdiction_id.trim().parse::<i64>().ok();
    // A retired jurisdiction takes no new petitions (nor drafts saved into it).
    let rules = match jurisdiction {
        Some(j) if org::jurisdiction_active(&state.db.pool, j).await? => rules::for_jurisdiction(&state.db.pool, j).await?,
        _ => None,
    };
    let max_agencies = rules.map(|r| r.max_agencies).unwrap_or(3) as usize;
    let mut proposal = input.parse(submit, max_agencies).map_err(AppError::Invalid)?;
    let Some(rules) = rules else {
        return Err(invalid("jurisdiction_id", FieldError::UnknownChoice));
    };
    let mut errors = FieldErrors::new();
    if proposal.category_id != 0 && !rules::category_open(&state.db.pool, proposal.category_id).await? {
        errors.add("category_id", FieldError::UnknownChoice);
    }
    if rules::agencies_in(&state.db.pool, proposal.jurisdiction_id, &proposal.agency_ids).await? != proposal.agency_ids.len() {
        let elsewhere = rules::agencies_elsewhere(&state.db.pool, proposal.jurisdiction_id, &proposal.agency_ids).await? > 0;
        errors.add("agency_ids", if elsewhere { FieldError::AgencyOutsideJurisdiction } else { FieldError::UnknownChoice });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if proposal.category_id == 0 {
        // A draft without a category yet: park it in the first one; submitting requires a choice.
        proposal.category_id = rules::active_categories(&state.db.pool).await?.first().map(|c| c.id).ok_or(AppError::Internal)?;
    }

    if submit {
        crate::server::limits::hit(state, Limit::SubmitPerAccount, &me.user_id.to_string(), now).await?;
    }
    let mut tx = state.db.begin().await?;
    let id = match id {
        Some(id) => {
            let row = super::load(&mut **tx, id).await?;
            if !guard::may(me, Permission::Own { owner: row.proposer_id }) {
                return Err(AppError::NotFound);
            }
            if !petitions::update_draft(&mut **tx, id, &proposal, &rules, now).await? {
                return Err(AppError::Conflict);
            }
            id
        }
        None => {
            let (key, _) = tokens::generate(12);
            let id = petitions::insert_draft(&mut **tx, me.user_id, &proposal, &rules, &key, now).await?;
            petitions::add_event(&mut **tx, id, now, "created", "").await?;
            id
        }
    };
    petitions::set_agencies(&mut tx, id, &proposal.agency_ids).await?;
    let text = format!("{} {} {} {}", proposal.title, proposal.problem, proposal.action, proposal.benefits);
    petitions::index_terms(&mut tx, id, &terms(&text, MAX_TERMS)).await?;
    if submit {
        let mut row = super::load(&mut **tx, id).await?;
        row.petition.apply(Command::Submit, now).map_err(|_| AppError::Conflict)?;
        if !petitions::save_lifecycle(&mut **tx, id, PetitionState::Draft, &row.petition, now).await? {
            return Err(AppError::Conflict);
        }
        let due = now.plus_working_days(rules.review_working_days);
        petitions::mark_submitted(&mut **tx, id, now, due).await?;
        petitions::add_event(&mut **tx, id, now, row.petition.state.code(), "").await?;
        row.review_due_at = Some(due);
        super::emails::tell_proposer(&mut tx, &row, super::emails::News::Submitted, &state.config.base_url, now).await?;
        users::audit(&mut **tx, Some(me.user_id), "petition.submit", &id.to_string(), "", now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

fn invalid(field: &str, e: FieldError) -> AppError {
    let mut errors = FieldErrors::new();
    errors.add(field, e);
    AppError::Invalid(errors)
}

/// A verified user sponsors a petition awaiting sponsors through its share link.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn sponsor(state: &AppState, me: &SessionUser, key: &str) -> Result<i64, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let mut tx = state.db.begin().await?;
    let mut row = petitions::by_sponsor_key(&mut **tx, key).await?.ok_or(AppError::NotFound)?;
    guard::allow(me, Permission::NotOwn { owner: row.proposer_id })?;
    if row.petition.state != PetitionState::AwaitingSponsors {
        return Err(AppError::Conflict);
    }
    petitions::sponsor(&mut **tx, row.id, me.user_id, now).await?;
    let sponsors = petitions::sponsor_count(&mut **tx, row.id).await?;
    row.petition.apply(Command::Sponsored { sponsors }, now).map_err(|_| AppError::Conflict)?;
    // The timeline entry only from the request that moved it (two last sponsors may race).
    if row.petition.state == PetitionState::InReview
        && petitions::save_lifecycle(&mut **tx, row.id, PetitionState::AwaitingSponsors, &row.petition, now).await?
    {
        petitions::add_event(&mut **tx, row.id, now, row.petition.state.code(), "").await?;
        // Now it is sent for review: the proposer hears so.
        super::emails::tell_proposer(&mut tx, &row, super::emails::News::Submitted, &state.config.base_url, now).await?;
    }
    tx.commit().await?;
    Ok(row.id)
}

/// The proposer withdraws a petition before signing opens.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn withdraw(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let mut row = super::load(&mut **tx, id).await?;
    if !guard::may(me, Permission::Own { owner: row.proposer_id }) {
        return Err(AppError::NotFound);
    }
    let from = row.petition.state;
    row.petition.apply(Command::Withdraw, now).map_err(|_| AppError::Conflict)?;
    if !petitions::save_lifecycle(&mut **tx, id, from, &row.petition, now).await? {
        return Err(AppError::Conflict);
    }
    petitions::add_event(&mut **tx, id, now, row.petition.state.code(), "").await?;
    users::audit(&mut **tx, Some(me.user_id), "petition.withdraw", &id.to_string(), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Submit a saved draft as it stands (the button on the preview page).
pub async fn submit(state: &AppState, me: &SessionUser, id: i64) -> Result<i64, AppError> {
    let draft = super::queries::draft(state, me, id).await?;
    save(state, me, Some(id), &draft.input, true).await
}
