//! Administrators verify that an account speaks for an organisation, so it may comment on
//! draft regulations in the organisation's name, and withdraw that again. Each decision is
//! audited like a role change, with the administrator's note on how it was verified.
use crate::domain::organisation::parse_verification;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::regulation_comments::organisation_of;
use crate::server::db::users;
use crate::server::state::AppState;

/// Set (or, with an empty `name`, withdraw) the organisation `user_id` speaks for.
pub async fn set(state: &AppState, me: &SessionUser, user_id: i64, name: &str, note: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let v = parse_verification(name, note).map_err(AppError::Invalid)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    users::by_id(&mut **tx, user_id).await?.ok_or(AppError::NotFound)?;
    let previous = organisation_of(&mut **tx, user_id).await?;
    users::set_organisation(&mut **tx, user_id, v.name.as_deref()).await?;
    // The trail says who was verified as what, and on which evidence; a withdrawal names what it withdrew.
    let (action, detail) = match &v.name {
        Some(name) => ("user.organisation_set", format!("{name}|{}", v.note)),
        None => ("user.organisation_clear", format!("{}|{}", previous.unwrap_or_default(), v.note)),
    };
    users::audit(&mut **tx, Some(me.user_id), action, &format!("user:{user_id}"), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}
