//! Drains the outbox: claims due rows, sends them, and backs off on failure.
use crate::domain::time::{HOUR, SECOND};
use crate::server::auth::tokens;
use crate::server::db::outbox;
use crate::server::error::ServerError;
use crate::server::state::AppState;

const BATCH: i64 = 20;
/// A claim lasts this long; a worker that dies mid-batch frees its rows after it.
const LEASE_MS: i64 = 120 * SECOND;
/// One delivery may take at most this long, well inside a renewed lease.
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
pub const MAX_ATTEMPTS: i64 = 10;

/// Wait before the next attempt: 30 s, 1 min, 2 min ... capped at 1 hour.
pub fn backoff_ms(attempts_so_far: i64) -> i64 {
    let exp = attempts_so_far.clamp(0, 20) as u32;
    (30 * SECOND).saturating_mul(1i64 << exp).min(HOUR)
}

/// Deliver what is due; returns how many messages were sent.
#[tracing::instrument(skip_all)]
pub async fn deliver_due(state: &AppState) -> Result<usize, ServerError> {
    let mut sent = 0;
    loop {
        let now = state.now();
        let (lock, _) = tokens::generate(16);
        let claimed = outbox::claim(&state.db.pool, &lock, now, now.plus_millis(LEASE_MS), BATCH).await?;
        if claimed == 0 {
            return Ok(sent);
        }
        for row in outbox::claimed(&state.db.pool, &lock).await? {
            // A slow batch can outlast its claim: renew per row, and skip rows whose claim was lost.
            if !outbox::renew(&state.db.pool, row.id, &lock, state.now().plus_millis(LEASE_MS)).await? {
                continue;
            }
            let delivered = match tokio::time::timeout(SEND_TIMEOUT, state.mailer.send(row.id, &row.email)).await {
                Ok(result) => result,
                Err(_) => Err("delivery timed out".to_string()),
            };
            match delivered {
                Ok(()) => {
                    outbox::mark_sent(&state.db.pool, row.id, &lock, state.now()).await?;
                    sent += 1;
                }
                Err(error) => {
                    let now = state.now();
                    let give_up = row.attempts + 1 >= MAX_ATTEMPTS;
                    tracing::warn!(outbox_id = row.id, attempts = row.attempts + 1, give_up, %error, "email delivery failed");
                    let retry_at = now.plus_millis(backoff_ms(row.attempts));
                    outbox::mark_failed(&state.db.pool, row.id, &lock, &error, retry_at, give_up, now).await?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(0), 30_000);
        assert_eq!(backoff_ms(1), 60_000);
        assert_eq!(backoff_ms(3), 240_000);
        assert_eq!(backoff_ms(12), HOUR);
        assert_eq!(backoff_ms(100), HOUR);
    }
}
