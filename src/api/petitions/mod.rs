//! Petition server functions: reads for pages, and the forms of proposers and signers.
//! Review and site administration are in `review`.
// A form's fields are a server function's arguments (also in the generated client code).
#![allow(clippy::too_many_arguments)]
pub mod review;

#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::dto::petitions::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "petition")]
pub async fn get_petition(id: i64) -> Result<PetitionDetail, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    let me = guard::public();
    queries::detail(&ctx::state()?, me.as_ref(), id).await
}

#[server(endpoint = "petitions")]
pub async fn list_petitions(query: ListQuery) -> Result<ListPage, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    guard::anyone();
    queries::list(&ctx::state()?, &query).await
}

#[server(endpoint = "home_lists")]
pub async fn load_home_lists() -> Result<HomeLists, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    guard::anyone();
    queries::home(&ctx::state()?).await
}

/// Existing petitions like the title being typed.
#[server(endpoint = "similar")]
pub async fn similar_petitions(text: String, exclude: Option<i64>) -> Result<Vec<PetitionSummary>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    guard::anyone();
    let text: String = text.chars().take(200).collect();
    queries::similar(&ctx::state()?, &text, exclude).await
}

#[server(endpoint = "propose_options")]
pub async fn load_propose_options() -> Result<ProposeOptions, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    guard::anyone();
    queries::propose_options(&ctx::state()?).await
}

#[server(endpoint = "my_draft")]
pub async fn my_draft(id: i64) -> Result<DraftView, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    let me = guard::signed_in()?;
    queries::draft(&ctx::state()?, &me, id).await
}

#[server(endpoint = "my_petitions")]
pub async fn my_petitions() -> Result<Vec<PetitionSummary>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    let me = guard::signed_in()?;
    queries::mine(&ctx::state()?, &me).await
}

#[server(endpoint = "my_signatures")]
pub async fn my_signatures() -> Result<Vec<MySignature>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::queries};
    let me = guard::signed_in()?;
    queries::my_signatures(&ctx::state()?, &me).await
}

#[server(endpoint = "site_pause")]
pub async fn site_pause() -> Result<Option<PauseView>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, db::rules};
    guard::anyone();
    Ok(rules::current_pause(&ctx::state()?.db.read_pool).await?)
}

/// The live figure for a petition page (polled with JavaScript on).
#[server(endpoint = "petition_count")]
pub async fn petition_count(id: i64) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, db::petitions};
    guard::anyone();
    let state = ctx::state()?;
    let row = petitions::get(&state.db.read_pool, id).await?.ok_or(AppError::NotFound)?;
    if !row.petition.state.is_public() {
        return Err(AppError::NotFound);
    }
    Ok(row.signature_count)
}

/// Save, preview or submit a proposal. `intent` is the button pressed.
#[server(endpoint = "save_proposal")]
pub async fn save_proposal(
    id: String,
    title: String,
    problem: String,
    action: String,
    benefits: String,
    evidence: String,
    category_id: String,
    jurisdiction_id: String,
    #[server(default)] agency_ids: Vec<String>,
    intent: String,
) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::propose};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let input = crate::domain::petition::proposal::ProposalInput { title, problem, action, benefits, evidence, category_id, jurisdiction_id, agency_ids };
    let submit = intent == "submit";
    let result = propose::save(&state, &me, id.trim().parse().ok(), &input, submit).await;
    let mut values = vec![
        ("title", input.title),
        ("problem", input.problem),
        ("action", input.action),
        ("benefits", input.benefits),
        ("evidence", input.evidence),
        ("category_id", input.category_id),
        ("jurisdiction_id", input.jurisdiction_id),
    ];
    let agencies: Vec<(String, String)> = input.agency_ids.into_iter().enumerate().map(|(i, a)| (format!("agency_ids[{i}]"), a)).collect();
    let agency_values: Vec<(&str, String)> = agencies.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    values.extend(agency_values);
    super::form::finish_to(result, forms::PROPOSE, values, |id| match intent.as_str() {
        "submit" => format!("/petitions/{id}?notice=submitted"),
        "preview" => format!("/petitions/{id}?notice=preview"),
        _ => format!("/petitions/{id}/edit?notice=saved"),
    })
    .await
}

/// Submit a saved draft from its preview.
#[server(endpoint = "submit_proposal")]
pub async fn submit_proposal(id: i64) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::propose};
    let me = guard::signed_in()?;
    let result = propose::submit(&ctx::state()?, &me, id).await;
    super::form::finish_to(result, forms::SUBMIT, vec![], |id| format!("/petitions/{id}?notice=submitted")).await
}

#[server(endpoint = "withdraw_petition")]
pub async fn withdraw_petition(id: i64) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::propose};
    let me = guard::signed_in()?;
    let result = propose::withdraw(&ctx::state()?, &me, id).await;
    super::form::finish(result, forms::WITHDRAW, vec![], &format!("/petitions/{id}?notice=withdrawn")).await
}

#[server(endpoint = "sponsor")]
pub async fn sponsor_petition(key: String) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::propose};
    let me = guard::signed_in()?;
    let result = propose::sponsor(&ctx::state()?, &me, &key).await;
    super::form::finish_to(result, forms::SPONSOR, vec![], |id| format!("/petitions/{id}?notice=sponsored")).await
}

/// One click for a logged-in user.
#[server(endpoint = "sign")]
pub async fn sign_petition(id: i64, county: String, notify: Option<String>) -> Result<SignOutcome, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::sign};
    // Not signed in: the form shows the error (and the way to sign as a guest).
    let me = guard::signed_in();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let agent = ctx::user_agent();
    let from = sign::Client { ip: &ip, user_agent: &agent };
    let result = match me {
        Ok(me) => sign::as_user(&state, &me, from, id, &county, notify.is_some()).await,
        Err(e) => Err(e),
    };
    super::form::finish_to(result, forms::SIGN, vec![("county", county)], |o| match o {
        SignOutcome::AlreadySigned => format!("/petitions/{id}?notice=already_signed"),
        _ => format!("/petitions/{id}?notice=signed"),
    })
    .await
}

/// A visitor signs with name, email and county; the email confirms it.
#[server(endpoint = "sign_guest")]
pub async fn sign_as_guest(id: i64, name: String, email: String, county: String, notify: Option<String>) -> Result<SignOutcome, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::sign};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let locale = crate::i18n::use_locale();
    let guest = sign::Guest { name: &name, email: &email, county: &county, notify: notify.is_some() };
    let agent = ctx::user_agent();
    let result = sign::as_guest(&state, sign::Client { ip: &ip, user_agent: &agent }, locale, id, guest).await;
    super::form::finish(result, forms::SIGN_GUEST, vec![("name", name), ("email", email), ("county", county)], "/sign/sent").await
}

#[server(endpoint = "confirm_signature")]
pub async fn confirm_signature(token: String) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::sign};
    guard::anyone();
    let state = ctx::state()?;
    let ip = ctx::client_ip(&state);
    let result = sign::confirm(&state, &ip, &token).await.map(|(id, _)| id);
    // Back to the emailed page, which now offers the receipt (the token is hex, as in the mail).
    let token: String = token.trim().chars().filter(char::is_ascii_hexdigit).collect();
    super::form::finish_to(result, forms::CONFIRM_SIGNATURE, vec![], move |_| format!("/sign/confirm?token={token}&notice=signature_confirmed")).await
}

#[server(endpoint = "withdraw_signature")]
pub async fn withdraw_signature(id: i64) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, petitions::sign};
    let me = guard::signed_in()?;
    let result = sign::withdraw(&ctx::state()?, &me, id).await;
    super::form::finish(result, forms::WITHDRAW_SIGNATURE, vec![], &format!("/petitions/{id}?notice=signature_withdrawn")).await
}
