//! A site in memory for tests of the audit and of the receipt check: a log built from entry
//! texts (every tile, the key, a signed checkpoint) and the API's petition list, as files by
//! their path from the site's root (`/log/checkpoint`, `/api/v1/petitions?limit=100`).
//! The audit's unit tests live here, not in audit.rs: audit.rs naming this file while this file
//! names audit.rs would be an import loop to `.ci/layers.py`.
#![cfg(test)]

use super::audit::{LogSource, PETITIONS_PAGE};
use crate::domain::tlog::checkpoint::Checkpoint;
use crate::domain::tlog::entry::{Entry, RemoveReason, commitment};
use crate::domain::tlog::merkle::{Hash, leaf_hash, stored_hashes_for_record, tree_hash};
use crate::domain::tlog::note::Signer;
use crate::domain::tlog::tiles::{encode_entries, read_tile_data, tiles_for_size};
use std::collections::BTreeMap;

pub const ORIGIN: &str = "example.org/log";

#[derive(Debug, Clone, Default)]
pub struct MemSource {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl MemSource {
    /// A site serving the log of `entries` (its checkpoint by `signer`) and listing the
    /// `shown` counts, two petitions a page.
    pub fn site(entries: &[String], signer: &Signer, shown: &[(i64, u64)]) -> Self {
        let mut src = Self::default();
        src.serve_log(entries, signer);
        src.set_shown(shown);
        src
    }

    /// Every tile, the key and the checkpoint of the log of these entries.
    pub fn serve_log(&mut self, entries: &[String], signer: &Signer) {
        let stored = storage(entries);
        for tile in tiles_for_size(entries.len() as u64) {
            self.put(&format!("/log/{}", tile.path()), read_tile_data(&tile, stored.as_slice()).unwrap());
            if tile.level == 0 {
                let range = tile.positions().unwrap();
                let bundle = encode_entries(&entries[range.start as usize..range.end as usize]).unwrap();
                self.put(&format!("/log/{}", tile.entries_path()), bundle);
            }
        }
        self.put("/log/key", format!("{}\n", signer.verifier().to_key_string()).into_bytes());
        self.put("/log/checkpoint", checkpoint(entries, signer).into_bytes());
    }

    /// The API's list pages, with cursors `0.1`, `0.2`, … as the real API's `key.id` form.
    pub fn set_shown(&mut self, shown: &[(i64, u64)]) {
        self.files.retain(|path, _| !path.starts_with("/api/"));
        let mut pages: Vec<&[(i64, u64)]> = shown.chunks(2).collect();
        if pages.is_empty() {
            pages.push(&[]);
        }
        for (n, page) in pages.iter().enumerate() {
            let path = if n == 0 { PETITIONS_PAGE.to_owned() } else { format!("{PETITIONS_PAGE}&cursor=0.{n}") };
            let next = (n + 1 < pages.len()).then(|| format!("0.{}", n + 1));
            let items: Vec<_> = page.iter().map(|(id, count)| serde_json::json!({"id": id, "title": "t", "signature_count": count})).collect();
            self.put(&path, serde_json::json!({"items": items, "next_cursor": next}).to_string().into_bytes());
        }
    }

    pub fn put(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.insert(path.to_owned(), bytes);
    }

    /// A served file, to spoil.
    pub fn file(&mut self, path: &str) -> &mut Vec<u8> {
        self.files.get_mut(path).unwrap_or_else(|| panic!("no file {path}"))
    }

    fn get(&self, path: String) -> Result<Vec<u8>, String> {
        self.files.get(&path).cloned().ok_or_else(|| format!("{path}: http status: 404"))
    }
}

impl LogSource for MemSource {
    fn log(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
        std::future::ready(self.get(format!("/log/{path}")))
    }

    fn api(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
        std::future::ready(self.get(path.to_owned()))
    }
}

/// The stored hashes of the log of these entries.
pub fn storage(entries: &[String]) -> Vec<Hash> {
    let mut stored: Vec<Hash> = Vec::new();
    for (n, e) in entries.iter().enumerate() {
        let new = stored_hashes_for_record(n as u64, leaf_hash(e.as_bytes()), stored.as_slice()).unwrap();
        stored.extend(new);
    }
    stored
}

/// The signed checkpoint of the log of these entries.
pub fn checkpoint(entries: &[String], signer: &Signer) -> String {
    let size = entries.len() as u64;
    let hash = tree_hash(size, storage(entries).as_slice()).unwrap();
    Checkpoint { origin: ORIGIN.into(), size, hash }.sign(signer).unwrap()
}

pub fn signer(seed: u8) -> Signer {
    Signer::from_seed(ORIGIN, &[seed; 32]).unwrap()
}

/// 286 entries, over two entry bundles: 282 signatures spread over petitions 1, 2 and 3, then a
/// withdrawal (leaf 0, petition 1), an invalidation undone by a restore (leaf 1, petition 2)
/// and a withdrawal (leaf 2, petition 3). The counts are [`SHOWN`].
pub fn sample_entries() -> Vec<String> {
    let mut log: Vec<Entry> = (0..282u64)
        .map(|i| {
            let petition_id = (i % 3 + 1) as i64;
            Entry::Sign { petition_id, commitment: commitment(petition_id, &[i as u8; 32], "mei@example.tw") }
        })
        .collect();
    log.push(Entry::Remove { petition_id: 1, leaf_index: 0, reason: RemoveReason::Withdrawn });
    log.push(Entry::Remove { petition_id: 2, leaf_index: 1, reason: RemoveReason::Invalidated });
    log.push(Entry::Restore { petition_id: 2, leaf_index: 1 });
    log.push(Entry::Remove { petition_id: 3, leaf_index: 2, reason: RemoveReason::Withdrawn });
    log.iter().map(Entry::to_text).collect()
}

/// The counts of [`sample_entries`], and a petition with no signature yet.
pub const SHOWN: [(i64, u64); 4] = [(1, 93), (2, 94), (3, 93), (4, 0)];

mod tests {
    use super::super::audit::{AuditError, AuditReport, audit_paced};
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    async fn run(src: &impl LogSource, key: Option<&str>, since: Option<&str>) -> Result<AuditReport, AuditError> {
        audit_paced(src, key, since, false, Duration::ZERO).await
    }

    fn setup() -> (MemSource, Vec<String>, Signer, String) {
        let (entries, signer) = (sample_entries(), signer(1));
        let key = signer.verifier().to_key_string();
        (MemSource::site(&entries, &signer, &SHOWN), entries, signer, key)
    }

    const BUNDLE: &str = "/log/tile/entries/001.p/30";

    #[tokio::test]
    async fn a_clean_log_passes() {
        let (src, entries, signer, key) = setup();
        let report = run(&src, Some(&key), None).await.unwrap();
        assert_eq!((report.tree_size, report.entries, report.since_size), (286, 286, None));
        assert_eq!(report.petitions, SHOWN.iter().map(|&(id, n)| (id, n, n)).collect::<Vec<_>>());
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(report.checkpoint, checkpoint(&entries, &signer));
        assert!(report.table().starts_with("petition | log | shown | ok\n       1 |  93 |    93 | ok\n"), "{}", report.table());
        assert!(report.summary().contains("OK: 286 entries"));
        // Without a key the site's is used, with a warning; a petition the API does not list is not compared.
        let partial = MemSource::site(&entries, &signer, &SHOWN[..2]);
        let report = run(&partial, None, None).await.unwrap();
        assert_eq!(report.petitions.len(), 2);
        assert!(report.warnings[0].contains("trusting the key served by the site"), "{:?}", report.warnings);
        assert!(report.warnings[1].contains("1 petition(s) in the log are not listed"), "{:?}", report.warnings);
        // The empty log of a new site.
        let empty = MemSource::site(&[], &signer, &[]);
        assert_eq!(run(&empty, Some(&key), None).await.unwrap().tree_size, 0);
    }

    #[tokio::test]
    async fn a_changed_entry_bundle_fails() {
        let (mut src, entries, signer, key) = setup();
        // A flipped byte: entry 256's "sign" becomes "rign".
        src.file(BUNDLE)[2] ^= 1;
        assert_eq!(run(&src, Some(&key), None).await, Err(AuditError::BadEntry { index: 256 }));
        // A well-formed entry rewritten: the entries no longer hash to the signed root.
        let mut rewritten = entries.clone();
        rewritten[260] = Entry::Sign { petition_id: 3, commitment: [9; 32] }.to_text();
        src.put(BUNDLE, encode_entries(&rewritten[256..]).unwrap());
        assert_eq!(run(&src, Some(&key), None).await, Err(AuditError::RootMismatch { size: 286 }));
        // Cut short, or one entry missing.
        src.put(BUNDLE, encode_entries(&entries[256..]).unwrap());
        src.file(BUNDLE).pop();
        assert!(matches!(run(&src, Some(&key), None).await, Err(AuditError::BadEntryBundle { tile, .. }) if tile == "tile/entries/001.p/30"));
        src.put(BUNDLE, encode_entries(&entries[256..285]).unwrap());
        assert!(matches!(run(&src, Some(&key), None).await, Err(AuditError::BadEntryBundle { .. })));
        src.files.remove(BUNDLE);
        assert!(matches!(run(&src, Some(&key), None).await, Err(AuditError::Fetch { .. })));
        // The sound bundle again passes.
        src.serve_log(&entries, &signer);
        assert!(run(&src, Some(&key), None).await.is_ok());
    }

    #[tokio::test]
    async fn a_changed_hash_tile_fails() {
        for path in ["tile/0/000", "tile/0/001.p/30", "tile/1/000.p/1"] {
            let (mut src, _, _, key) = setup();
            src.file(&format!("/log/{path}"))[10] ^= 1;
            assert_eq!(run(&src, Some(&key), None).await, Err(AuditError::HashTileMismatch { path: path.to_owned() }));
        }
    }

    #[tokio::test]
    async fn a_checkpoint_not_by_the_key_fails() {
        let (mut src, entries, signer, key) = setup();
        src.put("/log/checkpoint", checkpoint(&entries, &super::signer(2)).into_bytes());
        assert!(matches!(run(&src, Some(&key), None).await, Err(AuditError::BadCheckpoint(_))));
        // The key the site serves does not help a checkpoint by another.
        assert!(matches!(run(&src, None, None).await, Err(AuditError::BadCheckpoint(_))));
        // Altered after signing.
        let altered = checkpoint(&entries, &signer).replacen("\n286\n", "\n285\n", 1);
        src.put("/log/checkpoint", altered.into_bytes());
        assert!(matches!(run(&src, Some(&key), None).await, Err(AuditError::BadCheckpoint(_))));
        // Signed by the right key over other entries than those served.
        let mut other = entries.clone();
        other[285] = Entry::Remove { petition_id: 1, leaf_index: 3, reason: RemoveReason::Withdrawn }.to_text();
        src.put("/log/checkpoint", checkpoint(&other, &signer).into_bytes());
        assert_eq!(run(&src, Some(&key), None).await, Err(AuditError::RootMismatch { size: 286 }));
        assert!(matches!(run(&src, Some("not a key"), None).await, Err(AuditError::BadKey(_))));
    }

    #[tokio::test]
    async fn the_log_must_extend_an_older_checkpoint() {
        let (src, entries, signer, key) = setup();
        let old = checkpoint(&entries[..100], &signer);
        assert_eq!(run(&src, Some(&key), Some(&old)).await.unwrap().since_size, Some(100));
        assert_eq!(run(&src, Some(&key), Some(&checkpoint(&entries, &signer))).await.unwrap().since_size, Some(286));
        let not_extending = |r: Result<AuditReport, AuditError>| matches!(r, Err(AuditError::NotExtending(_)));
        // A fork: the older checkpoint saw another entry 50.
        let mut forked = entries[..100].to_vec();
        forked[50] = Entry::Sign { petition_id: 9, commitment: [1; 32] }.to_text();
        assert!(not_extending(run(&src, Some(&key), Some(&checkpoint(&forked, &signer))).await));
        // Entries dropped since: the older checkpoint is larger than the log.
        let mut longer = entries.clone();
        longer.push(Entry::Sign { petition_id: 1, commitment: [2; 32] }.to_text());
        assert!(not_extending(run(&src, Some(&key), Some(&checkpoint(&longer, &signer))).await));
        assert!(not_extending(run(&src, Some(&key), Some(&checkpoint(&entries[..100], &super::signer(2)))).await));
    }

    #[tokio::test]
    async fn a_count_the_log_does_not_give_fails() {
        let (mut src, _, _, key) = setup();
        src.set_shown(&[(1, 93), (2, 95), (3, 93), (4, 0)]);
        assert_eq!(run(&src, Some(&key), None).await, Err(AuditError::CountMismatch { petition: 2, log: 94, shown: 95, others: 0 }));
        // A petition absent from the log counts 0 there.
        src.set_shown(&[(1, 93), (2, 94), (3, 93), (5, 2), (6, 1)]);
        assert_eq!(run(&src, Some(&key), None).await, Err(AuditError::CountMismatch { petition: 5, log: 0, shown: 2, others: 1 }));
    }

    /// The log one entry behind the counts until the API is first read, as when a withdrawal
    /// is counted before the sequencer logs it.
    struct Moving {
        before: MemSource,
        after: MemSource,
        api_calls: AtomicUsize,
    }

    impl LogSource for Moving {
        fn log(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
            if self.api_calls.load(Ordering::SeqCst) == 0 { self.before.log(path) } else { self.after.log(path) }
        }

        fn api(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
            self.api_calls.fetch_add(1, Ordering::SeqCst);
            self.after.api(path)
        }
    }

    #[tokio::test]
    async fn counts_on_their_way_are_waited_for() {
        let (after, entries, signer, key) = setup();
        let before = MemSource::site(&entries[..285], &signer, &SHOWN);
        let src = Moving { before, after, api_calls: AtomicUsize::new(0) };
        let report = run(&src, Some(&key), None).await.unwrap();
        // Two rounds of the two list pages.
        assert_eq!((report.tree_size, src.api_calls.load(Ordering::SeqCst)), (286, 4));
    }
}
