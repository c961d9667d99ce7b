//! Administrators set up the organisation: jurisdictions, agencies and topics.
//! Thin server functions; each action checks the admin role itself.
// A new jurisdiction's form carries its rules, field by field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::dto::org::OrgView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

#[server(endpoint = "org_overview")]
pub async fn org_overview() -> Result<OrgView, AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::org, ctx};
    let me = guard::signed_in()?;
    org::overview(&ctx::state()?, &me).await
}

#[server(endpoint = "create_jurisdiction")]
pub async fn create_jurisdiction(
    code: String,
    level: String,
    name_zh: String,
    name_en: String,
    signature_threshold: String,
    signing_days: String,
    response_days: String,
    sponsors_needed: String,
    second_tier_threshold: String,
    max_agencies: String,
    review_working_days: String,
    allow_signature_withdrawal: Option<String>,
) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::org, ctx, petitions::admin_rules::RulesInput};
    let me = guard::signed_in()?;
    let input = org::JurisdictionInput {
        code: &code,
        level: &level,
        name_zh: &name_zh,
        name_en: &name_en,
        retention_days: "",
        conclusion_days: "",
        regulation_days: "",
        regulation_answer_days: "",
    };
    let rules = RulesInput {
        signature_threshold: &signature_threshold,
        signing_days: &signing_days,
        response_days: &response_days,
        sponsors_needed: &sponsors_needed,
        second_tier_threshold: &second_tier_threshold,
        max_agencies: &max_agencies,
        review_working_days: &review_working_days,
        allow_signature_withdrawal: allow_signature_withdrawal.is_some(),
    };
    let result = org::create_jurisdiction(&ctx::state()?, &me, &input, &rules).await;
    let values = vec![
        ("code", code.clone()),
        ("level", level.clone()),
        ("name_zh", name_zh.clone()),
        ("name_en", name_en.clone()),
        ("signature_threshold", signature_threshold.clone()),
        ("signing_days", signing_days.clone()),
        ("response_days", response_days.clone()),
        ("sponsors_needed", sponsors_needed.clone()),
        ("second_tier_threshold", second_tier_threshold.clone()),
        ("max_agencies", max_agencies.clone()),
        ("review_working_days", review_working_days.clone()),
    ];
    crate::api::form::finish_to(result, forms::JURISDICTION_NEW, values, |id| format!("/admin/organisation/jurisdictions/{id}?notice=jurisdiction_created"))
        .await
}

#[server(endpoint = "edit_jurisdiction")]
pub async fn edit_jurisdiction(
    id: String,
    level: String,
    name_zh: String,
    name_en: String,
    retention_days: String,
    #[server(default)] conclusion_days: String,
    #[server(default)] regulation_days: String,
    #[server(default)] regulation_answer_days: String,
) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::org, ctx};
    let me = guard::signed_in()?;
    let form = forms::jurisdiction(id.trim());
    let back = format!("/admin/organisation/jurisdictions/{}?notice=jurisdiction_saved", id.trim());
    let result = async {
        let input = org::JurisdictionInput {
            code: "",
            level: &level,
            name_zh: &name_zh,
            name_en: &name_en,
            retention_days: &retention_days,
            conclusion_days: &conclusion_days,
            regulation_days: &regulation_days,
            regulation_answer_days: &regulation_answer_days,
        };
        org::edit_jurisdiction(&ctx::state()?, &me, parse_id(&id)?, &input).await
    }
    .await;
    crate::api::form::finish(
        result,
        &form,
        vec![
            ("level", level),
            ("name_zh", name_zh),
            ("name_en", name_en),
            ("retention_days", retention_days),
            ("conclusion_days", conclusion_days),
            ("regulation_days", regulation_days),
            ("regulation_answer_days", regulation_answer_days),
        ],
        &back,
    )
    .await
}

/// Retire or restore (`change`) a jurisdiction, agency or topic (`kind`).
#[server(endpoint = "retire_org_item")]
pub async fn retire_org_item(kind: String, id: String, change: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::db::org::Table;
    use crate::server::{admin, ctx};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let form = forms::retire(&kind, id.trim());
    // The notice names what happened: retired, or back in use.
    let done = if change == "restore" { "item_restored" } else { "item_retired" };
    let back = match kind.as_str() {
        "jurisdiction" => format!("/admin/organisation/jurisdictions/{}?notice={done}", id.trim()),
        "agency" => format!("/admin/organisation/agencies/{}?notice={done}", id.trim()),
        _ => format!("/admin/organisation?notice={done}#topics"),
    };
    let result = async {
        let (id, retire) = (parse_id(&id)?, admin::retiring(&change)?);
        match kind.as_str() {
            "jurisdiction" => admin::org::set_retired(&state, &me, Table::Jurisdictions, id, retire).await,
            "topic" => admin::org::set_retired(&state, &me, Table::Topics, id, retire).await,
            "agency" => admin::agencies::set_retired(&state, &me, id, retire).await,
            _ => Err(AppError::BadRequest),
        }
    }
    .await;
    crate::api::form::finish(result, &form, vec![], &back).await
}

#[server(endpoint = "create_agency")]
pub async fn create_agency(
    code: String,
    jurisdiction_id: String,
    name_zh: String,
    name_en: String,
    #[server(default)] contact: String,
) -> Result<i64, AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::agencies, ctx};
    let me = guard::signed_in()?;
    let input = agencies::AgencyInput { code: &code, jurisdiction_id: &jurisdiction_id, name_zh: &name_zh, name_en: &name_en, contact: &contact };
    let result = agencies::create(&ctx::state()?, &me, &input).await;
    let values = vec![("code", code), ("jurisdiction_id", jurisdiction_id), ("name_zh", name_zh), ("name_en", name_en), ("contact", contact)];
    crate::api::form::finish_to(result, forms::AGENCY_NEW, values, |id| format!("/admin/organisation/agencies/{id}?notice=agency_created")).await
}

#[server(endpoint = "edit_agency")]
pub async fn edit_agency(id: String, name_zh: String, name_en: String, #[server(default)] contact: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::agencies, ctx};
    let me = guard::signed_in()?;
    let form = forms::agency(id.trim());
    let back = format!("/admin/organisation/agencies/{}?notice=agency_saved", id.trim());
    let result = async { agencies::edit(&ctx::state()?, &me, parse_id(&id)?, &name_zh, &name_en, &contact).await }.await;
    crate::api::form::finish(result, &form, vec![("name_zh", name_zh), ("name_en", name_en), ("contact", contact)], &back).await
}

/// Merge agency `id` into agency `into`; its open petitions move there.
#[server(endpoint = "merge_agency")]
pub async fn merge_agency(id: String, into: String) -> Result<usize, AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::agencies, ctx};
    let me = guard::signed_in()?;
    let form = forms::merge(id.trim());
    let back = format!("/admin/organisation/agencies/{}?notice=agency_merged", id.trim());
    let result = async {
        let into = into
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::Invalid(crate::domain::validation::FieldErrors::one("into", crate::domain::validation::FieldError::UnknownChoice)))?;
        agencies::merge(&ctx::state()?, &me, parse_id(&id)?, into).await
    }
    .await;
    crate::api::form::finish(result, &form, vec![("into", into)], &back).await
}

/// Add a topic, or rename the one with this code.
#[server(endpoint = "save_topic")]
pub async fn save_topic(code: String, name_zh: String, name_en: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin::org, ctx};
    let me = guard::signed_in()?;
    let result = org::save_topic(&ctx::state()?, &me, &code, &name_zh, &name_en).await;
    crate::api::form::finish(
        result,
        forms::TOPIC,
        vec![("code", code), ("name_zh", name_zh), ("name_en", name_en)],
        "/admin/organisation?notice=topic_saved#topics",
    )
    .await
}
