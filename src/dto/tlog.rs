//! What the public `/log` page receives about the signature transparency log.
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogOverview {
    /// The log's name, `host/log`: the first line of every checkpoint and the key's name.
    pub origin: String,
    pub tree_size: u64,
    /// The newest signed checkpoint, verbatim; `None` before the first.
    pub checkpoint: Option<String>,
    /// Every verifier key the log has used, oldest first (the last one signs now).
    pub keys: Vec<LogKeyRow>,
    pub petitions: Vec<LogCountRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogKeyRow {
    /// `name+keyid+key`, as served at `/log/key`.
    pub vkey: String,
    /// The tree size when the key took over: it signs checkpoints from there on.
    pub from_size: u64,
    pub created_at: Timestamp,
}

/// A petition's count in the log beside the count the site shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogCountRow {
    pub id: i64,
    pub title: String,
    pub log_count: i64,
    pub shown_count: i64,
}

impl LogCountRow {
    pub fn differs(&self) -> bool {
        self.log_count != self.shown_count
    }
}

/// A visitor's signature as their confirmation link sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorSignature {
    pub petition_id: i64,
    pub confirmed: bool,
    /// A checkpoint covers it: the receipt can be downloaded.
    pub receipt_ready: bool,
}
