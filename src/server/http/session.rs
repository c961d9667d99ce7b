//! Attaches the logged-in user (if any) to each request, for pages and server functions.
use crate::server::auth::session::{self, SessionUser};
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

pub async fn attach(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let name = session::cookie_name(&state.config);
    if let Some(raw) = super::cookies::get(req.headers(), name) {
        match session::lookup(&state.db, &state.sessions, &state.config, &raw, state.now()).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert::<SessionUser>(user);
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(req).await
}
