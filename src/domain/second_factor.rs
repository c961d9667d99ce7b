//! Second-factor rules: where a session stands, time steps, recovery code format.
use serde::{Deserialize, Serialize};

/// RFC 6238's recommended step.
pub const STEP_SECONDS: i64 = 30;
pub const RECOVERY_CODES: usize = 10;

/// Where a signed-in session stands with the second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Factor {
    /// No second factor and no staff role: a citizen's password session.
    Off,
    /// The account has a factor and this session passed it.
    Passed,
    /// The account has a factor and this session has not passed it yet: it grants nothing.
    Pending,
    /// A staff account without a factor: it acts as a citizen until it enrols.
    EnrolRequired,
}

impl Factor {
    pub fn of(has_factor: bool, session_passed: bool, staff: bool) -> Self {
        match (has_factor, session_passed, staff) {
            (true, true, _) => Factor::Passed,
            (true, false, _) => Factor::Pending,
            (false, _, true) => Factor::EnrolRequired,
            (false, _, false) => Factor::Off,
        }
    }
}

/// The time step a moment (Unix milliseconds) falls in.
pub fn step_of(millis: i64) -> i64 {
    millis.div_euclid(STEP_SECONDS * 1000)
}

/// A typed code without spaces or hyphens, lower-cased: "abcde-12345" and "ABCDE 12345" match.
pub fn normalize_code(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// Six digits: a code from the app; anything else is tried as a recovery code.
pub fn is_app_code(normalized: &str) -> bool {
    normalized.len() == 6 && normalized.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_session_without_a_factor_must_enrol() {
        assert_eq!(Factor::of(false, false, true), Factor::EnrolRequired);
        assert_eq!(Factor::of(false, false, false), Factor::Off);
        assert_eq!(Factor::of(true, false, false), Factor::Pending);
        assert_eq!(Factor::of(true, true, true), Factor::Passed);
    }

    #[test]
    fn codes_are_read_forgivingly() {
        assert_eq!(normalize_code(" 123 456 "), "123456");
        assert!(is_app_code("123456"));
        assert_eq!(normalize_code("AbCdE-12345"), "abcde12345");
        assert!(!is_app_code("abcde12345"));
        assert_eq!(step_of(59_999), 1);
    }
}
