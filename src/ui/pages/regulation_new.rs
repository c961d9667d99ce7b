//! An officer writes a draft regulation's notice (/regulations/new), or changes one not yet
//! published (`?id=N`). Saving shows the draft split into articles, seen only by the agency;
//! publishing it from that preview opens the period for comments.
use super::PageError;
use crate::api::regulations::{SaveRegulation, load_regulation_form};
use crate::domain::regulation::notice::{PERIOD_MAX_DAYS, PERIOD_MIN_DAYS, TITLE_MAX};
use crate::dto::common::FormFlash;
use crate::dto::forms;
use crate::dto::regulations::NewRegulationPage;
use crate::error::AppError;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use crate::ui::components::notice::Notice;
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegulationNewPage() -> impl IntoView {
    let query = use_query_map();
    // The flash's `?flash=` changes the query too; only the id decides what is loaded.
    let id = Memo::new(move |_| query.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let page = Resource::new(move || id.get(), load_regulation_form);
    let flash = use_flash();
    // The page is rendered once (not hydrated): the heading need not follow the query.
    let heading = t(if id.get_untracked().is_some() { Key::RegFormTitleChange } else { Key::RegFormTitleNew });
    view! {
        <Title text=heading/>
        <p><a href="/regulations">{t(Key::RegFormBack)}</a></p>
        <h1>{heading}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                // Read before the form renders: a failed plain post comes back with its errors.
                let _ = flash.await;
                match page.await {
                    Err(e) => {
                        if matches!(e, AppError::NotFound) {
                            status::not_found();
                        }
                        view! { <PageError error=e/> }.into_any()
                    }
                    Ok(f) => view! { <NoticeForm f flash/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoticeForm(f: NewRegulationPage, flash: Resource<Option<FormFlash>>) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<SaveRegulation>::new();
    let state = form_state(forms::REGULATION, flash);
    let agencies: Vec<(String, String)> = f.agencies.iter().map(|a| (a.id.to_string(), a.name(locale).to_string())).collect();
    // One agency: chosen already; a saved notice: its agency (still a select, so the form
    // reads the same for everyone).
    let preset = if agencies.len() == 1 { Some(agencies[0].0.clone()) } else { Some(f.agency_id.clone()).filter(|a| !a.is_empty()) };
    let agency = match preset {
        Some(id) => view! { <Select name="agency_id" label=Key::FieldAgency hint=Key::RegFormHintAgency state options=agencies value=id/> }.into_any(),
        None => view! { <Select name="agency_id" label=Key::FieldAgency hint=Key::RegFormHintAgency state options=agencies empty=Key::ChooseOne/> }.into_any(),
    };
    let topics = f.categories.iter().map(|c| (c.id.to_string(), c.name(locale).to_string())).collect::<Vec<_>>();
    // Only when changing: the server reads an absent id as a new notice.
    let hidden_id = f.id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> });
    let preview = f.id.map(|id| view! { <p><a href=format!("/regulations/{id}")>{t(Key::RegFormBackPreview)}</a></p> });
    let intro = view! {
        {preview}
        <p>{t(Key::RegFormIntroSteps)}</p>
        <p>{locale.reg_form_intro_period(PERIOD_MAX_DAYS, PERIOD_MIN_DAYS)}</p>
    }
    .into_any();
    view! {
        {intro}
        <Notice/>
        <ErrorSummary state/>
        <Upload state id=f.id/>
        <ActionForm action attr:class="form form-wide" attr:novalidate=true>
            {hidden_id}
            {agency}
            <TitleField state value=f.title.clone()/>
            <TextArea name="legal_basis" label=Key::RegFormFieldLegalBasis hint=Key::RegFormHintLegalBasis state rows=2 value=f.legal_basis.clone()/>
            <TextArea name="purpose" label=Key::RegFormFieldPurpose hint=Key::RegFormHintPurpose state rows=10 value=f.purpose.clone()/>
            <TextArea name="draft" label=Key::RegFormFieldDraft hint=Key::RegFormHintDraft state rows=24 value=f.draft.clone()/>
            <TextArea name="comparison" label=Key::RegFormFieldComparison hint=Key::RegFormHintComparison state rows=12 value=f.comparison.clone()/>
            <FormatExample/>
            <Field name="last_day" label=Key::RegFormFieldLastDay hint=Key::RegFormHintLastDay state kind="date" value=f.last_day.clone()/>
            <Field name="contact" label=Key::RegFormFieldContact hint=Key::RegFormHintContact state value=f.contact.clone()/>
            <Select name="category_id" label=Key::FieldCategory hint=Key::RegFormHintTopic state options=topics value=f.category_id.clone() empty=Key::RegFormNoTopic/>
            <button type="submit" class="button button-primary">{t(Key::RegFormSubmit)}</button>
        </ActionForm>
    }
}

/// Reading a Markdown or text file into the draft (or the table): a plain multipart form, so
/// it works without JavaScript; the server sends the browser back here with the text filled in.
#[component]
fn Upload(state: FormState, id: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("file");
    let described = move || if error.get().is_some() { "upload-intro file-error" } else { "upload-intro" };
    view! {
        <section class="panel reg-upload" aria-labelledby="upload-title">
            <h2 id="upload-title">{t(Key::RegUploadTitle)}</h2>
            <p id="upload-intro">{t(Key::RegUploadIntro)}</p>
            <form method="post" action="/regulations/upload" enctype="multipart/form-data" class="form">
                {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
                <div class="field" class:field-invalid=move || error.get().is_some()>
                    <label for="file">{t(Key::RegUploadField)}</label>
                    {move || error.get().map(|e| view! { <p class="field-error" id="file-error">{locale.field_error(&e)}</p> })}
                    <input
                        type="file"
                        id="file"
                        name="file"
                        accept=".md,.markdown,.txt,text/markdown,text/plain"
                        aria-describedby=described
                        aria-invalid=move || error.get().is_some().then_some("true")
                    />
                </div>
                <div class="field">
                    <label for="into">{t(Key::RegUploadInto)}</label>
                    <select id="into" name="into">
                        <option value="draft">{t(Key::RegFormFieldDraft)}</option>
                        <option value="comparison">{t(Key::RegFormFieldComparison)}</option>
                    </select>
                </div>
                <button type="submit" class="button">{t(Key::RegUploadSubmit)}</button>
            </form>
        </section>
    }
}

/// A worked example of the draft and the comparison table, folded away (the hints say the
/// rules; this shows them applied). Shared with the new-version form.
#[component]
pub fn FormatExample() -> impl IntoView {
    view! {
        <details class="reg-example">
            <summary>{t(Key::RegFormExampleSummary)}</summary>
            <p>{t(Key::RegFormExampleDraftLabel)}</p>
            <pre>{t(Key::RegFormExampleDraft)}</pre>
            <p>{t(Key::RegFormExampleTableLabel)}</p>
            <pre>{t(Key::RegFormExampleTable)}</pre>
        </details>
    }
}

/// The title as `Field` wires it (same ids, so the error summary's link lands here), plus
/// `maxlength` and a hint naming the limit, which `Field` does not take.
#[component]
fn TitleField(state: FormState, value: String) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("title");
    let value = state.value("title").unwrap_or(value);
    let described = move || if error.get().is_some() { "title-hint title-error" } else { "title-hint" };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="title">{t(Key::RegFormFieldTitle)}</label>
            <p class="hint" id="title-hint">{locale.reg_form_hint_title(TITLE_MAX)}</p>
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
