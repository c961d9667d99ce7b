//! `GET /api/v1/regulations/{id}/summary`: the printable summary (意見彙整表) for programs — the
//! figures by stance and outcome, then every article's comments (across versions, the whole
//! draft first) with the agency's answers. The same content as `/regulations/{id}/summary`.
use super::cache::{self, Freshness};
use super::problem::Problem;
use super::types::rfc3339;
use crate::dto::regulation_report::{OutcomeCounts, ReportRow, StanceCounts};
use crate::error::AppError;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Comments by the position their authors took.
#[derive(Debug, Serialize, ToSchema)]
pub struct StanceFigures {
    pub support: i64,
    pub oppose: i64,
    pub amend: i64,
    pub no_position: i64,
}

/// Comments by how the agency took them.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeFigures {
    pub adopted: i64,
    pub partly_adopted: i64,
    pub not_adopted: i64,
    pub noted: i64,
    pub unanswered: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryAnswer {
    /// adopted, partly_adopted, not_adopted or noted
    pub outcome: String,
    pub reason: String,
    pub answered_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryComment {
    /// Numbered 1, 2, … in the order of the summary.
    pub no: i64,
    pub comment_id: i64,
    /// The version it was made on.
    pub version: i64,
    /// The organisation's name when made in it.
    pub author: String,
    pub organisation: Option<String>,
    /// support, oppose, amend, or null
    pub stance: Option<String>,
    /// Null when withheld (held by reports or hidden by moderators).
    pub comment: Option<String>,
    pub proposed_wording: Option<String>,
    pub created_at: String,
    pub withheld: bool,
    pub answer: Option<SummaryAnswer>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummarySection {
    /// The article's number ("3", "3-1"); null for the whole draft.
    pub article: Option<String>,
    pub heading: String,
    pub stances: StanceFigures,
    pub comments: Vec<SummaryComment>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationSummaryOut {
    pub id: i64,
    pub title: String,
    /// The printable page.
    pub url: String,
    /// Comments counted (hidden ones are listed but not counted), and those answered.
    pub comments: i64,
    pub answered: i64,
    pub hidden: i64,
    pub stances: StanceFigures,
    pub outcomes: OutcomeFigures,
    pub sections: Vec<SummarySection>,
}

fn stances(s: &StanceCounts) -> StanceFigures {
    StanceFigures { support: s.support, oppose: s.oppose, amend: s.amend, no_position: s.none }
}

fn outcomes(o: &OutcomeCounts) -> OutcomeFigures {
    OutcomeFigures { adopted: o.adopted, partly_adopted: o.partly_adopted, not_adopted: o.not_adopted, noted: o.noted, unanswered: o.unanswered }
}

fn comment(r: &ReportRow) -> SummaryComment {
    let c = &r.comment;
    let text = |s: Option<&str>| if c.withheld { None } else { s.map(str::to_string) };
    SummaryComment {
        no: r.no,
        comment_id: c.id,
        version: c.version,
        author: c.organisation.clone().unwrap_or_else(|| c.author.clone()),
        organisation: c.organisation.clone(),
        stance: c.stance.map(|s| s.code().to_string()),
        comment: text(Some(&c.body)),
        proposed_wording: text(c.wording.as_deref()),
        created_at: rfc3339(c.at),
        withheld: c.withheld,
        answer: c.answer.as_ref().map(|a| SummaryAnswer { outcome: a.outcome.code().to_string(), reason: a.reason.clone(), answered_at: rfc3339(a.at) }),
    }
}

/// A published notice's comments and answers grouped by article, with the figures.
#[utoipa::path(get, path = "/api/v1/regulations/{id}/summary", params(("id" = i64, Path, description = "Draft regulation id")), tag = "regulations",
    responses((status = 200, body = RegulationSummaryOut), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn summary(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    // As an anonymous visitor sees it: an unpublished draft is not found.
    let report = match crate::server::regulations::report::report(&state, None, id).await {
        Ok(r) if r.summary.published_at.is_some() => r,
        Ok(_) | Err(AppError::NotFound) => return Problem::not_found("regulation").into_response(),
        Err(e) => return Problem::from(e).into_response(),
    };
    let t = &report.totals;
    let out = RegulationSummaryOut {
        id,
        title: report.summary.title.clone(),
        url: format!("{}/regulations/{id}/summary", state.config.base_url),
        comments: t.comments,
        answered: t.answered,
        hidden: t.hidden,
        stances: stances(&t.stances),
        outcomes: outcomes(&t.outcomes),
        sections: report
            .sections
            .iter()
            .map(|s| SummarySection {
                article: s.number.clone(),
                heading: s.heading.clone(),
                stances: stances(&s.stances),
                comments: s.rows.iter().map(comment).collect(),
            })
            .collect(),
    };
    cache::json(&headers, &out, None, Freshness::Live)
}
