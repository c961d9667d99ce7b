//! Confirm an email address with a one-time link token (POSTed from the confirm page).
use crate::error::AppError;
use crate::server::auth::tokens;
use crate::server::db::{tokens as token_db, users};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

#[tracing::instrument(skip_all)]
pub async fn run(state: &AppState, ip: &str, token: &str) -> Result<(), AppError> {
    let now = state.now();
    state.limiter.hit(Limit::VerifyPerIp, ip, now)?;
    let token = token.trim();
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::InvalidToken);
    }
    let mut tx = state.db.begin().await?;
    let user_id = token_db::consume(&mut **tx, &tokens::hash(token), token_db::Purpose::VerifyEmail, now)
        .await?
        .ok_or(AppError::InvalidToken)?;
    users::mark_verified(&mut **tx, user_id, now).await?;
    tx.commit().await?;
    Ok(())
}
