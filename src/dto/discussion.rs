//! What the discussion and moderation pages receive.
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use serde::{Deserialize, Serialize};

/// What a comment shows in its place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CommentBody {
    /// Markdown rendered and sanitised on the server.
    Html(String),
    Deleted,
    /// Enough reports: hidden until a moderator reviews it.
    Held,
    /// Hidden by a moderator, with the coded reason.
    Hidden(String),
    AuthorSuspended,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Badge {
    None,
    Proposer,
    Agency(AgencyView),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub depth: i64,
    pub author: String,
    pub badge: Badge,
    pub body: CommentBody,
    /// The source text, for the author while they may still edit it.
    pub source: Option<String>,
    pub created_at: Timestamp,
    pub edited: bool,
    pub up: i64,
    pub down: i64,
    /// The viewer's vote: 1, -1 or 0.
    pub my_vote: i64,
    pub mine: bool,
    pub can_reply: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ThreadState {
    Open,
    Locked,
    /// The petition's state (or the consultation's dates) take no comments now.
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    /// The petition or consultation discussed.
    pub subject: crate::dto::deliberation::Subject,
    /// Depth-first: each top-level comment followed by its replies.
    pub comments: Vec<CommentView>,
    pub sort: String,
    pub page: i64,
    pub pages: i64,
    pub total_top: i64,
    /// Comments and replies.
    pub total: i64,
    pub viewer_is_proposer: bool,
    pub state: ThreadState,
    pub logged_in: bool,
    pub suspended_until: Option<Timestamp>,
    /// Agencies the viewer may speak for.
    pub agencies: Vec<AgencyView>,
    pub is_moderator: bool,
    /// The petition text after reports: visible, held or hidden (with the coded reason).
    pub content_status: String,
    pub content_reason: Option<String>,
}

/// One reported (or looked-up) item in the moderators' queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    /// "comment:12", "petition:3", "statement:5", "regulation_comment:4"
    pub target: String,
    pub petition_id: i64,
    /// The page the item is shown on.
    pub href: String,
    pub petition_title: String,
    pub author: String,
    /// The content itself (moderators only).
    pub content: String,
    /// visible, held or hidden
    pub status: String,
    pub locked: bool,
    pub reports: i64,
    pub first_report_at: Option<Timestamp>,
    /// (reason code, text) of each open report.
    pub reasons: Vec<(String, String)>,
    pub own: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealItem {
    pub id: i64,
    pub action: LogEntry,
    pub text: String,
    pub created_at: Timestamp,
    /// The viewer took the decision appealed (or filed the appeal): another must decide.
    pub own: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuspendedUser {
    pub user_id: i64,
    pub name: String,
    pub until: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModQueue {
    pub items: Vec<QueueItem>,
    pub appeals: Vec<AppealItem>,
    pub suspended: Vec<SuspendedUser>,
    pub is_admin: bool,
}

/// One line of the public moderation log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: i64,
    pub at: Timestamp,
    pub kind: String,
    /// comment, petition, statement, regulation_comment or user
    pub target_kind: String,
    pub petition_id: Option<i64>,
    /// The petition's title, or the consultation's.
    pub petition_title: Option<String>,
    /// Set for a comment or statement on a consultation.
    pub consultation_id: Option<i64>,
    /// Set for a comment on a draft regulation: the notice it is on.
    pub regulation_id: Option<i64>,
    pub reason: String,
    pub explanation: String,
    /// Only where the content is not itself the problem.
    pub excerpt: Option<String>,
    pub suspended_until: Option<Timestamp>,
    pub appeal_of: Option<i64>,
    /// Admins only.
    pub moderator: Option<String>,
}

impl LogEntry {
    /// A review decision (approve or reject), logged beside moderation actions.
    pub fn is_review(&self) -> bool {
        matches!(self.kind.as_str(), "approve_petition" | "reject_petition")
    }

    /// The public page the decision concerns, as a path on this site: the petition (its
    /// discussion or opinion map), the consultation, or the draft regulation; none for an account.
    pub fn page(&self) -> Option<String> {
        let statement = self.target_kind == "statement";
        match (self.petition_id.filter(|_| self.target_kind != "user"), self.consultation_id, self.regulation_id) {
            (Some(p), _, _) if self.is_review() => Some(format!("/petitions/{p}")),
            (Some(p), _, _) if statement => Some(format!("/petitions/{p}/deliberation")),
            (Some(p), _, _) => Some(format!("/petitions/{p}#discussion")),
            (None, Some(c), _) if statement => Some(format!("/consultations/{c}/deliberation")),
            (None, Some(c), _) => Some(format!("/consultations/{c}#discussion")),
            (None, None, Some(r)) => Some(format!("/regulations/{r}")),
            (None, None, None) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub month: String,
    pub reports: i64,
    /// (kind code, count) for every kind.
    pub actions: Vec<(String, i64)>,
    pub median_hours_to_act: Option<f64>,
    pub appeals_upheld: i64,
    pub appeals_decided: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModLog {
    pub entries: Vec<LogEntry>,
    pub page: i64,
    pub pages: i64,
    pub months: Vec<MonthFigures>,
    pub is_admin: bool,
}

/// A decision as its subject sees it, with the appeal (if any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub action: LogEntry,
    pub appealable: bool,
    pub appeal: Option<AppealView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealView {
    pub text: String,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub upheld: Option<bool>,
}

/// A comment's votes after the viewer voted: what the voting buttons show.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VoteTally {
    pub up: i64,
    pub down: i64,
    /// The viewer's vote: 1, -1 or 0.
    pub mine: i64,
}
