//! Appends the queued counted-state changes to the log and signs a checkpoint, one batch
//! per transaction. The job is leased (one instance per interval), but safety comes from
//! the transaction: the head row is locked first, the checkpoint's size is its primary
//! key, and the head only moves from the size this batch started at, so two instances
//! can never publish two different trees of one size (the log never forks).
use super::Log;
use crate::domain::tlog::checkpoint::Checkpoint;
use crate::domain::tlog::entry::{self, Entry, RemoveReason};
use crate::domain::tlog::merkle::{self, Hash};
use crate::server::db::tlog::{self, Append, Leaf, PendingChange, REASON_WITHDRAWN, SignatureLog};
use crate::server::error::ServerError;
use crate::server::state::AppState;
use rand::RngCore;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

/// Changes per transaction: large enough for a peak, small enough to keep the lock short.
pub const BATCH: i64 = 8192;

fn log_err(e: impl std::fmt::Display) -> ServerError {
    ServerError::Log(e.to_string())
}

/// Appends until the queue is empty (or two seconds pass); returns how many changes it took.
#[tracing::instrument(skip_all)]
pub async fn run(state: &AppState) -> Result<u64, ServerError> {
    let started = Instant::now();
    let mut total = 0;
    loop {
        let n = append_batch(state).await?;
        total += n;
        if n < BATCH as u64 || started.elapsed() > Duration::from_secs(2) {
            return Ok(total);
        }
    }
}

/// One batch: returns how many queued changes it consumed.
pub async fn append_batch(state: &AppState) -> Result<u64, ServerError> {
    let log: &Log = &state.tlog;
    let now = state.now();
    let started = Instant::now();
    let mut tx = state.db.begin_background().await?;
    let locked = started.elapsed();
    let head = tlog::lock_head(&mut tx, &state.instance_id).await?;
    if head.vkey.as_deref() != Some(log.vkey.as_str()) {
        // The key was replaced (`minyi log new-key`): this instance must not sign until restarted.
        tracing::error!(log_key = %log.vkey, "the log's key changed: not signing; restart this instance");
        return Ok(0);
    }
    let pending = tlog::take_pending(&mut tx, BATCH).await?;
    if pending.is_empty() && head.checkpoint.is_some() {
        return Ok(0);
    }
    // New signatures need their address for the commitment; every change needs the leaf, if any.
    let signing: Vec<i64> = pending.iter().filter(|c| c.delta > 0).map(|c| c.signature_id).collect::<BTreeSet<_>>().into_iter().collect();
    let rows: HashMap<i64, SignatureLog> = tlog::signatures_of(&mut tx, &signing).await?.into_iter().map(|r| (r.id, r)).collect();
    let ids: Vec<i64> = pending.iter().map(|c| c.signature_id).collect::<BTreeSet<_>>().into_iter().collect();
    let leaves = tlog::leaves_of(&mut tx, &ids).await?.into_iter().map(|l| (l.signature_id, l)).collect();
    let mut append = plan(&pending, leaves, &rows, head.tree_size);
    let read = started.elapsed();
    let size = head.tree_size + append.entries.len() as u64;
    if size == head.tree_size && head.checkpoint.is_some() {
        tx.commit().await?;
        return Ok(pending.len() as u64);
    }
    let root = hash_entries(&mut tx, head.tree_size, &mut append).await?;
    let hashed = started.elapsed();
    tlog::write(&mut tx, &append).await?;
    let note = Checkpoint { origin: log.origin.clone(), size, hash: root }.sign(&log.signer).map_err(log_err)?;
    if !tlog::advance_head(&mut tx, head.tree_size, size, &note, now).await? {
        return Err(ServerError::Log(format!("the head moved from size {} during an append: rolled back", head.tree_size)));
    }
    tx.commit().await?;
    // Operators (and the bench) see where a batch's time goes: waiting for the writer, reading
    // the queue, rows and leaves (and drawing salts), the hashes, the writes and commit.
    tracing::debug!(
        changes = pending.len(),
        entries = append.entries.len(),
        lock_ms = locked.as_millis() as u64,
        read_ms = (read - locked).as_millis() as u64,
        hash_ms = (hashed - read).as_millis() as u64,
        write_ms = (started.elapsed() - hashed).as_millis() as u64,
        "log batch appended"
    );
    Ok(pending.len() as u64)
}

/// Computes the new stored hashes (into `append.hashes`) and returns the new root.
async fn hash_entries(tx: &mut crate::server::db::Tx, old: u64, append: &mut Append) -> Result<Hash, ServerError> {
    let new = old + append.entries.len() as u64;
    let stored = merkle::stored_hash_count(old);
    let mut need: BTreeSet<u64> = merkle::tree_hash_indexes(new).into_iter().collect();
    for n in old..new {
        need.extend(merkle::stored_hashes_indexes(n));
    }
    let need: Vec<u64> = need.into_iter().filter(|&i| i < stored).collect();
    let mut map: BTreeMap<u64, Hash> = tlog::hashes(tx, &need).await?;
    for (n, (_, _, text)) in (old..).zip(&append.entries) {
        let hashes = merkle::stored_hashes_for_record(n, merkle::leaf_hash(text.as_bytes()), &map).map_err(log_err)?;
        for (i, h) in (merkle::stored_hash_index(0, n)..).zip(hashes) {
            map.insert(i, h);
            append.hashes.push((i, h));
        }
    }
    merkle::tree_hash(new, &map).map_err(log_err)
}

/// A salt (hex) and the commitment over it; no salt when nobody can hold a receipt.
fn commit_to(petition_id: i64, row: Option<&SignatureLog>) -> (Option<String>, [u8; 32]) {
    let mut salt = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    match row.filter(|r| r.email_norm.contains('@')) {
        Some(r) => (Some(hex::encode(salt)), entry::commitment(petition_id, &salt, &r.email_norm)),
        // Gone (withdrawn before it was logged) or erased: a random commitment.
        None => (None, salt),
    }
}

/// The entries for a batch of changes, in order, with the leaves they create or change.
/// Changes that would not recount are skipped and logged.
fn plan(pending: &[PendingChange], mut leaves: HashMap<i64, Leaf>, rows: &HashMap<i64, SignatureLog>, start: u64) -> Append {
    let mut a = Append::default();
    let mut next = start;
    for c in pending {
        let entry = match (c.delta > 0, leaves.get_mut(&c.signature_id)) {
            (true, Some(l)) if l.removed => {
                l.removed = false;
                a.leaves.insert(l.signature_id, Some(l.clone()));
                Entry::Restore { petition_id: l.petition_id, leaf_index: l.leaf_index }
            }
            (true, Some(_)) => {
                tracing::error!(signature = c.signature_id, "log: a counted signature started counting again; skipped");
                continue;
            }
            (true, None) => {
                let (salt, bytes) = commit_to(c.petition_id, rows.get(&c.signature_id));
                let l =
                    Leaf { signature_id: c.signature_id, petition_id: c.petition_id, leaf_index: next, commitment: hex::encode(bytes), removed: false, salt };
                a.leaves.insert(c.signature_id, Some(l.clone()));
                leaves.insert(c.signature_id, l);
                Entry::Sign { petition_id: c.petition_id, commitment: bytes }
            }
            (false, Some(l)) if !l.removed => {
                let (petition_id, leaf_index) = (l.petition_id, l.leaf_index);
                let reason = if c.reason == REASON_WITHDRAWN { RemoveReason::Withdrawn } else { RemoveReason::Invalidated };
                if reason == RemoveReason::Withdrawn {
                    leaves.remove(&c.signature_id);
                    a.leaves.insert(c.signature_id, None);
                } else {
                    l.removed = true;
                    a.leaves.insert(c.signature_id, Some(l.clone()));
                }
                Entry::Remove { petition_id, leaf_index, reason }
            }
            // Withdrawn after it was logged: the trigger kept the leaf's index and deleted the leaf.
            (false, None) if c.reason == REASON_WITHDRAWN && c.leaf_index.is_some() => {
                let leaf_index = c.leaf_index.unwrap_or_default() as u64;
                Entry::Remove { petition_id: c.petition_id, leaf_index, reason: RemoveReason::Withdrawn }
            }
            (false, _) => {
                tracing::error!(signature = c.signature_id, "log: a signature that is not counted in the log stopped counting; skipped");
                continue;
            }
        };
        *a.counts.entry(entry.petition_id()).or_default() += if matches!(entry, Entry::Remove { .. }) { -1 } else { 1 };
        a.entries.push((next, entry.petition_id(), entry.to_text()));
        next += 1;
    }
    a
}
