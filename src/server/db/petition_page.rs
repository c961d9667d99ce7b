//! The parts of a petition's page beside its row: jurisdiction names, the timeline, the
//! hourly and county figures, and whether a person sponsored it.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// The jurisdiction's names (zh-TW, English).
pub async fn jurisdiction_names<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<(String, String), sqlx::Error> {
    let r = sqlx::query("SELECT name_zh, name_en FROM jurisdictions WHERE id = $1").bind(id).fetch_one(ex).await?;
    Ok((r.try_get("name_zh")?, r.try_get("name_en")?))
}

/// The timeline in time order: (when, kind, detail).
pub async fn timeline<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Vec<(Timestamp, String, String)>, sqlx::Error> {
    sqlx::query("SELECT at, kind, detail FROM petition_events WHERE petition_id = $1 ORDER BY at, id")
        .bind(petition_id)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((Timestamp(r.try_get("at")?), r.try_get("kind")?, r.try_get("detail")?)))
        .collect()
}

/// Signatures per hour, oldest first.
pub async fn hourly<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Vec<(Timestamp, i64)>, sqlx::Error> {
    sqlx::query("SELECT hour, count FROM petition_hourly_counts WHERE petition_id = $1 ORDER BY hour")
        .bind(petition_id)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((Timestamp(r.try_get("hour")?), r.try_get("count")?)))
        .collect()
}

/// Signatures per county or city, most first.
pub async fn counties<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query("SELECT county, count FROM petition_county_counts WHERE petition_id = $1 AND count > 0 ORDER BY count DESC")
        .bind(petition_id)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("county")?, r.try_get("count")?)))
        .collect()
}

pub async fn sponsored_by<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT 1 AS x FROM petition_sponsors WHERE petition_id = $1 AND user_id = $2")
        .bind(petition_id)
        .bind(user_id)
        .fetch_optional(ex)
        .await?
        .is_some())
}
