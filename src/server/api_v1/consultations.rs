//! `/api/v1/consultations`: agencies' consultations (眾開講) with the site's filters, and one
//! consultation with its background, questions, documents and conclusions. Every
//! consultation is public from the moment it is announced, so there is no visibility check.
use super::cache::{Freshness, json};
use super::problem::Problem;
use super::types::*;
use crate::domain::consultation::{Phase, Stage};
use crate::dto::consultations::ConsultationSummary;
use crate::server::db::consultations::{self as db, ConsultationRow};
use crate::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// The phases a list can be filtered by (documented; the handler checks the text).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum PhaseParam {
    Upcoming,
    Open,
    Awaiting,
    Overdue,
    Concluded,
}

#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum StageParam {
    Planning,
    Execution,
    Evaluation,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// upcoming, open, awaiting (closed; conclusions due), overdue or concluded
    #[param(value_type = Option<PhaseParam>, inline)]
    pub phase: Option<String>,
    /// planning, execution or evaluation
    #[param(value_type = Option<StageParam>, inline)]
    pub stage: Option<String>,
    /// An agency code, e.g. `motc`.
    pub agency: Option<String>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// The list's and the page's shared fields.
pub fn item(s: &ConsultationSummary, base_url: &str) -> ConsultationItem {
    ConsultationItem {
        id: s.id,
        url: format!("{base_url}/consultations/{}", s.id),
        title: s.title.clone(),
        agency: Named { id: s.agency.id, code: s.agency.code.clone(), name_zh: s.agency.name_zh.clone(), name_en: s.agency.name_en.clone() },
        stage: s.stage.code().into(),
        phase: s.phase.code().into(),
        opens_at: rfc3339(s.opens_at),
        closes_at: rfc3339(s.closes_at),
        last_day: s.last_day.clone(),
        conclusions_due_at: rfc3339(s.conclusions_due_at),
        concluded_at: opt(s.concluded_at),
        concluded_late: s.concluded_late,
        participants: s.participants,
        statements: s.statements,
    }
}

/// Consultations, the latest opening first, filtered by phase, policy stage and agency.
///
/// An unknown filter value is refused (the site's own list reads it as "any").
#[utoipa::path(get, path = "/api/v1/consultations", params(ListParams), tag = "consultations",
    responses((status = 200, body = ConsultationItems), (status = 400, body = Problem), (status = 429, body = Problem)))]
pub async fn list(State(state): State<AppState>, Query(p): Query<ListParams>, headers: HeaderMap) -> Response {
    // No Last-Modified: counts change with every vote and carry no time; the ETag covers them.
    match items(&state, p).await {
        Ok(v) => json(&headers, &v, None, Freshness::Live),
        Err(problem) => problem.into_response(),
    }
}

async fn items(state: &AppState, p: ListParams) -> Result<ConsultationItems, Problem> {
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Problem::bad_request(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let phase = match p.phase.as_deref() {
        Some(code) => Some(Phase::from_code(code).ok_or_else(|| Problem::bad_request("phase must be upcoming, open, awaiting, overdue or concluded"))?),
        None => None,
    };
    let stage = match p.stage.as_deref() {
        Some(code) => Some(Stage::from_code(code).ok_or_else(|| Problem::bad_request("stage must be planning, execution or evaluation"))?),
        None => None,
    };
    // Any string is a valid agency filter, as the schema says: a code that names no agency
    // lists nothing (as the feeds do), and an empty one filters nothing.
    let agency = p.agency.as_deref().filter(|a| !a.is_empty());
    let now = state.now();
    let rows = db::list(&state.db.read_pool, phase, stage, agency, now, limit).await?;
    let base = &state.config.base_url;
    Ok(ConsultationItems { items: rows.iter().map(|r| item(&crate::server::consultations::summary(r, now), base)).collect() })
}

fn lines(raw: &str) -> Vec<String> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// One consultation: the list's fields, the background and conclusions as the agency wrote
/// them (Markdown), its questions and documents, and where its statements are.
#[utoipa::path(get, path = "/api/v1/consultations/{id}", params(("id" = i64, Path, description = "Consultation id")), tag = "consultations",
    responses((status = 200, body = ConsultationOut), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn one(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    match consultation(&state, id).await {
        Ok(out) => json(&headers, &out, None, Freshness::Live),
        Err(problem) => problem.into_response(),
    }
}

async fn consultation(state: &AppState, id: i64) -> Result<ConsultationOut, Problem> {
    let mut conn = state.db.read_pool.acquire().await?;
    let r: ConsultationRow = db::get(&mut *conn, id).await?.ok_or_else(|| Problem::not_found("consultation"))?;
    let cited = db::citations(&mut *conn, "conclusions", id).await?;
    let base = &state.config.base_url;
    Ok(ConsultationOut {
        item: item(&crate::server::consultations::summary(&r, state.now()), base),
        background: r.background,
        questions: lines(&r.questions),
        documents: lines(&r.documents),
        conclusions: r.conclusions,
        cited_statement_ids: cited,
        links: ConsultationLinks {
            deliberation: format!("{base}/consultations/{id}/deliberation"),
            statements: format!("{base}/api/v1/consultations/{id}/statements"),
            votes_csv: format!("{base}/api/v1/consultations/{id}/votes.csv"),
        },
    })
}
