//! Discussion (comments, votes, reports) and moderation (queue, decisions, appeals, log).
// A form's fields are a server function's arguments (also in the generated client code).
#![allow(clippy::too_many_arguments)]

use crate::dto::discussion::*;
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

/// Where to send the browser back to on the petition's (or consultation's) page: only that
/// page's own discussion links are accepted (never another site).
#[cfg(feature = "ssr")]
fn back_to(subject: crate::dto::deliberation::Subject, back: &str, notice: &str, anchor: &str) -> String {
    let query: String = back
        .split('&')
        .filter(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            matches!(k, "csort" | "cpage") && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect::<Vec<_>>()
        .join("&");
    let query = if query.is_empty() { format!("notice={notice}") } else { format!("{query}&notice={notice}") };
    format!("{}?{query}#{anchor}", subject.page())
}

/// A page of the discussion of a petition or consultation (`kind` "petition" or
/// "consultation" and its id).
#[server(endpoint = "thread")]
pub async fn load_thread(kind: String, id: i64, sort: Option<String>, page: Option<i64>) -> Result<Thread, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, deliberation::subject_of, discussion};
    let me = guard::public();
    discussion::thread(&ctx::state()?, me.as_ref(), subject_of(&kind, id)?, sort.as_deref().unwrap_or(""), page.unwrap_or(1)).await
}

#[server(endpoint = "post_comment")]
pub async fn post_comment(
    kind: String,
    subject: i64,
    parent: Option<String>,
    body: String,
    as_agency: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, deliberation::subject_of, discussion::write};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let subject = subject_of(&kind, subject)?;
    let parent_id = parent.as_deref().and_then(|p| p.parse().ok());
    let post = write::Post { subject, parent_id, body: &body, as_agency: as_agency.as_deref().unwrap_or("") };
    let result = write::post(&state, &me, &ctx::client_ip(&state), post).await.map(|_| ());
    let form = parent_id.map(forms::reply).unwrap_or_else(|| forms::COMMENT.into());
    let to = back_to(subject, back.as_deref().unwrap_or(""), "commented", "discussion");
    crate::api::form::finish(result, &form, vec![("body", body)], &to).await
}

#[server(endpoint = "edit_comment")]
pub async fn edit_comment(id: i64, body: String, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, discussion::write};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = write::edit(&state, &me, &ctx::client_ip(&state), id, &body).await;
    let to = result.as_ref().map(|s| back_to(*s, back.as_deref().unwrap_or(""), "comment_edited", &format!("comment-{id}"))).unwrap_or_default();
    crate::api::form::finish(result.map(|_| ()), &forms::edit(id), vec![("body", body)], &to).await
}

#[server(endpoint = "delete_comment")]
pub async fn delete_comment(id: i64, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, discussion::write};
    let me = guard::signed_in()?;
    let result = write::delete(&ctx::state()?, &me, id).await;
    let to = result.as_ref().map(|s| back_to(*s, back.as_deref().unwrap_or(""), "comment_deleted", &format!("comment-{id}"))).unwrap_or_default();
    crate::api::form::finish(result.map(|_| ()), &forms::comment(id), vec![], &to).await
}

#[server(endpoint = "vote_comment")]
pub async fn vote_comment(id: i64, direction: String, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, discussion::vote};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let result = vote::vote(&state, &me, &ctx::client_ip(&state), id, &direction).await.map(|(s, _)| s);
    let to = result.as_ref().map(|s| back_to(*s, back.as_deref().unwrap_or(""), "voted", &format!("comment-{id}"))).unwrap_or_default();
    crate::api::form::finish(result.map(|_| ()), &forms::comment(id), vec![], &to).await
}

/// The same vote from the voting buttons with JavaScript on: the page stays, and the
/// buttons show the new tally. (On an error the buttons post the form above instead,
/// so the error is shown as it is without JavaScript.)
#[server(endpoint = "vote_comment_live")]
pub async fn vote_comment_live(id: i64, direction: String) -> Result<VoteTally, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, discussion::vote};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    vote::vote(&state, &me, &ctx::client_ip(&state), id, &direction).await.map(|(_, tally)| tally)
}

#[server(endpoint = "report")]
pub async fn report_content(target: String, reason: Option<String>, details: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, discussion::report};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let reason = reason.unwrap_or_default();
    let result = report::report(&state, &me, &ctx::client_ip(&state), &target, &reason, &details).await;
    let to = match &result {
        Ok((page, report::Reported::Done)) => format!("{page}?notice=reported"),
        Ok((page, report::Reported::Already)) => format!("{page}?notice=already_reported"),
        Err(_) => String::new(),
    };
    let values = vec![("reason", reason), ("details", details)];
    crate::api::form::finish(result.map(|_| ()), &forms::report(&target), values, &to).await
}

#[server(endpoint = "mod_queue")]
pub async fn load_mod_queue(item: Option<String>) -> Result<ModQueue, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::queue};
    let me = guard::signed_in()?;
    queue::queue(&ctx::state()?, &me, item.as_deref()).await
}

#[server(endpoint = "moderate")]
pub async fn moderate(target: String, kind: String, mod_reason: Option<String>, explanation: String, length: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::act};
    let me = guard::signed_in()?;
    let (mod_reason, length) = (mod_reason.unwrap_or_default(), length.unwrap_or_default());
    let d = act::Decision { target: &target, kind: &kind, reason: &mod_reason, explanation: &explanation, length: &length };
    let result = act::decide(&ctx::state()?, &me, d).await.map(|_| ());
    let values = vec![("mod_reason", mod_reason), ("explanation", explanation), ("length", length)];
    crate::api::form::finish(result, &forms::moderate(&target), values, "/reports?notice=moderated").await
}

#[server(endpoint = "decision")]
pub async fn load_decision(id: i64) -> Result<DecisionView, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::appeal};
    let me = guard::signed_in()?;
    appeal::view(&ctx::state()?, &me, id).await
}

#[server(endpoint = "appeal")]
pub async fn file_appeal(action_id: i64, appeal_text: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::appeal};
    let me = guard::signed_in()?;
    let result = appeal::file(&ctx::state()?, &me, action_id, &appeal_text).await;
    crate::api::form::finish(result, forms::APPEAL, vec![("appeal_text", appeal_text)], &format!("/decisions/{action_id}?notice=appealed")).await
}

#[server(endpoint = "decide_appeal")]
pub async fn decide_appeal(appeal_id: i64, decision: String, mod_reason: Option<String>, explanation: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::appeal};
    let me = guard::signed_in()?;
    let mod_reason = mod_reason.unwrap_or_default();
    let result = appeal::decide(&ctx::state()?, &me, appeal_id, decision == "uphold", &mod_reason, &explanation).await.map(|_| ());
    let values = vec![("mod_reason", mod_reason), ("explanation", explanation)];
    crate::api::form::finish(result, &forms::appeal_decision(appeal_id), values, "/reports?notice=appeal_decided").await
}

#[server(endpoint = "mod_log")]
pub async fn load_mod_log(page: Option<i64>) -> Result<ModLog, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, moderation::log};
    let me = guard::public();
    log::page(&ctx::state()?, me.as_ref(), page.unwrap_or(1)).await
}
