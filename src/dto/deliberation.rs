//! Deliberation: the statements a person votes on and the opinion map the server computed.
use serde::{Deserialize, Serialize};

/// What a conversation is about: a petition or a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Petition(i64),
    Consultation(i64),
}

impl Subject {
    /// The `conversations.kind` (and the form field) naming it.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Petition(_) => "petition",
            Self::Consultation(_) => "consultation",
        }
    }
    pub fn id(self) -> i64 {
        match self {
            Self::Petition(id) | Self::Consultation(id) => id,
        }
    }
    pub fn from_parts(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "petition" => Some(Self::Petition(id)),
            "consultation" => Some(Self::Consultation(id)),
            _ => None,
        }
    }
    /// Its own page, and its deliberation page.
    pub fn page(self) -> String {
        match self {
            Self::Petition(id) => format!("/petitions/{id}"),
            Self::Consultation(id) => format!("/consultations/{id}"),
        }
    }
    pub fn deliberation(self) -> String {
        format!("{}/deliberation", self.page())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementView {
    pub id: i64,
    pub body: String,
    pub agree: i64,
    pub disagree: i64,
    pub pass: i64,
    /// Written by the proposer, the agency or a moderator to start the conversation.
    pub seed: bool,
}

/// A statement with a figure from the map (a share or a score between 0 and 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredStatement {
    pub id: i64,
    pub body: String,
    pub score: f64,
    /// Shares of everyone in the map who voted on it.
    pub agree_share: f64,
    pub disagree_share: f64,
    pub votes: i64,
}

/// A statement that sets a group apart: how the group voted on it against everyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Representative {
    pub id: i64,
    pub body: String,
    /// True when the group agrees more than the rest; false when it disagrees more.
    pub agrees: bool,
    /// The group's share agreeing (or disagreeing), and everyone else's.
    pub group_share: f64,
    pub rest_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupView {
    /// Shown as a letter: A, B, C…
    pub id: usize,
    pub size: i64,
    pub centroid: (f64, f64),
    /// The convex hull of its members' points, in map coordinates.
    pub hull: Vec<(f64, f64)>,
    pub representative: Vec<Representative>,
}

/// A participant's place on the map (no identity: who is where is never sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub x: f64,
    pub y: f64,
    pub group: Option<usize>,
}

/// The map as computed by the job; stored as JSON with the conversation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MapView {
    /// When the votes it was computed from were read (RFC 3339, Taiwan time shown by the page).
    pub computed_at: i64,
    pub participants: i64,
    pub votes: i64,
    pub statements: i64,
    /// Participants with enough votes to be placed and grouped.
    pub in_map: i64,
    pub points: Vec<MapPoint>,
    pub groups: Vec<GroupView>,
    pub consensus: Vec<ScoredStatement>,
    pub divisive: Vec<ScoredStatement>,
    /// Votes a person needs before they appear on the map.
    pub min_votes: i64,
}

/// What the deliberation page of a petition or consultation shows this viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliberationPage {
    pub subject: Subject,
    pub title: String,
    /// Statements and votes are taken now.
    pub open: bool,
    pub signed_in: bool,
    /// Why this person cannot take part (a suspension), when they cannot.
    pub blocked: Option<crate::error::AppError>,
    /// A moderator approves each statement before it is shown.
    pub strict: bool,
    pub may_moderate: bool,
    /// The statement to vote on next (None: none left, or not signed in).
    pub next: Option<StatementView>,
    pub voted: i64,
    pub remaining: i64,
    /// Every shown statement with its counts (the list below the map).
    pub statements: Vec<StatementView>,
    /// Which of them the viewer wrote (no report link on one's own).
    pub mine: Vec<i64>,
    /// The viewer's own statements still waiting for a moderator (strict mode).
    pub my_pending: Vec<String>,
    /// Waiting for a moderator (shown to moderators only).
    pub pending: Vec<StatementView>,
    pub map: Option<MapView>,
    /// The viewer's own place, if they are on the map.
    pub you: Option<(f64, f64)>,
    pub your_group: Option<usize>,
}
