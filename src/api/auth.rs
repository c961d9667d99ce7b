#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "register")]
pub async fn register(display_name: String, email: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts, ctx};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let locale = crate::i18n::use_locale();
    let result = accounts::register::run(&state, &ip, locale, &display_name, &email, &password).await;
    super::form::finish(result, forms::REGISTER, vec![("display_name", display_name), ("email", email)], "/register/sent").await
}

#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts, ctx};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let result = accounts::verify::run(&state, &ip, &token, &password).await;
    super::form::finish(result, forms::VERIFY, vec![], "/login?notice=verified").await
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts, auth::session, ctx, http::lang};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let result = accounts::login::run(&state, &ip, &email, &password).await.map(|done| {
        ctx::set_cookie(session::set_cookie_header(&state.config, &done.session_cookie));
        if let Some(locale) = done.locale {
            ctx::set_cookie(lang::lang_cookie(locale));
        }
        done.then
    });
    let to = lang::safe_next(next.as_deref().unwrap_or("/"));
    let result_to = |then: &Option<&'static str>| match then {
        Some(page) => format!("{page}?next={}", crate::domain::url::encode_query_value(&to)),
        None => to.clone(),
    };
    super::form::finish_to(result, forms::LOGIN, vec![("email", email)], result_to).await.map(|_| ())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts, auth::session, ctx};
    // A session waiting for its second factor ends too, not only its cookie.
    let me = guard::public().or_else(guard::pending_second_factor);
    let state = ctx::state()?;
    if let Some(me) = me {
        accounts::login::logout(&state, &me.session_hash).await?;
    }
    ctx::set_cookie(session::clear_cookie_header(&state.config));
    leptos_axum::redirect("/?notice=logged_out");
    Ok(())
}

#[server(endpoint = "request_reset")]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts, ctx};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let result = accounts::reset::request(&state, &ip, &email).await;
    super::form::finish(result, forms::RESET, vec![("email", email)], "/reset/sent").await
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String, password_confirm: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts, ctx};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let result = accounts::reset::confirm(&state, &ip, &token, &password, &password_confirm).await;
    super::form::finish(result, forms::RESET_CONFIRM, vec![], "/login?notice=password_reset").await
}
