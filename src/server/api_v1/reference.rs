//! Jurisdictions with their rules, agencies with their accountability figures,
//! categories, the public moderation log and site statistics.
use super::cache::{Freshness, json};
use super::problem::Problem;
use super::types::*;
use crate::server::db::{moderation, open_data, rules};
use crate::server::state::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

fn respond<T: serde::Serialize>(headers: &HeaderMap, r: Result<T, Problem>, freshness: Freshness) -> Response {
    match r {
        Ok(v) => json(headers, &v, None, freshness),
        Err(p) => p.into_response(),
    }
}

fn rules_out(r: &crate::domain::petition::Rules) -> RulesOut {
    RulesOut {
        signature_threshold: r.signature_threshold,
        signing_days: r.signing_days,
        response_days: r.response_days,
        second_tier_threshold: r.second_tier_threshold,
        allow_signature_withdrawal: r.allow_signature_withdrawal,
    }
}

/// Jurisdictions and the rules new petitions get.
#[utoipa::path(get, path = "/api/v1/jurisdictions", tag = "reference", responses((status = 200, body = Vec<JurisdictionOut>)))]
pub async fn jurisdictions(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let r = async {
        let all = rules::all(&state.db.read_pool).await?;
        let codes = open_data::jurisdiction_codes(&state.db.read_pool).await?;
        let code = |id: i64| codes.iter().find(|(i, _)| *i == id).map(|(_, c)| c.clone()).unwrap_or_default();
        Ok::<_, Problem>(
            all.iter()
                .map(|j| JurisdictionOut {
                    id: j.jurisdiction_id,
                    code: code(j.jurisdiction_id),
                    name_zh: j.name_zh.clone(),
                    name_en: j.name_en.clone(),
                    rules: rules_out(&j.rules),
                })
                .collect::<Vec<_>>(),
        )
    }
    .await;
    respond(&headers, r, Freshness::Reference)
}

/// Topics petitions are filed under.
#[utoipa::path(get, path = "/api/v1/categories", tag = "reference", responses((status = 200, body = Vec<Named>)))]
pub async fn categories(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let r = async {
        let rows = open_data::categories(&state.db.read_pool).await.map_err(Problem::from)?;
        Ok::<_, Problem>(rows.into_iter().map(|(id, code, name_zh, name_en)| Named { id, code, name_zh, name_en }).collect::<Vec<_>>())
    }
    .await;
    respond(&headers, r, Freshness::Reference)
}

/// Agencies with their accountability figures (received, answered on time or late, overdue, days to answer, ratings).
#[utoipa::path(get, path = "/api/v1/agencies", tag = "reference", responses((status = 200, body = Vec<AgencyOut>)))]
pub async fn agencies(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let r = crate::server::responses::stats::all(&state, "").await.map_err(Problem::from).map(|all| {
        all.into_iter()
            .map(|s| AgencyOut {
                id: s.agency.id,
                code: s.agency.code,
                name_zh: s.agency.name_zh,
                name_en: s.agency.name_en,
                received: s.received,
                answered_on_time: s.answered_on_time,
                answered_late: s.answered_late,
                overdue_now: s.overdue_now,
                median_days_to_answer: s.median_days,
                p90_days_to_answer: s.p90_days,
                ratings: Ratings { helpful: s.helpful, not_helpful: s.not_helpful },
                consultations: ConsultationFigures {
                    closed: s.consultations_closed,
                    concluded_on_time: s.conclusions_on_time,
                    concluded_late: s.conclusions_late,
                    overdue_now: s.conclusions_overdue,
                },
                regulations: RegulationFigures {
                    closed: s.regulations_closed,
                    answered_on_time: s.regulations_answered_on_time,
                    answered_late: s.regulations_answered_late,
                    overdue_now: s.regulations_overdue,
                },
            })
            .collect::<Vec<_>>()
    });
    respond(&headers, r, Freshness::Live)
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogParams {
    /// `next_cursor` of the previous page (entries older than it): "time.source.id".
    #[param(pattern = r"^-?[0-9]{1,18}\.[01]\.[0-9]{1,18}$")]
    pub cursor: Option<String>,
}

const LOG_LIMIT: i64 = 100;

fn parse_log_cursor(c: &str) -> Option<moderation::LogCursor> {
    let mut parts = c.split('.').map(|p| p.parse::<i64>().ok());
    match (parts.next()??, parts.next()??, parts.next()??, parts.next()) {
        (at, src, id, None) if (0..=1).contains(&src) => Some((crate::domain::time::Timestamp(at), src, id)),
        _ => None,
    }
}

/// The public moderation log, newest first, without moderators' identities.
#[utoipa::path(get, path = "/api/v1/moderation-log", params(LogParams), tag = "moderation", responses((status = 200, body = LogPage)))]
pub async fn moderation_log(State(state): State<AppState>, Query(p): Query<LogParams>, headers: HeaderMap) -> Response {
    let r = async {
        let cursor = match p.cursor.as_deref() {
            None => None,
            Some(c) => Some(parse_log_cursor(c).ok_or_else(|| Problem::bad_request("cursor"))?),
        };
        let rows = moderation::log_after(&state.db.read_pool, cursor, LOG_LIMIT + 1).await?;
        let items: Vec<LogEntryOut> = rows
            .iter()
            .take(LOG_LIMIT as usize)
            // As the HTML log shows it (a comment's excerpt as text, the same page link).
            .map(|a| crate::server::moderation::log::entry(a, false))
            .map(|e| LogEntryOut {
                page: e.page(),
                id: e.id,
                at: rfc3339(e.at),
                kind: e.kind,
                target_kind: e.target_kind,
                petition_id: e.petition_id,
                reason: e.reason,
                explanation: e.explanation,
                excerpt: e.excerpt,
                suspended_until: opt(e.suspended_until),
                appeal_of: e.appeal_of,
            })
            .collect();
        // "time.source.id" of the last entry: the log's order, across both kinds of entry.
        let next_cursor = (rows.len() as i64 > LOG_LIMIT)
            .then(|| rows.get(LOG_LIMIT as usize - 1).map(|a| format!("{}.{}.{}", a.created_at.0, moderation::log_source(&a.kind), a.id)))
            .flatten();
        Ok::<_, Problem>(LogPage { items, next_cursor })
    }
    .await;
    respond(&headers, r, Freshness::Live)
}

/// Site statistics: petitions by state, signatures, responses and comments.
#[utoipa::path(get, path = "/api/v1/stats", tag = "reference", responses((status = 200, body = Stats)))]
pub async fn stats(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let r = async {
        let pool = &state.db.read_pool;
        let by_state = open_data::petitions_by_state(pool).await?;
        let t = open_data::totals(&mut *pool.acquire().await?).await?;
        let log = crate::server::db::tlog::head(pool).await?;
        Ok::<_, Problem>(Stats {
            log_tree_size: log.tree_size as i64,
            log_checkpoint: log.checkpoint,
            petitions_by_state: by_state.into_iter().map(|(state, count)| StateCount { state, count }).collect(),
            signatures: t.signatures,
            responses_published: t.responses_published,
            comments: t.comments,
            generated_at: rfc3339(state.now()),
        })
    }
    .await;
    respond(&headers, r, Freshness::Live)
}
