//! Confirm an email address with a one-time link token (POSTed from the confirm
//! page) and the password chosen at registration.
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::tokens;
use crate::server::db::{tokens as token_db, users};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

#[tracing::instrument(skip_all)]
pub async fn run(state: &AppState, ip: &str, token: &str, password: &str) -> Result<(), AppError> {
    let now = state.now();
    crate::server::limits::hit(state, Limit::VerifyPerIp, ip, now).await?;
    let token = token.trim();
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::InvalidToken);
    }
    if password.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("password", FieldError::Required);
        return Err(AppError::Invalid(errors));
    }
    let hash = tokens::hash(token);
    let purpose = token_db::Purpose::VerifyEmail;
    let user_id = token_db::peek(&state.db.pool, &hash, purpose, now).await?.ok_or(AppError::InvalidToken)?;
    let user = users::by_id(&state.db.pool, user_id).await?.ok_or(AppError::InvalidToken)?;
    // A wrong password leaves the link usable.
    if !state.hasher.verify(password.to_string(), Some(user.password_hash)).await? {
        let mut errors = FieldErrors::new();
        errors.add("password", FieldError::WrongPassword);
        return Err(AppError::Invalid(errors));
    }
    let mut tx = state.db.begin().await?;
    token_db::consume(&mut **tx, &hash, purpose, now).await?.ok_or(AppError::InvalidToken)?;
    users::mark_verified(&mut **tx, user_id, now).await?;
    tx.commit().await?;
    Ok(())
}
