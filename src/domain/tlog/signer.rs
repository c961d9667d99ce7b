//! A signer checks their own receipt: that the log holds a `sign` entry made with their email
//! address. Pure, so the browser (wasm) and the command line run the same check.
//!
//! [`receipt::verify`] proves only that *some* entry is in the log at the receipt's index (the
//! checkpoint is signed by the log's key, its origin is the key's name, the path leads from the
//! entry's leaf hash to the root). It does not look at what the entry says, and the receipt's
//! `extra` line is not authenticated. So here the entry must be a `sign` entry whose commitment
//! is the one this address and the receipt's salt give: a wrong salt or address cannot pass.
//! What no receipt shows: that the log still holds the entry later (the audit checks that the
//! log only grows), nor that the entry still counts (a later `remove` can name it).
use super::checkpoint;
use super::entry::{self, Entry};
use super::note::Verifier;
use super::receipt::{self, Receipt, ReceiptError};
use super::tiles::{TILE_WIDTH, Tile};
use crate::domain::email::EmailAddress;

/// A receipt that holds: this signature is in the log at `index`, as of the checkpoint of `tree_size`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub petition_id: i64,
    pub index: u64,
    pub tree_size: u64,
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignerReceiptError {
    #[error("not a valid receipt: {0}")]
    BadReceipt(ReceiptError),
    #[error("the log entry is malformed")]
    BadEntry,
    #[error("the log entry at the receipt's index is not a signature")]
    NotASignEntry,
    #[error("not a valid email address")]
    BadEmail,
    #[error("the signature in the log was not made with this email address (or the receipt was altered)")]
    WrongEmail,
    #[error("the receipt's checkpoint is not signed by the log's key")]
    BadSignature,
    #[error("the log does not hold this entry at the receipt's index")]
    NotIncluded,
}

/// The salt the signature's commitment was made with: the receipt's `extra`, 32 bytes.
fn salt_of(receipt: &Receipt) -> Result<[u8; 32], SignerReceiptError> {
    let salt = receipt.extra.as_deref().and_then(|e| <[u8; 32]>::try_from(e).ok());
    salt.ok_or(SignerReceiptError::BadReceipt(ReceiptError::Malformed("no 32-byte salt in the extra line")))
}

fn normalised(email: &str) -> Result<String, SignerReceiptError> {
    EmailAddress::parse(email).map(|e| e.normalized()).map_err(|_| SignerReceiptError::BadEmail)
}

/// Checks `receipt_text` against the log entry at its index (`entry_text`, as the entry bundle
/// holds it) for the signer `email`. Any of `verifiers` may have signed the checkpoint (the
/// log's keys over time). Checks the signature and inclusion before the address, so that an
/// entry not in the log is called that, not a wrong address.
pub fn verify_signer_receipt(receipt_text: &str, entry_text: &str, email: &str, verifiers: &[Verifier]) -> Result<Verified, SignerReceiptError> {
    let receipt = Receipt::parse(receipt_text).map_err(SignerReceiptError::BadReceipt)?;
    let salt = salt_of(&receipt)?;
    let (petition_id, commitment) = match Entry::parse(entry_text.as_bytes()).map_err(|_| SignerReceiptError::BadEntry)? {
        Entry::Sign { petition_id, commitment } => (petition_id, commitment),
        Entry::Remove { .. } | Entry::Restore { .. } => return Err(SignerReceiptError::NotASignEntry),
    };
    let email = normalised(email)?;
    let verifier = verifiers.iter().find(|v| checkpoint::open(receipt.checkpoint.as_bytes(), v).is_ok()).ok_or(SignerReceiptError::BadSignature)?;
    let checkpoint = receipt::verify(&receipt, entry_text.as_bytes(), verifier).map_err(|e| match e {
        ReceiptError::NotIncluded => SignerReceiptError::NotIncluded,
        other => SignerReceiptError::BadReceipt(other),
    })?;
    if entry::commitment(petition_id, &salt, &email) != commitment {
        return Err(SignerReceiptError::WrongEmail);
    }
    Ok(Verified { petition_id, index: receipt.index, tree_size: checkpoint.size, origin: checkpoint.origin })
}

/// The `sign` entry this receipt's salt and `email` give for `petition_id`: with it the check
/// needs no download at all (the signer knows which petition they signed).
pub fn expected_entry(receipt_text: &str, petition_id: i64, email: &str) -> Result<String, SignerReceiptError> {
    let receipt = Receipt::parse(receipt_text).map_err(SignerReceiptError::BadReceipt)?;
    let salt = salt_of(&receipt)?;
    let commitment = entry::commitment(petition_id, &salt, &normalised(email)?);
    Ok(Entry::Sign { petition_id, commitment }.to_text())
}

/// The entry bundle holding leaf `index` in the tree of `tree_size` (full, or partial at the
/// width that size gives); the entry is at `index % 256` in it. `None` unless index < size.
pub fn entry_bundle_for(index: u64, tree_size: u64) -> Option<Tile> {
    if index >= tree_size {
        return None;
    }
    let full = u64::from(TILE_WIDTH);
    let n = index / full;
    let width = u16::try_from((tree_size - n * full).min(full)).ok()?;
    let tile = Tile { level: 0, n, width };
    tile.is_within(tree_size).then_some(tile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tlog::checkpoint::Checkpoint;
    use crate::domain::tlog::entry::{RemoveReason, commitment};
    use crate::domain::tlog::merkle::{Hash, leaf_hash, stored_hashes_for_record, tree_hash};
    use crate::domain::tlog::note::Signer;
    use crate::domain::tlog::proof::prove_record;

    const ORIGIN: &str = "example.org/log";

    fn salt(i: u8) -> [u8; 32] {
        [i; 32]
    }

    /// Five entries: three signatures of petition 5 and 6, a removal, one more signature.
    fn entries() -> Vec<String> {
        let sign = |p: i64, i: u8, email: &str| Entry::Sign { petition_id: p, commitment: commitment(p, &salt(i), email) }.to_text();
        vec![
            sign(5, 0, "mei@example.tw"),
            sign(5, 1, "lin@example.tw"),
            sign(6, 2, "mei@example.tw"),
            Entry::Remove { petition_id: 5, leaf_index: 1, reason: RemoveReason::Withdrawn }.to_text(),
            sign(6, 3, "chen@example.tw"),
        ]
    }

    struct Log {
        entries: Vec<String>,
        stored: Vec<Hash>,
        checkpoint: String,
    }

    fn log(signer: &Signer) -> Log {
        let entries = entries();
        let mut stored: Vec<Hash> = Vec::new();
        for (n, e) in entries.iter().enumerate() {
            let new = stored_hashes_for_record(n as u64, leaf_hash(e.as_bytes()), stored.as_slice()).unwrap();
            stored.extend(new);
        }
        let size = entries.len() as u64;
        let cp = Checkpoint { origin: ORIGIN.into(), size, hash: tree_hash(size, stored.as_slice()).unwrap() };
        Log { entries, checkpoint: cp.sign(signer).unwrap(), stored }
    }

    fn receipt(log: &Log, index: u64, salt_byte: u8) -> Receipt {
        let path = prove_record(log.entries.len() as u64, index, log.stored.as_slice()).unwrap();
        Receipt { extra: Some(salt(salt_byte).to_vec()), index, path, checkpoint: log.checkpoint.clone() }
    }

    fn signer() -> Signer {
        Signer::from_seed(ORIGIN, &[3; 32]).unwrap()
    }

    #[test]
    fn the_signers_own_receipt_verifies() {
        let log = log(&signer());
        let text = receipt(&log, 2, 2).to_text();
        let v = verify_signer_receipt(&text, &log.entries[2], " Mei@Example.TW ", &[signer().verifier()]).unwrap();
        assert_eq!(v, Verified { petition_id: 6, index: 2, tree_size: 5, origin: ORIGIN.into() });
        // Any of the log's keys may have signed: an older key first in the list does not matter.
        let old = Signer::from_seed(ORIGIN, &[4; 32]).unwrap().verifier();
        assert!(verify_signer_receipt(&text, &log.entries[2], "mei@example.tw", &[old, signer().verifier()]).is_ok());
        // Offline: the entry rebuilt from the petition number and the address.
        assert_eq!(expected_entry(&text, 6, "mei@example.tw").unwrap(), log.entries[2]);
        let last = receipt(&log, 4, 3).to_text();
        assert_eq!(verify_signer_receipt(&last, &log.entries[4], "chen@example.tw", &[signer().verifier()]).unwrap().petition_id, 6);
    }

    #[test]
    fn another_address_is_refused() {
        let log = log(&signer());
        let text = receipt(&log, 0, 0).to_text();
        let keys = [signer().verifier()];
        assert_eq!(verify_signer_receipt(&text, &log.entries[0], "lin@example.tw", &keys), Err(SignerReceiptError::WrongEmail));
        // The right address with another salt (an edited extra line) fails the same way.
        let edited = receipt(&log, 0, 9).to_text();
        assert_eq!(verify_signer_receipt(&edited, &log.entries[0], "mei@example.tw", &keys), Err(SignerReceiptError::WrongEmail));
        assert_eq!(verify_signer_receipt(&text, &log.entries[0], "not an address", &keys), Err(SignerReceiptError::BadEmail));
        // Offline with the wrong address: the rebuilt entry is not the one in the log.
        let rebuilt = expected_entry(&text, 5, "lin@example.tw").unwrap();
        assert_eq!(verify_signer_receipt(&text, &rebuilt, "lin@example.tw", &keys), Err(SignerReceiptError::NotIncluded));
    }

    #[test]
    fn another_key_is_refused() {
        let log = log(&signer());
        let text = receipt(&log, 0, 0).to_text();
        let other = Signer::from_seed(ORIGIN, &[4; 32]).unwrap().verifier();
        assert_eq!(verify_signer_receipt(&text, &log.entries[0], "mei@example.tw", &[other]), Err(SignerReceiptError::BadSignature));
        assert_eq!(verify_signer_receipt(&text, &log.entries[0], "mei@example.tw", &[]), Err(SignerReceiptError::BadSignature));
        // A checkpoint altered after signing.
        let forged = Receipt { checkpoint: log.checkpoint.replacen("\n5\n", "\n6\n", 1), ..receipt(&log, 0, 0) }.to_text();
        assert_eq!(verify_signer_receipt(&forged, &log.entries[0], "mei@example.tw", &[signer().verifier()]), Err(SignerReceiptError::BadSignature));
    }

    #[test]
    fn a_bent_path_or_another_entry_is_not_included() {
        let log = log(&signer());
        let keys = [signer().verifier()];
        let mut bent = receipt(&log, 0, 0);
        bent.path[0][0] ^= 1;
        let text = bent.to_text();
        assert_eq!(verify_signer_receipt(&text, &log.entries[0], "mei@example.tw", &keys), Err(SignerReceiptError::NotIncluded));
        // The entry of another index: the path does not lead from it.
        let good = receipt(&log, 0, 0).to_text();
        assert_eq!(verify_signer_receipt(&good, &log.entries[2], "mei@example.tw", &keys), Err(SignerReceiptError::NotIncluded));
    }

    #[test]
    fn only_sign_entries_and_well_formed_inputs_pass() {
        let log = log(&signer());
        let keys = [signer().verifier()];
        let text = receipt(&log, 3, 1).to_text();
        assert_eq!(verify_signer_receipt(&text, &log.entries[3], "lin@example.tw", &keys), Err(SignerReceiptError::NotASignEntry));
        assert_eq!(verify_signer_receipt(&text, "sign five", "lin@example.tw", &keys), Err(SignerReceiptError::BadEntry));
        let no_salt = Receipt { extra: None, ..receipt(&log, 0, 0) }.to_text();
        assert!(matches!(verify_signer_receipt(&no_salt, &log.entries[0], "mei@example.tw", &keys), Err(SignerReceiptError::BadReceipt(_))));
        let short_salt = Receipt { extra: Some(vec![0; 31]), ..receipt(&log, 0, 0) }.to_text();
        assert!(matches!(expected_entry(&short_salt, 5, "mei@example.tw"), Err(SignerReceiptError::BadReceipt(_))));
        assert!(matches!(verify_signer_receipt("hello", &log.entries[0], "mei@example.tw", &keys), Err(SignerReceiptError::BadReceipt(_))));
    }

    #[test]
    fn entry_bundles_are_located() {
        assert_eq!(entry_bundle_for(0, 5), Some(Tile { level: 0, n: 0, width: 5 }));
        assert_eq!(entry_bundle_for(300, 600), Some(Tile { level: 0, n: 1, width: 256 }));
        assert_eq!(entry_bundle_for(513, 600), Some(Tile { level: 0, n: 2, width: 88 }));
        assert_eq!(entry_bundle_for(255, 256).map(|t| t.entries_path()), Some("tile/entries/000".to_owned()));
        assert_eq!(entry_bundle_for(600, 600), None);
        assert_eq!(entry_bundle_for(0, 0), None);
    }
}
