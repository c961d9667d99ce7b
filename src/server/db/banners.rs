//! Site banners posted by admins.
use crate::domain::time::Timestamp;
use crate::dto::common::BannerView;
use sqlx::{Any, Executor, Row};

/// Banners showing at `now`, newest first.
pub async fn live<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp) -> Result<Vec<BannerView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, level, message_zh, message_en, ends_at FROM site_banners
         WHERE removed_at IS NULL AND (ends_at IS NULL OR ends_at > $1) ORDER BY id DESC LIMIT 5",
    )
    .bind(now.0)
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(BannerView {
                id: r.try_get("id")?,
                warning: r.try_get::<String, _>("level")? == "warning",
                message_zh: r.try_get("message_zh")?,
                message_en: r.try_get("message_en")?,
                ends_at: r.try_get::<Option<i64>, _>("ends_at")?.map(Timestamp),
            })
        })
        .collect()
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, b: &BannerView, by: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO site_banners (level, message_zh, message_en, created_by, created_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(if b.warning { "warning" } else { "info" })
        .bind(&b.message_zh)
        .bind(&b.message_en)
        .bind(by)
        .bind(now.0)
        .bind(b.ends_at.map(|t| t.0))
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn remove<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("UPDATE site_banners SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL").bind(id).bind(now.0).execute(ex).await?.rows_affected() == 1)
}
