//! Password reset by emailed link. Requests for unknown addresses look the same.
use crate::domain::email::EmailAddress;
use crate::domain::time::HOUR;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::{password::check_strength, tokens};
use crate::server::db::{outbox, sessions, tokens as token_db, users};
use crate::server::email::templates;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

pub const RESET_TTL: i64 = HOUR;

#[tracing::instrument(skip_all)]
pub async fn request(state: &AppState, ip: &str, email: &str) -> Result<(), AppError> {
    let now = state.now();
    let email = EmailAddress::parse(email).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add("email", e);
        AppError::Invalid(errors)
    })?;
    crate::server::limits::hit(state, Limit::ResetPerIp, ip, now).await?;
    let norm = email.normalized();
    crate::server::limits::hit(state, Limit::ResetPerAccount, &norm, now).await?;
    let Some(user) = users::by_email_norm(&state.db.pool, &norm).await? else {
        // Do a committed write of similar cost, so timing does not tell whether the account exists.
        let (id, _) = tokens::generate(16);
        let mut tx = state.db.begin().await?;
        crate::server::db::flash::insert(&mut **tx, &id, "", "", now).await?;
        crate::server::db::flash::take(&mut **tx, &id, "", now.plus_millis(-1)).await?;
        tx.commit().await?;
        return Ok(());
    };
    let (raw, hash) = tokens::generate(tokens::LINK_TOKEN_BYTES);
    let mut tx = state.db.begin().await?;
    token_db::revoke_for_user(&mut **tx, user.id, token_db::Purpose::ResetPassword, now).await?;
    token_db::insert(&mut **tx, &hash, user.id, token_db::Purpose::ResetPassword, now, now.plus_millis(RESET_TTL)).await?;
    let locale = Locale::from_tag(&user.locale).unwrap_or_default();
    let mail = templates::reset_password(locale, &user.email, &user.display_name, &state.config.base_url, &raw);
    outbox::enqueue(&mut **tx, &mail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Set a new password with a reset token; ends every session of the account.
#[tracing::instrument(skip_all)]
pub async fn confirm(state: &AppState, ip: &str, token: &str, password: &str, confirm: &str) -> Result<(), AppError> {
    let now = state.now();
    crate::server::limits::hit(state, Limit::VerifyPerIp, ip, now).await?;
    let mut errors = FieldErrors::new();
    errors.check("password", check_strength(password, &[]));
    if errors.is_empty() && password != confirm {
        errors.add("password_confirm", FieldError::PasswordMismatch);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let hash = state.hasher.hash(password.to_string()).await?;
    let mut tx = state.db.begin().await?;
    let user_id = token_db::consume(&mut **tx, &tokens::hash(token.trim()), token_db::Purpose::ResetPassword, now).await?.ok_or(AppError::InvalidToken)?;
    users::set_password(&mut **tx, user_id, &hash).await?;
    // The link proved control of the address.
    users::mark_verified(&mut **tx, user_id, now).await?;
    sessions::delete_for_user(&mut **tx, user_id).await?;
    tx.commit().await?;
    state.sessions_changed();
    tracing::info!(user_id, "password reset");
    Ok(())
}
