//! The shared counters behind the security limits, without the app's state: one upsert
//! per window, in the caller's transaction when signing.
use crate::domain::time::Timestamp;
use crate::server::auth::tokens;
use crate::server::db::rate_counters;
use crate::server::ratelimit::Limit;

/// The start of `now`'s window, and the seconds until it ends.
pub(super) fn window(limit: Limit, now: Timestamp) -> (i64, u64) {
    let len = limit.rule().1;
    let start = now.0 - now.0.rem_euclid(len);
    (start, ((start + len - now.0).max(1000) as u64).div_ceil(1000))
}

/// Keys are addresses and accounts: only their hashes are stored.
pub(super) fn key_hash(limit: Limit, key: &str) -> String {
    tokens::hash(&format!("{}\n{key}", limit.code()))
}

/// In the caller's transaction, with one statement: count each entry's `by` attempts
/// (limit, key, time, by); for each entry, how many of its attempts (the last ones) are
/// over the limit, as if the entries had been counted one after another in this order.
/// Signature batches use it to flag, never to refuse.
pub async fn add_all_in(conn: &mut sqlx::AnyConnection, entries: &[(Limit, &str, Timestamp, usize)]) -> Result<Vec<usize>, sqlx::Error> {
    use std::collections::BTreeMap;
    let keyed: Vec<(&'static str, String, i64)> = entries.iter().map(|(l, k, now, _)| (l.code(), key_hash(*l, k), window(*l, *now).0)).collect();
    let mut added: BTreeMap<(&str, &str, i64), i64> = BTreeMap::new();
    for ((code, hash, start), (_, _, _, by)) in keyed.iter().zip(entries) {
        *added.entry((code, hash.as_str(), *start)).or_default() += *by as i64;
    }
    let windows: Vec<(&str, &str, i64, i64)> = added.iter().map(|((c, h, s), by)| (*c, *h, *s, *by)).collect();
    let totals = rate_counters::add_many(conn, &windows).await?;
    // Replay the entries in order from each window's total before this batch.
    let mut running: BTreeMap<(&str, &str, i64), i64> = BTreeMap::new();
    for ((code, hash, start), total) in &totals {
        let key = (code.as_str(), hash.as_str(), *start);
        if let Some((k, by)) = added.get_key_value(&key) {
            running.insert(*k, total - by);
        }
    }
    Ok(keyed
        .iter()
        .zip(entries)
        .map(|((code, hash, start), (limit, _, _, by))| {
            let n = running.entry((code, hash.as_str(), *start)).or_default();
            *n += *by as i64;
            (*n - limit.rule().0 as i64).clamp(0, *by as i64) as usize
        })
        .collect())
}
