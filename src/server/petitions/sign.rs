//! Co-signing: one click for a logged-in user, email confirmation for a visitor,
//! withdrawal while open. One signature per person per petition (a unique constraint).
use super::sign_limits::over_limit;
use super::sign_queue::Pending;
use crate::domain::account::DisplayName;
use crate::domain::county;
use crate::domain::email::EmailAddress;
use crate::domain::fraud::{address_block, email_domain, user_agent};
use crate::domain::petition::accepts_signatures;
use crate::domain::time::Timestamp;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::petitions::SignOutcome;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::auth::tokens;
use crate::server::db::petitions::{self, SigningStatus};
use crate::server::db::signatures::{self, NewSignature};
use crate::server::db::{outbox, users};
use crate::server::limits;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;
use std::sync::Arc;

/// An unusable password hash: the account exists (made by confirming a signature)
/// but can only be entered after setting a password through a reset link.
pub const NO_PASSWORD: &str = "!";

fn parse_county(raw: &str) -> Result<String, FieldError> {
    match raw.trim() {
        "" => Err(FieldError::Required),
        c => county::by_code(c).map(|c| c.code.to_string()).ok_or(FieldError::UnknownChoice),
    }
}

/// The petition, if it can be signed now (one query).
async fn signable(tx: &mut sqlx::AnyConnection, id: i64, now: Timestamp) -> Result<SigningStatus, AppError> {
    let s = petitions::signing_status(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    check_signable(&s, now)?;
    Ok(s)
}

/// The same for the hot path, through the quarter-second cache.
async fn signable_cached(state: &AppState, id: i64, now: Timestamp) -> Result<(), AppError> {
    let s = match state.signing_cache.get(&id) {
        Some(s) => s,
        None => {
            let s = Arc::new(petitions::signing_status(&state.db.pool, id).await?.ok_or(AppError::NotFound)?);
            state.signing_cache.put(id, s.clone());
            s
        }
    };
    check_signable(&s, now)
}

fn check_signable(s: &SigningStatus, now: Timestamp) -> Result<(), AppError> {
    if !s.state.is_public() {
        return Err(AppError::NotFound);
    }
    if s.paused {
        return Err(AppError::Paused);
    }
    if !accepts_signatures(s.state, s.closes_at, now) {
        return Err(AppError::SigningClosed);
    }
    Ok(())
}

#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn as_user<'a>(
    state: &AppState,
    me: &SessionUser,
    from: impl Into<Client<'a>>,
    id: i64,
    county: &str,
    notify: bool,
) -> Result<SignOutcome, AppError> {
    let from = from.into();
    let ip = from.ip;
    let county = parse_county(county).map_err(|e| invalid("county", e))?;
    let email = EmailAddress::parse(&me.email).map_err(|_| AppError::Internal)?;
    let norm = email.normalized();
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    // The hot path: one cached read, then one INSERT shared with whoever signs at the
    // same moment (its count event is written by a trigger).
    signable_cached(state, id, now).await?;
    let pending = Pending {
        petition_id: id,
        user_id: Some(me.user_id),
        email: email.as_str().to_string(),
        email_norm: norm.clone(),
        name: me.display_name.clone(),
        county: county.clone(),
        locale: me.locale.clone(),
        notify,
        ip: ip.to_string(),
        ip_block: address_block(ip),
        email_domain: email_domain(&norm),
        user_agent: user_agent(from.user_agent),
        now,
        // Decided with the other signatures of its batch (see `sign_queue`).
        flagged: false,
    };
    let (inserted, flagged) = state.sign_queue.insert(&state.db, pending).await?;
    if !inserted {
        // Signed before as a visitor and never confirmed: being logged in confirms it.
        let mut tx = state.db.begin().await?;
        match signatures::by_person(&mut **tx, id, &norm).await? {
            Some(s) if s.confirmed_at.is_none() => signatures::confirm(&mut **tx, s.id, Some(me.user_id), now, flagged).await?,
            _ => return Ok(SignOutcome::AlreadySigned),
        };
        tx.commit().await?;
    }
    if me.county.as_deref() != Some(county.as_str()) {
        // The session reads the county of the latest signature; forget the cached one.
        state.sessions.remove(&me.session_hash);
    }
    Ok(SignOutcome::Signed)
}

/// Where a signature came from: the client address and its user agent.
#[derive(Clone, Copy)]
pub struct Client<'a> {
    pub ip: &'a str,
    pub user_agent: &'a str,
}

impl<'a> From<&'a str> for Client<'a> {
    fn from(ip: &'a str) -> Self {
        Client { ip, user_agent: "" }
    }
}

impl<'a> From<&'a String> for Client<'a> {
    fn from(ip: &'a String) -> Self {
        Client { ip, user_agent: "" }
    }
}

pub struct Guest<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub county: &'a str,
    pub notify: bool,
}

/// A visitor signs: nothing counts until they confirm from the email. The answer is
/// the same whether or not the address signed before, so nobody can test who signed.
#[tracing::instrument(skip_all, fields(petition = id))]
pub async fn as_guest<'a>(state: &AppState, from: impl Into<Client<'a>>, locale: Locale, id: i64, g: Guest<'_>) -> Result<SignOutcome, AppError> {
    let from = from.into();
    let ip = from.ip;
    let mut errors = FieldErrors::new();
    let name = errors.check("name", DisplayName::parse(g.name));
    let email = errors.check("email", EmailAddress::parse(g.email));
    let county = errors.check("county", parse_county(g.county));
    let (Some(name), Some(email), Some(county), true) = (name, email, county, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let now = state.now();
    let norm = email.normalized();
    // Limits the mail one address receives; not a signature limit.
    limits::hit(state, Limit::SignEmailPerAddress, &norm, now).await?;
    let mut tx = state.db.begin().await?;
    let status = signable(&mut tx, id, now).await?;
    let flagged = over_limit(&mut tx, ip, id, now, 1).await? > 0;
    let (raw, hash) = tokens::generate(tokens::LINK_TOKEN_BYTES);
    let (block, domain, agent) = (address_block(ip), email_domain(&norm), user_agent(from.user_agent));
    let new = NewSignature {
        petition_id: id,
        user_id: None,
        email: email.as_str(),
        email_norm: &norm,
        name: name.as_str(),
        county: &county,
        locale: locale.tag(),
        notify: g.notify,
        ip,
        ip_block: &block,
        email_domain: &domain,
        user_agent: &agent,
        now,
        confirmed: false,
        token_hash: Some(&hash),
        flagged,
    };
    let send_link = signatures::insert(&mut **tx, &new).await?
        || match signatures::by_person(&mut **tx, id, &norm).await? {
            Some(s) if s.confirmed_at.is_none() => {
                signatures::set_token(&mut **tx, s.id, &hash).await?;
                true
            }
            _ => false,
        };
    // An address over its signing limit gets the same answer but no mail: its
    // signature could never count, and mail must not be a free flooding service.
    if flagged {
        tx.commit().await?;
        return Ok(SignOutcome::CheckEmail);
    }
    let base = &state.config.base_url;
    let mail = if send_link {
        super::emails::confirm_signature(locale, email.as_str(), name.as_str(), &status.title, base, &raw)
    } else {
        super::emails::already_signed(locale, email.as_str(), name.as_str(), &status.title, &format!("{base}/petitions/{id}"))
    };
    outbox::enqueue(&mut **tx, &mail, now).await?;
    tx.commit().await?;
    Ok(SignOutcome::CheckEmail)
}

/// The Confirm button on the emailed page. Safe to press twice (and safe against mail
/// scanners: opening the link only shows the button).
#[tracing::instrument(skip_all)]
pub async fn confirm(state: &AppState, ip: &str, token: &str) -> Result<(i64, SignOutcome), AppError> {
    let now = state.now();
    limits::hit(state, Limit::VerifyPerIp, ip, now).await?;
    let mut tx = state.db.begin().await?;
    let sig = signatures::by_token(&mut **tx, &tokens::hash(token.trim())).await?.ok_or(AppError::InvalidToken)?;
    if sig.confirmed_at.is_some() {
        return Ok((sig.petition_id, SignOutcome::AlreadySigned));
    }
    signable(&mut tx, sig.petition_id, now).await?;
    // Confirming proves the address: link it to a verified account, or make one the
    // person can enter later by setting a password. An unverified account someone else
    // registered with this address stays unverified (its password is not proven).
    let user_id = match users::by_email_norm(&mut **tx, &sig.email_norm).await? {
        Some(u) if u.email_verified => Some(u.id),
        Some(_) => None,
        None => Some(
            users::insert(
                &mut **tx,
                users::NewUser {
                    email: &sig.email,
                    email_norm: &sig.email_norm,
                    display_name: &sig.name,
                    password_hash: NO_PASSWORD,
                    locale: &sig.locale,
                    verified_at: Some(now),
                    now,
                },
            )
            .await?,
        ),
    };
    signatures::confirm(&mut **tx, sig.id, user_id, now, sig.flagged).await?;
    tx.commit().await?;
    Ok((sig.petition_id, SignOutcome::Signed))
}

/// Take back one's own signature while the petition is open, where the rules allow it.
#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn withdraw(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    let now = state.now();
    let norm = EmailAddress::parse(&me.email).map_err(|_| AppError::Internal)?.normalized();
    let mut tx = state.db.begin().await?;
    let status = signable(&mut tx, id, now).await?;
    if !status.allow_withdrawal {
        return Err(AppError::Forbidden);
    }
    let sig = signatures::by_person(&mut **tx, id, &norm).await?.ok_or(AppError::NotFound)?;
    signatures::delete(&mut **tx, sig.id).await?;
    tx.commit().await?;
    Ok(())
}

fn invalid(field: &str, e: FieldError) -> AppError {
    let mut errors = FieldErrors::new();
    errors.add(field, e);
    AppError::Invalid(errors)
}
