//! C2SP checkpoints (https://c2sp.org/tlog-checkpoint): the signed head of the log, a note whose
//! text is `<origin>\n<tree size>\n<base64 root hash>\n`, then optional extension lines.

use super::note::{self, NoteError, Signer, Verifier};
use base64::{Engine, engine::general_purpose::STANDARD};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub hash: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointError {
    /// The note text is not a checkpoint; says which part.
    Malformed(&'static str),
    /// The signing key's name is not the checkpoint's origin.
    OriginMismatch,
    Note(NoteError),
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(what) => write!(f, "malformed checkpoint: {what}"),
            Self::OriginMismatch => f.write_str("the checkpoint's origin is not the name of the log's key"),
            Self::Note(e) => write!(f, "checkpoint note: {e}"),
        }
    }
}

impl std::error::Error for CheckpointError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Note(e) => Some(e),
            _ => None,
        }
    }
}

impl From<NoteError> for CheckpointError {
    fn from(e: NoteError) -> Self {
        Self::Note(e)
    }
}

/// ASCII decimal without sign or leading zeros ("0" alone), as C2SP formats numbers.
pub fn parse_decimal(s: &str) -> Option<u64> {
    let canonical = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    if canonical { s.parse().ok() } else { None }
}

impl Checkpoint {
    /// The note text (what is signed), without extension lines.
    pub fn to_text(&self) -> String {
        format!("{}\n{}\n{}\n", self.origin, self.size, STANDARD.encode(self.hash))
    }

    /// Parses a note text. Extension lines are checked (non-empty) but not kept: they are opaque.
    pub fn parse(text: &str) -> Result<Self, CheckpointError> {
        let body = text.strip_suffix('\n').ok_or(CheckpointError::Malformed("no final newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        if origin.is_empty() || origin.chars().any(char::is_control) {
            return Err(CheckpointError::Malformed("origin"));
        }
        let size = lines.next().and_then(parse_decimal).ok_or(CheckpointError::Malformed("tree size"))?;
        let hash = lines.next().and_then(|l| STANDARD.decode(l).ok()).ok_or(CheckpointError::Malformed("root hash"))?;
        let hash: [u8; 32] = hash.try_into().map_err(|_| CheckpointError::Malformed("root hash"))?;
        if lines.any(str::is_empty) {
            return Err(CheckpointError::Malformed("empty extension line"));
        }
        Ok(Self { origin: origin.to_owned(), size, hash })
    }

    /// The signed note; the signer's name must be the origin.
    pub fn sign(&self, signer: &Signer) -> Result<String, CheckpointError> {
        if signer.name() != self.origin {
            return Err(CheckpointError::OriginMismatch);
        }
        note::sign(&self.to_text(), signer).map_err(CheckpointError::Note)
    }
}

/// Opens a signed checkpoint from the log whose key is `verifier`: the signature must verify and
/// the origin must be the key's name (so one log's checkpoint cannot pass for another's).
pub fn open(msg: &[u8], verifier: &Verifier) -> Result<Checkpoint, CheckpointError> {
    let opened = note::open(msg, std::slice::from_ref(verifier))?;
    let checkpoint = Checkpoint::parse(&opened.text)?;
    if checkpoint.origin != verifier.name() {
        return Err(CheckpointError::OriginMismatch);
    }
    Ok(checkpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made with Python's `cryptography` Ed25519 (seed bytes 0..=31) and hashlib: the root of the
    // three-entry tree that receipt.rs's tests prove inclusion in.
    const SKEY: &str = "PRIVATE+KEY+example.org/minyi-test+c94bcc42+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
    const VKEY: &str = "example.org/minyi-test+c94bcc42+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    const SIGNED: &str = "example.org/minyi-test\n3\nLF7X07/FLe+l0sImSe2+C38SzfBLPgtnDwfxiL7CLcM=\n\n\
        — example.org/minyi-test yUvMQgvqDO8N/4d+0bm00/KxwA+v1KQIhFLOeEpdDy1aB0DjPf6Su5SE6ar7Kg3EaVasmjCcvEoT8a70nlNax+H7sgg=\n";

    fn checkpoint() -> Checkpoint {
        let hash = STANDARD.decode("LF7X07/FLe+l0sImSe2+C38SzfBLPgtnDwfxiL7CLcM=").unwrap().try_into().unwrap();
        Checkpoint { origin: "example.org/minyi-test".into(), size: 3, hash }
    }

    #[test]
    fn signs_and_opens_the_fixed_vector() {
        let signer = Signer::parse(SKEY).unwrap();
        assert_eq!(checkpoint().sign(&signer).unwrap(), SIGNED);
        assert_eq!(open(SIGNED.as_bytes(), &Verifier::parse(VKEY).unwrap()).unwrap(), checkpoint());
        let other = Signer::from_seed("example.org/other", &[1; 32]).unwrap();
        assert_eq!(checkpoint().sign(&other).unwrap_err(), CheckpointError::OriginMismatch);
    }

    #[test]
    fn origin_must_be_the_key_name() {
        // A correctly signed note whose origin names another log.
        let signer = Signer::parse(SKEY).unwrap();
        let text = "example.org/elsewhere\n3\nLF7X07/FLe+l0sImSe2+C38SzfBLPgtnDwfxiL7CLcM=\n";
        let msg = note::sign(text, &signer).unwrap();
        assert_eq!(open(msg.as_bytes(), &signer.verifier()).unwrap_err(), CheckpointError::OriginMismatch);
        let tampered = SIGNED.replacen("\n3\n", "\n4\n", 1);
        assert!(matches!(open(tampered.as_bytes(), &signer.verifier()), Err(CheckpointError::Note(NoteError::InvalidSignature { .. }))));
    }

    #[test]
    fn parses_strictly() {
        let text = checkpoint().to_text();
        assert_eq!(Checkpoint::parse(&text).unwrap(), checkpoint());
        assert_eq!(Checkpoint::parse(&format!("{text}ext one\next two\n")).unwrap(), checkpoint());
        let empty = Checkpoint { origin: "o".into(), size: 0, hash: [0; 32] };
        assert_eq!(Checkpoint::parse(&empty.to_text()).unwrap(), empty);
        let h = "LF7X07/FLe+l0sImSe2+C38SzfBLPgtnDwfxiL7CLcM=";
        let bad = [
            format!("o\n3\n{h}"),
            format!("\n3\n{h}\n"),
            format!("o\n03\n{h}\n"),
            format!("o\n+3\n{h}\n"),
            format!("o\n-3\n{h}\n"),
            format!("o\n3 \n{h}\n"),
            format!("o\n\n{h}\n"),
            format!("o\n18446744073709551616\n{h}\n"),
            "o\n3\nAAAA\n".to_owned(),
            format!("o\n3\n{h}=\n"),
            "o\n3\n".to_owned(),
            format!("o\n3\n{h}\n\n"),
            format!("o\n3\n{h}\next\n\n"),
        ];
        for text in &bad {
            assert!(matches!(Checkpoint::parse(text), Err(CheckpointError::Malformed(_))), "{text:?}");
        }
        assert_eq!(parse_decimal("0"), Some(0));
        assert_eq!(parse_decimal("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_decimal("00"), None);
    }
}
