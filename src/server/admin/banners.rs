//! Site banners: an admin posts an information or warning notice in both languages,
//! with an optional end time, and can take it down. Audited.
use crate::domain::time::Timestamp;
use crate::domain::validation::{FieldError, FieldErrors, is_spoofing};
use crate::dto::common::BannerView;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{banners, users};
use crate::server::state::AppState;

pub const MESSAGE_MAX: usize = 300;

fn message(e: &mut FieldErrors, field: &str, raw: &str) -> String {
    let s = raw.trim();
    if s.is_empty() {
        e.add(field, FieldError::Required);
    } else if s.chars().count() > MESSAGE_MAX {
        e.add(field, FieldError::TooLong { max: MESSAGE_MAX });
    } else if s.chars().any(|c| is_spoofing(c) || (c.is_control() && c != '\n')) {
        e.add(field, FieldError::HiddenCharacters);
    }
    s.to_string()
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn post(state: &AppState, me: &SessionUser, level: &str, zh: &str, en: &str, ends: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let now = state.now();
    let mut e = FieldErrors::new();
    let warning = match level {
        "warning" => true,
        "info" => false,
        _ => {
            e.add("level", FieldError::UnknownChoice);
            false
        }
    };
    let message_zh = message(&mut e, "message_zh", zh);
    let message_en = message(&mut e, "message_en", en);
    let ends_at = match ends.trim() {
        "" => None,
        raw => match Timestamp::parse_taipei_local(raw) {
            Some(t) if t > now => Some(t),
            Some(_) => {
                e.add("ends_at", FieldError::InThePast);
                None
            }
            None => {
                e.add("ends_at", FieldError::InvalidDate);
                None
            }
        },
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let b = BannerView { id: 0, warning, message_zh, message_en, ends_at };
    let mut tx = state.db.begin().await?;
    banners::insert(&mut **tx, &b, me.user_id, now).await?;
    users::audit(&mut **tx, Some(me.user_id), "site.banner", level, &format!("{}|{}", b.message_zh, b.message_en), now).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn remove(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !banners::remove(&mut **tx, id, now).await? {
        return Err(AppError::Conflict);
    }
    users::audit(&mut **tx, Some(me.user_id), "site.banner_remove", &format!("banner:{id}"), "", now).await?;
    tx.commit().await?;
    Ok(())
}
