//! The demo data's own writes (`server::seed`, `server::seed_petitions`): jurisdictions and
//! agencies by code, back-dated openings and spread-out signatures. Never used by a request.
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

pub struct Jurisdiction<'a> {
    pub code: &'a str,
    pub level: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    pub threshold: i64,
    pub signing_days: i64,
    pub response_days: i64,
    pub allow_withdrawal: bool,
}

pub async fn add_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E, j: &Jurisdiction<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO jurisdictions (code, name_zh, name_en, signature_threshold, signing_days, response_days, allow_signature_withdrawal, level)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING",
    )
    .bind(j.code)
    .bind(j.name_zh)
    .bind(j.name_en)
    .bind(j.threshold)
    .bind(j.signing_days)
    .bind(j.response_days)
    .bind(i64::from(j.allow_withdrawal))
    .bind(j.level)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn add_agency<'e, E: Executor<'e, Database = Any>>(ex: E, jurisdiction: &str, code: &str, name_zh: &str, name_en: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agencies (jurisdiction_id, code, name_zh, name_en)
         SELECT id, $1, $2, $3 FROM jurisdictions WHERE code = $4 ON CONFLICT (code) DO NOTHING",
    )
    .bind(code)
    .bind(name_zh)
    .bind(name_en)
    .bind(jurisdiction)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn agency_id<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT id FROM agencies WHERE code = $1").bind(code).fetch_one(ex).await?.try_get("id")
}

pub async fn category_id<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT id FROM categories WHERE code = $1").bind(code).fetch_one(ex).await?.try_get("id")
}

pub async fn jurisdiction_id<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT id FROM jurisdictions WHERE code = $1").bind(code).fetch_one(ex).await?.try_get("id")
}

pub async fn user_by_email<'e, E: Executor<'e, Database = Any>>(ex: E, email: &str) -> Result<(i64, String), sqlx::Error> {
    let row = sqlx::query("SELECT id, display_name FROM users WHERE email = $1").bind(email).fetch_one(ex).await?;
    Ok((row.try_get("id")?, row.try_get("display_name")?))
}

pub async fn petition_count<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM petitions").fetch_one(ex).await?.try_get("n")
}

pub async fn petition_by_title<'e, E: Executor<'e, Database = Any>>(ex: E, title: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT id FROM petitions WHERE title = $1").bind(title).fetch_one(ex).await?.try_get("id")
}

/// Move an opened petition's opening (and its window, and its timeline entry) back in time.
pub async fn backdate_opening(tx: &mut sqlx::AnyConnection, id: i64, opened: Timestamp, by_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET opened_at = $2, closes_at = closes_at - $3, updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(opened.0)
        .bind(by_ms)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE petition_events SET at = $2 WHERE petition_id = $1 AND kind = $3")
        .bind(id)
        .bind(opened.0)
        .bind(PetitionState::Open.code())
        .execute(&mut *tx)
        .await
        .map(|_| ())
}

/// A confirmed demo signature from a documentation address block.
pub async fn add_signature<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition: i64,
    email: &str,
    county: &str,
    at: Timestamp,
    block: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO signatures (petition_id, email, email_norm, name, county, locale, created_at, confirmed_at, ip_block, email_domain, user_agent)
         VALUES ($1, $2, $2, 'demo', $3, 'zh-TW', $4, $4, $5, 'example.invalid', 'Mozilla/5.0 (demo)')",
    )
    .bind(petition)
    .bind(email)
    .bind(county)
    .bind(at.0)
    .bind(block)
    .execute(ex)
    .await
    .map(|_| ())
}

/// A demo notice's period ended in the past (the form only takes future last days).
pub async fn set_regulation_closes<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, closes_at: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE regulations SET closes_at = $2 WHERE id = $1").bind(id).bind(closes_at.0).execute(ex).await?;
    Ok(())
}
