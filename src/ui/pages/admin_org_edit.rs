//! Admins: one jurisdiction's or agency's page: edit names, retire or bring back,
//! and (agencies) merge into another agency of the same jurisdiction.
use super::PageError;
use super::admin_org::{level_options, status_text};
use crate::api::org::{EditAgency, EditJurisdiction, MergeAgency, RetireOrgItem, org_overview};
use crate::dto::common::localized;
use crate::dto::forms;
use crate::dto::org::OrgView;
use crate::error::AppError;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn id_param() -> i64 {
    use_params_map().read_untracked().get("id").and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// The organisation, refetched after each change made with JavaScript on.
fn org_resource(versions: impl Fn() -> usize + Send + Sync + 'static) -> Resource<Result<OrgView, AppError>> {
    Resource::new(versions, |_| org_overview())
}

#[component]
pub fn AdminJurisdictionPage() -> impl IntoView {
    let id = id_param();
    let edit = ServerAction::<EditJurisdiction>::new();
    let retire = ServerAction::<RetireOrgItem>::new();
    let org = org_resource(move || edit.version().get() + retire.version().get());
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let flash = use_flash();
                let o = match org.await {
                    Err(e) => return view! { <PageError error=e/> }.into_any(),
                    Ok(o) => o,
                };
                let Some(j) = o.jurisdictions.into_iter().find(|j| j.id == id) else {
                    return view! { <PageError error=AppError::NotFound/> }.into_any();
                };
                let _ = flash.await;
                let form = forms::jurisdiction(id);
                let state = form_state(form.clone(), flash);
                let retire_state = form_state(forms::retire("jurisdiction", id), flash);
                let name = localized(locale, &j.name_zh, &j.name_en).to_string();
                let title = locale.org_edit_title(name);
                view! {
                    <Title text=title.clone()/>
                    <p><a href="/admin/organisation#jurisdictions">{t(Key::OrgBackLink)}</a></p>
                    <h1>{title}</h1>
                    <Notice/>
                    <p>{t(Key::OrgColCode)}": "<code>{j.code.clone()}</code>" · "{t(Key::OrgColStatus)}": "{status_text(locale, j.retired, None)}</p>
                    <section class="panel" aria-labelledby="edit-title">
                        <h2 id="edit-title">{t(Key::OrgEdit)}</h2>
                        <ErrorSummary state level=3/>
                        <ActionForm action=edit attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <Select name="level" label=Key::FieldLevel state options=level_options(locale) value=j.level.clone() form=form.clone()/>
                            <Field name="name_zh" label=Key::CategoryNameZh state value=j.name_zh.clone() form=form.clone()/>
                            <Field name="name_en" label=Key::CategoryNameEn state value=j.name_en.clone() form=form.clone()/>
                            <Field name="retention_days" label=Key::FieldRetentionDays hint=Key::HintRetentionDays kind="number" state value=j.retention_days.to_string() form=form.clone()/>
                            <Field name="conclusion_days" label=Key::FieldConclusionDays hint=Key::HintConclusionDays kind="number" state value=j.conclusion_days.to_string() form=form.clone()/>
                            <Field name="regulation_days" label=Key::FieldRegulationDays hint=Key::HintRegulationDays kind="number" state value=j.regulation_days.to_string() form=form.clone()/>
                            <Field name="regulation_answer_days" label=Key::FieldRegulationAnswerDays hint=Key::HintRegulationAnswerDays kind="number" state value=j.regulation_answer_days.to_string() form=form.clone()/>
                            <button type="submit" class="button">{t(Key::SaveButton)}</button>
                        </ActionForm>
                        <p><a href=format!("/admin/site#rules-{id}")>{t(Key::OrgRulesLink)}</a></p>
                    </section>
                    <RetireSection kind="jurisdiction" id retired=j.retired hint=Key::OrgJurisdictionRetireHint action=retire state=retire_state/>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn RetireSection(kind: &'static str, id: i64, retired: bool, hint: Key, action: ServerAction<RetireOrgItem>, state: FormState) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("retire");
    let (change, label) = if retired { ("restore", Key::OrgRestoreButton) } else { ("retire", Key::OrgRetireButton) };
    view! {
        <section class="panel" aria-labelledby="retire-title">
            <h2 id="retire-title">{t(if retired { Key::OrgRestoreButton } else { Key::OrgRetireTitle })}</h2>
            <p class="hint">{t(hint)}</p>
            <ErrorSummary state level=3/>
            {move || error.get().map(|e| view! { <p class="field-error" id="retire-error">{locale.field_error(&e)}</p> })}
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="change" value=change/>
                <button type="submit" class=if retired { "button" } else { "button button-danger" }>{t(label)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AdminAgencyPage() -> impl IntoView {
    let id = id_param();
    let edit = ServerAction::<EditAgency>::new();
    let retire = ServerAction::<RetireOrgItem>::new();
    let merge = ServerAction::<MergeAgency>::new();
    let org = org_resource(move || edit.version().get() + retire.version().get() + merge.version().get());
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let flash = use_flash();
                let o = match org.await {
                    Err(e) => return view! { <PageError error=e/> }.into_any(),
                    Ok(o) => o,
                };
                let Some(a) = o.agencies.iter().find(|a| a.id == id).cloned() else {
                    return view! { <PageError error=AppError::NotFound/> }.into_any();
                };
                let _ = flash.await;
                let form = forms::agency(id);
                let state = form_state(form.clone(), flash);
                let retire_state = form_state(forms::retire("agency", id), flash);
                let merge_state = form_state(forms::merge(id), flash);
                let merged = a.merged_into.and_then(|m| o.agencies.iter().find(|x| x.id == m));
                let name = localized(locale, &a.name_zh, &a.name_en).to_string();
                let title = locale.org_edit_title(name);
                let jurisdiction = o.jurisdictions.iter().find(|j| j.id == a.jurisdiction_id).map(|j| localized(locale, &j.name_zh, &j.name_en).to_string()).unwrap_or_default();
                let targets: Vec<(String, String)> = o
                    .agencies
                    .iter()
                    .filter(|x| x.id != id && !x.retired && x.jurisdiction_id == a.jurisdiction_id)
                    .map(|x| (x.id.to_string(), localized(locale, &x.name_zh, &x.name_en).to_string()))
                    .collect();
                view! {
                    <Title text=title.clone()/>
                    <p><a href="/admin/organisation#agencies">{t(Key::OrgBackLink)}</a></p>
                    <h1>{title}</h1>
                    <Notice/>
                    <p>
                        {t(Key::OrgColCode)}": "<code>{a.code.clone()}</code>" · "{t(Key::FieldJurisdiction)}": "{jurisdiction}
                        " · "{t(Key::OrgColStatus)}": "{status_text(locale, a.retired, merged)}
                        " · "<a href=format!("/agencies/{}", a.code)>{t(Key::AgencyPetitions)}</a>
                    </p>
                    <section class="panel" aria-labelledby="edit-title">
                        <h2 id="edit-title">{t(Key::OrgEdit)}</h2>
                        <ErrorSummary state level=3/>
                        <ActionForm action=edit attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <Field name="name_zh" label=Key::CategoryNameZh state value=a.name_zh.clone() form=form.clone()/>
                            <Field name="name_en" label=Key::CategoryNameEn state value=a.name_en.clone() form=form.clone()/>
                            <Field name="contact" label=Key::FieldContact hint=Key::HintContact state value=a.contact.clone() form=form.clone()/>
                            <button type="submit" class="button">{t(Key::SaveButton)}</button>
                        </ActionForm>
                    </section>
                    {(!a.retired).then(|| view! { <MergeSection id targets action=merge state=merge_state/> })}
                    <RetireSection kind="agency" id retired=a.retired hint=Key::OrgAgencyRetireHint action=retire state=retire_state/>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn MergeSection(id: i64, targets: Vec<(String, String)>, action: ServerAction<MergeAgency>, state: FormState) -> impl IntoView {
    let form = forms::merge(id);
    view! {
        <section class="panel" aria-labelledby="merge-title">
            <h2 id="merge-title">{t(Key::OrgMergeTitle)}</h2>
            <p class="hint">{t(Key::OrgMergeHint)}</p>
            {if targets.is_empty() {
                view! { <p>{t(Key::OrgMergeNone)}</p> }.into_any()
            } else {
                view! {
                    <ErrorSummary state level=3/>
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <input type="hidden" name="id" value=id.to_string()/>
                        <Select name="into" label=Key::FieldMergeInto state options=targets empty=Key::ChooseOne form=form/>
                        <button type="submit" class="button button-danger">{t(Key::OrgMergeButton)}</button>
                    </ActionForm>
                }
                    .into_any()
            }}
        </section>
    }
}
