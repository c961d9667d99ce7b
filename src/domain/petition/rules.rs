use crate::domain::time::DAY;
use serde::{Deserialize, Serialize};

/// A jurisdiction's rules, frozen onto a petition when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub signature_threshold: i64,
    pub signing_days: i64,
    pub response_days: i64,
    pub sponsors_needed: i64,
    /// A second, higher threshold (for example a public hearing), if the jurisdiction has one.
    pub second_tier_threshold: Option<i64>,
    pub max_agencies: i64,
    pub review_working_days: i64,
    pub allow_signature_withdrawal: bool,
}

impl Rules {
    /// Join's national rules: 5,000 co-signatures in 60 days, an answer within 2 months.
    pub const JOIN_NATIONAL: Rules = Rules {
        signature_threshold: 5000,
        signing_days: 60,
        response_days: 60,
        sponsors_needed: 0,
        second_tier_threshold: None,
        max_agencies: 3,
        review_working_days: 7,
        allow_signature_withdrawal: true,
    };

    pub fn signing_window_ms(&self) -> i64 {
        self.signing_days * DAY
    }
    pub fn response_window_ms(&self) -> i64 {
        self.response_days * DAY
    }
}
