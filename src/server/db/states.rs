//! Petition states in SQL text, generated from `PetitionState` so no state name is
//! spelled by hand in a query (a renamed state cannot leave a query behind).
use crate::domain::petition::PetitionState;

/// `('open', 'established')`: for `state IN {list}`. The codes are fixed identifiers
/// from the enum, never user input, so inlining them is safe.
pub fn list(states: &[PetitionState]) -> String {
    let codes: Vec<String> = states.iter().map(|s| format!("'{}'", s.code())).collect();
    format!("({})", codes.join(", "))
}

/// `'open'`: for `state = {one}`.
pub fn one(state: PetitionState) -> String {
    format!("'{}'", state.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_quoted_codes() {
        assert_eq!(list(PetitionState::OWED_ANSWER), "('established', 'answered')");
        assert_eq!(one(PetitionState::Open), "'open'");
    }
}
