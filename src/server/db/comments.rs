//! Comments and votes. A page of a thread is two queries: its top-level comments
//! (by index, with LIMIT) and every reply under them (by root).
use crate::domain::discussion::Sort;
use crate::domain::time::Timestamp;
use crate::dto::deliberation::Subject;
use sqlx::{Any, Executor, Row};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct CommentRow {
    pub id: i64,
    /// The petition or consultation it is on.
    pub subject: Subject,
    pub parent_id: Option<i64>,
    pub root_id: i64,
    pub depth: i64,
    pub author_id: i64,
    pub author_name: String,
    pub author_suspended_until: Option<Timestamp>,
    /// (id, zh, en) of the agency the author spoke for.
    pub agency: Option<(i64, String, String)>,
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub deleted_at: Option<Timestamp>,
    /// visible, held (reports reached the threshold) or hidden (by a moderator).
    pub status: String,
    pub status_reason: Option<String>,
    pub up_votes: i64,
    pub down_votes: i64,
}

const SELECT: &str = "SELECT c.id, c.petition_id, c.consultation_id, c.parent_id, c.root_id, c.depth, c.author_id, u.display_name, u.suspended_until,
    c.agency_id, a.name_zh, a.name_en, c.body, c.created_at, c.edited_at, c.deleted_at, c.status, c.status_reason, c.up_votes, c.down_votes
    FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN agencies a ON a.id = c.agency_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<CommentRow, sqlx::Error> {
    let agency_id: Option<i64> = r.try_get("agency_id")?;
    let subject = match (r.try_get::<Option<i64>, _>("petition_id")?, r.try_get::<Option<i64>, _>("consultation_id")?) {
        (Some(id), _) => Subject::Petition(id),
        (None, Some(id)) => Subject::Consultation(id),
        (None, None) => return Err(sqlx::Error::RowNotFound),
    };
    Ok(CommentRow {
        id: r.try_get("id")?,
        subject,
        parent_id: r.try_get("parent_id")?,
        root_id: r.try_get("root_id")?,
        depth: r.try_get("depth")?,
        author_id: r.try_get("author_id")?,
        author_name: r.try_get("display_name")?,
        author_suspended_until: r.try_get::<Option<i64>, _>("suspended_until")?.map(Timestamp),
        agency: match agency_id {
            Some(id) => Some((id, r.try_get("name_zh")?, r.try_get("name_en")?)),
            None => None,
        },
        body: r.try_get("body")?,
        created_at: Timestamp(r.try_get("created_at")?),
        edited_at: r.try_get::<Option<i64>, _>("edited_at")?.map(Timestamp),
        deleted_at: r.try_get::<Option<i64>, _>("deleted_at")?.map(Timestamp),
        status: r.try_get("status")?,
        status_reason: r.try_get("status_reason")?,
        up_votes: r.try_get("up_votes")?,
        down_votes: r.try_get("down_votes")?,
    })
}

pub struct NewComment<'a> {
    pub subject: Subject,
    pub parent: Option<&'a CommentRow>,
    pub author_id: i64,
    pub agency_id: Option<i64>,
    pub body: &'a str,
    pub now: Timestamp,
}

pub async fn insert(tx: &mut sqlx::AnyConnection, c: NewComment<'_>) -> Result<i64, sqlx::Error> {
    let (parent_id, depth) = match c.parent {
        Some(p) => (Some(p.id), p.depth + 1),
        None => (None, 0),
    };
    let id: i64 = sqlx::query(
        "INSERT INTO comments (petition_id, consultation_id, parent_id, root_id, depth, author_id, agency_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(matches!(c.subject, Subject::Petition(_)).then_some(c.subject.id()))
    .bind(matches!(c.subject, Subject::Consultation(_)).then_some(c.subject.id()))
    .bind(parent_id)
    .bind(c.parent.map(|p| p.root_id).unwrap_or(0))
    .bind(depth)
    .bind(c.author_id)
    .bind(c.agency_id)
    .bind(c.body)
    .bind(c.now.0)
    .fetch_all(&mut *tx)
    .await?
    .first()
    .ok_or(sqlx::Error::RowNotFound)?
    .try_get("id")?;
    if c.parent.is_none() {
        sqlx::query("UPDATE comments SET root_id = id WHERE id = $1").bind(id).execute(&mut *tx).await?;
    }
    let table = match c.subject {
        Subject::Petition(_) => "petitions",
        Subject::Consultation(_) => "consultations",
    };
    sqlx::query(&format!("UPDATE {table} SET comment_count = comment_count + 1, top_comment_count = top_comment_count + $1 WHERE id = $2"))
        .bind(if c.parent.is_none() { 1i64 } else { 0 })
        .bind(c.subject.id())
        .execute(&mut *tx)
        .await?;
    Ok(id)
}

/// A petition's or consultation's comments and top-level comments, kept by every insert.
pub async fn counts<'e, E: Executor<'e, Database = Any>>(ex: E, subject: Subject) -> Result<(i64, i64), sqlx::Error> {
    let table = match subject {
        Subject::Petition(_) => "petitions",
        Subject::Consultation(_) => "consultations",
    };
    let r = sqlx::query(&format!("SELECT comment_count, top_comment_count FROM {table} WHERE id = $1")).bind(subject.id()).fetch_one(ex).await?;
    Ok((r.try_get("comment_count")?, r.try_get("top_comment_count")?))
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<CommentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.map(|r| from_row(&r)).transpose()
}

/// One page of a thread's top-level comments.
pub async fn top_page<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    subject: Subject,
    sort: Sort,
    offset: i64,
    limit: i64,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    let order = match sort {
        Sort::Oldest => "c.created_at, c.id",
        Sort::Newest => "c.created_at DESC, c.id DESC",
        Sort::Supported => "c.up_votes DESC, c.id DESC",
    };
    let column = match subject {
        Subject::Petition(_) => "petition_id",
        Subject::Consultation(_) => "consultation_id",
    };
    let sql = format!("{SELECT} WHERE c.{column} = $1 AND c.depth = 0 ORDER BY {order} LIMIT $2 OFFSET $3");
    sqlx::query(&sql).bind(subject.id()).bind(limit).bind(offset).fetch_all(ex).await?.iter().map(from_row).collect()
}

/// Every reply under the given top-level comments, oldest first.
pub async fn replies<'e, E: Executor<'e, Database = Any>>(ex: E, roots: &[i64]) -> Result<Vec<CommentRow>, sqlx::Error> {
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=roots.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{SELECT} WHERE c.root_id IN ({}) AND c.depth > 0 ORDER BY c.id", marks.join(", "));
    let mut q = sqlx::query(&sql);
    for r in roots {
        q = q.bind(*r);
    }
    q.fetch_all(ex).await?.iter().map(from_row).collect()
}

pub async fn set_body<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, body: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3").bind(body).bind(now.0).bind(id).execute(ex).await?;
    Ok(())
}

/// The author's deletion erases the text; the row stays so replies keep their place.
pub async fn mark_deleted<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE comments SET body = '', deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL").bind(now.0).bind(id).execute(ex).await?;
    Ok(())
}

pub async fn set_status<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, status: &str, reason: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE comments SET status = $1, status_reason = $2 WHERE id = $3").bind(status).bind(reason).bind(id).execute(ex).await?;
    Ok(())
}

/// Cast, change or (voting the same way again) withdraw a vote; the counts follow.
pub async fn vote(tx: &mut sqlx::AnyConnection, comment_id: i64, user_id: i64, value: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    let current: Option<i64> = sqlx::query("SELECT value FROM comment_votes WHERE comment_id = $1 AND user_id = $2")
        .bind(comment_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get("value"))
        .transpose()?;
    match current {
        Some(v) if v == value => {
            sqlx::query("DELETE FROM comment_votes WHERE comment_id = $1 AND user_id = $2").bind(comment_id).bind(user_id).execute(&mut *tx).await?;
        }
        Some(_) => {
            sqlx::query("UPDATE comment_votes SET value = $1, at = $2 WHERE comment_id = $3 AND user_id = $4")
                .bind(value)
                .bind(now.0)
                .bind(comment_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        None => {
            sqlx::query("INSERT INTO comment_votes (comment_id, user_id, value, at) VALUES ($1, $2, $3, $4)")
                .bind(comment_id)
                .bind(user_id)
                .bind(value)
                .bind(now.0)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query(
        "UPDATE comments SET up_votes = (SELECT COUNT(*) FROM comment_votes WHERE comment_id = $1 AND value = 1),
         down_votes = (SELECT COUNT(*) FROM comment_votes WHERE comment_id = $1 AND value = -1) WHERE id = $1",
    )
    .bind(comment_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The viewer's votes on the given comments.
/// A comment's up and down votes and `user_id`'s own vote (1, -1 or 0).
pub async fn tally(tx: &mut sqlx::AnyConnection, comment_id: i64, user_id: i64) -> Result<(i64, i64, i64), sqlx::Error> {
    let row = sqlx::query(
        "SELECT up_votes, down_votes, COALESCE((SELECT value FROM comment_votes WHERE comment_id = $1 AND user_id = $2), 0) AS mine
         FROM comments WHERE id = $1",
    )
    .bind(comment_id)
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    Ok((row.try_get("up_votes")?, row.try_get("down_votes")?, row.try_get("mine")?))
}

pub async fn votes_of<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, ids: &[i64]) -> Result<HashMap<i64, i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let marks: Vec<String> = (2..=ids.len() + 1).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT comment_id, value FROM comment_votes WHERE user_id = $1 AND comment_id IN ({})", marks.join(", "));
    let mut q = sqlx::query(&sql).bind(user_id);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(ex).await?.iter().map(|r| Ok((r.try_get("comment_id")?, r.try_get("value")?))).collect()
}
