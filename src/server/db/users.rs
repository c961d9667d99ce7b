//! Users, roles and preferences.
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub email_verified: bool,
    pub locale: String,
    pub notify_signed: bool,
    pub notify_proposed: bool,
    /// The county or city last chosen when signing.
    pub county: Option<String>,
    /// Set while (or after) a moderator suspended the account.
    pub suspended_until: Option<Timestamp>,
}

pub const COLUMNS: &str = "id, email, display_name, password_hash, email_verified_at, locale, notify_signed, notify_proposed, county, suspended_until";

pub fn from_row(r: &sqlx::any::AnyRow) -> Result<UserRow, sqlx::Error> {
    Ok(UserRow {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        display_name: r.try_get("display_name")?,
        password_hash: r.try_get("password_hash")?,
        email_verified: r.try_get::<Option<i64>, _>("email_verified_at")?.is_some(),
        locale: r.try_get("locale")?,
        notify_signed: r.try_get::<i64, _>("notify_signed")? != 0,
        notify_proposed: r.try_get::<i64, _>("notify_proposed")? != 0,
        county: r.try_get("county")?,
        suspended_until: r.try_get::<Option<i64>, _>("suspended_until")?.map(Timestamp),
    })
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub email_norm: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub locale: &'a str,
    pub verified_at: Option<Timestamp>,
    pub now: Timestamp,
}

/// Insert a user; a duplicate normalised email is a unique violation for the caller to map.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(ex: E, u: NewUser<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (email, email_norm, display_name, password_hash, locale, email_verified_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(u.email)
    .bind(u.email_norm)
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(u.locale)
    .bind(u.verified_at.map(|t| t.0))
    .bind(u.now.0)
    .fetch_all(ex)
    .await?
    .first()
    .ok_or(sqlx::Error::RowNotFound)?
    .try_get("id")
}

pub async fn by_email_norm<'e, E: Executor<'e, Database = Any>>(ex: E, norm: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email_norm = $1 AND deleted_at IS NULL");
    sqlx::query(&sql).bind(norm).fetch_optional(ex).await?.as_ref().map(from_row).transpose()
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.as_ref().map(from_row).transpose()
}

pub async fn mark_verified<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2").bind(now.0).bind(id).execute(ex).await?;
    Ok(())
}

pub async fn set_password<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(id).execute(ex).await?;
    Ok(())
}

/// A repeated registration of an unconfirmed address replaces what the earlier one chose.
pub async fn replace_unverified<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, name: &str, hash: &str, locale: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1, password_hash = $2, locale = $3 WHERE id = $4 AND email_verified_at IS NULL")
        .bind(name)
        .bind(hash)
        .bind(locale)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn set_display_name<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2").bind(name).bind(id).execute(ex).await?;
    Ok(())
}

pub async fn set_preferences<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    locale: &str,
    notify_signed: bool,
    notify_proposed: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET locale = $1, notify_signed = $2, notify_proposed = $3 WHERE id = $4")
        .bind(locale)
        .bind(i64::from(notify_signed))
        .bind(i64::from(notify_proposed))
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn set_locale<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, locale: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2").bind(locale).bind(id).execute(ex).await?;
    Ok(())
}

/// Deletion keeps the row (future petitions and logs refer to it) but erases personal data.
pub async fn anonymise<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email = '', email_norm = $1, display_name = '', password_hash = '',
         deleted_at = $2, notify_signed = 0, notify_proposed = 0, organisation_name = NULL WHERE id = $3",
    )
    .bind(format!("deleted:{id}"))
    .bind(now.0)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn roles<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let rows = sqlx::query("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role").bind(id).fetch_all(ex).await?;
    let mut roles: Vec<Role> = rows.iter().filter_map(|r| r.try_get::<String, _>("role").ok().and_then(|c| Role::from_code(&c))).collect();
    roles.sort();
    Ok(roles)
}

pub async fn grant_role<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, role: Role, by: Option<i64>, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, role) DO NOTHING",
    )
    .bind(id)
    .bind(role.code())
    .bind(now.0)
    .bind(by)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn revoke_role<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2").bind(id).bind(role.code()).execute(ex).await?;
    Ok(())
}

pub async fn count_admins<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'admin' AND u.deleted_at IS NULL")
        .fetch_one(ex)
        .await?
        .try_get("n")
}

#[derive(Debug, Clone)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub verified: bool,
    /// As stored: may lie in the past once a suspension has run out.
    pub suspended_until: Option<Timestamp>,
}

/// Admin search: by email or display name, a case-insensitive substring (the same SQL on
/// both engines: LOWER and LIKE, with the pattern's own wildcards escaped), newest first, capped.
pub async fn search<'e, E: Executor<'e, Database = Any>>(ex: E, q: &str, limit: i64) -> Result<Vec<UserSummary>, sqlx::Error> {
    let pattern = format!("%{}%", q.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let rows = sqlx::query(
        "SELECT id, email, display_name, email_verified_at, suspended_until FROM users
         WHERE deleted_at IS NULL AND (LOWER(email) LIKE $1 ESCAPE '\\' OR LOWER(display_name) LIKE $1 ESCAPE '\\') ORDER BY id DESC LIMIT $2",
    )
    .bind(pattern)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(UserSummary {
                id: r.try_get("id")?,
                email: r.try_get("email")?,
                display_name: r.try_get("display_name")?,
                verified: r.try_get::<Option<i64>, _>("email_verified_at")?.is_some(),
                suspended_until: r.try_get::<Option<i64>, _>("suspended_until")?.map(Timestamp),
            })
        })
        .collect()
}

pub async fn audit<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    actor: Option<i64>,
    action: &str,
    target: &str,
    detail: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO audit_log (at, actor_user_id, action, target, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(now.0)
        .bind(actor)
        .bind(action)
        .bind(target)
        .bind(detail)
        .execute(ex)
        .await?;
    Ok(())
}

/// Active moderators (and admins): (email, name, locale).
pub async fn moderators<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT DISTINCT u.id, u.email, u.display_name, u.locale FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE r.role IN ('moderator', 'admin') AND u.deleted_at IS NULL AND u.email <> '' ORDER BY u.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("email")?, r.try_get("display_name")?, r.try_get("locale")?))).collect()
}

/// The organisation an account has been verified as speaking for; `None` withdraws it.
/// Comments already made in its name keep the name they were made with.
pub async fn set_organisation<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, name: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET organisation_name = $1 WHERE id = $2 AND deleted_at IS NULL").bind(name).bind(id).execute(ex).await?;
    Ok(())
}
