//! Log in and out. Unknown accounts and wrong passwords get the same answer after the same work.
use crate::domain::email::EmailAddress;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::session;
use crate::server::db::{second_factor, sessions, users};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

pub struct LoggedIn {
    pub session_cookie: String,
    pub locale: Option<Locale>,
    /// Where the person goes before anything else: the code page (the account has a
    /// second factor) or enrolment (a staff account without one).
    pub then: Option<&'static str>,
}

#[tracing::instrument(skip_all)]
pub async fn run(state: &AppState, ip: &str, email: &str, password: &str) -> Result<LoggedIn, AppError> {
    let now = state.now();
    crate::server::limits::hit(state, Limit::LoginPerIp, ip, now).await?;
    let mut errors = FieldErrors::new();
    if email.trim().is_empty() {
        errors.add("email", FieldError::Required);
    }
    if password.is_empty() {
        errors.add("password", FieldError::Required);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let key = EmailAddress::parse(email).map(|e| e.normalized()).unwrap_or_else(|_| email.trim().to_lowercase());
    // Only failures count, and per account *and* address: a stranger guessing from
    // elsewhere slows only themselves, never the owner. A far higher ceiling per
    // account stops guessing spread over many addresses. Every attempt is counted
    // before the password is checked and a success is given back, so parallel
    // guesses cannot all slip past one check.
    let pair = format!("{key}#{ip}");
    crate::server::limits::hit(state, Limit::LoginPerAccountIp, &pair, now).await?;
    crate::server::limits::hit(state, Limit::LoginPerAccount, &key, now).await?;

    let user = users::by_email_norm(&state.db.pool, &key).await?;
    let ok = state.hasher.verify(password.to_string(), user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match user {
        Some(u) if ok => u,
        _ => return Err(AppError::BadCredentials),
    };
    crate::server::limits::refund(state, Limit::LoginPerAccountIp, &pair, now).await?;
    crate::server::limits::refund(state, Limit::LoginPerAccount, &key, now).await?;
    let locale = Locale::from_tag(&user.locale);
    let mut tx = state.db.begin().await?;
    if !user.email_verified {
        super::queue_verification(&mut tx, state, user.id, &user.email, &user.display_name, locale.unwrap_or_default(), now).await?;
        tx.commit().await?;
        return Err(AppError::EmailNotVerified);
    }
    let raw = session::create(&mut **tx, &state.config, user.id, now).await?;
    let has_factor = second_factor::get(&mut **tx, user.id).await?.is_some_and(|f| f.confirmed);
    let staff = !users::roles(&mut **tx, user.id).await?.is_empty();
    tx.commit().await?;
    tracing::info!(user_id = user.id, "password accepted");
    let then = match (has_factor, staff) {
        (true, _) => Some("/login/code"),
        (false, true) => Some("/profile/second-factor"),
        (false, false) => None,
    };
    Ok(LoggedIn { session_cookie: raw, locale, then })
}

pub async fn logout(state: &AppState, session_hash: &str) -> Result<(), AppError> {
    sessions::delete(&state.db.pool, session_hash).await?;
    state.sessions_changed();
    Ok(())
}
