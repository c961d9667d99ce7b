//! Statements in a deliberation (Pol.is-style): one short idea each, voted on one at a time.
use crate::domain::petition::proposal::text;
use crate::domain::validation::FieldError;

pub const STATEMENT_MIN: usize = 5;
/// Short enough to read and vote on in a few seconds on a phone.
pub const STATEMENT_MAX: usize = 140;

/// A statement's text: trimmed, on one line (no replies, no paragraphs), within limits.
pub fn parse_statement(raw: &str) -> Result<String, FieldError> {
    let s = text(raw, STATEMENT_MIN, STATEMENT_MAX, true)?;
    Ok(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A vote on a statement. Stored as agree +1, disagree −1, pass 0 (Pol.is stores agree as −1;
/// we do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Agree,
    Disagree,
    Pass,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Agree, Choice::Disagree, Choice::Pass];

    pub fn value(self) -> i64 {
        match self {
            Choice::Agree => 1,
            Choice::Disagree => -1,
            Choice::Pass => 0,
        }
    }

    pub fn from_value(v: i64) -> Option<Choice> {
        Self::ALL.into_iter().find(|c| c.value() == v)
    }

    pub fn code(self) -> &'static str {
        match self {
            Choice::Agree => "agree",
            Choice::Disagree => "disagree",
            Choice::Pass => "pass",
        }
    }

    pub fn from_code(s: &str) -> Option<Choice> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_is_one_short_line() {
        assert_eq!(parse_statement("  公車應該\n延長營運到午夜  "), Ok("公車應該 延長營運到午夜".to_string()));
        assert_eq!(parse_statement("短"), Err(FieldError::TooShort { min: STATEMENT_MIN }));
        assert_eq!(parse_statement(&"長".repeat(141)), Err(FieldError::TooLong { max: STATEMENT_MAX }));
        assert_eq!(parse_statement(&"長".repeat(140)).map(|s| s.chars().count()), Ok(140));
        assert_eq!(parse_statement("這句話\u{202E}反過來了"), Err(FieldError::HiddenCharacters));
        assert_eq!(parse_statement("   "), Err(FieldError::Required));
    }

    #[test]
    fn choices_round_trip() {
        for c in Choice::ALL {
            assert_eq!(Choice::from_value(c.value()), Some(c));
            assert_eq!(Choice::from_code(c.code()), Some(c));
        }
        assert_eq!(Choice::Agree.value(), 1, "agree is +1 here, unlike Pol.is");
        assert_eq!(Choice::from_code("maybe"), None);
    }
}
