//! The second factor: enrolment (a secret, a QR code, a first code, recovery codes),
//! the code asked after the password, removal (citizens only) and every use of a
//! recovery code, each announced by email.
use crate::domain::second_factor::{RECOVERY_CODES, is_app_code, normalize_code};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::common::SecondFactorView;
use crate::error::AppError;
use crate::i18n::{Key, Locale};
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::auth::{tokens, totp};
use crate::server::db::{outbox, second_factor as factors, sessions, users};
use crate::server::email::templates;
use crate::server::limits;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;
use rand::Rng;

const ISSUER: &str = "minyi";

/// Every code attempt is counted against the account before it is checked (so parallel
/// guesses cannot all pass one check); an accepted code is given back by `accepted`, so
/// only failures count and the owner is never slowed down.
async fn attempt(state: &AppState, key: &str) -> Result<(), AppError> {
    limits::hit(state, Limit::SecondFactorPerAccount, key, state.now()).await
}

async fn accepted(state: &AppState, key: &str) -> Result<(), AppError> {
    limits::refund(state, Limit::SecondFactorPerAccount, key, state.now()).await
}

/// A wrong or reused code (already counted by `attempt`).
async fn failed<T>(_state: &AppState, _key: &str) -> Result<T, AppError> {
    Err(AppError::Invalid(FieldErrors::one("code", FieldError::WrongCode)))
}

/// Ten random codes like "k7m2p-x9qrt" (no look-alike characters), shown once.
fn recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let c: String = (0..10).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
            format!("{}-{}", &c[..5], &c[5..])
        })
        .collect()
}

async fn notify(state: &AppState, tx: &mut crate::server::db::Tx, user_id: i64, subject: Key, body: Key) -> Result<(), AppError> {
    let Some(u) = users::by_id(&mut ***tx, user_id).await? else { return Ok(()) };
    let locale = Locale::from_tag(&u.locale).unwrap_or_default();
    let mail = templates::security_notice(locale, &u.email, &u.display_name, subject, body, &state.config.base_url);
    outbox::enqueue(&mut ***tx, &mail, state.now()).await?;
    Ok(())
}

pub async fn status(state: &AppState, me: &SessionUser) -> Result<SecondFactorView, AppError> {
    let db = &state.db.pool;
    let factor = factors::get(db, me.user_id).await?;
    let (enrolled, pending) = match &factor {
        Some(f) if f.confirmed => (true, None),
        Some(f) => (false, Some(f.secret.clone())),
        None => (false, None),
    };
    let qr_svg = pending.as_ref().map(|s| crate::server::qr::svg(&totp::otpauth_url(s, &me.email, ISSUER)));
    Ok(SecondFactorView {
        enrolled,
        required: !guard::may(me, Permission::GoWithoutSecondFactor),
        secret: pending,
        qr_svg,
        codes_left: if enrolled { factors::recovery_codes_left(db, me.user_id).await? } else { 0 },
    })
}

/// A new secret to scan; replaces one not yet confirmed.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn start(state: &AppState, me: &SessionUser) -> Result<(), AppError> {
    let _turn = state.db.write_turn().await;
    if !factors::start(&state.db.pool, me.user_id, &totp::new_secret(), state.now()).await? {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// The first code confirms enrolment; returns the recovery codes (shown once).
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn confirm(state: &AppState, me: &SessionUser, code: &str) -> Result<Vec<String>, AppError> {
    let now = state.now();
    let key = me.user_id.to_string();
    attempt(state, &key).await?;
    let factor = factors::get(&state.db.pool, me.user_id).await?.ok_or(AppError::Conflict)?;
    if factor.confirmed {
        return Err(AppError::Conflict);
    }
    let Some(step) = totp::check(&factor.secret, &normalize_code(code), now) else {
        return failed(state, &key).await;
    };
    let codes = recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| tokens::hash(&normalize_code(c))).collect();
    let mut tx = state.db.begin().await?;
    if !factors::use_step(&mut **tx, me.user_id, step).await? || !factors::confirm(&mut **tx, me.user_id, &factor.secret, now).await? {
        drop(tx);
        return failed(state, &key).await;
    }
    factors::replace_recovery_codes(&mut tx, me.user_id, &hashes).await?;
    factors::mark_session(&mut **tx, &me.session_hash, now).await?;
    // Other sessions signed in with the password alone end: from now on they need the code.
    sessions::delete_others(&mut **tx, me.user_id, &me.session_hash).await?;
    users::audit(&mut **tx, Some(me.user_id), "second_factor.enrol", &format!("user:{}", me.user_id), "", now).await?;
    notify(state, &mut tx, me.user_id, Key::EmailFactorEnrolledSubject, Key::EmailFactorEnrolledBody).await?;
    tx.commit().await?;
    state.sessions_changed();
    accepted(state, &key).await?;
    Ok(codes)
}

/// After the password: a code from the app, or a recovery code (once each).
#[tracing::instrument(skip_all, fields(user = pending.user_id))]
pub async fn verify(state: &AppState, pending: &SessionUser, code: &str) -> Result<(), AppError> {
    let now = state.now();
    let key = pending.user_id.to_string();
    let code = normalize_code(code);
    if code.is_empty() {
        return Err(AppError::Invalid(FieldErrors::one("code", FieldError::Required)));
    }
    attempt(state, &key).await?;
    let factor = factors::get(&state.db.pool, pending.user_id).await?.filter(|f| f.confirmed).ok_or(AppError::Conflict)?;
    let mut tx = state.db.begin().await?;
    if is_app_code(&code) {
        let accepted = match totp::check(&factor.secret, &code, now) {
            Some(step) => factors::use_step(&mut **tx, pending.user_id, step).await?,
            None => false,
        };
        if !accepted {
            drop(tx);
            return failed(state, &key).await;
        }
    } else {
        if !factors::use_recovery_code(&mut **tx, pending.user_id, &tokens::hash(&code), now).await? {
            drop(tx);
            return failed(state, &key).await;
        }
        users::audit(&mut **tx, Some(pending.user_id), "second_factor.recovery_code", &format!("user:{}", pending.user_id), "", now).await?;
        notify(state, &mut tx, pending.user_id, Key::EmailRecoveryUsedSubject, Key::EmailRecoveryUsedBody).await?;
    }
    factors::mark_session(&mut **tx, &pending.session_hash, now).await?;
    tx.commit().await?;
    state.sessions_changed();
    accepted(state, &key).await?;
    Ok(())
}

/// A citizen turns the second factor off (with a current code); staff cannot.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn remove(state: &AppState, me: &SessionUser, code: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::GoWithoutSecondFactor)?;
    let now = state.now();
    let key = me.user_id.to_string();
    attempt(state, &key).await?;
    let factor = factors::get(&state.db.pool, me.user_id).await?.filter(|f| f.confirmed).ok_or(AppError::Conflict)?;
    let Some(step) = totp::check(&factor.secret, &normalize_code(code), now) else {
        return failed(state, &key).await;
    };
    let mut tx = state.db.begin().await?;
    if !factors::use_step(&mut **tx, me.user_id, step).await? {
        drop(tx);
        return failed(state, &key).await;
    }
    factors::remove(&mut tx, me.user_id).await?;
    // Turning the factor off is a security change: other sessions sign in again.
    sessions::delete_others(&mut **tx, me.user_id, &me.session_hash).await?;
    users::audit(&mut **tx, Some(me.user_id), "second_factor.remove", &format!("user:{}", me.user_id), "", now).await?;
    notify(state, &mut tx, me.user_id, Key::EmailFactorRemovedSubject, Key::EmailFactorRemovedBody).await?;
    tx.commit().await?;
    state.sessions_changed();
    accepted(state, &key).await?;
    Ok(())
}

/// An admin resets someone's second factor (a lost phone): they enrol again at next
/// login, and every session of theirs ends now.
#[tracing::instrument(skip_all, fields(user = me.user_id, target = user_id))]
pub async fn admin_reset(state: &AppState, me: &SessionUser, user_id: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !factors::remove(&mut tx, user_id).await? {
        return Err(AppError::Conflict);
    }
    sessions::delete_for_user(&mut **tx, user_id).await?;
    users::audit(&mut **tx, Some(me.user_id), "second_factor.admin_reset", &format!("user:{user_id}"), "", now).await?;
    notify(state, &mut tx, user_id, Key::EmailFactorResetSubject, Key::EmailFactorResetBody).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}
