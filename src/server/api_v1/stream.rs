//! `/api/v1/stream`: Server-Sent Events of petitions' state and count changes, for all
//! petitions or one (`?petition=`). A stream starts with the petition's current values,
//! sends a heartbeat comment every 15 s, and holds one bounded buffer; the number of open
//! streams per instance is capped.
use super::problem::Problem;
use crate::server::live::Change;
use crate::server::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamParams {
    /// Only this petition's changes (its current values come first).
    pub petition: Option<i64>,
}

fn event(c: &Change) -> Event {
    Event::default().event("petition").json_data(c).unwrap_or_else(|_| Event::default().comment("unencodable change"))
}

/// Live changes as `text/event-stream`; each event is named `petition` and carries a `Change`.
#[utoipa::path(get, path = "/api/v1/stream", params(StreamParams), tag = "stream",
    responses((status = 200, description = "Server-Sent Events; each `petition` event's data is a Change", body = Change, content_type = "text/event-stream"),
        (status = 404, body = Problem), (status = 503, body = Problem)))]
pub async fn stream(State(state): State<AppState>, Query(p): Query<StreamParams>) -> Response {
    let Ok(permit) = state.live.streams.clone().try_acquire_owned() else {
        return Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too-many-streams",
            "Too many streams",
            "This server has as many live streams as it can hold; retry shortly.",
        )
        .into_response();
    };
    let first = match p.petition {
        None => None,
        Some(id) => {
            let row = crate::server::db::live::public_figure(&state.db.read_pool, id).await;
            match row {
                Ok(Some(r)) => {
                    // The state as every other surface shows it (a lapsed window reads closed).
                    let Ok(shift) = crate::server::petitions::queries::pause_shift(&state).await else { return Problem::internal().into_response() };
                    let closes = shift.closes(r.closes_at);
                    let shown = crate::server::petitions::queries::shown_state(&r.state, closes, shift.now);
                    Some(Change { petition_id: id, state: shown.code().into(), signature_count: r.signature_count })
                }
                Ok(None) => return Problem::not_found("petition").into_response(),
                Err(e) => return Problem::from(e).into_response(),
            }
        }
    };
    let only = p.petition;
    let changes = futures::stream::unfold((state.live.subscribe(), permit), move |(mut rx, permit)| async move {
        loop {
            match rx.recv().await {
                Ok(c) if only.is_none_or(|id| id == c.petition_id) => return Some((Ok::<_, Infallible>(event(&c)), (rx, permit))),
                Ok(_) => continue,
                // Too far behind: skip to what is current (counts are totals, not deltas).
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let start = futures::stream::iter(first.map(|c| Ok(event(&c))));
    Sse::new(start.chain(changes)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("heartbeat")).into_response()
}
