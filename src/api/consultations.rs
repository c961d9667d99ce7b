//! Consultations (眾開講): the list, a consultation's page, opening one and publishing its
//! conclusions. The statements and the map are the deliberation functions' (kind "consultation").
#![allow(clippy::too_many_arguments)]
use crate::dto::consultations::{ConsultationList, ConsultationPage, NewConsultationPage};
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "consultations")]
pub async fn load_consultations(
    #[server(default)] phase: String,
    #[server(default)] stage: String,
    #[server(default)] agency: String,
) -> Result<ConsultationList, AppError> {
    use crate::server::auth::guard;
    use crate::server::{consultations, ctx};
    let me = guard::public();
    consultations::list(&ctx::state()?, me.as_ref(), &phase, &stage, &agency).await
}

#[server(endpoint = "consultation")]
pub async fn load_consultation(id: i64) -> Result<ConsultationPage, AppError> {
    use crate::server::auth::guard;
    use crate::server::{consultations, ctx};
    let me = guard::public();
    consultations::page(&ctx::state()?, me.as_ref(), id).await
}

#[server(endpoint = "new_consultation")]
pub async fn load_new_consultation() -> Result<NewConsultationPage, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{consultations, ctx};
    let me = guard::with(Permission::ActForAgency)?;
    consultations::open::form(&ctx::state()?, &me).await
}

#[server(endpoint = "open_consultation")]
pub async fn open_consultation(
    #[server(default)] agency_id: String,
    title: String,
    background: String,
    #[server(default)] stage: String,
    #[server(default)] questions: String,
    #[server(default)] documents: String,
    opens_on: String,
    closes_on: String,
) -> Result<i64, AppError> {
    use crate::domain::consultation::ConsultationInput;
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{consultations, ctx};
    let me = guard::with(Permission::ActForAgency)?;
    let input = ConsultationInput { agency_id, title, background, stage, questions, documents, opens_on, closes_on };
    let result = consultations::open::open(&ctx::state()?, &me, &input).await;
    let values = vec![
        ("agency_id", input.agency_id),
        ("title", input.title),
        ("background", input.background),
        ("stage", input.stage),
        ("questions", input.questions),
        ("documents", input.documents),
        ("opens_on", input.opens_on),
        ("closes_on", input.closes_on),
    ];
    crate::api::form::finish_to(result, forms::CONSULTATION, values, |id| format!("/consultations/{id}?notice=consultation_opened")).await
}

#[server(endpoint = "publish_conclusions")]
pub async fn publish_conclusions(consultation_id: i64, conclusions: String, #[server(default)] cited: Vec<String>) -> Result<(), AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{consultations, ctx};
    let me = guard::with(Permission::ActForAgency)?;
    let result = consultations::conclude::publish(&ctx::state()?, &me, consultation_id, &conclusions, &cited).await;
    let to = format!("/consultations/{consultation_id}?notice=conclusions_published#conclusions");
    // The ticks come back after a failed plain post (the form looks for the ids, not the positions).
    let ticks: Vec<(String, String)> = cited.into_iter().enumerate().map(|(i, c)| (format!("cited[{i}]"), c)).collect();
    let mut values = vec![("conclusions", conclusions)];
    values.extend(ticks.iter().map(|(k, v)| (k.as_str(), v.clone())));
    crate::api::form::finish(result, forms::CONCLUSIONS, values, &to).await
}
