//! Moderators choose per conversation whether statements wait for approval (strict mode),
//! and approve or reject the ones waiting.
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::deliberation as db;
use crate::server::state::AppState;

/// Turn strict mode on or off for a petition's or consultation's conversation.
pub async fn set_strict(state: &AppState, me: &SessionUser, subject: Subject, strict: bool) -> Result<(), AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    super::about(state, &mut tx, subject).await?;
    let c = db::ensure(&mut tx, subject.kind(), subject.id(), now).await?;
    db::set_strict(&mut **tx, c.id, strict).await?;
    tx.commit().await?;
    Ok(())
}

/// Show a waiting statement, or reject it; returns what it is about.
pub async fn decide(state: &AppState, me: &SessionUser, statement_id: i64, approve: bool) -> Result<Subject, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let s = db::statement(&mut **tx, statement_id).await?.ok_or(AppError::NotFound)?;
    let c = db::get(&mut **tx, s.conversation_id).await?.ok_or(AppError::NotFound)?;
    guard::allow(me, Permission::NotOwn { owner: s.author_id })?;
    // Someone else decided first: nothing to do twice.
    if !db::set_status(&mut **tx, statement_id, "pending", if approve { "shown" } else { "declined" }).await? {
        return Err(AppError::Conflict);
    }
    db::touch(&mut **tx, c.id, now).await?;
    tx.commit().await?;
    Subject::from_parts(&c.kind, c.subject).ok_or(AppError::NotFound)
}
