//! What administrators see of the organisation.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgJurisdiction {
    pub id: i64,
    pub code: String,
    pub level: String,
    pub name_zh: String,
    pub name_en: String,
    pub retired: bool,
    /// Agencies taking new petitions.
    pub agencies: i64,
    /// How long signers' personal data is kept after a petition ends.
    pub retention_days: i64,
    /// Days its agencies have to publish a consultation's conclusions after it closes.
    pub conclusion_days: i64,
    /// A draft regulation's comment period offered (at least 14 days), and the days its
    /// agencies have to answer the comments after it ends.
    pub regulation_days: i64,
    pub regulation_answer_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgAgency {
    pub id: i64,
    pub code: String,
    pub jurisdiction_id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub contact: String,
    pub retired: bool,
    pub merged_into: Option<i64>,
    pub members: i64,
    /// Petitions it is on, in any state (its history).
    pub petitions: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgTopic {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgView {
    pub jurisdictions: Vec<OrgJurisdiction>,
    pub agencies: Vec<OrgAgency>,
    pub topics: Vec<OrgTopic>,
}
