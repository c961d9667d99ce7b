//! Agency answers: the workspace, the public response, ratings and accountability.
// A form's fields are a server function's arguments (also in the generated client code).
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::dto::responses::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "agency_inbox")]
pub async fn load_agency_inbox(filter: Option<String>) -> Result<Inbox, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::workspace};
    let me = guard::signed_in()?;
    workspace::inbox(&ctx::state()?, &me, filter.as_deref().unwrap_or("")).await
}

#[server(endpoint = "agency_workspace")]
pub async fn load_agency_workspace(id: i64, agency: Option<i64>) -> Result<Workspace, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::workspace};
    let me = guard::signed_in()?;
    workspace::workspace(&ctx::state()?, &me, id, agency).await
}

#[server(endpoint = "save_response")]
pub async fn save_response(
    id: i64,
    agency_id: i64,
    intent: String,
    summary: String,
    details: String,
    #[server(default)] point_text: Vec<String>,
    #[server(default)] point_position: Vec<String>,
    #[server(default)] point_reason: Vec<String>,
    links: String,
    #[server(default)] cited: Vec<String>,
) -> Result<(), AppError> {
    use crate::domain::response::{POINT_ROWS, ResponseInput};
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::workspace};
    let me = guard::signed_in()?;
    let rows = point_text.len().max(point_position.len()).max(point_reason.len()).min(POINT_ROWS);
    let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    let points: Vec<(String, String, String)> = (0..rows).map(|i| (cell(&point_text, i), cell(&point_position, i), cell(&point_reason, i))).collect();
    let publish = intent == "publish";
    let input = ResponseInput { summary: summary.clone(), details: details.clone(), points: points.clone(), links: links.clone() };
    let result = workspace::save(&ctx::state()?, &me, id, workspace::Form { agency_id, input, publish, cited: cited.clone() }).await;
    let mut values: Vec<(String, String)> = vec![("summary".into(), summary), ("details".into(), details), ("links".into(), links)];
    for (i, (t, p, r)) in points.into_iter().enumerate() {
        values.extend([(format!("point_text[{i}]"), t), (format!("point_position[{i}]"), p), (format!("point_reason[{i}]"), r)]);
    }
    values.extend(cited.into_iter().enumerate().map(|(i, c)| (format!("cited[{i}]"), c)));
    let values = values.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let notice = if publish { "published" } else { "saved" };
    crate::api::form::finish(result, forms::RESPONSE, values, &format!("/agency/petitions/{id}?agency={agency_id}&notice={notice}")).await
}

#[server(endpoint = "extend_deadline")]
pub async fn extend_deadline(id: i64, agency_id: i64, days: String, extension_reason: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::workspace};
    let me = guard::signed_in()?;
    let result = workspace::extend(&ctx::state()?, &me, id, &days, &extension_reason).await;
    let values = vec![("days", days), ("extension_reason", extension_reason)];
    crate::api::form::finish(result, forms::EXTEND, values, &format!("/agency/petitions/{id}?agency={agency_id}&notice=extended")).await
}

#[server(endpoint = "request_transfer")]
pub async fn request_transfer(id: i64, agency_id: i64, to_agency: String, transfer_reason: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::transfer};
    let me = guard::signed_in()?;
    let result = transfer::request(&ctx::state()?, &me, id, &to_agency, &transfer_reason).await;
    let values = vec![("to_agency", to_agency), ("transfer_reason", transfer_reason)];
    crate::api::form::finish(result, forms::TRANSFER, values, &format!("/agency/petitions/{id}?agency={agency_id}&notice=transfer_requested")).await
}

#[server(endpoint = "decide_transfer")]
pub async fn decide_transfer(transfer_id: i64, decision: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::transfer};
    let me = guard::signed_in()?;
    let result = transfer::decide(&ctx::state()?, &me, transfer_id, decision == "accept").await;
    crate::api::form::finish(result.map(|_| ()), forms::DECIDE, vec![], "/agency?notice=transfer_decided").await
}

#[server(endpoint = "load_petition_responses")]
pub async fn load_petition_responses(id: i64) -> Result<PetitionResponses, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::public};
    let me = guard::public();
    public::for_petition(&ctx::state()?, me.as_ref(), id).await
}

#[server(endpoint = "response_versions")]
pub async fn load_response_versions(id: i64) -> Result<VersionsPage, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::public};
    let me = guard::public();
    public::versions_page(&ctx::state()?, me.as_ref(), id).await
}

#[server(endpoint = "rate_response")]
pub async fn rate_response(id: i64, helpful: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::public};
    let me = guard::signed_in()?;
    let result = public::rate(&ctx::state()?, &me, id, &helpful).await;
    crate::api::form::finish(result, forms::RATE, vec![], &format!("/petitions/{id}?notice=rated#response")).await
}

#[server(endpoint = "agency_stats")]
pub async fn load_agency_stats(sort: Option<String>) -> Result<Vec<AgencyStats>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::stats};
    guard::anyone();
    stats::all(&ctx::state()?, sort.as_deref().unwrap_or("")).await
}

#[server(endpoint = "agency_page")]
pub async fn load_agency_page(code: String) -> Result<AgencyPage, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, responses::stats};
    guard::anyone();
    stats::one(&ctx::state()?, &code).await
}
