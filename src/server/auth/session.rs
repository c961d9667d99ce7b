//! Login sessions: a random id in an HttpOnly cookie, its hash in the database,
//! with idle and absolute timeouts.
use super::tokens;
use crate::domain::role::Role;
use crate::domain::time::{HOUR, MINUTE, Timestamp};
use crate::server::config::Config;
use crate::server::db::{Db, sessions};
use crate::server::error::ServerError;
use sqlx::{Any, Executor};

/// The logged-in person, attached to each request by the session middleware.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub locale: String,
    pub county: Option<String>,
    pub roles: Vec<Role>,
    pub session_hash: String,
}

/// Only refresh `last_seen_at` this often, so reads do not write on every request.
const TOUCH_EVERY: i64 = 5 * MINUTE;

pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies { "__Host-minyi_session" } else { "minyi_session" }
}

pub fn set_cookie_header(config: &Config, raw: &str) -> String {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    format!("{}={raw}; Path=/; HttpOnly; SameSite=Lax{secure}", cookie_name(config))
}

pub fn clear_cookie_header(config: &Config) -> String {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    format!("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}", cookie_name(config))
}

/// Start a session; returns the raw id for the cookie. Always a fresh id (no fixation).
pub async fn create<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    config: &Config,
    user_id: i64,
    now: Timestamp,
) -> Result<String, sqlx::Error> {
    let (raw, hash) = tokens::generate(tokens::SESSION_BYTES);
    let expires = now.plus_millis(config.session_absolute_hours * HOUR);
    sessions::insert(ex, &hash, user_id, now, expires).await?;
    Ok(raw)
}

/// Resolve a cookie value to a live session, ending it if a timeout has passed.
pub async fn lookup(db: &Db, config: &Config, raw: &str, now: Timestamp) -> Result<Option<SessionUser>, ServerError> {
    let hash = tokens::hash(raw);
    // Session and user in one query (every signed-in request pays for this lookup).
    let Some((s, user, roles)) = sessions::get_with_user(&db.pool, &hash).await? else { return Ok(None) };
    let idle_deadline = s.last_seen_at.plus_millis(config.session_idle_minutes * MINUTE);
    if now >= s.expires_at || now >= idle_deadline {
        sessions::delete(&db.pool, &hash).await?;
        return Ok(None);
    }
    if now.0 - s.last_seen_at.0 >= TOUCH_EVERY {
        sessions::touch(&db.pool, &hash, now).await?;
    }
    Ok(Some(SessionUser {
        user_id: user.id,
        display_name: user.display_name,
        email: user.email,
        locale: user.locale,
        county: user.county,
        roles,
        session_hash: hash,
    }))
}
