//! `POST /unsubscribe/follow/{token}`: one-click unfollow (RFC 8058) from a follower's
//! mail. Mail clients post without cookies or an Origin, so the random token is the only
//! authority (the CSRF guard lets `/unsubscribe/` through); the page's own button posts
//! here too and is sent back to the page with the outcome.
use crate::server::auth::tokens;
use crate::server::db::follows;
use crate::server::error::ServerError;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

/// Unfollow what the token names; false for an unknown (or expired) token.
pub async fn by_token(state: &AppState, raw: &str) -> Result<bool, ServerError> {
    let mut tx = state.db.begin().await?;
    let done = follows::unfollow_by_token(&mut tx, &tokens::hash(raw.trim())).await?;
    tx.commit().await?;
    Ok(done)
}

pub async fn post(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token: String = token.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(100).collect();
    let done = match by_token(&state, &token).await {
        Ok(true) => "1",
        Ok(false) => "0",
        Err(e) => {
            tracing::error!(error = %e, "unfollow failed");
            "0"
        }
    };
    Redirect::to(&format!("/unsubscribe/follow/{token}?done={done}")).into_response()
}
