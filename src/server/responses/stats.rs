//! Public accountability: per agency, petitions received, answered on time or late,
//! overdue now, days to answer (median, 90th percentile) and response ratings.
use crate::domain::response::percentile;
use crate::domain::time::{DAY, Timestamp};
use crate::dto::responses::{AgencyPage, AgencyStats};
use crate::error::AppError;
use crate::server::db::consultations::ClosedRow;
use crate::server::db::petition_list::{Filter, Order, Scope};
use crate::server::db::responses::{self, LeadRow};
use crate::server::petitions::queries::summaries;
use crate::server::state::AppState;

/// Figures for one agency from its lead petitions, as of `now`.
pub fn figures(rows: &[&LeadRow], now: Timestamp) -> (i64, i64, i64, i64, Option<f64>, Option<f64>, i64, i64) {
    let (mut on_time, mut late, mut overdue) = (0, 0, 0);
    let mut days = Vec::new();
    let (mut helpful, mut ratings) = (0, 0);
    for r in rows {
        match r.answered_at {
            Some(a) => {
                if a <= r.due_at {
                    on_time += 1
                } else {
                    late += 1
                }
                days.push((a.0 - r.established_at.0) as f64 / DAY as f64);
            }
            None if now >= r.due_at => overdue += 1,
            None => {}
        }
        helpful += r.helpful;
        ratings += r.ratings;
    }
    let round = |d: Option<f64>| d.map(|d| (d * 10.0).round() / 10.0);
    (rows.len() as i64, on_time, late, overdue, round(percentile(&days, 50)), round(percentile(&days, 90)), helpful, ratings - helpful)
}

/// Closed consultations, conclusions on time, late, and overdue now (not yet published, past due).
pub fn conclusion_figures(rows: &[&ClosedRow], now: Timestamp) -> (i64, i64, i64, i64) {
    let (mut on_time, mut late, mut overdue) = (0, 0, 0);
    for r in rows {
        match r.concluded_at {
            Some(c) if c <= r.conclusions_due_at => on_time += 1,
            Some(_) => late += 1,
            None if now >= r.conclusions_due_at => overdue += 1,
            None => {}
        }
    }
    (rows.len() as i64, on_time, late, overdue)
}

pub async fn all(state: &AppState, sort: &str) -> Result<Vec<AgencyStats>, AppError> {
    let db = &state.db.read_pool;
    let rows = responses::lead_rows(db).await?;
    let now = state.now();
    let closed = crate::server::db::consultations::closed_rows(db, now).await?;
    let notices = crate::server::db::regulation_notices::closed_rows(db, now).await?;
    let mut out: Vec<AgencyStats> = responses::agencies_with_jurisdiction(db)
        .await?
        .into_iter()
        .map(|(agency, j_zh, j_en)| {
            let mine: Vec<&LeadRow> = rows.iter().filter(|r| r.agency_id == agency.id).collect();
            let (received, answered_on_time, answered_late, overdue_now, median_days, p90_days, helpful, not_helpful) = figures(&mine, now);
            let theirs: Vec<&ClosedRow> = closed.iter().filter(|c| c.agency_id == agency.id).collect();
            let (consultations_closed, conclusions_on_time, conclusions_late, conclusions_overdue) = conclusion_figures(&theirs, now);
            let notices: Vec<&ClosedRow> = notices.iter().filter(|c| c.agency_id == agency.id).collect();
            let (regulations_closed, regulations_answered_on_time, regulations_answered_late, regulations_overdue) = conclusion_figures(&notices, now);
            AgencyStats {
                agency,
                jurisdiction_zh: j_zh,
                jurisdiction_en: j_en,
                received,
                answered_on_time,
                answered_late,
                overdue_now,
                median_days,
                p90_days,
                helpful,
                not_helpful,
                consultations_closed,
                conclusions_on_time,
                conclusions_late,
                conclusions_overdue,
                regulations_closed,
                regulations_answered_on_time,
                regulations_answered_late,
                regulations_overdue,
            }
        })
        .collect();
    let key = |s: &AgencyStats| -> f64 {
        match sort {
            "overdue" => -(s.overdue_now as f64),
            "on_time" => -(s.answered_on_time as f64),
            "late" => -(s.answered_late as f64),
            "median" => s.median_days.unwrap_or(f64::MAX),
            "helpful" => -(s.helpful as f64 / (s.helpful + s.not_helpful).max(1) as f64),
            _ => -(s.received as f64),
        }
    };
    out.sort_by(|a, b| key(a).total_cmp(&key(b)).then(a.agency.id.cmp(&b.agency.id)));
    Ok(out)
}

pub async fn one(state: &AppState, code: &str) -> Result<AgencyPage, AppError> {
    let stats = all(state, "").await?.into_iter().find(|s| s.agency.code == code).ok_or(AppError::NotFound)?;
    let petitions = summaries(state, &Scope::LedBy(stats.agency.id), &Filter::default(), Order::AnswerDue, 100, 0).await?;
    let (contact, retired, merged_into) = crate::server::db::org::public_status(&state.db.read_pool, stats.agency.id).await?;
    Ok(AgencyPage { stats, contact, retired, merged_into, petitions, now: state.now() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(est: i64, due: i64, answered: Option<i64>) -> LeadRow {
        LeadRow {
            agency_id: 1,
            petition_id: 1,
            established_at: Timestamp(est * DAY),
            due_at: Timestamp(due * DAY),
            answered_at: answered.map(|a| Timestamp(a * DAY)),
            helpful: 1,
            ratings: 2,
        }
    }

    #[test]
    fn on_time_late_and_overdue() {
        let rows = [row(0, 60, Some(30)), row(0, 60, Some(61)), row(0, 60, None), row(50, 110, None)];
        let refs: Vec<&LeadRow> = rows.iter().collect();
        let (received, on_time, late, overdue, median, p90, helpful, not_helpful) = figures(&refs, Timestamp(100 * DAY));
        assert_eq!((received, on_time, late, overdue), (4, 1, 1, 1));
        assert_eq!((median, p90), (Some(30.0), Some(61.0)));
        assert_eq!((helpful, not_helpful), (4, 4));
    }

    #[test]
    fn conclusions_on_time_late_and_overdue() {
        let c = |due: i64, at: Option<i64>| ClosedRow { agency_id: 1, conclusions_due_at: Timestamp(due), concluded_at: at.map(Timestamp) };
        let rows = [c(10, Some(10)), c(10, Some(11)), c(10, None), c(30, None)];
        let refs: Vec<&ClosedRow> = rows.iter().collect();
        assert_eq!(conclusion_figures(&refs, Timestamp(20)), (4, 1, 1, 1));
    }
}
