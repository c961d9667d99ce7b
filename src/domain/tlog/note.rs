//! C2SP signed notes (https://c2sp.org/signed-note), Ed25519 only (signature type 0x01).
//! Follows the Go reference, golang.org/x/mod/sumdb/note, so its tools can check our notes.
//! Pure: it also runs in the browser verifier (wasm32).

use base64::{Engine, engine::general_purpose::STANDARD};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::fmt;

const ALG_ED25519: u8 = 0x01;
/// A larger note is refused before any parsing (a checkpoint is a few hundred bytes).
pub const MAX_NOTE_BYTES: usize = 1 << 20;
/// More signature lines than this is refused, as Go does, so a note cannot cost unbounded work.
pub const MAX_SIGNATURES: usize = 100;
const SIG_PREFIX: &str = "\u{2014} ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteError {
    InvalidName,
    /// A key string that is not `name+hex8+base64`, or holds a bad key.
    MalformedKey,
    UnknownAlgorithm,
    /// The key id in a key string is not the one its name and key give.
    KeyIdMismatch,
    /// Text to sign that does not end in a newline, holds a control character or a signature line.
    InvalidText,
    Malformed,
    TooLarge,
    TooManySignatures,
    /// The list of verifiers holds two keys with the same name and id.
    AmbiguousKey {
        name: String,
        key_id: u32,
    },
    /// A known key whose signature does not verify: the whole note is refused.
    InvalidSignature {
        name: String,
        key_id: u32,
    },
    Unverified,
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidName => f.write_str("invalid key name"),
            Self::MalformedKey => f.write_str("malformed key"),
            Self::UnknownAlgorithm => f.write_str("unknown key algorithm"),
            Self::KeyIdMismatch => f.write_str("key id does not match the key"),
            Self::InvalidText => f.write_str("text cannot be signed"),
            Self::Malformed => f.write_str("malformed note"),
            Self::TooLarge => f.write_str("note too large"),
            Self::TooManySignatures => f.write_str("too many signatures"),
            Self::AmbiguousKey { name, key_id } => write!(f, "ambiguous key {name}+{key_id:08x}"),
            Self::InvalidSignature { name, key_id } => write!(f, "invalid signature for key {name}+{key_id:08x}"),
            Self::Unverified => f.write_str("note has no verifiable signatures"),
        }
    }
}

impl std::error::Error for NoteError {}

/// Non-empty, without Unicode whitespace (Go's `unicode.IsSpace` is the same set) or `+`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

/// The first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
pub fn key_id(name: &str, public_key: &[u8; 32]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ALG_ED25519]);
    h.update(public_key);
    let sum = h.finalize();
    u32::from_be_bytes([sum[0], sum[1], sum[2], sum[3]])
}

/// `name+hex8+base64`: the name, the key id and the 32 key bytes (after the algorithm byte).
fn parse_key_string(s: &str) -> Result<(&str, u32, [u8; 32]), NoteError> {
    let (name, rest) = s.split_once('+').ok_or(NoteError::MalformedKey)?;
    let (hex8, key64) = rest.split_once('+').ok_or(NoteError::MalformedKey)?;
    if !is_valid_name(name) {
        return Err(NoteError::InvalidName);
    }
    // from_str_radix alone would take a leading sign.
    if hex8.len() != 8 || !hex8.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(NoteError::MalformedKey);
    }
    let id = u32::from_str_radix(hex8, 16).map_err(|_| NoteError::MalformedKey)?;
    let raw = STANDARD.decode(key64).map_err(|_| NoteError::MalformedKey)?;
    match raw.split_first() {
        Some((&ALG_ED25519, key)) => {
            let key: [u8; 32] = key.try_into().map_err(|_| NoteError::MalformedKey)?;
            Ok((name, id, key))
        }
        Some(_) => Err(NoteError::UnknownAlgorithm),
        None => Err(NoteError::MalformedKey),
    }
}

fn key_string(name: &str, id: u32, key: &[u8; 32]) -> String {
    let mut raw = Vec::with_capacity(33);
    raw.push(ALG_ED25519);
    raw.extend_from_slice(key);
    format!("{name}+{id:08x}+{}", STANDARD.encode(raw))
}

/// A log's signing key. Its Debug output leaves the secret out.
#[derive(Clone)]
pub struct Signer {
    name: String,
    key_id: u32,
    key: SigningKey,
}

impl Signer {
    /// A signer from a 32-byte Ed25519 seed (RFC 8032 private key).
    pub fn from_seed(name: &str, seed: &[u8; 32]) -> Result<Self, NoteError> {
        if !is_valid_name(name) {
            return Err(NoteError::InvalidName);
        }
        let key = SigningKey::from_bytes(seed);
        let key_id = key_id(name, key.verifying_key().as_bytes());
        Ok(Self { name: name.to_owned(), key_id, key })
    }

    /// Parses `PRIVATE+KEY+name+hex8(keyid)+base64(0x01‖seed)`, checking the key id.
    pub fn parse(skey: &str) -> Result<Self, NoteError> {
        let rest = skey.strip_prefix("PRIVATE+KEY+").ok_or(NoteError::MalformedKey)?;
        let (name, id, seed) = parse_key_string(rest)?;
        let signer = Self::from_seed(name, &seed)?;
        if signer.key_id != id {
            return Err(NoteError::KeyIdMismatch);
        }
        Ok(signer)
    }

    /// The secret key string, as `parse` reads it and Go's `note.NewSigner` does.
    pub fn to_key_string(&self) -> String {
        format!("PRIVATE+KEY+{}", key_string(&self.name, self.key_id, &self.key.to_bytes()))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    pub fn verifier(&self) -> Verifier {
        Verifier { name: self.name.clone(), key_id: self.key_id, key: self.key.verifying_key() }
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer({}+{:08x})", self.name, self.key_id)
    }
}

/// A public key that may sign notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verifier {
    name: String,
    key_id: u32,
    key: VerifyingKey,
}

impl Verifier {
    /// Parses `name+hex8(keyid)+base64(0x01‖public key)`, checking the key id.
    pub fn parse(vkey: &str) -> Result<Self, NoteError> {
        let (name, id, key) = parse_key_string(vkey)?;
        if key_id(name, &key) != id {
            return Err(NoteError::KeyIdMismatch);
        }
        let key = VerifyingKey::from_bytes(&key).map_err(|_| NoteError::MalformedKey)?;
        Ok(Self { name: name.to_owned(), key_id: id, key })
    }

    pub fn to_key_string(&self) -> String {
        key_string(&self.name, self.key_id, self.key.as_bytes())
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        let Ok(sig) = <[u8; 64]>::try_from(sig) else { return false };
        self.key.verify_strict(msg, &Signature::from_bytes(&sig)).is_ok()
    }
}

/// A signature that verified: by which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    pub name: String,
    pub key_id: u32,
}

/// An opened note: its text (with the final newline) and the signatures that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub text: String,
    pub signatures: Vec<NoteSignature>,
}

/// Signs `text`, which must end in a newline and hold neither control characters other than
/// newline nor a line starting with an em dash (it would read as a signature line).
pub fn sign(text: &str, signer: &Signer) -> Result<String, NoteError> {
    let bad_char = text.chars().any(|c| c < ' ' && c != '\n');
    if !text.ends_with('\n') || bad_char || text.starts_with('\u{2014}') || text.contains("\n\u{2014}") {
        return Err(NoteError::InvalidText);
    }
    let mut raw = signer.key_id.to_be_bytes().to_vec();
    raw.extend_from_slice(&signer.key.sign(text.as_bytes()).to_bytes());
    Ok(format!("{text}\n{SIG_PREFIX}{} {}\n", signer.name, STANDARD.encode(raw)))
}

/// Opens a signed note: the text is what precedes the last blank line. Signatures by keys not in
/// `known` are skipped; a known key's bad signature, or no verified signature, refuses the note.
pub fn open(msg: &[u8], known: &[Verifier]) -> Result<Opened, NoteError> {
    if msg.len() > MAX_NOTE_BYTES {
        return Err(NoteError::TooLarge);
    }
    let msg = std::str::from_utf8(msg).map_err(|_| NoteError::Malformed)?;
    if msg.chars().any(|c| c < ' ' && c != '\n') {
        return Err(NoteError::Malformed);
    }
    let split = msg.rfind("\n\n").ok_or(NoteError::Malformed)?;
    let (text, sigs) = (&msg[..split + 1], &msg[split + 2..]);
    let sigs = sigs.strip_suffix('\n').ok_or(NoteError::Malformed)?;
    let mut verified: Vec<NoteSignature> = Vec::new();
    for (n, line) in sigs.split('\n').enumerate() {
        let line = line.strip_prefix(SIG_PREFIX).ok_or(NoteError::Malformed)?;
        let (name, b64) = line.split_once(' ').unwrap_or((line, ""));
        let raw = STANDARD.decode(b64).map_err(|_| NoteError::Malformed)?;
        if !is_valid_name(name) || raw.len() < 5 {
            return Err(NoteError::Malformed);
        }
        if n >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        }
        let id = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
        let mut matching = known.iter().filter(|v| v.name == name && v.key_id == id);
        let Some(verifier) = matching.next() else { continue };
        if matching.next().is_some() {
            return Err(NoteError::AmbiguousKey { name: name.to_owned(), key_id: id });
        }
        // One verification per key: repeated lines by the same key cost nothing more.
        if verified.iter().any(|s| s.name == name && s.key_id == id) {
            continue;
        }
        if !verifier.verify(text.as_bytes(), &raw[4..]) {
            return Err(NoteError::InvalidSignature { name: name.to_owned(), key_id: id });
        }
        verified.push(NoteSignature { name: name.to_owned(), key_id: id });
    }
    if verified.is_empty() {
        return Err(NoteError::Unverified);
    }
    Ok(Opened { text: text.to_owned(), signatures: verified })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors from golang.org/x/mod sumdb/note/note_test.go (commit 02c99138; TestNewSigner,
    // TestSign, TestOpen), Peter's signature also re-derived with Python's `cryptography`.
    const PETER_SKEY: &str = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    const TEXT: &str = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const PETER_SIG: &str = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    const ENOCH_SIG: &str = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    fn peter() -> Verifier {
        Verifier::parse(PETER_VKEY).unwrap()
    }

    fn enoch() -> Verifier {
        Verifier::parse(ENOCH_VKEY).unwrap()
    }

    fn err(msg: &str, known: &[Verifier]) -> NoteError {
        open(msg.as_bytes(), known).unwrap_err()
    }

    #[test]
    fn keys_round_trip_and_match() {
        let signer = Signer::parse(PETER_SKEY).unwrap();
        assert_eq!((signer.name(), signer.key_id()), ("PeterNeumann", 0xc74f20a3));
        assert_eq!(signer.to_key_string(), PETER_SKEY);
        assert_eq!(signer.verifier(), peter());
        assert_eq!(peter().to_key_string(), PETER_VKEY);
        let made = Signer::from_seed("example.org/log", &[7; 32]).unwrap();
        assert_eq!(Signer::parse(&made.to_key_string()).unwrap().verifier(), made.verifier());
        assert_eq!(Verifier::parse(&made.verifier().to_key_string()).unwrap(), made.verifier());
        for bad in ["", "a b", "a+b", "a\nb", "a\u{3000}b"] {
            assert_eq!(Signer::from_seed(bad, &[7; 32]).unwrap_err(), NoteError::InvalidName, "{bad:?}");
        }
    }

    /// Every other substring and every one-byte change of a key string (note_test.go does the same).
    fn mangles(key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for i in 0..key.len() {
            for j in i + 1..=key.len() {
                if (i, j) != (0, key.len()) {
                    out.push(key[i..j].to_owned());
                }
            }
            let mut b = key.as_bytes().to_vec();
            b[i] += 1;
            out.push(String::from_utf8(b).unwrap());
        }
        out
    }

    #[test]
    fn mangled_keys_are_refused() {
        for bad in mangles(PETER_VKEY) {
            assert!(Verifier::parse(&bad).is_err(), "{bad}");
        }
        for bad in mangles(PETER_SKEY) {
            assert!(Signer::parse(&bad).is_err(), "{bad}");
        }
        // Wrong key length and unknown algorithm, each with a matching key id (note_test.go).
        let long = "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==";
        assert_eq!(Verifier::parse(long).unwrap_err(), NoteError::MalformedKey);
        let alg = "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        assert_eq!(Verifier::parse(alg).unwrap_err(), NoteError::UnknownAlgorithm);
    }

    #[test]
    fn signing_matches_go() {
        let signer = Signer::parse(PETER_SKEY).unwrap();
        assert_eq!(sign(TEXT, &signer).unwrap(), format!("{TEXT}\n{PETER_SIG}"));
        for bad in ["abc", "a\tb\n", "a\n— x y\n", "— x\n", "a\r\n"] {
            assert_eq!(sign(bad, &signer).unwrap_err(), NoteError::InvalidText, "{bad:?}");
        }
        // Blank lines inside the text survive: the split is at the last blank line.
        let text = "a\n\nb\n\n";
        assert_eq!(open(sign(text, &signer).unwrap().as_bytes(), &[peter()]).unwrap().text, text);
    }

    #[test]
    fn opens_with_known_keys_only() {
        let msg = format!("{TEXT}\n{PETER_SIG}{ENOCH_SIG}");
        let opened = open(msg.as_bytes(), &[peter()]).unwrap();
        assert_eq!(opened.text, TEXT);
        assert_eq!(opened.signatures, vec![NoteSignature { name: "PeterNeumann".into(), key_id: 0xc74f20a3 }]);
        let both = open(msg.as_bytes(), &[enoch(), peter()]).unwrap();
        assert_eq!(both.signatures.len(), 2);
        assert_eq!(err(&msg, &[]), NoteError::Unverified);
        // Wrong key: a valid note, but not by anyone we trust.
        assert_eq!(err(&format!("{TEXT}\n{PETER_SIG}"), &[enoch()]), NoteError::Unverified);
        let dup = [enoch(), peter(), enoch()];
        assert_eq!(err(&format!("{TEXT}\n{ENOCH_SIG}"), &dup), NoteError::AmbiguousKey { name: "EnochRoot".into(), key_id: 0xaf0cfe78 });
        assert!(open(format!("{TEXT}\n{PETER_SIG}").as_bytes(), &dup).is_ok());
    }

    #[test]
    fn tampering_is_refused() {
        let changed = TEXT.replace("cryptography", "cryptograph");
        let invalid = NoteError::InvalidSignature { name: "PeterNeumann".into(), key_id: 0xc74f20a3 };
        assert_eq!(err(&format!("{changed}\n{PETER_SIG}"), &[peter()]), invalid);
        let longer = format!("{TEXT}\n{}ABCD{}", &PETER_SIG[..60], &PETER_SIG[60..]);
        assert_eq!(err(&longer, &[peter()]), invalid);
        // A second blank line: before the signature it moves the split, after it empties the block.
        assert_eq!(err(&format!("{TEXT}\n{PETER_SIG}\n{ENOCH_SIG}"), &[peter()]), NoteError::Unverified);
        assert_eq!(err(&format!("{TEXT}\n{PETER_SIG}\n"), &[peter()]), NoteError::Malformed);
        let bad = [
            TEXT.to_owned(),
            format!("{TEXT}\n"),
            format!("{TEXT}\n{}", &PETER_SIG[..PETER_SIG.len() - 1]),
            format!("\x01{TEXT}\n{PETER_SIG}"),
            format!("{TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
            format!("{TEXT}\n{PETER_SIG}Unexpected line.\n"),
            format!("{TEXT}\n— PeterNeumann x08go/ZJku!S9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
            format!("{TEXT}\n— PeterNeumann\n"),
            format!("{TEXT}\n— PeterNeumann AAAA\n"),
        ];
        for msg in &bad {
            assert_eq!(err(msg, &[peter()]), NoteError::Malformed, "{msg:?}");
        }
        let mut not_utf8 = vec![0xff];
        not_utf8.extend_from_slice(format!("{TEXT}\n{PETER_SIG}").as_bytes());
        assert_eq!(open(&not_utf8, &[peter()]).unwrap_err(), NoteError::Malformed);
    }

    #[test]
    fn limits() {
        let many = format!("{TEXT}\n{}", PETER_SIG.repeat(101));
        assert_eq!(err(&many, &[peter()]), NoteError::TooManySignatures);
        assert!(open(format!("{TEXT}\n{}", PETER_SIG.repeat(100)).as_bytes(), &[peter()]).is_ok());
        let huge = format!("{}\n{PETER_SIG}", "a\n".repeat(MAX_NOTE_BYTES / 2));
        assert_eq!(err(&huge, &[peter()]), NoteError::TooLarge);
    }
}
