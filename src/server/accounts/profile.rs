//! The signed-in person's own account: name, password, preferences, deletion.
use crate::domain::account::DisplayName;
use crate::domain::role::Role;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::common::ProfileView;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::guard;
use crate::server::auth::password::check_strength;
use crate::server::auth::session::SessionUser;
use crate::server::db::{agencies, outbox, sessions, signatures, users};
use crate::server::state::AppState;

fn invalid(field: &str, e: FieldError) -> AppError {
    let mut errors = FieldErrors::new();
    errors.add(field, e);
    AppError::Invalid(errors)
}

pub async fn view(state: &AppState, me: &SessionUser) -> Result<ProfileView, AppError> {
    let u = users::by_id(&state.db.pool, me.user_id).await?.ok_or(AppError::Unauthenticated)?;
    let agencies = agencies::for_user(&state.db.pool, me.user_id).await?;
    Ok(ProfileView {
        display_name: u.display_name,
        email: u.email,
        locale: u.locale,
        notify_signed: u.notify_signed,
        notify_proposed: u.notify_proposed,
        roles: me.roles.clone(),
        agencies,
    })
}

pub async fn update_name(state: &AppState, me: &SessionUser, name: &str) -> Result<(), AppError> {
    let name = DisplayName::parse(name).map_err(|e| invalid("display_name", e))?;
    users::set_display_name(&state.db.pool, me.user_id, name.as_str()).await?;
    state.sessions_changed();
    Ok(())
}

pub async fn change_password(state: &AppState, me: &SessionUser, current: &str, new: &str, confirm: &str) -> Result<(), AppError> {
    let u = users::by_id(&state.db.pool, me.user_id).await?.ok_or(AppError::Unauthenticated)?;
    let mut errors = FieldErrors::new();
    if current.is_empty() {
        errors.add("current_password", FieldError::Required);
    }
    errors.check("password", check_strength(new, &[&u.email, &u.display_name]));
    if errors.is_empty() && new != confirm {
        errors.add("password_confirm", FieldError::PasswordMismatch);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if !state.hasher.verify(current.to_string(), Some(u.password_hash)).await? {
        return Err(invalid("current_password", FieldError::WrongPassword));
    }
    let hash = state.hasher.hash(new.to_string()).await?;
    let mut tx = state.db.begin().await?;
    users::set_password(&mut **tx, me.user_id, &hash).await?;
    sessions::delete_others(&mut **tx, me.user_id, &me.session_hash).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}

pub async fn update_preferences(state: &AppState, me: &SessionUser, locale: &str, notify_signed: bool, notify_proposed: bool) -> Result<Locale, AppError> {
    let locale = Locale::from_tag(locale).ok_or_else(|| invalid("locale", FieldError::UnknownChoice))?;
    let mut tx = state.db.begin().await?;
    users::set_preferences(&mut **tx, me.user_id, locale.tag(), notify_signed, notify_proposed).await?;
    if !notify_signed {
        // "No updates about petitions I sign" covers the ones already signed too.
        signatures::stop_updates_for(&mut **tx, me.user_id).await?;
    }
    tx.commit().await?;
    state.sessions_changed();
    Ok(locale)
}

/// Erase personal data and end every session; the password confirms intent.
pub async fn delete_account(state: &AppState, me: &SessionUser, password: &str) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(invalid("password", FieldError::Required));
    }
    let u = users::by_id(&state.db.pool, me.user_id).await?.ok_or(AppError::Unauthenticated)?;
    if !state.hasher.verify(password.to_string(), Some(u.password_hash)).await? {
        return Err(invalid("password", FieldError::WrongPassword));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    // The last administrator stays, even while suspended or short of the second factor.
    if guard::holds(me, Role::Admin) && users::count_admins(&mut **tx).await? <= 1 {
        return Err(AppError::Forbidden);
    }
    outbox::delete_to(&mut **tx, &u.email).await?;
    // Their signatures keep counting but no longer say who signed, and no mail follows.
    let norm = crate::domain::email::EmailAddress::parse(&u.email).map(|e| e.normalized()).unwrap_or_default();
    signatures::erase_person(&mut tx, me.user_id, &norm).await?;
    for role in guard::held(me).iter().copied() {
        users::revoke_role(&mut **tx, me.user_id, role).await?;
    }
    agencies::remove_all_memberships(&mut **tx, me.user_id).await?;
    crate::server::follows::forget(&mut tx, me.user_id).await?;
    users::anonymise(&mut **tx, me.user_id, now).await?;
    sessions::delete_for_user(&mut **tx, me.user_id).await?;
    users::audit(&mut **tx, Some(me.user_id), "account.delete", &format!("user:{}", me.user_id), "", now).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}
