//! An account verified as speaking for an organisation (it may then comment on draft
//! regulations in the organisation's name): what an administrator enters, the name and a
//! note on how it was verified, which goes into the audit trail.
use super::petition::proposal::text;
use super::validation::{FieldError, FieldErrors, is_hidden_in_identifier};

pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 100;
pub const NOTE_MIN: usize = 2;
pub const NOTE_MAX: usize = 200;

/// An administrator's checked decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// `None` withdraws the verification.
    pub name: Option<String>,
    /// How it was verified (or why withdrawn), for the audit trail.
    pub note: String,
}

/// One line read at a glance, like a regulation's title: the shared text rules, then no line
/// break or tab (shown next to a comment as its author), and nothing invisible.
fn one_line(raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let s = text(raw, min, max, true)?;
    if s.chars().any(char::is_control) {
        return Err(FieldError::InvalidCharacters);
    }
    if s.chars().any(is_hidden_in_identifier) {
        return Err(FieldError::HiddenCharacters);
    }
    Ok(s)
}

/// An empty name withdraws the verification; the note is always required.
pub fn parse_verification(name: &str, note: &str) -> Result<Verification, FieldErrors> {
    let mut e = FieldErrors::new();
    let name = match name.trim() {
        "" => Some(None),
        _ => e.check("organisation_name", one_line(name, NAME_MIN, NAME_MAX)).map(Some),
    };
    let note = e.check("verification_note", one_line(note, NOTE_MIN, NOTE_MAX));
    match (name, note) {
        (Some(name), Some(note)) if e.is_empty() => Ok(Verification { name, note }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_error(name: &str) -> Option<FieldError> {
        parse_verification(name, "2026-11-03 來函存檔").err().and_then(|e| e.get("organisation_name").cloned())
    }

    #[test]
    fn a_name_is_trimmed_and_kept_with_its_note() {
        let v = parse_verification("  台灣公共運輸促進會 ", " letter of 2026-11-03 on file ").unwrap();
        assert_eq!(v, Verification { name: Some("台灣公共運輸促進會".into()), note: "letter of 2026-11-03 on file".into() });
        assert_eq!(parse_verification(&"會".repeat(NAME_MAX), "ok").unwrap().name.map(|n| n.chars().count()), Some(NAME_MAX));
    }

    #[test]
    fn an_empty_name_withdraws_the_verification() {
        assert_eq!(parse_verification("   ", "協會來函撤回").unwrap(), Verification { name: None, note: "協會來函撤回".into() });
    }

    #[test]
    fn names_are_bounded_one_line_and_visible() {
        assert_eq!(name_error("會"), Some(FieldError::TooShort { min: NAME_MIN }));
        assert_eq!(name_error(&"會".repeat(NAME_MAX + 1)), Some(FieldError::TooLong { max: NAME_MAX }));
        assert_eq!(name_error("台灣\n促進會"), Some(FieldError::InvalidCharacters));
        assert_eq!(name_error("台灣\t促進會"), Some(FieldError::InvalidCharacters));
        assert_eq!(name_error("Good\u{202E}gnp.exe"), Some(FieldError::HiddenCharacters));
        assert_eq!(name_error("台灣\u{200B}促進會"), Some(FieldError::HiddenCharacters));
        // Joiners and marks pass in body text, not in a name.
        assert_eq!(name_error("台灣\u{200D}促進會"), Some(FieldError::HiddenCharacters));
        assert!(parse_verification("\u{200B}", "ok").is_err(), "an invisible name does not clear");
    }

    #[test]
    fn the_note_is_required_and_checked_with_the_name() {
        let e = parse_verification("會", "").unwrap_err();
        assert_eq!(e.get("organisation_name"), Some(&FieldError::TooShort { min: NAME_MIN }));
        assert_eq!(e.get("verification_note"), Some(&FieldError::Required));
        let e = parse_verification("", "x").unwrap_err();
        assert_eq!(e.get("verification_note"), Some(&FieldError::TooShort { min: NOTE_MIN }));
        let e = parse_verification("", &"x".repeat(NOTE_MAX + 1)).unwrap_err();
        assert_eq!(e.get("verification_note"), Some(&FieldError::TooLong { max: NOTE_MAX }));
        let e = parse_verification("台灣促進會", "a\nb").unwrap_err();
        assert_eq!(e.get("verification_note"), Some(&FieldError::InvalidCharacters));
    }
}
