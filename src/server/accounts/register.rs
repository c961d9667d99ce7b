//! Register: the same answer whether or not the address already has an account;
//! the real outcome goes by email.
use crate::domain::account::DisplayName;
use crate::domain::email::EmailAddress;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::password::check_strength;
use crate::server::db::{is_unique_violation, outbox, users};
use crate::server::email::templates;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

#[tracing::instrument(skip_all)]
pub async fn run(state: &AppState, ip: &str, locale: Locale, name: &str, email: &str, password: &str) -> Result<(), AppError> {
    let now = state.now();
    crate::server::limits::hit(state, Limit::RegisterPerIp, ip, now).await?;

    let mut errors = FieldErrors::new();
    let name = errors.check("display_name", DisplayName::parse(name));
    let email = errors.check("email", EmailAddress::parse(email));
    let inputs: Vec<&str> = [name.as_ref().map(|n| n.as_str()), email.as_ref().map(|e| e.as_str())].into_iter().flatten().collect();
    errors.check("password", check_strength(password, &inputs));
    let (Some(name), Some(email), true) = (name, email, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };

    crate::server::limits::hit(state, Limit::RegisterPerAccount, &email.normalized(), now).await?;
    // Hash in every case so a known address takes as long as a new one.
    let hash = state.hasher.hash(password.to_string()).await?;
    let norm = email.normalized();
    let mut tx = state.db.begin().await?;
    let existing = users::by_email_norm(&mut **tx, &norm).await?;
    match existing {
        Some(user) if user.email_verified => {
            let user_locale = Locale::from_tag(&user.locale).unwrap_or(locale);
            let mail = templates::already_registered(user_locale, &user.email, &user.display_name, &state.config.base_url);
            outbox::enqueue(&mut **tx, &mail, now).await?;
        }
        Some(user) => {
            // Never confirmed: this registration's choices replace the earlier ones, and
            // confirming needs this password, so whoever registered someone else's
            // address first cannot keep the account (they cannot read its mail).
            users::replace_unverified(&mut **tx, user.id, name.as_str(), &hash, locale.tag()).await?;
            super::queue_verification(&mut tx, state, user.id, &user.email, name.as_str(), locale, now).await?;
        }
        None => {
            let new = users::NewUser {
                email: email.as_str(),
                email_norm: &norm,
                display_name: name.as_str(),
                password_hash: &hash,
                locale: locale.tag(),
                verified_at: None,
                now,
            };
            let id = match users::insert(&mut **tx, new).await {
                Ok(id) => id,
                // A concurrent registration of the same person won: answer the same way.
                Err(e) if is_unique_violation(&e) => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            super::queue_verification(&mut tx, state, id, email.as_str(), name.as_str(), locale, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
