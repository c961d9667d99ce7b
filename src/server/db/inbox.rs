//! The agency workspace's inbox: the (petition, agency) pairs awaiting, drafting or given an
//! answer, for the agencies a person serves or, for an administrator, for all.
use super::responses::IS_LEAD;
use super::states;
use crate::domain::petition::PetitionState as S;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

/// The inbox's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Established, due in the future, nothing drafted yet.
    Awaiting,
    Drafting,
    Answered,
    Overdue,
    All,
}

impl Tab {
    pub fn from_code(code: &str) -> Self {
        match code {
            "awaiting" => Self::Awaiting,
            "drafting" => Self::Drafting,
            "answered" => Self::Answered,
            "overdue" => Self::Overdue,
            _ => Self::All,
        }
    }
}

/// Whose agencies: one person's memberships, or every agency.
#[derive(Debug, Clone, Copy)]
pub enum For {
    Member(i64),
    Everyone,
}

pub struct InboxRow {
    pub petition_id: i64,
    pub agency_id: i64,
    pub is_lead: bool,
    pub has_draft: bool,
    pub answered_at: Option<Timestamp>,
}

pub async fn rows<'e, E: Executor<'e, Database = Any>>(ex: E, who: For, tab: Tab, now: Timestamp) -> Result<Vec<InboxRow>, sqlx::Error> {
    let (established, answered) = (states::one(S::Established), states::one(S::Answered));
    let drafted = "EXISTS (SELECT 1 FROM response_drafts d WHERE d.petition_id = p.id AND d.agency_id = pa.agency_id)";
    let state_clause = match tab {
        Tab::Awaiting => format!("p.state = {established} AND p.response_due_at > $1 AND NOT {drafted}"),
        Tab::Drafting => format!("p.state = {established} AND {drafted}"),
        Tab::Answered => format!("p.state = {answered}"),
        Tab::Overdue => format!("p.state = {established} AND p.response_due_at <= $1"),
        Tab::All => format!("p.state IN {}", states::list(S::OWED_ANSWER)),
    };
    let scope = match who {
        For::Everyone => "$2 = $2",
        For::Member(_) => "pa.agency_id IN (SELECT agency_id FROM agency_members WHERE user_id = $2)",
    };
    let sql = format!(
        "SELECT pa.petition_id, pa.agency_id, CASE WHEN {IS_LEAD} THEN 1 ELSE 0 END AS is_lead,
                (SELECT COUNT(*) FROM response_drafts d WHERE d.petition_id = p.id AND d.agency_id = pa.agency_id) AS drafts, p.answered_at
         FROM petition_agencies pa JOIN petitions p ON p.id = pa.petition_id
         WHERE {scope} AND {state_clause} AND $1 = $1 ORDER BY p.response_due_at, p.id"
    );
    let user = match who {
        For::Member(id) => id,
        For::Everyone => 0,
    };
    sqlx::query(&sql)
        .bind(now.0)
        .bind(user)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| {
            Ok(InboxRow {
                petition_id: r.try_get("petition_id")?,
                agency_id: r.try_get("agency_id")?,
                is_lead: r.try_get::<i64, _>("is_lead")? == 1,
                has_draft: r.try_get::<i64, _>("drafts")? > 0,
                answered_at: r.try_get::<Option<i64>, _>("answered_at")?.map(Timestamp),
            })
        })
        .collect()
}
