//! Everything minyi holds about one person, table by table, for "Download my data".
//! Secrets (password hash, second-factor key, token hashes) and other people's identities
//! (moderators, other signers) are never selected.
use sqlx::{Column, Row};

/// What a sheet's query is bound to.
#[derive(Clone, Copy)]
enum By {
    User,
    /// The account and its normalised email (signatures made before signing in).
    UserAndEmailNorm,
    Email,
}

/// (file name, query, binding), in the order the files appear in the ZIP.
const SHEETS: [(&str, &str, By); 17] = [
    (
        "account",
        "SELECT id, email, display_name, locale, county, notify_signed, notify_proposed, created_at, email_verified_at, suspended_until FROM users WHERE id = $1",
        By::User,
    ),
    ("roles", "SELECT role, granted_at FROM user_roles WHERE user_id = $1 ORDER BY role", By::User),
    ("second_factor", "SELECT created_at, confirmed_at FROM totp_factors WHERE user_id = $1", By::User),
    (
        "signatures",
        "SELECT s.petition_id, p.title AS petition_title, s.name, s.email, s.county, s.created_at, s.confirmed_at,
                CAST(CASE WHEN s.flagged = 0 AND s.confirmed_at IS NOT NULL THEN 1 ELSE 0 END AS BIGINT) AS counted, s.notify AS updates
         FROM signatures s JOIN petitions p ON p.id = s.petition_id WHERE s.user_id = $1 OR s.email_norm = $2 ORDER BY s.id",
        By::UserAndEmailNorm,
    ),
    (
        "petitions",
        "SELECT id, state, title, problem, action, benefits, evidence, created_at, updated_at, submitted_at, opened_at, closed_at, signature_count
         FROM petitions WHERE proposer_id = $1 ORDER BY id",
        By::User,
    ),
    (
        "sponsorships",
        "SELECT s.petition_id, p.title AS petition_title, s.at FROM petition_sponsors s JOIN petitions p ON p.id = s.petition_id WHERE s.user_id = $1 ORDER BY s.at",
        By::User,
    ),
    (
        "comments",
        "SELECT id, petition_id, consultation_id, parent_id, body, created_at, edited_at, deleted_at, status FROM comments WHERE author_id = $1 ORDER BY id",
        By::User,
    ),
    ("comment_votes", "SELECT comment_id, value, at FROM comment_votes WHERE user_id = $1 ORDER BY at", By::User),
    ("response_ratings", "SELECT petition_id, helpful, at FROM response_ratings WHERE user_id = $1 ORDER BY at", By::User),
    ("reports", "SELECT target_kind, target_id, reason, details, created_at, resolved_at FROM reports WHERE reporter_id = $1 ORDER BY id", By::User),
    (
        "moderation_decisions",
        "SELECT id, kind, target_kind, target_id, petition_id, reason, explanation, created_at, suspended_until FROM moderation_actions WHERE subject_user_id = $1 ORDER BY id",
        By::User,
    ),
    (
        "statements",
        "SELECT s.id, c.kind, c.subject, s.body, s.status, s.created_at FROM statements s JOIN conversations c ON c.id = s.conversation_id
         WHERE s.author_id = $1 ORDER BY s.id",
        By::User,
    ),
    ("statement_votes", "SELECT statement_id, value, at FROM statement_votes WHERE user_id = $1 ORDER BY at", By::User),
    ("follows", "SELECT kind, target, created_at FROM follows WHERE user_id = $1 ORDER BY id", By::User),
    ("follow_mail", "SELECT mode FROM follow_settings WHERE user_id = $1", By::User),
    ("appeals", "SELECT action_id, text, created_at, decided_at, upheld FROM appeals WHERE user_id = $1 ORDER BY id", By::User),
    ("emails", "SELECT subject, created_at, sent_at FROM outbox WHERE to_addr = $1 ORDER BY id", By::Email),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every sheet for the person. `email` is as stored; `email_norm` as signatures key it.
pub async fn all(conn: &mut sqlx::AnyConnection, user_id: i64, email: &str, email_norm: &str) -> Result<Vec<Sheet>, sqlx::Error> {
    let mut sheets = Vec::with_capacity(SHEETS.len());
    for (name, sql, by) in SHEETS {
        let q = sqlx::query(sql);
        let q = match by {
            By::User => q.bind(user_id),
            By::UserAndEmailNorm => q.bind(user_id).bind(email_norm.to_string()),
            By::Email => q.bind(email.to_string()),
        };
        let rows = q.fetch_all(&mut *conn).await?;
        sheets.push(sheet(name, &rows)?);
    }
    Ok(sheets)
}

fn sheet(name: &'static str, rows: &[sqlx::any::AnyRow]) -> Result<Sheet, sqlx::Error> {
    let columns: Vec<String> = match rows.first() {
        Some(r) => r.columns().iter().map(|c| c.name().to_string()).collect(),
        None => Vec::new(),
    };
    let rows = rows.iter().map(|r| (0..columns.len()).map(|i| cell(r, i)).collect()).collect();
    Ok(Sheet { name, columns, rows })
}

fn cell(r: &sqlx::any::AnyRow, i: usize) -> Cell {
    if let Ok(v) = r.try_get::<Option<i64>, _>(i) {
        return v.map_or(Cell::Null, Cell::Int);
    }
    match r.try_get::<Option<String>, _>(i) {
        Ok(Some(s)) => Cell::Text(s),
        _ => Cell::Null,
    }
}
