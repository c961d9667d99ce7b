//! `POST /unsubscribe/{token}`: one-click unsubscribe (RFC 8058) from a petition's
//! updates. Mail clients post without cookies or an Origin, so the random token is the
//! only authority (the CSRF guard lets this path through); the page's own button posts
//! here too and is sent back to the page with the outcome.
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn post(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token: String = token.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(100).collect();
    let done = match crate::server::responses::jobs::unsubscribe(&state, &token).await {
        Ok(true) => "1",
        Ok(false) => "0",
        Err(e) => {
            tracing::error!(error = %e, "unsubscribe failed");
            "0"
        }
    };
    Redirect::to(&format!("/unsubscribe/{token}?done={done}")).into_response()
}
