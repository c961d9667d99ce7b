//! `/api/v1/feeds/log.atom`: the transparency log's signed checkpoints, newest first, so that
//! anyone can keep old ones and later check that the log still extends them.
use super::feeds::{Entry, FeedParams, atom, locale, respond};
use super::problem::Problem;
use crate::i18n::Key;
use crate::server::db::tlog;
use crate::server::state::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

const ENTRIES: i64 = 100;

/// The log's newest signed checkpoints (the text of each is the C2SP signed note).
#[utoipa::path(get, path = "/api/v1/feeds/log.atom", params(FeedParams), tag = "feeds",
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
pub async fn log(State(state): State<AppState>, Query(p): Query<FeedParams>, headers: HeaderMap) -> Response {
    let run = async {
        let l = locale(&p);
        let base = &state.config.base_url;
        let entries: Vec<Entry> = tlog::recent_checkpoints(&state.db.read_pool, ENTRIES)
            .await?
            .into_iter()
            .map(|(size, note, at)| Entry {
                id: format!("{base}/log#checkpoint-{size}"),
                title: l.feed_log_entry(size),
                updated: at,
                link: format!("{base}/log"),
                summary: note,
            })
            .collect();
        let self_path = if p.lang.as_deref() == Some("en") { "/api/v1/feeds/log.atom?lang=en" } else { "/api/v1/feeds/log.atom" };
        let body = atom(base, self_path, "/log", l.text(Key::FeedLogTitle), &entries, state.now());
        Ok::<_, Problem>(respond(&headers, body, entries.first().map(|e| e.updated)))
    };
    run.await.unwrap_or_else(|e| e.into_response())
}
