//! Atom feeds (RFC 4287): newly opened petitions, newly established ones and new
//! responses, site-wide or for one agency, jurisdiction or topic, and one petition's timeline.
//! `?lang=en` gives English texts; Chinese (Taiwan) is the default.
use super::problem::Problem;
use super::types::rfc3339;
use crate::domain::time::Timestamp;
use crate::i18n::labels::event_text;
use crate::i18n::{Key, Locale};
use crate::server::db::feeds;
use crate::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const ENTRIES: i64 = 50;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// An agency code, e.g. `motc`.
    pub agency: Option<String>,
    /// A jurisdiction code, e.g. `taipei`.
    pub jurisdiction: Option<String>,
    /// A topic (category) code, e.g. `transport`.
    pub topic: Option<String>,
    /// `en` for English; Chinese (Taiwan) otherwise.
    pub lang: Option<String>,
}

pub(super) struct Entry {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) updated: Timestamp,
    pub(super) link: String,
    pub(super) summary: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The feed document; entries newest first. `page` is the site's page the feed follows.
pub(super) fn atom(base: &str, self_path: &str, page: &str, title: &str, entries: &[Entry], now: Timestamp) -> String {
    let updated = entries.first().map(|e| e.updated).unwrap_or(now);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>{base}{path}</id>\n<title>{title}</title>\n<updated>{updated}</updated>\n<author><name>minyi 民意</name><uri>{base}/</uri></author>\n<link rel=\"self\" href=\"{base}{path}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}{page}\"/>\n",
        base = esc(base),
        page = esc(page),
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

pub(super) fn respond(headers: &HeaderMap, body: String, updated: Option<Timestamp>) -> Response {
    let mut res = super::cache::bytes(headers, body.into_bytes(), updated, super::cache::Freshness::Live);
    if res.status().is_success() {
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    }
    res
}

pub(super) fn locale(p: &FeedParams) -> Locale {
    if p.lang.as_deref() == Some("en") { Locale::En } else { Locale::ZhTw }
}

fn scope(p: &FeedParams) -> feeds::Scope<'_> {
    feeds::Scope { agency: p.agency.as_deref(), jurisdiction: p.jurisdiction.as_deref(), topic: p.topic.as_deref() }
}

fn query_suffix(p: &FeedParams) -> String {
    let parts: Vec<String> = [("agency", &p.agency), ("jurisdiction", &p.jurisdiction), ("topic", &p.topic), ("lang", &p.lang)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::domain::url::encode_query_value(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

/// Petitions by the time of one milestone (`opened_at` or `established_at`).
async fn milestone(state: &AppState, p: &FeedParams, m: feeds::Milestone, title: Key, self_path: &str, headers: &HeaderMap) -> Result<Response, Problem> {
    let l = locale(p);
    let anchor = match m {
        feeds::Milestone::Opened => "opened_at",
        feeds::Milestone::Established => "established_at",
    };
    let base = &state.config.base_url;
    let entries: Vec<Entry> = feeds::milestones(&state.db.read_pool, m, scope(p), ENTRIES)
        .await?
        .into_iter()
        .map(|r| Entry {
            id: format!("{base}/petitions/{}#{anchor}", r.id),
            title: r.title,
            updated: r.at,
            link: format!("{base}/petitions/{}", r.id),
            summary: l.feed_count_summary(r.signature_count, r.signature_threshold),
        })
        .collect();
    let path = format!("{self_path}{}", query_suffix(p));
    let body = atom(base, &path, "/petitions", l.text(title), &entries, state.now());
    Ok(respond(headers, body, entries.first().map(|e| e.updated)))
}

/// Petitions newly open for signing.
#[utoipa::path(get, path = "/api/v1/feeds/petitions.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn opened(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    milestone(&state, &p, feeds::Milestone::Opened, Key::FeedOpenedTitle, "/api/v1/feeds/petitions.atom", &headers).await.unwrap_or_else(|e| e.into_response())
}

/// Petitions that newly reached their threshold.
#[utoipa::path(get, path = "/api/v1/feeds/established.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn established(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    milestone(&state, &p, feeds::Milestone::Established, Key::FeedEstablishedTitle, "/api/v1/feeds/established.atom", &headers)
        .await
        .unwrap_or_else(|e| e.into_response())
}

/// New responses and amendments by agencies.
#[utoipa::path(get, path = "/api/v1/feeds/responses.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn responses(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    let run = async {
        let l = locale(&p);
        let base = &state.config.base_url;
        let entries: Vec<Entry> = feeds::responses(&state.db.read_pool, scope(&p), ENTRIES)
            .await?
            .into_iter()
            .map(|r| {
                let agency = if l == Locale::En { r.agency_en } else { r.agency_zh };
                Entry {
                    id: format!("{base}/petitions/{}/responses#v{}", r.petition_id, r.id),
                    title: l.feed_response_entry(agency, r.title, r.version),
                    updated: r.published_at,
                    link: format!("{base}/petitions/{}", r.petition_id),
                    summary: r.summary,
                }
            })
            .collect();
        let path = format!("/api/v1/feeds/responses.atom{}", query_suffix(&p));
        let body = atom(base, &path, "/petitions", l.text(Key::FeedResponsesTitle), &entries, state.now());
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
        let Some(title) = feeds::public_title(&state.db.read_pool, id).await? else {
            return Err(Problem::not_found("petition"));
        };
        let base = &state.config.base_url;
        let entries: Vec<Entry> = feeds::events(&state.db.read_pool, id, 200)
            .await?
            .into_iter()
            .map(|(event, at, kind, detail)| {
                let text = event_text(l, &kind, &detail);
                Entry {
                    id: format!("{base}/petitions/{id}#event-{event}"),
                    title: text.clone(),
                    updated: at,
                    link: format!("{base}/petitions/{id}"),
                    summary: text,
                }
            })
            .collect();
        let path = format!("/api/v1/feeds/petitions/{id}{}", query_suffix(&p));
        let body = atom(base, &path, "/petitions", &l.feed_timeline_title(title), &entries, state.now());
        Ok(respond(&headers, body, entries.first().map(|e| e.updated)))
    };
    run.await.unwrap_or_else(|e| e.into_response())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsultationFeedParams {
    /// An agency code, e.g. `motc`.
    pub agency: Option<String>,
    /// `en` for English; Chinese (Taiwan) otherwise.
    pub lang: Option<String>,
}

/// Consultations newly open, and agencies' newly published conclusions.
#[utoipa::path(get, path = "/api/v1/feeds/consultations.atom", params(ConsultationFeedParams), tags = ["feeds", "consultations"],
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn consultations(State(state): State<AppState>, Query(p): Query<ConsultationFeedParams>, headers: HeaderMap) -> Response {
    use crate::server::db::consultations as db;
    let run = async {
        let l = if p.lang.as_deref() == Some("en") { Locale::En } else { Locale::ZhTw };
        let base = &state.config.base_url;
        let now = state.now();
        let agency = p.agency.as_deref();
        let mut entries: Vec<Entry> = Vec::new();
        // Announced consultations enter the feed when they open, not before.
        for r in db::latest_opened(&state.db.read_pool, agency, now, ENTRIES).await? {
            let last = crate::server::consultations::summary(&r, now).last_day;
            entries.push(Entry {
                id: format!("{base}/consultations/{}#opens_at", r.id),
                summary: l.feed_consultation_opened(r.agency.name(l), r.opens_at.date_taipei(), last),
                title: r.title,
                updated: r.opens_at,
                link: format!("{base}/consultations/{}", r.id),
            });
        }
        for r in db::latest_concluded(&state.db.read_pool, agency, ENTRIES).await? {
            let Some(at) = r.concluded_at else { continue };
            let link = format!("{base}/consultations/{}#conclusions", r.id);
            entries.push(statement_entry(l, link, l.feed_conclusions_title(&r.title), at, r.conclusions_due_at, r.conclusions.as_deref()));
        }
        Ok::<_, Problem>(agency_feed(&headers, base, &p, "consultations", l.text(Key::FeedConsultationsTitle), entries, now))
    };
    run.await.unwrap_or_else(|e| e.into_response())
}

/// Draft regulations newly published for comment, and agencies' overall statements once
/// every comment is answered.
#[utoipa::path(get, path = "/api/v1/feeds/regulations.atom", params(ConsultationFeedParams), tags = ["feeds", "regulations"],
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn regulations(State(state): State<AppState>, Query(p): Query<ConsultationFeedParams>, headers: HeaderMap) -> Response {
    use crate::server::db::regulation_notices as db;
    let run = async {
        let l = if p.lang.as_deref() == Some("en") { Locale::En } else { Locale::ZhTw };
        let base = &state.config.base_url;
        let now = state.now();
        let agency = p.agency.as_deref();
        let mut entries: Vec<Entry> = Vec::new();
        for r in db::latest_published(&state.db.read_pool, agency, now, ENTRIES).await? {
            let Some(at) = r.published_at else { continue };
            let last = crate::server::regulations::summary(&r, now).last_day;
            entries.push(Entry {
                id: format!("{base}/regulations/{}#published", r.id),
                summary: l.feed_regulation_published(r.agency.name(l), last),
                title: r.title,
                updated: at,
                link: format!("{base}/regulations/{}", r.id),
            });
        }
        for r in db::latest_answered(&state.db.read_pool, agency, ENTRIES).await? {
            let Some(at) = r.answered_at else { continue };
            let link = format!("{base}/regulations/{}#overall", r.id);
            entries.push(statement_entry(l, link, l.feed_regulation_answered_title(&r.title), at, r.answers_due_at, r.overall.as_deref()));
        }
        Ok::<_, Problem>(agency_feed(&headers, base, &p, "regulations", l.text(Key::FeedRegulationsTitle), entries, now))
    };
    run.await.unwrap_or_else(|e| e.into_response())
}

/// A feed filtered by agency (`/api/v1/feeds/{name}.atom`, for the page `/{name}`): the newest
/// entries first.
fn agency_feed(headers: &HeaderMap, base: &str, p: &ConsultationFeedParams, name: &str, title: &str, mut entries: Vec<Entry>, now: Timestamp) -> Response {
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    entries.truncate(ENTRIES as usize);
    let path = format!("/api/v1/feeds/{name}.atom{}", consultation_query_suffix(p));
    let body = atom(base, &path, &format!("/{name}"), title, &entries, now);
    respond(headers, body, entries.first().map(|e| e.updated))
}

/// An agency's published statement (a consultation's conclusions, a notice's overall answer):
/// its start as the summary, marked when it came after its due date.
fn statement_entry(l: Locale, link: String, title: String, at: Timestamp, due: Timestamp, text: Option<&str>) -> Entry {
    let text: String = text.unwrap_or("").chars().take(300).collect();
    Entry { id: link.clone(), title, updated: at, link, summary: if at > due { l.feed_conclusions_late(text) } else { text } }
}

fn consultation_query_suffix(p: &ConsultationFeedParams) -> String {
    let parts: Vec<String> = [("agency", &p.agency), ("lang", &p.lang)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::domain::url::encode_query_value(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}
