//! Server-side sessions, stored by the SHA-256 of the cookie value.
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, id_hash: &str, user_id: i64, now: Timestamp, expires_at: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)")
        .bind(id_hash)
        .bind(user_id)
        .bind(now.0)
        .bind(expires_at.0)
        .execute(ex)
        .await?;
    Ok(())
}

pub struct SessionRow {
    pub user_id: i64,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
    /// The session passed the second factor.
    pub second_factor_passed: bool,
    /// The account has a confirmed second factor.
    pub has_factor: bool,
}

/// The session, its (not deleted) user and the user's roles in one round trip
/// (one row per role; every signed-in request pays for this lookup).
pub async fn get_with_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id_hash: &str,
) -> Result<Option<(SessionRow, super::users::UserRow, Vec<Role>)>, sqlx::Error> {
    // The county offered first when signing is the one the person last signed with.
    let cols: Vec<String> = super::users::COLUMNS
        .split(", ")
        .map(|c| match c {
            "county" => "COALESCE((SELECT g.county FROM signatures g WHERE g.user_id = u.id ORDER BY g.id DESC LIMIT 1), u.county) AS county".to_string(),
            c => format!("u.{c}"),
        })
        .collect();
    let sql = format!(
        "SELECT s.user_id, s.last_seen_at, s.expires_at, s.second_factor_at, r.role,
            (SELECT f.confirmed_at FROM totp_factors f WHERE f.user_id = u.id) AS factor_confirmed_at, {}
         FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN user_roles r ON r.user_id = u.id WHERE s.id_hash = $1 AND u.deleted_at IS NULL",
        cols.join(", ")
    );
    let rows = sqlx::query(&sql).bind(id_hash).fetch_all(ex).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let session = SessionRow {
        user_id: first.try_get("user_id")?,
        last_seen_at: Timestamp(first.try_get("last_seen_at")?),
        expires_at: Timestamp(first.try_get("expires_at")?),
        second_factor_passed: first.try_get::<Option<i64>, _>("second_factor_at")?.is_some(),
        has_factor: first.try_get::<Option<i64>, _>("factor_confirmed_at")?.is_some(),
    };
    let mut roles = Vec::new();
    for r in &rows {
        if let Some(role) = r.try_get::<Option<String>, _>("role")?.as_deref().and_then(Role::from_code) {
            roles.push(role);
        }
    }
    roles.sort_by_key(|r| r.code());
    Ok(Some((session, super::users::from_row(first)?, roles)))
}

pub async fn touch<'e, E: Executor<'e, Database = Any>>(ex: E, id_hash: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2").bind(now.0).bind(id_hash).execute(ex).await?;
    Ok(())
}

pub async fn delete<'e, E: Executor<'e, Database = Any>>(ex: E, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(ex).await?;
    Ok(())
}

pub async fn delete_for_user<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(ex).await?;
    Ok(())
}

/// Ends every other session of a user (after a password change).
pub async fn delete_others<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, keep_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2").bind(user_id).bind(keep_hash).execute(ex).await?;
    Ok(())
}

pub async fn delete_expired<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp, idle_cutoff: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2").bind(now.0).bind(idle_cutoff.0).execute(ex).await?.rows_affected())
}
