//! Login sessions: a random id in an HttpOnly cookie, its hash in the database,
//! with idle and absolute timeouts.
use super::guard;
use super::tokens;
pub use super::user::SessionUser;
use crate::domain::second_factor::Factor;
use crate::domain::time::{HOUR, MINUTE, Timestamp};
use crate::server::config::Config;
use crate::server::db::{Db, sessions};
use crate::server::error::ServerError;
use sqlx::{Any, Executor};

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
pub async fn create<'e, E: Executor<'e, Database = Any>>(ex: E, config: &Config, user_id: i64, now: Timestamp) -> Result<String, sqlx::Error> {
    let (raw, hash) = tokens::generate(tokens::SESSION_BYTES);
    let expires = now.plus_millis(config.session_absolute_hours * HOUR);
    sessions::insert(ex, &hash, user_id, now, expires).await?;
    Ok(raw)
}

/// A live session as last read from the database, with its timeouts.
#[derive(Clone)]
pub struct CachedSession {
    user: SessionUser,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
}

/// Sessions are read from memory for at most this long. Logout, password, role, profile
/// and deletion changes on this instance clear the cache at once (`AppState::sessions_changed`);
/// on other instances they take effect within this second.
const SESSION_TTL: std::time::Duration = std::time::Duration::from_secs(1);

pub type SessionCache = crate::server::ttl_cache::TtlCache<String, CachedSession>;

pub fn new_cache() -> SessionCache {
    SessionCache::new(SESSION_TTL)
}

/// Resolve a cookie value to a live session, ending it if a timeout has passed.
pub async fn lookup(db: &Db, cache: &SessionCache, config: &Config, raw: &str, now: Timestamp) -> Result<Option<SessionUser>, ServerError> {
    let hash = tokens::hash(raw);
    let idle = config.session_idle_minutes * MINUTE;
    if let Some(c) = cache.get(&hash) {
        // Timeouts are still judged against the clock on every request.
        if now < c.expires_at && now < c.last_seen_at.plus_millis(idle) && now.0 - c.last_seen_at.0 < TOUCH_EVERY {
            return Ok(Some(guard::while_suspended(c.user, now)));
        }
        cache.remove(&hash);
    }
    // Session and user in one query (every signed-in request that misses the cache pays for it).
    let Some((s, user, roles)) = sessions::get_with_user(&db.pool, &hash).await? else { return Ok(None) };
    if now >= s.expires_at || now >= s.last_seen_at.plus_millis(idle) {
        sessions::delete(&db.pool, &hash).await?;
        return Ok(None);
    }
    let mut last_seen_at = s.last_seen_at;
    if now.0 - s.last_seen_at.0 >= TOUCH_EVERY {
        sessions::touch(&db.pool, &hash, now).await?;
        last_seen_at = now;
    }
    let user = SessionUser {
        user_id: user.id,
        display_name: user.display_name,
        email: user.email,
        locale: user.locale,
        county: user.county,
        factor: Factor::of(s.has_factor, s.second_factor_passed, !roles.is_empty()),
        held_roles: roles.clone(),
        roles,
        session_hash: hash.clone(),
        suspended_until: user.suspended_until,
    };
    let user = guard::staff_gate(user);
    cache.put(hash, CachedSession { user: user.clone(), last_seen_at, expires_at: s.expires_at });
    Ok(Some(guard::while_suspended(user, now)))
}
