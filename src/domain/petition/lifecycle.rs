use super::rules::Rules;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// draft → (awaiting sponsors) → in review → open → established → answered, or closed;
/// plus rejected, hidden and withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PetitionState {
    Draft,
    AwaitingSponsors,
    InReview,
    Open,
    Established,
    Answered,
    Closed,
    Rejected,
    Hidden,
    Withdrawn,
}

impl PetitionState {
    pub const ALL: [PetitionState; 10] = [
        PetitionState::Draft,
        PetitionState::AwaitingSponsors,
        PetitionState::InReview,
        PetitionState::Open,
        PetitionState::Established,
        PetitionState::Answered,
        PetitionState::Closed,
        PetitionState::Rejected,
        PetitionState::Hidden,
        PetitionState::Withdrawn,
    ];

    /// The stored and URL code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingSponsors => "awaiting_sponsors",
            Self::InReview => "in_review",
            Self::Open => "open",
            Self::Established => "established",
            Self::Answered => "answered",
            Self::Closed => "closed",
            Self::Rejected => "rejected",
            Self::Hidden => "hidden",
            Self::Withdrawn => "withdrawn",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// Shown to everyone (the rest only to the proposer and staff).
    pub fn is_public(self) -> bool {
        Self::PUBLIC.contains(&self)
    }
    /// Shown to everyone: lists, pages, open data, feeds.
    pub const PUBLIC: &'static [PetitionState] = &[Self::Open, Self::Established, Self::Answered, Self::Closed, Self::Rejected];
    /// Public and past review: the petitions whose figures count (not the rejected ones).
    pub const COUNTED: &'static [PetitionState] = &[Self::Open, Self::Established, Self::Answered, Self::Closed];
    /// Still taking signatures while the window runs.
    pub const SIGNING: &'static [PetitionState] = &[Self::Open, Self::Established, Self::Answered];
    /// Not yet decided: a merge or a withdrawal may still take them.
    pub const UNDECIDED: &'static [PetitionState] = &[Self::Draft, Self::AwaitingSponsors, Self::InReview, Self::Open, Self::Established];
    /// Over the threshold: an agency owes or has given an answer.
    pub const OWED_ANSWER: &'static [PetitionState] = &[Self::Established, Self::Answered];
    /// Finished without an answer.
    pub const ENDED: &'static [PetitionState] = &[Self::Closed, Self::Withdrawn];
}

/// Coded rejection reasons; the last four hide the petition instead of showing it rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectReason {
    Duplicate,
    OutsideRemit,
    UnclearOrPersonal,
    Offensive,
    Defamatory,
    Advertising,
    PersonalData,
}

impl RejectReason {
    pub const ALL: [RejectReason; 7] =
        [Self::Duplicate, Self::OutsideRemit, Self::UnclearOrPersonal, Self::Offensive, Self::Defamatory, Self::Advertising, Self::PersonalData];
    pub fn code(self) -> &'static str {
        match self {
            Self::Duplicate => "duplicate",
            Self::OutsideRemit => "outside_remit",
            Self::UnclearOrPersonal => "unclear_or_personal",
            Self::Offensive => "offensive",
            Self::Defamatory => "defamatory",
            Self::Advertising => "advertising",
            Self::PersonalData => "personal_data",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
    pub fn hides(self) -> bool {
        matches!(self, Self::Offensive | Self::Defamatory | Self::Advertising | Self::PersonalData)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// The proposer submits the draft.
    Submit,
    /// A verified user sponsored it; `sponsors` is the new total.
    Sponsored {
        sponsors: i64,
    },
    Approve,
    Reject(RejectReason),
    /// Only before signing opens.
    Withdraw,
    /// The signature with timestamp `at` brought the count to `count`.
    Signed {
        at: Timestamp,
        count: i64,
    },
    /// The scheduler records a close the clock has decided.
    Close,
    /// The lead agency published its formal response.
    Answer,
    /// Moderators invalidated signatures and the count fell to `count`, below the
    /// threshold, before any answer: the establishment is undone.
    Invalidated {
        count: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{command:?} is not allowed in state {state:?}")]
    NotAllowed { state: PetitionState, command: Command },
    #[error("signing closed")]
    SigningClosed,
}

/// Signing is open: the petition is open (or established or answered, still within its
/// window, as on the UK site) and the clock has not reached its closing time.
pub fn accepts_signatures(state: PetitionState, closes_at: Option<Timestamp>, now: Timestamp) -> bool {
    PetitionState::SIGNING.contains(&state) && closes_at.is_some_and(|c| now < c)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Petition {
    pub state: PetitionState,
    pub rules: Rules,
    pub opened_at: Option<Timestamp>,
    pub closes_at: Option<Timestamp>,
    /// When the signature that crossed the threshold was made (recorded once).
    pub established_at: Option<Timestamp>,
}

impl Petition {
    pub fn draft(rules: Rules) -> Self {
        Self { state: PetitionState::Draft, rules, opened_at: None, closes_at: None, established_at: None }
    }

    /// The state as of `now`: an open petition past its closing time is closed even
    /// before any job has recorded it, so reads never show a state the clock has passed.
    pub fn state_at(&self, now: Timestamp) -> PetitionState {
        match (self.state, self.closes_at) {
            (PetitionState::Open, Some(closes)) if now >= closes => PetitionState::Closed,
            (s, _) => s,
        }
    }

    pub fn can_sign(&self, now: Timestamp) -> bool {
        accepts_signatures(self.state, self.closes_at, now)
    }

    /// The agency's answer is due this long after the threshold was crossed.
    pub fn response_due(&self) -> Option<Timestamp> {
        self.established_at.map(|t| t.plus_millis(self.rules.response_window_ms()))
    }

    /// A site-wide pause of `pause_ms` extends a running signing window by as much.
    pub fn extend_for_pause(&mut self, pause_ms: i64) {
        if PetitionState::SIGNING.contains(&self.state) {
            self.closes_at = self.closes_at.map(|c| c.plus_millis(pause_ms));
        }
    }

    /// Apply `command` at `now`, or say why it is not allowed.
    pub fn apply(&mut self, command: Command, now: Timestamp) -> Result<(), TransitionError> {
        use PetitionState as S;
        let not_allowed = TransitionError::NotAllowed { state: self.state_at(now), command };
        match (self.state_at(now), command) {
            (S::Draft, Command::Submit) => {
                self.state = if self.rules.sponsors_needed > 0 { S::AwaitingSponsors } else { S::InReview };
            }
            (S::AwaitingSponsors, Command::Sponsored { sponsors }) => {
                if sponsors >= self.rules.sponsors_needed {
                    self.state = S::InReview;
                }
            }
            (S::InReview, Command::Approve) => {
                self.state = S::Open;
                self.opened_at = Some(now);
                self.closes_at = Some(now.plus_millis(self.rules.signing_window_ms()));
            }
            (S::InReview, Command::Reject(reason)) => {
                self.state = if reason.hides() { S::Hidden } else { S::Rejected };
            }
            (S::Draft | S::AwaitingSponsors | S::InReview, Command::Withdraw) => self.state = S::Withdrawn,
            (S::Open | S::Established, Command::Signed { at, count }) => {
                if self.closes_at.is_none_or(|c| at >= c) {
                    return Err(TransitionError::SigningClosed);
                }
                if self.established_at.is_none() && count >= self.rules.signature_threshold {
                    self.established_at = Some(at);
                    self.state = S::Established;
                }
            }
            (S::Answered, Command::Signed { at, .. }) => {
                if self.closes_at.is_none_or(|c| at >= c) {
                    return Err(TransitionError::SigningClosed);
                }
            }
            (S::Established, Command::Answer) => self.state = S::Answered,
            (S::Established, Command::Invalidated { count }) => {
                if count >= self.rules.signature_threshold {
                    return Err(not_allowed);
                }
                // Back to signing while the window runs; closed if it has ended.
                self.established_at = None;
                self.state = S::Open;
            }
            (S::Closed, Command::Signed { .. }) => return Err(TransitionError::SigningClosed),
            (S::Closed, Command::Close) if self.state == S::Open => self.state = S::Closed,
            _ => return Err(not_allowed),
        }
        // Record a close the clock already decided.
        if self.state == S::Open && self.state_at(now) == S::Closed {
            self.state = S::Closed;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DAY;
    use PetitionState as S;

    const T0: Timestamp = Timestamp(1_795_629_000_000);

    fn rules(sponsors: i64) -> Rules {
        Rules { signature_threshold: 3, sponsors_needed: sponsors, ..Rules::JOIN_NATIONAL }
    }

    fn in_state(state: S) -> Petition {
        let mut p = Petition::draft(rules(0));
        match state {
            S::Draft => {}
            S::AwaitingSponsors => {
                p = Petition::draft(rules(2));
                p.apply(Command::Submit, T0).unwrap();
            }
            S::InReview => p.apply(Command::Submit, T0).unwrap(),
            S::Open | S::Established | S::Answered | S::Closed => {
                p.apply(Command::Submit, T0).unwrap();
                p.apply(Command::Approve, T0).unwrap();
                if state == S::Established || state == S::Answered {
                    p.apply(Command::Signed { at: T0.plus_millis(1), count: 3 }, T0.plus_millis(1)).unwrap();
                }
                if state == S::Answered {
                    p.apply(Command::Answer, T0.plus_millis(2)).unwrap();
                }
                if state == S::Closed {
                    p.state = S::Closed;
                }
            }
            S::Rejected | S::Hidden | S::Withdrawn => p.state = state,
        }
        assert_eq!(p.state, state);
        p
    }

    fn commands() -> Vec<Command> {
        vec![
            Command::Submit,
            Command::Sponsored { sponsors: 2 },
            Command::Approve,
            Command::Reject(RejectReason::Duplicate),
            Command::Reject(RejectReason::Offensive),
            Command::Withdraw,
            Command::Signed { at: T0.plus_millis(5), count: 1 },
            Command::Signed { at: T0.plus_millis(5), count: 3 },
            Command::Close,
            Command::Answer,
            Command::Invalidated { count: 1 },
            Command::Invalidated { count: 3 },
        ]
    }

    /// Apply every command to a petition in every state at `now`: each allowed pair must
    /// lead where `expected` says, and every other pair must be refused without a trace.
    fn check_table(now: Timestamp, expected: impl Fn(S, Command) -> Option<S>) {
        for state in S::ALL {
            for command in commands() {
                let mut p = in_state(state);
                let result = p.apply(command, now);
                match expected(state, command) {
                    Some(to) => {
                        assert!(result.is_ok(), "{state:?} + {command:?} at {now:?}: {result:?}");
                        assert_eq!(p.state, to, "{state:?} + {command:?} at {now:?}");
                    }
                    None => {
                        assert!(result.is_err(), "{state:?} + {command:?} at {now:?} should be refused");
                        assert_eq!(p, in_state(state), "a refused command changes nothing");
                    }
                }
            }
        }
    }

    #[test]
    fn invalidation_below_the_threshold_undoes_establishment_only_before_an_answer() {
        let mut p = in_state(S::Established);
        assert!(p.apply(Command::Invalidated { count: 3 }, T0).is_err(), "still at the threshold");
        p.apply(Command::Invalidated { count: 2 }, T0).unwrap();
        assert_eq!((p.state, p.established_at), (S::Open, None));
        let mut late = in_state(S::Established);
        let after = late.closes_at.unwrap().plus_millis(1);
        late.apply(Command::Invalidated { count: 0 }, after).unwrap();
        assert_eq!(late.state, S::Closed, "its window had ended");
        let mut answered = in_state(S::Answered);
        assert!(answered.apply(Command::Invalidated { count: 0 }, T0).is_err(), "after an answer the state stays");
    }

    /// Every (state, command) pair while the signing window runs: the allowed ones and
    /// where they lead; all others refused.
    #[test]
    fn transition_table_is_exhaustive() {
        check_table(T0.plus_millis(5), |s, c| match (s, c) {
            (S::Draft, Command::Submit) => Some(S::InReview),
            (S::AwaitingSponsors, Command::Sponsored { .. }) => Some(S::InReview),
            (S::InReview, Command::Approve) => Some(S::Open),
            (S::InReview, Command::Reject(RejectReason::Duplicate)) => Some(S::Rejected),
            (S::InReview, Command::Reject(_)) => Some(S::Hidden),
            (S::Draft | S::AwaitingSponsors | S::InReview, Command::Withdraw) => Some(S::Withdrawn),
            (S::Open, Command::Signed { count: 3, .. }) => Some(S::Established),
            (S::Open, Command::Signed { .. }) => Some(S::Open),
            (S::Established, Command::Signed { .. }) => Some(S::Established),
            (S::Answered, Command::Signed { .. }) => Some(S::Answered),
            (S::Established, Command::Answer) => Some(S::Answered),
            (S::Established, Command::Invalidated { count: 1 }) => Some(S::Open),
            _ => None,
        });
    }

    /// The same table once every window has ended, as the closing job and a late
    /// invalidation see it: open petitions close, a reversed establishment ends closed,
    /// and a signature made inside the window still counts for an established petition.
    #[test]
    fn transition_table_after_the_window_is_exhaustive() {
        let after = T0.plus_millis(61 * DAY);
        check_table(after, |s, c| match (s, c) {
            (S::Draft, Command::Submit) => Some(S::InReview),
            (S::AwaitingSponsors, Command::Sponsored { .. }) => Some(S::InReview),
            (S::InReview, Command::Approve) => Some(S::Open),
            (S::InReview, Command::Reject(RejectReason::Duplicate)) => Some(S::Rejected),
            (S::InReview, Command::Reject(_)) => Some(S::Hidden),
            (S::Draft | S::AwaitingSponsors | S::InReview, Command::Withdraw) => Some(S::Withdrawn),
            (S::Open, Command::Close) => Some(S::Closed),
            (S::Established, Command::Signed { .. }) => Some(S::Established),
            (S::Answered, Command::Signed { .. }) => Some(S::Answered),
            (S::Established, Command::Answer) => Some(S::Answered),
            (S::Established, Command::Invalidated { count: 1 }) => Some(S::Closed),
            _ => None,
        });
    }

    #[test]
    fn sponsors_gate_review() {
        let mut p = Petition::draft(rules(2));
        p.apply(Command::Submit, T0).unwrap();
        assert_eq!(p.state, S::AwaitingSponsors);
        p.apply(Command::Sponsored { sponsors: 1 }, T0).unwrap();
        assert_eq!(p.state, S::AwaitingSponsors);
        p.apply(Command::Sponsored { sponsors: 2 }, T0).unwrap();
        assert_eq!(p.state, S::InReview);
    }

    #[test]
    fn approval_opens_the_window_and_the_clock_closes_it() {
        let mut p = in_state(S::InReview);
        let now = T0.plus_millis(DAY);
        p.apply(Command::Approve, now).unwrap();
        let closes = now.plus_millis(60 * DAY);
        assert_eq!((p.opened_at, p.closes_at), (Some(now), Some(closes)));
        assert!(p.can_sign(closes.plus_millis(-1)));
        // At closing time the petition reads as closed though no job has run.
        assert_eq!(p.state, S::Open);
        assert_eq!(p.state_at(closes), S::Closed);
        assert!(!p.can_sign(closes));
        assert_eq!(p.apply(Command::Signed { at: closes, count: 3 }, closes), Err(TransitionError::SigningClosed));
        // Closing early is refused; at closing time the scheduler records it, once.
        assert!(p.clone().apply(Command::Close, closes.plus_millis(-1)).is_err());
        p.apply(Command::Close, closes).unwrap();
        assert_eq!(p.state, S::Closed);
        assert!(p.apply(Command::Close, closes).is_err());
    }

    #[test]
    fn threshold_crossing_is_recorded_once_with_the_signature_time() {
        let mut p = in_state(S::Open);
        let t1 = T0.plus_millis(10 * DAY);
        p.apply(Command::Signed { at: t1, count: 3 }, t1.plus_millis(1500)).unwrap();
        assert_eq!(p.state, S::Established);
        assert_eq!(p.established_at, Some(t1), "the signature's time, not the roll-up's");
        assert_eq!(p.response_due(), Some(t1.plus_millis(60 * DAY)));
        // Later signatures still count but never move the moment.
        p.apply(Command::Signed { at: t1.plus_millis(DAY), count: 4 }, t1.plus_millis(DAY)).unwrap();
        assert_eq!(p.established_at, Some(t1));
        // An established petition keeps collecting until its window ends, and does not read as closed.
        assert_eq!(p.state_at(p.closes_at.unwrap()), S::Established);
    }

    #[test]
    fn a_pause_extends_running_windows_only() {
        let mut open = in_state(S::Open);
        let before = open.closes_at.unwrap();
        open.extend_for_pause(7 * DAY);
        assert_eq!(open.closes_at, Some(before.plus_millis(7 * DAY)));
        let mut review = in_state(S::InReview);
        review.extend_for_pause(7 * DAY);
        assert_eq!(review.closes_at, None);
    }

    #[test]
    fn codes_round_trip() {
        for s in S::ALL {
            assert_eq!(S::from_code(s.code()), Some(s));
        }
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::from_code(r.code()), Some(r));
        }
    }

    #[test]
    fn harmful_content_is_hidden_not_shown_rejected() {
        for r in [RejectReason::Offensive, RejectReason::Defamatory, RejectReason::Advertising, RejectReason::PersonalData] {
            assert!(r.hides());
        }
        for r in [RejectReason::Duplicate, RejectReason::OutsideRemit, RejectReason::UnclearOrPersonal] {
            assert!(!r.hides());
        }
    }
}
