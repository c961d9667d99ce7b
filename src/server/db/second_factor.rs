//! TOTP factors, recovery codes and which sessions passed the second factor.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

pub struct FactorRow {
    pub secret: String,
    pub confirmed: bool,
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<Option<FactorRow>, sqlx::Error> {
    let row = sqlx::query("SELECT secret, confirmed_at FROM totp_factors WHERE user_id = $1").bind(user_id).fetch_optional(ex).await?;
    row.map(|r| Ok(FactorRow { secret: r.try_get("secret")?, confirmed: r.try_get::<Option<i64>, _>("confirmed_at")?.is_some() })).transpose()
}

/// A new secret waiting for its first code; replaces an unconfirmed one, never a confirmed one.
pub async fn start<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, secret: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO totp_factors (user_id, secret, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_step = 0
         WHERE totp_factors.confirmed_at IS NULL",
    )
    .bind(user_id)
    .bind(secret)
    .bind(now.0)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Accept `step` once: false if it (or a later one) was used already.
pub async fn use_step<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE totp_factors SET last_step = $2 WHERE user_id = $1 AND last_step < $2").bind(user_id).bind(step).execute(ex).await?;
    Ok(done.rows_affected() == 1)
}

/// Confirms only the secret the code was checked against (a second enrolment started
/// in another tab meanwhile replaces it, and must be confirmed with its own code).
pub async fn confirm<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, secret: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE totp_factors SET confirmed_at = $2 WHERE user_id = $1 AND secret = $3 AND confirmed_at IS NULL")
        .bind(user_id)
        .bind(now.0)
        .bind(secret)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Remove the factor and its recovery codes; true if there was one.
pub async fn remove(conn: &mut sqlx::AnyConnection, user_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    Ok(sqlx::query("DELETE FROM totp_factors WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?.rows_affected() == 1)
}

pub async fn replace_recovery_codes(conn: &mut sqlx::AnyConnection, user_id: i64, hashes: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    for h in hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)").bind(user_id).bind(h).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Use a recovery code once: false if unknown or already used.
pub async fn use_recovery_code<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, hash: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
        .bind(user_id)
        .bind(hash)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn recovery_codes_left<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL").bind(user_id).fetch_one(ex).await?.try_get("n")
}

/// This session passed the second factor.
pub async fn mark_session<'e, E: Executor<'e, Database = Any>>(ex: E, session_hash: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET second_factor_at = $2 WHERE id_hash = $1").bind(session_hash).bind(now.0).execute(ex).await?;
    Ok(())
}
