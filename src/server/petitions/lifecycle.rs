//! Time-based transitions, applied by a scheduled job: open petitions whose window
//! has ended are closed (or established, if late-counted signatures crossed the
//! threshold). Conditional updates make this exactly-once across instances, and the
//! job catches up on everything overdue after downtime.
use super::emails::{self, Milestone};
use crate::domain::petition::{Command, PetitionState};
use crate::domain::time::SECOND;
use crate::server::db::{petitions, signatures};
use crate::server::error::ServerError;
use crate::server::state::AppState;

/// Signatures confirmed just before closing may still be in flight; wait this long.
pub const CLOSE_GRACE_MS: i64 = 5 * SECOND;

#[tracing::instrument(skip_all)]
pub async fn close_due(state: &AppState) -> Result<usize, ServerError> {
    // While signing is paused no window ends: they are extended when the pause ends.
    if super::paused(&state.db.pool, false).await.unwrap_or(true) {
        return Ok(0);
    }
    super::counting::roll_up(state).await?;
    let now = state.now();
    let due = petitions::open_closing_by(&state.db.pool, now.plus_millis(-CLOSE_GRACE_MS)).await?;
    let mut done = 0;
    for id in due {
        let mut tx = state.db.begin().await?;
        let Some(mut row) = petitions::get(&mut **tx, id).await? else { continue };
        if row.petition.state != PetitionState::Open {
            continue;
        }
        // Decide from the rows themselves, not the rolled-up figure.
        row.signature_count = signatures::counted(&mut **tx, id).await?;
        let threshold = row.petition.rules.signature_threshold;
        let closes = row.petition.closes_at.unwrap_or(now);
        if row.signature_count >= threshold {
            // Crossed by signatures the roll-up had not yet seen: established, not closed.
            let at = signatures::nth_counted_at(&mut **tx, id, threshold).await?.unwrap_or(closes);
            // The machine judges the crossing at the crossing signature's time, inside the window.
            if row.petition.apply(Command::Signed { at, count: row.signature_count }, at).is_ok()
                && row.petition.state == PetitionState::Established
                && super::counting::record_established(state, &mut tx, &row, PetitionState::Open, now).await?
            {
                done += 1;
            }
        } else if row.petition.apply(Command::Close, now).is_ok() && petitions::save_lifecycle(&mut **tx, id, PetitionState::Open, &row.petition, now).await? {
            done += 1;
            petitions::add_event(&mut **tx, id, closes, row.petition.state.code(), &row.signature_count.to_string()).await?;
            emails::milestone(&mut tx, &row, Milestone::Closed, &state.config.base_url, now).await?;
        }
        tx.commit().await?;
    }
    Ok(done)
}
