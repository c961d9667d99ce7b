//! Writing a statement: one short idea, shown at once or (strict mode) after a moderator.
use super::{About, about};
use crate::domain::statement::{Choice, parse_statement};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::deliberation as db;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

/// Seed statements come from the petition's proposer, the subject's agencies or a moderator:
/// they start the conversation and are shown without waiting, even in strict mode.
async fn is_seed(conn: &mut sqlx::AnyConnection, me: &SessionUser, about: &About) -> Result<bool, sqlx::Error> {
    if about.proposer == Some(me.user_id) || guard::may(me, Permission::Moderate) {
        return Ok(true);
    }
    for agency in &about.agencies {
        if guard::serves(&mut *conn, me, *agency).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Add a statement to a petition's or consultation's conversation; the author's own
/// statement counts as their agreement. Returns whether it is shown now (false: waiting
/// for a moderator).
#[tracing::instrument(skip_all, fields(user = me.user_id, subject = ?subject))]
pub async fn write(state: &AppState, me: &SessionUser, ip: &str, subject: Subject, raw: &str) -> Result<bool, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let body = parse_statement(raw).map_err(|e| AppError::Invalid(FieldErrors::one("statement", e)))?;
    let mut tx = state.db.begin().await?;
    let about = about(state, &mut tx, subject).await?;
    if !about.open {
        return Err(AppError::Conflict);
    }
    let conversation = db::ensure(&mut tx, subject.kind(), subject.id(), now).await?;
    if db::has_text(&mut **tx, conversation.id, &body).await? {
        return Err(AppError::Invalid(FieldErrors::one("statement", FieldError::DuplicateStatement)));
    }
    // Limited like comments (after the checks, so a mistake does not use up the allowance).
    state.limiter.hit(Limit::CommentPerAccount, &me.user_id.to_string(), now)?;
    state.limiter.hit(Limit::CommentPerIp, ip, now)?;
    let seed = is_seed(&mut tx, me, &about).await?;
    let shown = seed || !conversation.strict;
    let id = db::insert_statement(&mut tx, conversation.id, me.user_id, &body, if shown { "shown" } else { "pending" }, seed, now).await?;
    db::vote(&mut **tx, id, me.user_id, Choice::Agree.value(), now).await?;
    db::touch(&mut **tx, conversation.id, now).await?;
    tx.commit().await?;
    Ok(shown)
}
