//! Consultations (眾開講): what an officer types to open one, the policy stage it is at, and
//! where it stands at a moment (upcoming, open, awaiting conclusions, overdue, concluded).
use crate::domain::petition::proposal::{parse_link, text};
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::{FieldError, FieldErrors, is_hidden_in_identifier};
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: usize = 4;
pub const TITLE_MAX: usize = 100;
pub const BACKGROUND_MIN: usize = 20;
pub const BACKGROUND_MAX: usize = 20_000;
pub const QUESTIONS_MAX: usize = 10;
pub const QUESTION_MAX: usize = 300;
pub const DOCUMENTS_MAX: usize = 10;
pub const CONCLUSIONS_MIN: usize = 20;
pub const CONCLUSIONS_MAX: usize = 20_000;
/// The shortest and longest periods (days, counting both the first and the last day).
pub const MIN_DAYS: i64 = 7;
pub const MAX_DAYS: i64 = 180;
/// How far ahead a consultation may be announced.
pub const MAX_LEAD_DAYS: i64 = 90;
pub const CITATIONS_MAX: usize = 20;
/// Days an agency has to publish conclusions after a consultation closes (per jurisdiction).
pub const CONCLUSION_DAYS_DEFAULT: i64 = 30;
pub const CONCLUSION_DAYS_MIN: i64 = 7;
pub const CONCLUSION_DAYS_MAX: i64 = 180;

/// Where the policy is: being planned, being carried out, or being looked back on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    Planning,
    Execution,
    Evaluation,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Self::Planning, Self::Execution, Self::Evaluation];
    pub fn code(self) -> &'static str {
        match self {
            Self::Planning => "planning",
            Self::Execution => "execution",
            Self::Evaluation => "evaluation",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a consultation stands at a moment; computed from its dates, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Upcoming,
    Open,
    /// Closed; the agency's conclusions are due and not late yet.
    AwaitingConclusions,
    /// Closed, and the conclusions are past their due date.
    Overdue,
    Concluded,
}

impl Phase {
    pub const ALL: [Phase; 5] = [Self::Upcoming, Self::Open, Self::AwaitingConclusions, Self::Overdue, Self::Concluded];
    pub fn code(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Open => "open",
            Self::AwaitingConclusions => "awaiting",
            Self::Overdue => "overdue",
            Self::Concluded => "concluded",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The dates that decide a consultation's phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    pub opens_at: Timestamp,
    /// Exclusive: the first moment it no longer takes part.
    pub closes_at: Timestamp,
    pub conclusions_due_at: Timestamp,
    pub concluded_at: Option<Timestamp>,
}

impl Dates {
    pub fn phase(&self, now: Timestamp) -> Phase {
        match self.concluded_at {
            Some(_) => Phase::Concluded,
            None if now < self.opens_at => Phase::Upcoming,
            None if now < self.closes_at => Phase::Open,
            None if now < self.conclusions_due_at => Phase::AwaitingConclusions,
            None => Phase::Overdue,
        }
    }
    /// The last day people could take part (the closing moment is the next midnight).
    pub fn last_day(&self) -> String {
        self.closes_at.plus_millis(-1).date_taipei()
    }
    /// Conclusions published after their due date (shown and counted as late).
    pub fn concluded_late(&self) -> bool {
        self.concluded_at.is_some_and(|c| c > self.conclusions_due_at)
    }
}

/// The conclusions' due date: `days` after the consultation closes.
pub fn conclusions_due(closes_at: Timestamp, days: i64) -> Timestamp {
    closes_at.plus_millis(days * DAY)
}

/// A jurisdiction's days for conclusions, as an administrator typed them.
pub fn parse_conclusion_days(raw: &str) -> Result<i64, FieldError> {
    match raw.trim() {
        "" => Err(FieldError::Required),
        s => match s.parse::<i64>() {
            Ok(d) if d < CONCLUSION_DAYS_MIN => Err(FieldError::TooSmall { min: CONCLUSION_DAYS_MIN }),
            Ok(d) if d > CONCLUSION_DAYS_MAX => Err(FieldError::TooLarge { max: CONCLUSION_DAYS_MAX }),
            Ok(d) => Ok(d),
            Err(_) => Err(FieldError::NotANumber),
        },
    }
}

/// Midnight (Taiwan time) starting a `YYYY-MM-DD` date.
pub fn parse_date(raw: &str) -> Result<Timestamp, FieldError> {
    match raw.trim() {
        "" => Err(FieldError::Required),
        s => Timestamp::parse_taipei_local(&format!("{s}T00:00")).ok_or(FieldError::InvalidDate),
    }
}

/// Midnight (Taiwan time) starting the day `t` falls on.
pub fn start_of_day(t: Timestamp) -> Timestamp {
    Timestamp(t.plus_millis(8 * crate::domain::time::HOUR).0.div_euclid(DAY) * DAY - 8 * crate::domain::time::HOUR)
}

/// What the officer typed, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationInput {
    pub agency_id: String,
    pub title: String,
    pub background: String,
    pub stage: String,
    /// One per line.
    pub questions: String,
    /// One link per line.
    pub documents: String,
    /// `YYYY-MM-DD`, the first and the last day (Taiwan time).
    pub opens_on: String,
    pub closes_on: String,
}

/// A consultation that passed the rules; whether the officer serves the agency is the server's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub agency_id: i64,
    pub title: String,
    pub background: String,
    pub stage: Stage,
    pub questions: Vec<String>,
    pub documents: Vec<String>,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
}

fn lines(raw: &str) -> Vec<&str> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

impl ConsultationInput {
    pub fn parse(&self, now: Timestamp) -> Result<Consultation, FieldErrors> {
        let mut e = FieldErrors::new();
        let agency = e.check("agency_id", self.agency_id.trim().parse::<i64>().map_err(|_| FieldError::Required));
        let title = e.check("title", text(&self.title, TITLE_MIN, TITLE_MAX, true));
        if title.as_ref().is_some_and(|t| t.contains('\n')) {
            e.add("title", FieldError::InvalidCharacters);
        } else if title.as_ref().is_some_and(|t| t.chars().any(is_hidden_in_identifier)) {
            e.add("title", FieldError::HiddenCharacters);
        }
        let background = e.check("background", text(&self.background, BACKGROUND_MIN, BACKGROUND_MAX, true));
        let stage = e.check("stage", Stage::from_code(self.stage.trim()).ok_or(FieldError::Required));
        let qs = lines(&self.questions);
        let questions = if qs.len() > QUESTIONS_MAX {
            e.add("questions", FieldError::TooMany { max: QUESTIONS_MAX });
            None
        } else {
            e.check("questions", qs.iter().map(|q| text(q, 1, QUESTION_MAX, true)).collect::<Result<Vec<_>, _>>())
        };
        let ds = lines(&self.documents);
        let documents = if ds.len() > DOCUMENTS_MAX {
            e.add("documents", FieldError::TooMany { max: DOCUMENTS_MAX });
            None
        } else {
            e.check("documents", ds.iter().map(|d| parse_link(d)).collect::<Result<Vec<_>, _>>())
        };
        let today = start_of_day(now);
        let opens = e.check("opens_on", parse_date(&self.opens_on));
        let last = e.check("closes_on", parse_date(&self.closes_on));
        if let Some(o) = opens {
            if o < today {
                e.add("opens_on", FieldError::InThePast);
            } else if o.0 > today.0 + MAX_LEAD_DAYS * DAY {
                e.add("opens_on", FieldError::TooFarAhead { days: MAX_LEAD_DAYS });
            }
        }
        if let (Some(o), Some(l)) = (opens, last) {
            let days = (l.0 - o.0) / DAY + 1;
            if days < MIN_DAYS {
                e.add("closes_on", FieldError::PeriodTooShort { days: MIN_DAYS });
            } else if days > MAX_DAYS {
                e.add("closes_on", FieldError::PeriodTooLong { days: MAX_DAYS });
            }
        }
        match (agency, title, background, stage, questions, documents, opens, last) {
            (Some(agency_id), Some(title), Some(background), Some(stage), Some(questions), Some(documents), Some(opens_at), Some(last)) if e.is_empty() => {
                Ok(Consultation { agency_id, title, background, stage, questions, documents, opens_at, closes_at: last.plus_millis(DAY) })
            }
            _ => Err(e),
        }
    }
}

/// The agency's conclusions: what it heard and what it will do (Markdown), and the
/// statements it cites (ids as posted; whether they belong to the conversation is the server's).
pub fn parse_conclusions(raw: &str, cited: &[String]) -> Result<(String, Vec<i64>), FieldErrors> {
    let mut e = FieldErrors::new();
    let body = e.check("conclusions", text(raw, CONCLUSIONS_MIN, CONCLUSIONS_MAX, true));
    let ids = parse_citations(cited).map_err(|err| e.add("cited", err)).ok();
    match (body, ids) {
        (Some(b), Some(ids)) if e.is_empty() => Ok((b, ids)),
        _ => Err(e),
    }
}

/// Statement ids ticked in a form: numbers, each once, at most `CITATIONS_MAX`.
pub fn parse_citations(cited: &[String]) -> Result<Vec<i64>, FieldError> {
    let mut ids = Vec::new();
    for c in cited.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let id = c.parse::<i64>().map_err(|_| FieldError::UnknownChoice)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() > CITATIONS_MAX {
        return Err(FieldError::TooMany { max: CITATIONS_MAX });
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> Timestamp {
        parse_date(date).unwrap()
    }

    fn input() -> ConsultationInput {
        ConsultationInput {
            agency_id: "3".into(),
            title: "大眾運輸票價調整".into(),
            background: "我們正在規劃票價調整，想聽聽大家的意見與建議。".into(),
            stage: "planning".into(),
            questions: "票價應該怎麼調？\n\n 誰需要優惠？ ".into(),
            documents: "https://example.gov.tw/plan.pdf".into(),
            opens_on: "2026-12-01".into(),
            closes_on: "2026-12-31".into(),
        }
    }

    #[test]
    fn a_complete_consultation_parses_with_an_exclusive_close() {
        let c = input().parse(at("2026-11-29").plus_millis(5 * 3_600_000)).unwrap();
        assert_eq!(c.questions, vec!["票價應該怎麼調？", "誰需要優惠？"]);
        assert_eq!(c.stage, Stage::Planning);
        assert_eq!(c.opens_at, at("2026-12-01"));
        assert_eq!(c.closes_at, at("2027-01-01"));
        let d = Dates { opens_at: c.opens_at, closes_at: c.closes_at, conclusions_due_at: conclusions_due(c.closes_at, 30), concluded_at: None };
        assert_eq!(d.last_day(), "2026-12-31");
    }

    #[test]
    fn bad_fields_are_named() {
        let mut i = input();
        i.title = "x\u{202e}yz".into();
        i.stage = "someday".into();
        i.documents = "javascript:alert(1)".into();
        i.opens_on = "2026-11-01".into();
        i.closes_on = "2026-13-01".into();
        let e = i.parse(at("2026-11-29")).unwrap_err();
        for f in ["title", "stage", "documents", "opens_on", "closes_on"] {
            assert!(e.get(f).is_some(), "{f}: {e:?}");
        }
        let mut i = input();
        i.closes_on = "2026-12-05".into();
        assert_eq!(i.parse(at("2026-11-29")).unwrap_err().get("closes_on"), Some(&FieldError::PeriodTooShort { days: MIN_DAYS }));
        i.closes_on = "2027-12-05".into();
        assert_eq!(i.parse(at("2026-11-29")).unwrap_err().get("closes_on"), Some(&FieldError::PeriodTooLong { days: MAX_DAYS }));
    }

    #[test]
    fn it_may_open_today_but_not_yesterday() {
        let mut i = input();
        i.opens_on = "2026-11-29".into();
        assert!(i.parse(at("2026-11-29").plus_millis(23 * 3_600_000)).is_ok());
        assert_eq!(i.parse(at("2026-11-30")).unwrap_err().get("opens_on"), Some(&FieldError::InThePast));
    }

    #[test]
    fn conclusion_days_are_bounded() {
        assert_eq!(parse_conclusion_days(" 45 "), Ok(45));
        assert_eq!(parse_conclusion_days("3"), Err(FieldError::TooSmall { min: CONCLUSION_DAYS_MIN }));
        assert_eq!(parse_conclusion_days("999"), Err(FieldError::TooLarge { max: CONCLUSION_DAYS_MAX }));
        assert_eq!(parse_conclusion_days("x"), Err(FieldError::NotANumber));
    }

    #[test]
    fn phases_follow_the_dates() {
        let d = Dates { opens_at: Timestamp(10), closes_at: Timestamp(20), conclusions_due_at: Timestamp(30), concluded_at: None };
        let phases: Vec<Phase> = [5, 10, 19, 20, 29, 30].iter().map(|&t| d.phase(Timestamp(t))).collect();
        use Phase::*;
        assert_eq!(phases, vec![Upcoming, Open, Open, AwaitingConclusions, AwaitingConclusions, Overdue]);
        let late = Dates { concluded_at: Some(Timestamp(31)), ..d };
        assert_eq!(late.phase(Timestamp(40)), Concluded);
        assert!(late.concluded_late());
        for p in Phase::ALL {
            assert_eq!(Phase::from_code(p.code()), Some(p));
        }
    }

    #[test]
    fn conclusions_need_text_and_known_citations() {
        assert!(parse_conclusions("短", &[]).unwrap_err().get("conclusions").is_some());
        let (_, ids) = parse_conclusions("我們聽到了大家對票價的意見，將調整優惠方案。", &["4".into(), "4".into(), " 9 ".into()]).unwrap();
        assert_eq!(ids, vec![4, 9]);
        assert!(parse_conclusions("我們聽到了大家對票價的意見，將調整優惠方案。", &["x".into()]).unwrap_err().get("cited").is_some());
    }
}
