//! Reports, moderators' actions (the public log), appeals and suspensions.
use super::states;
use crate::domain::discussion::Target;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};
use std::sync::LazyLock;

/// Record a report; `false` if this person already reported the item.
pub async fn add_report(tx: &mut sqlx::AnyConnection, target: Target, reporter: i64, reason: &str, details: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO reports (target_kind, target_id, reporter_id, reason, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (target_kind, target_id, reporter_id) DO NOTHING",
    )
    .bind(target.kind())
    .bind(target.id())
    .bind(reporter)
    .bind(reason)
    .bind(details)
    .bind(now.0)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open reports on an item: how many, and when the first came.
pub async fn open_reports<'e, E: Executor<'e, Database = Any>>(ex: E, target: Target) -> Result<(i64, Option<Timestamp>), sqlx::Error> {
    let r = sqlx::query("SELECT COUNT(*) AS n, MIN(created_at) AS first FROM reports WHERE target_kind = $1 AND target_id = $2 AND resolved_at IS NULL")
        .bind(target.kind())
        .bind(target.id())
        .fetch_one(ex)
        .await?;
    Ok((r.try_get("n")?, r.try_get::<Option<i64>, _>("first")?.map(Timestamp)))
}

pub async fn resolve_reports<'e, E: Executor<'e, Database = Any>>(ex: E, target: Target, action_id: i64, now: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("UPDATE reports SET resolved_at = $1, action_id = $2 WHERE target_kind = $3 AND target_id = $4 AND resolved_at IS NULL")
        .bind(now.0)
        .bind(action_id)
        .bind(target.kind())
        .bind(target.id())
        .execute(ex)
        .await?
        .rows_affected())
}

pub struct QueueRow {
    pub target: Target,
    pub reports: i64,
    pub first_at: Timestamp,
}

/// Items with open reports, the longest waiting first.
pub async fn queue<'e, E: Executor<'e, Database = Any>>(ex: E, limit: i64) -> Result<Vec<QueueRow>, sqlx::Error> {
    sqlx::query(
        "SELECT target_kind, target_id, COUNT(*) AS n, MIN(created_at) AS first FROM reports WHERE resolved_at IS NULL
         GROUP BY target_kind, target_id ORDER BY MIN(created_at), target_kind, target_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(ex)
    .await?
    .iter()
    .filter_map(|r| {
        let kind: String = r.try_get("target_kind").ok()?;
        Some(Ok(QueueRow {
            target: Target::from_parts(&kind, r.try_get("target_id").ok()?)?,
            reports: r.try_get("n").ok()?,
            first_at: Timestamp(r.try_get("first").ok()?),
        }))
    })
    .collect()
}

/// The open reports' reasons and texts for one item (reporters are not shown).
pub async fn report_reasons<'e, E: Executor<'e, Database = Any>>(ex: E, target: Target) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query("SELECT reason, details FROM reports WHERE target_kind = $1 AND target_id = $2 AND resolved_at IS NULL ORDER BY created_at, id")
        .bind(target.kind())
        .bind(target.id())
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("reason")?, r.try_get("details")?)))
        .collect()
}

pub struct NewAction<'a> {
    pub kind: &'a str,
    pub target: Target,
    pub petition_id: Option<i64>,
    pub subject_user_id: Option<i64>,
    pub reason: &'a str,
    pub explanation: &'a str,
    pub excerpt: Option<&'a str>,
    pub moderator_id: i64,
    pub now: Timestamp,
    pub first_report_at: Option<Timestamp>,
    pub reports: i64,
    pub suspended_until: Option<Timestamp>,
    pub appeal_of: Option<i64>,
}

pub async fn add_action(tx: &mut sqlx::AnyConnection, a: NewAction<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO moderation_actions (kind, target_kind, target_id, petition_id, subject_user_id, reason, explanation, excerpt, moderator_id, created_at,
         first_report_at, reports, suspended_until, appeal_of) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(a.kind)
    .bind(a.target.kind())
    .bind(a.target.id())
    .bind(a.petition_id)
    .bind(a.subject_user_id)
    .bind(a.reason)
    .bind(a.explanation)
    .bind(a.excerpt)
    .bind(a.moderator_id)
    .bind(a.now.0)
    .bind(a.first_report_at.map(|t| t.0))
    .bind(a.reports)
    .bind(a.suspended_until.map(|t| t.0))
    .bind(a.appeal_of)
    .fetch_all(&mut *tx)
    .await?
    .first()
    .ok_or(sqlx::Error::RowNotFound)?
    .try_get("id")
}

#[derive(Debug, Clone)]
pub struct ActionRow {
    pub id: i64,
    pub kind: String,
    pub target: Target,
    pub petition_id: Option<i64>,
    /// The title of the petition, or of the consultation.
    pub petition_title: Option<String>,
    pub consultation_id: Option<i64>,
    /// Set for a comment on a draft regulation (its notice: title and link).
    pub regulation_id: Option<i64>,
    pub subject_user_id: Option<i64>,
    pub reason: String,
    pub explanation: String,
    pub excerpt: Option<String>,
    pub moderator_id: i64,
    pub moderator_name: String,
    pub created_at: Timestamp,
    pub first_report_at: Option<Timestamp>,
    pub suspended_until: Option<Timestamp>,
    pub appeal_of: Option<i64>,
}

// A comment or statement on a consultation is filed under no petition: its consultation
// (title and link) comes through the comment or the statement's conversation. A comment on a
// draft regulation likewise brings its notice.
const ACTION_SELECT: &str = "SELECT m.id, m.kind, m.target_kind, m.target_id, m.petition_id, COALESCE(p.title, k.title, rg.title) AS title,
    k.id AS consultation_id, rg.id AS regulation_id, m.subject_user_id, m.reason, m.explanation, m.excerpt, m.moderator_id, u.display_name, m.created_at,
    m.first_report_at, m.suspended_until, m.appeal_of
    FROM moderation_actions m JOIN users u ON u.id = m.moderator_id LEFT JOIN petitions p ON p.id = m.petition_id
    LEFT JOIN comments mc ON m.target_kind = 'comment' AND mc.id = m.target_id
    LEFT JOIN statements ms ON m.target_kind = 'statement' AND ms.id = m.target_id
    LEFT JOIN conversations mv ON mv.id = ms.conversation_id AND mv.kind = 'consultation'
    LEFT JOIN consultations k ON k.id = COALESCE(mc.consultation_id, mv.subject)
    LEFT JOIN regulation_comments mr ON m.target_kind = 'regulation_comment' AND mr.id = m.target_id
    LEFT JOIN regulations rg ON rg.id = mr.regulation_id";

fn action(r: &sqlx::any::AnyRow) -> Result<ActionRow, sqlx::Error> {
    let kind: String = r.try_get("target_kind")?;
    Ok(ActionRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        target: Target::from_parts(&kind, r.try_get("target_id")?).ok_or(sqlx::Error::RowNotFound)?,
        petition_id: r.try_get("petition_id")?,
        petition_title: r.try_get("title")?,
        consultation_id: r.try_get("consultation_id")?,
        regulation_id: r.try_get("regulation_id")?,
        subject_user_id: r.try_get("subject_user_id")?,
        reason: r.try_get("reason")?,
        explanation: r.try_get("explanation")?,
        excerpt: r.try_get("excerpt")?,
        moderator_id: r.try_get("moderator_id")?,
        moderator_name: r.try_get("display_name")?,
        created_at: Timestamp(r.try_get("created_at")?),
        first_report_at: r.try_get::<Option<i64>, _>("first_report_at")?.map(Timestamp),
        suspended_until: r.try_get::<Option<i64>, _>("suspended_until")?.map(Timestamp),
        appeal_of: r.try_get("appeal_of")?,
    })
}

pub async fn get_action<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<ActionRow>, sqlx::Error> {
    let sql = format!("{ACTION_SELECT} WHERE m.id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.map(|r| action(&r)).transpose()
}

/// Kinds of the review decisions the public log shows beside moderation actions.
pub const KIND_APPROVED: &str = "approve_petition";
pub const KIND_REJECTED: &str = "reject_petition";

/// Review decisions (approve, reject) as log rows. They are recorded in the audit log in
/// the decision's own transaction; the rejection's public explanation is on the petition.
/// A petition rejected for its content (hidden) keeps its title and link out of the log.
static REVIEW_SELECT: LazyLock<String> = LazyLock::new(|| {
    let hidden = states::one(PetitionState::Hidden);
    format!(
        "SELECT a.id, CASE WHEN a.action = 'petition.approve' THEN '{KIND_APPROVED}' ELSE '{KIND_REJECTED}' END AS kind,
            'petition' AS target_kind, p.id AS target_id, CASE WHEN p.state = {hidden} THEN NULL ELSE p.id END AS petition_id,
            CASE WHEN p.state = {hidden} THEN NULL ELSE p.title END AS title, NULL AS consultation_id, NULL AS regulation_id,
            p.proposer_id AS subject_user_id, a.detail AS reason,
            CASE WHEN a.action = 'petition.reject' THEN COALESCE(p.reject_explanation, '') ELSE '' END AS explanation, NULL AS excerpt,
            COALESCE(a.actor_user_id, 0) AS moderator_id, COALESCE(u.display_name, '') AS display_name, a.at AS created_at,
            NULL AS first_report_at, NULL AS suspended_until, NULL AS appeal_of, 1 AS src
         FROM audit_log a JOIN petitions p ON CAST(p.id AS TEXT) = a.target LEFT JOIN users u ON u.id = a.actor_user_id
         WHERE a.action IN ('petition.approve', 'petition.reject')"
    )
});

/// Moderation actions (`src` 0) and review decisions (`src` 1) as one list of rows.
static LOG_UNION: LazyLock<String> = LazyLock::new(|| {
    let actions = ACTION_SELECT.replacen(" FROM moderation_actions", ", 0 AS src FROM moderation_actions", 1);
    format!(
        "SELECT id, kind, target_kind, target_id, petition_id, title, consultation_id, regulation_id, subject_user_id, reason, explanation, excerpt,
            moderator_id, display_name, created_at, first_report_at, suspended_until, appeal_of, src
         FROM ({actions} UNION ALL {}) x",
        *REVIEW_SELECT
    )
});

/// Where a page of the log ends: (time, source, id), the order the log is listed in.
pub type LogCursor = (Timestamp, i64, i64);

/// Which list an entry's id belongs to (ids of the two sources may coincide).
pub fn log_source(kind: &str) -> i64 {
    i64::from(kind == KIND_APPROVED || kind == KIND_REJECTED)
}

/// The public log, newest first: moderation actions and review decisions together.
pub async fn log<'e, E: Executor<'e, Database = Any>>(ex: E, offset: i64, limit: i64) -> Result<Vec<ActionRow>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| format!("{} ORDER BY created_at DESC, src DESC, id DESC LIMIT $1 OFFSET $2", *LOG_UNION));
    sqlx::query(&SQL).bind(limit).bind(offset).fetch_all(ex).await?.iter().map(action).collect()
}

/// The same log after `cursor` (for the open-data API's pages).
pub async fn log_after<'e, E: Executor<'e, Database = Any>>(ex: E, cursor: Option<LogCursor>, limit: i64) -> Result<Vec<ActionRow>, sqlx::Error> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} WHERE created_at < $1 OR (created_at = $1 AND (src < $2 OR (src = $2 AND id < $3)))
             ORDER BY created_at DESC, src DESC, id DESC LIMIT $4",
            *LOG_UNION
        )
    });
    let (at, src, id) = cursor.unwrap_or((Timestamp(i64::MAX), 2, 0));
    sqlx::query(&SQL).bind(at.0).bind(src).bind(id).bind(limit).fetch_all(ex).await?.iter().map(action).collect()
}

/// How many entries the public log has (moderation actions and review decisions).
pub async fn count_log<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT (SELECT COUNT(*) FROM moderation_actions) + (SELECT COUNT(*) FROM audit_log a JOIN petitions p ON CAST(p.id AS TEXT) = a.target
            WHERE a.action IN ('petition.approve', 'petition.reject')) AS n",
    )
    .fetch_one(ex)
    .await?
    .try_get("n")
}

pub async fn count_actions<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM moderation_actions").fetch_one(ex).await?.try_get("n")
}

/// The latest action of the given kinds on an item (e.g. the hiding a restore undoes).
pub async fn latest_on<'e, E: Executor<'e, Database = Any>>(ex: E, target: Target) -> Result<Option<ActionRow>, sqlx::Error> {
    let sql = format!("{ACTION_SELECT} WHERE m.target_kind = $1 AND m.target_id = $2 ORDER BY m.id DESC LIMIT 1");
    sqlx::query(&sql).bind(target.kind()).bind(target.id()).fetch_optional(ex).await?.map(|r| action(&r)).transpose()
}

#[derive(Debug, Clone)]
pub struct AppealRow {
    pub id: i64,
    pub action_id: i64,
    pub user_id: i64,
    pub text: String,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub upheld: Option<bool>,
}

fn appeal(r: &sqlx::any::AnyRow) -> Result<AppealRow, sqlx::Error> {
    Ok(AppealRow {
        id: r.try_get("id")?,
        action_id: r.try_get("action_id")?,
        user_id: r.try_get("user_id")?,
        text: r.try_get("text")?,
        created_at: Timestamp(r.try_get("created_at")?),
        decided_at: r.try_get::<Option<i64>, _>("decided_at")?.map(Timestamp),
        upheld: r.try_get::<Option<i64>, _>("upheld")?.map(|u| u != 0),
    })
}

const APPEAL_COLUMNS: &str = "id, action_id, user_id, text, created_at, decided_at, upheld";

/// File an appeal; `false` if the decision was already appealed.
pub async fn add_appeal(tx: &mut sqlx::AnyConnection, action_id: i64, user_id: i64, text: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("INSERT INTO appeals (action_id, user_id, text, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (action_id) DO NOTHING")
        .bind(action_id)
        .bind(user_id)
        .bind(text)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn appeal_of_action<'e, E: Executor<'e, Database = Any>>(ex: E, action_id: i64) -> Result<Option<AppealRow>, sqlx::Error> {
    let sql = format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE action_id = $1");
    sqlx::query(&sql).bind(action_id).fetch_optional(ex).await?.map(|r| appeal(&r)).transpose()
}

pub async fn get_appeal<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<AppealRow>, sqlx::Error> {
    let sql = format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.map(|r| appeal(&r)).transpose()
}

pub async fn open_appeals<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<AppealRow>, sqlx::Error> {
    let sql = format!("SELECT {APPEAL_COLUMNS} FROM appeals WHERE decided_at IS NULL ORDER BY created_at, id LIMIT 100");
    sqlx::query(&sql).fetch_all(ex).await?.iter().map(appeal).collect()
}

/// Decide an open appeal once; `false` if someone decided it first.
pub async fn decide_appeal<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    by: i64,
    upheld: bool,
    decision: i64,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE appeals SET decided_at = $1, decided_by = $2, upheld = $3, decision_action_id = $4 WHERE id = $5 AND decided_at IS NULL")
        .bind(now.0)
        .bind(by)
        .bind(upheld as i64)
        .bind(decision)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_suspended<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, until: Option<Timestamp>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET suspended_until = $1 WHERE id = $2").bind(until.map(|t| t.0)).bind(user_id).execute(ex).await?;
    Ok(())
}

/// Accounts suspended now: (id, display name, until).
pub async fn suspended_users<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp) -> Result<Vec<(i64, String, Timestamp)>, sqlx::Error> {
    sqlx::query("SELECT id, display_name, suspended_until FROM users WHERE suspended_until > $1 AND deleted_at IS NULL ORDER BY suspended_until LIMIT 200")
        .bind(now.0)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("display_name")?, Timestamp(r.try_get("suspended_until")?))))
        .collect()
}

pub async fn set_petition_content<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, status: &str, reason: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET content_status = $1, content_reason = $2 WHERE id = $3").bind(status).bind(reason).bind(id).execute(ex).await?;
    Ok(())
}

pub async fn set_locked<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, locked: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET discussion_locked = $1 WHERE id = $2").bind(locked as i64).bind(id).execute(ex).await?;
    Ok(())
}

/// What discussion and moderation need to know of a petition, in one read.
pub struct PetitionMeta {
    pub proposer: i64,
    pub title: String,
    /// As recorded (the deadline job closes an open petition within seconds of its end).
    pub state: String,
    /// The text after reports: visible, held or hidden.
    pub content_status: String,
    pub content_reason: Option<String>,
    pub locked: bool,
    pub comments: i64,
    pub top_comments: i64,
}

pub async fn petition_meta<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<PetitionMeta>, sqlx::Error> {
    sqlx::query(
        "SELECT proposer_id, title, state, content_status, content_reason, discussion_locked, comment_count, top_comment_count FROM petitions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(ex)
    .await?
    .map(|r| {
        Ok(PetitionMeta {
            proposer: r.try_get("proposer_id")?,
            title: r.try_get("title")?,
            state: r.try_get("state")?,
            content_status: r.try_get("content_status")?,
            content_reason: r.try_get("content_reason")?,
            locked: r.try_get::<i64, _>("discussion_locked")? != 0,
            comments: r.try_get("comment_count")?,
            top_comments: r.try_get("top_comment_count")?,
        })
    })
    .transpose()
}

/// What the monthly figures are made of, since `from`.
pub struct FigureRows {
    pub reports: Vec<Timestamp>,
    /// (kind, at, first report at)
    pub actions: Vec<(String, Timestamp, Option<Timestamp>)>,
}

pub async fn figure_rows<'e, E: Executor<'e, Database = Any> + Copy>(ex: E, from: Timestamp) -> Result<FigureRows, sqlx::Error> {
    let reports = sqlx::query("SELECT created_at FROM reports WHERE created_at >= $1").bind(from.0).fetch_all(ex).await?;
    let actions = sqlx::query("SELECT kind, created_at, first_report_at FROM moderation_actions WHERE created_at >= $1").bind(from.0).fetch_all(ex).await?;
    Ok(FigureRows {
        reports: reports.iter().map(|r| r.try_get("created_at").map(Timestamp)).collect::<Result<_, _>>()?,
        actions: actions
            .iter()
            .map(|r| Ok((r.try_get("kind")?, Timestamp(r.try_get("created_at")?), r.try_get::<Option<i64>, _>("first_report_at")?.map(Timestamp))))
            .collect::<Result<_, sqlx::Error>>()?,
    })
}
