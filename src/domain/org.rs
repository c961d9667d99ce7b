//! The organisation's building blocks as administrators enter them: jurisdictions,
//! agencies and topics. Codes are stable identifiers (in URLs, setup files and exports);
//! names are shown to citizens in both languages.
use super::validation::{FieldError, FieldErrors, is_hidden_in_identifier};
use serde::{Deserialize, Serialize};

pub const CODE_MAX: usize = 30;
pub const NAME_ZH_MAX: usize = 40;
pub const NAME_EN_MAX: usize = 80;
pub const CONTACT_MAX: usize = 200;

/// Which tier of government a jurisdiction is (Taiwan: 中央, 直轄市, 縣, 市).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Municipality,
    County,
    City,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::National, Level::Municipality, Level::County, Level::City];

    pub fn code(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Municipality => "municipality",
            Level::County => "county",
            Level::City => "city",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Lower-case letters, digits and inner hyphens, 2 to 30 characters: safe in a URL
/// and a file, and the same however it is typed (it is lower-cased first).
pub fn parse_code(raw: &str) -> Result<String, FieldError> {
    let code = raw.trim().to_ascii_lowercase();
    if code.is_empty() {
        return Err(FieldError::Required);
    }
    if code.len() < 2 {
        return Err(FieldError::TooShort { min: 2 });
    }
    if code.len() > CODE_MAX {
        return Err(FieldError::TooLong { max: CODE_MAX });
    }
    let ok = code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok || code.starts_with('-') || code.ends_with('-') {
        return Err(FieldError::InvalidCharacters);
    }
    Ok(code)
}

/// A name shown at a glance: required, bounded, no markup characters or hidden ones,
/// and no `|` (timeline details join both names with it).
pub fn parse_name(raw: &str, max: usize) -> Result<String, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(FieldError::Required);
    }
    if s.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    if s.chars().any(|c| c.is_control() || matches!(c, '<' | '>' | '|')) {
        return Err(FieldError::InvalidCharacters);
    }
    if s.chars().any(is_hidden_in_identifier) {
        return Err(FieldError::HiddenCharacters);
    }
    Ok(s.to_string())
}

/// A public contact (postal address, public mailbox or telephone); may be empty.
pub fn parse_contact(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    parse_name(s, CONTACT_MAX)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// Code and both names, each error under its field.
pub fn parse_names(e: &mut FieldErrors, code: &str, zh: &str, en: &str) -> Names {
    Names {
        code: e.check("code", parse_code(code)).unwrap_or_default(),
        name_zh: e.check("name_zh", parse_name(zh, NAME_ZH_MAX)).unwrap_or_default(),
        name_en: e.check("name_en", parse_name(en, NAME_EN_MAX)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_plain_and_lower_case() {
        assert_eq!(parse_code(" Hsinchu-City "), Ok("hsinchu-city".into()));
        assert_eq!(parse_code("x"), Err(FieldError::TooShort { min: 2 }));
        assert_eq!(parse_code("-ab"), Err(FieldError::InvalidCharacters));
        assert_eq!(parse_code("新竹"), Err(FieldError::InvalidCharacters));
        assert_eq!(parse_code("a/b"), Err(FieldError::InvalidCharacters));
        assert_eq!(parse_code(""), Err(FieldError::Required));
        assert_eq!(parse_code(&"a".repeat(31)), Err(FieldError::TooLong { max: 30 }));
    }

    #[test]
    fn names_refuse_markup_and_hidden_characters() {
        assert_eq!(parse_name(" 澎湖縣 ", NAME_ZH_MAX), Ok("澎湖縣".into()));
        assert_eq!(parse_name("<b>x</b>", NAME_EN_MAX), Err(FieldError::InvalidCharacters));
        assert_eq!(parse_name("a\u{202E}b", NAME_EN_MAX), Err(FieldError::HiddenCharacters));
        assert_eq!(parse_contact("  "), Ok(String::new()));
    }

    #[test]
    fn levels_round_trip() {
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
        }
    }
}
