//! The signature transparency log's tables (migration 0023): the queue the triggers fill,
//! the leaves, entries and stored hashes, the head and its checkpoints, the keys.
use crate::domain::time::Timestamp;
use crate::domain::tlog::merkle::Hash;
use sqlx::{Any, AnyConnection, Executor, Row};
use std::collections::BTreeMap;

/// Rows per multi-row statement (at most 5 parameters each).
const CHUNK: usize = 500;

/// A queued change of "counted": +1 starts, -1 stops (reason 1 withdrawn, 2 invalidated).
#[derive(Debug, Clone)]
pub struct PendingChange {
    pub id: i64,
    pub signature_id: i64,
    pub petition_id: i64,
    pub delta: i64,
    pub reason: i64,
    /// A withdrawal's leaf, read by the trigger as it deleted the leaf with the row.
    pub leaf_index: Option<i64>,
}

pub const REASON_WITHDRAWN: i64 = 1;
pub const REASON_INVALIDATED: i64 = 2;

#[derive(Debug, Clone)]
pub struct Leaf {
    pub signature_id: i64,
    pub petition_id: i64,
    pub leaf_index: u64,
    pub commitment: String,
    pub removed: bool,
    /// Hex; none when nobody can hold the receipt (an erased or gone signer).
    pub salt: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Head {
    pub tree_size: u64,
    pub checkpoint: Option<String>,
    pub vkey: Option<String>,
}

/// What the sequencer needs of a signature row to commit to it.
#[derive(Debug, Clone)]
pub struct SignatureLog {
    pub id: i64,
    pub email_norm: String,
}

fn head_from(r: &sqlx::any::AnyRow) -> Result<Head, sqlx::Error> {
    Ok(Head { tree_size: r.try_get::<i64, _>("tree_size")? as u64, checkpoint: r.try_get("checkpoint")?, vkey: r.try_get("vkey")? })
}

pub async fn head<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Head, sqlx::Error> {
    let row = sqlx::query("SELECT tree_size, checkpoint, vkey FROM tlog_head WHERE id = 1").fetch_optional(ex).await?;
    row.as_ref().map(head_from).transpose().map(Option::unwrap_or_default)
}

/// The first statement of an append: takes the head's row lock (PostgreSQL) until commit,
/// so a second sequencer waits and then sees the new size.
pub async fn lock_head(tx: &mut AnyConnection, holder: &str) -> Result<Head, sqlx::Error> {
    let row = sqlx::query("UPDATE tlog_head SET holder = $1 WHERE id = 1 RETURNING tree_size, checkpoint, vkey").bind(holder).fetch_one(&mut *tx).await?;
    head_from(&row)
}

/// Remove and return up to `limit` queued changes, oldest first.
pub async fn take_pending(tx: &mut AnyConnection, limit: i64) -> Result<Vec<PendingChange>, sqlx::Error> {
    let rows = sqlx::query(
        "DELETE FROM tlog_pending WHERE id IN (SELECT id FROM tlog_pending ORDER BY id LIMIT $1)
         RETURNING id, signature_id, petition_id, delta, reason, leaf_index",
    )
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let mut changes = rows
        .iter()
        .map(|r| {
            Ok(PendingChange {
                id: r.try_get("id")?,
                signature_id: r.try_get("signature_id")?,
                petition_id: r.try_get("petition_id")?,
                delta: r.try_get("delta")?,
                reason: r.try_get("reason")?,
                leaf_index: r.try_get("leaf_index")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    changes.sort_by_key(|c| c.id);
    Ok(changes)
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

pub async fn leaves_of(tx: &mut AnyConnection, signature_ids: &[i64]) -> Result<Vec<Leaf>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in signature_ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT signature_id, petition_id, leaf_index, commitment, removed, salt FROM tlog_leaves WHERE signature_id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *tx).await? {
            out.push(Leaf {
                signature_id: r.try_get("signature_id")?,
                petition_id: r.try_get("petition_id")?,
                leaf_index: r.try_get::<i64, _>("leaf_index")? as u64,
                commitment: r.try_get("commitment")?,
                removed: r.try_get::<i64, _>("removed")? != 0,
                salt: r.try_get("salt")?,
            });
        }
    }
    Ok(out)
}

pub async fn signatures_of(tx: &mut AnyConnection, ids: &[i64]) -> Result<Vec<SignatureLog>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!("SELECT id, email_norm FROM signatures WHERE id IN ({})", placeholders(1, chunk.len()));
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *tx).await? {
            out.push(SignatureLog { id: r.try_get("id")?, email_norm: r.try_get("email_norm")? });
        }
    }
    Ok(out)
}

/// The stored hashes at these indexes (those that exist).
pub async fn hashes(ex: &mut AnyConnection, indexes: &[u64]) -> Result<BTreeMap<u64, Hash>, sqlx::Error> {
    let mut out = BTreeMap::new();
    for chunk in indexes.chunks(CHUNK) {
        let sql = format!("SELECT idx, hash FROM tlog_hashes WHERE idx IN ({})", placeholders(1, chunk.len()));
        let mut q = sqlx::query(&sql);
        for i in chunk {
            q = q.bind(*i as i64);
        }
        for r in q.fetch_all(&mut *ex).await? {
            let bytes: Vec<u8> = r.try_get("hash")?;
            let hash: Hash = bytes.try_into().map_err(|_| sqlx::Error::Decode("a stored log hash is not 32 bytes".into()))?;
            out.insert(r.try_get::<i64, _>("idx")? as u64, hash);
        }
    }
    Ok(out)
}

/// One appended batch, written together.
#[derive(Debug, Default)]
pub struct Append {
    /// (leaf index, petition, entry text)
    pub entries: Vec<(u64, i64, String)>,
    /// (stored index, hash)
    pub hashes: Vec<(u64, Hash)>,
    /// The final state of each touched signature's leaf: `None` when withdrawn (the row is gone).
    pub leaves: BTreeMap<i64, Option<Leaf>>,
    /// Petition count changes.
    pub counts: BTreeMap<i64, i64>,
}

pub async fn write(tx: &mut AnyConnection, a: &Append) -> Result<(), sqlx::Error> {
    for chunk in a.entries.chunks(CHUNK) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 3 + 1, 3))).collect();
        let sql = format!("INSERT INTO tlog_entries (leaf_index, petition_id, entry) VALUES {}", values.join(", "));
        let mut q = sqlx::query(&sql);
        for (index, petition, entry) in chunk {
            q = q.bind(*index as i64).bind(*petition).bind(entry.as_str());
        }
        q.execute(&mut *tx).await?;
    }
    for chunk in a.hashes.chunks(CHUNK) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 2 + 1, 2))).collect();
        let sql = format!("INSERT INTO tlog_hashes (idx, hash) VALUES {}", values.join(", "));
        let mut q = sqlx::query(&sql);
        for (index, hash) in chunk {
            q = q.bind(*index as i64).bind(hash.to_vec());
        }
        q.execute(&mut *tx).await?;
    }
    let gone: Vec<i64> = a.leaves.iter().filter(|(_, l)| l.is_none()).map(|(id, _)| *id).collect();
    for chunk in gone.chunks(CHUNK) {
        let sql = format!("DELETE FROM tlog_leaves WHERE signature_id IN ({})", placeholders(1, chunk.len()));
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *tx).await?;
    }
    let kept: Vec<&Leaf> = a.leaves.values().flatten().collect();
    for chunk in kept.chunks(CHUNK) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 6 + 1, 6))).collect();
        // A restore or invalidation changes the leaf it has; a reused row id (SQLite) replaces
        // the leaf of the signature that had it. The salt is never brought back once erased.
        let sql = format!(
            "INSERT INTO tlog_leaves (signature_id, petition_id, leaf_index, commitment, removed, salt) VALUES {}
             ON CONFLICT (signature_id) DO UPDATE SET petition_id = excluded.petition_id, leaf_index = excluded.leaf_index,
                commitment = excluded.commitment, removed = excluded.removed,
                salt = CASE WHEN tlog_leaves.commitment = excluded.commitment THEN tlog_leaves.salt ELSE excluded.salt END",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for l in chunk {
            q = q
                .bind(l.signature_id)
                .bind(l.petition_id)
                .bind(l.leaf_index as i64)
                .bind(l.commitment.as_str())
                .bind(i64::from(l.removed))
                .bind(l.salt.as_deref());
        }
        q.execute(&mut *tx).await?;
    }
    for (petition, delta) in &a.counts {
        sqlx::query(
            "INSERT INTO tlog_counts (petition_id, count) VALUES ($1, $2)
             ON CONFLICT (petition_id) DO UPDATE SET count = tlog_counts.count + excluded.count",
        )
        .bind(*petition)
        .bind(*delta)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Records the checkpoint and moves the head from `old` to its size; `false` (roll back)
/// if the head is no longer at `old`: the log never forks.
pub async fn advance_head(tx: &mut AnyConnection, old: u64, size: u64, note: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    sqlx::query("INSERT INTO tlog_checkpoints (tree_size, note, created_at) VALUES ($1, $2, $3)")
        .bind(size as i64)
        .bind(note)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query("UPDATE tlog_head SET tree_size = $1, checkpoint = $2, updated_at = $3 WHERE id = 1 AND tree_size = $4")
        .bind(size as i64)
        .bind(note)
        .bind(now.0)
        .bind(old as i64)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Registers the verifier key if the log has none yet; returns the key the log now has.
pub async fn register_key(tx: &mut AnyConnection, vkey: &str, now: Timestamp) -> Result<String, sqlx::Error> {
    let set = sqlx::query("UPDATE tlog_head SET vkey = $1 WHERE id = 1 AND vkey IS NULL").bind(vkey).execute(&mut *tx).await?;
    if set.rows_affected() == 1 {
        add_key(tx, vkey, now).await?;
    }
    Ok(head(&mut *tx).await?.vkey.unwrap_or_default())
}

/// An explicit key change (`minyi log new-key --confirm`).
pub async fn replace_key(tx: &mut AnyConnection, vkey: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tlog_head SET vkey = $1 WHERE id = 1").bind(vkey).execute(&mut *tx).await?;
    add_key(tx, vkey, now).await
}

async fn add_key(tx: &mut AnyConnection, vkey: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO tlog_keys (vkey, from_size, created_at) SELECT $1, tree_size, $2 FROM tlog_head WHERE id = 1 ON CONFLICT (vkey) DO NOTHING")
        .bind(vkey)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn checkpoint_count<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM tlog_checkpoints").fetch_one(ex).await
}

/// Entry texts of leaves [start, end), in order.
pub async fn entries<'e, E: Executor<'e, Database = Any>>(ex: E, start: u64, end: u64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT entry FROM tlog_entries WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index")
        .bind(start as i64)
        .bind(end as i64)
        .fetch_all(ex)
        .await
}

/// The leaf and salt behind a signature's receipt: only while it counts in the log.
pub async fn receipt_leaf<'e, E: Executor<'e, Database = Any>>(ex: E, signature_id: i64) -> Result<Option<(u64, String, i64)>, sqlx::Error> {
    // The leaf goes with its row (the delete trigger), so it is this signature's.
    let row = sqlx::query(
        "SELECT l.leaf_index, l.salt, l.petition_id FROM tlog_leaves l JOIN signatures s ON s.id = l.signature_id AND s.petition_id = l.petition_id
         WHERE l.signature_id = $1 AND l.removed = 0 AND l.salt IS NOT NULL",
    )
    .bind(signature_id)
    .fetch_optional(ex)
    .await?;
    row.map(|r| Ok((r.try_get::<i64, _>("leaf_index")? as u64, r.try_get("salt")?, r.try_get("petition_id")?))).transpose()
}

/// Old checkpoints thinned out: after two days, the first of each hour is kept.
pub async fn prune_checkpoints<'e, E: Executor<'e, Database = Any>>(ex: E, before: Timestamp) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM tlog_checkpoints WHERE created_at < $1 AND tree_size NOT IN
            (SELECT MIN(tree_size) FROM tlog_checkpoints GROUP BY created_at / 3600000)
         AND tree_size <> (SELECT tree_size FROM tlog_head WHERE id = 1)",
    )
    .bind(before.0)
    .execute(ex)
    .await?;
    Ok(done.rows_affected())
}

/// The person's confirmed signature of a petition (by account or by address, as "My signatures" lists them).
pub async fn signature_of<'e, E: Executor<'e, Database = Any>>(ex: E, petition_id: i64, user_id: i64, email_norm: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM signatures WHERE petition_id = $1 AND (user_id = $2 OR email_norm = $3) AND confirmed_at IS NOT NULL ORDER BY id LIMIT 1",
    )
    .bind(petition_id)
    .bind(user_id)
    .bind(email_norm)
    .fetch_optional(ex)
    .await
}

/// The newest stored checkpoints: (tree size, signed note, when), newest first.
pub async fn recent_checkpoints<'e, E: Executor<'e, Database = Any>>(ex: E, limit: i64) -> Result<Vec<(u64, String, Timestamp)>, sqlx::Error> {
    let rows = sqlx::query("SELECT tree_size, note, created_at FROM tlog_checkpoints ORDER BY tree_size DESC LIMIT $1").bind(limit).fetch_all(ex).await?;
    rows.iter().map(|r| Ok((r.try_get::<i64, _>("tree_size")? as u64, r.try_get("note")?, Timestamp(r.try_get("created_at")?)))).collect()
}
