//! The stored figures of a petition beside its signature rows: what reconciliation reads
//! and repairs, and the second-tier mark. (The roll-up's own queries are in `signatures`.)
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use sqlx::{Any, AnyConnection, Executor, Row};
use std::sync::LazyLock;

/// Record the second-tier crossing once; false if it was already recorded.
pub async fn mark_second_tier<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, at: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE petitions SET second_tier_at = $2 WHERE id = $1 AND second_tier_at IS NULL").bind(id).bind(at.0).execute(ex).await?;
    Ok(done.rows_affected() == 1)
}

/// Every petition whose figures are published (and so must add up).
pub async fn counted_petitions<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<i64>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| format!("SELECT id FROM petitions WHERE state IN {}", states::list(PetitionState::COUNTED)));
    sqlx::query(&SQL).fetch_all(ex).await?.iter().map(|r| r.try_get("id")).collect()
}

/// On PostgreSQL, one snapshot for the rest of the transaction (rows, pending events and
/// the stored count read together). SQLite's single writer gives that already.
pub async fn one_snapshot(tx: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(tx).await.map(|_| ())
}

/// Count changes not yet rolled up.
pub async fn pending_delta<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) AS n FROM count_events WHERE petition_id = $1").bind(id).fetch_one(ex).await?.try_get("n")
}

pub async fn stored_count<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT signature_count FROM petitions WHERE id = $1").bind(id).fetch_one(ex).await?.try_get("signature_count")
}

/// Reconciliation's repair of a drifted count.
pub async fn set_count<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, count: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET signature_count = $2 WHERE id = $1").bind(id).bind(count).execute(ex).await.map(|_| ())
}
