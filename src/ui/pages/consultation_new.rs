//! An officer opens a consultation (/consultations/new): a plain form that keeps what was
//! typed and shows each refusal beside its field after a failed post.
use super::PageError;
use crate::api::consultations::{OpenConsultation, load_new_consultation};
use crate::domain::consultation::{Stage, TITLE_MAX};
use crate::dto::common::FormFlash;
use crate::dto::consultations::NewConsultationPage;
use crate::dto::forms;
use crate::i18n::labels::stage_label;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ConsultationNewPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_new_consultation());
    let flash = use_flash();
    view! {
        <Title text=t(Key::ConsultNewTitle)/>
        <p><a href="/consultations">{t(Key::ConsultBack)}</a></p>
        <h1>{t(Key::ConsultNewTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let _ = flash.await;
                match page.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(f) => view! { <NewForm f flash/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewForm(f: NewConsultationPage, flash: Resource<Option<FormFlash>>) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<OpenConsultation>::new();
    let state = form_state(forms::CONSULTATION, flash);
    let agencies: Vec<(String, String)> = f.agencies.iter().map(|a| (a.id.to_string(), a.name(locale).to_string())).collect();
    let stages: Vec<(String, String)> = Stage::ALL.iter().map(|s| (s.code().to_string(), locale.text(stage_label(*s)).to_string())).collect();
    // One agency: chosen already (still a select, so the form reads the same for everyone).
    let only = (agencies.len() == 1).then(|| agencies[0].0.clone());
    let agency = match only {
        Some(id) => view! { <Select name="agency_id" label=Key::FieldAgency state options=agencies value=id/> }.into_any(),
        None => view! { <Select name="agency_id" label=Key::FieldAgency state options=agencies empty=Key::ChooseOne/> }.into_any(),
    };
    view! {
        <p>{t(Key::ConsultNewIntro)}</p>
        <ErrorSummary state/>
        <ActionForm action attr:class="form form-wide" attr:novalidate=true>
            {agency}
            <TitleField state/>
            <TextArea name="background" label=Key::ConsultFieldBackground hint=Key::ConsultHintBackground state rows=10/>
            <Select name="stage" label=Key::ConsultFieldStage hint=Key::ConsultHintStage state options=stages empty=Key::ChooseOne/>
            <TextArea name="questions" label=Key::ConsultFieldQuestions hint=Key::ConsultHintQuestions state rows=5/>
            <TextArea name="documents" label=Key::ConsultFieldDocuments hint=Key::ConsultHintDocuments state rows=3/>
            <Field name="opens_on" label=Key::ConsultFieldOpensOn hint=Key::ConsultHintOpensOn state kind="date" value=f.opens_on.clone()/>
            <Field name="closes_on" label=Key::ConsultFieldClosesOn hint=Key::ConsultHintClosesOn state kind="date" value=f.closes_on.clone()/>
            <button type="submit" class="button button-primary">{t(Key::ConsultNewSubmit)}</button>
        </ActionForm>
    }
}

/// The title as `Field` wires it (same ids, so the error summary's link lands here), plus
/// `maxlength`, which `Field` does not take.
#[component]
fn TitleField(state: FormState) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("title");
    let value = state.value("title").unwrap_or_default();
    let described = move || if error.get().is_some() { "title-hint title-error" } else { "title-hint" };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="title">{t(Key::FieldTitle)}</label>
            <p class="hint" id="title-hint">{t(Key::ConsultHintTitle)}</p>
            {move || error.get().map(|e| view! { <p class="field-error" id="title-error">{locale.field_error(&e)}</p> })}
            <input
                id="title"
                name="title"
                type="text"
                autocomplete="off"
                maxlength=TITLE_MAX.to_string()
                value=value
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
            />
        </div>
    }
}
