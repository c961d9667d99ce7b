//! Writing a statement: one short idea, shown at once or (strict mode) after a moderator.
use super::{PETITION, subject};
use crate::domain::statement::{Choice, parse_statement};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::deliberation as db;
use crate::server::db::responses::agencies_for;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

/// Seed statements come from the proposer, the petition's agencies or a moderator: they start
/// the conversation and are shown without waiting, even in strict mode.
async fn is_seed(conn: &mut sqlx::AnyConnection, me: &SessionUser, petition_id: i64, proposer: i64) -> Result<bool, sqlx::Error> {
    if me.user_id == proposer || guard::may(me, Permission::Moderate) {
        return Ok(true);
    }
    if !guard::may(me, Permission::ActForAgency) {
        return Ok(false);
    }
    Ok(agencies_for(conn, petition_id, me.user_id).await?.iter().any(|(_, member)| *member))
}

/// Add a statement to a petition's conversation; the author's own statement counts as their
/// agreement. Returns whether it is shown now (false: waiting for a moderator).
#[tracing::instrument(skip_all, fields(user = me.user_id, petition = petition_id))]
pub async fn write(state: &AppState, me: &SessionUser, ip: &str, petition_id: i64, raw: &str) -> Result<bool, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let body = parse_statement(raw).map_err(|e| AppError::Invalid(FieldErrors::one("statement", e)))?;
    let mut tx = state.db.begin().await?;
    let (open, _, proposer) = subject(state, &mut tx, petition_id).await?;
    if !open {
        return Err(AppError::Conflict);
    }
    let conversation = db::ensure(&mut tx, PETITION, petition_id, now).await?;
    if db::has_text(&mut **tx, conversation.id, &body).await? {
        return Err(AppError::Invalid(FieldErrors::one("statement", FieldError::DuplicateStatement)));
    }
    // Limited like comments (after the checks, so a mistake does not use up the allowance).
    state.limiter.hit(Limit::CommentPerAccount, &me.user_id.to_string(), now)?;
    state.limiter.hit(Limit::CommentPerIp, ip, now)?;
    let seed = is_seed(&mut tx, me, petition_id, proposer).await?;
    let shown = seed || !conversation.strict;
    let id = db::insert_statement(&mut tx, conversation.id, me.user_id, &body, if shown { "shown" } else { "pending" }, seed, now).await?;
    db::vote(&mut **tx, id, me.user_id, Choice::Agree.value(), now).await?;
    db::touch(&mut **tx, conversation.id, now).await?;
    tx.commit().await?;
    Ok(shown)
}
