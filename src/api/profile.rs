use crate::dto::common::ProfileView;
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "profile")]
pub async fn get_profile() -> Result<ProfileView, AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::profile, ctx};
    let me = guard::signed_in()?;
    profile::view(&ctx::state()?, &me).await
}

#[server(endpoint = "profile_name")]
pub async fn update_display_name(display_name: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::profile, ctx};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = profile::update_name(&state, &me, &display_name).await;
    super::form::finish(result, forms::PROFILE_NAME, vec![("display_name", display_name)], "/profile?notice=saved").await
}

#[server(endpoint = "profile_password")]
pub async fn change_password(current_password: String, password: String, password_confirm: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::profile, ctx};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = profile::change_password(&state, &me, &current_password, &password, &password_confirm).await;
    super::form::finish(result, forms::PROFILE_PASSWORD, vec![], "/profile?notice=password_changed").await
}

#[server(endpoint = "profile_preferences")]
pub async fn update_preferences(locale: String, notify_signed: Option<String>, notify_proposed: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::profile, ctx, http::lang};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = profile::update_preferences(&state, &me, &locale, notify_signed.is_some(), notify_proposed.is_some())
        .await
        .map(|l| ctx::set_cookie(lang::lang_cookie(l)));
    super::form::finish(result, forms::PROFILE_PREFERENCES, vec![], "/profile?notice=saved").await
}

#[server(endpoint = "profile_delete")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::profile, auth::session, ctx};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = profile::delete_account(&state, &me, &password).await.map(|()| ctx::set_cookie(session::clear_cookie_header(&state.config)));
    super::form::finish(result, forms::PROFILE_DELETE, vec![], "/?notice=account_deleted").await
}
