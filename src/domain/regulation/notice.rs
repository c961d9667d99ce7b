//! A draft regulation's notice (法規預告): what the officer fills in, the dates that decide its
//! phase (read when asked, never stored), and the rules for comments and the agency's answers.
//! Administrative Procedure Act art. 154: the draft is published and comments are invited for a
//! period; since 2016 the Executive Yuan uses 60 days, and agencies answer at the end.
use super::articles::{Article, Comparison, parse_comparison, split_articles};
use crate::domain::consultation::{parse_date, start_of_day};
use crate::domain::petition::proposal::text;
use crate::domain::time::{DAY, Timestamp};
use crate::domain::validation::{FieldError, FieldErrors, is_hidden_in_identifier};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const LEGAL_BASIS_MAX: usize = 1_000;
pub const PURPOSE_MAX: usize = 10_000;
pub const CONTACT_MAX: usize = 300;
pub const COMMENT_MAX: usize = 5_000;
pub const WORDING_MAX: usize = 5_000;
pub const REASON_MAX: usize = 5_000;
pub const OVERALL_MAX: usize = 20_000;
pub const NOTE_MAX: usize = 1_000;
/// The shortest period the law's practice allows, and the longest this platform takes.
pub const PERIOD_MIN_DAYS: i64 = 14;
pub const PERIOD_MAX_DAYS: i64 = 180;
/// A jurisdiction's defaults: the period offered, and the days to answer after it ends.
pub const PERIOD_DEFAULT_DAYS: i64 = 60;
pub const ANSWER_DAYS_DEFAULT: i64 = 30;
pub const ANSWER_DAYS_MIN: i64 = 7;
pub const ANSWER_DAYS_MAX: i64 = 180;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Saved by the agency, not yet published: only its officers see it (the preview).
    Draft,
    Open,
    /// The period is over; some comment has no answer yet, or the overall statement is missing.
    AwaitingAnswers,
    /// As awaiting, past the due date.
    Overdue,
    /// Every comment answered and the overall statement published.
    Answered,
    /// The final text is issued.
    Issued,
}

impl Phase {
    pub const ALL: [Phase; 6] = [Self::Draft, Self::Open, Self::AwaitingAnswers, Self::Overdue, Self::Answered, Self::Issued];
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::AwaitingAnswers => "awaiting",
            Self::Overdue => "overdue",
            Self::Answered => "answered",
            Self::Issued => "issued",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// The dates a notice's phase is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    pub published_at: Option<Timestamp>,
    /// Exclusive: the first moment comments are refused.
    pub closes_at: Timestamp,
    pub answers_due_at: Timestamp,
    pub answered_at: Option<Timestamp>,
    pub issued_at: Option<Timestamp>,
}

impl Dates {
    pub fn phase(&self, now: Timestamp) -> Phase {
        match (self.published_at, self.answered_at, self.issued_at) {
            (_, _, Some(_)) => Phase::Issued,
            (_, Some(_), None) => Phase::Answered,
            (None, None, None) => Phase::Draft,
            (Some(_), None, None) if now < self.closes_at => Phase::Open,
            (Some(_), None, None) if now < self.answers_due_at => Phase::AwaitingAnswers,
            _ => Phase::Overdue,
        }
    }
    /// The last day comments are taken (Taiwan time).
    pub fn last_day(&self) -> String {
        self.closes_at.plus_millis(-1).date_taipei()
    }
    pub fn answered_late(&self) -> bool {
        self.answered_at.is_some_and(|a| a >= self.answers_due_at)
    }
}

/// The period from the day of publication to the last day, both counted, must be within the
/// rules; `closes_at` is the midnight after the last day.
pub fn check_period(published_at: Timestamp, closes_at: Timestamp) -> Result<(), FieldError> {
    let days = (closes_at.0 - start_of_day(published_at).0) / DAY;
    if days < PERIOD_MIN_DAYS {
        Err(FieldError::PeriodTooShort { days: PERIOD_MIN_DAYS })
    } else if days > PERIOD_MAX_DAYS {
        Err(FieldError::PeriodTooLong { days: PERIOD_MAX_DAYS })
    } else {
        Ok(())
    }
}

/// Answers are due this many days after the period ends.
pub fn answers_due(closes_at: Timestamp, days: i64) -> Timestamp {
    closes_at.plus_millis(days * DAY)
}

/// A jurisdiction's days (the period offered, or the days to answer) as typed on its page.
pub fn parse_days(raw: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    match raw.trim() {
        "" => Err(FieldError::Required),
        s => match s.parse::<i64>() {
            Ok(d) if d < min => Err(FieldError::TooSmall { min }),
            Ok(d) if d > max => Err(FieldError::TooLarge { max }),
            Ok(d) => Ok(d),
            Err(_) => Err(FieldError::NotANumber),
        },
    }
}

/// What the officer typed, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeInput {
    pub agency_id: String,
    pub title: String,
    pub legal_basis: String,
    pub purpose: String,
    /// The draft as Markdown, one `第N條` / `Article N` heading per article.
    pub draft: String,
    /// The optional comparison table (對照表).
    pub comparison: String,
    /// `YYYY-MM-DD`, Taiwan time.
    pub last_day: String,
    pub contact: String,
    /// The topic (a category id) its followers hear of it by; "" for none.
    #[serde(default)]
    pub category_id: String,
}

/// A checked notice (or a new version's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub agency_id: i64,
    pub title: String,
    pub legal_basis: String,
    pub purpose: String,
    pub text: Text,
    /// The midnight after the last day.
    pub closes_at: Timestamp,
    pub contact: String,
    pub category_id: Option<i64>,
}

/// A version's text: what comes before the articles, the articles, and the comparison rows
/// (kept by article number; rows naming no article in the draft are refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub preamble: String,
    pub articles: Vec<Article>,
    pub comparison: Vec<Comparison>,
}

/// Split and check a draft and its comparison table (the same rules for every version).
pub fn parse_text(draft: &str, comparison: &str, e: &mut FieldErrors) -> Option<Text> {
    let split = e.check("draft", split_articles(draft));
    let rows = e.check("comparison", parse_comparison(comparison));
    let (split, rows) = (split?, rows?);
    let rows: Vec<Comparison> = rows.into_iter().filter(|r| !r.number.is_empty()).collect();
    // A row for an article the draft does not have is a mistake, unless it is a deletion
    // (its proposed text is empty or says 刪除).
    let stray = rows.iter().find(|r| !split.articles.iter().any(|a| a.number == r.number) && !is_deletion(&r.proposed));
    if let Some(r) = stray {
        e.add("comparison", FieldError::NotInDraft { number: r.number.clone() });
        return None;
    }
    Some(Text { preamble: split.preamble, articles: split.articles, comparison: rows })
}

fn is_deletion(proposed: &str) -> bool {
    let t = proposed.trim();
    t.is_empty() || t.contains("刪除") || t.to_lowercase().contains("deleted")
}

impl NoticeInput {
    pub fn parse(&self) -> Result<Notice, FieldErrors> {
        let mut e = FieldErrors::new();
        let agency_id = match self.agency_id.trim() {
            "" => {
                e.add("agency_id", FieldError::Required);
                None
            }
            s => e.check("agency_id", s.parse::<i64>().map_err(|_| FieldError::UnknownChoice)),
        };
        let title = e.check("title", text(&self.title, 5, TITLE_MAX, true));
        // A title is one line, with nothing invisible in it (as a consultation's).
        if title.as_ref().is_some_and(|t| t.contains('\n')) {
            e.add("title", FieldError::InvalidCharacters);
        } else if title.as_ref().is_some_and(|t| t.chars().any(is_hidden_in_identifier)) {
            e.add("title", FieldError::HiddenCharacters);
        }
        let legal_basis = e.check("legal_basis", text(&self.legal_basis, 2, LEGAL_BASIS_MAX, true));
        let purpose = e.check("purpose", text(&self.purpose, 10, PURPOSE_MAX, true));
        let contact = e.check("contact", text(&self.contact, 2, CONTACT_MAX, true));
        let last = e.check("last_day", parse_date(&self.last_day));
        let body = parse_text(&self.draft, &self.comparison, &mut e);
        let category_id = match self.category_id.trim() {
            "" => Some(None),
            s => e.check("category_id", s.parse::<i64>().map(Some).map_err(|_| FieldError::UnknownChoice)),
        };
        match (agency_id, title, legal_basis, purpose, contact, last, body, category_id) {
            (Some(agency_id), Some(title), Some(legal_basis), Some(purpose), Some(contact), Some(last), Some(text), Some(category_id)) if e.is_empty() => {
                Ok(Notice { agency_id, title, legal_basis, purpose, text, closes_at: last.plus_millis(DAY), contact, category_id })
            }
            _ => Err(e),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Support,
    Oppose,
    Amend,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Self::Support, Self::Oppose, Self::Amend];
    pub fn code(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::Oppose => "oppose",
            Self::Amend => "amend",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Adopted,
    PartlyAdopted,
    NotAdopted,
    Noted,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Self::Adopted, Self::PartlyAdopted, Self::NotAdopted, Self::Noted];
    pub fn code(self) -> &'static str {
        match self {
            Self::Adopted => "adopted",
            Self::PartlyAdopted => "partly_adopted",
            Self::NotAdopted => "not_adopted",
            Self::Noted => "noted",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A checked comment: an optional stance, the text, and a proposed wording (required to amend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentText {
    pub stance: Option<Stance>,
    pub body: String,
    pub wording: Option<String>,
}

pub fn parse_comment(stance: &str, body: &str, wording: &str) -> Result<CommentText, FieldErrors> {
    let mut e = FieldErrors::new();
    let stance = match stance.trim() {
        "" => Some(None),
        s => e.check("stance", Stance::from_code(s).ok_or(FieldError::UnknownChoice)).map(Some),
    };
    let body = e.check("body", text(body, 2, COMMENT_MAX, true));
    let wording = e.check("wording", text(wording, 2, WORDING_MAX, false));
    if stance == Some(Some(Stance::Amend)) && wording.as_deref() == Some("") {
        e.add("wording", FieldError::Required);
    }
    match (stance, body, wording) {
        (Some(stance), Some(body), Some(w)) if e.is_empty() => Ok(CommentText { stance, body, wording: (!w.is_empty()).then_some(w) }),
        _ => Err(e),
    }
}

/// One answer to the ticked comments: how they were taken, and why.
pub fn parse_answer(outcome: &str, reason: &str, ticked: &[String]) -> Result<(Outcome, String, Vec<i64>), FieldErrors> {
    let mut e = FieldErrors::new();
    let outcome = match outcome.trim() {
        "" => {
            e.add("outcome", FieldError::Required);
            None
        }
        s => e.check("outcome", Outcome::from_code(s).ok_or(FieldError::UnknownChoice)),
    };
    let reason = e.check("reason", text(reason, 2, REASON_MAX, true));
    let mut ids: Vec<i64> = ticked.iter().filter_map(|t| t.trim().parse().ok()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        e.add("comments", FieldError::Required);
    }
    match (outcome, reason) {
        (Some(o), Some(r)) if e.is_empty() => Ok((o, r, ids)),
        _ => Err(e),
    }
}

/// The agency's overall statement (Markdown), published once every comment has its answer.
pub fn parse_overall(raw: &str) -> Result<String, FieldError> {
    text(raw, 20, OVERALL_MAX, true)
}

/// What a new version says changed (optional).
pub fn parse_note(raw: &str) -> Result<String, FieldError> {
    text(raw, 2, NOTE_MAX, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_800_000_000_000);

    fn input() -> NoticeInput {
        NoticeInput {
            agency_id: "3".into(),
            title: "公路客運補貼辦法修正草案".into(),
            legal_basis: "公路法第四十三條".into(),
            purpose: "為合理分配偏鄉路線補貼，修正補貼計算方式。".into(),
            draft: "公路客運補貼辦法\n\n第一條　本辦法依公路法訂定之。\n第二條　補貼對象為偏鄉路線。".into(),
            comparison: String::new(),
            last_day: "2027-03-01".into(),
            contact: "交通部公路局 02-1234-5678".into(),
            category_id: String::new(),
        }
    }

    #[test]
    fn a_notice_parses_into_articles() {
        let n = input().parse().unwrap();
        assert_eq!(n.text.articles.len(), 2);
        assert_eq!(n.text.preamble, "公路客運補貼辦法");
        assert_eq!(
            Dates { published_at: None, closes_at: n.closes_at, answers_due_at: n.closes_at, answered_at: None, issued_at: None }.last_day(),
            "2027-03-01"
        );
    }

    #[test]
    fn every_field_is_checked_at_once() {
        let bad = NoticeInput { agency_id: "x".into(), draft: "沒有條文".into(), last_day: "明天".into(), ..Default::default() };
        let e = bad.parse().unwrap_err();
        for f in ["agency_id", "title", "legal_basis", "purpose", "contact", "last_day"] {
            assert!(e.get(f).is_some(), "{f}: {e:?}");
        }
        assert_eq!(e.get("draft"), Some(&FieldError::NoArticles));
        let mut two_lines = input();
        two_lines.title = "公路客運補貼辦法\n修正草案".into();
        assert_eq!(two_lines.parse().unwrap_err().get("title"), Some(&FieldError::InvalidCharacters));
        two_lines.title = "公路客運\u{200d}補貼辦法修正草案".into();
        assert_eq!(two_lines.parse().unwrap_err().get("title"), Some(&FieldError::HiddenCharacters));
    }

    #[test]
    fn a_comparison_row_must_name_an_article_of_the_draft_unless_it_deletes_one() {
        let mut i = input();
        i.comparison = "| 修正條文 | 現行條文 | 說明 |\n|---|---|---|\n| 第二條　補貼對象為偏鄉路線。 | 第二條　補貼對象為客運業者。 | 明定對象。 |\n|  | 第三條　舊規定 | 本條刪除。 |".into();
        let n = i.parse().unwrap();
        assert_eq!(n.text.comparison.len(), 2);
        i.comparison = "| 修正條文 | 現行條文 | 說明 |\n|---|---|---|\n| 第九條　新的 |  | 新增。 |".into();
        assert_eq!(i.parse().unwrap_err().get("comparison"), Some(&FieldError::NotInDraft { number: "9".into() }));
    }

    #[test]
    fn the_period_runs_from_publication_within_the_rules() {
        let day0 = start_of_day(T0);
        assert_eq!(check_period(T0, day0.plus_millis(13 * DAY)), Err(FieldError::PeriodTooShort { days: 14 }));
        assert_eq!(check_period(T0, day0.plus_millis(14 * DAY)), Ok(()));
        assert_eq!(check_period(T0, day0.plus_millis(181 * DAY)), Err(FieldError::PeriodTooLong { days: 180 }));
    }

    #[test]
    fn phases_follow_the_dates() {
        let closes = T0.plus_millis(10 * DAY);
        let d = Dates { published_at: Some(T0), closes_at: closes, answers_due_at: answers_due(closes, 30), answered_at: None, issued_at: None };
        assert_eq!(Dates { published_at: None, ..d }.phase(T0), Phase::Draft);
        assert_eq!(d.phase(T0), Phase::Open);
        assert_eq!(d.phase(closes), Phase::AwaitingAnswers);
        assert_eq!(d.phase(closes.plus_millis(30 * DAY)), Phase::Overdue);
        let late = Dates { answered_at: Some(closes.plus_millis(31 * DAY)), ..d };
        assert_eq!((late.phase(T0), late.answered_late()), (Phase::Answered, true));
        assert_eq!(Dates { issued_at: Some(closes.plus_millis(40 * DAY)), ..late }.phase(T0), Phase::Issued);
    }

    #[test]
    fn comments_need_text_and_an_amendment_needs_its_wording() {
        let c = parse_comment("support", "我支持這個方向。", "").unwrap();
        assert_eq!((c.stance, c.wording), (Some(Stance::Support), None));
        assert_eq!(parse_comment("", "沒有立場也可以。", "").unwrap().stance, None);
        assert_eq!(parse_comment("amend", "請修改第二條。", "").unwrap_err().get("wording"), Some(&FieldError::Required));
        assert_eq!(parse_comment("maybe", "好", "").unwrap_err().get("stance"), Some(&FieldError::UnknownChoice));
        assert_eq!(parse_comment("amend", "請修改。", "補貼對象為偏鄉及離島路線。").unwrap().wording.as_deref(), Some("補貼對象為偏鄉及離島路線。"));
    }

    #[test]
    fn an_answer_covers_at_least_one_comment_with_a_reason() {
        let (o, r, ids) = parse_answer("partly_adopted", "已部分納入第二條。", &["4".into(), "2".into(), "4".into()]).unwrap();
        assert_eq!((o, r.as_str(), ids), (Outcome::PartlyAdopted, "已部分納入第二條。", vec![2, 4]));
        let e = parse_answer("", "", &[]).unwrap_err();
        assert!(e.get("outcome").is_some() && e.get("reason").is_some() && e.get("comments").is_some());
    }
}
