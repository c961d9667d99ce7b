//! Removes expired sessions, link tokens, form flashes and old limit counters.
use crate::domain::time::{DAY, HOUR, MINUTE};
use crate::server::db::{flash, outbox, rate_counters, sessions, tokens};
use crate::server::error::ServerError;
use crate::server::state::AppState;

pub async fn run(state: &AppState) -> Result<(), ServerError> {
    let now = state.now();
    let idle_cutoff = now.plus_millis(-state.config.session_idle_minutes * MINUTE);
    let s = sessions::delete_expired(&state.db.pool, now, idle_cutoff).await?;
    // Keep used and expired tokens a day for support questions, then drop them.
    let t = tokens::delete_stale(&state.db.pool, now.plus_millis(-DAY)).await?;
    let f = flash::delete_stale(&state.db.pool, now.plus_millis(-HOUR)).await?;
    let o = outbox::purge_finished(&state.db.pool, now.plus_millis(-7 * DAY)).await?;
    // The longest limit window is a day.
    let r = rate_counters::delete_before(&state.db.pool, now.plus_millis(-2 * DAY)).await?;
    // The log's checkpoints: every one for two days (auditors fetch often), then one an hour.
    let c = crate::server::db::tlog::prune_checkpoints(&state.db.pool, now.plus_millis(-2 * DAY)).await?;
    tracing::info!(sessions = s, tokens = t, flashes = f, outbox = o, rate_counters = r, checkpoints = c, "cleanup done");
    Ok(())
}
