//! The organisation as administrators manage it: jurisdictions, agencies and topics,
//! with retirement and agency merges. Nothing here deletes a row.
use super::rules::{AnyQuery, bind_rules};
use crate::domain::org::{Level, Names};
use crate::domain::petition::Rules;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::org::{OrgAgency, OrgJurisdiction, OrgTopic};
use sqlx::{Any, Executor, Row};

pub async fn jurisdictions<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<OrgJurisdiction>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT j.id, j.code, j.level, j.name_zh, j.name_en, j.retired_at, j.retention_days, j.conclusion_days, j.regulation_days, j.regulation_answer_days,
            (SELECT COUNT(*) FROM agencies a WHERE a.jurisdiction_id = j.id AND a.retired_at IS NULL) AS agencies
         FROM jurisdictions j ORDER BY j.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OrgJurisdiction {
                id: r.try_get("id")?,
                code: r.try_get("code")?,
                level: r.try_get("level")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
                retired: r.try_get::<Option<i64>, _>("retired_at")?.is_some(),
                agencies: r.try_get("agencies")?,
                retention_days: r.try_get("retention_days")?,
                conclusion_days: r.try_get("conclusion_days")?,
                regulation_days: r.try_get("regulation_days")?,
                regulation_answer_days: r.try_get("regulation_answer_days")?,
            })
        })
        .collect()
}

pub async fn agencies<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<OrgAgency>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.jurisdiction_id, a.name_zh, a.name_en, a.contact, a.retired_at, a.merged_into,
            (SELECT COUNT(*) FROM agency_members m WHERE m.agency_id = a.id) AS members,
            (SELECT COUNT(*) FROM petition_agencies pa WHERE pa.agency_id = a.id) AS petitions
         FROM agencies a ORDER BY a.jurisdiction_id, a.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OrgAgency {
                id: r.try_get("id")?,
                code: r.try_get("code")?,
                jurisdiction_id: r.try_get("jurisdiction_id")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
                contact: r.try_get("contact")?,
                retired: r.try_get::<Option<i64>, _>("retired_at")?.is_some(),
                merged_into: r.try_get("merged_into")?,
                members: r.try_get("members")?,
                petitions: r.try_get("petitions")?,
            })
        })
        .collect()
}

pub async fn topics<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<OrgTopic>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, name_zh, name_en, retired_at FROM categories ORDER BY id").fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(OrgTopic {
                id: r.try_get("id")?,
                code: r.try_get("code")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
                retired: r.try_get::<Option<i64>, _>("retired_at")?.is_some(),
            })
        })
        .collect()
}

/// A jurisdiction's columns and values, bound by `bind_jurisdiction` (shared with the setup import).
pub(crate) const INSERT_JURISDICTION: &str = "INSERT INTO jurisdictions (code, level, name_zh, name_en, signature_threshold, signing_days,
    response_days, sponsors_needed, second_tier_threshold, max_agencies, review_working_days, allow_signature_withdrawal)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

pub(crate) fn bind_jurisdiction<'q>(q: AnyQuery<'q>, n: &'q Names, level: Level, r: &Rules) -> AnyQuery<'q> {
    bind_rules(q.bind(&n.code).bind(level.code()).bind(&n.name_zh).bind(&n.name_en), r)
}

/// A new jurisdiction with its rules; its id. Fails with a unique violation on a used code.
pub async fn insert_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E, n: &Names, level: Level, r: &Rules) -> Result<i64, sqlx::Error> {
    let sql = format!("{INSERT_JURISDICTION} RETURNING id");
    bind_jurisdiction(sqlx::query(&sql), n, level, r).fetch_one(ex).await?.try_get("id")
}

/// A jurisdiction's periods, in days.
pub struct JurisdictionDays {
    /// Signers' data kept after a petition ends.
    pub retention: i64,
    /// For a consultation's conclusions.
    pub conclusions: i64,
    /// A draft regulation's comment period offered, and the days to answer its comments.
    pub regulation_period: i64,
    pub regulation_answers: i64,
}

pub async fn update_jurisdiction<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    level: Level,
    zh: &str,
    en: &str,
    days: &JurisdictionDays,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE jurisdictions SET level = $2, name_zh = $3, name_en = $4, retention_days = $5, conclusion_days = $6, regulation_days = $7,
         regulation_answer_days = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(level.code())
    .bind(zh)
    .bind(en)
    .bind(days.retention)
    .bind(days.conclusions)
    .bind(days.regulation_period)
    .bind(days.regulation_answers)
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Retire (`Some(now)`) or bring back (`None`) a row of `table`; false if nothing changed.
pub async fn set_retired<'e, E: Executor<'e, Database = Any>>(ex: E, table: Table, id: i64, at: Option<Timestamp>) -> Result<bool, sqlx::Error> {
    // Only the state changes: retiring a retired row (or restoring an active one) is a no-op.
    let sql = match at {
        Some(_) => format!("UPDATE {} SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL", table.name()),
        None => format!("UPDATE {} SET retired_at = $2, {} WHERE id = $1 AND retired_at IS NOT NULL", table.name(), table.restore_extra()),
    };
    Ok(sqlx::query(&sql).bind(id).bind(at.map(|t| t.0)).execute(ex).await?.rows_affected() == 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Jurisdictions,
    Agencies,
    Topics,
}

impl Table {
    /// Each of these tables has a unique `code` and a `retired_at`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::Jurisdictions => "jurisdictions",
            Table::Agencies => "agencies",
            Table::Topics => "categories",
        }
    }
    /// A restored agency is no longer "merged into" another.
    pub(super) fn restore_extra(self) -> &'static str {
        match self {
            Table::Agencies => "merged_into = NULL",
            _ => "id = id",
        }
    }
}

pub async fn insert_agency<'e, E: Executor<'e, Database = Any>>(ex: E, n: &Names, jurisdiction_id: i64, contact: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("INSERT INTO agencies (code, jurisdiction_id, name_zh, name_en, contact) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(&n.code)
        .bind(jurisdiction_id)
        .bind(&n.name_zh)
        .bind(&n.name_en)
        .bind(contact)
        .fetch_one(ex)
        .await?
        .try_get("id")
}

pub async fn update_agency<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, zh: &str, en: &str, contact: &str) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE agencies SET name_zh = $2, name_en = $3, contact = $4 WHERE id = $1").bind(id).bind(zh).bind(en).bind(contact).execute(ex).await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the jurisdiction exists and takes new petitions.
pub async fn jurisdiction_active<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM jurisdictions WHERE id = $1 AND retired_at IS NULL").bind(id).fetch_optional(ex).await?.is_some())
}

/// An agency's public contact, whether it is retired, and its successor if merged.
pub async fn public_status(ex: &sqlx::AnyPool, id: i64) -> Result<(String, bool, Option<AgencyView>), sqlx::Error> {
    let r = sqlx::query("SELECT contact, retired_at, merged_into FROM agencies WHERE id = $1").bind(id).fetch_one(ex).await?;
    let successor = match r.try_get::<Option<i64>, _>("merged_into")? {
        Some(m) => sqlx::query("SELECT id, code, name_zh, name_en FROM agencies WHERE id = $1")
            .bind(m)
            .fetch_optional(ex)
            .await?
            .as_ref()
            .map(super::agencies::agency)
            .transpose()?,
        None => None,
    };
    Ok((r.try_get("contact")?, r.try_get::<Option<i64>, _>("retired_at")?.is_some(), successor))
}

/// Whether the agency exists and takes new work.
pub async fn agency_active<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM agencies WHERE id = $1 AND retired_at IS NULL").bind(id).fetch_optional(ex).await?.is_some())
}
