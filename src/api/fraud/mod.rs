//! The fraud console's server functions (moderators only; each checks through the
//! action it calls).
// A selection is several plain form fields, and server functions take them one by one.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::dto::fraud::{FraudAlert, FraudView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn form(block: String, domain: String, user_agent: String, from: String, until: String, flagged_only: bool) -> crate::dto::fraud::SelectionForm {
    crate::dto::fraud::SelectionForm { block, domain, user_agent, from, until, flagged_only }
}

/// The console for a petition; with `preview` set, also how many the selection takes.
#[server(endpoint = "fraud_review")]
pub async fn fraud_review(
    id: i64,
    #[server(default)] block: String,
    #[server(default)] domain: String,
    #[server(default)] user_agent: String,
    #[server(default)] from: String,
    #[server(default)] until: String,
    #[server(default)] flagged_only: Option<String>,
    #[server(default)] preview: Option<String>,
) -> Result<FraudView, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::fraud};
    let me = guard::signed_in()?;
    let f = preview.is_some().then(|| form(block, domain, user_agent, from, until, flagged_only.is_some()));
    fraud::view(&ctx::state()?, &me, id, f).await
}

#[server(endpoint = "invalidate_signatures")]
pub async fn invalidate_signatures(
    id: i64,
    #[server(default)] block: String,
    #[server(default)] domain: String,
    #[server(default)] user_agent: String,
    #[server(default)] from: String,
    #[server(default)] until: String,
    #[server(default)] flagged_only: Option<String>,
    #[server(default)] reason: String,
    #[server(default)] explanation: String,
) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::fraud};
    let me = guard::signed_in()?;
    let f = form(block, domain, user_agent, from, until, flagged_only.is_some());
    let result = fraud::invalidate(&ctx::state()?, &me, id, &f, &reason, &explanation).await;
    let values = vec![
        ("block", f.block),
        ("domain", f.domain),
        ("user_agent", f.user_agent),
        ("from", f.from),
        ("until", f.until),
        ("reason", reason),
        ("explanation", explanation),
    ];
    crate::api::form::finish(result, forms::INVALIDATE, values, &format!("/moderation/petitions/{id}/signatures?notice=invalidated")).await
}

#[server(endpoint = "restore_signatures")]
pub async fn restore_signatures(invalidation_id: i64) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::fraud};
    let me = guard::signed_in()?;
    let result = fraud::restore(&ctx::state()?, &me, invalidation_id).await;
    crate::api::form::finish_to(result, forms::RESTORE, vec![], |id| format!("/moderation/petitions/{id}/signatures?notice=restored")).await
}

#[server(endpoint = "fraud_alerts")]
pub async fn fraud_alerts() -> Result<Vec<FraudAlert>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::fraud};
    let me = guard::signed_in()?;
    fraud::alerts(&ctx::state()?, &me).await
}
