//! Petition rows: drafts, frozen rules, state changes and the public timeline.
use super::states;
use crate::domain::petition::proposal::Proposal;
use crate::domain::petition::{Petition, PetitionState, RejectReason, Rules};
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub struct PetitionRow {
    pub id: i64,
    pub proposer_id: i64,
    pub jurisdiction_id: i64,
    pub category_id: i64,
    pub title: String,
    pub problem: String,
    pub action: String,
    pub benefits: String,
    pub evidence: Vec<String>,
    pub sponsor_key: String,
    pub created_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
    pub review_due_at: Option<Timestamp>,
    pub second_tier_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub reject_reason: Option<RejectReason>,
    pub reject_explanation: Option<String>,
    pub duplicate_of: Option<i64>,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<Timestamp>,
    pub signature_count: i64,
    /// The text after reports: visible, held or hidden.
    pub content_status: String,
    /// The answer deadline as stored: set at establishment, moved by an extension.
    pub response_due_at: Option<Timestamp>,
    /// The lifecycle part, as the pure rules see it.
    pub petition: Petition,
}

pub const COLUMNS: &str = "p.id, p.proposer_id, p.jurisdiction_id, p.category_id, p.title, p.problem, p.action, p.benefits,
    p.evidence, p.state, p.signature_threshold, p.signing_days, p.response_days, p.second_tier_threshold, p.sponsors_needed,
    p.allow_signature_withdrawal, p.sponsor_key, p.created_at, p.submitted_at, p.review_due_at, p.opened_at, p.closes_at,
    p.established_at, p.second_tier_at, p.closed_at, p.reject_reason, p.reject_explanation, p.duplicate_of, p.claimed_by,
    p.claimed_until, p.signature_count, p.content_status, p.response_due_at, j.max_agencies, j.review_working_days";

pub const FROM: &str = "petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id";

fn ts(r: &sqlx::any::AnyRow, col: &str) -> Result<Option<Timestamp>, sqlx::Error> {
    Ok(r.try_get::<Option<i64>, _>(col)?.map(Timestamp))
}

pub fn from_row(r: &sqlx::any::AnyRow) -> Result<PetitionRow, sqlx::Error> {
    let state: String = r.try_get("state")?;
    let rules = super::rules::rules_from(r)?;
    let evidence: String = r.try_get("evidence")?;
    Ok(PetitionRow {
        id: r.try_get("id")?,
        proposer_id: r.try_get("proposer_id")?,
        jurisdiction_id: r.try_get("jurisdiction_id")?,
        category_id: r.try_get("category_id")?,
        title: r.try_get("title")?,
        problem: r.try_get("problem")?,
        action: r.try_get("action")?,
        benefits: r.try_get("benefits")?,
        evidence: evidence.lines().filter(|l| !l.is_empty()).map(String::from).collect(),
        sponsor_key: r.try_get("sponsor_key")?,
        created_at: Timestamp(r.try_get("created_at")?),
        submitted_at: ts(r, "submitted_at")?,
        review_due_at: ts(r, "review_due_at")?,
        second_tier_at: ts(r, "second_tier_at")?,
        closed_at: ts(r, "closed_at")?,
        reject_reason: r.try_get::<Option<String>, _>("reject_reason")?.as_deref().and_then(RejectReason::from_code),
        reject_explanation: r.try_get("reject_explanation")?,
        duplicate_of: r.try_get("duplicate_of")?,
        claimed_by: r.try_get("claimed_by")?,
        claimed_until: ts(r, "claimed_until")?,
        content_status: r.try_get("content_status")?,
        response_due_at: ts(r, "response_due_at")?,
        signature_count: r.try_get("signature_count")?,
        petition: Petition {
            state: PetitionState::from_code(&state).ok_or_else(|| sqlx::Error::Decode(format!("unknown state {state}").into()))?,
            rules,
            opened_at: ts(r, "opened_at")?,
            closes_at: ts(r, "closes_at")?,
            established_at: ts(r, "established_at")?,
        },
    })
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<PetitionRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE p.id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.as_ref().map(from_row).transpose()
}

pub async fn by_sponsor_key<'e, E: Executor<'e, Database = Any>>(ex: E, key: &str) -> Result<Option<PetitionRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE p.sponsor_key = $1");
    sqlx::query(&sql).bind(key).fetch_optional(ex).await?.as_ref().map(from_row).transpose()
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Bind a proposal's text and a copy of the rules: $2 … $14 in both statements below.
fn bind_proposal<'q>(q: AnyQuery<'q>, p: &'q Proposal, rules: &Rules) -> AnyQuery<'q> {
    q.bind(p.jurisdiction_id)
        .bind(p.category_id)
        .bind(&p.title)
        .bind(&p.problem)
        .bind(&p.action)
        .bind(&p.benefits)
        .bind(p.evidence.join("\n"))
        .bind(rules.signature_threshold)
        .bind(rules.signing_days)
        .bind(rules.response_days)
        .bind(rules.second_tier_threshold)
        .bind(rules.sponsors_needed)
        .bind(i64::from(rules.allow_signature_withdrawal))
}

pub async fn insert_draft<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    proposer_id: i64,
    p: &Proposal,
    rules: &Rules,
    sponsor_key: &str,
    now: Timestamp,
) -> Result<i64, sqlx::Error> {
    let q = sqlx::query(
        "INSERT INTO petitions (proposer_id, jurisdiction_id, category_id, title, problem, action, benefits, evidence,
            signature_threshold, signing_days, response_days, second_tier_threshold, sponsors_needed, allow_signature_withdrawal,
            sponsor_key, created_at, updated_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17) RETURNING id",
    )
    .bind(proposer_id);
    bind_proposal(q, p, rules)
        .bind(sponsor_key)
        .bind(now.0)
        .bind(PetitionState::Draft.code())
        .fetch_all(ex)
        .await?
        .first()
        .ok_or(sqlx::Error::RowNotFound)?
        .try_get("id")
}

/// Replace a draft's text and refresh its copy of the rules. Only drafts change.
pub async fn update_draft<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, p: &Proposal, rules: &Rules, now: Timestamp) -> Result<bool, sqlx::Error> {
    let q = sqlx::query(
        "UPDATE petitions SET jurisdiction_id = $2, category_id = $3, title = $4, problem = $5, action = $6, benefits = $7,
            evidence = $8, signature_threshold = $9, signing_days = $10, response_days = $11, second_tier_threshold = $12,
            sponsors_needed = $13, allow_signature_withdrawal = $14, updated_at = $15
         WHERE id = $1 AND state = $16",
    )
    .bind(id);
    let done = bind_proposal(q, p, rules).bind(now.0).bind(PetitionState::Draft.code()).execute(ex).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_agencies(tx: &mut sqlx::AnyConnection, id: i64, agency_ids: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM petition_agencies WHERE petition_id = $1").bind(id).execute(&mut *tx).await?;
    for (pos, a) in agency_ids.iter().enumerate() {
        sqlx::query("INSERT INTO petition_agencies (petition_id, agency_id, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(a)
            .bind(pos as i64)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

pub async fn agency_ids<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT agency_id FROM petition_agencies WHERE petition_id = $1 ORDER BY position").bind(id).fetch_all(ex).await?;
    rows.iter().map(|r| r.try_get("agency_id")).collect()
}

/// Open petitions whose window ended by `by`, oldest first (for the closing job).
pub async fn open_closing_by<'e, E: Executor<'e, Database = Any>>(ex: E, by: Timestamp) -> Result<Vec<i64>, sqlx::Error> {
    static SQL: LazyLock<String> =
        LazyLock::new(|| format!("SELECT id FROM petitions WHERE state = {} AND closes_at <= $1 ORDER BY closes_at", states::one(PetitionState::Open)));
    sqlx::query(&SQL).bind(by.0).fetch_all(ex).await?.iter().map(|r| r.try_get("id")).collect()
}

/// Write the lifecycle fields of `p` if the row is still in state `from`
/// (so two instances or two moderators cannot both apply a transition).
/// The due date is set once at establishment (an extension may move it later) and
/// cleared with the establishment when the machine undoes it.
pub async fn save_lifecycle<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    from: PetitionState,
    p: &Petition,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let r = &p.rules;
    let done = sqlx::query(
        "UPDATE petitions SET state = $3, opened_at = $4, closes_at = $5, established_at = $6,
            response_due_at = CASE WHEN $15 = 1 THEN COALESCE(response_due_at, $7) ELSE NULL END,
            signature_threshold = $8, signing_days = $9, response_days = $10,
            second_tier_threshold = $11, allow_signature_withdrawal = $12, updated_at = $13,
            closed_at = CASE WHEN $14 = 1 THEN $5 ELSE closed_at END
         WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from.code())
    .bind(p.state.code())
    .bind(p.opened_at.map(|t| t.0))
    .bind(p.closes_at.map(|t| t.0))
    .bind(p.established_at.map(|t| t.0))
    .bind(p.response_due().map(|t| t.0))
    .bind(r.signature_threshold)
    .bind(r.signing_days)
    .bind(r.response_days)
    .bind(r.second_tier_threshold)
    .bind(i64::from(r.allow_signature_withdrawal))
    .bind(now.0)
    .bind(i64::from(p.state == PetitionState::Closed))
    .bind(i64::from(p.established_at.is_some()))
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_submitted<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp, review_due: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET submitted_at = $2, review_due_at = $3 WHERE id = $1").bind(id).bind(now.0).bind(review_due.0).execute(ex).await?;
    Ok(())
}

pub async fn set_rejection<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    reason: RejectReason,
    explanation: &str,
    duplicate_of: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET reject_reason = $2, reject_explanation = $3, duplicate_of = $4, claimed_by = NULL, claimed_until = NULL WHERE id = $1")
        .bind(id)
        .bind(reason.code())
        .bind(explanation)
        .bind(duplicate_of)
        .execute(ex)
        .await?;
    Ok(())
}

/// Take the review lock unless another moderator holds an unexpired one.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, moderator: i64, now: Timestamp, until: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET claimed_by = $2, claimed_until = $4
         WHERE id = $1 AND state = $5 AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until <= $3)",
    )
    .bind(id)
    .bind(moderator)
    .bind(now.0)
    .bind(until.0)
    .bind(PetitionState::InReview.code())
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn release_claim<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET claimed_by = NULL, claimed_until = NULL WHERE id = $1").bind(id).execute(ex).await?;
    Ok(())
}

/// Add to the public timeline.
pub async fn add_event<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, at: Timestamp, kind: &str, detail: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO petition_events (petition_id, at, kind, detail) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(at.0)
        .bind(kind)
        .bind(detail)
        .execute(ex)
        .await?;
    Ok(())
}

/// Replace the search terms of a petition.
pub async fn index_terms(tx: &mut sqlx::AnyConnection, id: i64, terms: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM petition_terms WHERE petition_id = $1").bind(id).execute(&mut *tx).await?;
    for t in terms {
        sqlx::query("INSERT INTO petition_terms (term, petition_id) VALUES ($1, $2)").bind(t).bind(id).execute(&mut *tx).await?;
    }
    Ok(())
}

pub async fn sponsor<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, user_id: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO petition_sponsors (petition_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT (petition_id, user_id) DO NOTHING")
        .bind(id)
        .bind(user_id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn sponsor_count<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM petition_sponsors WHERE petition_id = $1").bind(id).fetch_one(ex).await?.try_get("n")
}

/// What signing needs to know, in one round trip: state, closing time, whether
/// withdrawal is allowed, the title (for emails) and whether signing is paused site-wide.
pub struct SigningStatus {
    pub state: PetitionState,
    pub closes_at: Option<Timestamp>,
    pub allow_withdrawal: bool,
    pub title: String,
    pub paused: bool,
}

pub async fn signing_status<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<SigningStatus>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.state, p.closes_at, p.allow_signature_withdrawal, p.title,
            (SELECT COUNT(*) FROM site_pauses WHERE ended_at IS NULL AND signing = 1) AS paused
         FROM petitions p WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await?;
    row.map(|r| {
        let state: String = r.try_get("state")?;
        Ok(SigningStatus {
            state: PetitionState::from_code(&state).unwrap_or(PetitionState::Hidden),
            closes_at: ts(&r, "closes_at")?,
            allow_withdrawal: r.try_get::<i64, _>("allow_signature_withdrawal")? != 0,
            title: r.try_get("title")?,
            paused: r.try_get::<i64, _>("paused")? > 0,
        })
    })
    .transpose()
}

/// The current response due date (after any extension).
pub async fn response_due_at<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<Timestamp>, sqlx::Error> {
    let r = sqlx::query("SELECT response_due_at FROM petitions WHERE id = $1").bind(id).fetch_optional(ex).await?;
    Ok(r.and_then(|r| r.try_get::<Option<i64>, _>("response_due_at").ok().flatten()).map(Timestamp))
}
