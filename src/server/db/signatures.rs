//! Signatures and the counts rolled up from them.
use crate::domain::time::{HOUR, Timestamp};
use sqlx::{Any, Executor, Row};
use std::collections::BTreeMap;

pub struct NewSignature<'a> {
    pub petition_id: i64,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub email_norm: &'a str,
    pub name: &'a str,
    pub county: &'a str,
    pub locale: &'a str,
    pub notify: bool,
    pub ip: &'a str,
    /// Grouping keys for fraud review (`domain::fraud`).
    pub ip_block: &'a str,
    pub email_domain: &'a str,
    pub user_agent: &'a str,
    pub now: Timestamp,
    pub confirmed: bool,
    pub token_hash: Option<&'a str>,
    pub flagged: bool,
}

/// Insert unless this person already signed; `false` when they had.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, s: &NewSignature<'_>) -> Result<bool, sqlx::Error> {
    Ok(!insert_many(ex, std::slice::from_ref(s)).await?.is_empty())
}

const COLS: usize = 16;

/// Most rows written by one statement (16 parameters each; also bounds the number of
/// distinct statement texts each connection keeps prepared).
pub const MAX_BATCH: usize = 64;

/// Insert several signatures in one statement (one commit); returns the
/// (petition, normalized email) of the rows that were new. Keys must be distinct.
pub async fn insert_many<'e, E: Executor<'e, Database = Any>>(ex: E, rows: &[NewSignature<'_>]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let values: Vec<String> =
        (0..rows.len()).map(|r| format!("({})", (1..=COLS).map(|c| format!("${}", r * COLS + c)).collect::<Vec<_>>().join(", "))).collect();
    let sql = format!(
        "INSERT INTO signatures (petition_id, user_id, email, email_norm, name, county, locale, notify, ip, created_at,
            confirmed_at, confirm_token_hash, flagged, ip_block, email_domain, user_agent)
         VALUES {}
         ON CONFLICT (petition_id, email_norm) DO NOTHING
         RETURNING petition_id, email_norm",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for s in rows {
        q = q
            .bind(s.petition_id)
            .bind(s.user_id)
            .bind(s.email)
            .bind(s.email_norm)
            .bind(s.name)
            .bind(s.county)
            .bind(s.locale)
            .bind(i64::from(s.notify))
            .bind(s.ip)
            .bind(s.now.0)
            .bind(s.confirmed.then_some(s.now.0))
            .bind(s.token_hash)
            .bind(i64::from(s.flagged))
            .bind(s.ip_block)
            .bind(s.email_domain)
            .bind(s.user_agent);
    }
    let done = q.fetch_all(ex).await?;
    done.iter().map(|r| Ok((r.try_get("petition_id")?, r.try_get("email_norm")?))).collect()
}

#[derive(Debug, Clone)]
pub struct SignatureRow {
    pub id: i64,
    pub petition_id: i64,
    pub user_id: Option<i64>,
    pub email: String,
    pub email_norm: String,
    pub name: String,
    pub county: String,
    pub locale: String,
    pub confirmed_at: Option<Timestamp>,
    pub flagged: bool,
}

const COLUMNS: &str = "id, petition_id, user_id, email, email_norm, name, county, locale, confirmed_at, flagged";

fn from_row(r: &sqlx::any::AnyRow) -> Result<SignatureRow, sqlx::Error> {
    Ok(SignatureRow {
        id: r.try_get("id")?,
        petition_id: r.try_get("petition_id")?,
        user_id: r.try_get("user_id")?,
        email: r.try_get("email")?,
        email_norm: r.try_get("email_norm")?,
        name: r.try_get("name")?,
        county: r.try_get("county")?,
        locale: r.try_get("locale")?,
        confirmed_at: r.try_get::<Option<i64>, _>("confirmed_at")?.map(Timestamp),
        flagged: r.try_get::<i64, _>("flagged")? != 0,
    })
}

pub async fn by_person<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, email_norm: &str) -> Result<Option<SignatureRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM signatures WHERE petition_id = $1 AND email_norm = $2");
    sqlx::query(&sql).bind(petition_id).bind(email_norm).fetch_optional(ex).await?.as_ref().map(from_row).transpose()
}

pub async fn by_token<'e, E: Executor<'e, Database = Any>>(ex: E, token_hash: &str) -> Result<Option<SignatureRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM signatures WHERE confirm_token_hash = $1");
    sqlx::query(&sql).bind(token_hash).fetch_optional(ex).await?.as_ref().map(from_row).transpose()
}

/// Confirm once; `false` if it already was.
pub async fn confirm<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, user_id: Option<i64>, now: Timestamp, flagged: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        // An invalidated signature (flagged >= 2) stays invalidated when confirmed.
        "UPDATE signatures SET confirmed_at = $2, user_id = COALESCE(user_id, $3),
            flagged = CASE WHEN flagged >= 2 THEN flagged ELSE $4 END WHERE id = $1 AND confirmed_at IS NULL",
    )
    .bind(id)
    .bind(now.0)
    .bind(user_id)
    .bind(i64::from(flagged))
    .execute(ex)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM signatures WHERE id = $1").bind(id).execute(ex).await?.rows_affected() == 1)
}

/// One drained count event.
pub struct CountEvent {
    pub petition_id: i64,
    pub county: String,
    pub at: Timestamp,
    pub delta: i64,
}

/// Remove and return up to `limit` events. `DELETE … RETURNING` hands each event to exactly
/// one caller even with several instances rolling up at once.
pub async fn drain_events<'e, E: Executor<'e, Database = Any>>(ex: E, limit: i64) -> Result<Vec<CountEvent>, sqlx::Error> {
    let rows = sqlx::query(
        "DELETE FROM count_events WHERE id IN (SELECT id FROM count_events ORDER BY id LIMIT $1)
         RETURNING petition_id, county, at, delta",
    )
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CountEvent { petition_id: r.try_get("petition_id")?, county: r.try_get("county")?, at: Timestamp(r.try_get("at")?), delta: r.try_get("delta")? })
        })
        .collect()
}

pub async fn add_to_count<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, delta: i64, now: Timestamp) -> Result<i64, sqlx::Error> {
    sqlx::query("UPDATE petitions SET signature_count = signature_count + $2, count_updated_at = $3 WHERE id = $1 RETURNING signature_count")
        .bind(petition_id)
        .bind(delta)
        .bind(now.0)
        .fetch_all(ex)
        .await?
        .first()
        .ok_or(sqlx::Error::RowNotFound)?
        .try_get("signature_count")
}

pub async fn add_to_county<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, county: &str, delta: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_county_counts (petition_id, county, count) VALUES ($1, $2, $3)
         ON CONFLICT (petition_id, county) DO UPDATE SET count = petition_county_counts.count + excluded.count",
    )
    .bind(petition_id)
    .bind(county)
    .bind(delta)
    .execute(ex)
    .await?;
    Ok(())
}

pub fn hour_of(t: Timestamp) -> i64 {
    t.0.div_euclid(HOUR) * HOUR
}

pub async fn add_to_hour<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, hour: i64, delta: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_hourly_counts (petition_id, hour, count) VALUES ($1, $2, $3)
         ON CONFLICT (petition_id, hour) DO UPDATE SET count = petition_hourly_counts.count + excluded.count",
    )
    .bind(petition_id)
    .bind(hour)
    .bind(delta)
    .execute(ex)
    .await?;
    Ok(())
}

/// The confirmed time of the `n`-th counted signature (1-based), in order of confirmation.
pub async fn nth_counted_at<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, n: i64) -> Result<Option<Timestamp>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT confirmed_at FROM signatures WHERE petition_id = $1 AND confirmed_at IS NOT NULL AND flagged = 0
         ORDER BY confirmed_at, id LIMIT 1 OFFSET $2",
    )
    .bind(petition_id)
    .bind(n - 1)
    .fetch_optional(ex)
    .await?;
    row.map(|r| r.try_get::<i64, _>("confirmed_at").map(Timestamp)).transpose()
}

/// Counted signatures straight from the rows (for reconciliation).
pub async fn counted<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM signatures WHERE petition_id = $1 AND confirmed_at IS NOT NULL AND flagged = 0")
        .bind(petition_id)
        .fetch_one(ex)
        .await?
        .try_get("n")
}

/// A fresh confirmation link for an unconfirmed signature (the old one stops working).
pub async fn set_token<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE signatures SET confirm_token_hash = $2 WHERE id = $1 AND confirmed_at IS NULL").bind(id).bind(token_hash).execute(ex).await?;
    Ok(())
}

/// One breakdown of a petition's count, kept in its own table: by county or by hour.
pub struct Breakdown {
    table: &'static str,
    key: &'static str,
    /// The key of a signature row, and of a pending count event.
    row_key: &'static str,
    event_key: &'static str,
}

pub const BY_COUNTY: Breakdown = Breakdown { table: "petition_county_counts", key: "county", row_key: "county", event_key: "county" };
/// Hours as `hour_of` computes them (timestamps are positive, so `/` floors).
pub const BY_HOUR: Breakdown =
    Breakdown { table: "petition_hourly_counts", key: "hour", row_key: "(confirmed_at / 3600000) * 3600000", event_key: "(at / 3600000) * 3600000" };

/// What a breakdown should hold: counted rows per key, less the events not yet rolled up.
pub async fn breakdown_expected<K>(tx: &mut sqlx::AnyConnection, petition_id: i64, b: &Breakdown) -> Result<BTreeMap<K, i64>, sqlx::Error>
where
    K: for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any> + Ord,
{
    let rows = sqlx::query(&format!(
        "SELECT {} AS k, COUNT(*) AS n FROM signatures WHERE petition_id = $1 AND confirmed_at IS NOT NULL AND flagged = 0 GROUP BY {}",
        b.row_key, b.row_key
    ))
    .bind(petition_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut map = BTreeMap::new();
    for r in &rows {
        map.insert(r.try_get::<K, _>("k")?, r.try_get::<i64, _>("n")?);
    }
    let events =
        sqlx::query(&format!("SELECT {} AS k, CAST(SUM(delta) AS BIGINT) AS n FROM count_events WHERE petition_id = $1 GROUP BY {}", b.event_key, b.event_key))
            .bind(petition_id)
            .fetch_all(&mut *tx)
            .await?;
    for r in &events {
        *map.entry(r.try_get::<K, _>("k")?).or_insert(0) -= r.try_get::<i64, _>("n")?;
    }
    map.retain(|_, n| *n != 0);
    Ok(map)
}

/// What a breakdown holds now (zero entries left out).
pub async fn breakdown_stored<K>(tx: &mut sqlx::AnyConnection, petition_id: i64, b: &Breakdown) -> Result<BTreeMap<K, i64>, sqlx::Error>
where
    K: for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any> + Ord,
{
    let rows = sqlx::query(&format!("SELECT {} AS k, count AS n FROM {} WHERE petition_id = $1 AND count <> 0", b.key, b.table))
        .bind(petition_id)
        .fetch_all(&mut *tx)
        .await?;
    rows.iter().map(|r| Ok((r.try_get::<K, _>("k")?, r.try_get::<i64, _>("n")?))).collect()
}

/// Replace a breakdown with `counts`.
pub async fn breakdown_replace<K>(tx: &mut sqlx::AnyConnection, petition_id: i64, b: &Breakdown, counts: &BTreeMap<K, i64>) -> Result<(), sqlx::Error>
where
    K: for<'q> sqlx::Encode<'q, Any> + sqlx::Type<Any> + Clone + Send + 'static,
{
    sqlx::query(&format!("DELETE FROM {} WHERE petition_id = $1", b.table)).bind(petition_id).execute(&mut *tx).await?;
    for (k, n) in counts {
        sqlx::query(&format!("INSERT INTO {} (petition_id, {}, count) VALUES ($1, $2, $3)", b.table, b.key))
            .bind(petition_id)
            .bind(k.clone())
            .bind(*n)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// A person's signatures, by account or by address (signed as a visitor).
const PERSON: &str = "(user_id = $1 OR email_norm = $2)";

/// Blanks who signed (name, email, network address and the groupings derived from them,
/// the account link, mail) while the row keeps counting; `{prefix}` keeps `email_norm`
/// unique per row ("erased:" for deleted accounts, "retired:" for retention). The log's
/// salt goes with the address (trigger `signatures_tlog_erase`).
pub fn blank_signer(prefix: &str) -> String {
    format!(
        "user_id = NULL, email = '', email_norm = '{prefix}:' || CAST(id AS TEXT), name = '', ip = '',
         ip_block = '', email_domain = '', user_agent = '', notify = 0, confirm_token_hash = NULL"
    )
}

/// Erase a deleted account's signatures. Pending ones go; counted ones keep counting
/// (petition, county and time stay, so every published figure stays true) but lose the
/// email, name, client address, account link and mail choice.
pub async fn erase_person(tx: &mut sqlx::AnyConnection, user_id: i64, email_norm: &str) -> Result<(), sqlx::Error> {
    let statements = [
        format!("DELETE FROM unsubscribe_tokens WHERE signature_id IN (SELECT id FROM signatures WHERE {PERSON})"),
        format!("DELETE FROM signatures WHERE {PERSON} AND confirmed_at IS NULL"),
        format!("UPDATE signatures SET {} WHERE {PERSON}", blank_signer("erased")),
    ];
    for sql in statements {
        sqlx::query(&sql).bind(user_id).bind(email_norm).execute(&mut *tx).await?;
    }
    Ok(())
}

/// The account no longer wants updates about petitions it signed.
pub async fn stop_updates_for(ex: impl Executor<'_, Database = Any>, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE signatures SET notify = 0 WHERE user_id = $1").bind(user_id).execute(ex).await?;
    Ok(())
}
