//! `/api/v1/regulations/{id}/comments.csv` and `.jsonl`: every comment on a published draft
//! regulation with its version, article, stance, proposed wording and the agency's answer,
//! so the comments agencies must publish can be read, filtered and summarised anywhere.
use super::cache::{self, Freshness};
use super::downloads::csv_cell;
use super::problem::Problem;
use super::types::{opt, rfc3339};
use crate::server::db::regulation_comments::{self as comments, CommentRow};
use crate::server::db::regulations as db;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

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
