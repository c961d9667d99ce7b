//! Moving an agency's open petitions to the agency that takes over its work.
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// The open petitions `from` is on, oldest first.
pub async fn open_petitions<'e, E: Executor<'e, Database = Any>>(ex: E, from: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id FROM petitions p JOIN petition_agencies pa ON pa.petition_id = p.id
         WHERE pa.agency_id = $1 AND p.state IN {} ORDER BY p.id",
        // A petition still needs its agencies until it is answered or ended.
        super::states::list(crate::domain::petition::PetitionState::UNDECIDED)
    );
    sqlx::query(&sql).bind(from).fetch_all(ex).await?.iter().map(|r| r.try_get("id")).collect()
}

/// Put `to` in `from`'s place on one petition, keeping its position (lead stays lead).
/// If `to` is already on the petition, `from` is simply taken off.
pub async fn replace_on_petition(conn: &mut sqlx::AnyConnection, petition: i64, from: i64, to: i64) -> Result<(), sqlx::Error> {
    let both = sqlx::query("SELECT agency_id, position FROM petition_agencies WHERE petition_id = $1 AND agency_id IN ($2, $3)")
        .bind(petition)
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await?;
    let position = |id: i64| both.iter().find(|r| r.try_get::<i64, _>("agency_id").ok() == Some(id)).and_then(|r| r.try_get::<i64, _>("position").ok());
    match (position(from), position(to)) {
        (Some(pf), Some(pt)) => {
            sqlx::query("DELETE FROM petition_agencies WHERE petition_id = $1 AND agency_id = $2").bind(petition).bind(from).execute(&mut *conn).await?;
            // The lead role moves to the successor when the merged agency led.
            if pf < pt {
                sqlx::query("UPDATE petition_agencies SET position = $3 WHERE petition_id = $1 AND agency_id = $2")
                    .bind(petition)
                    .bind(to)
                    .bind(pf)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        (Some(_), None) => {
            sqlx::query("UPDATE petition_agencies SET agency_id = $3 WHERE petition_id = $1 AND agency_id = $2")
                .bind(petition)
                .bind(from)
                .bind(to)
                .execute(&mut *conn)
                .await?;
        }
        _ => {}
    }
    // An unpublished answer draft goes with the work.
    sqlx::query(
        "UPDATE response_drafts SET agency_id = $3 WHERE petition_id = $1 AND agency_id = $2
           AND NOT EXISTS (SELECT 1 FROM response_drafts d WHERE d.petition_id = $1 AND d.agency_id = $3)",
    )
    .bind(petition)
    .bind(from)
    .bind(to)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Undecided lead transfers to or from the merged agency lapse; the successor may ask again.
pub async fn lapse_transfers<'e, E: Executor<'e, Database = Any>>(ex: E, agency: i64, now: Timestamp) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE lead_transfers SET decision = 'declined', decided_at = $2 WHERE decision IS NULL AND (from_agency = $1 OR to_agency = $1)")
        .bind(agency)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(done.rows_affected())
}

/// The merged agency's officers serve the successor too.
pub async fn copy_members<'e, E: Executor<'e, Database = Any>>(ex: E, from: i64, to: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agency_members (agency_id, user_id, added_at) SELECT $2, user_id, $3 FROM agency_members WHERE agency_id = $1
         ON CONFLICT (agency_id, user_id) DO NOTHING",
    )
    .bind(from)
    .bind(to)
    .bind(now.0)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn mark_merged<'e, E: Executor<'e, Database = Any>>(ex: E, from: i64, to: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE agencies SET retired_at = $3, merged_into = $2 WHERE id = $1 AND retired_at IS NULL")
        .bind(from)
        .bind(to)
        .bind(now.0)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() == 1)
}
