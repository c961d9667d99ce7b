//! Reads only the open-data API makes: topics as published, and the site's totals.
use super::states;
use crate::domain::petition::PetitionState;
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

/// Every topic, retired ones too (old petitions still name them): (id, code, zh, en).
pub async fn categories<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query("SELECT id, code, name_zh, name_en FROM categories ORDER BY id")
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("code")?, r.try_get("name_zh")?, r.try_get("name_en")?)))
        .collect()
}

/// Every jurisdiction's (id, code).
pub async fn jurisdiction_codes<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query("SELECT id, code FROM jurisdictions").fetch_all(ex).await?.iter().map(|r| Ok((r.try_get("id")?, r.try_get("code")?))).collect()
}

/// Public petitions per stored state, by state code.
pub async fn petitions_by_state<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<(String, i64)>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!("SELECT state, COUNT(*) AS n FROM petitions WHERE state IN {} GROUP BY state ORDER BY state", states::list(PetitionState::PUBLIC))
    });
    sqlx::query(&SQL).fetch_all(ex).await?.iter().map(|r| Ok((r.try_get("state")?, r.try_get("n")?))).collect()
}

pub struct Totals {
    pub signatures: i64,
    pub responses_published: i64,
    pub comments: i64,
}

pub async fn totals(conn: &mut sqlx::AnyConnection) -> Result<Totals, sqlx::Error> {
    let mut one = async |sql: &str| -> Result<i64, sqlx::Error> { sqlx::query(sql).fetch_one(&mut *conn).await?.try_get("n") };
    Ok(Totals {
        signatures: one("SELECT CAST(COALESCE(SUM(signature_count), 0) AS BIGINT) AS n FROM petitions").await?,
        responses_published: one("SELECT COUNT(*) AS n FROM response_versions").await?,
        comments: one("SELECT COUNT(*) AS n FROM comments WHERE deleted_at IS NULL").await?,
    })
}
