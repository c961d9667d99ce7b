//! Consultations (眾開講): agencies ask the public about a planned policy for a set period,
//! people write and vote on statements (the deliberation module, kind "consultation"), and
//! the agency publishes conclusions by a deadline its jurisdiction sets.
pub mod conclude;
pub mod notices;
pub mod open;

use crate::domain::consultation::{Phase, Stage};
use crate::dto::consultations::{ConsultationList, ConsultationPage, ConsultationSummary};
use crate::dto::deliberation::StatementView;
use crate::error::AppError;
use crate::server::auth::guard;
use crate::server::auth::session::SessionUser;
use crate::server::db::consultations::{self as db, ConsultationRow};
use crate::server::db::deliberation as conversations;
use crate::server::deliberation::view;
use crate::server::state::AppState;

/// Conversations of consultations are keyed by this kind.
pub const CONSULTATION: &str = "consultation";
/// The most a list shows (filters narrow it).
const LIST_MAX: i64 = 200;

pub(crate) fn summary(r: &ConsultationRow, now: crate::domain::time::Timestamp) -> ConsultationSummary {
    let d = r.dates();
    ConsultationSummary {
        id: r.id,
        agency: r.agency.clone(),
        title: r.title.clone(),
        stage: Stage::from_code(&r.stage).unwrap_or(Stage::Planning),
        phase: d.phase(now),
        opens_at: r.opens_at,
        closes_at: r.closes_at,
        last_day: d.last_day(),
        conclusions_due_at: r.conclusions_due_at,
        concluded_at: r.concluded_at,
        concluded_late: d.concluded_late(),
        participants: r.participants,
        statements: r.statements,
    }
}

/// The list with its filters; an unknown filter value means "any".
pub async fn list(state: &AppState, me: Option<&SessionUser>, phase: &str, stage: &str, agency: &str) -> Result<ConsultationList, AppError> {
    let now = state.now();
    let db = &state.db.read_pool;
    let phase = Phase::from_code(phase.trim());
    let stage = Stage::from_code(stage.trim());
    let agencies = db::agencies(db).await?;
    let agency = agencies.iter().find(|a| a.code == agency.trim()).map(|a| a.code.clone());
    let rows = db::list(db, phase, stage, agency.as_deref(), now, LIST_MAX).await?;
    let may_open = match me {
        Some(me) => !guard::agencies_served(db, me).await?.is_empty(),
        None => false,
    };
    Ok(ConsultationList {
        items: rows.iter().map(|r| summary(r, now)).collect(),
        phase: phase.map(|p| p.code().to_string()).unwrap_or_default(),
        stage: stage.map(|s| s.code().to_string()).unwrap_or_default(),
        agency: agency.unwrap_or_default(),
        agencies,
        may_open,
    })
}

/// A consultation's page for this viewer.
pub async fn page(state: &AppState, me: Option<&SessionUser>, id: i64) -> Result<ConsultationPage, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let r = db::get(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
    let s = summary(&r, now);
    let may_conclude = match me {
        Some(me) => matches!(s.phase, Phase::AwaitingConclusions | Phase::Overdue) && guard::serves(&mut *conn, me, r.agency.id).await?,
        None => false,
    };
    let conversation = conversations::find(&mut *conn, CONSULTATION, id).await?;
    let shown = match &conversation {
        Some(c) => conversations::statements(&mut *conn, c.id, "shown").await?,
        None => Vec::new(),
    };
    let cited_ids = db::citations(&mut *conn, "conclusions", id).await?;
    let cited = shown.iter().filter(|st| cited_ids.contains(&st.id)).map(view).collect();
    let mut citable: Vec<StatementView> = if may_conclude { shown.iter().map(view).collect() } else { Vec::new() };
    // Most agreed first: what the agency heard most clearly leads.
    citable.sort_by_key(|st| (-(st.agree - st.disagree), st.id));
    let groups = conversation
        .as_ref()
        .and_then(|c| c.map_json.as_deref())
        .and_then(crate::server::deliberation::map::Stored::parse)
        .map_or(0, |m| m.view.groups.len() as i64);
    Ok(ConsultationPage {
        background_html: crate::server::markdown::render_in_section(&r.background, 3),
        questions: r.questions.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(),
        documents: r.documents.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(),
        conclusions_html: r.conclusions.as_deref().map(|c| crate::server::markdown::render_in_section(c, 3)),
        cited,
        may_conclude,
        citable,
        votes: r.votes,
        groups,
        summary: s,
        now,
    })
}
