//! Random secrets for links and sessions; only their SHA-256 is stored.
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new secret of `bytes` random bytes, hex-encoded, and its stored hash.
pub fn generate(bytes: usize) -> (String, String) {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    let raw = hex::encode(buf);
    let hash = hash(&raw);
    (raw, hash)
}

pub fn hash(raw: &str) -> String {
    hash_bytes(raw.as_bytes())
}

/// SHA-256 of any bytes, hex-encoded (also used for HTTP ETags).
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// 128-bit link tokens, 256-bit session ids.
pub const LINK_TOKEN_BYTES: usize = 16;
pub const SESSION_BYTES: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = generate(LINK_TOKEN_BYTES);
        let (b, _) = generate(LINK_TOKEN_BYTES);
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert_eq!(hash(&a), ha);
        assert_ne!(a, ha);
    }
}
