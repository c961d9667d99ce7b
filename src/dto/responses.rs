//! What the agency workspace and the public response pages receive.
use crate::domain::response::Point;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::petitions::PetitionSummary;
use serde::{Deserialize, Serialize};

/// One published version of an agency's response (the lead's formal response or a
/// co-agency's section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseView {
    pub agency: AgencyView,
    pub is_lead: bool,
    pub version: i64,
    pub summary: String,
    /// Markdown rendered and sanitised on the server.
    pub details_html: String,
    pub points: Vec<Point>,
    pub links: Vec<String>,
    pub published_at: Timestamp,
    /// When version 1 was published (differs from `published_at` once amended).
    pub first_published_at: Timestamp,
    /// The officer's name: staff only.
    pub published_by: Option<String>,
    /// Statements from the petition's deliberation that this version cites.
    pub cited: Vec<crate::dto::deliberation::StatementView>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingView {
    pub helpful: i64,
    pub not_helpful: i64,
    /// The viewer's own rating, if any.
    pub mine: Option<bool>,
    /// Signed in and has a counted signature on the petition.
    pub can_rate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionView {
    pub days: i64,
    pub reason: String,
    pub at: Timestamp,
}

/// The response part of a petition page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionResponses {
    pub formal: Option<ResponseView>,
    pub sections: Vec<ResponseView>,
    pub due_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    pub extension: Option<ExtensionView>,
    pub rating: RatingView,
    /// The viewer is an officer of one of the petition's agencies (or an admin).
    pub can_work: bool,
    pub now: Timestamp,
}

/// Every published version, newest first, for `/petitions/:id/responses`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionsPage {
    pub petition_id: i64,
    pub title: String,
    pub versions: Vec<ResponseView>,
}

/// A petition in an agency's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    pub petition: PetitionSummary,
    pub agency: AgencyView,
    pub is_lead: bool,
    pub has_draft: bool,
    pub answered_at: Option<Timestamp>,
}

/// A pending request to move the lead role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransferView {
    pub id: i64,
    pub petition_id: i64,
    pub title: String,
    pub from: AgencyView,
    pub to: AgencyView,
    pub reason: String,
    pub requested_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub agencies: Vec<AgencyView>,
    pub items: Vec<InboxItem>,
    /// Transfers this person may decide (to their agencies, or all for admins).
    pub transfers: Vec<TransferView>,
    pub now: Timestamp,
}

/// A saved draft as the form shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub summary: String,
    pub details: String,
    pub points: Vec<(String, String, String)>,
    pub links: String,
    pub updated_at: Option<Timestamp>,
}

/// The officer's page for one petition and one of their agencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub petition: PetitionSummary,
    pub action: String,
    pub agency: AgencyView,
    pub is_lead: bool,
    pub is_admin: bool,
    pub draft: DraftView,
    pub current: Option<ResponseView>,
    pub extension: Option<ExtensionView>,
    /// Whether this (lead) agency may still extend its deadline, also after publishing.
    pub may_extend: bool,
    pub max_extension_days: i64,
    /// Agencies of the same jurisdiction, for a transfer.
    pub agencies: Vec<AgencyView>,
    pub pending_transfer: Option<TransferView>,
    /// Shown statements of the petition's deliberation the answer can cite, most agreed first.
    pub citable: Vec<crate::dto::deliberation::StatementView>,
    pub now: Timestamp,
}

/// One agency's accountability figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyStats {
    pub agency: AgencyView,
    pub jurisdiction_zh: String,
    pub jurisdiction_en: String,
    /// Established petitions where it is (now) the lead agency.
    pub received: i64,
    pub answered_on_time: i64,
    pub answered_late: i64,
    pub overdue_now: i64,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
    pub helpful: i64,
    pub not_helpful: i64,
    /// Its consultations that have closed, their conclusions published on time or late, and
    /// those whose conclusions are past due now.
    pub consultations_closed: i64,
    pub conclusions_on_time: i64,
    pub conclusions_late: i64,
    pub conclusions_overdue: i64,
    /// Its draft regulations whose comment period is over, every comment answered (with the
    /// overall statement) by the due date or after it, and those past due unanswered now.
    pub regulations_closed: i64,
    pub regulations_answered_on_time: i64,
    pub regulations_answered_late: i64,
    pub regulations_overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyPage {
    pub stats: AgencyStats,
    /// Its public contact ("" if none), and whether it still takes new petitions.
    pub contact: String,
    pub retired: bool,
    /// The agency that took over its open petitions, if it was merged.
    pub merged_into: Option<crate::dto::common::AgencyView>,
    pub petitions: Vec<PetitionSummary>,
    pub now: Timestamp,
}
