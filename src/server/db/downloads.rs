//! The bulk downloads' keyset pages (`$1` the last id sent, `$2` the page size). Rows go
//! out as they are read; the caller picks the columns.
use super::states;
use crate::domain::petition::PetitionState as S;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Petitions,
    Responses,
}

/// State and closing time as every page shows them: a lapsed window reads closed before
/// the close job runs, and a signing pause shifts running windows ($3, $4, $5).
static PETITIONS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT p.id, p.title,
          CASE WHEN p.state = {open} AND (CASE WHEN p.closes_at > $3 THEN p.closes_at + $4 ELSE p.closes_at END) <= $5 THEN {closed} ELSE p.state END AS state,
          j.code AS jurisdiction, j.name_zh AS jurisdiction_zh, j.name_en AS jurisdiction_en, c.code AS category,
          (SELECT a.code FROM petition_agencies pa JOIN agencies a ON a.id = pa.agency_id WHERE pa.petition_id = p.id ORDER BY pa.position LIMIT 1) AS lead_agency,
          p.signature_count, p.signature_threshold, p.opened_at,
          CASE WHEN p.closes_at > $3 THEN p.closes_at + $4 ELSE p.closes_at END AS closes_at, p.established_at, p.response_due_at, p.answered_at, p.closed_at
          FROM petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id JOIN categories c ON c.id = p.category_id
          WHERE p.id > $1 AND p.state IN {public} ORDER BY p.id LIMIT $2",
        open = states::one(S::Open),
        closed = states::one(S::Closed),
        public = states::list(S::PUBLIC),
    )
});

const RESPONSES: &str =
    "SELECT rv.id, rv.petition_id, a.code AS agency, a.name_zh AS agency_zh, a.name_en AS agency_en, rv.is_lead, rv.version, rv.summary, rv.details,
      rv.points, rv.links, rv.published_at
      FROM response_versions rv JOIN agencies a ON a.id = rv.agency_id WHERE rv.id > $1 ORDER BY rv.id LIMIT $2";

/// The window clock of a signing pause: (paused since, shifted by, now), as `PauseShift::sql_binds` and the clock give them.
pub type WindowClock = (i64, i64, i64);

/// The next page after id `after`. Petitions need the window clock.
pub async fn page<'e, E: Executor<'e, Database = Any>>(ex: E, d: Dataset, after: i64, limit: i64, clock: WindowClock) -> Result<Vec<AnyRow>, sqlx::Error> {
    match d {
        Dataset::Petitions => sqlx::query(&PETITIONS).bind(after).bind(limit).bind(clock.0).bind(clock.1).bind(clock.2).fetch_all(ex).await,
        Dataset::Responses => sqlx::query(RESPONSES).bind(after).bind(limit).fetch_all(ex).await,
    }
}
