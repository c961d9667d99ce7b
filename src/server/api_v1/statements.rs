//! A petition's or consultation's conversation over the API: the shown statements with
//! their counts and the last computed opinion map's groups (JSON), and the de-identified
//! participant × statement vote matrix (CSV). Who wrote or voted what is never published:
//! no author or user ids, no vote times; a participant is a pseudonym per conversation.
use super::cache::{self, Freshness, json};
use super::downloads::csv_cell;
use super::problem::Problem;
use super::types::*;
use crate::domain::time::Timestamp;
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::db::deliberation::{self as db, Conversation};
use crate::server::deliberation::map::Stored;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// The subject's conversation (None before anyone wrote a statement), or 404 unless the
/// subject exists and is public (a petition in review or rejected has no public conversation).
async fn conversation_of(state: &AppState, subject: Subject) -> Result<Option<Conversation>, Problem> {
    let mut conn = state.db.read_pool.acquire().await?;
    crate::server::deliberation::about(state, &mut conn, subject).await.map_err(|e| match e {
        AppError::NotFound => Problem::not_found(subject.kind()),
        other => Problem::from(other),
    })?;
    Ok(db::find(&mut *conn, subject.kind(), subject.id()).await?)
}

/// How the site names group `g`: A, B, C…
pub fn group_label(g: usize) -> String {
    match u8::try_from(g).ok().filter(|g| *g < 26) {
        Some(g) => char::from(b'A' + g).to_string(),
        None => format!("G{g}"),
    }
}

async fn statements_out(state: &AppState, subject: Subject) -> Result<StatementsOut, Problem> {
    let empty = StatementsOut {
        participants: 0,
        votes: 0,
        statements: 0,
        in_map: 0,
        computed_at: None,
        items: Vec::new(),
        groups: Vec::new(),
        consensus: Vec::new(),
        divisive: Vec::new(),
    };
    let Some(c) = conversation_of(state, subject).await? else { return Ok(empty) };
    let pool = &state.db.read_pool;
    let shown = db::statements(pool, c.id, "shown").await?;
    let ids: HashSet<i64> = shown.iter().map(|s| s.id).collect();
    // Counted from the votes on shown statements, so the figures match the CSV's rows and cells.
    let votes: Vec<(i64, i64, i64)> = db::all_votes(pool, c.id).await?.into_iter().filter(|v| ids.contains(&v.1)).collect();
    let participants = votes.iter().map(|v| v.0).collect::<HashSet<_>>().len() as i64;
    let map = c.map_json.as_deref().and_then(Stored::parse).map(|s| s.view);
    // A statement hidden since the map was computed drops out of the map's lists too.
    let consensus: HashMap<i64, f64> = map.iter().flat_map(|m| &m.consensus).filter(|s| ids.contains(&s.id)).map(|s| (s.id, s.score)).collect();
    let items: Vec<StatementOut> = shown
        .iter()
        .map(|s| StatementOut {
            id: s.id,
            body: s.body.clone(),
            seed: s.seed,
            created_at: rfc3339(s.created_at),
            agree: s.agree,
            disagree: s.disagree,
            pass: s.pass,
            consensus: consensus.get(&s.id).copied(),
        })
        .collect();
    let Some(m) = map else {
        return Ok(StatementsOut { participants, votes: votes.len() as i64, statements: shown.len() as i64, items, ..empty });
    };
    let groups: Vec<GroupOut> = m
        .groups
        .iter()
        .map(|g| GroupOut {
            id: g.id as i64,
            label: group_label(g.id),
            size: g.size,
            representative: g
                .representative
                .iter()
                .filter(|r| ids.contains(&r.id))
                .map(|r| RepresentativeOut { statement_id: r.id, agrees: r.agrees, group_share: r.group_share, rest_share: r.rest_share })
                .collect(),
        })
        .collect();
    let listed = |list: &[crate::dto::deliberation::ScoredStatement]| -> Vec<i64> { list.iter().map(|s| s.id).filter(|id| ids.contains(id)).collect() };
    Ok(StatementsOut {
        participants,
        votes: votes.len() as i64,
        statements: shown.len() as i64,
        in_map: m.in_map,
        computed_at: Some(rfc3339(Timestamp(m.computed_at))),
        items,
        groups,
        consensus: listed(&m.consensus),
        divisive: listed(&m.divisive),
    })
}

fn statements_response(headers: &HeaderMap, r: Result<StatementsOut, Problem>) -> Response {
    // No Last-Modified: moderation changes what is shown without a time; the ETag covers it.
    match r {
        Ok(v) => json(headers, &v, None, Freshness::Live),
        Err(p) => p.into_response(),
    }
}

/// A consultation's shown statements with their votes, and the last computed opinion map's
/// groups, consensus and divisive statements.
#[utoipa::path(get, path = "/api/v1/consultations/{id}/statements", params(("id" = i64, Path, description = "Consultation id")), tag = "deliberation",
    responses((status = 200, body = StatementsOut), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn consultation_statements(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    statements_response(&headers, statements_out(&state, Subject::Consultation(id)).await)
}

/// A public petition's shown statements with their votes, and the last computed opinion
/// map's groups, consensus and divisive statements.
#[utoipa::path(get, path = "/api/v1/petitions/{id}/statements", params(("id" = i64, Path, description = "Petition id")), tag = "deliberation",
    responses((status = 200, body = StatementsOut), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn petition_statements(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    statements_response(&headers, statements_out(&state, Subject::Petition(id)).await)
}

/// A participant's pseudonym in one conversation: stable across downloads, and keyed with
/// the conversation's random key, so it cannot be recomputed from public data nor linked
/// across conversations, and carries no order of sign-up.
fn pseudonym(key: &str, user_id: i64) -> String {
    let digest = Sha256::digest(format!("minyi-participant-v1:{key}:{user_id}").as_bytes());
    hex::encode(digest)[..12].to_string()
}

/// The matrix as CSV (UTF-8 with a BOM): `participant,group,s<id>…`, a row per person who
/// voted on a shown statement, cells 1 (agree), -1 (disagree), 0 (pass) or empty (no vote).
async fn matrix(state: &AppState, subject: Subject) -> Result<String, Problem> {
    let conversation = conversation_of(state, subject).await?;
    let mut out = String::from("\u{feff}participant,group");
    let Some(c) = conversation else {
        out.push_str("\r\n");
        return Ok(out);
    };
    let pool = &state.db.read_pool;
    let shown = db::statements(pool, c.id, "shown").await?;
    let column: HashMap<i64, usize> = shown.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    for s in &shown {
        out.push(',');
        out.push_str(&csv_cell(&Value::from(format!("s{}", s.id))));
    }
    out.push_str("\r\n");
    let groups: HashMap<i64, usize> =
        c.map_json.as_deref().and_then(Stored::parse).map(|s| s.user_groups().into_iter().filter_map(|(u, g)| Some((u, g?))).collect()).unwrap_or_default();
    let key = db::pseudonym_key(&state.db.pool, c.id).await?;
    // Votes come ordered by person: one row per run of the same user id.
    let mut rows: Vec<(String, Option<usize>, Vec<Option<i64>>)> = Vec::new();
    let mut current: Option<i64> = None;
    for (user, statement, value) in db::all_votes(pool, c.id).await? {
        let Some(&col) = column.get(&statement) else { continue };
        if current != Some(user) {
            current = Some(user);
            rows.push((pseudonym(&key, user), groups.get(&user).copied(), vec![None; shown.len()]));
        }
        if let Some(row) = rows.last_mut() {
            row.2[col] = Some(value);
        }
    }
    // By pseudonym: the order says nothing about who joined when.
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for (participant, group, cells) in rows {
        out.push_str(&csv_cell(&Value::from(participant)));
        out.push(',');
        out.push_str(&group.map(|g| csv_cell(&Value::from(group_label(g)))).unwrap_or_default());
        for v in cells {
            out.push(',');
            out.push_str(&v.map(|v| csv_cell(&Value::from(v))).unwrap_or_default());
        }
        out.push_str("\r\n");
    }
    Ok(out)
}

async fn csv_response(state: &AppState, headers: &HeaderMap, subject: Subject) -> Response {
    let body = match matrix(state, subject).await {
        Ok(b) => b,
        Err(p) => return p.into_response(),
    };
    let mut res = cache::bytes(headers, body.into_bytes(), None, Freshness::Live);
    if res.status().is_success() {
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}-{}-votes.csv\"", subject.kind(), subject.id())) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    res
}

/// A consultation's votes as a de-identified participant × statement matrix.
///
/// CSV (UTF-8 with a BOM). Columns: `participant` (a pseudonym, stable for this
/// conversation), `group` (A, B… on the last computed map, or empty), then `s<id>` per shown
/// statement: 1 agree, -1 disagree, 0 pass, empty not voted. Rows are in pseudonym order.
#[utoipa::path(get, path = "/api/v1/consultations/{id}/votes.csv", params(("id" = i64, Path, description = "Consultation id")), tag = "deliberation",
    responses((status = 200, description = "The vote matrix as CSV", body = String, content_type = "text/csv"), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn consultation_votes(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    csv_response(&state, &headers, Subject::Consultation(id)).await
}

/// A public petition's votes as a de-identified participant × statement matrix (as for
/// consultations).
#[utoipa::path(get, path = "/api/v1/petitions/{id}/votes.csv", params(("id" = i64, Path, description = "Petition id")), tag = "deliberation",
    responses((status = 200, description = "The vote matrix as CSV", body = String, content_type = "text/csv"), (status = 404, body = Problem), (status = 429, body = Problem)))]
pub async fn petition_votes(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap) -> Response {
    csv_response(&state, &headers, Subject::Petition(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_letters_and_pseudonyms_are_short_and_stable() {
        assert_eq!((group_label(0), group_label(2), group_label(26)), ("A".to_string(), "C".to_string(), "G26".to_string()));
        let a = pseudonym("k1", 7);
        assert_eq!(a.len(), 12);
        assert_eq!(a, pseudonym("k1", 7));
        assert_ne!(a, pseudonym("k2", 7), "another conversation, another pseudonym");
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
