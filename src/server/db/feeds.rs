//! The Atom feeds' reads: milestones, responses and one petition's timeline, for the whole
//! site or one agency, jurisdiction or topic (by code).
use super::binds::{Bind, bind_all};
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// Which part of the site a feed covers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub agency: Option<&'a str>,
    pub jurisdiction: Option<&'a str>,
    /// A topic (category) code; both feeds' queries call the petition `p`.
    pub topic: Option<&'a str>,
}

impl Scope<'_> {
    /// ` AND …` clauses; `agency_col` holds the agency id, `jurisdiction_col` the jurisdiction id.
    fn sql(&self, agency_col: &str, jurisdiction_col: &str) -> (String, Vec<Bind>) {
        let (mut sql, mut binds) = (String::new(), Vec::new());
        if let Some(a) = self.agency {
            binds.push(Bind::Text(a.to_string()));
            sql.push_str(&format!(" AND {agency_col} IN (SELECT id FROM agencies WHERE code = ${})", binds.len()));
        }
        if let Some(j) = self.jurisdiction {
            binds.push(Bind::Text(j.to_string()));
            sql.push_str(&format!(" AND {jurisdiction_col} IN (SELECT id FROM jurisdictions WHERE code = ${})", binds.len()));
        }
        if let Some(t) = self.topic {
            binds.push(Bind::Text(t.to_string()));
            sql.push_str(&format!(" AND p.category_id IN (SELECT id FROM categories WHERE code = ${})", binds.len()));
        }
        (sql, binds)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    Opened,
    Established,
}

pub struct MilestoneRow {
    pub id: i64,
    pub title: String,
    pub at: Timestamp,
    pub signature_count: i64,
    pub signature_threshold: i64,
}

/// Petitions by the time they reached a milestone, newest first.
pub async fn milestones<'e, E: Executor<'e, Database = Any>>(ex: E, m: Milestone, scope: Scope<'_>, limit: i64) -> Result<Vec<MilestoneRow>, sqlx::Error> {
    let column = match m {
        Milestone::Opened => "opened_at",
        Milestone::Established => "established_at",
    };
    let lead = "(SELECT pa.agency_id FROM petition_agencies pa WHERE pa.petition_id = p.id AND pa.position = 0)";
    let (filter, binds) = scope.sql(lead, "p.jurisdiction_id");
    let sql = format!(
        "SELECT p.id, p.title, p.{column} AS at, p.signature_count, p.signature_threshold FROM petitions p
         WHERE p.{column} IS NOT NULL AND p.state IN {}{filter} ORDER BY p.{column} DESC, p.id DESC LIMIT {limit}",
        states::list(PetitionState::COUNTED)
    );
    bind_all(sqlx::query(&sql), &binds)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| {
            Ok(MilestoneRow {
                id: r.try_get("id")?,
                title: r.try_get("title")?,
                at: Timestamp(r.try_get("at")?),
                signature_count: r.try_get("signature_count")?,
                signature_threshold: r.try_get("signature_threshold")?,
            })
        })
        .collect()
}

pub struct ResponseRow {
    pub id: i64,
    pub petition_id: i64,
    pub version: i64,
    pub summary: String,
    pub published_at: Timestamp,
    pub title: String,
    pub agency_zh: String,
    pub agency_en: String,
}

/// Published responses and amendments, newest first.
pub async fn responses<'e, E: Executor<'e, Database = Any>>(ex: E, scope: Scope<'_>, limit: i64) -> Result<Vec<ResponseRow>, sqlx::Error> {
    let (filter, binds) = scope.sql("rv.agency_id", "p.jurisdiction_id");
    let sql = format!(
        "SELECT rv.id, rv.petition_id, rv.version, rv.summary, rv.published_at, p.title, a.name_zh, a.name_en FROM response_versions rv
         JOIN petitions p ON p.id = rv.petition_id JOIN agencies a ON a.id = rv.agency_id WHERE 1 = 1{filter}
         ORDER BY rv.published_at DESC, rv.id DESC LIMIT {limit}"
    );
    bind_all(sqlx::query(&sql), &binds)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| {
            Ok(ResponseRow {
                id: r.try_get("id")?,
                petition_id: r.try_get("petition_id")?,
                version: r.try_get("version")?,
                summary: r.try_get("summary")?,
                published_at: Timestamp(r.try_get("published_at")?),
                title: r.try_get("title")?,
                agency_zh: r.try_get("name_zh")?,
                agency_en: r.try_get("name_en")?,
            })
        })
        .collect()
}

/// A public petition's title; `None` if there is no such public petition.
pub async fn public_title<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT title, state FROM petitions WHERE id = $1").bind(id).fetch_optional(ex).await?;
    match row {
        Some(r) if PetitionState::from_code(&r.try_get::<String, _>("state")?).is_some_and(PetitionState::is_public) => Ok(Some(r.try_get("title")?)),
        _ => Ok(None),
    }
}

/// A petition's latest timeline entries, newest first: (id, at, kind, detail).
pub async fn events<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, limit: i64) -> Result<Vec<(i64, Timestamp, String, String)>, sqlx::Error> {
    sqlx::query("SELECT id, at, kind, detail FROM petition_events WHERE petition_id = $1 ORDER BY at DESC, id DESC LIMIT $2")
        .bind(id)
        .bind(limit)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, Timestamp(r.try_get("at")?), r.try_get("kind")?, r.try_get("detail")?)))
        .collect()
}
