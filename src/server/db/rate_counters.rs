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

/// Add to several windows in one statement; each window's total afterwards, keyed by
/// (kind, key_hash, window_start). The windows must be distinct; given in a fixed
/// (sorted) order, concurrent batches lock their rows in the same order.
pub async fn add_many<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    windows: &[(&str, &str, i64, i64)],
) -> Result<Vec<((String, String, i64), i64)>, sqlx::Error> {
    if windows.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<String> = (0..windows.len()).map(|i| format!("(${}, ${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4)).collect();
    let sql = format!(
        "INSERT INTO rate_counters (kind, key_hash, window_start, n) VALUES {}
         ON CONFLICT (kind, key_hash, window_start) DO UPDATE SET n = rate_counters.n + excluded.n
         RETURNING kind, key_hash, window_start, n",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for (kind, key_hash, start, by) in windows {
        q = q.bind(*kind).bind(*key_hash).bind(*start).bind(*by);
    }
    q.fetch_all(ex).await?.iter().map(|r| Ok(((r.try_get("kind")?, r.try_get("key_hash")?, r.try_get("window_start")?), r.try_get("n")?))).collect()
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
