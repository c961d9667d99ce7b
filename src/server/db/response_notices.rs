//! Who is told about responses: officers' reminders (once per due date), the paced
//! notice to signers, and one-click unsubscribe tokens.
use super::responses::IS_LEAD;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// Officers of an agency: (email, name, locale).
pub async fn officers<'e, E: Executor<'e, Database = Any>>(ex: E, agency_id: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.email, u.display_name, u.locale FROM agency_members m JOIN users u ON u.id = m.user_id
         WHERE m.agency_id = $1 AND u.deleted_at IS NULL ORDER BY u.id",
    )
    .bind(agency_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("email")?, r.try_get("display_name")?, r.try_get("locale")?))).collect()
}

/// Petitions awaiting an answer whose first reminder moment has come: (id, due, lead agency).
pub async fn awaiting_within<'e, E: Executor<'e, Database = Any>>(ex: E, until: Timestamp) -> Result<Vec<(i64, Timestamp, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, p.response_due_at, pa.agency_id FROM petitions p JOIN petition_agencies pa ON pa.petition_id = p.id AND {IS_LEAD}
         WHERE p.state = {established} AND p.response_due_at IS NOT NULL AND p.response_due_at <= $1 ORDER BY p.id",
        established = super::states::one(crate::domain::petition::PetitionState::Established)
    );
    let rows = sqlx::query(&sql).bind(until.0).fetch_all(ex).await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, Timestamp(r.try_get("response_due_at")?), r.try_get("agency_id")?))).collect()
}

/// Claim a reminder: true only for the first caller (across instances and restarts).
pub async fn claim_reminder<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition_id: i64,
    kind: &str,
    due: Timestamp,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "INSERT INTO response_reminders (petition_id, kind, due_at, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT (petition_id, kind, due_at) DO NOTHING",
    )
    .bind(petition_id)
    .bind(kind)
    .bind(due.0)
    .bind(now.0)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Queue a paced notice of `kind` (answered, established, closed) to a petition's signers.
pub async fn add_notice<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition_id: i64,
    kind: &str,
    version_id: Option<i64>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO signer_notices (petition_id, kind, version_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(petition_id)
        .bind(kind)
        .bind(version_id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(())
}

pub struct OpenNotice {
    pub id: i64,
    pub petition_id: i64,
    pub kind: String,
    pub after: i64,
}

/// Unfinished notices, oldest first.
pub async fn open_notices<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<OpenNotice>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, petition_id, kind, after_signature FROM signer_notices WHERE done_at IS NULL ORDER BY id").fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok(OpenNotice { id: r.try_get("id")?, petition_id: r.try_get("petition_id")?, kind: r.try_get("kind")?, after: r.try_get("after_signature")? })
        })
        .collect()
}

pub struct Signer {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub locale: String,
}

/// The next signers who asked to hear about the petition, by signature id.
pub async fn signers_after<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, after: i64, limit: i64) -> Result<Vec<Signer>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, email, name, locale FROM signatures WHERE petition_id = $1 AND id > $2 AND notify = 1 AND confirmed_at IS NOT NULL AND flagged = 0
         ORDER BY id LIMIT $3",
    )
    .bind(petition_id)
    .bind(after)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok(Signer { id: r.try_get("id")?, email: r.try_get("email")?, name: r.try_get("name")?, locale: r.try_get("locale")? })).collect()
}

/// Move a notice's cursor from `from` to `to` (and finish it); false if another worker moved it.
pub async fn advance_notice<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    from: i64,
    to: i64,
    queued: i64,
    done: Option<Timestamp>,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE signer_notices SET after_signature = $3, queued = queued + $4, done_at = $5 WHERE id = $1 AND after_signature = $2 AND done_at IS NULL",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(queued)
    .bind(done.map(|t| t.0))
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn add_unsubscribe_token<'e, E: Executor<'e, Database = Any>>(ex: E, token_hash: &str, signature_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO unsubscribe_tokens (token_hash, signature_id) VALUES ($1, $2)").bind(token_hash).bind(signature_id).execute(ex).await?;
    Ok(())
}

/// Stop updates for the signature behind a token; false for an unknown token.
pub async fn unsubscribe<'e, E: Executor<'e, Database = Any>>(ex: E, token_hash: &str) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE signatures SET notify = 0 WHERE id IN (SELECT signature_id FROM unsubscribe_tokens WHERE token_hash = $1)")
        .bind(token_hash)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() > 0)
}
