//! Account input rules shared by the browser and the server.
use super::validation::FieldError;
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
pub const DISPLAY_NAME_MAX: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.chars().count() > DISPLAY_NAME_MAX {
            return Err(FieldError::TooLong { max: DISPLAY_NAME_MAX });
        }
        if s.chars().any(|c| c.is_control() || matches!(c, '<' | '>')) {
            return Err(FieldError::InvalidCharacters);
        }
        if s.chars().any(crate::domain::validation::is_hidden_in_identifier) {
            return Err(FieldError::HiddenCharacters);
        }
        Ok(Self(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Length rules only; the strength check (zxcvbn) runs on the server.
/// Counted in characters, so a Chinese passphrase is measured fairly.
pub fn check_password_length(pw: &str) -> Result<(), FieldError> {
    let n = pw.chars().count();
    if n == 0 {
        Err(FieldError::Required)
    } else if n < PASSWORD_MIN {
        Err(FieldError::TooShort { min: PASSWORD_MIN })
    } else if n > PASSWORD_MAX {
        Err(FieldError::TooLong { max: PASSWORD_MAX })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        assert_eq!(DisplayName::parse("  林小美 ").unwrap().as_str(), "林小美");
        assert_eq!(DisplayName::parse("   "), Err(FieldError::Required));
        assert_eq!(DisplayName::parse(&"名".repeat(51)), Err(FieldError::TooLong { max: 50 }));
        assert!(DisplayName::parse(&"名".repeat(50)).is_ok());
        assert_eq!(DisplayName::parse("<script>"), Err(FieldError::InvalidCharacters));
    }

    #[test]
    fn password_lengths_count_characters() {
        assert_eq!(check_password_length(""), Err(FieldError::Required));
        assert_eq!(check_password_length("short"), Err(FieldError::TooShort { min: 12 }));
        assert!(check_password_length(&"a".repeat(12)).is_ok());
        assert!(check_password_length(&"民".repeat(12)).is_ok());
        assert!(check_password_length(&"a".repeat(128)).is_ok());
        assert_eq!(check_password_length(&"a".repeat(129)), Err(FieldError::TooLong { max: 128 }));
    }
}
