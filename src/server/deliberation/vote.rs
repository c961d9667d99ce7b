//! Voting on a statement: agree, disagree or pass; once per person, changeable.
use super::{about, choice};
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::deliberation as db;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

/// Record this person's vote on a shown statement; returns what it is about.
#[tracing::instrument(skip_all, fields(user = me.user_id, statement = statement_id))]
pub async fn vote(state: &AppState, me: &SessionUser, ip: &str, statement_id: i64, raw_choice: &str) -> Result<Subject, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let choice = choice(raw_choice)?;
    let mut tx = state.db.begin().await?;
    let s = db::statement(&mut **tx, statement_id).await?.filter(|s| s.status == "shown").ok_or(AppError::NotFound)?;
    let conversation = db::get(&mut **tx, s.conversation_id).await?.ok_or(AppError::NotFound)?;
    let subject = Subject::from_parts(&conversation.kind, conversation.subject).ok_or(AppError::NotFound)?;
    if !about(state, &mut tx, subject).await?.open {
        return Err(AppError::Conflict);
    }
    state.limiter.hit(Limit::VotePerAccount, &me.user_id.to_string(), now)?;
    state.limiter.hit(Limit::VotePerIp, ip, now)?;
    db::vote(&mut **tx, statement_id, me.user_id, choice.value(), now).await?;
    db::touch(&mut **tx, conversation.id, now).await?;
    tx.commit().await?;
    Ok(subject)
}
