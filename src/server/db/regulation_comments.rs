//! Comments on draft regulations and the agency's answers to them. A comment stays on the
//! version and article it was made on; one answer may cover several comments.
use crate::domain::regulation::notice::CommentText;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone)]
pub struct CommentRow {
    pub id: i64,
    pub regulation_id: i64,
    pub version: i64,
    pub article_id: Option<i64>,
    pub article_number: Option<String>,
    pub article_heading: Option<String>,
    pub author_id: i64,
    pub author_name: String,
    pub organisation_name: Option<String>,
    pub stance: Option<String>,
    pub body: String,
    pub wording: Option<String>,
    pub created_at: Timestamp,
    /// visible, held (reports reached the threshold) or hidden (by a moderator).
    pub status: String,
    pub answer: Option<AnswerRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    pub id: i64,
    pub outcome: String,
    pub reason: String,
    pub created_at: Timestamp,
}

const SELECT: &str = "SELECT c.id, c.regulation_id, v.number AS version, c.article_id, ar.number AS article_number, ar.heading AS article_heading,
        c.author_id, u.display_name, c.organisation_name, c.stance, c.body, c.wording, c.created_at, c.status,
        c.answer_id, an.outcome, an.reason, an.created_at AS answered_at
     FROM regulation_comments c JOIN users u ON u.id = c.author_id JOIN regulation_versions v ON v.id = c.version_id
     LEFT JOIN regulation_articles ar ON ar.id = c.article_id LEFT JOIN regulation_answers an ON an.id = c.answer_id";

fn row_of(r: &sqlx::any::AnyRow) -> Result<CommentRow, sqlx::Error> {
    let answer = match r.try_get::<Option<i64>, _>("answer_id")? {
        Some(id) => Some(AnswerRow { id, outcome: r.try_get("outcome")?, reason: r.try_get("reason")?, created_at: Timestamp(r.try_get("answered_at")?) }),
        None => None,
    };
    Ok(CommentRow {
        id: r.try_get("id")?,
        regulation_id: r.try_get("regulation_id")?,
        version: r.try_get("version")?,
        article_id: r.try_get("article_id")?,
        article_number: r.try_get("article_number")?,
        article_heading: r.try_get("article_heading")?,
        author_id: r.try_get("author_id")?,
        author_name: r.try_get("display_name")?,
        organisation_name: r.try_get("organisation_name")?,
        stance: r.try_get("stance")?,
        body: r.try_get("body")?,
        wording: r.try_get("wording")?,
        created_at: Timestamp(r.try_get("created_at")?),
        status: r.try_get("status")?,
        answer,
    })
}

pub struct NewComment<'a> {
    pub regulation_id: i64,
    pub version_id: i64,
    pub article_id: Option<i64>,
    pub author_id: i64,
    pub organisation_name: Option<&'a str>,
    pub text: &'a CommentText,
    pub now: Timestamp,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, c: NewComment<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO regulation_comments (regulation_id, version_id, article_id, author_id, organisation_name, stance, body, wording, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(c.regulation_id)
    .bind(c.version_id)
    .bind(c.article_id)
    .bind(c.author_id)
    .bind(c.organisation_name)
    .bind(c.text.stance.map(|s| s.code()))
    .bind(&c.text.body)
    .bind(c.text.wording.as_deref())
    .bind(c.now.0)
    .fetch_one(ex)
    .await?
    .try_get("id")
}

/// Every comment on a notice, oldest first (hidden ones included: callers decide what shows).
pub async fn of_notice<'e, E: Executor<'e, Database = Any>>(ex: E, regulation_id: i64) -> Result<Vec<CommentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.regulation_id = $1 ORDER BY c.id");
    sqlx::query(&sql).bind(regulation_id).fetch_all(ex).await?.iter().map(row_of).collect()
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<CommentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.map(|r| row_of(&r)).transpose()
}

/// Record one answer and attach it to the given comments of the notice that have none yet.
/// Returns how many comments it now answers.
pub async fn answer(
    tx: &mut sqlx::AnyConnection,
    regulation_id: i64,
    comment_ids: &[i64],
    outcome: &str,
    reason: &str,
    by: i64,
    now: Timestamp,
) -> Result<u64, sqlx::Error> {
    let answer_id: i64 =
        sqlx::query("INSERT INTO regulation_answers (regulation_id, outcome, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(regulation_id)
            .bind(outcome)
            .bind(reason)
            .bind(by)
            .bind(now.0)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
    let mut n = 0;
    for id in comment_ids {
        n += sqlx::query(
            "UPDATE regulation_comments SET answer_id = $1 WHERE id = $2 AND regulation_id = $3 AND answer_id IS NULL AND status IN ('visible', 'held')",
        )
        .bind(answer_id)
        .bind(*id)
        .bind(regulation_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// Comments of the notice still owed an answer: a held one (awaiting review) is; a hidden one
/// (a moderator's decision) is not.
pub async fn unanswered<'e, E: Executor<'e, Database = Any>>(ex: E, regulation_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM regulation_comments WHERE regulation_id = $1 AND answer_id IS NULL AND status IN ('visible', 'held')")
        .bind(regulation_id)
        .fetch_one(ex)
        .await?
        .try_get("n")
}

/// Move a comment from `from` to `to` (visible, held or hidden) with the moderator's reason
/// code; `false` if it was not in `from` (reports or another moderator moved it meanwhile).
pub async fn set_status<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, from: &str, to: &str, reason: Option<&str>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE regulation_comments SET status = $1, status_reason = $2 WHERE id = $3 AND status = $4")
        .bind(to)
        .bind(reason)
        .bind(id)
        .bind(from)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The title of the notice a comment is on (for the moderators' queue).
pub async fn notice_title<'e, E: Executor<'e, Database = Any>>(ex: E, regulation_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT title FROM regulations WHERE id = $1").bind(regulation_id).fetch_optional(ex).await?;
    row.map(|r| r.try_get("title")).transpose()
}

/// The organisation an account has been verified as, if any.
pub async fn organisation_of<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT organisation_name FROM users WHERE id = $1").bind(user_id).fetch_optional(ex).await?;
    Ok(row.and_then(|r| r.try_get::<Option<String>, _>("organisation_name").ok().flatten()))
}
