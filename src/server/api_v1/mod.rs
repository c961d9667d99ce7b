//! The public, read-only API (`/api/v1`): no login, no personal data, open CORS for
//! reading, per-address rate limits with RateLimit headers, problem-details errors,
//! HTTP caching, and an OpenAPI 3.1 document generated from these handlers.
pub mod cache;
pub mod consultations;
pub mod downloads;
pub mod feeds;
pub mod log_feed;
pub mod petitions;
pub mod problem;
pub mod reference;
pub mod regulation_summary;
pub mod regulations;
pub mod statements;
pub mod stream;
pub mod types;

use crate::server::ratelimit::Limit;
use crate::server::state::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use problem::Problem;
use std::sync::OnceLock;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "minyi 民意 public API", version = "1.0.0",
        description = "Everything public on the site, for machines: petitions, responses, agencies' figures and the moderation log. Read-only, no login, no personal data. Timestamps are RFC 3339 UTC; errors are RFC 9457 problem details."),
    paths(petitions::list, petitions::one, reference::jurisdictions, reference::categories, reference::agencies, reference::moderation_log, reference::stats,
        feeds::opened, feeds::established, feeds::responses, feeds::timeline, downloads::download, stream::stream,
        consultations::list, consultations::one, statements::consultation_statements, statements::petition_statements,
        statements::consultation_votes, statements::petition_votes, feeds::consultations, feeds::regulations, log_feed::log, regulations::comments_csv, regulations::comments_jsonl, regulations::list, regulations::one, regulation_summary::summary),
    tags((name = "petitions"), (name = "reference"), (name = "moderation"), (name = "feeds"), (name = "downloads"), (name = "stream"),
        (name = "consultations"), (name = "deliberation"), (name = "regulations"))
)]
pub struct ApiDoc;

/// The document, built once.
pub fn openapi_json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        let doc = <ApiDoc as utoipa::OpenApi>::openapi().to_pretty_json().unwrap_or_default();
        let mut v: serde_json::Value = serde_json::from_str(&doc).unwrap_or_default();
        document_errors(&mut v);
        serde_json::to_string_pretty(&v).unwrap_or(doc)
    })
}

/// Every operation can answer 400 (a parameter that does not parse) and 429 (the
/// per-address limit), and every error is a problem document: say so in one place
/// rather than on each handler.
fn document_errors(doc: &mut serde_json::Value) {
    use serde_json::json;
    let problem = json!({ "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } });
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else { return };
    for op in paths.values_mut().filter_map(|p| p.as_object_mut()).flat_map(|p| p.values_mut()) {
        let Some(responses) = op.get_mut("responses").and_then(|r| r.as_object_mut()) else { continue };
        for (code, r) in responses.iter_mut() {
            if (code.starts_with('4') || code.starts_with('5')) && r.get("content").is_some() {
                r["content"] = problem.clone();
            }
        }
        responses.entry("400").or_insert_with(|| json!({ "description": "A parameter is not valid", "content": problem.clone() }));
        responses.entry("429").or_insert_with(|| {
            json!({
                "description": "Too many requests from this address",
                "headers": { "Retry-After": { "description": "Seconds to wait", "schema": { "type": "integer" } } },
                "content": problem.clone()
            })
        });
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "public, max-age=300")], openapi_json()).into_response()
}

async fn not_found() -> Problem {
    not_found_problem()
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/petitions", get(petitions::list))
        .route("/petitions/{id}", get(petitions::one))
        .route("/petitions/{id}/statements", get(statements::petition_statements))
        .route("/petitions/{id}/votes.csv", get(statements::petition_votes))
        .route("/consultations", get(consultations::list))
        .route("/consultations/{id}", get(consultations::one))
        .route("/consultations/{id}/statements", get(statements::consultation_statements))
        .route("/consultations/{id}/votes.csv", get(statements::consultation_votes))
        .route("/regulations", get(regulations::list))
        .route("/regulations/{id}", get(regulations::one))
        .route("/regulations/{id}/summary", get(regulation_summary::summary))
        .route("/regulations/{id}/comments.csv", get(regulations::comments_csv))
        .route("/regulations/{id}/comments.jsonl", get(regulations::comments_jsonl))
        .route("/jurisdictions", get(reference::jurisdictions))
        .route("/categories", get(reference::categories))
        .route("/agencies", get(reference::agencies))
        .route("/moderation-log", get(reference::moderation_log))
        .route("/stats", get(reference::stats))
        .route("/feeds/petitions.atom", get(feeds::opened))
        .route("/feeds/established.atom", get(feeds::established))
        .route("/feeds/responses.atom", get(feeds::responses))
        .route("/feeds/consultations.atom", get(feeds::consultations))
        .route("/feeds/regulations.atom", get(feeds::regulations))
        .route("/feeds/log.atom", get(log_feed::log))
        .route("/feeds/petitions/{id}", get(feeds::timeline))
        .route("/downloads/{file}", get(downloads::download))
        .route("/stream", get(stream::stream))
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
}

/// CORS for reading, the method check, and the per-address rate limit with its headers.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        let mut res = StatusCode::NO_CONTENT.into_response();
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("If-None-Match, If-Modified-Since"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        return res;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut res =
            Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", "The API is read-only: use GET.").into_response();
        res.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        return res;
    }
    let ip = crate::server::ctx::client_ip_of(&state, req.headers(), req.extensions());
    let now = state.now();
    let counted = state.limiter.hit_counted(Limit::ApiPerIp, &ip, now);
    let mut res = match &counted {
        Ok(_) => as_problem(next.run(req).await).await,
        Err(wait) => {
            let mut r = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "Too many requests", format!("Retry in {wait} s.")).into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
    };
    let (max, window) = state.limiter.rule_secs(Limit::ApiPerIp);
    let (remaining, reset) = match counted {
        Ok(c) => c,
        Err(wait) => (0, wait),
    };
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("ETag, Last-Modified, RateLimit, RateLimit-Policy, Retry-After"));
    // IETF httpapi RateLimit header fields (draft 8 syntax).
    if let Ok(v) = HeaderValue::from_str(&format!("\"per-address\";q={max};w={window}")) {
        h.insert("ratelimit-policy", v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"per-address\";r={remaining};t={reset}")) {
        h.insert("ratelimit", v);
    }
    res
}

/// Axum's own refusals (a query or path that does not parse) are plain text: answer them
/// as problem details too, keeping the status and axum's one-line reason (it names the
/// parameter, never anything internal).
async fn as_problem(res: Response) -> Response {
    let status = res.status();
    let is_problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return res;
    }
    let bytes = axum::body::to_bytes(res.into_body(), 4096).await.unwrap_or_default();
    let reason: String = String::from_utf8_lossy(&bytes).chars().filter(|c| !c.is_control()).take(300).collect();
    let p = match status {
        StatusCode::BAD_REQUEST => Problem::bad_request(reason),
        StatusCode::NOT_FOUND => not_found_problem(),
        s if s.is_server_error() => Problem::internal(),
        s => Problem::new(s, "client-error", s.canonical_reason().unwrap_or("Client error"), reason),
    };
    p.into_response()
}

fn not_found_problem() -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", "There is no such endpoint; see /api/v1/openapi.json.")
}
