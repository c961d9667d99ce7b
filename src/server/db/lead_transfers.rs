//! Requests to move a petition's lead role, and the move itself.
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::responses::TransferView;
use sqlx::{Any, Executor, Row};

const TRANSFER_COLS: &str = "t.id, t.petition_id, p.title, t.reason, t.requested_at,
    fa.id AS f_id, fa.code AS f_code, fa.name_zh AS f_zh, fa.name_en AS f_en,
    ta.id AS t_id, ta.code AS t_code, ta.name_zh AS t_zh, ta.name_en AS t_en";
const TRANSFER_FROM: &str = "lead_transfers t JOIN petitions p ON p.id = t.petition_id
    JOIN agencies fa ON fa.id = t.from_agency JOIN agencies ta ON ta.id = t.to_agency";

fn transfer(r: &sqlx::any::AnyRow) -> Result<TransferView, sqlx::Error> {
    Ok(TransferView {
        id: r.try_get("id")?,
        petition_id: r.try_get("petition_id")?,
        title: r.try_get("title")?,
        from: AgencyView { id: r.try_get("f_id")?, code: r.try_get("f_code")?, name_zh: r.try_get("f_zh")?, name_en: r.try_get("f_en")? },
        to: AgencyView { id: r.try_get("t_id")?, code: r.try_get("t_code")?, name_zh: r.try_get("t_zh")?, name_en: r.try_get("t_en")? },
        reason: r.try_get("reason")?,
        requested_at: Timestamp(r.try_get("requested_at")?),
    })
}

pub async fn pending_transfer<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64) -> Result<Option<TransferView>, sqlx::Error> {
    let sql = format!("SELECT {TRANSFER_COLS} FROM {TRANSFER_FROM} WHERE t.petition_id = $1 AND t.decision IS NULL");
    sqlx::query(&sql).bind(petition_id).fetch_optional(ex).await?.as_ref().map(transfer).transpose()
}

pub async fn transfer_by_id<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<TransferView>, sqlx::Error> {
    let sql = format!("SELECT {TRANSFER_COLS} FROM {TRANSFER_FROM} WHERE t.id = $1 AND t.decision IS NULL");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.as_ref().map(transfer).transpose()
}

/// Pending transfers to the agencies `user_id` serves (all of them when `all`).
pub async fn transfers_for<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, all: bool) -> Result<Vec<TransferView>, sqlx::Error> {
    let sql = format!(
        "SELECT {TRANSFER_COLS} FROM {TRANSFER_FROM} WHERE t.decision IS NULL
         AND ($2 = 1 OR t.to_agency IN (SELECT agency_id FROM agency_members WHERE user_id = $1)) ORDER BY t.requested_at"
    );
    let rows = sqlx::query(&sql).bind(user_id).bind(i64::from(all)).fetch_all(ex).await?;
    rows.iter().map(transfer).collect()
}

pub async fn request_transfer<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    petition_id: i64,
    from: i64,
    to: i64,
    reason: &str,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO lead_transfers (petition_id, from_agency, to_agency, reason, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(petition_id)
    .bind(from)
    .bind(to)
    .bind(reason)
    .bind(user_id)
    .bind(now.0)
    .fetch_one(ex)
    .await?
    .try_get("id")
}

/// Record a decision once; false if someone decided first.
pub async fn decide_transfer<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, accept: bool, user_id: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE lead_transfers SET decision = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND decision IS NULL")
        .bind(id)
        .bind(if accept { "accepted" } else { "declined" })
        .bind(user_id)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Make `to` the lead agency; the previous lead stays on as a co-agency.
pub async fn set_lead(tx: &mut sqlx::AnyConnection, petition_id: i64, from: i64, to: i64) -> Result<(), sqlx::Error> {
    let min: i64 = sqlx::query("SELECT COALESCE(MIN(position), 0) AS m FROM petition_agencies WHERE petition_id = $1")
        .bind(petition_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("m")?;
    let to_pos: Option<i64> = sqlx::query("SELECT position FROM petition_agencies WHERE petition_id = $1 AND agency_id = $2")
        .bind(petition_id)
        .bind(to)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get("position"))
        .transpose()?;
    let old_new_pos = match to_pos {
        Some(p) => p,
        None => {
            let max: i64 = sqlx::query("SELECT MAX(position) AS m FROM petition_agencies WHERE petition_id = $1")
                .bind(petition_id)
                .fetch_one(&mut *tx)
                .await?
                .try_get("m")?;
            sqlx::query("INSERT INTO petition_agencies (petition_id, agency_id, position) VALUES ($1, $2, $3)")
                .bind(petition_id)
                .bind(to)
                .bind(min - 1)
                .execute(&mut *tx)
                .await?;
            max + 1
        }
    };
    sqlx::query("UPDATE petition_agencies SET position = $3 WHERE petition_id = $1 AND agency_id = $2")
        .bind(petition_id)
        .bind(from)
        .bind(old_new_pos)
        .execute(&mut *tx)
        .await?;
    if to_pos.is_some() {
        sqlx::query("UPDATE petition_agencies SET position = $3 WHERE petition_id = $1 AND agency_id = $2")
            .bind(petition_id)
            .bind(to)
            .bind(min)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
