//! Counting without a hot row: a trigger adds a `count_events` row whenever a counted
//! signature appears or goes away (migrations `0003_count_triggers`); this roll-up
//! drains them four times a second and adds them to the petition, its counties and its hours in
//! one transaction. Reconciliation recounts from the signature rows and repairs drift.
use super::emails::{self, Milestone};
use crate::domain::petition::{Command, PetitionState};
use crate::domain::time::Timestamp;
use crate::server::db::petitions::{self, PetitionRow};
use crate::server::db::signatures::{self, hour_of};
use crate::server::db::{Engine, counts};
use crate::server::error::ServerError;
use crate::server::state::AppState;
use std::collections::BTreeMap;

const BATCH: i64 = 20_000;

/// Fold pending count events into the counts; returns how many events were applied.
#[tracing::instrument(skip_all)]
pub async fn roll_up(state: &AppState) -> Result<usize, ServerError> {
    let now = state.now();
    let mut tx = state.db.begin_background().await?;
    let events = signatures::drain_events(&mut **tx, BATCH).await?;
    if events.is_empty() {
        return Ok(0);
    }
    let mut totals: BTreeMap<i64, i64> = BTreeMap::new();
    let mut counties: BTreeMap<(i64, &str), i64> = BTreeMap::new();
    let mut hours: BTreeMap<(i64, i64), i64> = BTreeMap::new();
    for e in &events {
        *totals.entry(e.petition_id).or_default() += e.delta;
        *counties.entry((e.petition_id, e.county.as_str())).or_default() += e.delta;
        *hours.entry((e.petition_id, hour_of(e.at))).or_default() += e.delta;
    }
    for ((p, c), d) in counties {
        signatures::add_to_county(&mut **tx, p, c, d).await?;
    }
    for ((p, h), d) in hours {
        signatures::add_to_hour(&mut **tx, p, h, d).await?;
    }
    for (&id, &delta) in &totals {
        let count = signatures::add_to_count(&mut **tx, id, delta, now).await?;
        record_milestones(state, &mut tx, id, count, now).await?;
    }
    tx.commit().await?;
    Ok(events.len())
}

/// Record the threshold crossing (and the second tier) once, with the time of the
/// signature that crossed it, and tell the people who asked.
async fn record_milestones(state: &AppState, tx: &mut sqlx::AnyConnection, id: i64, count: i64, now: Timestamp) -> Result<(), ServerError> {
    let Some(mut row) = petitions::get(&mut *tx, id).await? else { return Ok(()) };
    let rules = row.petition.rules;
    if row.petition.established_at.is_none() && count >= rules.signature_threshold {
        let at = signatures::nth_counted_at(&mut *tx, id, rules.signature_threshold).await?.unwrap_or(now);
        let from = row.petition.state;
        row.signature_count = count;
        if row.petition.apply(Command::Signed { at, count }, now).is_ok() && row.petition.state == PetitionState::Established {
            record_established(state, tx, &row, from, now).await?;
        }
    }
    if let Some(second) = rules.second_tier_threshold
        && row.second_tier_at.is_none()
        && count >= second
    {
        let at = signatures::nth_counted_at(&mut *tx, id, second).await?.unwrap_or(now);
        if counts::mark_second_tier(&mut *tx, id, at).await? {
            petitions::add_event(&mut *tx, id, at, "second_tier", &second.to_string()).await?;
        }
    }
    Ok(())
}

/// Write an establishment decided in `row.petition` (if the row is still in state `from`):
/// the timeline entry at the crossing signature's time and the emails, once.
/// Returns whether this call recorded it.
pub(super) async fn record_established(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    row: &PetitionRow,
    from: PetitionState,
    now: Timestamp,
) -> Result<bool, ServerError> {
    let p = &row.petition;
    if !petitions::save_lifecycle(&mut *tx, row.id, from, p, now).await? {
        return Ok(false);
    }
    let at = p.established_at.unwrap_or(now);
    petitions::add_event(&mut *tx, row.id, at, p.state.code(), &row.signature_count.to_string()).await?;
    let due = p.response_due().unwrap_or(now);
    emails::milestone(tx, row, Milestone::Established { response_due: due }, &state.config.base_url, now).await?;
    Ok(true)
}

/// Compare every stored count with the signature rows; repair and log any difference.
/// Returns the number of petitions repaired.
#[tracing::instrument(skip_all)]
pub async fn reconcile(state: &AppState) -> Result<usize, ServerError> {
    // Every state whose count is shown, answered petitions included.
    let ids = counts::counted_petitions(&state.db.pool).await?;
    let mut repaired = 0;
    for id in ids {
        match reconcile_one(state, id).await {
            Ok(true) => repaired += 1,
            Ok(false) => {}
            // A concurrent roll-up won the row (PostgreSQL serialization): next round.
            Err(e) => tracing::warn!(petition = id, error = %e, "reconciliation skipped"),
        }
    }
    Ok(repaired)
}

async fn reconcile_one(state: &AppState, id: i64) -> Result<bool, ServerError> {
    let mut tx = state.db.begin().await?;
    if state.db.engine == Engine::Postgres {
        // One snapshot for the rows, the pending events and the stored count.
        counts::one_snapshot(&mut tx).await?;
    }
    let rows = signatures::counted(&mut **tx, id).await?;
    let pending = counts::pending_delta(&mut **tx, id).await?;
    let stored = counts::stored_count(&mut **tx, id).await?;
    let expected = rows - pending;
    let mut drifted = stored != expected;
    if drifted {
        tracing::warn!(petition = id, stored, expected, "signature count drifted: repaired");
        counts::set_count(&mut **tx, id, expected).await?;
        crate::server::db::users::audit(&mut **tx, None, "count.repair", &id.to_string(), &format!("{stored} -> {expected}"), state.now()).await?;
    }
    // The county and hourly figures are published too: they must add up to the same rows.
    drifted |= repair_breakdown::<String>(state, &mut tx, id, &signatures::BY_COUNTY, "county counts").await?;
    drifted |= repair_breakdown::<i64>(state, &mut tx, id, &signatures::BY_HOUR, "hourly counts").await?;
    tx.commit().await?;
    Ok(drifted)
}

/// Rebuild one breakdown from the rows if it differs; returns whether it did.
async fn repair_breakdown<K>(state: &AppState, tx: &mut sqlx::AnyConnection, id: i64, b: &signatures::Breakdown, what: &str) -> Result<bool, ServerError>
where
    K: for<'r> sqlx::Decode<'r, sqlx::Any> + for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Ord + Clone + Send + 'static,
{
    let expected: BTreeMap<K, i64> = signatures::breakdown_expected(&mut *tx, id, b).await?;
    if expected == signatures::breakdown_stored(&mut *tx, id, b).await? {
        return Ok(false);
    }
    tracing::warn!(petition = id, what, "breakdown drifted: repaired");
    signatures::breakdown_replace(&mut *tx, id, b, &expected).await?;
    crate::server::db::users::audit(&mut *tx, None, "count.repair", &id.to_string(), what, state.now()).await?;
    Ok(true)
}
