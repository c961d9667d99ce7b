//! `/api/v1/regulations`: published draft regulations (法規預告) with the site's filters, one
//! notice with every version's articles, and (`comments.csv`, `.jsonl`) every comment with its
//! version, article, stance, proposed wording and the agency's answer, so the comments agencies
//! must publish can be read, filtered and summarised anywhere. Unpublished drafts are never here.
use super::cache::{self, Freshness};
use super::consultations::{DEFAULT_LIMIT, MAX_LIMIT};
use super::downloads::csv_cell;
use super::problem::Problem;
use super::types::*;
use crate::domain::regulation::notice::Phase;
use crate::dto::regulations::RegulationSummary;
use crate::error::AppError;
use crate::server::db::regulation_comments::{self as comments, CommentRow};
use crate::server::db::regulations as db;
use crate::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

/// The phases a list can be filtered by (documented; the handler checks the text).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum RegulationPhaseParam {
    Open,
    Awaiting,
    Overdue,
    Answered,
    Issued,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// open, awaiting (the period is over; answers due), overdue, answered or issued
    #[param(value_type = Option<RegulationPhaseParam>, inline)]
    pub phase: Option<String>,
    /// An agency code, e.g. `motc`.
    pub agency: Option<String>,
    /// A topic's id (see `/api/v1/categories`).
    pub category: Option<i64>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// The list's and the page's shared fields; None for an unpublished notice (never shown).
fn item(s: &RegulationSummary, base_url: &str) -> Option<RegulationItem> {
    let published_at = s.published_at?;
    Some(RegulationItem {
        id: s.id,
        url: format!("{base_url}/regulations/{}", s.id),
        title: s.title.clone(),
        agency: Named { id: s.agency.id, code: s.agency.code.clone(), name_zh: s.agency.name_zh.clone(), name_en: s.agency.name_en.clone() },
        category: s.topic.as_ref().map(|c| Named { id: c.id, code: c.code.clone(), name_zh: c.name_zh.clone(), name_en: c.name_en.clone() }),
        phase: s.phase.code().into(),
        published_at: rfc3339(published_at),
        closes_at: rfc3339(s.closes_at),
        last_day: s.last_day.clone(),
        answers_due_at: rfc3339(s.answers_due_at),
        answered_at: opt(s.answered_at),
        answered_late: s.answered_late,
        issued_at: opt(s.issued_at),
        comment_count: s.comments,
        answered_count: s.answered,
        version_count: s.versions,
    })
}

/// Published notices, the latest first, filtered by phase and agency.
///
/// An unknown filter value is refused (the site's own list reads it as "any").
#[utoipa::path(get, path = "/api/v1/regulations", params(ListParams), tag = "regulations",
    responses((status = 200, body = RegulationItems), (status = 400, body = Problem), (status = 429, body = Problem)))]
pub async fn list(State(state): State<AppState>, Query(p): Query<ListParams>, headers: HeaderMap) -> Response {
    // No Last-Modified: counts change with every comment and carry no time; the ETag covers them.
    match items(&state, p).await {
        Ok(v) => cache::json(&headers, &v, None, Freshness::Live),
        Err(problem) => problem.into_response(),
    }
}

async fn items(state: &AppState, p: ListParams) -> Result<RegulationItems, Problem> {
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Problem::bad_request(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    // `draft` is a phase only officers see: refused like any unknown value.
    let phase = match p.phase.as_deref() {
        Some(code) => Some(
            Phase::from_code(code)
                .filter(|ph| *ph != Phase::Draft)
                .ok_or_else(|| Problem::bad_request("phase must be open, awaiting, overdue, answered or issued"))?,
        ),
        None => None,
    };
    // Any string is a valid agency filter, as the schema says: a code that names no agency
    // lists nothing, and an empty one filters nothing.
    let agency = p.agency.as_deref().filter(|a| !a.is_empty());
    let now = state.now();
    let rows = db::list(&state.db.read_pool, phase, agency, p.category, now, limit).await?;
    let base = &state.config.base_url;
    Ok(RegulationItems { items: rows.iter().filter_map(|r| item(&crate::server::regulations::summary(r, now), base)).collect() })
}

/// One published notice: the list's fields, its legal basis, purpose and contact, the overall
/// statement, every version with its articles (and comparison-table rows), and where its
/// comments are.
#[utoipa::path(get, path = "/api/v1/regulations/{id}", params(("id" = i64, Path, description = "Draft regulation id")), tag = "regulations",
    responses((status = 200, body = RegulationOut), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn one(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    match notice(&state, id).await {
        Ok(out) => cache::json(&headers, &out, None, Freshness::Live),
        Err(problem) => problem.into_response(),
    }
}

async fn notice(state: &AppState, id: i64) -> Result<RegulationOut, Problem> {
    let gone = || Problem::not_found("regulation");
    let mut conn = state.db.read_pool.acquire().await?;
    // As an anonymous visitor sees it: an unpublished draft is not found.
    let (r, _) = crate::server::regulations::visible(&mut conn, None, id).await.map_err(|e| match e {
        AppError::NotFound => gone(),
        e => Problem::from(e),
    })?;
    let base = &state.config.base_url;
    let listed = item(&crate::server::regulations::summary(&r, state.now()), base).ok_or_else(gone)?;
    let published = r.published_at.ok_or_else(gone)?;
    let versions = db::versions(&mut *conn, id).await?;
    let mut articles = Vec::new();
    for v in &versions {
        for a in db::articles(&mut *conn, v.id).await? {
            articles.push(RegulationArticleOut {
                version: v.number,
                number: a.number,
                heading: a.heading,
                body: a.body,
                current_text: a.current_text,
                explanation: a.explanation,
            });
        }
    }
    Ok(RegulationOut {
        item: listed,
        legal_basis: r.legal_basis,
        purpose: r.purpose,
        contact: r.contact,
        overall: r.overall,
        versions: versions
            .iter()
            .map(|v| RegulationVersionOut {
                number: v.number,
                // The first version is saved before the notice is published: it is public from then.
                published_at: rfc3339(v.created_at.max(published)),
                note: v.note.clone(),
                preamble: v.preamble.clone(),
            })
            .collect(),
        articles,
        links: RegulationLinks {
            comments_csv: format!("{base}/api/v1/regulations/{id}/comments.csv"),
            comments_jsonl: format!("{base}/api/v1/regulations/{id}/comments.jsonl"),
            summary: format!("{base}/api/v1/regulations/{id}/summary"),
        },
    })
}

/// The columns, in order (also the JSON Lines keys).
const COLUMNS: [&str; 14] = [
    "comment_id",
    "version",
    "article",
    "article_heading",
    "author",
    "organisation",
    "stance",
    "comment",
    "proposed_wording",
    "created_at",
    "withheld",
    "outcome",
    "reason",
    "answered_at",
];

/// A comment as one record. Withheld comments (held by reports or hidden by moderators) keep
/// their place and answer, without their text.
fn record(c: &CommentRow) -> Vec<Value> {
    let withheld = c.status != "visible";
    let text = |s: Option<&str>| if withheld { Value::Null } else { s.map(Value::from).unwrap_or(Value::Null) };
    vec![
        Value::from(c.id),
        Value::from(c.version),
        c.article_number.clone().map(Value::from).unwrap_or(Value::Null),
        c.article_heading.clone().map(Value::from).unwrap_or(Value::Null),
        Value::from(c.organisation_name.clone().unwrap_or_else(|| c.author_name.clone())),
        c.organisation_name.clone().map(Value::from).unwrap_or(Value::Null),
        c.stance.clone().map(Value::from).unwrap_or(Value::Null),
        text(Some(&c.body)),
        text(c.wording.as_deref()),
        Value::from(rfc3339(c.created_at)),
        Value::from(withheld),
        c.answer.as_ref().map(|a| Value::from(a.outcome.clone())).unwrap_or(Value::Null),
        c.answer.as_ref().map(|a| Value::from(a.reason.clone())).unwrap_or(Value::Null),
        opt(c.answer.as_ref().map(|a| a.created_at)).map(Value::from).unwrap_or(Value::Null),
    ]
}

/// A published notice's comments, oldest first; a draft or an unknown id is not found.
async fn rows(state: &AppState, id: i64) -> Result<Vec<CommentRow>, Problem> {
    let r = db::get(&state.db.read_pool, id).await?.filter(|r| r.published_at.is_some()).ok_or_else(|| Problem::not_found("regulation"))?;
    Ok(comments::of_notice(&state.db.read_pool, r.id).await?)
}

fn download(headers: &HeaderMap, body: String, content_type: &'static str, filename: String) -> Response {
    let mut res = cache::bytes(headers, body.into_bytes(), None, Freshness::Live);
    if res.status().is_success() {
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    res
}

/// Every comment on a draft regulation, with the agency's answer.
///
/// CSV (UTF-8 with a BOM, cells that a spreadsheet would read as a formula start with `'`).
/// Columns: `comment_id, version, article` (its number, e.g. `3-1`; empty for the whole draft),
/// `article_heading, author` (the organisation's name when made in it), `organisation, stance`
/// (support, oppose, amend or empty), `comment, proposed_wording, created_at, withheld` (true:
/// held or hidden by moderators, text left out), `outcome` (adopted, partly_adopted,
/// not_adopted, noted or empty), `reason, answered_at`.
#[utoipa::path(get, path = "/api/v1/regulations/{id}/comments.csv", params(("id" = i64, Path, description = "Draft regulation id")), tag = "regulations",
    responses((status = 200, description = "The comments as CSV", body = String, content_type = "text/csv"), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn comments_csv(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    let rows = match rows(&state, id).await {
        Ok(r) => r,
        Err(p) => return p.into_response(),
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for c in &rows {
        out.push_str(&record(c).iter().map(csv_cell).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    download(&headers, out, "text/csv; charset=utf-8", format!("regulation-{id}-comments.csv"))
}

/// Every comment on a draft regulation, with the agency's answer, as JSON Lines: one object a
/// line with the CSV's columns as keys (null where the CSV cell is empty).
#[utoipa::path(get, path = "/api/v1/regulations/{id}/comments.jsonl", params(("id" = i64, Path, description = "Draft regulation id")), tag = "regulations",
    responses((status = 200, description = "The comments as JSON Lines", body = String, content_type = "application/jsonl"), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn comments_jsonl(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    let rows = match rows(&state, id).await {
        Ok(r) => r,
        Err(p) => return p.into_response(),
    };
    let mut out = String::new();
    for c in &rows {
        let object: serde_json::Map<String, Value> = COLUMNS.iter().map(|k| k.to_string()).zip(record(c)).collect();
        out.push_str(&json!(object).to_string());
        out.push('\n');
    }
    download(&headers, out, "application/jsonl; charset=utf-8", format!("regulation-{id}-comments.jsonl"))
}
