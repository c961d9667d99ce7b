//! Site-wide pause (e.g. before national elections): proposing and/or signing stop,
//! a banner says why, and running signing windows are extended by the pause's length.
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::petitions::PauseView;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{petitions, rules, users};
use crate::server::state::AppState;

pub const MESSAGE_MAX: usize = 300;

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn start(state: &AppState, me: &SessionUser, proposing: bool, signing: bool, zh: &str, en: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut errors = FieldErrors::new();
    if !proposing && !signing {
        errors.add("pause_what", FieldError::Required);
    }
    for (field, text) in [("message_zh", zh), ("message_en", en)] {
        let n = text.trim().chars().count();
        if n == 0 {
            errors.add(field, FieldError::Required);
        } else if n > MESSAGE_MAX {
            errors.add(field, FieldError::TooLong { max: MESSAGE_MAX });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if rules::current_pause(&mut **tx).await?.is_some() {
        return Err(AppError::Conflict);
    }
    let pause = PauseView { id: 0, proposing, signing, message_zh: zh.trim().into(), message_en: en.trim().into(), started_at: now };
    rules::start_pause(&mut **tx, &pause, me.user_id).await?;
    users::audit(&mut **tx, Some(me.user_id), "site.pause", "", &format!("proposing={proposing} signing={signing}"), now).await?;
    tx.commit().await?;
    state.signing_cache.clear();
    Ok(())
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn end(state: &AppState, me: &SessionUser) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let pause = rules::current_pause(&mut **tx).await?.ok_or(AppError::Conflict)?;
    if !rules::end_pause(&mut **tx, pause.id, now).await? {
        return Err(AppError::Conflict);
    }
    if pause.signing {
        let by = now.0 - pause.started_at.0;
        for id in rules::extend_windows(&mut **tx, pause.started_at, by).await? {
            petitions::add_event(&mut **tx, id, now, "extended", &(by / 1000).to_string()).await?;
        }
    }
    users::audit(&mut **tx, Some(me.user_id), "site.resume", "", "", now).await?;
    tx.commit().await?;
    state.signing_cache.clear();
    Ok(())
}
