//! What the public `/log` page reads of the transparency log: the verifier keys it has used
//! and each public petition's count in the log beside its shown count. (The head and the
//! entry texts are read with `tlog::head` and `tlog::entries`.)
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use crate::dto::tlog::{LogCountRow, LogKeyRow};
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

/// Rows in the page's table: the most signed petitions (the CLI audit recounts them all).
pub const PETITION_ROWS: i64 = 200;

/// Every key the log has used, in the order they took over.
pub async fn keys<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<LogKeyRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT vkey, from_size, created_at FROM tlog_keys ORDER BY from_size, created_at").fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(LogKeyRow {
                vkey: r.try_get("vkey")?,
                from_size: u64::try_from(r.try_get::<i64, _>("from_size")?).unwrap_or(0),
                created_at: Timestamp(r.try_get("created_at")?),
            })
        })
        .collect()
}

/// Public petitions, most signed first, with their count per the log (0 before their first
/// entry is sequenced).
pub async fn petition_counts<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<LogCountRow>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT p.id, p.title, COALESCE(c.count, 0) AS log_count, p.signature_count
             FROM petitions p LEFT JOIN tlog_counts c ON c.petition_id = p.id
             WHERE p.state IN {}
             ORDER BY p.signature_count DESC, p.id
             LIMIT $1",
            states::list(PetitionState::PUBLIC)
        )
    });
    let rows = sqlx::query(&SQL).bind(PETITION_ROWS).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(LogCountRow { id: r.try_get("id")?, title: r.try_get("title")?, log_count: r.try_get("log_count")?, shown_count: r.try_get("signature_count")? })
        })
        .collect()
}
