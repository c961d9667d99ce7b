//! Form results kept for one read by the page a no-JavaScript form returns to.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, id: &str, owner_hash: &str, payload: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO form_flash (id, owner_hash, payload, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(owner_hash)
        .bind(payload)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(())
}

/// Read and delete in one statement, so a flash is shown once, and only to its owner.
pub async fn take<'e, E: Executor<'e, Database = Any>>(ex: E, id: &str, owner_hash: &str, not_before: Timestamp) -> Result<Option<String>, sqlx::Error> {
    // fetch_all: SQLite ends a RETURNING statement (and its write lock) only when stepped to the end.
    let row = sqlx::query("DELETE FROM form_flash WHERE id = $1 AND owner_hash = $2 AND created_at > $3 RETURNING payload")
        .bind(id)
        .bind(owner_hash)
        .bind(not_before.0)
        .fetch_all(ex)
        .await?;
    row.first().map(|r| r.try_get("payload")).transpose()
}

pub async fn delete_stale<'e, E: Executor<'e, Database = Any>>(ex: E, before: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM form_flash WHERE created_at <= $1").bind(before.0).execute(ex).await?.rows_affected())
}
