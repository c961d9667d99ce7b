//! One-time link tokens (email verification, password reset), stored hashed.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
        }
    }
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id_hash: &str,
    user_id: i64,
    purpose: Purpose,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO tokens (id_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id_hash)
        .bind(user_id)
        .bind(purpose.code())
        .bind(now.0)
        .bind(expires_at.0)
        .execute(ex)
        .await?;
    Ok(())
}

/// Marks a valid token used and returns its user. The conditional UPDATE makes
/// use single: of two concurrent uses, only one changes the row.
pub async fn consume<'e, E: Executor<'e, Database = Any>>(ex: E, id_hash: &str, purpose: Purpose, now: Timestamp) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE tokens SET used_at = $1 WHERE id_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id",
    )
    .bind(now.0)
    .bind(id_hash)
    .bind(purpose.code())
    .fetch_all(ex)
    .await?;
    row.first().map(|r| r.try_get("user_id")).transpose()
}

/// The user of a valid, unused token, without using it.
pub async fn peek<'e, E: Executor<'e, Database = Any>>(ex: E, id_hash: &str, purpose: Purpose, now: Timestamp) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT user_id FROM tokens WHERE id_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
        .bind(id_hash)
        .bind(purpose.code())
        .bind(now.0)
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get("user_id")).transpose()
}

/// Older unused tokens of the same purpose stop working when a new one is issued or one is used.
pub async fn revoke_for_user<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, purpose: Purpose, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
        .bind(now.0)
        .bind(user_id)
        .bind(purpose.code())
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn delete_stale<'e, E: Executor<'e, Database = Any>>(ex: E, before: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM tokens WHERE expires_at <= $1").bind(before.0).execute(ex).await?.rows_affected())
}
