//! What petition pages receive from the server.
use crate::domain::petition::{PetitionState, RejectReason, Rules};
use crate::domain::time::Timestamp;
use crate::dto::common::{AgencyView, localized};
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl CategoryView {
    pub fn name(&self, l: Locale) -> &str {
        localized(l, &self.name_zh, &self.name_en)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesView {
    pub jurisdiction_id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub rules: Rules,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PauseView {
    pub id: i64,
    pub proposing: bool,
    pub signing: bool,
    pub message_zh: String,
    pub message_en: String,
    pub started_at: Timestamp,
}

/// A petition in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionSummary {
    pub id: i64,
    pub title: String,
    /// As of the moment the page was made (the clock may have closed it).
    pub state: PetitionState,
    pub jurisdiction_zh: String,
    pub jurisdiction_en: String,
    pub signature_count: i64,
    pub threshold: i64,
    pub opened_at: Option<Timestamp>,
    pub closes_at: Option<Timestamp>,
    pub established_at: Option<Timestamp>,
    pub response_due_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

impl PetitionSummary {
    pub fn jurisdiction(&self, l: Locale) -> &str {
        localized(l, &self.jurisdiction_zh, &self.jurisdiction_en)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub kind: String,
    pub detail: String,
}

/// What the person looking at a petition may do with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub logged_in: bool,
    pub is_proposer: bool,
    pub is_moderator: bool,
    /// Their counted or pending signature.
    pub signed: bool,
    pub signature_pending: bool,
    pub sponsored: bool,
    pub county: Option<String>,
    /// The profile's "updates about petitions I sign": the sign form's default.
    pub notify_signed: bool,
    /// Why this person may not take part now (a suspension), shown instead of a sign button.
    pub blocked: Option<crate::error::AppError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionDetail {
    pub summary: PetitionSummary,
    pub problem: String,
    pub action: String,
    pub benefits: String,
    pub evidence: Vec<String>,
    pub category: Option<CategoryView>,
    pub agencies: Vec<AgencyView>,
    pub proposer_name: String,
    pub rules: Rules,
    pub can_sign: bool,
    pub signing_paused: bool,
    pub second_tier_at: Option<Timestamp>,
    pub submitted_at: Option<Timestamp>,
    pub review_due_at: Option<Timestamp>,
    pub reject_reason: Option<RejectReason>,
    pub reject_explanation: Option<String>,
    pub duplicate_of: Option<i64>,
    pub sponsor_count: i64,
    /// Only for the proposer: the link others use to sponsor.
    pub sponsor_key: Option<String>,
    pub timeline: Vec<TimelineEntry>,
    /// (hour start, signatures in that hour)
    pub hourly: Vec<(Timestamp, i64)>,
    /// (county code, signatures)
    pub counties: Vec<(String, i64)>,
    pub viewer: Viewer,
    pub now: Timestamp,
    /// The petition's full public address, and its QR code drawn on the server as SVG.
    pub share_url: String,
    pub share_qr_svg: String,
}

/// A petition waiting for review, for the moderators' queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: i64,
    pub title: String,
    pub jurisdiction_zh: String,
    pub jurisdiction_en: String,
    pub submitted_at: Timestamp,
    pub review_due_at: Timestamp,
    pub overdue: bool,
    /// Name of the moderator holding the lock, if any (staff-only page).
    pub claimed_by: Option<String>,
    pub claimed_by_me: bool,
}

/// One of my signatures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MySignature {
    pub petition: PetitionSummary,
    pub signed_at: Timestamp,
    pub can_withdraw: bool,
    /// A checkpoint of the transparency log covers this signature: its receipt can be downloaded.
    pub receipt_ready: bool,
}

/// A list request: filters, sort, search and page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    pub state: Option<String>,
    pub jurisdiction: Option<i64>,
    pub agency: Option<i64>,
    pub category: Option<i64>,
    pub sort: Option<String>,
    pub q: Option<String>,
    pub page: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<PetitionSummary>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub now: Timestamp,
}

/// Home page lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeLists {
    pub near_threshold: Vec<PetitionSummary>,
    pub ending_soon: Vec<PetitionSummary>,
    pub recently_established: Vec<PetitionSummary>,
    pub recently_answered: Vec<PetitionSummary>,
    pub now: Timestamp,
}

/// Choices for the proposal form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposeOptions {
    pub categories: Vec<CategoryView>,
    pub jurisdictions: Vec<RulesView>,
    /// (jurisdiction id, agency)
    pub agencies: Vec<(i64, AgencyView)>,
    pub proposing_paused: bool,
}

/// A draft being edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: i64,
    pub input: crate::domain::petition::proposal::ProposalInput,
    pub state: PetitionState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOutcome {
    Signed,
    AlreadySigned,
    /// A visitor must confirm from the email.
    CheckEmail,
}
