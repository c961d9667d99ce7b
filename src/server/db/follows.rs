//! Follows (a petition, an agency or a topic), the events told to followers, who was told
//! what (so nobody hears of an event twice), daily digests and one-click unfollow tokens.
use super::states;
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use crate::dto::follows::{FollowKind, FollowMail};
use sqlx::{Any, Executor, Row};

/// Start following; false if the person already did (following twice changes nothing).
pub async fn follow<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, kind: FollowKind, target: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("INSERT INTO follows (user_id, kind, target, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, kind, target) DO NOTHING")
        .bind(user_id)
        .bind(kind.code())
        .bind(target)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn unfollow<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, kind: FollowKind, target: i64) -> Result<bool, sqlx::Error> {
    let r =
        sqlx::query("DELETE FROM follows WHERE user_id = $1 AND kind = $2 AND target = $3").bind(user_id).bind(kind.code()).bind(target).execute(ex).await?;
    Ok(r.rows_affected() > 0)
}

pub async fn is_following<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, kind: FollowKind, target: i64) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM follows WHERE user_id = $1 AND kind = $2 AND target = $3")
        .bind(user_id)
        .bind(kind.code())
        .bind(target)
        .fetch_optional(ex)
        .await?;
    Ok(row.is_some())
}

/// What a follow is about: (name in Chinese, in English, code for agencies and topics).
/// `None` when there is no such thing, or the petition is not public.
pub async fn target<'e, E: Executor<'e, Database = Any>>(ex: E, kind: FollowKind, id: i64) -> Result<Option<(String, String, String)>, sqlx::Error> {
    let sql = match kind {
        FollowKind::Petition => {
            format!("SELECT title AS name_zh, title AS name_en, '' AS code FROM petitions WHERE id = $1 AND state IN {}", states::list(PetitionState::PUBLIC))
        }
        FollowKind::Agency => "SELECT name_zh, name_en, code FROM agencies WHERE id = $1".to_string(),
        FollowKind::Topic => "SELECT name_zh, name_en, code FROM categories WHERE id = $1".to_string(),
        FollowKind::Consultation => "SELECT title AS name_zh, title AS name_en, '' AS code FROM consultations WHERE id = $1".to_string(),
    };
    let row = sqlx::query(&sql).bind(id).fetch_optional(ex).await?;
    row.map(|r| Ok((r.try_get("name_zh")?, r.try_get("name_en")?, r.try_get("code")?))).transpose()
}

pub struct FollowRow {
    pub id: i64,
    pub kind: FollowKind,
    pub target: i64,
    pub created_at: Timestamp,
    pub name_zh: String,
    pub name_en: String,
    pub code: String,
}

/// Everything a person follows, newest first, with names for the page.
pub async fn list<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<Vec<FollowRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT f.id, f.kind, f.target, f.created_at, p.title, a.code AS a_code, a.name_zh AS a_zh, a.name_en AS a_en,
                c.code AS c_code, c.name_zh AS c_zh, c.name_en AS c_en, k.title AS k_title
         FROM follows f
         LEFT JOIN petitions p ON f.kind = $2 AND p.id = f.target
         LEFT JOIN agencies a ON f.kind = $3 AND a.id = f.target
         LEFT JOIN categories c ON f.kind = $4 AND c.id = f.target
         LEFT JOIN consultations k ON f.kind = $5 AND k.id = f.target
         WHERE f.user_id = $1 ORDER BY f.created_at DESC, f.id DESC",
    )
    .bind(user_id)
    .bind(FollowKind::Petition.code())
    .bind(FollowKind::Agency.code())
    .bind(FollowKind::Topic.code())
    .bind(FollowKind::Consultation.code())
    .fetch_all(ex)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let Some(kind) = FollowKind::from_code(&r.try_get::<String, _>("kind")?) else { continue };
        let text = |c: &str| r.try_get::<Option<String>, _>(c).map(Option::unwrap_or_default);
        let (name_zh, name_en, code) = match kind {
            FollowKind::Petition => (text("title")?, text("title")?, String::new()),
            FollowKind::Agency => (text("a_zh")?, text("a_en")?, text("a_code")?),
            FollowKind::Topic => (text("c_zh")?, text("c_en")?, text("c_code")?),
            FollowKind::Consultation => (text("k_title")?, text("k_title")?, String::new()),
        };
        out.push(FollowRow {
            id: r.try_get("id")?,
            kind,
            target: r.try_get("target")?,
            created_at: Timestamp(r.try_get("created_at")?),
            name_zh,
            name_en,
            code,
        });
    }
    Ok(out)
}

pub async fn mode<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64) -> Result<FollowMail, sqlx::Error> {
    let row = sqlx::query("SELECT mode FROM follow_settings WHERE user_id = $1").bind(user_id).fetch_optional(ex).await?;
    Ok(row.map(|r| r.try_get::<String, _>("mode")).transpose()?.and_then(|m| FollowMail::from_code(&m)).unwrap_or_default())
}

pub async fn set_mode<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, mode: FollowMail) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO follow_settings (user_id, mode) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode")
        .bind(user_id)
        .bind(mode.code())
        .execute(ex)
        .await?;
    Ok(())
}

/// A deleted account follows nothing and keeps no tokens.
pub async fn forget_user(tx: &mut sqlx::AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    for sql in ["DELETE FROM follows WHERE user_id = $1", "DELETE FROM follow_tokens WHERE user_id = $1", "DELETE FROM follow_settings WHERE user_id = $1"] {
        sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
    }
    Ok(())
}

/// Record an event about a petition and whom it concerns: the petition's followers, and
/// (when asked) those of its agencies at this moment and of its topic.
pub async fn add_event(tx: &mut sqlx::AnyConnection, petition_id: i64, kind: &str, agencies: bool, topic: bool, now: Timestamp) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query("INSERT INTO follow_events (petition_id, kind, created_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(petition_id)
        .bind(kind)
        .bind(now.0)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
    sqlx::query("INSERT INTO follow_event_targets (event_id, kind, target) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(FollowKind::Petition.code())
        .bind(petition_id)
        .execute(&mut *tx)
        .await?;
    if agencies {
        sqlx::query(
            "INSERT INTO follow_event_targets (event_id, kind, target) SELECT DISTINCT $1, $2, agency_id FROM petition_agencies WHERE petition_id = $3",
        )
        .bind(id)
        .bind(FollowKind::Agency.code())
        .bind(petition_id)
        .execute(&mut *tx)
        .await?;
    }
    if topic {
        sqlx::query("INSERT INTO follow_event_targets (event_id, kind, target) SELECT $1, $2, category_id FROM petitions WHERE id = $3")
            .bind(id)
            .bind(FollowKind::Topic.code())
            .bind(petition_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

pub struct OpenEvent {
    pub id: i64,
    pub petition_id: i64,
    pub kind: String,
    pub created_at: Timestamp,
    pub after_user: i64,
}

/// Events not yet fanned out to instant followers, oldest first.
pub async fn open_events<'e, E: Executor<'e, Database = Any>>(ex: E, limit: i64) -> Result<Vec<OpenEvent>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, petition_id, kind, created_at, after_user FROM follow_events WHERE instant_done_at IS NULL ORDER BY id LIMIT $1")
        .bind(limit)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenEvent {
                id: r.try_get("id")?,
                petition_id: r.try_get("petition_id")?,
                kind: r.try_get("kind")?,
                created_at: Timestamp(r.try_get("created_at")?),
                after_user: r.try_get("after_user")?,
            })
        })
        .collect()
}

/// A person to tell, through one of their follows (several rows when several match).
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub follow_id: i64,
    pub follow_kind: String,
    pub follow_target: i64,
}

/// Who may hear now: an account not deleted and not suspended, that followed before the event.
const ACTIVE: &str = "u.deleted_at IS NULL AND (u.suspended_until IS NULL OR u.suspended_until <= $3)";

fn recipients(rows: &[sqlx::any::AnyRow]) -> Result<Vec<Recipient>, sqlx::Error> {
    rows.iter()
        .map(|r| {
            Ok(Recipient {
                user_id: r.try_get("user_id")?,
                email: r.try_get("email")?,
                name: r.try_get("display_name")?,
                locale: r.try_get("locale")?,
                follow_id: r.try_get("follow_id")?,
                follow_kind: r.try_get("follow_kind")?,
                follow_target: r.try_get("follow_target")?,
            })
        })
        .collect()
}

/// The next instant followers of an event after user id `after` who were not told yet,
/// at most `limit` people, each with every follow of theirs that the event concerns.
pub async fn instant_audience<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    event: &OpenEvent,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<Recipient>, sqlx::Error> {
    let sql = format!(
        "SELECT u.id AS user_id, u.email, u.display_name, u.locale, f.id AS follow_id, f.kind AS follow_kind, f.target AS follow_target
         FROM (SELECT DISTINCT f.user_id FROM follow_event_targets t
               JOIN follows f ON f.kind = t.kind AND f.target = t.target
               JOIN users u ON u.id = f.user_id
               LEFT JOIN follow_settings s ON s.user_id = f.user_id
               WHERE t.event_id = $1 AND f.user_id > $2 AND {ACTIVE} AND f.created_at <= $4 AND (s.mode IS NULL OR s.mode = $5)
                 AND NOT EXISTS (SELECT 1 FROM follow_deliveries d WHERE d.event_id = $1 AND d.user_id = f.user_id)
               ORDER BY f.user_id LIMIT $6) pick
         JOIN users u ON u.id = pick.user_id
         JOIN follows f ON f.user_id = u.id
         JOIN follow_event_targets t ON t.event_id = $1 AND t.kind = f.kind AND t.target = f.target
         ORDER BY u.id, f.id"
    );
    let rows = sqlx::query(&sql)
        .bind(event.id)
        .bind(event.after_user)
        .bind(now.0)
        .bind(event.created_at.0)
        .bind(FollowMail::Instant.code())
        .bind(limit)
        .fetch_all(ex)
        .await?;
    recipients(&rows)
}

/// Everyone following a consultation who hears of what they follow (not "never"), for the
/// mail when it closes and when its conclusions are out; digest readers hear of these at
/// once too (two mails in a consultation's life).
pub async fn consultation_audience<'e, E: Executor<'e, Database = Any>>(ex: E, consultation_id: i64, now: Timestamp) -> Result<Vec<Recipient>, sqlx::Error> {
    let sql = format!(
        "SELECT u.id AS user_id, u.email, u.display_name, u.locale, f.id AS follow_id, f.kind AS follow_kind, f.target AS follow_target
         FROM follows f JOIN users u ON u.id = f.user_id LEFT JOIN follow_settings s ON s.user_id = f.user_id
         WHERE f.kind = $1 AND f.target = $2 AND {ACTIVE} AND (s.mode IS NULL OR s.mode <> $4) ORDER BY u.id"
    );
    let rows = sqlx::query(&sql).bind(FollowKind::Consultation.code()).bind(consultation_id).bind(now.0).bind(FollowMail::Never.code()).fetch_all(ex).await?;
    recipients(&rows)
}

/// Everyone following a draft regulation's agency or topic who hears of what they follow
/// (not "never"), each with every such follow of theirs, for the mail when it is published.
pub async fn regulation_audience<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    agency_id: i64,
    topic: Option<i64>,
    now: Timestamp,
) -> Result<Vec<Recipient>, sqlx::Error> {
    let sql = format!(
        "SELECT u.id AS user_id, u.email, u.display_name, u.locale, f.id AS follow_id, f.kind AS follow_kind, f.target AS follow_target
         FROM follows f JOIN users u ON u.id = f.user_id LEFT JOIN follow_settings s ON s.user_id = f.user_id
         WHERE ((f.kind = $1 AND f.target = $2) OR (f.kind = $5 AND f.target = $6)) AND {ACTIVE} AND (s.mode IS NULL OR s.mode <> $4)
         ORDER BY u.id, f.id"
    );
    let rows = sqlx::query(&sql)
        .bind(FollowKind::Agency.code())
        .bind(agency_id)
        .bind(now.0)
        .bind(FollowMail::Never.code())
        .bind(FollowKind::Topic.code())
        .bind(topic.unwrap_or(0))
        .fetch_all(ex)
        .await?;
    recipients(&rows)
}

/// Record that a person was told of an event; false if they already were.
pub async fn deliver<'e, E: Executor<'e, Database = Any>>(ex: E, event_id: i64, user_id: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("INSERT INTO follow_deliveries (event_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT (event_id, user_id) DO NOTHING")
        .bind(event_id)
        .bind(user_id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Move an event's cursor from `from` to `to` (and finish it); false if another run moved it.
pub async fn advance_event<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, from: i64, to: i64, done: Option<Timestamp>) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE follow_events SET after_user = $3, instant_done_at = $4 WHERE id = $1 AND after_user = $2 AND instant_done_at IS NULL")
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(done.map(|t| t.0))
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Digest readers with untold events from [`since`, `until`) and no digest for `until` yet.
pub async fn digest_readers<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    since: Timestamp,
    until: Timestamp,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "SELECT DISTINCT f.user_id FROM follow_events e
         JOIN follow_event_targets t ON t.event_id = e.id
         JOIN follows f ON f.kind = t.kind AND f.target = t.target
         JOIN follow_settings s ON s.user_id = f.user_id AND s.mode = $4
         JOIN users u ON u.id = f.user_id
         WHERE e.created_at >= $1 AND e.created_at < $2 AND {ACTIVE} AND f.created_at <= e.created_at
           AND NOT EXISTS (SELECT 1 FROM follow_deliveries d WHERE d.event_id = e.id AND d.user_id = f.user_id)
           AND NOT EXISTS (SELECT 1 FROM follow_digests g WHERE g.user_id = f.user_id AND g.digest_at = $2)
         ORDER BY f.user_id LIMIT $5"
    );
    let rows = sqlx::query(&sql).bind(since.0).bind(until.0).bind(now.0).bind(FollowMail::Digest.code()).bind(limit).fetch_all(ex).await?;
    rows.iter().map(|r| r.try_get("user_id")).collect()
}

/// Claim a person's digest for one digest moment: true only for the first caller.
pub async fn claim_digest<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, digest_at: Timestamp, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("INSERT INTO follow_digests (user_id, digest_at, sent_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, digest_at) DO NOTHING")
        .bind(user_id)
        .bind(digest_at.0)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub struct DigestRow {
    pub event_id: i64,
    pub petition_id: i64,
    pub kind: String,
    pub at: Timestamp,
    pub title: String,
    pub recipient: Recipient,
}

/// A person's untold events from [`since`, `until`), oldest first, one row per matching follow.
pub async fn digest_items<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, since: Timestamp, until: Timestamp) -> Result<Vec<DigestRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.id AS event_id, e.petition_id, e.kind, e.created_at, p.title, u.id AS user_id, u.email, u.display_name, u.locale,
                f.id AS follow_id, f.kind AS follow_kind, f.target AS follow_target
         FROM follow_events e JOIN petitions p ON p.id = e.petition_id
         JOIN follow_event_targets t ON t.event_id = e.id
         JOIN follows f ON f.kind = t.kind AND f.target = t.target AND f.user_id = $1
         JOIN users u ON u.id = f.user_id
         WHERE e.created_at >= $2 AND e.created_at < $3 AND f.created_at <= e.created_at
           AND NOT EXISTS (SELECT 1 FROM follow_deliveries d WHERE d.event_id = e.id AND d.user_id = f.user_id)
         ORDER BY e.created_at, e.id, f.id",
    )
    .bind(user_id)
    .bind(since.0)
    .bind(until.0)
    .fetch_all(ex)
    .await?;
    let people = recipients(&rows)?;
    rows.iter()
        .zip(people)
        .map(|(r, recipient)| {
            Ok(DigestRow {
                event_id: r.try_get("event_id")?,
                petition_id: r.try_get("petition_id")?,
                kind: r.try_get("kind")?,
                at: Timestamp(r.try_get("created_at")?),
                title: r.try_get("title")?,
                recipient,
            })
        })
        .collect()
}

pub async fn add_token<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    token_hash: &str,
    user_id: i64,
    follow_id: Option<i64>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO follow_tokens (token_hash, user_id, follow_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(follow_id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(())
}

/// Unfollow what the token names (one follow, or every follow of the person); false for
/// an unknown token. A follow already gone still counts as done.
pub async fn unfollow_by_token(tx: &mut sqlx::AnyConnection, token_hash: &str) -> Result<bool, sqlx::Error> {
    let Some(row) = sqlx::query("SELECT user_id, follow_id FROM follow_tokens WHERE token_hash = $1").bind(token_hash).fetch_optional(&mut *tx).await? else {
        return Ok(false);
    };
    let user_id: i64 = row.try_get("user_id")?;
    match row.try_get::<Option<i64>, _>("follow_id")? {
        Some(follow) => sqlx::query("DELETE FROM follows WHERE id = $1 AND user_id = $2").bind(follow).bind(user_id).execute(&mut *tx).await?,
        None => sqlx::query("DELETE FROM follows WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?,
    };
    Ok(true)
}

/// Tokens older than `before` stop working (mail that old is rarely acted on).
pub async fn purge_tokens<'e, E: Executor<'e, Database = Any>>(ex: E, before: Timestamp) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM follow_tokens WHERE created_at < $1").bind(before.0).execute(ex).await?.rows_affected())
}
