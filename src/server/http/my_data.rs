//! `GET /profile/data.zip`: the signed-in person's data ("Download my data"). A plain
//! link, so it works without JavaScript; never cached anywhere.
use crate::server::auth::session::SessionUser;
use crate::server::db::users;
use crate::server::state::AppState;
use axum::Extension;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn get(State(state): State<AppState>, me: Option<Extension<SessionUser>>) -> Response {
    let Some(Extension(me)) = me else {
        return Redirect::to("/login?next=/profile").into_response();
    };
    match crate::server::privacy::export::my_data(&state, &me).await {
        Ok((name, bytes)) => {
            let now = state.now();
            if let Err(e) = users::audit(&state.db.pool, Some(me.user_id), "account.export", &format!("user:{}", me.user_id), "", now).await {
                tracing::warn!(error = %e, "export not audited");
            }
            (
                [
                    (header::CONTENT_TYPE, "application/zip".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => {
            tracing::error!(error = ?e, "data export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
