//! Discussion and moderation as pure rules: what a comment may hold, where it may be
//! posted, how long it stays editable, report and action codes, suspension lengths.
use crate::domain::petition::PetitionState;
use crate::domain::petition::proposal::text;
use crate::domain::time::{DAY, MINUTE, Timestamp};
use crate::domain::validation::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const COMMENT_MIN: usize = 2;
pub const COMMENT_MAX: usize = 3_000;
/// Replies nest three levels: a top-level comment (depth 0) and two levels below it.
pub const MAX_DEPTH: i64 = 2;
/// Top-level comments per page (links, not infinite scroll).
pub const PAGE_SIZE: i64 = 20;
/// Authors may correct a comment for this long; it then shows as edited.
pub const EDIT_WINDOW: i64 = 15 * MINUTE;
pub const REPORT_DETAILS_MAX: usize = 1_000;
pub const EXPLANATION_MIN: usize = 5;
pub const EXPLANATION_MAX: usize = 2_000;
pub const APPEAL_MIN: usize = 10;
/// A permanent suspension lasts until this time (year 9999).
pub const FOREVER: Timestamp = Timestamp(253_402_214_400_000);

/// The states whose petitions take comments unless configured otherwise.
pub const DEFAULT_COMMENT_STATES: [PetitionState; 3] = [PetitionState::Open, PetitionState::Established, PetitionState::Answered];

/// A comment's body, trimmed and within limits (Markdown subset, rendered on the server).
pub fn parse_body(raw: &str) -> Result<String, FieldError> {
    text(raw, COMMENT_MIN, COMMENT_MAX, true)
}

pub fn editable(created_at: Timestamp, now: Timestamp) -> bool {
    now.0 - created_at.0 < EDIT_WINDOW
}

/// Why a report was made; the same codes explain a moderator's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    Spam,
    Offensive,
    PersonalData,
    OffTopic,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 5] = [Self::Spam, Self::Offensive, Self::PersonalData, Self::OffTopic, Self::Other];
    pub fn code(self) -> &'static str {
        match self {
            Self::Spam => "spam",
            Self::Offensive => "offensive",
            Self::PersonalData => "personal_data",
            Self::OffTopic => "off_topic",
            Self::Other => "other",
        }
    }
    pub fn from_code(c: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == c)
    }
    /// Whether hiding for this reason means the content itself must not be quoted.
    pub fn content_is_the_problem(self) -> bool {
        !matches!(self, Self::OffTopic)
    }
}

/// A report as typed: a reason, and text (required for "other").
pub fn parse_report(reason: &str, details: &str) -> Result<(Reason, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let reason =
        errors.check("reason", Reason::from_code(reason.trim()).ok_or(if reason.trim().is_empty() { FieldError::Required } else { FieldError::UnknownChoice }));
    let needed = reason == Some(Reason::Other);
    let details = errors.check("details", text(details, 5, REPORT_DETAILS_MAX, needed));
    match (reason, details) {
        (Some(r), Some(d)) if errors.is_empty() => Ok((r, d)),
        _ => Err(errors),
    }
}

/// What moderators do. Appeals end as `AppealUpheld` (the decision is reversed) or `AppealRejected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionKind {
    Dismiss,
    Hide,
    Restore,
    Lock,
    Unlock,
    Suspend,
    LiftSuspension,
    AppealUpheld,
    AppealRejected,
}

impl ActionKind {
    pub const ALL: [ActionKind; 9] =
        [Self::Dismiss, Self::Hide, Self::Restore, Self::Lock, Self::Unlock, Self::Suspend, Self::LiftSuspension, Self::AppealUpheld, Self::AppealRejected];
    pub fn code(self) -> &'static str {
        match self {
            Self::Dismiss => "dismiss",
            Self::Hide => "hide",
            Self::Restore => "restore",
            Self::Lock => "lock",
            Self::Unlock => "unlock",
            Self::Suspend => "suspend",
            Self::LiftSuspension => "lift_suspension",
            Self::AppealUpheld => "appeal_upheld",
            Self::AppealRejected => "appeal_rejected",
        }
    }
    pub fn from_code(c: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == c)
    }
    /// Decisions against someone that they are told of by email and may appeal once.
    pub fn appealable(self) -> bool {
        matches!(self, Self::Hide | Self::Lock | Self::Suspend)
    }
}

/// What a moderator's decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    Comment(i64),
    Petition(i64),
    User(i64),
    /// A deliberation statement (on a petition or a consultation).
    Statement(i64),
    /// A comment on a draft regulation (法規預告).
    RegulationComment(i64),
}

impl Target {
    pub fn kind(self) -> &'static str {
        match self {
            Self::Comment(_) => "comment",
            Self::Petition(_) => "petition",
            Self::User(_) => "user",
            Self::Statement(_) => "statement",
            Self::RegulationComment(_) => "regulation_comment",
        }
    }
    pub fn id(self) -> i64 {
        match self {
            Self::Comment(i) | Self::Petition(i) | Self::User(i) | Self::Statement(i) | Self::RegulationComment(i) => i,
        }
    }
    pub fn from_parts(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "comment" => Some(Self::Comment(id)),
            "petition" => Some(Self::Petition(id)),
            "user" => Some(Self::User(id)),
            "statement" => Some(Self::Statement(id)),
            "regulation_comment" => Some(Self::RegulationComment(id)),
            _ => None,
        }
    }
    /// "comment:12" as used in links and forms.
    pub fn parse(s: &str) -> Option<Self> {
        let (kind, id) = s.split_once(':')?;
        Self::from_parts(kind, id.parse().ok()?)
    }
    pub fn key(self) -> String {
        format!("{}:{}", self.kind(), self.id())
    }
}

/// A moderator's stated reason: a code and an explanation (both required).
pub fn parse_decision(reason: &str, explanation: &str) -> Result<(Reason, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let r = errors.check("mod_reason", Reason::from_code(reason.trim()).ok_or(FieldError::Required));
    let e = errors.check("explanation", text(explanation, EXPLANATION_MIN, EXPLANATION_MAX, true));
    match (r, e) {
        (Some(r), Some(e)) if errors.is_empty() => Ok((r, e)),
        _ => Err(errors),
    }
}

/// A suspension's end: "1", "7", "30" days or "permanent".
pub fn parse_suspension(length: &str, now: Timestamp) -> Result<Timestamp, FieldError> {
    match length.trim() {
        "permanent" => Ok(FOREVER),
        "" => Err(FieldError::Required),
        d => match d.parse::<i64>() {
            Ok(days) if [1, 7, 30, 90].contains(&days) => Ok(now.plus_millis(days * DAY)),
            _ => Err(FieldError::UnknownChoice),
        },
    }
}

pub const SUSPENSION_CHOICES: [&str; 5] = ["1", "7", "30", "90", "permanent"];

pub fn is_suspended(until: Option<Timestamp>, now: Timestamp) -> bool {
    until.is_some_and(|u| u > now)
}

/// Sorts of a thread's top-level comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Sort {
    #[default]
    Oldest,
    Newest,
    Supported,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Self::Oldest, Self::Newest, Self::Supported];
    pub fn code(self) -> &'static str {
        match self {
            Self::Oldest => "oldest",
            Self::Newest => "newest",
            Self::Supported => "supported",
        }
    }
    pub fn from_code(c: &str) -> Self {
        Self::ALL.into_iter().find(|s| s.code() == c).unwrap_or_default()
    }
}

/// A month in Taiwan time, "2026-11", for the log's figures.
pub fn month_of(t: Timestamp) -> String {
    t.date_taipei()[..7].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_reports_and_decisions_are_checked() {
        assert_eq!(parse_body(" 好 ").unwrap_err(), FieldError::TooShort { min: COMMENT_MIN });
        assert_eq!(parse_body(&"字".repeat(COMMENT_MAX + 1)).unwrap_err(), FieldError::TooLong { max: COMMENT_MAX });
        assert_eq!(parse_body("  我支持這個提議  ").unwrap(), "我支持這個提議");
        assert!(parse_report("spam", "").is_ok());
        assert_eq!(parse_report("other", "").unwrap_err().get("details"), Some(&FieldError::Required));
        assert_eq!(parse_report("", "").unwrap_err().get("reason"), Some(&FieldError::Required));
        assert_eq!(parse_report("nonsense", "").unwrap_err().get("reason"), Some(&FieldError::UnknownChoice));
        let e = parse_decision("", "").unwrap_err();
        assert!(e.get("mod_reason").is_some() && e.get("explanation").is_some());
        assert_eq!(parse_decision("offensive", "人身攻擊").unwrap_err().get("explanation"), Some(&FieldError::TooShort { min: EXPLANATION_MIN }));
        assert!(parse_decision("offensive", "留言含人身攻擊字眼").is_ok());
    }

    #[test]
    fn edits_close_and_suspensions_end() {
        let t = Timestamp(1_000_000_000);
        assert!(editable(t, t.plus_millis(EDIT_WINDOW - 1)));
        assert!(!editable(t, t.plus_millis(EDIT_WINDOW)));
        assert_eq!(parse_suspension("7", t).unwrap(), t.plus_millis(7 * DAY));
        assert_eq!(parse_suspension("permanent", t).unwrap(), FOREVER);
        assert_eq!(parse_suspension("5", t).unwrap_err(), FieldError::UnknownChoice);
        assert!(is_suspended(Some(t.plus_millis(1)), t));
        assert!(!is_suspended(Some(t), t));
        assert!(!is_suspended(None, t));
    }

    #[test]
    fn codes_round_trip() {
        for k in ActionKind::ALL {
            assert_eq!(ActionKind::from_code(k.code()), Some(k));
        }
        for r in Reason::ALL {
            assert_eq!(Reason::from_code(r.code()), Some(r));
        }
        assert_eq!(Target::parse("comment:12"), Some(Target::Comment(12)));
        assert_eq!(Target::parse("petition:x"), None);
        assert_eq!(Target::parse("regulation_comment:4"), Some(Target::RegulationComment(4)));
        assert_eq!(Target::RegulationComment(4).key(), "regulation_comment:4");
        assert_eq!(Target::User(3).key(), "user:3");
        assert_eq!(Sort::from_code("supported"), Sort::Supported);
        assert_eq!(Sort::from_code("?"), Sort::Oldest);
        assert_eq!(month_of(Timestamp(1_795_629_000_000)), "2026-11");
    }
}
