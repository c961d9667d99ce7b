//! What the fraud review page receives: groups and counts, never who signed.
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One group of a petition's counted signatures (an address block, a mail domain or a
/// user agent), with how many of them were over a rate limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    pub count: i64,
    pub flagged: i64,
    /// At least a fifth of the petition's signatures and `CLUSTER_MIN`.
    pub cluster: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minute {
    pub at: Timestamp,
    pub count: i64,
    pub burst: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvalidationView {
    pub id: i64,
    pub reason: String,
    pub explanation: String,
    pub count: i64,
    pub at: Timestamp,
    pub restored_at: Option<Timestamp>,
}

/// What a bulk invalidation would take, as the moderator filled the form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelectionForm {
    pub block: String,
    pub domain: String,
    pub user_agent: String,
    /// "YYYY-MM-DDTHH:MM" in Taiwan time, as a datetime-local field sends it.
    pub from: String,
    pub until: String,
    pub flagged_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FraudView {
    pub petition_id: i64,
    pub title: String,
    pub signature_count: i64,
    pub threshold: i64,
    pub flagged: i64,
    pub invalidated: i64,
    /// Counted signatures per minute over the last hour with any.
    pub minutes: Vec<Minute>,
    /// The petition's usual signatures per minute before that hour.
    pub usual_per_minute: f64,
    pub blocks: Vec<Group>,
    pub domains: Vec<Group>,
    pub agents: Vec<Group>,
    pub invalidations: Vec<InvalidationView>,
    /// The selection in the form and how many signatures it takes now (when asked).
    pub selection: SelectionForm,
    pub preview: Option<i64>,
    /// What is wrong with the selection asked for, next to each field.
    pub selection_errors: Option<crate::domain::validation::FieldErrors>,
}

/// A petition with something a moderator should look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FraudAlert {
    pub petition_id: i64,
    pub title: String,
    pub detail: String,
    pub at: Timestamp,
}
