//! The agency publishes its conclusions once the consultation has closed: what it heard and
//! what it will do, citing statements from the conversation. Published once; late ones are
//! published all the same and shown as late.
use super::CONSULTATION;
use crate::domain::consultation::parse_conclusions;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{consultations as db, deliberation as conversations, users};
use crate::server::state::AppState;

#[tracing::instrument(skip_all, fields(user = me.user_id, consultation = id))]
pub async fn publish(state: &AppState, me: &SessionUser, id: i64, raw: &str, cited: &[String]) -> Result<(), AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let now = state.now();
    let (text, ids) = parse_conclusions(raw, cited).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let c = db::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    if !guard::serves(&mut **tx, me, c.agency.id).await? {
        return Err(AppError::Forbidden);
    }
    // Only shown statements of this consultation's conversation can be cited.
    let conversation = conversations::find(&mut **tx, CONSULTATION, id).await?;
    let shown: Vec<i64> = match &conversation {
        Some(conv) => conversations::statements(&mut **tx, conv.id, "shown").await?.iter().map(|s| s.id).collect(),
        None => Vec::new(),
    };
    if ids.iter().any(|i| !shown.contains(i)) {
        return Err(AppError::Invalid(FieldErrors::one("cited", FieldError::UnknownChoice)));
    }
    // Not closed yet, or published already (by a colleague a moment ago).
    if !db::conclude(&mut **tx, id, &text, me.user_id, now).await? {
        return Err(AppError::Conflict);
    }
    for s in &ids {
        db::cite(&mut **tx, "conclusions", id, *s).await?;
    }
    users::audit(&mut **tx, Some(me.user_id), "consultation.conclude", &format!("consultation:{id}"), "", now).await?;
    tx.commit().await?;
    Ok(())
}
