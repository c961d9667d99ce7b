//! Agency responses as pure rules: what a response holds, when it is due, which
//! reminder is owed, and the accountability figures. No I/O.
use crate::domain::petition::PetitionState;
use crate::domain::petition::proposal::{LINKS_MAX, parse_link, text};
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const SUMMARY_MIN: usize = 10;
pub const SUMMARY_MAX: usize = 500;
pub const DETAILS_MAX: usize = 20_000;
pub const POINT_MAX: usize = 300;
pub const REASON_MAX: usize = 2_000;
/// Rows offered on the form (enough for Join's typical proposals; no JavaScript needed).
pub const POINT_ROWS: usize = 6;
pub const TRANSFER_REASON_MIN: usize = 10;

/// The agency's position on one point of the proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Position {
    Accepted,
    Partly,
    NotAccepted,
}

impl Position {
    pub const ALL: [Position; 3] = [Self::Accepted, Self::Partly, Self::NotAccepted];
    pub fn code(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Partly => "partly",
            Self::NotAccepted => "not_accepted",
        }
    }
    pub fn from_code(c: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == c)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub text: String,
    pub position: Position,
    pub reason: String,
}

/// What an officer typed: the form's fields as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseInput {
    pub summary: String,
    pub details: String,
    /// (point, position code, reason) per form row; empty rows are ignored.
    pub points: Vec<(String, String, String)>,
    /// One http(s) link per line.
    pub links: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub summary: String,
    pub details: String,
    pub points: Vec<Point>,
    pub links: Vec<String>,
}

impl ResponseInput {
    /// `publish` requires a summary and details (and, for the lead agency, at least one
    /// point); a draft only has to fit the limits, so nothing typed is ever lost.
    pub fn parse(&self, publish: bool, lead: bool) -> Result<Response, FieldErrors> {
        let mut e = FieldErrors::new();
        let summary = e.check("summary", text(&self.summary, SUMMARY_MIN, SUMMARY_MAX, publish));
        let details = e.check("details", text(&self.details, 1, DETAILS_MAX, publish));
        let mut points = Vec::new();
        for (i, (t, pos, reason)) in self.points.iter().enumerate() {
            if t.trim().is_empty() && reason.trim().is_empty() {
                continue;
            }
            // Named as the form names its inputs, so each error sits next to its field.
            let field = |f: &str| format!("point_{f}[{i}]");
            let t = e.check(&field("text"), text(t, 1, POINT_MAX, true));
            let position = match Position::from_code(pos.trim()) {
                Some(p) => Some(p),
                None if publish => {
                    e.add(&field("position"), FieldError::Required);
                    None
                }
                None => Some(Position::Partly),
            };
            // Anything short of full acceptance must say why.
            let needs_reason = publish && position.is_some_and(|p| p != Position::Accepted);
            let reason = e.check(&field("reason"), text(reason, 1, REASON_MAX, needs_reason));
            if let (Some(text), Some(position), Some(reason)) = (t, position, reason) {
                points.push(Point { text, position, reason });
            }
        }
        if publish && lead && points.is_empty() && e.is_empty() {
            e.add("point_text[0]", FieldError::Required);
        }
        let lines: Vec<&str> = self.links.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let links = if lines.len() > LINKS_MAX {
            e.add("links", FieldError::TooMany { max: LINKS_MAX });
            None
        } else {
            e.check("links", lines.iter().map(|l| parse_link(l)).collect::<Result<Vec<_>, _>>())
        };
        match (summary, details, links, e.is_empty()) {
            (Some(summary), Some(details), Some(links), true) => Ok(Response { summary, details, points, links }),
            _ => Err(e),
        }
    }
}

/// Whether the lead agency may still take its one extension (of at most the jurisdiction's
/// maximum days): while the answer is owed, and also after publishing it, since an amended
/// answer may still need time. Never when the answer came late: an extension moves the due
/// date, and must not turn a late answer into a punctual one in the figures.
pub fn may_extend(state: PetitionState, extended: bool, due: Option<Timestamp>, answered_at: Option<Timestamp>) -> bool {
    match (state, due, extended) {
        (_, None, _) | (_, _, true) => false,
        (PetitionState::Established, Some(_), false) => true,
        (PetitionState::Answered, Some(due), false) => answered_at.is_some_and(|a| a <= due),
        _ => false,
    }
}

/// The one extension's length: whole days from 1 to the jurisdiction's maximum.
pub fn extension_days(raw: &str, max: i64) -> Result<i64, FieldError> {
    match raw.trim().parse::<i64>() {
        Ok(d) if d < 1 => Err(FieldError::TooSmall { min: 1 }),
        Ok(d) if d > max => Err(FieldError::TooLarge { max }),
        Ok(d) => Ok(d),
        Err(_) if raw.trim().is_empty() => Err(FieldError::Required),
        Err(_) => Err(FieldError::NotANumber),
    }
}

/// The due date after the one extension (if granted).
pub fn due_at(response_due_at: Timestamp, extension_days: Option<i64>) -> Timestamp {
    response_due_at.plus_millis(extension_days.unwrap_or(0) * DAY)
}

/// Whole days, counting a started day: 1 hour overdue is "overdue by 1 day".
pub fn days_overdue(due: Timestamp, now: Timestamp) -> Option<i64> {
    (now >= due).then(|| ((now.0 - due.0) / DAY) + 1)
}

pub fn days_left(due: Timestamp, now: Timestamp) -> Option<i64> {
    (now < due).then(|| (due.0 - now.0 + DAY - 1) / DAY)
}

/// Reminders to the responsible agency's officers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    Days14,
    Days3,
    Overdue,
}

impl Reminder {
    pub fn code(self) -> &'static str {
        match self {
            Self::Days14 => "d14",
            Self::Days3 => "d3",
            Self::Overdue => "overdue",
        }
    }
    fn at(self, due: Timestamp) -> Timestamp {
        match self {
            Self::Days14 => due.plus_millis(-14 * DAY),
            Self::Days3 => due.plus_millis(-3 * DAY),
            Self::Overdue => due,
        }
    }
    /// The reminder owed at `now`: the latest one whose moment has passed. After downtime
    /// only that one is sent (a 14-day warning ten days late would mislead).
    pub fn owed(due: Timestamp, now: Timestamp) -> Option<Self> {
        [Self::Overdue, Self::Days3, Self::Days14].into_iter().find(|r| now >= r.at(due))
    }
}

/// Nearest-rank percentile (`p` in 0..=100) of unsorted values.
pub fn percentile(values: &[f64], p: u32) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p as f64 / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    Some(v[rank.min(v.len()) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_795_629_000_000);

    fn input(points: &[(&str, &str, &str)]) -> ResponseInput {
        ResponseInput {
            summary: "本部同意部分建議並將於明年修法。".into(),
            details: "## 說明\n內容".into(),
            points: points.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect(),
            links: "https://www.example.gov.tw/doc".into(),
        }
    }

    #[test]
    fn publishing_needs_points_with_reasons() {
        assert!(input(&[("延長時間", "accepted", "")]).parse(true, true).is_ok());
        let e = input(&[("延長時間", "not_accepted", "")]).parse(true, true).unwrap_err();
        assert_eq!(e.get("point_reason[0]"), Some(&FieldError::Required));
        let e = input(&[("延長時間", "", "")]).parse(true, true).unwrap_err();
        assert_eq!(e.get("point_position[0]"), Some(&FieldError::Required));
        let e = input(&[]).parse(true, true).unwrap_err();
        assert_eq!(e.get("point_text[0]"), Some(&FieldError::Required));
        // A co-agency section may have no points; a draft may be half written.
        assert!(input(&[]).parse(true, false).is_ok());
        let draft = ResponseInput { summary: "短".into(), ..Default::default() }.parse(false, true).unwrap();
        assert_eq!(draft.summary, "短");
    }

    #[test]
    fn links_are_web_links_only() {
        let mut i = input(&[("a", "accepted", "")]);
        i.links = "javascript:alert(1)".into();
        assert_eq!(i.parse(true, true).unwrap_err().get("links"), Some(&FieldError::InvalidUrl));
        i.links = "mailto:x@example.tw".into();
        assert!(i.parse(true, true).is_err());
    }

    #[test]
    fn overdue_and_days_left_count_started_days() {
        let due = T0;
        assert_eq!(days_left(due, T0.plus_millis(-DAY - 1)), Some(2));
        assert_eq!(days_left(due, T0), None);
        assert_eq!(days_overdue(due, T0), Some(1));
        assert_eq!(days_overdue(due, T0.plus_millis(3 * DAY)), Some(4));
        assert_eq!(days_overdue(due, T0.plus_millis(-1)), None);
        assert_eq!(due_at(T0, Some(30)), T0.plus_millis(30 * DAY));
    }

    #[test]
    fn the_latest_reminder_is_owed() {
        let due = T0;
        assert_eq!(Reminder::owed(due, due.plus_millis(-15 * DAY)), None);
        assert_eq!(Reminder::owed(due, due.plus_millis(-14 * DAY)), Some(Reminder::Days14));
        assert_eq!(Reminder::owed(due, due.plus_millis(-2 * DAY)), Some(Reminder::Days3));
        assert_eq!(Reminder::owed(due, due), Some(Reminder::Overdue));
    }

    #[test]
    fn one_extension_while_owed_or_after_an_answer_on_time() {
        let due = Timestamp(100 * DAY);
        assert!(may_extend(PetitionState::Established, false, Some(due), None));
        assert!(!may_extend(PetitionState::Established, true, Some(due), None));
        assert!(may_extend(PetitionState::Answered, false, Some(due), Some(Timestamp(90 * DAY))));
        assert!(!may_extend(PetitionState::Answered, false, Some(due), Some(Timestamp(101 * DAY))));
        assert!(!may_extend(PetitionState::Answered, true, Some(due), Some(Timestamp(90 * DAY))));
        assert!(!may_extend(PetitionState::Open, false, None, None));
        assert_eq!(extension_days("30", 30), Ok(30));
        assert_eq!(extension_days("31", 30), Err(FieldError::TooLarge { max: 30 }));
        assert_eq!(extension_days("0", 30), Err(FieldError::TooSmall { min: 1 }));
        assert_eq!(extension_days(" ", 30), Err(FieldError::Required));
        assert_eq!(extension_days("x", 30), Err(FieldError::NotANumber));
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v = [5.0, 1.0, 3.0, 2.0, 4.0, 10.0, 7.0, 6.0, 9.0, 8.0];
        assert_eq!(percentile(&v, 50), Some(5.0));
        assert_eq!(percentile(&v, 90), Some(9.0));
        assert_eq!(percentile(&[], 50), None);
    }
}
