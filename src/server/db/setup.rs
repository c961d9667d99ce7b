//! Upserts by code for `minyi admin import`, and the staff list for `export`.
use super::org::{INSERT_JURISDICTION, Table, bind_jurisdiction};
use crate::domain::org::{Level, Names};
use crate::domain::petition::Rules;
use sqlx::{Any, Executor, Row};

pub async fn upsert_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E, n: &Names, level: Level, r: &Rules) -> Result<(), sqlx::Error> {
    let sql = format!(
        "{INSERT_JURISDICTION}
         ON CONFLICT (code) DO UPDATE SET level = excluded.level, name_zh = excluded.name_zh, name_en = excluded.name_en,
            signature_threshold = excluded.signature_threshold, signing_days = excluded.signing_days, response_days = excluded.response_days,
            sponsors_needed = excluded.sponsors_needed, second_tier_threshold = excluded.second_tier_threshold, max_agencies = excluded.max_agencies,
            review_working_days = excluded.review_working_days, allow_signature_withdrawal = excluded.allow_signature_withdrawal"
    );
    bind_jurisdiction(sqlx::query(&sql), n, level, r).execute(ex).await?;
    Ok(())
}

pub async fn set_retention<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str, days: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jurisdictions SET retention_days = $2 WHERE code = $1").bind(code).bind(days).execute(ex).await?;
    Ok(())
}

pub async fn set_conclusion_days<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str, days: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jurisdictions SET conclusion_days = $2 WHERE code = $1").bind(code).bind(days).execute(ex).await?;
    Ok(())
}

pub async fn set_regulation_days<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str, period: i64, answers: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jurisdictions SET regulation_days = $2, regulation_answer_days = $3 WHERE code = $1")
        .bind(code)
        .bind(period)
        .bind(answers)
        .execute(ex)
        .await?;
    Ok(())
}

/// Insert, or update names and contact (an agency never changes jurisdiction).
pub async fn upsert_agency<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    code: &str,
    jurisdiction_id: i64,
    zh: &str,
    en: &str,
    contact: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agencies (code, jurisdiction_id, name_zh, name_en, contact) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, contact = excluded.contact",
    )
    .bind(code)
    .bind(jurisdiction_id)
    .bind(zh)
    .bind(en)
    .bind(contact)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn agency_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT jurisdiction_id FROM agencies WHERE code = $1").bind(code).fetch_optional(ex).await?;
    row.map(|r| r.try_get("jurisdiction_id")).transpose()
}

pub async fn id_by_code<'e, E: Executor<'e, Database = Any>>(ex: E, t: Table, code: &str) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT id FROM {} WHERE code = $1", t.name())).bind(code).fetch_optional(ex).await?;
    row.map(|r| r.try_get("id")).transpose()
}

/// Retire (`Some(now)`, if not already) or bring back (`None`) the row with this code.
pub async fn set_retired_by_code<'e, E: Executor<'e, Database = Any>>(ex: E, t: Table, code: &str, at: Option<i64>) -> Result<(), sqlx::Error> {
    let sql = match at {
        Some(_) => format!("UPDATE {} SET retired_at = $2 WHERE code = $1 AND retired_at IS NULL", t.name()),
        None => format!("UPDATE {} SET retired_at = $2, {} WHERE code = $1", t.name(), t.restore_extra()),
    };
    sqlx::query(&sql).bind(code).bind(at).execute(ex).await?;
    Ok(())
}

pub struct StaffRow {
    pub email: String,
    pub name: String,
    pub roles: Vec<String>,
    pub agencies: Vec<String>,
}

/// Every live account with a role, with its roles and agency codes.
pub async fn staff(db: &sqlx::AnyPool) -> Result<Vec<StaffRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.display_name, r.role FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.deleted_at IS NULL ORDER BY u.id, r.role",
    )
    .fetch_all(db)
    .await?;
    let mut out: Vec<(i64, StaffRow)> = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        if out.last().is_none_or(|s| s.0 != id) {
            let member = sqlx::query("SELECT a.code FROM agency_members m JOIN agencies a ON a.id = m.agency_id WHERE m.user_id = $1 ORDER BY a.id")
                .bind(id)
                .fetch_all(db)
                .await?;
            let agencies = member.iter().map(|m| m.try_get("code")).collect::<Result<_, _>>()?;
            out.push((id, StaffRow { email: r.try_get("email")?, name: r.try_get("display_name")?, roles: Vec::new(), agencies }));
        }
        if let Some((_, s)) = out.last_mut() {
            s.roles.push(r.try_get("role")?);
        }
    }
    Ok(out.into_iter().map(|(_, s)| s).collect())
}
