//! Propose a petition, or edit a draft: save, preview (with similar petitions) or submit.
use super::PageError;
use crate::api::petitions::{SaveProposal, load_propose_options, my_draft};
use crate::domain::petition::proposal::ProposalInput;
use crate::domain::petition::proposal::{BODY_MAX, TITLE_MAX};
use crate::dto::common::localized;
use crate::dto::forms;
use crate::dto::petitions::{DraftView, ProposeOptions};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use crate::ui::components::notice::Notice;
use crate::ui::islands::char_count::CharCount;
use crate::ui::islands::similar::SimilarPetitions;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProposePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let options = Resource::new(|| (), |_| load_propose_options());
    let draft = Resource::new(id, |id| async move {
        match id {
            Some(id) => my_draft(id).await.map(Some),
            None => Ok(None),
        }
    });
    let flash = use_flash();
    view! {
        <Title text=t(Key::ProposeTitle)/>
        <h1>{t(Key::ProposeTitle)}</h1>
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let _ = flash.await;
                match (options.await, draft.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <PageError error=e/> }.into_any(),
                    (Ok(o), Ok(d)) if o.proposing_paused => { let _ = d; view! { <p class="notice">{t(Key::ErrPaused)}</p> }.into_any() }
                    (Ok(o), Ok(d)) => view! { <ProposeForm options=o draft=d flash/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProposeForm(options: ProposeOptions, draft: Option<DraftView>, flash: Resource<Option<crate::dto::common::FormFlash>>) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<SaveProposal>::new();
    let state = form_state(forms::PROPOSE, flash);
    let id = draft.as_ref().map(|d| d.id);
    let input = draft.map(|d| d.input).unwrap_or_default();
    let categories = options.categories.iter().map(|c| (c.id.to_string(), c.name(locale).to_string())).collect::<Vec<_>>();
    let jurisdictions =
        options.jurisdictions.iter().map(|j| (j.jurisdiction_id.to_string(), localized(locale, &j.name_zh, &j.name_en).to_string())).collect::<Vec<_>>();
    let slots = options.jurisdictions.iter().map(|j| j.rules.max_agencies).max().unwrap_or(3).max(1) as usize;
    view! {
        <ErrorSummary state/>
        <ActionForm action attr:class="form form-wide" attr:novalidate=true>
            <input type="hidden" name="id" value=id.map(|i| i.to_string()).unwrap_or_default()/>
            <Field name="title" label=Key::FieldTitle hint=Key::HintTitle state value=input.title.clone()/>
            <Counter id="title" max=TITLE_MAX/>
            <SimilarPetitions input_id="title".to_string() exclude=id heading=locale.text(Key::SimilarTitle).to_string()/>
            <TextArea name="problem" label=Key::FieldProblem hint=Key::HintProblem state value=input.problem.clone()/>
            <Counter id="problem" max=BODY_MAX/>
            <TextArea name="action" label=Key::FieldAction hint=Key::HintAction state value=input.action.clone()/>
            <Counter id="action" max=BODY_MAX/>
            <TextArea name="benefits" label=Key::FieldBenefits hint=Key::HintBenefits state value=input.benefits.clone()/>
            <Counter id="benefits" max=BODY_MAX/>
            <TextArea name="evidence" label=Key::FieldEvidence hint=Key::HintEvidence state value=input.evidence.clone() rows=3/>
            <Select name="category_id" label=Key::FieldCategory state options=categories value=input.category_id.clone() empty=Key::ChooseOne/>
            <Select name="jurisdiction_id" label=Key::FieldJurisdiction hint=Key::HintJurisdiction state options=jurisdictions value=input.jurisdiction_id.clone()/>
            <AgencySlots options=options.clone() input=input.clone() state slots/>
            <div class="button-row">
                <button type="submit" name="intent" value="draft" class="button">{t(Key::ProposeSaveDraft)}</button>
                <button type="submit" name="intent" value="preview" class="button">{t(Key::ProposePreview)}</button>
                <button type="submit" name="intent" value="submit" class="button button-primary">{t(Key::ProposeSubmit)}</button>
            </div>
        </ActionForm>
    }
}

/// The lead agency, then co-agencies: one select each, grouped by jurisdiction.
#[component]
fn AgencySlots(options: ProposeOptions, input: ProposalInput, state: FormState, slots: usize) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("agency_ids");
    view! {
        <fieldset class="field" class:field-invalid=move || error.get().is_some() aria-describedby="agency-hint">
            <legend>{t(Key::FieldAgencies)}</legend>
            <p class="hint" id="agency-hint">{t(Key::HintAgencies)}</p>
            {move || error.get().map(|e| view! { <p class="field-error" id="agency-error">{locale.field_error(&e)}</p> })}
            {(0..slots).map(|i| {
                let name = format!("agency_ids[{i}]");
                let selected = state.value(&name).or_else(|| input.agency_ids.get(i).cloned()).unwrap_or_default();
                let label = locale.text(if i == 0 { Key::AgencyLead } else { Key::AgencyCo });
                let select_id = format!("agency-{i}");
                view! {
                    <div class="field">
                        <label for=select_id.clone()>{format!("{} {}", label, if i == 0 { String::new() } else { i.to_string() })}</label>
                        <select id=select_id name=name aria-describedby="agency-hint">
                            <option value="">{t(Key::ChooseOne)}</option>
                            {options.jurisdictions.iter().map(|j| {
                                let group = localized(locale, &j.name_zh, &j.name_en).to_string();
                                let items = options.agencies.iter().filter(|(jid, _)| *jid == j.jurisdiction_id).map(|(_, a)| {
                                    let v = a.id.to_string();
                                    let sel = v == selected;
                                    view! { <option value=v selected=sel>{a.name(locale).to_string()}</option> }
                                }).collect_view();
                                view! { <optgroup label=group>{items}</optgroup> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The live count under a field (JavaScript only; the hint states the limits either way).
#[component]
fn Counter(id: &'static str, max: usize) -> impl IntoView {
    let locale = use_locale();
    view! { <CharCount input_id=id.to_string() max template=locale.text(Key::CharCount).to_string() over=locale.text(Key::CharOver).to_string()/> }
}
