//! Argon2id hashing (OWASP parameters) off the async threads, with bounded concurrency.
use crate::domain::validation::FieldError;
use crate::server::error::ServerError;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Verified against when an account does not exist, so timing does not reveal it.
    dummy_hash: Arc<String>,
}

fn argon2() -> Argon2<'static> {
    // m = 19 MiB, t = 2, p = 1: the OWASP minimum for argon2id.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, ServerError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| ServerError::Hash(e.to_string()))
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

impl PasswordHasher {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        let dummy = hash_blocking("minyi-dummy-password-for-timing").expect("hash dummy password");
        Self { permits: Arc::new(Semaphore::new(cores)), dummy_hash: Arc::new(dummy) }
    }

    pub async fn hash(&self, password: String) -> Result<String, ServerError> {
        let _permit = self.permits.acquire().await.map_err(|e| ServerError::Hash(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
    }

    /// Verify against `hash`, or against a dummy hash when there is no account.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ServerError> {
        let _permit = self.permits.acquire().await.map_err(|e| ServerError::Hash(e.to_string()))?;
        let exists = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.as_str().to_string());
        let ok = tokio::task::spawn_blocking(move || verify_blocking(&password, &hash)).await?;
        Ok(ok && exists)
    }
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

/// Refuse common and guessable passwords (zxcvbn score below 3), counting the
/// person's own name and email as guessable.
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<(), FieldError> {
    crate::domain::account::check_password_length(password)?;
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if (estimate.score() as u8) < 3 { Err(FieldError::WeakPassword) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_personal_passwords_are_refused() {
        assert_eq!(check_strength("password1234", &[]), Err(FieldError::WeakPassword));
        assert_eq!(check_strength("123456789012", &[]), Err(FieldError::WeakPassword));
        assert_eq!(check_strength("meilinmeilin", &["meilin@example.tw", "meilin"]), Err(FieldError::WeakPassword));
        assert!(check_strength("correct horse battery staple", &[]).is_ok());
        assert_eq!(check_strength("short", &[]), Err(FieldError::TooShort { min: 12 }));
    }

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_fail() {
        let h = PasswordHasher::new();
        let hash = h.hash("correct horse battery staple".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(h.verify("correct horse battery staple".into(), Some(hash.clone())).await.unwrap());
        assert!(!h.verify("wrong horse battery staple".into(), Some(hash)).await.unwrap());
        assert!(!h.verify("minyi-dummy-password-for-timing".into(), None).await.unwrap());
    }
}
