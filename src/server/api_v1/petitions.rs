//! `/api/v1/petitions`: the list (the site's filters and search, keyset cursors) and one
//! petition with everything public about it.
use super::cache::{Freshness, json};
use super::problem::Problem;
use super::types::*;
use crate::domain::county;
use crate::domain::petition::PetitionState;
use crate::dto::petitions::{ListQuery, PetitionSummary};
use crate::dto::responses::ResponseView;
use crate::server::db::petition_list::{self, Keyset, SortKey};
use crate::server::petitions::queries;
use crate::server::responses::public::versions_of;
use crate::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;

/// The states a list can be filtered by (documented; the handler checks the text).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum StateParam {
    Open,
    Established,
    Answered,
    Closed,
    Rejected,
}

#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum SortParam {
    Newest,
    Signatures,
    Ending,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// open, established, answered, closed or rejected
    #[param(value_type = Option<StateParam>, inline)]
    pub state: Option<String>,
    pub jurisdiction: Option<i64>,
    pub agency: Option<i64>,
    pub category: Option<i64>,
    /// Search words (Chinese or English), as on the site.
    pub q: Option<String>,
    /// newest (default), signatures (most signed) or ending (closing soonest)
    #[param(value_type = Option<SortParam>, inline)]
    pub sort: Option<String>,
    /// `next_cursor` of the previous page: where it ended (sort key and id), for the same sort.
    #[param(pattern = r"^-?[0-9]{1,18}\.[0-9]{1,18}$")]
    pub cursor: Option<String>,
    /// 1 to 100, default 50.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

pub fn item(s: &PetitionSummary, base_url: &str) -> PetitionItem {
    PetitionItem {
        id: s.id,
        title: s.title.clone(),
        state: s.state.code().into(),
        jurisdiction_zh: s.jurisdiction_zh.clone(),
        jurisdiction_en: s.jurisdiction_en.clone(),
        signature_count: s.signature_count,
        signature_threshold: s.threshold,
        opened_at: opt(s.opened_at),
        closes_at: opt(s.closes_at),
        established_at: opt(s.established_at),
        response_due_at: opt(s.response_due_at),
        url: format!("{base_url}/petitions/{}", s.id),
    }
}

/// (sort expression, descending?) of each sort the API offers.
fn sort_of(sort: &str) -> Option<SortKey> {
    match sort {
        "newest" => Some(SortKey::Newest),
        "signatures" => Some(SortKey::Signatures),
        "ending" => Some(SortKey::Ending),
        _ => None,
    }
}

/// A cursor is where a page ended: the last item's sort key and id ("key.id"). Any
/// such pair is a valid place to continue from, so a well-formed cursor is never refused.
fn encode_cursor(key: i64, id: i64) -> String {
    format!("{key}.{id}")
}

fn decode_cursor(c: &str) -> Option<(i64, i64)> {
    let (key, id) = c.split_once('.')?;
    Some((key.parse().ok()?, id.parse().ok()?))
}

/// Public petitions, newest first by default, with the site's filters and search.
///
/// Pages are cursor-based: pass `next_cursor` as `cursor` until it is absent.
#[utoipa::path(get, path = "/api/v1/petitions", params(ListParams), tag = "petitions",
    responses((status = 200, body = PetitionPage), (status = 400, body = Problem), (status = 429, body = Problem)))]
pub async fn list(State(state): State<AppState>, Query(p): Query<ListParams>, headers: HeaderMap) -> Response {
    match page(&state, p).await {
        Ok(page) => json(&headers, &page, None, Freshness::Live),
        Err(problem) => problem.into_response(),
    }
}

async fn page(state: &AppState, p: ListParams) -> Result<PetitionPage, Problem> {
    let sort = p.sort.as_deref().unwrap_or("newest");
    let key = sort_of(sort).ok_or_else(|| Problem::bad_request("sort must be newest, signatures or ending"))?;
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Problem::bad_request(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    if let Some(s) = p.state.as_deref()
        && !PetitionState::from_code(s).is_some_and(PetitionState::is_public)
    {
        return Err(Problem::bad_request("state must be open, established, answered, closed or rejected"));
    }
    let shift = queries::pause_shift(state).await?;
    let query = ListQuery { state: p.state, jurisdiction: p.jurisdiction, agency: p.agency, category: p.category, q: p.q, sort: None, page: None };
    let mut f = queries::filter(&query);
    f.has_closing = key == SortKey::Ending;
    let after = match p.cursor.as_deref() {
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Problem::bad_request("cursor must be the next_cursor of a previous page"))?),
        None => None,
    };
    let rows = petition_list::keyset(&state.db.read_pool, &f, Keyset { key, after }, shift.window_now(), limit).await?;
    let base = &state.config.base_url;
    let mut items = Vec::with_capacity(rows.len());
    let mut last = None;
    for r in rows.iter().take(limit as usize) {
        let s = queries::summary(r, shift);
        last = Some((r.sort_key.unwrap_or(0), s.id));
        items.push(item(&s, base));
    }
    let next_cursor = (rows.len() as i64 > limit).then(|| last.map(|(k, id)| encode_cursor(k, id))).flatten();
    Ok(PetitionPage { items, next_cursor })
}

fn response_out(v: ResponseView) -> ResponseOut {
    ResponseOut {
        agency: Named { id: v.agency.id, code: v.agency.code, name_zh: v.agency.name_zh, name_en: v.agency.name_en },
        is_lead: v.is_lead,
        version: v.version,
        summary: v.summary,
        details_html: v.details_html,
        points: v.points.into_iter().map(|p| PointOut { text: p.text, position: p.position.code().into(), reason: p.reason }).collect(),
        links: v.links,
        published_at: rfc3339(v.published_at),
        first_published_at: rfc3339(v.first_published_at),
    }
}

/// One petition: text, state timeline, frozen rules, agencies, counts by county or city,
/// the response with every version and point positions, and ratings.
#[utoipa::path(get, path = "/api/v1/petitions/{id}", params(("id" = i64, Path, description = "Petition id")), tag = "petitions",
    responses((status = 200, body = PetitionOut), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn one(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    match petition(&state, id).await {
        Ok((out, modified)) => json(&headers, &out, Some(modified), Freshness::Live),
        Err(problem) => problem.into_response(),
    }
}

async fn petition(state: &AppState, id: i64) -> Result<(PetitionOut, crate::domain::time::Timestamp), Problem> {
    let d = queries::detail(state, None, id).await.map_err(|_| Problem::not_found("petition"))?;
    if !d.summary.state.is_public() || d.summary.state == PetitionState::Hidden {
        return Err(Problem::not_found("petition"));
    }
    let mut conn = state.db.read_pool.acquire().await?;
    let all = versions_of(&mut conn, id, false).await.map_err(|_| Problem::internal())?;
    let r = crate::server::responses::public::for_petition(state, None, id).await.ok();
    // The current versions, lead first, as the petition page shows them.
    let current: Vec<ResponseView> = r.as_ref().map(|r| r.formal.iter().chain(&r.sections).cloned().collect()).unwrap_or_default();
    let modified = d.timeline.iter().map(|e| e.at).max().unwrap_or(d.summary.created_at);
    let counties = d
        .counties
        .iter()
        .map(|(code, n)| {
            let c = county::by_code(code);
            CountyCount {
                county: code.clone(),
                name_zh: c.map(|c| c.name_zh).unwrap_or("").into(),
                name_en: c.map(|c| c.name_en).unwrap_or("").into(),
                count: *n,
            }
        })
        .collect();
    let out = PetitionOut {
        item: item(&d.summary, &state.config.base_url),
        problem: d.problem,
        action: d.action,
        benefits: d.benefits,
        evidence: d.evidence,
        category: d.category.map(|c| Named { id: c.id, code: c.code, name_zh: c.name_zh, name_en: c.name_en }),
        agencies: d.agencies.into_iter().map(|a| Named { id: a.id, code: a.code, name_zh: a.name_zh, name_en: a.name_en }).collect(),
        rules: RulesOut {
            signature_threshold: d.rules.signature_threshold,
            signing_days: d.rules.signing_days,
            response_days: d.rules.response_days,
            second_tier_threshold: d.rules.second_tier_threshold,
            allow_signature_withdrawal: d.rules.allow_signature_withdrawal,
        },
        counties,
        timeline: d.timeline.into_iter().map(|e| TimelineOut { at: rfc3339(e.at), kind: e.kind, detail: e.detail }).collect(),
        responses: current.into_iter().map(response_out).collect(),
        response_versions: all.into_iter().map(response_out).collect(),
        ratings: r.as_ref().map(|r| Ratings { helpful: r.rating.helpful, not_helpful: r.rating.not_helpful }).unwrap_or(Ratings { helpful: 0, not_helpful: 0 }),
        extension_days: r.as_ref().and_then(|r| r.extension.as_ref().map(|e| e.days)),
        extension_reason: r.and_then(|r| r.extension.map(|e| e.reason)),
    };
    Ok((out, modified))
}
