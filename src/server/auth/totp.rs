//! TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of skew) through
//! `totp-rs` (its enrolment QR code is drawn by `server::qr`).
use crate::domain::second_factor::STEP_SECONDS;
use crate::domain::time::Timestamp;
use rand::RngCore;
use totp_rs::{Builder, Secret, Totp};

/// 160 random bits, as RFC 4226 recommends; base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes.to_vec()).to_base32()
}

fn totp(secret_b32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    Builder::new().with_secret(secret).with_step_duration(STEP_SECONDS as u64).with_skew(1).build().ok()
}

/// The step the code matches (previous, current or next), if it matches.
pub fn check(secret_b32: &str, code: &str, now: Timestamp) -> Option<i64> {
    let t = totp(secret_b32)?;
    t.check(code, (now.0 / 1000).max(0) as u64).map(|counter| counter as i64)
}

/// The code for a moment (tests, and the demo's printed instructions).
pub fn code_at(secret_b32: &str, now: Timestamp) -> String {
    totp(secret_b32).map(|t| t.generate((now.0 / 1000).max(0) as u64).to_string()).unwrap_or_default()
}

/// The `otpauth://` link authenticator apps read from the QR code.
pub fn otpauth_url(secret_b32: &str, account: &str, issuer: &str) -> String {
    let enc = crate::domain::url::encode_query_value;
    format!("otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}", enc(issuer), enc(account), enc(issuer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238 appendix B: secret "12345678901234567890", 8 digits there; the last 6 here.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_at(&secret, Timestamp(59_000)), "287082");
        assert_eq!(code_at(&secret, Timestamp(1_111_111_109_000)), "081804");
        assert_eq!(check(&secret, "081804", Timestamp(1_111_111_109_000)), Some(1_111_111_109 / 30));
        assert_eq!(check(&secret, "081804", Timestamp(1_111_111_109_000 + 20_000)), Some(1_111_111_109 / 30), "one step late is accepted");
        assert_eq!(check(&secret, "081804", Timestamp(1_111_111_109_000 + 91_000)), None);
        assert_eq!(check(&secret, "abc", Timestamp(59_000)), None);
    }
}
