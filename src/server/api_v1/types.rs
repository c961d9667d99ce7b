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
    pub consultations: ConsultationFigures,
    pub regulations: RegulationFigures,
}

/// An agency's consultations that have closed, and their conclusions: published by the due
/// date, after it, or past due and not published now.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationFigures {
    pub closed: i64,
    pub concluded_on_time: i64,
    pub concluded_late: i64,
    pub overdue_now: i64,
}

/// An agency's draft regulations whose comment period is over: every comment answered (with
/// the overall statement) by the due date, after it, or past due and unanswered now.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationFigures {
    pub closed: i64,
    pub answered_on_time: i64,
    pub answered_late: i64,
    pub overdue_now: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LogEntryOut {
    pub id: i64,
    pub at: String,
    /// dismiss, hide, restore, lock, unlock, suspend, lift_suspension, appeal_upheld, appeal_rejected
    pub kind: String,
    /// comment, petition, statement, regulation_comment or user
    pub target_kind: String,
    pub petition_id: Option<i64>,
    /// The public page the decision concerns, as a path on this site (a petition, consultation
    /// or draft regulation); none for an account.
    pub page: Option<String>,
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
    /// Entries in the signature transparency log at its newest checkpoint.
    pub log_tree_size: i64,
    /// That checkpoint, a C2SP signed note (see `/log`); absent before the first.
    pub log_checkpoint: Option<String>,
    pub generated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StateCount {
    pub state: String,
    pub count: i64,
}

/// A consultation as listed: an agency asking the public about a policy for a set period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationItem {
    pub id: i64,
    /// The site's page for people.
    pub url: String,
    pub title: String,
    pub agency: Named,
    /// planning, execution or evaluation
    pub stage: String,
    /// upcoming, open, awaiting (closed; conclusions due), overdue or concluded
    pub phase: String,
    pub opens_at: String,
    /// Exclusive: the first moment it no longer takes part.
    pub closes_at: String,
    /// The last day people can take part, `YYYY-MM-DD` (Taiwan time).
    pub last_day: String,
    pub conclusions_due_at: String,
    pub concluded_at: Option<String>,
    /// Conclusions published after their due date.
    pub concluded_late: bool,
    /// People who voted on a statement, and shown statements.
    pub participants: i64,
    pub statements: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationItems {
    /// The latest opening first.
    pub items: Vec<ConsultationItem>,
}

/// Where to read a consultation's conversation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationLinks {
    /// Its deliberation page for people.
    pub deliberation: String,
    /// Statements with their counts and the opinion map's groups (JSON).
    pub statements: String,
    /// The de-identified participant × statement vote matrix (CSV).
    pub votes_csv: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationOut {
    #[serde(flatten)]
    pub item: ConsultationItem,
    /// Markdown source, as the agency wrote it.
    pub background: String,
    pub questions: Vec<String>,
    /// Links to the agency's documents.
    pub documents: Vec<String>,
    /// Markdown source; null until published.
    pub conclusions: Option<String>,
    /// Statements the conclusions cite.
    pub cited_statement_ids: Vec<i64>,
    pub links: ConsultationLinks,
}

/// A shown statement with its votes.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementOut {
    pub id: i64,
    pub body: String,
    /// Written by the proposer, the agency or a moderator to start the conversation.
    pub seed: bool,
    pub created_at: String,
    pub agree: i64,
    pub disagree: i64,
    pub pass: i64,
    /// Group-informed consensus (0 to 1) when the last computed map lists it as a
    /// consensus statement; null otherwise.
    pub consensus: Option<f64>,
}

/// A statement that sets a group apart: how the group voted on it against everyone else.
#[derive(Debug, Serialize, ToSchema)]
pub struct RepresentativeOut {
    pub statement_id: i64,
    /// True when the group agrees more than the rest; false when it disagrees more.
    pub agrees: bool,
    /// The group's share agreeing (or disagreeing), and everyone else's.
    pub group_share: f64,
    pub rest_share: f64,
}

/// An opinion group of the last computed map.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    /// 0-based; `label` is how the site names it (A, B, C…).
    pub id: i64,
    pub label: String,
    pub size: i64,
    pub representative: Vec<RepresentativeOut>,
}

/// A petition's or consultation's conversation: figures, shown statements and the last
/// computed opinion map (who is where is never published).
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementsOut {
    /// People who voted on a shown statement, their votes, and shown statements.
    pub participants: i64,
    pub votes: i64,
    pub statements: i64,
    /// Participants placed on the last computed map (0 before there is one).
    pub in_map: i64,
    /// When the map's votes were read; null before there is a map.
    pub computed_at: Option<String>,
    /// Oldest first.
    pub items: Vec<StatementOut>,
    pub groups: Vec<GroupOut>,
    /// Statement ids the map lists as consensus, and as divisive.
    pub consensus: Vec<i64>,
    pub divisive: Vec<i64>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(super::rfc3339(crate::domain::time::Timestamp(1_795_629_000_123)), "2026-11-25T17:50:00.123Z");
    }
}

/// A draft regulation's notice (法規預告) as listed: an agency's draft published for comment
/// for a set period, which it must then answer comment by comment.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationItem {
    pub id: i64,
    /// The site's page for people.
    pub url: String,
    pub title: String,
    pub agency: Named,
    /// The notice's topic, if it has one.
    pub category: Option<Named>,
    /// open, awaiting (the period is over; answers due), overdue, answered or issued
    pub phase: String,
    pub published_at: String,
    /// Exclusive: the first moment comments are refused.
    pub closes_at: String,
    /// The last day comments are taken, `YYYY-MM-DD` (Taiwan time).
    pub last_day: String,
    pub answers_due_at: String,
    /// When the overall statement completed the answers; null until then.
    pub answered_at: Option<String>,
    /// Answers completed after their due date.
    pub answered_late: bool,
    /// When the final text was issued; null until then.
    pub issued_at: Option<String>,
    /// Comments shown (moderators' hidden ones left out), those with the agency's answer,
    /// and the published versions of the text.
    pub comment_count: i64,
    pub answered_count: i64,
    pub version_count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationItems {
    /// The latest published first.
    pub items: Vec<RegulationItem>,
}

/// A version of a notice's text.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationVersionOut {
    /// 1 for the text first published.
    pub number: i64,
    pub published_at: String,
    /// What changed, as the agency put it; empty for the first version.
    pub note: String,
    /// Markdown source: what comes before the articles (often the draft's title).
    pub preamble: String,
}

/// An article of one version, with its comparison-table row where the agency gave one.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationArticleOut {
    /// The version's number.
    pub version: i64,
    /// The article's number as a key, e.g. `3` or `3-1` (第三條之一); comments name it.
    pub number: String,
    /// As written, e.g. `第三條之一`.
    pub heading: String,
    /// Markdown source.
    pub body: String,
    /// The text in force (現行條文); null for a new article or without a comparison table.
    pub current_text: Option<String>,
    /// The agency's explanation (說明); null when it gave none.
    pub explanation: Option<String>,
}

/// Where a notice's comments are.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationLinks {
    /// Every comment with its answer (CSV).
    pub comments_csv: String,
    /// The same as JSON Lines.
    pub comments_jsonl: String,
    /// The comments and answers grouped by article, with the figures.
    pub summary: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationOut {
    #[serde(flatten)]
    pub item: RegulationItem,
    pub legal_basis: String,
    /// Markdown source, as the agency wrote it.
    pub purpose: String,
    /// Who to ask at the agency.
    pub contact: String,
    /// The agency's overall statement on the comments (Markdown source); null until published.
    pub overall: Option<String>,
    /// Oldest first.
    pub versions: Vec<RegulationVersionOut>,
    /// Every version's articles: by version, then in the text's order.
    pub articles: Vec<RegulationArticleOut>,
    pub links: RegulationLinks,
}
