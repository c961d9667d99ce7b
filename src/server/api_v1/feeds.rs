//! Atom feeds (RFC 4287): newly opened petitions, newly established ones and new
//! responses, site-wide or for one agency or jurisdiction, and one petition's timeline.
//! `?lang=en` gives English texts; Chinese (Taiwan) is the default.
use super::problem::Problem;
use super::types::rfc3339;
use crate::domain::time::Timestamp;
use crate::i18n::{Key, Locale};
use crate::server::state::AppState;
use crate::i18n::labels::event_text;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sqlx::Row;

const ENTRIES: i64 = 50;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// An agency code, e.g. `motc`.
    pub agency: Option<String>,
    /// A jurisdiction code, e.g. `taipei`.
    pub jurisdiction: Option<String>,
    /// `en` for English; Chinese (Taiwan) otherwise.
    pub lang: Option<String>,
}

struct Entry {
    id: String,
    title: String,
    updated: Timestamp,
    link: String,
    summary: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The feed document; entries newest first.
fn atom(base: &str, self_path: &str, title: &str, entries: &[Entry], now: Timestamp) -> String {
    let updated = entries.first().map(|e| e.updated).unwrap_or(now);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>{base}{path}</id>\n<title>{title}</title>\n<updated>{updated}</updated>\n<author><name>minyi 民意</name><uri>{base}/</uri></author>\n<link rel=\"self\" href=\"{base}{path}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/petitions\"/>\n",
        base = esc(base),
        path = esc(self_path),
        title = esc(title),
        updated = rfc3339(updated),
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            esc(&e.id),
            esc(&e.title),
            rfc3339(e.updated),
            esc(&e.link),
            esc(&e.summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn respond(headers: &HeaderMap, body: String, updated: Option<Timestamp>) -> Response {
    let mut res = super::cache::bytes(headers, body.into_bytes(), updated, super::cache::Freshness::Live);
    if res.status().is_success() {
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    }
    res
}

fn locale(p: &FeedParams) -> Locale {
    if p.lang.as_deref() == Some("en") { Locale::En } else { Locale::ZhTw }
}

/// Filters by agency and jurisdiction code, binding from $1.
fn scope(p: &FeedParams, agency_col: &str) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut binds = Vec::new();
    if let Some(a) = p.agency.clone() {
        binds.push(a);
        clauses.push(format!("{agency_col} IN (SELECT id FROM agencies WHERE code = ${})", binds.len()));
    }
    if let Some(j) = p.jurisdiction.clone() {
        binds.push(j);
        clauses.push(format!("p.jurisdiction_id IN (SELECT id FROM jurisdictions WHERE code = ${})", binds.len()));
    }
    (clauses.iter().map(|c| format!(" AND {c}")).collect(), binds)
}

/// Run a feed's query: `{filter}` in `sql` becomes the agency and jurisdiction filters.
async fn scoped_rows(state: &AppState, p: &FeedParams, agency_col: &str, sql: &str) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
    let (filter, binds) = scope(p, agency_col);
    let sql = sql.replace("{filter}", &filter);
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    q.fetch_all(&state.db.read_pool).await
}

fn query_suffix(p: &FeedParams) -> String {
    let parts: Vec<String> = [("agency", &p.agency), ("jurisdiction", &p.jurisdiction), ("lang", &p.lang)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::domain::url::encode_query_value(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

/// Petitions by the time of one milestone (`opened_at` or `established_at`).
async fn milestone(state: &AppState, p: &FeedParams, column: &str, title: Key, summary: Key, self_path: &str, headers: &HeaderMap) -> Result<Response, Problem> {
    let l = locale(p);
    let sql = format!(
        "SELECT p.id, p.title, p.{column} AS at, p.signature_count, p.signature_threshold FROM petitions p
         WHERE p.{column} IS NOT NULL AND p.state IN ('open', 'established', 'answered', 'closed'){{filter}} ORDER BY p.{column} DESC, p.id DESC LIMIT {ENTRIES}"
    );
    let lead = "(SELECT pa.agency_id FROM petition_agencies pa WHERE pa.petition_id = p.id AND pa.position = 0)";
    let base = &state.config.base_url;
    let entries = scoped_rows(state, p, lead, &sql)
        .await?
        .iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let counts = [("count", r.try_get::<i64, _>("signature_count")?.to_string()), ("threshold", r.try_get::<i64, _>("signature_threshold")?.to_string())];
            Ok(Entry {
                id: format!("{base}/petitions/{id}#{column}"),
                title: r.try_get("title")?,
                updated: Timestamp(r.try_get("at")?),
                link: format!("{base}/petitions/{id}"),
                summary: l.format(summary, &counts),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let path = format!("{self_path}{}", query_suffix(p));
    let body = atom(base, &path, l.text(title), &entries, state.now());
    Ok(respond(headers, body, entries.first().map(|e| e.updated)))
}

/// Petitions newly open for signing.
#[utoipa::path(get, path = "/api/v1/feeds/petitions.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn opened(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    milestone(&state, &p, "opened_at", Key::FeedOpenedTitle, Key::FeedCountSummary, "/api/v1/feeds/petitions.atom", &headers).await.unwrap_or_else(|e| e.into_response())
}

/// Petitions that newly reached their threshold.
#[utoipa::path(get, path = "/api/v1/feeds/established.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn established(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    milestone(&state, &p, "established_at", Key::FeedEstablishedTitle, Key::FeedCountSummary, "/api/v1/feeds/established.atom", &headers)
        .await
        .unwrap_or_else(|e| e.into_response())
}

/// New responses and amendments by agencies.
#[utoipa::path(get, path = "/api/v1/feeds/responses.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn responses(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    let run = async {
        let l = locale(&p);
        let sql = format!(
            "SELECT rv.id, rv.petition_id, rv.version, rv.summary, rv.published_at, p.title, a.name_zh, a.name_en FROM response_versions rv
             JOIN petitions p ON p.id = rv.petition_id JOIN agencies a ON a.id = rv.agency_id WHERE 1 = 1{{filter}}
             ORDER BY rv.published_at DESC, rv.id DESC LIMIT {ENTRIES}"
        );
        let base = &state.config.base_url;
        let entries = scoped_rows(&state, &p, "rv.agency_id", &sql)
            .await?
            .iter()
            .map(|r| {
                let pid: i64 = r.try_get("petition_id")?;
                let agency: String = r.try_get(if l == Locale::En { "name_en" } else { "name_zh" })?;
                let title: String = r.try_get("title")?;
                Ok(Entry {
                    id: format!("{base}/petitions/{pid}/responses#v{}", r.try_get::<i64, _>("id")?),
                    title: l.format(Key::FeedResponseEntry, &[("agency", agency), ("title", title), ("version", r.try_get::<i64, _>("version")?.to_string())]),
                    updated: Timestamp(r.try_get("published_at")?),
                    link: format!("{base}/petitions/{pid}"),
                    summary: r.try_get("summary")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let path = format!("/api/v1/feeds/responses.atom{}", query_suffix(&p));
        let body = atom(base, &path, l.text(Key::FeedResponsesTitle), &entries, state.now());
        Ok::<_, Problem>(respond(&headers, body, entries.first().map(|e| e.updated)))
    };
    run.await.unwrap_or_else(|e| e.into_response())
}

/// One petition's timeline: every change of state, response and extension.
#[utoipa::path(get, path = "/api/v1/feeds/petitions/{id}", params(("id" = i64, Path, description = "Petition id"), FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml"), (status = 404, body = Problem)))]
pub async fn timeline(State(state): State<AppState>, Path(id): Path<i64>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    let run = async {
        let l = locale(&p);
        let row = sqlx::query("SELECT title, state FROM petitions WHERE id = $1").bind(id).fetch_optional(&state.db.read_pool).await?;
        let Some(row) = row.filter(|r| r.try_get::<String, _>("state").is_ok_and(|s| ["open", "established", "answered", "closed", "rejected"].contains(&s.as_str()))) else {
            return Err(Problem::not_found("petition"));
        };
        let title: String = row.try_get("title")?;
        let events = sqlx::query("SELECT id, at, kind, detail FROM petition_events WHERE petition_id = $1 ORDER BY at DESC, id DESC LIMIT 200")
            .bind(id)
            .fetch_all(&state.db.read_pool)
            .await?;
        let base = &state.config.base_url;
        let entries = events
            .iter()
            .map(|r| {
                let text = event_text(l, &r.try_get::<String, _>("kind")?, &r.try_get::<String, _>("detail")?);
                Ok(Entry {
                    id: format!("{base}/petitions/{id}#event-{}", r.try_get::<i64, _>("id")?),
                    title: text.clone(),
                    updated: Timestamp(r.try_get("at")?),
                    link: format!("{base}/petitions/{id}"),
                    summary: text,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let path = format!("/api/v1/feeds/petitions/{id}{}", query_suffix(&p));
        let body = atom(base, &path, &l.format(Key::FeedTimelineTitle, &[("title", title)]), &entries, state.now());
        Ok(respond(&headers, body, entries.first().map(|e| e.updated)))
    };
    run.await.unwrap_or_else(|e| e.into_response())
}
