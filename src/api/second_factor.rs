//! The second factor's server functions: enrolment, the code after the password,
//! removal. Each checks who may call it.
use crate::dto::common::SecondFactorView;
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn next_or(next: Option<String>, fallback: &str) -> String {
    crate::server::http::lang::safe_next(next.as_deref().filter(|n| !n.is_empty()).unwrap_or(fallback))
}

#[server(endpoint = "second_factor")]
pub async fn second_factor_status() -> Result<SecondFactorView, AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::second_factor, ctx};
    let me = guard::signed_in()?;
    second_factor::status(&ctx::state()?, &me).await
}

#[server(endpoint = "second_factor_start")]
pub async fn start_second_factor(#[server(default)] next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::second_factor, ctx};
    let me = guard::signed_in()?;
    let result = second_factor::start(&ctx::state()?, &me).await;
    let back = format!("/profile/second-factor?next={}", crate::domain::url::encode_query_value(&next_or(next, "/profile")));
    super::form::finish(result, forms::SECOND_FACTOR, vec![], &back).await
}

/// The first code; on success the recovery codes are shown once on the page.
#[server(endpoint = "second_factor_confirm")]
pub async fn confirm_second_factor(code: String, #[server(default)] next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::second_factor, ctx, flash};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    match second_factor::confirm(&state, &me, &code).await {
        Ok(codes) => {
            let id = flash::keep(&state, "recovery_codes", vec![("codes", codes.join(" "))]).await.unwrap_or_default();
            let next = crate::domain::url::encode_query_value(&next_or(next, "/profile"));
            leptos_axum::redirect(&format!("/profile/second-factor?flash={id}&next={next}"));
            Ok(())
        }
        Err(e) => super::form::finish(Err(e), forms::SECOND_FACTOR, vec![], "/profile/second-factor").await,
    }
}

/// After the password, for a session that has not passed the second factor yet.
#[server(endpoint = "second_factor_verify")]
pub async fn verify_second_factor(code: String, #[server(default)] next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::second_factor, ctx};
    let pending = guard::pending_second_factor();
    let state = ctx::state()?;
    let result = match pending {
        Some(pending) => second_factor::verify(&state, &pending, &code).await,
        None => Err(AppError::Unauthenticated),
    };
    super::form::finish(result, forms::SECOND_FACTOR_LOGIN, vec![], &next_or(next, "/")).await
}

#[server(endpoint = "second_factor_remove")]
pub async fn remove_second_factor(code: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::second_factor, ctx};
    let me = guard::signed_in()?;
    let result = second_factor::remove(&ctx::state()?, &me, &code).await;
    super::form::finish(result, forms::SECOND_FACTOR_REMOVE, vec![], "/profile/second-factor?notice=saved").await
}
