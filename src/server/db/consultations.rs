//! Consultations, their conclusions, the statements conclusions and answers cite, and the
//! "told the followers" marks. A consultation's phase is computed from its dates: filters
//! turn it into conditions on them with the reading time bound, never a stored state.
//! Figures count shown statements and the votes on them, as every other surface does.
use crate::domain::consultation::{Consultation, Phase, Stage};
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::server::db::binds::{Bind, bind_all};
use sqlx::{Any, Executor, Row};

pub struct ConsultationRow {
    pub id: i64,
    pub agency: AgencyView,
    pub title: String,
    pub background: String,
    pub stage: String,
    pub questions: String,
    pub documents: String,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub conclusions_due_at: Timestamp,
    pub created_by: i64,
    pub conclusions: Option<String>,
    pub concluded_at: Option<Timestamp>,
    /// Shown statements, people who voted, and votes, in its conversation.
    pub statements: i64,
    pub participants: i64,
    pub votes: i64,
}

impl ConsultationRow {
    /// The dates its phase is read from.
    pub fn dates(&self) -> crate::domain::consultation::Dates {
        crate::domain::consultation::Dates {
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            conclusions_due_at: self.conclusions_due_at,
            concluded_at: self.concluded_at,
        }
    }
}

// The conversation's figures come with the row (one query per page or list).
const SELECT: &str = "SELECT c.id, c.agency_id, a.code, a.name_zh, a.name_en, c.title, c.background, c.stage, c.questions, c.documents,
        c.opens_at, c.closes_at, c.conclusions_due_at, c.created_by, c.conclusions, c.concluded_at,
        (SELECT COUNT(*) FROM statements s JOIN conversations v ON v.id = s.conversation_id
         WHERE v.kind = 'consultation' AND v.subject = c.id AND s.status = 'shown') AS n_statements,
        (SELECT COUNT(DISTINCT sv.user_id) FROM statement_votes sv JOIN statements s ON s.id = sv.statement_id
         JOIN conversations v ON v.id = s.conversation_id WHERE v.kind = 'consultation' AND v.subject = c.id AND s.status = 'shown') AS n_participants,
        (SELECT COUNT(*) FROM statement_votes sv JOIN statements s ON s.id = sv.statement_id
         JOIN conversations v ON v.id = s.conversation_id WHERE v.kind = 'consultation' AND v.subject = c.id AND s.status = 'shown') AS n_votes
     FROM consultations c JOIN agencies a ON a.id = c.agency_id";

fn row_of(r: &sqlx::any::AnyRow) -> Result<ConsultationRow, sqlx::Error> {
    Ok(ConsultationRow {
        id: r.try_get("id")?,
        agency: AgencyView { id: r.try_get("agency_id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? },
        title: r.try_get("title")?,
        background: r.try_get("background")?,
        stage: r.try_get("stage")?,
        questions: r.try_get("questions")?,
        documents: r.try_get("documents")?,
        opens_at: Timestamp(r.try_get("opens_at")?),
        closes_at: Timestamp(r.try_get("closes_at")?),
        conclusions_due_at: Timestamp(r.try_get("conclusions_due_at")?),
        created_by: r.try_get("created_by")?,
        conclusions: r.try_get("conclusions")?,
        concluded_at: r.try_get::<Option<i64>, _>("concluded_at")?.map(Timestamp),
        statements: r.try_get("n_statements")?,
        participants: r.try_get("n_participants")?,
        votes: r.try_get("n_votes")?,
    })
}

pub async fn insert(tx: &mut sqlx::AnyConnection, c: &Consultation, due: Timestamp, by: i64, now: Timestamp) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO consultations (agency_id, title, background, stage, questions, documents, opens_at, closes_at, conclusions_due_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(c.agency_id)
    .bind(&c.title)
    .bind(&c.background)
    .bind(c.stage.code())
    .bind(c.questions.join("\n"))
    .bind(c.documents.join("\n"))
    .bind(c.opens_at.0)
    .bind(c.closes_at.0)
    .bind(due.0)
    .bind(by)
    .bind(now.0)
    .fetch_one(&mut *tx)
    .await?;
    row.try_get("id")
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<ConsultationRow>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(ex).await?;
    row.as_ref().map(row_of).transpose()
}

/// The SQL condition for a phase at `now` (bound as the next parameter).
fn phase_condition(p: Phase, n: usize) -> String {
    match p {
        Phase::Upcoming => format!("c.concluded_at IS NULL AND c.opens_at > ${n}"),
        Phase::Open => format!("c.concluded_at IS NULL AND c.opens_at <= ${n} AND c.closes_at > ${n}"),
        Phase::AwaitingConclusions => format!("c.concluded_at IS NULL AND c.closes_at <= ${n} AND c.conclusions_due_at > ${n}"),
        Phase::Overdue => format!("c.concluded_at IS NULL AND c.conclusions_due_at <= ${n}"),
        Phase::Concluded => "c.concluded_at IS NOT NULL".to_string(),
    }
}

/// Consultations matching the filters, the latest opening first; at most `limit`.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    phase: Option<Phase>,
    stage: Option<Stage>,
    agency_code: Option<&str>,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    let mut wheres = Vec::new();
    let mut binds = Vec::new();
    if let Some(p) = phase {
        binds.push(Bind::Int(now.0));
        wheres.push(phase_condition(p, binds.len()));
    }
    if let Some(s) = stage {
        binds.push(Bind::Text(s.code().to_string()));
        wheres.push(format!("c.stage = ${}", binds.len()));
    }
    if let Some(code) = agency_code {
        binds.push(Bind::Text(code.to_string()));
        wheres.push(format!("a.code = ${}", binds.len()));
    }
    binds.push(Bind::Int(limit));
    let filter = if wheres.is_empty() { String::new() } else { format!(" WHERE {}", wheres.join(" AND ")) };
    let sql = format!("{SELECT}{filter} ORDER BY c.opens_at DESC, c.id DESC LIMIT ${}", binds.len());
    let rows = bind_all(sqlx::query(&sql), &binds).fetch_all(ex).await?;
    rows.iter().map(row_of).collect()
}

/// Consultations that have opened, the latest first (the feed); optionally one agency's.
pub async fn latest_opened<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    agency: Option<&str>,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.opens_at <= $1 AND ($2 = '' OR a.code = $2) ORDER BY c.opens_at DESC, c.id DESC LIMIT $3");
    let rows = sqlx::query(&sql).bind(now.0).bind(agency.unwrap_or("")).bind(limit).fetch_all(ex).await?;
    rows.iter().map(row_of).collect()
}

/// Concluded consultations, the latest conclusions first (the feed); optionally one agency's.
pub async fn latest_concluded<'e, E: Executor<'e, Database = Any>>(ex: E, agency: Option<&str>, limit: i64) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.concluded_at IS NOT NULL AND ($1 = '' OR a.code = $1) ORDER BY c.concluded_at DESC, c.id DESC LIMIT $2");
    let rows = sqlx::query(&sql).bind(agency.unwrap_or("")).bind(limit).fetch_all(ex).await?;
    rows.iter().map(row_of).collect()
}

/// Agencies that have opened consultations (the list's agency filter).
pub async fn agencies<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<AgencyView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en FROM agencies a WHERE EXISTS (SELECT 1 FROM consultations c WHERE c.agency_id = a.id) ORDER BY a.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| Ok(AgencyView { id: r.try_get("id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? }))
        .collect()
}

/// Days an agency of this agency's jurisdiction has to publish conclusions.
pub async fn conclusion_days<'e, E: Executor<'e, Database = Any>>(ex: E, agency_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT j.conclusion_days FROM agencies a JOIN jurisdictions j ON j.id = a.jurisdiction_id WHERE a.id = $1 AND a.retired_at IS NULL")
        .bind(agency_id)
        .fetch_optional(ex)
        .await?;
    row.map(|r| r.try_get("conclusion_days")).transpose()
}

/// Publish the conclusions of a closed consultation; false if it is not closed yet or
/// already has conclusions (they are published once).
pub async fn conclude<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, text: &str, by: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE consultations SET conclusions = $1, concluded_at = $2, concluded_by = $3 WHERE id = $4 AND concluded_at IS NULL AND closes_at <= $2",
    )
    .bind(text)
    .bind(now.0)
    .bind(by)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Cite a statement from an answer ("response", petition id) or conclusions ("conclusions",
/// consultation id).
pub async fn cite<'e, E: Executor<'e, Database = Any>>(ex: E, source: &str, source_id: i64, statement_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO statement_citations (source, source_id, statement_id) VALUES ($1, $2, $3) ON CONFLICT (source, source_id, statement_id) DO NOTHING",
    )
    .bind(source)
    .bind(source_id)
    .bind(statement_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Replace what an answer cites (a new version of the answer cites afresh).
pub async fn clear_citations<'e, E: Executor<'e, Database = Any>>(ex: E, source: &str, source_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM statement_citations WHERE source = $1 AND source_id = $2").bind(source).bind(source_id).execute(ex).await?;
    Ok(())
}

/// The statement ids cited, in id order.
pub async fn citations<'e, E: Executor<'e, Database = Any>>(ex: E, source: &str, source_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT statement_id FROM statement_citations WHERE source = $1 AND source_id = $2 ORDER BY statement_id")
        .bind(source)
        .bind(source_id)
        .fetch_all(ex)
        .await?;
    rows.iter().map(|r| r.try_get("statement_id")).collect()
}

/// Closed consultations whose followers were not told yet.
pub async fn closed_untold<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM consultations WHERE closes_at <= $1 AND closed_told_at IS NULL ORDER BY id LIMIT $2")
        .bind(now.0)
        .bind(limit)
        .fetch_all(ex)
        .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Concluded consultations whose followers were not told yet.
pub async fn concluded_untold<'e, E: Executor<'e, Database = Any>>(ex: E, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM consultations WHERE concluded_at IS NOT NULL AND conclusions_told_at IS NULL ORDER BY id LIMIT $1")
        .bind(limit)
        .fetch_all(ex)
        .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Claim telling the followers of `what` ("closed" or "conclusions"); false if another run did.
pub async fn mark_told<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, what: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let column = if what == "closed" { "closed_told_at" } else { "conclusions_told_at" };
    let r = sqlx::query(&format!("UPDATE consultations SET {column} = $1 WHERE id = $2 AND {column} IS NULL")).bind(now.0).bind(id).execute(ex).await?;
    Ok(r.rows_affected() == 1)
}

/// Per closed consultation: its agency, due date and when it was concluded (accountability).
pub struct ClosedRow {
    pub agency_id: i64,
    pub conclusions_due_at: Timestamp,
    pub concluded_at: Option<Timestamp>,
}

pub async fn closed_rows<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp) -> Result<Vec<ClosedRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT agency_id, conclusions_due_at, concluded_at FROM consultations WHERE closes_at <= $1").bind(now.0).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(ClosedRow {
                agency_id: r.try_get("agency_id")?,
                conclusions_due_at: Timestamp(r.try_get("conclusions_due_at")?),
                concluded_at: r.try_get::<Option<i64>, _>("concluded_at")?.map(Timestamp),
            })
        })
        .collect()
}
