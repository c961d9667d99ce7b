//! A signer's receipt: a C2SP transparency log proof (https://c2sp.org/tlog-proof, v1). It holds
//! the signed checkpoint, the entry's index and its inclusion path, so it can be checked offline
//! with only the log's public key:
//!
//! ```text
//! c2sp.org/tlog-proof@v1
//! extra <base64>          (optional, not authenticated)
//! index <n>
//! <base64 hash>           (zero or more: the RFC 6962 inclusion path, leaf's sibling first)
//!
//! <signed checkpoint note, verbatim>
//! ```

use super::checkpoint::{self, Checkpoint, CheckpointError, parse_decimal};
use super::merkle::{Hash, leaf_hash};
use super::note::{MAX_NOTE_BYTES, Verifier};
use super::proof::check_record;
use base64::{Engine, engine::general_purpose::STANDARD};
use std::fmt;

pub const HEADER: &str = "c2sp.org/tlog-proof@v1";
/// A tree of at most 2^64 leaves has paths of at most 64 hashes.
const MAX_PATH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub extra: Option<Vec<u8>>,
    pub index: u64,
    pub path: Vec<Hash>,
    /// The signed checkpoint note, with its final newline.
    pub checkpoint: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptError {
    /// Not a tlog-proof; says which part.
    Malformed(&'static str),
    Checkpoint(CheckpointError),
    /// The path does not lead from the entry to the checkpoint's root.
    NotIncluded,
}

impl fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(what) => write!(f, "malformed receipt: {what}"),
            Self::Checkpoint(e) => write!(f, "receipt checkpoint: {e}"),
            Self::NotIncluded => f.write_str("the entry is not in the log at this index"),
        }
    }
}

impl std::error::Error for ReceiptError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Checkpoint(e) => Some(e),
            _ => None,
        }
    }
}

impl From<CheckpointError> for ReceiptError {
    fn from(e: CheckpointError) -> Self {
        Self::Checkpoint(e)
    }
}

impl Receipt {
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        if let Some(extra) = &self.extra {
            out.push_str(&format!("extra {}\n", STANDARD.encode(extra)));
        }
        out.push_str(&format!("index {}\n", self.index));
        for hash in &self.path {
            out.push_str(&STANDARD.encode(hash));
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.checkpoint);
        out
    }

    /// Parses the layout only; `verify` checks the signature and the path.
    pub fn parse(text: &str) -> Result<Self, ReceiptError> {
        if text.len() > MAX_NOTE_BYTES + 4096 {
            return Err(ReceiptError::Malformed("too large"));
        }
        let (header, mut rest) = text.split_once('\n').ok_or(ReceiptError::Malformed("header"))?;
        if header != HEADER {
            return Err(ReceiptError::Malformed("header"));
        }
        let (mut line, after) = rest.split_once('\n').ok_or(ReceiptError::Malformed("index"))?;
        rest = after;
        let mut extra = None;
        if let Some(b64) = line.strip_prefix("extra ") {
            extra = Some(STANDARD.decode(b64).map_err(|_| ReceiptError::Malformed("extra"))?);
            (line, rest) = rest.split_once('\n').ok_or(ReceiptError::Malformed("index"))?;
        }
        let index = line.strip_prefix("index ").and_then(parse_decimal).ok_or(ReceiptError::Malformed("index"))?;
        let mut path = Vec::new();
        loop {
            (line, rest) = rest.split_once('\n').ok_or(ReceiptError::Malformed("no blank line before the checkpoint"))?;
            if line.is_empty() {
                break;
            }
            if path.len() == MAX_PATH {
                return Err(ReceiptError::Malformed("inclusion path too long"));
            }
            let hash = STANDARD.decode(line).ok().and_then(|h| Hash::try_from(h).ok());
            path.push(hash.ok_or(ReceiptError::Malformed("inclusion path hash"))?);
        }
        if rest.is_empty() {
            return Err(ReceiptError::Malformed("no checkpoint"));
        }
        Ok(Self { extra, index, path, checkpoint: rest.to_owned() })
    }
}

/// Checks that `entry` is in the log whose key is `verifier`: the checkpoint is signed by that key
/// (with the key's name as origin) and the path leads from the entry's leaf hash at `index` to the
/// checkpoint's root. Returns the checkpoint, whose size says how large the log was.
pub fn verify(receipt: &Receipt, entry: &[u8], verifier: &Verifier) -> Result<Checkpoint, ReceiptError> {
    let checkpoint = checkpoint::open(receipt.checkpoint.as_bytes(), verifier)?;
    let leaf = leaf_hash(entry);
    check_record(&receipt.path, checkpoint.size, &checkpoint.hash, receipt.index, &leaf).map_err(|_| ReceiptError::NotIncluded)?;
    Ok(checkpoint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tlog::note::{NoteError, Signer};

    // Made with Python's `cryptography` Ed25519 (seed bytes 0..=31) and hashlib (RFC 6962 hashes)
    // over the three entries below, independently of this crate; checkpoint.rs signs the same note.
    const VKEY: &str = "example.org/minyi-test+c94bcc42+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    const CHECKPOINT: &str = "example.org/minyi-test\n3\nLF7X07/FLe+l0sImSe2+C38SzfBLPgtnDwfxiL7CLcM=\n\n\
        — example.org/minyi-test yUvMQgvqDO8N/4d+0bm00/KxwA+v1KQIhFLOeEpdDy1aB0DjPf6Su5SE6ar7Kg3EaVasmjCcvEoT8a70nlNax+H7sgg=\n";
    const ENTRIES: [&str; 3] = [
        "sign 42 bc620e0951db498c3307a36459c5368f21a82dc63e3faddb8d31f592720ca11d",
        "sign 42 d09a7f69275dc7a36c11353588b4f0a91a8dc78c556778bd58d7cd0fc1476baa",
        "remove 42 0 withdrawn",
    ];
    const PATH_0: [&str; 2] = ["CTGNg8OFxivLMF4qFcu5c6SyJpWgU4ZqohsJoJiPNpU=", "Gh5i3JJf3i3FPWD7enYiHGRILc4O5QhAa/jCFH/FX40="];
    const PATH_2: &str = "hv5lVQAHCjX6Y2dY4iLLzwL1UOkJvGnlw6YcVue7jg0=";

    fn receipt_0() -> String {
        format!("{HEADER}\nindex 0\n{}\n{}\n\n{CHECKPOINT}", PATH_0[0], PATH_0[1])
    }

    fn verifier() -> Verifier {
        Verifier::parse(VKEY).unwrap()
    }

    #[test]
    fn fixed_receipts_verify() {
        let r = Receipt::parse(&receipt_0()).unwrap();
        assert_eq!((r.index, r.path.len(), r.extra.as_ref()), (0, 2, None));
        assert_eq!(r.to_text(), receipt_0());
        let cp = verify(&r, ENTRIES[0].as_bytes(), &verifier()).unwrap();
        assert_eq!((cp.origin.as_str(), cp.size), ("example.org/minyi-test", 3));
        let r2 = Receipt::parse(&format!("{HEADER}\nextra AQI=\nindex 2\n{PATH_2}\n\n{CHECKPOINT}")).unwrap();
        assert_eq!((r2.extra.as_deref(), r2.index), (Some(&[1u8, 2][..]), 2));
        assert!(verify(&r2, ENTRIES[2].as_bytes(), &verifier()).is_ok());
    }

    #[test]
    fn tampering_is_refused() {
        let r = Receipt::parse(&receipt_0()).unwrap();
        // Another entry, another index, a changed path.
        assert_eq!(verify(&r, ENTRIES[1].as_bytes(), &verifier()), Err(ReceiptError::NotIncluded));
        let moved = Receipt { index: 1, ..r.clone() };
        assert_eq!(verify(&moved, ENTRIES[0].as_bytes(), &verifier()), Err(ReceiptError::NotIncluded));
        let mut bent = r.clone();
        bent.path[1][0] ^= 1;
        assert_eq!(verify(&bent, ENTRIES[0].as_bytes(), &verifier()), Err(ReceiptError::NotIncluded));
        // A checkpoint with another root, or checked with another log's key.
        let forged = Receipt { checkpoint: CHECKPOINT.replacen("LF7X", "LF7Y", 1), ..r.clone() };
        let e = verify(&forged, ENTRIES[0].as_bytes(), &verifier()).unwrap_err();
        assert!(matches!(e, ReceiptError::Checkpoint(CheckpointError::Note(NoteError::InvalidSignature { .. }))), "{e}");
        let other = Signer::from_seed("example.org/minyi-test", &[9; 32]).unwrap().verifier();
        let e = verify(&r, ENTRIES[0].as_bytes(), &other).unwrap_err();
        assert_eq!(e, ReceiptError::Checkpoint(CheckpointError::Note(NoteError::Unverified)));
    }

    #[test]
    fn layout_is_strict() {
        let good = receipt_0();
        let long = format!("{}\n", PATH_0[0]).repeat(65);
        let bad = [
            good.replacen(HEADER, "c2sp.org/tlog-proof@v2", 1),
            good.replacen("index 0", "index 00", 1),
            good.replacen("index 0", "index  0", 1),
            good.replacen("index 0\n", "", 1),
            good.replacen("index 0\n", "extra !!\nindex 0\n", 1),
            good.replacen(PATH_0[0], "AAAA", 1),
            good.replacen("\n\nexample.org", "\nexample.org", 1),
            format!("{HEADER}\nindex 0\n{}\n\n", PATH_0[0]),
            format!("{HEADER}\nindex 0\n{}", PATH_0[0]),
            format!("{HEADER}\nindex 0\n{long}\n{CHECKPOINT}"),
        ];
        for text in &bad {
            assert!(matches!(Receipt::parse(text), Err(ReceiptError::Malformed(_))), "{text:?}");
        }
    }
}
