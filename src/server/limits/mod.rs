//! Rate limits as every caller uses them. Security limits (`Limit::shared`) are counted
//! in the database with one upsert per attempt, in fixed windows, so two instances on
//! one database enforce the same limits as one; the rest go to the in-process limiter.
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::rate_counters;
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;
use counters::{key_hash, window};

pub mod counters;

/// Count one attempt, or refuse it with how long to wait.
pub async fn hit(state: &AppState, limit: Limit, key: &str, now: Timestamp) -> Result<(), AppError> {
    if !limit.shared() {
        return state.limiter.hit(limit, key, now);
    }
    let (start, wait) = window(limit, now);
    let n = {
        let _turn = state.db.write_turn().await;
        rate_counters::add(&state.db.pool, limit.code(), &key_hash(limit, key), start, 1).await?
    };
    if n as usize > limit.rule().0 { Err(AppError::RateLimited { retry_after_secs: wait }) } else { Ok(()) }
}

/// Give back an attempt counted by `hit` that turned out to be a success, so limits that
/// count only failures still count every attempt before it is checked (parallel guesses
/// cannot all pass a check made before any of them was counted).
pub async fn refund(state: &AppState, limit: Limit, key: &str, now: Timestamp) -> Result<(), AppError> {
    if !limit.shared() {
        return Ok(());
    }
    let (start, _) = window(limit, now);
    let _turn = state.db.write_turn().await;
    rate_counters::add(&state.db.pool, limit.code(), &key_hash(limit, key), start, -1).await?;
    Ok(())
}

/// Refuse if the limit is already reached, without counting an attempt.
pub async fn check(state: &AppState, limit: Limit, key: &str, now: Timestamp) -> Result<(), AppError> {
    if !limit.shared() {
        return state.limiter.check(limit, key, now);
    }
    let (start, wait) = window(limit, now);
    let n = rate_counters::get(&state.db.pool, limit.code(), &key_hash(limit, key), start).await?;
    if n as usize >= limit.rule().0 { Err(AppError::RateLimited { retry_after_secs: wait }) } else { Ok(()) }
}
