//! Draft regulations as followers and feeds hear of them: published notices not yet told,
//! and the latest published and answered notices.
use super::consultations::ClosedRow;
use super::regulations::{RegulationRow, SELECT, row_of};
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// Notices published (and still open) whose followers were not told yet, oldest first.
/// One closed before anyone was told (the job was down) is not worth a mail any more.
pub async fn published_untold<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id FROM regulations WHERE published_at IS NOT NULL AND published_at <= $1 AND published_told_at IS NULL AND closes_at > $1 ORDER BY id LIMIT $2",
    )
    .bind(now.0)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Claim the telling of a published notice; false if another run (or instance) did.
pub async fn mark_published_told<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE regulations SET published_told_at = $2 WHERE id = $1 AND published_told_at IS NULL AND published_at IS NOT NULL")
        .bind(id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Per published notice whose period is over: its agency, answers' due date and when every
/// comment was answered (accountability, counted as consultations' conclusions are).
pub async fn closed_rows<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp) -> Result<Vec<ClosedRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT agency_id, answers_due_at, answered_at FROM regulations WHERE published_at IS NOT NULL AND closes_at <= $1")
        .bind(now.0)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(ClosedRow {
                agency_id: r.try_get("agency_id")?,
                conclusions_due_at: Timestamp(r.try_get("answers_due_at")?),
                concluded_at: r.try_get::<Option<i64>, _>("answered_at")?.map(Timestamp),
            })
        })
        .collect()
}

/// The latest published notices (the feed); optionally one agency's.
pub async fn latest_published<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    agency: Option<&str>,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<RegulationRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE r.published_at IS NOT NULL AND r.published_at <= $1 AND ($2 = '' OR a.code = $2) ORDER BY r.published_at DESC, r.id DESC LIMIT $3"
    );
    let rows = sqlx::query(&sql).bind(now.0).bind(agency.unwrap_or("")).bind(limit).fetch_all(ex).await?;
    rows.iter().map(row_of).collect()
}

/// Notices whose overall statement is out, the latest first (the feed); optionally one agency's.
pub async fn latest_answered<'e, E: Executor<'e, Database = Any>>(ex: E, agency: Option<&str>, limit: i64) -> Result<Vec<RegulationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE r.answered_at IS NOT NULL AND ($1 = '' OR a.code = $1) ORDER BY r.answered_at DESC, r.id DESC LIMIT $2");
    let rows = sqlx::query(&sql).bind(agency.unwrap_or("")).bind(limit).fetch_all(ex).await?;
    rows.iter().map(row_of).collect()
}
