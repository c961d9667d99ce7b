//! Draft regulations out for comment (法規預告): the list, a notice's page and the difference
//! between versions; the officer's notice form; comments; the agency's answers, overall
//! statement, versions and final text.
// A form's fields are a server function's arguments (also in the generated client code).
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::dto::regulations::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "regulations")]
pub async fn load_regulations(
    #[server(default)] phase: String,
    #[server(default)] agency: String,
    #[server(default)] category: String,
) -> Result<RegulationList, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, regulations};
    let me = guard::public();
    regulations::list(&ctx::state()?, me.as_ref(), &phase, &agency, &category).await
}

/// A notice at one version (0: the latest).
#[server(endpoint = "regulation")]
pub async fn load_regulation(id: i64, #[server(default)] version: i64) -> Result<RegulationPage, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, regulations};
    let me = guard::public();
    regulations::page(&ctx::state()?, me.as_ref(), id, version).await
}

/// The difference between versions `from` and `to` (0: the first and the latest).
#[server(endpoint = "regulation_diff")]
pub async fn load_regulation_diff(id: i64, #[server(default)] from: i64, #[server(default)] to: i64) -> Result<RegulationDiff, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, regulations};
    let me = guard::public();
    regulations::diff(&ctx::state()?, me.as_ref(), id, from, to).await
}

/// The notice form: new (`id` absent) or an unpublished notice to change.
#[server(endpoint = "regulation_form")]
pub async fn load_regulation_form(#[server(default)] id: Option<i64>) -> Result<NewRegulationPage, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations::draft};
    let me = guard::with(Permission::ActForAgency)?;
    draft::form(&ctx::state()?, &me, id).await
}

#[server(endpoint = "save_regulation")]
pub async fn save_regulation(
    #[server(default)] id: Option<i64>,
    #[server(default)] agency_id: String,
    title: String,
    legal_basis: String,
    purpose: String,
    draft: String,
    #[server(default)] comparison: String,
    last_day: String,
    contact: String,
    #[server(default)] category_id: String,
) -> Result<i64, AppError> {
    use crate::domain::regulation::notice::NoticeInput;
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations};
    let me = guard::with(Permission::ActForAgency)?;
    let input = NoticeInput { agency_id, title, legal_basis, purpose, draft, comparison, last_day, contact, category_id };
    let result = regulations::draft::save(&ctx::state()?, &me, id, &input).await;
    let values = vec![
        ("agency_id", input.agency_id),
        ("title", input.title),
        ("legal_basis", input.legal_basis),
        ("purpose", input.purpose),
        ("draft", input.draft),
        ("comparison", input.comparison),
        ("last_day", input.last_day),
        ("contact", input.contact),
        ("category_id", input.category_id),
    ];
    crate::api::form::finish_to(result, forms::REGULATION, values, |id| format!("/regulations/{id}?notice=regulation_saved")).await
}

#[server(endpoint = "publish_regulation")]
pub async fn publish_regulation(id: i64) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations};
    let me = guard::with(Permission::ActForAgency)?;
    let result = regulations::draft::publish(&ctx::state()?, &me, id).await;
    crate::api::form::finish(result, forms::REGULATION_PUBLISH, vec![], &format!("/regulations/{id}?notice=regulation_published")).await
}

#[server(endpoint = "comment_regulation")]
pub async fn comment_regulation(
    regulation_id: i64,
    #[server(default)] article: String,
    #[server(default)] stance: String,
    body: String,
    #[server(default)] wording: String,
    #[server(default)] speak_as: String,
) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::ctx;
    use crate::server::regulations::comment::{Comment, comment};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let c = Comment { regulation_id, article: &article, stance: &stance, body: &body, wording: &wording, speak_as: &speak_as };
    let result = comment(&state, &me, &ctx::client_ip(&state), c).await;
    let anchor = if article.is_empty() { "general".to_string() } else { format!("a-{article}") };
    let values = vec![("stance", stance), ("body", body), ("wording", wording), ("speak_as", speak_as)];
    let form = forms::regulation_comment(&article);
    crate::api::form::finish_to(result, &form, values, |_| format!("/regulations/{regulation_id}?notice=regulation_commented#{anchor}")).await.map(|_| ())
}

/// The agency's workspace after the period.
#[server(endpoint = "regulation_workspace")]
pub async fn load_regulation_workspace(id: i64) -> Result<RegulationWorkspace, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations::answer};
    let me = guard::with(Permission::ActForAgency)?;
    answer::workspace(&ctx::state()?, &me, id).await
}

#[server(endpoint = "answer_regulation")]
pub async fn answer_regulation(
    regulation_id: i64,
    #[server(default)] comments: Vec<String>,
    #[server(default)] outcome: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations::answer};
    let me = guard::with(Permission::ActForAgency)?;
    let result = answer::answer(&ctx::state()?, &me, regulation_id, &comments, &outcome, &reason).await;
    // The ticks come back after a failed plain post (the form looks for the ids).
    let ticks: Vec<(String, String)> = comments.into_iter().enumerate().map(|(i, c)| (format!("comments[{i}]"), c)).collect();
    let mut values = vec![("outcome", outcome), ("reason", reason)];
    values.extend(ticks.iter().map(|(k, v)| (k.as_str(), v.clone())));
    let to = format!("/regulations/{regulation_id}/answers?notice=regulation_answered");
    crate::api::form::finish(result.map(|_| ()), forms::REGULATION_ANSWER, values, &to).await
}

#[server(endpoint = "conclude_regulation")]
pub async fn conclude_regulation(regulation_id: i64, overall: String) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations::answer};
    let me = guard::with(Permission::ActForAgency)?;
    let result = answer::conclude(&ctx::state()?, &me, regulation_id, &overall).await;
    let to = format!("/regulations/{regulation_id}?notice=regulation_concluded#overall");
    crate::api::form::finish(result, forms::REGULATION_OVERALL, vec![("overall", overall)], &to).await
}

#[server(endpoint = "revise_regulation")]
pub async fn revise_regulation(
    regulation_id: i64,
    draft: String,
    #[server(default)] comparison: String,
    #[server(default)] note: String,
) -> Result<i64, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations::answer};
    let me = guard::with(Permission::ActForAgency)?;
    let result = answer::revise(&ctx::state()?, &me, regulation_id, &draft, &comparison, &note).await;
    let values = vec![("draft", draft), ("comparison", comparison), ("note", note)];
    crate::api::form::finish_to(result, forms::REGULATION_VERSION, values, |n| format!("/regulations/{regulation_id}/diff?to={n}&notice=regulation_revised"))
        .await
}

#[server(endpoint = "issue_regulation")]
pub async fn issue_regulation(regulation_id: i64) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, regulations::answer};
    let me = guard::with(Permission::ActForAgency)?;
    let result = answer::issue(&ctx::state()?, &me, regulation_id).await;
    crate::api::form::finish(result, forms::REGULATION_ISSUE, vec![], &format!("/regulations/{regulation_id}?notice=regulation_issued")).await
}
