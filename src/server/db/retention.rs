//! Retiring signers' personal data once a petition's purpose is reached (see
//! `domain::retention`). The rows stay, so every count and county figure stays true.
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::{DAY, Timestamp};
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

/// Petitions whose signers' data is due for removal, oldest first.
pub async fn due<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    // The same rule as `domain::retention::removal_due`, written so one query finds them.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT p.id, j.retention_days FROM petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id
             WHERE p.anonymised_at IS NULL
               AND ((p.state = {answered} AND p.answered_at + j.retention_days * $2 <= $1)
                 OR (p.state IN {ended} AND p.closed_at + j.retention_days * $2 <= $1))
             ORDER BY p.id LIMIT $3",
            answered = states::one(PetitionState::Answered),
            ended = states::list(PetitionState::ENDED),
        )
    });
    let rows = sqlx::query(&SQL).bind(now.0).bind(DAY).bind(limit).fetch_all(ex).await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("retention_days")?))).collect()
}

/// Blank who signed (name, email, network address and the groupings derived from them,
/// the account link) on every signature of the petition, counted, flagged or invalidated;
/// drop confirmations never completed; blank the address selections of its fraud review.
/// False if another instance did it first.
pub async fn anonymise(tx: &mut sqlx::AnyConnection, petition_id: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let claimed =
        sqlx::query("UPDATE petitions SET anonymised_at = $2 WHERE id = $1 AND anonymised_at IS NULL").bind(petition_id).bind(now.0).execute(&mut *tx).await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    let blank = format!("UPDATE signatures SET {} WHERE petition_id = $1", super::signatures::blank_signer("retired"));
    let statements = [
        "DELETE FROM unsubscribe_tokens WHERE signature_id IN (SELECT id FROM signatures WHERE petition_id = $1)",
        "DELETE FROM signatures WHERE petition_id = $1 AND confirmed_at IS NULL",
        blank.as_str(),
        "UPDATE signature_invalidations SET selection = '' WHERE petition_id = $1",
        "UPDATE fraud_alerts SET detail = '' WHERE petition_id = $1",
        "UPDATE audit_log SET detail = '' WHERE action = 'signatures.invalidate' AND target = CAST($1 AS TEXT)",
    ];
    for sql in statements {
        sqlx::query(sql).bind(petition_id).execute(&mut *tx).await?;
    }
    Ok(true)
}

/// When the petition's signers' data was removed, if it was.
pub async fn anonymised_at<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Option<Timestamp>, sqlx::Error> {
    let r = sqlx::query("SELECT anonymised_at FROM petitions WHERE id = $1").bind(petition_id).fetch_optional(ex).await?;
    Ok(r.and_then(|r| r.try_get::<Option<i64>, _>("anonymised_at").ok().flatten()).map(Timestamp))
}
