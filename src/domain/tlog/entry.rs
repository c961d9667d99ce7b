//! The log's entries, one line of UTF-8 each (no newline), and the recount anyone can run over
//! the whole log to check a petition's published signature count:
//!
//! - `sign <petition id> <commitment hex>`: a signature, hidden behind a salted commitment;
//! - `remove <petition id> <leaf index> <withdrawn|invalidated>`: that signature stops counting;
//! - `restore <petition id> <leaf index>`: a removed signature counts again.

use super::checkpoint::parse_decimal;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveReason {
    /// The signer took the signature back.
    Withdrawn,
    /// Staff found it invalid (fraud review).
    Invalidated,
}

impl RemoveReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Withdrawn => "withdrawn",
            Self::Invalidated => "invalidated",
        }
    }
}

/// Petition ids are positive database ids: a negative one is written but cannot be parsed back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Sign { petition_id: i64, commitment: [u8; 32] },
    Remove { petition_id: i64, leaf_index: u64, reason: RemoveReason },
    Restore { petition_id: i64, leaf_index: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError;

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed log entry")
    }
}

impl std::error::Error for EntryError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inconsistency {
    /// The leaf index is not an earlier `sign` entry of the same petition.
    NotASignature,
    AlreadyRemoved,
    NotRemoved,
}

/// The log entry at `index` (its leaf index) does not fit the entries before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecountError {
    pub index: u64,
    pub problem: Inconsistency,
}

impl fmt::Display for RecountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = match self.problem {
            Inconsistency::NotASignature => "refers to a leaf that is not an earlier signature of that petition",
            Inconsistency::AlreadyRemoved => "removes a signature already removed",
            Inconsistency::NotRemoved => "restores a signature that is not removed",
        };
        write!(f, "log entry {}: {problem}", self.index)
    }
}

impl std::error::Error for RecountError {}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Exactly 64 lowercase hex digits: one spelling per commitment.
fn parse_commitment(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn parse_id(s: &str) -> Option<i64> {
    parse_decimal(s).and_then(|n| i64::try_from(n).ok())
}

impl Entry {
    pub fn petition_id(&self) -> i64 {
        match self {
            Self::Sign { petition_id, .. } | Self::Remove { petition_id, .. } | Self::Restore { petition_id, .. } => *petition_id,
        }
    }

    /// The leaf data: the line, without a newline.
    pub fn to_text(&self) -> String {
        match self {
            Self::Sign { petition_id, commitment } => format!("sign {petition_id} {}", to_hex(commitment)),
            Self::Remove { petition_id, leaf_index, reason } => format!("remove {petition_id} {leaf_index} {}", reason.as_str()),
            Self::Restore { petition_id, leaf_index } => format!("restore {petition_id} {leaf_index}"),
        }
    }

    /// Parses leaf data strictly: single spaces, canonical numbers, nothing after the last field.
    pub fn parse(data: &[u8]) -> Result<Self, EntryError> {
        let text = std::str::from_utf8(data).map_err(|_| EntryError)?;
        let fields: Vec<&str> = text.split(' ').collect();
        let entry = match fields.as_slice() {
            ["sign", id, c] => Self::Sign { petition_id: parse_id(id).ok_or(EntryError)?, commitment: parse_commitment(c).ok_or(EntryError)? },
            ["remove", id, leaf, reason] => Self::Remove {
                petition_id: parse_id(id).ok_or(EntryError)?,
                leaf_index: parse_decimal(leaf).ok_or(EntryError)?,
                reason: match *reason {
                    "withdrawn" => RemoveReason::Withdrawn,
                    "invalidated" => RemoveReason::Invalidated,
                    _ => return Err(EntryError),
                },
            },
            ["restore", id, leaf] => Self::Restore { petition_id: parse_id(id).ok_or(EntryError)?, leaf_index: parse_decimal(leaf).ok_or(EntryError)? },
            _ => return Err(EntryError),
        };
        Ok(entry)
    }
}

/// SHA-256("minyi-signature-v1" ‖ 0x00 ‖ decimal petition id ‖ 0x00 ‖ salt ‖ normalised email).
/// The secret salt keeps the log from revealing who signed; a signer holding it (in the receipt
/// mail) can show that a `sign` entry is theirs.
pub fn commitment(petition_id: i64, salt: &[u8; 32], normalised_email: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"minyi-signature-v1\x00");
    h.update(petition_id.to_string().as_bytes());
    h.update([0u8]);
    h.update(salt);
    h.update(normalised_email.as_bytes());
    h.finalize().into()
}

/// Where a leaf stands in the recount: a signature of a petition, removed or not.
#[derive(Clone, Copy)]
enum Leaf {
    Other,
    Signature { petition_id: i64, removed: bool },
}

/// The signature count of each petition over the whole log, read in order from leaf 0 (a remove
/// or restore names its signature by leaf index): signs − removes + restores. Refuses the first
/// entry that does not fit what came before, naming its leaf index.
pub fn recount<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Result<BTreeMap<i64, i64>, RecountError> {
    let mut leaves: Vec<Leaf> = Vec::new();
    let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
    for (index, entry) in (0u64..).zip(entries) {
        let fail = |problem| Err(RecountError { index, problem });
        let (petition, delta, leaf) = match *entry {
            Entry::Sign { petition_id, .. } => (petition_id, 1, Leaf::Signature { petition_id, removed: false }),
            Entry::Remove { petition_id, leaf_index, .. } | Entry::Restore { petition_id, leaf_index } => {
                let removing = matches!(entry, Entry::Remove { .. });
                let target = usize::try_from(leaf_index).ok().and_then(|i| leaves.get_mut(i));
                match target {
                    Some(Leaf::Signature { petition_id: p, removed }) if *p == petition_id => match (removing, *removed) {
                        (true, true) => return fail(Inconsistency::AlreadyRemoved),
                        (false, false) => return fail(Inconsistency::NotRemoved),
                        _ => *removed = removing,
                    },
                    _ => return fail(Inconsistency::NotASignature),
                }
                (petition_id, if removing { -1 } else { 1 }, Leaf::Other)
            }
        };
        *counts.entry(petition).or_insert(0) += delta;
        leaves.push(leaf);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u8) -> [u8; 32] {
        [n; 32]
    }

    #[test]
    fn commitment_is_fixed() {
        // Computed with Python's hashlib; receipt.rs's test log signs these two commitments.
        let salt = [7u8; 32];
        assert_eq!(to_hex(&commitment(42, &salt, "mei@example.tw")), "bc620e0951db498c3307a36459c5368f21a82dc63e3faddb8d31f592720ca11d");
        assert_eq!(to_hex(&commitment(42, &salt, "lin@example.tw")), "d09a7f69275dc7a36c11353588b4f0a91a8dc78c556778bd58d7cd0fc1476baa");
        assert_ne!(commitment(4, &salt, "2mei@example.tw"), commitment(42, &salt, "mei@example.tw"));
        assert_ne!(commitment(42, &[8; 32], "mei@example.tw"), commitment(42, &salt, "mei@example.tw"));
    }

    #[test]
    fn entries_round_trip() {
        let entries = [
            Entry::Sign { petition_id: 42, commitment: commitment(42, &[7; 32], "mei@example.tw") },
            Entry::Remove { petition_id: 42, leaf_index: 0, reason: RemoveReason::Withdrawn },
            Entry::Remove { petition_id: 9_007_199_254_740_993, leaf_index: u64::MAX, reason: RemoveReason::Invalidated },
            Entry::Restore { petition_id: 1, leaf_index: 0 },
        ];
        for e in &entries {
            assert_eq!(Entry::parse(e.to_text().as_bytes()).unwrap(), *e);
        }
        assert_eq!(entries[0].to_text(), "sign 42 bc620e0951db498c3307a36459c5368f21a82dc63e3faddb8d31f592720ca11d");
        assert_eq!(entries[1].to_text(), "remove 42 0 withdrawn");
        assert_eq!(entries[3].petition_id(), 1);
    }

    #[test]
    fn parsing_is_strict() {
        let hex = "bc620e0951db498c3307a36459c5368f21a82dc63e3faddb8d31f592720ca11d";
        let bad = [
            format!("sign 42 {hex}\n"),
            format!("sign  42 {hex}"),
            format!("sign 042 {hex}"),
            format!("sign -42 {hex}"),
            format!("sign +42 {hex}"),
            format!("sign 42 {}", hex.to_uppercase()),
            format!("sign 42 {}", &hex[..62]),
            format!("sign 42 {hex}00"),
            format!("sign 42 {hex} x"),
            format!("sign 9223372036854775808 {hex}"),
            "Sign 42".to_owned(),
            "remove 42 0".to_owned(),
            "remove 42 0 deleted".to_owned(),
            "remove 42 01 withdrawn".to_owned(),
            "restore 42 0 withdrawn".to_owned(),
            "restore 42".to_owned(),
            String::new(),
        ];
        for text in &bad {
            assert_eq!(Entry::parse(text.as_bytes()), Err(EntryError), "{text:?}");
        }
        assert_eq!(Entry::parse(b"restore 42 \xff"), Err(EntryError));
    }

    #[test]
    fn recount_follows_removals_and_restores() {
        let log = [
            Entry::Sign { petition_id: 1, commitment: c(0) },
            Entry::Sign { petition_id: 1, commitment: c(1) },
            Entry::Sign { petition_id: 2, commitment: c(2) },
            Entry::Remove { petition_id: 1, leaf_index: 0, reason: RemoveReason::Invalidated },
            Entry::Restore { petition_id: 1, leaf_index: 0 },
            Entry::Remove { petition_id: 1, leaf_index: 1, reason: RemoveReason::Withdrawn },
            Entry::Remove { petition_id: 2, leaf_index: 2, reason: RemoveReason::Withdrawn },
        ];
        assert_eq!(recount(&log).unwrap(), BTreeMap::from([(1, 1), (2, 0)]));
        assert_eq!(recount(&log[..3]).unwrap(), BTreeMap::from([(1, 2), (2, 1)]));
        assert_eq!(recount(&Vec::<Entry>::new()).unwrap(), BTreeMap::new());
    }

    #[test]
    fn recount_refuses_inconsistent_entries() {
        let sign = |p| Entry::Sign { petition_id: p, commitment: c(0) };
        let remove = |p, leaf_index| Entry::Remove { petition_id: p, leaf_index, reason: RemoveReason::Withdrawn };
        let restore = |p, leaf_index| Entry::Restore { petition_id: p, leaf_index };
        let err = |log: &[Entry], index, problem| assert_eq!(recount(log), Err(RecountError { index, problem }), "{log:?}");
        err(&[sign(1), remove(1, 0), remove(1, 0)], 2, Inconsistency::AlreadyRemoved);
        err(&[sign(1), restore(1, 0)], 1, Inconsistency::NotRemoved);
        err(&[sign(1), remove(1, 0), restore(1, 0), restore(1, 0)], 3, Inconsistency::NotRemoved);
        // Another petition's signature, a removal, itself, a later leaf, no leaf at all.
        err(&[sign(1), remove(2, 0)], 1, Inconsistency::NotASignature);
        err(&[sign(1), remove(1, 0), restore(1, 1)], 2, Inconsistency::NotASignature);
        err(&[sign(1), remove(1, 1)], 1, Inconsistency::NotASignature);
        err(&[remove(1, 1), sign(1)], 0, Inconsistency::NotASignature);
        err(&[sign(1), remove(1, u64::MAX)], 1, Inconsistency::NotASignature);
        let shown = RecountError { index: 7, problem: Inconsistency::NotRemoved }.to_string();
        assert_eq!(shown, "log entry 7: restores a signature that is not removed");
    }
}
