//! Deliberation on a petition or consultation (`kind` "petition" or "consultation" and its
//! id): the page, writing a statement, voting, and moderators' choices.
use crate::dto::deliberation::DeliberationPage;
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn page_of(subject: crate::dto::deliberation::Subject, notice: &str) -> String {
    format!("{}?notice={notice}", subject.deliberation())
}

#[server(endpoint = "deliberation")]
pub async fn load_deliberation(kind: String, id: i64) -> Result<DeliberationPage, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, deliberation};
    let me = guard::public();
    deliberation::page(&ctx::state()?, me.as_ref(), deliberation::subject_of(&kind, id)?).await
}

#[server(endpoint = "write_statement")]
pub async fn write_statement(kind: String, subject: i64, statement: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, deliberation, deliberation::write};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let subject = deliberation::subject_of(&kind, subject)?;
    let result = write::write(&state, &me, &ctx::client_ip(&state), subject, &statement).await;
    let notice = if matches!(result, Ok(false)) { "statement_pending" } else { "statement_added" };
    crate::api::form::finish(result.map(|_| ()), forms::STATEMENT, vec![("statement", statement)], &page_of(subject, notice)).await
}

#[server(endpoint = "vote_statement")]
pub async fn vote_statement(statement_id: i64, choice: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, deliberation::vote};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = vote::vote(&state, &me, &ctx::client_ip(&state), statement_id, &choice).await;
    // The next statement comes with the page; the vote form is the page's first.
    crate::api::form::finish_to(result, forms::STATEMENT_VOTE, vec![], |s| format!("{}#vote", page_of(*s, "statement_voted"))).await.map(|_| ())
}

#[server(endpoint = "statement_strict")]
pub async fn set_statement_strict(kind: String, subject: i64, strict: String) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, deliberation, deliberation::moderate};
    let me = guard::with(Permission::Moderate)?;
    let subject = deliberation::subject_of(&kind, subject)?;
    let on = strict == "on";
    let result = moderate::set_strict(&ctx::state()?, &me, subject, on).await;
    crate::api::form::finish(result, forms::STATEMENT_STRICT, vec![], &page_of(subject, if on { "strict_on" } else { "strict_off" })).await
}

#[server(endpoint = "decide_statement")]
pub async fn decide_statement(statement_id: i64, decision: String) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, deliberation::moderate};
    let me = guard::with(Permission::Moderate)?;
    let approve = decision == "approve";
    let result = moderate::decide(&ctx::state()?, &me, statement_id, approve).await;
    let notice = if approve { "statement_approved" } else { "statement_rejected" };
    crate::api::form::finish_to(result, forms::STATEMENT_DECIDE, vec![], |s| page_of(*s, notice)).await.map(|_| ())
}

/// When the opinion map was last computed (0: not yet), for the page's live refresh.
#[server(endpoint = "map_version")]
pub async fn map_version(kind: String, id: i64) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, deliberation};
    guard::public();
    deliberation::map_version(&ctx::state()?, deliberation::subject_of(&kind, id)?).await
}
