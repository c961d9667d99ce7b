//! Attempt counters shared by all instances (see `server::limits`).
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// Add `by` attempts to a window; the window's total afterwards. Atomic on both engines.
pub async fn add<'e, E: Executor<'e, Database = Any>>(ex: E, kind: &str, key_hash: &str, window_start: i64, by: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO rate_counters (kind, key_hash, window_start, n) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, key_hash, window_start) DO UPDATE SET n = rate_counters.n + excluded.n RETURNING n",
    )
    .bind(kind)
    .bind(key_hash)
    .bind(window_start)
    .bind(by)
    .fetch_one(ex)
    .await?
    .try_get("n")
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, kind: &str, key_hash: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT n FROM rate_counters WHERE kind = $1 AND key_hash = $2 AND window_start = $3")
        .bind(kind)
        .bind(key_hash)
        .bind(window_start)
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get("n")).transpose().map(Option::unwrap_or_default)
}

pub async fn delete_before<'e, E: Executor<'e, Database = Any>>(ex: E, before: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM rate_counters WHERE window_start < $1").bind(before.0).execute(ex).await?.rows_affected())
}
