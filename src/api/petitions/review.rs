//! Moderators' review and admins' site controls.
// A form's fields are a server function's arguments (also in the generated client code).
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::dto::petitions::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "review_queue")]
pub async fn review_queue() -> Result<Vec<ReviewItem>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::review};
    let me = guard::signed_in()?;
    review::queue(&ctx::state()?, &me).await
}

#[server(endpoint = "claim")]
pub async fn claim_petition(id: i64) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::review};
    let me = guard::signed_in()?;
    let result = review::claim(&ctx::state()?, &me, id).await;
    crate::api::form::finish(result, forms::CLAIM, vec![], &format!("/moderation/{id}?notice=claimed")).await
}

#[server(endpoint = "approve")]
pub async fn approve_petition(id: i64) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::review};
    let me = guard::signed_in()?;
    let result = review::approve(&ctx::state()?, &me, id).await;
    crate::api::form::finish(result, forms::APPROVE, vec![], "/moderation?notice=approved").await
}

#[server(endpoint = "reject")]
pub async fn reject_petition(id: i64, reason: String, explanation: String, duplicate_of: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::review};
    let me = guard::signed_in()?;
    let result = review::reject(&ctx::state()?, &me, id, &reason, &explanation, &duplicate_of).await;
    let values = vec![("reason", reason), ("explanation", explanation), ("duplicate_of", duplicate_of)];
    crate::api::form::finish(result, forms::REJECT, values, "/moderation?notice=rejected").await
}

#[server(endpoint = "reassign")]
pub async fn reassign_agencies(id: i64, #[server(default)] agency_ids: Vec<String>, reassign_reason: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::review};
    let me = guard::signed_in()?;
    let result = review::reassign(&ctx::state()?, &me, id, &agency_ids, &reassign_reason).await;
    crate::api::form::finish(result, forms::REASSIGN, vec![("reassign_reason", reassign_reason)], &format!("/moderation/{id}?notice=saved")).await
}

#[server(endpoint = "pause")]
pub async fn pause_site(proposing: Option<String>, signing: Option<String>, message_zh: String, message_en: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::pause};
    let me = guard::signed_in()?;
    let result = pause::start(&ctx::state()?, &me, proposing.is_some(), signing.is_some(), &message_zh, &message_en).await;
    crate::api::form::finish(result, forms::PAUSE, vec![("message_zh", message_zh), ("message_en", message_en)], "/admin/site?notice=paused").await
}

#[server(endpoint = "resume")]
pub async fn resume_site() -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::pause};
    let me = guard::signed_in()?;
    let result = pause::end(&ctx::state()?, &me).await;
    crate::api::form::finish(result, forms::RESUME, vec![], "/admin/site?notice=resumed").await
}

#[server(endpoint = "site_rules")]
pub async fn site_rules() -> Result<Vec<RulesView>, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, db::rules};
    guard::with(Permission::Administer)?;
    Ok(rules::all(&ctx::state()?.db.pool).await?)
}

#[server(endpoint = "update_rules")]
pub async fn update_rules(
    jurisdiction_id: i64,
    signature_threshold: String,
    signing_days: String,
    response_days: String,
    sponsors_needed: String,
    second_tier_threshold: String,
    max_agencies: String,
    review_working_days: String,
    allow_signature_withdrawal: Option<String>,
) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::admin_rules};
    let me = guard::signed_in()?;
    let input = admin_rules::RulesInput {
        signature_threshold: &signature_threshold,
        signing_days: &signing_days,
        response_days: &response_days,
        sponsors_needed: &sponsors_needed,
        second_tier_threshold: &second_tier_threshold,
        max_agencies: &max_agencies,
        review_working_days: &review_working_days,
        allow_signature_withdrawal: allow_signature_withdrawal.is_some(),
    };
    let result = admin_rules::update(&ctx::state()?, &me, jurisdiction_id, &input).await;
    let form = forms::rules(jurisdiction_id);
    crate::api::form::finish(result, &form, vec![], "/admin/site?notice=rules_saved").await
}
