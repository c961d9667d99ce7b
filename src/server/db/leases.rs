//! Leases for periodic jobs: one instance runs a job per interval.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor};

pub async fn ensure<'e, E: Executor<'e, Database = Any>>(ex: E, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO job_leases (name, lease_until) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING").bind(name).execute(ex).await?;
    Ok(())
}

/// Take the lease if it has run out; true when this holder got it.
pub async fn try_acquire<'e, E: Executor<'e, Database = Any>>(ex: E, name: &str, holder: &str, now: Timestamp, until: Timestamp) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE job_leases SET holder = $1, lease_until = $2, last_run_at = $3 WHERE name = $4 AND lease_until <= $3")
        .bind(holder)
        .bind(until.0)
        .bind(now.0)
        .bind(name)
        .execute(ex)
        .await?
        .rows_affected();
    Ok(n == 1)
}
