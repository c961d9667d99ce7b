//! Draft regulations (法規預告): what the list, the notice's page, the difference between
//! versions and the agency's forms show.
use crate::domain::regulation::diff::ArticleDiff;
use crate::domain::regulation::notice::{Outcome, Phase, Stance};
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::petitions::CategoryView;
use serde::{Deserialize, Serialize};

/// One notice as lists and feeds show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationSummary {
    pub id: i64,
    pub agency: AgencyView,
    pub title: String,
    pub phase: Phase,
    pub published_at: Option<Timestamp>,
    /// Exclusive; `last_day` is the last day comments are taken (Taiwan time).
    pub closes_at: Timestamp,
    pub last_day: String,
    pub answers_due_at: Timestamp,
    pub answered_at: Option<Timestamp>,
    pub answered_late: bool,
    pub issued_at: Option<Timestamp>,
    /// Comments shown, and how many of them have the agency's answer.
    pub comments: i64,
    pub answered: i64,
    pub versions: i64,
    /// The topic its followers hear of it by.
    pub topic: Option<CategoryView>,
}

/// The list at /regulations with the filters it was asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationList {
    pub items: Vec<RegulationSummary>,
    /// The filters as understood ("" = any).
    pub phase: String,
    pub agency: String,
    /// A topic's id.
    pub category: String,
    pub agencies: Vec<AgencyView>,
    /// Topics of published notices.
    pub categories: Vec<CategoryView>,
    /// The viewer may publish a notice (an officer of some agency)...
    pub may_publish: bool,
    /// ...and these unpublished notices of their agencies wait for them.
    pub drafts: Vec<RegulationSummary>,
}

/// The agency's answer to one or more comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerView {
    pub id: i64,
    pub outcome: Outcome,
    pub reason: String,
    pub at: Timestamp,
}

/// A comment as the public sees it. Text is plain (shown as text, line breaks kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationCommentView {
    pub id: i64,
    /// The version it was made on.
    pub version: i64,
    /// The article's heading as written (None: on the whole draft).
    pub article: Option<String>,
    pub author: String,
    /// Made in the name of this verified organisation.
    pub organisation: Option<String>,
    pub stance: Option<Stance>,
    pub body: String,
    pub wording: Option<String>,
    pub at: Timestamp,
    /// Held by reports or hidden by a moderator: the text is not shown.
    pub withheld: bool,
    pub answer: Option<AnswerView>,
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i64,
    /// The key across versions ("3", "3-1"): the anchor is `a-{number}`.
    pub number: String,
    /// Chapter (section, part) titles the draft puts before this article.
    pub divisions: Vec<String>,
    pub heading: String,
    /// Sanitised HTML of the article's Markdown.
    pub body_html: String,
    /// From the comparison table (plain text), when given.
    pub current: Option<String>,
    pub explanation: Option<String>,
    /// Comments made on this article in this version.
    pub comments: Vec<RegulationCommentView>,
}

/// A comparison row deleting an article: its current text and the agency's explanation (plain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletionView {
    pub number: String,
    pub current: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub at: Timestamp,
    /// What changed, in the agency's words (empty for the first).
    pub note: String,
}

/// A notice's page: one version of the text (the latest unless asked), with its comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationPage {
    pub summary: RegulationSummary,
    pub legal_basis: String,
    /// The topic its followers hear of it by.
    pub topic: Option<CategoryView>,
    pub purpose_html: String,
    pub contact: String,
    /// The version issued as the final text, once issued.
    pub issued_version: Option<i64>,
    /// The version shown, and every version.
    pub version: i64,
    pub versions: Vec<VersionView>,
    pub preamble_html: String,
    pub articles: Vec<ArticleView>,
    /// Articles of the current regulation this version deletes (from the comparison table).
    pub deletions: Vec<DeletionView>,
    /// Comments on the whole draft of the version shown.
    pub general: Vec<RegulationCommentView>,
    /// The agency's overall statement (sanitised HTML), once published.
    pub overall_html: Option<String>,
    /// Comments are taken now (the latest version, within the period).
    pub open: bool,
    pub signed_in: bool,
    /// The viewer's verified organisation, offered as "comment as".
    pub organisation: Option<String>,
    /// The viewer serves the agency: the draft's publish button, the answers' workspace.
    pub may_manage: bool,
    /// Shown comments still without an answer.
    pub unanswered: i64,
    pub now: Timestamp,
}

/// The difference between two versions, article by article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationDiff {
    pub summary: RegulationSummary,
    pub versions: Vec<VersionView>,
    pub from: i64,
    pub to: i64,
    pub articles: Vec<ArticleDiff>,
    /// Added, removed, changed.
    pub counts: (usize, usize, usize),
}

/// The agency's workspace after the period: every comment, unanswered first, the answer form,
/// the overall statement, a new version and the final text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationWorkspace {
    pub summary: RegulationSummary,
    pub unanswered: Vec<RegulationCommentView>,
    pub answered: Vec<RegulationCommentView>,
    /// Answers may be given (the period is over, the overall statement not yet published).
    pub may_answer: bool,
    /// Every comment is answered: the overall statement may be published.
    pub may_conclude: bool,
    /// A new version may be published (after the period, before the final text).
    pub may_revise: bool,
    /// The final text may be issued (answers complete, not issued yet).
    pub may_issue: bool,
    /// The latest version's number, and its text as the new version's form starts with it.
    pub latest: i64,
    pub draft: String,
    pub comparison: String,
}

/// The officer's form for a new notice, or for changing an unpublished one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewRegulationPage {
    pub agencies: Vec<AgencyView>,
    /// The notice being changed (unpublished), with its values.
    pub id: Option<i64>,
    pub agency_id: String,
    pub title: String,
    pub legal_basis: String,
    pub purpose: String,
    pub draft: String,
    pub comparison: String,
    /// Suggested: today plus the jurisdiction's period (`YYYY-MM-DD`, Taiwan time).
    pub last_day: String,
    pub contact: String,
    /// The topic chosen ("" for none) and the topics to choose from.
    pub category_id: String,
    pub categories: Vec<CategoryView>,
}
