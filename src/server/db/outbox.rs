//! The email outbox. Rows are written inside the caller's transaction; workers
//! claim due rows with a conditional UPDATE so no two workers send the same row.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// For bulk mail: the one-click unsubscribe URL (RFC 8058); empty otherwise.
    pub list_unsubscribe: String,
}

#[derive(Debug, Clone)]
pub struct ClaimedEmail {
    pub id: i64,
    pub attempts: i64,
    pub email: OutgoingEmail,
}

pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(ex: E, email: &OutgoingEmail, now: Timestamp) -> Result<i64, sqlx::Error> {
    sqlx::query("INSERT INTO outbox (to_addr, subject, body_text, created_at, next_attempt_at, list_unsubscribe) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id")
        .bind(&email.to)
        .bind(&email.subject)
        .bind(&email.body)
        .bind(now.0)
        .bind(&email.list_unsubscribe)
        .fetch_all(ex)
        .await?
        .first()
        .ok_or(sqlx::Error::RowNotFound)?
        .try_get("id")
}

/// Claim up to `limit` due rows under `lock_token` until `lock_until`.
/// The outer conditions are re-checked by PostgreSQL on rows another worker
/// updated meanwhile, so a row is claimed once; SQLite has a single writer.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    lock_token: &str,
    now: Timestamp,
    lock_until: Timestamp,
    limit: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE outbox SET lock_token = $1, locked_until = $2
         WHERE id IN (SELECT id FROM outbox
                      WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $3
                        AND (locked_until IS NULL OR locked_until < $3)
                      ORDER BY id LIMIT $4)
           AND sent_at IS NULL AND failed_at IS NULL AND (locked_until IS NULL OR locked_until < $3)",
    )
    .bind(lock_token)
    .bind(lock_until.0)
    .bind(now.0)
    .bind(limit)
    .execute(ex)
    .await?
    .rows_affected())
}

pub async fn claimed<'e, E: Executor<'e, Database = Any>>(ex: E, lock_token: &str) -> Result<Vec<ClaimedEmail>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, attempts, to_addr, subject, body_text, list_unsubscribe FROM outbox WHERE lock_token = $1 AND sent_at IS NULL ORDER BY id")
            .bind(lock_token)
            .fetch_all(ex)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(ClaimedEmail {
                id: r.try_get("id")?,
                attempts: r.try_get("attempts")?,
                email: OutgoingEmail {
                    to: r.try_get("to_addr")?,
                    subject: r.try_get("subject")?,
                    body: r.try_get("body_text")?,
                    list_unsubscribe: r.try_get("list_unsubscribe")?,
                },
            })
        })
        .collect()
}

/// Extend this worker's claim on one row just before sending it; false when the
/// claim was lost (another worker may have it), in which case it must not be sent.
pub async fn renew<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, lock_token: &str, until: Timestamp) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("UPDATE outbox SET locked_until = $1 WHERE id = $2 AND lock_token = $3 AND sent_at IS NULL")
        .bind(until.0)
        .bind(id)
        .bind(lock_token)
        .execute(ex)
        .await?
        .rows_affected()
        == 1)
}

pub async fn mark_sent<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, lock_token: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET sent_at = $1, lock_token = NULL, locked_until = NULL, attempts = attempts + 1 WHERE id = $2 AND lock_token = $3")
        .bind(now.0)
        .bind(id)
        .bind(lock_token)
        .execute(ex)
        .await?;
    Ok(())
}

/// Record a failed attempt: retry at `retry_at`, or give up (`failed_at`) when `give_up`.
pub async fn mark_failed<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    lock_token: &str,
    error: &str,
    retry_at: Timestamp,
    give_up: bool,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
         failed_at = $3, lock_token = NULL, locked_until = NULL WHERE id = $4 AND lock_token = $5",
    )
    .bind(error.chars().take(500).collect::<String>())
    .bind(retry_at.0)
    .bind(give_up.then_some(now.0))
    .bind(id)
    .bind(lock_token)
    .execute(ex)
    .await?;
    Ok(())
}

/// Sent and abandoned messages hold links and addresses: keep them only a while.
pub async fn purge_finished<'e, E: Executor<'e, Database = Any>>(ex: E, before: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at <= $1) OR (failed_at IS NOT NULL AND failed_at <= $1)")
        .bind(before.0)
        .execute(ex)
        .await?
        .rows_affected())
}

/// Messages to an address whose account is deleted are not sent or kept.
pub async fn delete_to<'e, E: Executor<'e, Database = Any>>(ex: E, to: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM outbox WHERE to_addr = $1").bind(to).execute(ex).await?.rows_affected())
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
}

pub async fn counts<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<OutboxCounts, sqlx::Error> {
    let r = sqlx::query(
        "SELECT
           (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS pending,
           (SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL) AS sent,
           (SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL) AS failed",
    )
    .fetch_one(ex)
    .await?;
    Ok(OutboxCounts { pending: r.try_get("pending")?, sent: r.try_get("sent")?, failed: r.try_get("failed")? })
}
