//! Jurisdictions, agencies and agency membership.
use crate::domain::time::Timestamp;
use crate::dto::common::{AgencyView, JurisdictionView};
use sqlx::{Any, Executor, Row};

pub async fn jurisdictions<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<JurisdictionView>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, code, name_zh, name_en, signature_threshold, signing_days, response_days FROM jurisdictions ORDER BY id").fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(JurisdictionView {
                id: r.try_get("id")?,
                code: r.try_get("code")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
                signature_threshold: r.try_get("signature_threshold")?,
                signing_days: r.try_get("signing_days")?,
                response_days: r.try_get("response_days")?,
            })
        })
        .collect()
}

pub fn agency(r: &sqlx::any::AnyRow) -> Result<AgencyView, sqlx::Error> {
    Ok(AgencyView { id: r.try_get("id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? })
}

pub async fn all<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<AgencyView>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, name_zh, name_en FROM agencies ORDER BY jurisdiction_id, id").fetch_all(ex).await?;
    rows.iter().map(agency).collect()
}

pub async fn for_user<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<Vec<AgencyView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en FROM agencies a JOIN agency_members m ON m.agency_id = a.id
         WHERE m.user_id = $1 ORDER BY a.id",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(agency).collect()
}

pub async fn exists<'e, E: Executor<'e, Database = Any>>(ex: E, agency_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM agencies WHERE id = $1").bind(agency_id).fetch_optional(ex).await?.is_some())
}

pub async fn add_member<'e, E: Executor<'e, Database = Any>>(ex: E, agency_id: i64, user_id: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO agency_members (agency_id, user_id, added_at) VALUES ($1, $2, $3) ON CONFLICT (agency_id, user_id) DO NOTHING")
        .bind(agency_id)
        .bind(user_id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn remove_all_memberships<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM agency_members WHERE user_id = $1").bind(user_id).execute(ex).await?;
    Ok(())
}

pub async fn remove_member<'e, E: Executor<'e, Database = Any>>(ex: E, agency_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM agency_members WHERE agency_id = $1 AND user_id = $2").bind(agency_id).bind(user_id).execute(ex).await?;
    Ok(())
}

/// A petition's agencies, lead agency first.
pub async fn for_petition<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Vec<AgencyView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en FROM agencies a JOIN petition_agencies pa ON pa.agency_id = a.id
         WHERE pa.petition_id = $1 ORDER BY pa.position",
    )
    .bind(petition_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(agency).collect()
}

/// Every agency taking new work (not retired) with its jurisdiction, for choosing.
pub async fn all_by_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<(i64, AgencyView)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, jurisdiction_id, code, name_zh, name_en FROM agencies WHERE retired_at IS NULL ORDER BY jurisdiction_id, id")
        .fetch_all(ex)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("jurisdiction_id")?, agency(r)?))).collect()
}
