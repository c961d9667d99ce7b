//! Attaches the logged-in user (if any) to each request, for pages and server functions.
use crate::domain::second_factor::Factor;
use crate::server::auth::session;
use crate::server::auth::user::{PendingSecondFactor, SessionUser};
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Pages only staff use (their server functions refuse on their own).
fn is_staff_page(path: &str) -> bool {
    ["/admin", "/moderation", "/agency", "/reports"].iter().any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

pub async fn attach(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let name = session::cookie_name(&state.config);
    if let Some(raw) = super::cookies::get(req.headers(), name) {
        match session::lookup(&state.db, &state.sessions, &state.config, &raw, state.now()).await {
            // Password only, second factor still to come: not signed in, except for the code page.
            Ok(Some(user)) if user.factor == Factor::Pending => {
                req.extensions_mut().insert(PendingSecondFactor(user));
            }
            Ok(Some(user)) => {
                // A staff account without a second factor is taken to enrolment first.
                if user.factor == Factor::EnrolRequired && is_staff_page(req.uri().path()) && req.method() == http::Method::GET {
                    let next = crate::domain::url::encode_query_value(req.uri().path());
                    return axum::response::Redirect::to(&format!("/profile/second-factor?next={next}")).into_response();
                }
                req.extensions_mut().insert::<SessionUser>(user);
            }
            Ok(None) => {}
            // Who this is cannot be known: an honest "try again", never "not signed in".
            Err(e) => {
                tracing::warn!(error = %e, "session lookup failed");
                return super::outage::for_unread(req, crate::server::http::locale::resolve_locale).await;
            }
        }
    }
    next.run(req).await
}
