//! Consultations (眾開講): what the list, the page and the officer's forms show.
use crate::domain::consultation::{Phase, Stage};
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::deliberation::StatementView;
use serde::{Deserialize, Serialize};

/// One consultation as lists and feeds show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i64,
    pub agency: AgencyView,
    pub title: String,
    pub stage: Stage,
    pub phase: Phase,
    pub opens_at: Timestamp,
    /// Exclusive; `last_day` is the last day people can take part (Taiwan time).
    pub closes_at: Timestamp,
    pub last_day: String,
    pub conclusions_due_at: Timestamp,
    pub concluded_at: Option<Timestamp>,
    pub concluded_late: bool,
    /// People who voted on a statement, and shown statements.
    pub participants: i64,
    pub statements: i64,
}

/// The list at /consultations with the filters it was asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationList {
    pub items: Vec<ConsultationSummary>,
    /// The filters as understood ("" = any).
    pub phase: String,
    pub stage: String,
    pub agency: String,
    /// Agencies that have consultations, for the agency filter.
    pub agencies: Vec<AgencyView>,
    /// The viewer may open a consultation (an officer of some agency).
    pub may_open: bool,
}

/// A consultation's own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationPage {
    pub summary: ConsultationSummary,
    /// Sanitised HTML rendered from the officer's Markdown.
    pub background_html: String,
    pub questions: Vec<String>,
    pub documents: Vec<String>,
    pub conclusions_html: Option<String>,
    /// Statements the conclusions cite.
    pub cited: Vec<StatementView>,
    /// The viewer serves the agency and conclusions may be published now.
    pub may_conclude: bool,
    /// Shown statements an officer can cite, most agreed first (only with `may_conclude`).
    pub citable: Vec<StatementView>,
    /// Votes and the map's groups so far (the map itself is on the deliberation page).
    pub votes: i64,
    pub groups: i64,
    pub now: Timestamp,
}

/// The officer's form to open a consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewConsultationPage {
    /// Agencies the officer serves (the form's choice).
    pub agencies: Vec<AgencyView>,
    /// Suggested dates: today and 30 days on (`YYYY-MM-DD`, Taiwan time).
    pub opens_on: String,
    pub closes_on: String,
}
