//! The language switch: a plain form POST, so it works without JavaScript.
//! The choice is remembered in a cookie, and on the account when logged in.
use crate::i18n::{LANG_COOKIE, Locale};
use crate::server::auth::session::SessionUser;
use crate::server::db::users;
use crate::server::state::AppState;
use axum::Form;
use axum::extract::{Extension, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::header::SET_COOKIE;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangForm {
    pub lang: String,
    #[serde(default)]
    pub next: String,
}

pub use crate::domain::url::safe_local_path as safe_next;

pub fn lang_cookie(locale: Locale) -> String {
    format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag())
}

pub async fn switch(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Form(form): Form<LangForm>) -> Response {
    let locale = Locale::from_tag(&form.lang).unwrap_or_default();
    if let Some(Extension(user)) = user
        && let Err(e) = users::set_locale(&state.db.pool, user.user_id, locale.tag()).await
    {
        tracing::error!(error = %e, "could not save language");
    }
    state.sessions_changed();
    ([(SET_COOKIE, lang_cookie(locale))], Redirect::to(&safe_next(&form.next))).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_site() {
        assert_eq!(super::safe_next("/profile?x=1"), "/profile?x=1");
        assert_eq!(super::safe_next("//evil.example"), "/");
        assert_eq!(super::safe_next("https://evil.example"), "/");
        assert_eq!(super::safe_next("/\\evil"), "/");
        assert_eq!(super::safe_next("/\t/evil.example"), "/");
    }
}
