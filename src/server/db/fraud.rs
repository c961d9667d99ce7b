//! Fraud review's storage: groups of a petition's signatures, per-minute rates, bulk
//! invalidations (flagged + 2, undone by a restore) and the once-an-hour alerts.
use super::binds::{Bind, bind_all};
use crate::domain::fraud::Selection;
use crate::domain::time::{MINUTE, Timestamp};
use crate::dto::fraud::{Group, InvalidationView};
use sqlx::{Any, Executor, Row};

/// The WHERE clause of a selection on petition `$1` (signatures not yet invalidated).
fn selected(sel: &Selection, petition_id: i64) -> (String, Vec<Bind>) {
    let mut binds = vec![Bind::Int(petition_id)];
    let mut clauses = vec!["petition_id = $1".to_string(), "flagged < 2".to_string()];
    let mut push = |clause: &str, b: Bind, binds: &mut Vec<Bind>| {
        binds.push(b);
        clauses.push(format!("{clause} ${}", binds.len()));
    };
    if let Some(v) = &sel.block {
        push("ip_block =", Bind::Text(v.clone()), &mut binds);
    }
    if let Some(v) = &sel.domain {
        push("email_domain =", Bind::Text(v.clone()), &mut binds);
    }
    if let Some(v) = &sel.user_agent {
        push("user_agent =", Bind::Text(v.clone()), &mut binds);
    }
    if let Some(t) = sel.from {
        push("created_at >=", Bind::Int(t.0), &mut binds);
    }
    if let Some(t) = sel.until {
        push("created_at <", Bind::Int(t.0), &mut binds);
    }
    if sel.flagged_only {
        clauses.push("flagged = 1".into());
    }
    (clauses.join(" AND "), binds)
}

pub async fn count_selected<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, sel: &Selection) -> Result<i64, sqlx::Error> {
    let (where_, binds) = selected(sel, petition_id);
    let sql = format!("SELECT COUNT(*) AS n FROM signatures WHERE {where_}");
    bind_all(sqlx::query(&sql), &binds).fetch_one(ex).await?.try_get("n")
}

#[allow(clippy::too_many_arguments)]
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition_id: i64,
    reason: &str,
    explanation: &str,
    selection: &str,
    count: i64,
    by: i64,
    now: Timestamp,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO signature_invalidations (petition_id, reason, explanation, selection, count, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(petition_id)
    .bind(reason)
    .bind(explanation)
    .bind(selection)
    .bind(count)
    .bind(by)
    .bind(now.0)
    .fetch_one(ex)
    .await?
    .try_get("id")
}

/// Take the selected signatures out of every count (the triggers follow `flagged`).
pub async fn invalidate<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, sel: &Selection, invalidation_id: i64) -> Result<u64, sqlx::Error> {
    let (where_, mut binds) = selected(sel, petition_id);
    binds.push(Bind::Int(invalidation_id));
    let sql = format!("UPDATE signatures SET flagged = flagged + 2, invalidation_id = ${} WHERE {where_}", binds.len());
    Ok(bind_all(sqlx::query(&sql), &binds).execute(ex).await?.rows_affected())
}

/// Put an invalidation's signatures back; returns how many, 0 if already restored.
pub async fn restore(tx: &mut sqlx::AnyConnection, invalidation_id: i64, by: i64, now: Timestamp) -> Result<u64, sqlx::Error> {
    let marked = sqlx::query("UPDATE signature_invalidations SET restored_at = $2, restored_by = $3 WHERE id = $1 AND restored_at IS NULL")
        .bind(invalidation_id)
        .bind(now.0)
        .bind(by)
        .execute(&mut *tx)
        .await?;
    if marked.rows_affected() == 0 {
        return Ok(0);
    }
    let done = sqlx::query("UPDATE signatures SET flagged = flagged - 2, invalidation_id = NULL WHERE invalidation_id = $1 AND flagged >= 2")
        .bind(invalidation_id)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected())
}

/// (petition id, invalidation) of one invalidation.
pub async fn by_id<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<(i64, InvalidationView)>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM signature_invalidations WHERE id = $1").bind(id).fetch_optional(ex).await?;
    row.map(|r| Ok((r.try_get("petition_id")?, view(&r)?))).transpose()
}

fn view(r: &sqlx::any::AnyRow) -> Result<InvalidationView, sqlx::Error> {
    Ok(InvalidationView {
        id: r.try_get("id")?,
        reason: r.try_get("reason")?,
        explanation: r.try_get("explanation")?,
        count: r.try_get("count")?,
        at: Timestamp(r.try_get("created_at")?),
        restored_at: r.try_get::<Option<i64>, _>("restored_at")?.map(Timestamp),
    })
}

/// A petition's invalidations, newest first.
pub async fn for_petition<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Vec<InvalidationView>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM signature_invalidations WHERE petition_id = $1 ORDER BY id DESC").bind(petition_id).fetch_all(ex).await?;
    rows.iter().map(view).collect()
}

/// The grouping columns there are.
#[derive(Clone, Copy)]
pub enum By {
    Block,
    Domain,
    Agent,
}

/// The largest groups of a petition's counted or over-limit signatures.
pub async fn groups<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, by: By, limit: i64) -> Result<Vec<Group>, sqlx::Error> {
    let col = match by {
        By::Block => "ip_block",
        By::Domain => "email_domain",
        By::Agent => "user_agent",
    };
    let sql = format!(
        "SELECT {col} AS k, COUNT(*) AS n, SUM(CASE WHEN flagged = 1 THEN 1 ELSE 0 END) AS f FROM signatures
         WHERE petition_id = $1 AND flagged < 2 AND confirmed_at IS NOT NULL GROUP BY {col} ORDER BY n DESC, k LIMIT {limit}"
    );
    let rows = sqlx::query(&sql).bind(petition_id).fetch_all(ex).await?;
    rows.iter()
        .map(|r| Ok(Group { key: r.try_get("k")?, count: r.try_get("n")?, flagged: r.try_get::<Option<i64>, _>("f")?.unwrap_or(0), cluster: false }))
        .collect()
}

/// Counted signatures per minute since `since`: (minute start, count).
pub async fn per_minute<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, since: Timestamp) -> Result<Vec<(Timestamp, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT created_at / 60000 AS m, COUNT(*) AS n FROM signatures
         WHERE petition_id = $1 AND created_at >= $2 AND flagged = 0 AND confirmed_at IS NOT NULL GROUP BY created_at / 60000 ORDER BY m",
    )
    .bind(petition_id)
    .bind(since.0)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((Timestamp(r.try_get::<i64, _>("m")? * MINUTE), r.try_get("n")?))).collect()
}

/// Signatures by state: (counted before `before`, over the limit, invalidated).
pub async fn tallies<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, before: Timestamp) -> Result<(i64, i64, i64), sqlx::Error> {
    let r = sqlx::query(
        "SELECT SUM(CASE WHEN flagged = 0 AND confirmed_at IS NOT NULL AND created_at < $2 THEN 1 ELSE 0 END) AS earlier,
                SUM(CASE WHEN flagged = 1 THEN 1 ELSE 0 END) AS over,
                SUM(CASE WHEN flagged >= 2 THEN 1 ELSE 0 END) AS invalid
         FROM signatures WHERE petition_id = $1",
    )
    .bind(petition_id)
    .bind(before.0)
    .fetch_one(ex)
    .await?;
    let get = |c: &str| r.try_get::<Option<i64>, _>(c).map(|v| v.unwrap_or(0));
    Ok((get("earlier")?, get("over")?, get("invalid")?))
}

/// Claim the alert for a petition in an hour: true only for the first caller anywhere.
pub async fn claim_alert<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, hour: i64, detail: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("INSERT INTO fraud_alerts (petition_id, hour, detail, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (petition_id, hour) DO NOTHING")
        .bind(petition_id)
        .bind(hour)
        .bind(detail)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Alerts raised since `since`: (petition, title, detail, at), newest first.
pub async fn alerts_since<'e, E: Executor<'e, Database = Any>>(ex: E, since: Timestamp) -> Result<Vec<(i64, String, String, Timestamp)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.petition_id, p.title, a.detail, a.created_at FROM fraud_alerts a JOIN petitions p ON p.id = a.petition_id
         WHERE a.created_at >= $1 ORDER BY a.created_at DESC LIMIT 50",
    )
    .bind(since.0)
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("petition_id")?, r.try_get("title")?, r.try_get("detail")?, Timestamp(r.try_get("created_at")?)))).collect()
}

/// Petitions that counted signatures in the hour of `since` or later (read from the
/// small hourly table, not by scanning signatures).
pub async fn recently_signed<'e, E: Executor<'e, Database = Any>>(ex: E, since: Timestamp) -> Result<Vec<i64>, sqlx::Error> {
    let hour = crate::server::db::signatures::hour_of(since);
    let rows = sqlx::query("SELECT DISTINCT petition_id FROM petition_hourly_counts WHERE hour >= $1 AND count > 0").bind(hour).fetch_all(ex).await?;
    rows.iter().map(|r| r.try_get("petition_id")).collect()
}

/// Whether any agency has published anything on the petition.
pub async fn any_response<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT 1 AS x FROM response_versions WHERE petition_id = $1 LIMIT 1").bind(petition_id).fetch_optional(ex).await?.is_some())
}
