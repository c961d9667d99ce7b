//! The API's documented shapes. Field names are stable; timestamps are RFC 3339 UTC
//! strings; text that exists in both languages carries `_zh` and `_en`. Nothing here
//! names a signer or holds account data.
use crate::domain::time::Timestamp;
use serde::Serialize;
use utoipa::ToSchema;

/// RFC 3339 in UTC, e.g. `2026-11-24T14:30:00.000Z`.
pub fn rfc3339(t: Timestamp) -> String {
    let (y, m, d, hh, mm) = t.civil_utc();
    let ss = t.0.div_euclid(1000).rem_euclid(60);
    let ms = t.0.rem_euclid(1000);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{ms:03}Z")
}

pub fn opt(t: Option<Timestamp>) -> Option<String> {
    t.map(rfc3339)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Named {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A petition as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionItem {
    pub id: i64,
    pub title: String,
    /// open, established, answered, closed or rejected
    pub state: String,
    pub jurisdiction_zh: String,
    pub jurisdiction_en: String,
    pub signature_count: i64,
    pub signature_threshold: i64,
    pub opened_at: Option<String>,
    pub closes_at: Option<String>,
    pub established_at: Option<String>,
    pub response_due_at: Option<String>,
    /// The site's page for people.
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionPage {
    pub items: Vec<PetitionItem>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The jurisdiction's rules, as frozen on the petition when signing opened.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesOut {
    pub signature_threshold: i64,
    pub signing_days: i64,
    pub response_days: i64,
    pub second_tier_threshold: Option<i64>,
    pub allow_signature_withdrawal: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CountyCount {
    /// Ministry of the Interior code, e.g. `63000` for Taipei City.
    pub county: String,
    pub name_zh: String,
    pub name_en: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineOut {
    pub at: String,
    /// A stable event code, e.g. `open`, `established`, `answered`, `lead_transferred`.
    pub kind: String,
    pub detail: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PointOut {
    pub text: String,
    /// accepted, partly or not_accepted
    pub position: String,
    pub reason: String,
}

/// One published version of an agency's response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseOut {
    pub agency: Named,
    /// The lead agency's text is the formal response; others are sections.
    pub is_lead: bool,
    pub version: i64,
    pub summary: String,
    /// The Markdown details rendered and sanitised (as shown on the site).
    pub details_html: String,
    pub points: Vec<PointOut>,
    pub links: Vec<String>,
    pub published_at: String,
    pub first_published_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Ratings {
    pub helpful: i64,
    pub not_helpful: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionOut {
    #[serde(flatten)]
    pub item: PetitionItem,
    pub problem: String,
    pub action: String,
    pub benefits: String,
    pub evidence: Vec<String>,
    pub category: Option<Named>,
    /// Lead agency first.
    pub agencies: Vec<Named>,
    pub rules: RulesOut,
    pub counties: Vec<CountyCount>,
    pub timeline: Vec<TimelineOut>,
    /// Current versions, lead first; every version is in `response_versions`.
    pub responses: Vec<ResponseOut>,
    pub response_versions: Vec<ResponseOut>,
    pub ratings: Ratings,
    pub extension_days: Option<i64>,
    pub extension_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JurisdictionOut {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub rules: RulesOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyOut {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub received: i64,
    pub answered_on_time: i64,
    pub answered_late: i64,
    pub overdue_now: i64,
    pub median_days_to_answer: Option<f64>,
    pub p90_days_to_answer: Option<f64>,
    pub ratings: Ratings,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LogEntryOut {
    pub id: i64,
    pub at: String,
    /// dismiss, hide, restore, lock, unlock, suspend, lift_suspension, appeal_upheld, appeal_rejected
    pub kind: String,
    /// comment, petition or user
    pub target_kind: String,
    pub petition_id: Option<i64>,
    /// spam, offensive, personal_data, off_topic or other
    pub reason: String,
    pub explanation: String,
    pub excerpt: Option<String>,
    pub suspended_until: Option<String>,
    pub appeal_of: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LogPage {
    pub items: Vec<LogEntryOut>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Stats {
    /// Public petitions by state.
    pub petitions_by_state: Vec<StateCount>,
    pub signatures: i64,
    pub responses_published: i64,
    pub comments: i64,
    pub generated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StateCount {
    pub state: String,
    pub count: i64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(super::rfc3339(crate::domain::time::Timestamp(1_795_629_000_123)), "2026-11-25T17:50:00.123Z");
    }
}
