//! The printable summary of a draft regulation's comments and answers (法規預告 意見彙整表):
//! the totals, then every comment under its article, as agencies print and attach it.
use crate::dto::regulations::{RegulationCommentView, RegulationSummary};
use serde::{Deserialize, Serialize};

/// Comments by the position their authors took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    pub support: i64,
    pub oppose: i64,
    pub amend: i64,
    /// No position given.
    pub none: i64,
}

/// Comments by how the agency took them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub adopted: i64,
    pub partly_adopted: i64,
    pub not_adopted: i64,
    pub noted: i64,
    pub unanswered: i64,
}

/// The notice's figures. They count the comments the notice's page counts: those hidden by a
/// moderator are listed (without their text) but cannot be answered, so they are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTotals {
    pub comments: i64,
    pub answered: i64,
    pub stances: StanceCounts,
    pub outcomes: OutcomeCounts,
    /// Hidden by a moderator: listed, not counted.
    pub hidden: i64,
}

/// One comment in the summary's numbering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    /// 1, 2, … across the whole summary, in the order printed.
    pub no: i64,
    /// Text empty when withheld (held by reports or hidden by a moderator).
    pub comment: RegulationCommentView,
}

/// The comments on one article number across every version, or on the whole draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSection {
    /// The key across versions ("3", "3-1"); None: the whole draft.
    pub number: Option<String>,
    /// As written in the latest version that has the article (may be empty); empty for the
    /// whole draft.
    pub heading: String,
    /// Counted as the totals are (hidden comments left out).
    pub stances: StanceCounts,
    /// Oldest first; may be empty (the article drew no comment).
    pub rows: Vec<ReportRow>,
}

/// The whole summary: the whole draft first, then every article in article order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulationReport {
    pub summary: RegulationSummary,
    pub totals: ReportTotals,
    /// The agency's overall statement (sanitised HTML), once published.
    pub overall_html: Option<String>,
    pub sections: Vec<ReportSection>,
}
