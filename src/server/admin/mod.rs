//! Administration actions. Every function checks the admin role itself first.
pub mod agencies;
pub mod banners;
pub mod invite;
pub mod org;
pub mod organisation;
pub mod users;

use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;

/// A database refusal of a used code, as the form's error under "code".
fn code_taken(e: sqlx::Error) -> AppError {
    if crate::server::db::is_unique_violation(&e) { AppError::Invalid(FieldErrors::one("code", FieldError::Taken)) } else { e.into() }
}

/// "retire" or "restore", from a form's button.
pub fn retiring(change: &str) -> Result<bool, AppError> {
    match change {
        "retire" => Ok(true),
        "restore" => Ok(false),
        _ => Err(AppError::BadRequest),
    }
}
