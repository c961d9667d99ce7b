//! Up and down votes, one per person and comment.
use crate::dto::deliberation::Subject;
use crate::dto::discussion::{ThreadState, VoteTally};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::comments;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

/// Vote "up" or "down"; the same vote again withdraws it. Returns the petition or consultation
/// and the comment's votes as they now stand.
#[tracing::instrument(skip_all, fields(user = me.user_id, comment = id))]
pub async fn vote(state: &AppState, me: &SessionUser, ip: &str, id: i64, direction: &str) -> Result<(Subject, VoteTally), AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let value = match direction {
        "up" => 1,
        "down" => -1,
        _ => return Err(AppError::NotFound),
    };
    crate::server::limits::hit(state, Limit::VotePerAccount, &me.user_id.to_string(), now).await?;
    crate::server::limits::hit(state, Limit::VotePerIp, ip, now).await?;
    let mut tx = state.db.begin().await?;
    let c = comments::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    // Support is for others to give.
    guard::allow(me, Permission::NotOwn { owner: c.author_id })?;
    if c.deleted_at.is_some() || c.status != "visible" {
        return Err(AppError::Conflict);
    }
    if super::thread_state(state, &mut tx, c.subject).await?.0 != ThreadState::Open {
        return Err(AppError::Conflict);
    }
    comments::vote(&mut tx, id, me.user_id, value, now).await?;
    let (up, down, mine) = comments::tally(&mut tx, id, me.user_id).await?;
    tx.commit().await?;
    Ok((c.subject, VoteTally { up, down, mine }))
}
