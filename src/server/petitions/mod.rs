//! Petitions: one action per file, permission checks first.
pub mod admin_rules;
pub mod counting;
pub mod emails;
pub mod lifecycle;
pub mod pause;
pub mod propose;
pub mod queries;
pub mod review;
pub mod sign;
pub mod sign_limits;
pub mod sign_queue;
pub mod signing_cache;

use crate::error::AppError;
use crate::server::db::petitions::{self, PetitionRow};
use crate::server::db::rules;
use sqlx::{Any, Executor};

pub(crate) async fn load<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<PetitionRow, AppError> {
    petitions::get(ex, id).await?.ok_or(AppError::NotFound)
}

/// The active pause, if proposing (`proposing`) or signing is paused.
pub(crate) async fn paused<'e, E: Executor<'e, Database = Any>>(ex: E, proposing: bool) -> Result<bool, AppError> {
    Ok(rules::current_pause(ex).await?.is_some_and(|p| if proposing { p.proposing } else { p.signing }))
}
