//! Conversations (a petition's or a consultation's statements and votes) and their stored
//! opinion maps. Counts are read with the statements, so a page costs one query each.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

pub struct Conversation {
    pub id: i64,
    /// "petition" or "consultation", and which one.
    pub kind: String,
    pub subject: i64,
    pub strict: bool,
    pub changed_at: Timestamp,
    pub computed_at: Timestamp,
    pub map_json: Option<String>,
    pub state_json: Option<String>,
}

fn conversation_of(r: &sqlx::any::AnyRow) -> Result<Conversation, sqlx::Error> {
    Ok(Conversation {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        subject: r.try_get("subject")?,
        strict: r.try_get::<i64, _>("strict")? != 0,
        changed_at: Timestamp(r.try_get("changed_at")?),
        computed_at: Timestamp(r.try_get("computed_at")?),
        map_json: r.try_get("map_json")?,
        state_json: r.try_get("state_json")?,
    })
}

const CONVERSATION: &str = "SELECT id, kind, subject, strict, changed_at, computed_at, map_json, state_json FROM conversations";

pub async fn find<'e, E: Executor<'e, Database = Any>>(ex: E, kind: &str, subject: i64) -> Result<Option<Conversation>, sqlx::Error> {
    let row = sqlx::query(&format!("{CONVERSATION} WHERE kind = $1 AND subject = $2")).bind(kind).bind(subject).fetch_optional(ex).await?;
    row.as_ref().map(conversation_of).transpose()
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<Conversation>, sqlx::Error> {
    let row = sqlx::query(&format!("{CONVERSATION} WHERE id = $1")).bind(id).fetch_optional(ex).await?;
    row.as_ref().map(conversation_of).transpose()
}

/// The conversation of a petition or consultation, made on first use (twice is once).
pub async fn ensure(tx: &mut sqlx::AnyConnection, kind: &str, subject: i64, now: Timestamp) -> Result<Conversation, sqlx::Error> {
    sqlx::query("INSERT INTO conversations (kind, subject, created_at) VALUES ($1, $2, $3) ON CONFLICT (kind, subject) DO NOTHING")
        .bind(kind)
        .bind(subject)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    find(&mut *tx, kind, subject).await?.ok_or(sqlx::Error::RowNotFound)
}

/// A statement or vote changed the conversation: the map job will recompute it.
pub async fn touch<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE conversations SET changed_at = $1 WHERE id = $2 AND changed_at < $1").bind(now.0).bind(id).execute(ex).await?;
    Ok(())
}

pub async fn insert_statement(
    tx: &mut sqlx::AnyConnection,
    conversation_id: i64,
    author_id: i64,
    body: &str,
    status: &str,
    seed: bool,
    now: Timestamp,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("INSERT INTO statements (conversation_id, author_id, body, status, seed, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(conversation_id)
        .bind(author_id)
        .bind(body)
        .bind(status)
        .bind(seed as i64)
        .bind(now.0)
        .fetch_one(&mut *tx)
        .await?;
    row.try_get("id")
}

/// Whether the same text is already in the conversation (a repeat adds nothing to the map).
pub async fn has_text<'e, E: Executor<'e, Database = Any>>(ex: E, conversation_id: i64, body: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM statements WHERE conversation_id = $1 AND body = $2 AND status <> 'declined'")
        .bind(conversation_id)
        .bind(body)
        .fetch_optional(ex)
        .await?;
    Ok(row.is_some())
}

pub struct StatementRow {
    pub id: i64,
    pub conversation_id: i64,
    pub author_id: i64,
    pub body: String,
    pub status: String,
    pub seed: bool,
    pub created_at: Timestamp,
    pub agree: i64,
    pub disagree: i64,
    pub pass: i64,
}

const STATEMENT: &str = "SELECT s.id, s.conversation_id, s.author_id, s.body, s.status, s.seed, s.created_at,
        CAST(COALESCE(SUM(CASE WHEN v.value = 1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS agree,
        CAST(COALESCE(SUM(CASE WHEN v.value = -1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS disagree,
        CAST(COALESCE(SUM(CASE WHEN v.value = 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS pass
    FROM statements s LEFT JOIN statement_votes v ON v.statement_id = s.id";
const GROUP: &str = "GROUP BY s.id, s.conversation_id, s.author_id, s.body, s.status, s.seed, s.created_at";

fn statement_of(r: &sqlx::any::AnyRow) -> Result<StatementRow, sqlx::Error> {
    Ok(StatementRow {
        id: r.try_get("id")?,
        conversation_id: r.try_get("conversation_id")?,
        author_id: r.try_get("author_id")?,
        body: r.try_get("body")?,
        status: r.try_get("status")?,
        seed: r.try_get::<i64, _>("seed")? != 0,
        created_at: Timestamp(r.try_get("created_at")?),
        agree: r.try_get("agree")?,
        disagree: r.try_get("disagree")?,
        pass: r.try_get("pass")?,
    })
}

pub async fn statement<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<StatementRow>, sqlx::Error> {
    let row = sqlx::query(&format!("{STATEMENT} WHERE s.id = $1 {GROUP}")).bind(id).fetch_optional(ex).await?;
    row.as_ref().map(statement_of).transpose()
}

/// Every statement of the conversation with `status` ("" for all), oldest first.
pub async fn statements<'e, E: Executor<'e, Database = Any>>(ex: E, conversation_id: i64, status: &str) -> Result<Vec<StatementRow>, sqlx::Error> {
    let rows = sqlx::query(&format!("{STATEMENT} WHERE s.conversation_id = $1 AND ($2 = '' OR s.status = $2) {GROUP} ORDER BY s.id"))
        .bind(conversation_id)
        .bind(status)
        .fetch_all(ex)
        .await?;
    rows.iter().map(statement_of).collect()
}

pub async fn set_status<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, from: &str, to: &str) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE statements SET status = $1 WHERE id = $2 AND status = $3").bind(to).bind(id).bind(from).execute(ex).await?;
    Ok(r.rows_affected() == 1)
}

/// Cast or change a vote (agree 1, disagree -1, pass 0).
pub async fn vote<'e, E: Executor<'e, Database = Any>>(ex: E, statement_id: i64, user_id: i64, value: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO statement_votes (statement_id, user_id, value, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (statement_id, user_id) DO UPDATE SET value = excluded.value, at = excluded.at",
    )
    .bind(statement_id)
    .bind(user_id)
    .bind(value)
    .bind(now.0)
    .execute(ex)
    .await?;
    Ok(())
}

/// This person's votes in the conversation: (statement, value).
pub async fn votes_of<'e, E: Executor<'e, Database = Any>>(ex: E, conversation_id: i64, user_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.statement_id, v.value FROM statement_votes v JOIN statements s ON s.id = v.statement_id
         WHERE s.conversation_id = $1 AND v.user_id = $2 ORDER BY v.statement_id",
    )
    .bind(conversation_id)
    .bind(user_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("statement_id")?, r.try_get("value")?))).collect()
}

/// Every vote on the conversation's statements that are not rejected: (user, statement, value),
/// ordered so the matrix is built in one pass.
pub async fn all_votes<'e, E: Executor<'e, Database = Any>>(ex: E, conversation_id: i64) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.user_id, v.statement_id, v.value FROM statement_votes v JOIN statements s ON s.id = v.statement_id
         WHERE s.conversation_id = $1 AND s.status <> 'declined' ORDER BY v.user_id, v.statement_id",
    )
    .bind(conversation_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("user_id")?, r.try_get("statement_id")?, r.try_get("value")?))).collect()
}

/// Conversations whose map is not newer than their last change and was not computed in the
/// last `debounce` (so a busy conversation is recomputed at most that often). A change in the
/// very millisecond of the last computation counts as newer: it may have been missed.
pub async fn due<'e, E: Executor<'e, Database = Any>>(ex: E, now: Timestamp, debounce_ms: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM conversations WHERE changed_at >= computed_at AND computed_at <= $1 ORDER BY changed_at LIMIT 20")
        .bind(now.0 - debounce_ms)
        .fetch_all(ex)
        .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// Store a map computed from the data as of `as_of`, unless another instance stored a newer one.
pub async fn store_map<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    previous: Timestamp,
    as_of: Timestamp,
    map_json: &str,
    state_json: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE conversations SET computed_at = $1, map_json = $2, state_json = $3 WHERE id = $4 AND computed_at = $5")
        .bind(as_of.0)
        .bind(map_json)
        .bind(state_json)
        .bind(id)
        .bind(previous.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_strict<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, strict: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE conversations SET strict = $1 WHERE id = $2").bind(strict as i64).bind(id).execute(ex).await?;
    Ok(())
}

/// The conversation's pseudonym key (hex), made on first use; concurrent first uses agree
/// because only the first write lands.
pub async fn pseudonym_key(pool: &sqlx::AnyPool, id: i64) -> Result<String, sqlx::Error> {
    let key: String = crate::server::auth::tokens::generate(32).0;
    sqlx::query("UPDATE conversations SET pseudonym_key = $1 WHERE id = $2 AND pseudonym_key IS NULL").bind(&key).bind(id).execute(pool).await?;
    sqlx::query("SELECT pseudonym_key FROM conversations WHERE id = $1").bind(id).fetch_one(pool).await?.try_get("pseudonym_key")
}
