//! Field-level validation results that travel from server to page.
use serde::{Deserialize, Serialize};

/// A machine-readable reason a field was refused; the UI translates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    InvalidEmail,
    WeakPassword,
    PasswordMismatch,
    WrongPassword,
    InvalidCharacters,
    /// Invisible or text-direction characters that can disguise what a text says.
    HiddenCharacters,
    UnknownChoice,
    ConfirmationMismatch,
    InvalidUrl,
    TooMany {
        max: usize,
    },
    TooSmall {
        min: i64,
    },
    TooLarge {
        max: i64,
    },
    NotANumber,
    /// A code another entry already uses.
    Taken,
    /// An agency that open petitions still need cannot simply be retired.
    StillNeeded {
        count: usize,
    },
    InvalidDate,
    InThePast,
    /// A second-factor code that is wrong, expired or already used.
    WrongCode,
    /// An agency that does not belong to the jurisdiction chosen with it.
    AgencyOutsideJurisdiction,
    /// A statement the conversation already has (vote on it instead).
    DuplicateStatement,
    /// A petition number that names no public petition.
    NoSuchPetition,
    /// A date further ahead than the rules allow.
    TooFarAhead {
        days: i64,
    },
    /// A period (first to last day) shorter or longer than the rules allow.
    PeriodTooShort {
        days: i64,
    },
    PeriodTooLong {
        days: i64,
    },
    /// A draft regulation in which no line is an article heading (第N條 / Article N).
    NoArticles,
    /// Two articles of a draft with the same number.
    DuplicateArticle {
        number: String,
    },
    /// A comparison table (對照表) row that cannot be read.
    MalformedTable,
    /// A comparison table row for an article the draft does not have (and does not delete).
    NotInDraft {
        number: String,
    },
    /// An uploaded file that is not UTF-8 text.
    NotText,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, FieldError)>);

impl FieldErrors {
    pub fn one(field: &str, error: FieldError) -> Self {
        let mut e = Self::new();
        e.add(field, error);
        e
    }
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &str, error: FieldError) {
        self.0.push((field.to_string(), error));
    }
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, e)| e)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Record the error of a parse, keeping the parsed value when it succeeded.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, FieldError>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }
}

/// Characters that change the direction of the text around them or are invisible
/// (Unicode TR 36 §2, TR 39 §3.1): `Mallory\u{202E}gnp.exe` displays as "Malloryexe.png".
/// Refused in every text people write.
pub fn is_spoofing(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' // embeddings and overrides
        | '\u{2066}'..='\u{2069}' // isolates
        | '\u{200B}' // zero-width space
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{FEFF}' // zero-width no-break space
        | '\u{180E}' // Mongolian vowel separator
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers (blank-looking names)
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
    )
}

/// Also refused in names and titles, which identify someone or something at a glance:
/// zero-width (non-)joiners and directional marks, which body text in some scripts needs.
pub fn is_hidden_in_identifier(c: char) -> bool {
    is_spoofing(c) || matches!(c, '\u{200C}'..='\u{200F}' | '\u{061C}' | '\u{00AD}' | '\u{034F}')
}

#[cfg(test)]
mod spoofing_tests {
    use super::*;

    #[test]
    fn overrides_and_invisibles_are_caught() {
        assert!("Mallory\u{202E}gnp.exe".chars().any(is_spoofing));
        assert!("a\u{2067}b".chars().any(is_spoofing));
        assert!("陳\u{200B}大文".chars().any(is_spoofing));
        assert!(!"👨\u{200D}👩\u{200D}👧".chars().any(is_spoofing), "emoji sequences stay in body text");
        assert!("👨\u{200D}👩".chars().any(is_hidden_in_identifier));
        assert!(!"Nguyễn Thị Hoa 阮氏花".chars().any(is_hidden_in_identifier));
    }
}
