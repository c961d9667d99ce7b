//! Agency responses: drafts, published versions, ratings, lead transfers, extensions,
//! reminders and the paced notification of signers.
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

/// The lead agency is the petition's agency with the lowest position.
pub const IS_LEAD: &str = "pa.position = (SELECT MIN(x.position) FROM petition_agencies x WHERE x.petition_id = pa.petition_id)";

/// The petition's agencies, lead first, each with whether `user_id` is one of its officers.
pub async fn agencies_for<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, user_id: i64) -> Result<Vec<(AgencyView, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en,
                (SELECT COUNT(*) FROM agency_members m WHERE m.agency_id = a.id AND m.user_id = $2) AS member
         FROM agencies a JOIN petition_agencies pa ON pa.agency_id = a.id WHERE pa.petition_id = $1 ORDER BY pa.position",
    )
    .bind(petition_id)
    .bind(user_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((super::agencies::agency(r)?, r.try_get::<i64, _>("member")? > 0))).collect()
}

pub struct DraftRow {
    pub summary: String,
    pub details: String,
    pub points: String,
    pub links: String,
    pub updated_at: Timestamp,
}

pub async fn draft<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, agency_id: i64) -> Result<Option<DraftRow>, sqlx::Error> {
    let r = sqlx::query("SELECT summary, details, points, links, updated_at FROM response_drafts WHERE petition_id = $1 AND agency_id = $2")
        .bind(petition_id)
        .bind(agency_id)
        .fetch_optional(ex)
        .await?;
    r.map(|r| {
        Ok(DraftRow {
            summary: r.try_get("summary")?,
            details: r.try_get("details")?,
            points: r.try_get("points")?,
            links: r.try_get("links")?,
            updated_at: Timestamp(r.try_get("updated_at")?),
        })
    })
    .transpose()
}

pub struct Content<'a> {
    pub summary: &'a str,
    pub details: &'a str,
    /// JSON list of points.
    pub points: &'a str,
    /// One link per line.
    pub links: &'a str,
}

pub async fn save_draft<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition_id: i64,
    agency_id: i64,
    c: &Content<'_>,
    user_id: i64,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO response_drafts (petition_id, agency_id, summary, details, points, links, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (petition_id, agency_id) DO UPDATE SET summary = $3, details = $4, points = $5, links = $6, updated_at = $7, updated_by = $8",
    )
    .bind(petition_id)
    .bind(agency_id)
    .bind(c.summary)
    .bind(c.details)
    .bind(c.points)
    .bind(c.links)
    .bind(now.0)
    .bind(user_id)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn delete_draft<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, agency_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM response_drafts WHERE petition_id = $1 AND agency_id = $2").bind(petition_id).bind(agency_id).execute(ex).await?;
    Ok(())
}

/// Publish the next version; returns (version id, version number).
pub async fn publish(
    tx: &mut sqlx::AnyConnection,
    petition_id: i64,
    agency_id: i64,
    is_lead: bool,
    c: &Content<'_>,
    user_id: i64,
    now: Timestamp,
) -> Result<(i64, i64), sqlx::Error> {
    let next: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) + 1 AS v FROM response_versions WHERE petition_id = $1 AND agency_id = $2")
        .bind(petition_id)
        .bind(agency_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("v")?;
    // The UNIQUE (petition, agency, version) constraint refuses a concurrent double publish.
    let id: i64 = sqlx::query(
        "INSERT INTO response_versions (petition_id, agency_id, version, is_lead, summary, details, points, links, published_at, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(petition_id)
    .bind(agency_id)
    .bind(next)
    .bind(i64::from(is_lead))
    .bind(c.summary)
    .bind(c.details)
    .bind(c.points)
    .bind(c.links)
    .bind(now.0)
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    Ok((id, next))
}

pub struct VersionRow {
    /// The version's own id (what its citations hang on).
    pub id: i64,
    pub agency: AgencyView,
    pub is_lead: bool,
    pub version: i64,
    pub summary: String,
    pub details: String,
    pub points: String,
    pub links: String,
    pub published_at: Timestamp,
    pub first_published_at: Timestamp,
    pub publisher: String,
}

/// Every published version of a petition, newest first.
pub async fn versions<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Vec<VersionRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en, v.id AS version_id, v.is_lead, v.version, v.summary, v.details, v.points, v.links, v.published_at,
                (SELECT MIN(f.published_at) FROM response_versions f WHERE f.petition_id = v.petition_id AND f.agency_id = v.agency_id) AS first_at,
                u.display_name AS publisher
         FROM response_versions v JOIN agencies a ON a.id = v.agency_id JOIN users u ON u.id = v.published_by
         WHERE v.petition_id = $1 ORDER BY v.published_at DESC, v.id DESC",
    )
    .bind(petition_id)
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(VersionRow {
                id: r.try_get("version_id")?,
                agency: super::agencies::agency(r)?,
                is_lead: r.try_get::<i64, _>("is_lead")? != 0,
                version: r.try_get("version")?,
                summary: r.try_get("summary")?,
                details: r.try_get("details")?,
                points: r.try_get("points")?,
                links: r.try_get("links")?,
                published_at: Timestamp(r.try_get("published_at")?),
                first_published_at: Timestamp(r.try_get("first_at")?),
                publisher: r.try_get("publisher")?,
            })
        })
        .collect()
}

/// Records the answer the state machine decided (`to`), if the petition is still in
/// state `from`; false if another request got there first.
pub async fn mark_answered<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition_id: i64,
    from: PetitionState,
    to: PetitionState,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE petitions SET state = $3, answered_at = $2, updated_at = $2 WHERE id = $1 AND state = $4")
        .bind(petition_id)
        .bind(now.0)
        .bind(to.code())
        .bind(from.code())
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// The one extension: moves the due date; false if already extended, or no longer owed
/// an answer, or answered late (the same rule as `domain::response::may_extend`, kept here
/// too so two concurrent requests cannot both pass it).
pub async fn extend<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, days: i64, reason: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "UPDATE petitions SET extension_days = $2, extension_reason = $3, extended_at = $4, response_due_at = response_due_at + $5, updated_at = $4
             WHERE id = $1 AND state IN {} AND extension_days IS NULL AND response_due_at IS NOT NULL
               AND (answered_at IS NULL OR answered_at <= response_due_at)",
            states::list(PetitionState::OWED_ANSWER)
        )
    });
    let r = sqlx::query(&SQL).bind(petition_id).bind(days).bind(reason).bind(now.0).bind(days * crate::domain::time::DAY).execute(ex).await?;
    Ok(r.rows_affected() == 1)
}

pub struct ResponseMeta {
    pub answered_at: Option<Timestamp>,
    pub extension: Option<(i64, String, Timestamp)>,
    pub max_extension_days: i64,
}

pub async fn meta<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Option<ResponseMeta>, sqlx::Error> {
    let r = sqlx::query(
        "SELECT p.answered_at, p.extension_days, p.extension_reason, p.extended_at, j.max_extension_days
         FROM petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id WHERE p.id = $1",
    )
    .bind(petition_id)
    .fetch_optional(ex)
    .await?;
    r.map(|r| {
        let extension = match (
            r.try_get::<Option<i64>, _>("extension_days")?,
            r.try_get::<Option<String>, _>("extension_reason")?,
            r.try_get::<Option<i64>, _>("extended_at")?,
        ) {
            (Some(d), Some(reason), Some(at)) => Some((d, reason, Timestamp(at))),
            _ => None,
        };
        Ok(ResponseMeta {
            answered_at: r.try_get::<Option<i64>, _>("answered_at")?.map(Timestamp),
            extension,
            max_extension_days: r.try_get("max_extension_days")?,
        })
    })
    .transpose()
}

/// (helpful, not helpful) for a petition.
pub async fn rating_counts<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<(i64, i64), sqlx::Error> {
    let r = sqlx::query("SELECT CAST(COALESCE(SUM(helpful), 0) AS BIGINT) AS h, COUNT(*) AS n FROM response_ratings WHERE petition_id = $1")
        .bind(petition_id)
        .fetch_one(ex)
        .await?;
    let (h, n): (i64, i64) = (r.try_get("h")?, r.try_get("n")?);
    Ok((h, n - h))
}

pub async fn my_rating<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, user_id: i64) -> Result<Option<bool>, sqlx::Error> {
    let r =
        sqlx::query("SELECT helpful FROM response_ratings WHERE petition_id = $1 AND user_id = $2").bind(petition_id).bind(user_id).fetch_optional(ex).await?;
    r.map(|r| Ok(r.try_get::<i64, _>("helpful")? != 0)).transpose()
}

/// Once per person: false when they had already rated.
pub async fn rate<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, user_id: i64, helpful: bool, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r =
        sqlx::query("INSERT INTO response_ratings (petition_id, user_id, helpful, at) VALUES ($1, $2, $3, $4) ON CONFLICT (petition_id, user_id) DO NOTHING")
            .bind(petition_id)
            .bind(user_id)
            .bind(i64::from(helpful))
            .bind(now.0)
            .execute(ex)
            .await?;
    Ok(r.rows_affected() == 1)
}

/// Whether the user has a counted signature on the petition.
pub async fn has_signed<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM signatures WHERE petition_id = $1 AND user_id = $2 AND confirmed_at IS NOT NULL AND flagged = 0")
        .bind(petition_id)
        .bind(user_id)
        .fetch_optional(ex)
        .await?
        .is_some())
}

/// Per lead petition (established or answered): (agency, established, due, answered) plus ratings.
pub struct LeadRow {
    pub agency_id: i64,
    pub petition_id: i64,
    pub established_at: Timestamp,
    pub due_at: Timestamp,
    pub answered_at: Option<Timestamp>,
    pub helpful: i64,
    pub ratings: i64,
}

pub async fn lead_rows<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<LeadRow>, sqlx::Error> {
    let sql = format!(
        "SELECT pa.agency_id, p.id, p.established_at, p.response_due_at, p.answered_at,
                (SELECT CAST(COALESCE(SUM(helpful), 0) AS BIGINT) FROM response_ratings r WHERE r.petition_id = p.id) AS helpful,
                (SELECT COUNT(*) FROM response_ratings r WHERE r.petition_id = p.id) AS ratings
         FROM petitions p JOIN petition_agencies pa ON pa.petition_id = p.id AND {IS_LEAD}
         WHERE p.state IN {owed} AND p.established_at IS NOT NULL AND p.response_due_at IS NOT NULL",
        owed = super::states::list(PetitionState::OWED_ANSWER)
    );
    let rows = sqlx::query(&sql).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(LeadRow {
                agency_id: r.try_get("agency_id")?,
                petition_id: r.try_get("id")?,
                established_at: Timestamp(r.try_get("established_at")?),
                due_at: Timestamp(r.try_get("response_due_at")?),
                answered_at: r.try_get::<Option<i64>, _>("answered_at")?.map(Timestamp),
                helpful: r.try_get("helpful")?,
                ratings: r.try_get("ratings")?,
            })
        })
        .collect()
}

/// Every agency with its jurisdiction's names.
pub async fn agencies_with_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<(AgencyView, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en, j.name_zh AS j_zh, j.name_en AS j_en FROM agencies a JOIN jurisdictions j ON j.id = a.jurisdiction_id ORDER BY j.id, a.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((super::agencies::agency(r)?, r.try_get("j_zh")?, r.try_get("j_en")?))).collect()
}
