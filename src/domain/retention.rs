//! How long personal data is kept (Taiwan's Personal Data Protection Act: delete it when
//! its purpose is reached). A petition's signers are needed until the petition has ended
//! and the answer owed has been given; after that each jurisdiction keeps them a set
//! number of days (six months by default, like the UK Parliament's site), then they go.
use crate::domain::petition::PetitionState;
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::FieldError;

pub const DEFAULT_DAYS: i64 = 183;
pub const MIN_DAYS: i64 = 30;
pub const MAX_DAYS: i64 = 3650;

/// The retention period from a form field.
pub fn parse_days(raw: &str) -> Result<i64, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::Required);
    }
    match raw.parse::<i64>() {
        Ok(d) if d < MIN_DAYS => Err(FieldError::TooSmall { min: MIN_DAYS }),
        Ok(d) if d > MAX_DAYS => Err(FieldError::TooLarge { max: MAX_DAYS }),
        Ok(d) => Ok(d),
        Err(_) => Err(FieldError::NotANumber),
    }
}

/// When the purpose of the signers' data is reached: the answer for answered petitions,
/// the end of signing for petitions that closed or were withdrawn. Never while an answer
/// is still owed (established) or the petition may still change (open, in review).
pub fn purpose_reached(state: PetitionState, answered_at: Option<Timestamp>, closed_at: Option<Timestamp>) -> Option<Timestamp> {
    match state {
        PetitionState::Answered => answered_at,
        PetitionState::Closed | PetitionState::Withdrawn => closed_at,
        _ => None,
    }
}

/// When the signers' personal data is removed.
pub fn removal_due(state: PetitionState, answered_at: Option<Timestamp>, closed_at: Option<Timestamp>, days: i64) -> Option<Timestamp> {
    purpose_reached(state, answered_at, closed_at).map(|t| t.plus_millis(days * DAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ended_petitions_are_due() {
        let t = Timestamp(1_000);
        assert_eq!(removal_due(PetitionState::Answered, Some(t), None, 10), Some(t.plus_millis(10 * DAY)));
        assert_eq!(removal_due(PetitionState::Closed, None, Some(t), 183), Some(t.plus_millis(183 * DAY)));
        assert_eq!(removal_due(PetitionState::Established, None, Some(t), 183), None, "an answer is still owed");
        assert_eq!(removal_due(PetitionState::Open, None, None, 183), None);
    }

    #[test]
    fn days_are_bounded() {
        assert_eq!(parse_days(" 183 "), Ok(183));
        assert_eq!(parse_days(""), Err(FieldError::Required));
        assert_eq!(parse_days("abc"), Err(FieldError::NotANumber));
        assert_eq!(parse_days("7"), Err(FieldError::TooSmall { min: 30 }));
        assert_eq!(parse_days("9999"), Err(FieldError::TooLarge { max: 3650 }));
    }
}
