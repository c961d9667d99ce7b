//! Labelled inputs with hints and errors tied to them for screen readers,
//! and the error summary shown at the top of a form.
use super::form_state::FormState;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;

/// Ids and ARIA wiring shared by every kind of field.
#[derive(Clone)]
struct Wiring {
    id: String,
    hint_id: String,
    err_id: String,
}

impl Wiring {
    fn new(name: &str, form: Option<&str>) -> Self {
        let id = match form {
            Some(f) => format!("{f}-{name}"),
            None => name.replace(['[', ']'], "-"),
        };
        Self { hint_id: format!("{id}-hint"), err_id: format!("{id}-error"), id }
    }
    fn described(&self, hint: bool, state: FormState, name: &'static str) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (hint_id, err_id) = (self.hint_id.clone(), self.err_id.clone());
        let error = state.field_error(name);
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// Label, hint and error around a control.
#[component]
fn Frame(w: Wiring, name: &'static str, label: Key, hint: Option<Key>, state: FormState, children: Children) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error(name);
    let err_id = w.err_id.clone();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=w.id.clone()>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=w.hint_id.clone()>{t(h)}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" id=err_id.clone()>{locale.field_error(&e)}</p> })
            }}
            {children()}
        </div>
    }
}

#[component]
pub fn Field(
    name: &'static str,
    label: Key,
    state: FormState,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    /// Initial value (ignored for passwords, which are never sent back).
    #[prop(optional, into)]
    value: Option<String>,
    /// Distinguishes fields of the same name in different forms on one page.
    #[prop(optional, into)]
    form: Option<String>,
) -> impl IntoView {
    let w = Wiring::new(name, form.as_deref());
    let error = state.field_error(name);
    let initial = if kind == "password" { None } else { state.value(name).or(value) };
    let described = w.described(hint.is_some(), state, name);
    view! {
        <Frame w=w.clone() name label hint state>
            <input
                id=w.id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=initial
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
            />
        </Frame>
    }
}

#[component]
pub fn TextArea(
    name: &'static str,
    label: Key,
    state: FormState,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = 6)] rows: u32,
    /// Distinguishes ids when several forms on a page share a field name.
    #[prop(optional, into)]
    form: Option<String>,
) -> impl IntoView {
    let w = Wiring::new(name, form.as_deref());
    let error = state.field_error(name);
    let initial = state.value(name).or(value).unwrap_or_default();
    let described = w.described(hint.is_some(), state, name);
    view! {
        <Frame w=w.clone() name label hint state>
            <textarea
                id=w.id.clone()
                name=name
                rows=rows
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
            >
                // Raw text to the renderer: escaped here (see `ui::raw_text`).
                {crate::ui::raw_text::textarea(&initial)}
            </textarea>
        </Frame>
    }
}

/// A choice from a list: `options` are (value, text); `groups` put them under headings.
#[component]
pub fn Select(
    name: &'static str,
    label: Key,
    state: FormState,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional, into)] value: Option<String>,
    /// Text of an empty first choice, if the field may be left empty.
    #[prop(optional)]
    empty: Option<Key>,
    #[prop(optional, into)] form: Option<String>,
) -> impl IntoView {
    let w = Wiring::new(name, form.as_deref());
    let error = state.field_error(name);
    let selected = state.value(name).or(value).unwrap_or_default();
    let described = w.described(hint.is_some(), state, name);
    view! {
        <Frame w=w.clone() name label hint state>
            <select
                id=w.id.clone()
                name=name
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
            >
                {empty.map(|k| view! { <option value="">{t(k)}</option> })}
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let sel = v == selected;
                        view! { <option value=v selected=sel>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </Frame>
    }
}

/// A single checkbox with its label after it.
#[component]
pub fn Checkbox(name: &'static str, label: Key, #[prop(optional)] checked: bool, #[prop(optional, into)] form: Option<String>) -> impl IntoView {
    let id = Wiring::new(name, form.as_deref()).id;
    view! {
        <div class="field checkbox">
            <input id=id.clone() type="checkbox" name=name value="on" checked=checked/>
            <label for=id>{t(label)}</label>
        </div>
    }
}

/// A summary of what went wrong (WCAG 3.3.1): each refused field as a link to it, and
/// the summary takes focus when the page comes back, so a keyboard or screen-reader user
/// starts from the list instead of the top of the page.
#[component]
pub fn ErrorSummary(
    state: FormState,
    /// Inside a section that already has an `h2`, use 3.
    #[prop(default = 2)]
    level: u8,
    /// The same `form` the fields were given, so the links reach their ids.
    #[prop(optional, into)]
    form: Option<String>,
    /// The page the fields are on, when not this one (a publish button refused for a field of
    /// the form on another page).
    #[prop(optional, into)]
    fields_at: Option<String>,
    /// Field names labelled otherwise on this form than everywhere else.
    #[prop(optional)]
    labels: &'static [(&'static str, Key)],
) -> impl IntoView {
    let locale = use_locale();
    move || {
        state.error.get().map(|e| {
            let title = locale.text(Key::ErrorSummaryTitle);
            let heading = match level {
                4.. => view! { <h4 class="error-summary-title">{title}</h4> }.into_any(),
                3 => view! { <h3 class="error-summary-title">{title}</h3> }.into_any(),
                _ => view! { <h2 class="error-summary-title">{title}</h2> }.into_any(),
            };
            let fields = e.field_errors().map(|f| f.0.clone()).unwrap_or_default();
            let items = fields
                .into_iter()
                .map(|(name, err)| {
                    let target = summary_target(&name, form.as_deref());
                    let label = labels.iter().find(|(n, _)| *n == name).map(|(_, k)| *k).or_else(|| field_label(&name));
                    let text = match label {
                        Some(label) => format!("{}{}{}", locale.text(label), locale.text(Key::ErrorSummarySeparator), locale.field_error(&err)),
                        None => locale.field_error(&err).to_string(),
                    };
                    let page = fields_at.clone().unwrap_or_default();
                    view! { <li><a href=format!("{page}#{target}")>{text}</a></li> }
                })
                .collect_view();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" autofocus>
                    {heading}
                    <p>{locale.app_error(&e)}</p>
                    <ul class="error-summary-list">{items}</ul>
                </div>
            }
        })
    }
}

/// The id a summary link points at: the field's own id (see `Wiring`).
fn summary_target(name: &str, form: Option<&str>) -> String {
    match name {
        // The agencies are several selects under one legend: go to the first.
        "agency_ids" => "agency-0".to_string(),
        _ => Wiring::new(name, form).id,
    }
}

/// The label a refused field is known by in the summary.
fn field_label(name: &str) -> Option<Key> {
    Some(match name {
        "title" => Key::FieldTitle,
        "problem" => Key::FieldProblem,
        "action" => Key::FieldAction,
        "benefits" => Key::FieldBenefits,
        "evidence" => Key::FieldEvidence,
        "category_id" => Key::FieldCategory,
        "jurisdiction_id" => Key::FieldJurisdiction,
        "agency_ids" => Key::FieldAgencies,
        "email" => Key::FieldEmail,
        "password" => Key::FieldPassword,
        "password_confirm" => Key::FieldConfirmPassword,
        "current_password" => Key::FieldCurrentPassword,
        "display_name" => Key::FieldDisplayName,
        "name" => Key::FieldSignerName,
        "county" => Key::FieldCounty,
        "body" => Key::FieldComment,
        "statement" => Key::FieldStatement,
        "choice" => Key::DelibStatementLabel,
        "summary" => Key::FieldSummary,
        "details" => Key::FieldDetails,
        "duplicate_of" => Key::FieldDuplicateOf,
        "explanation" => Key::FieldExplanation,
        "reason" => Key::FieldRejectReason,
        "code" => Key::FieldCode,
        "days" => Key::FieldExtendDays,
        "agency_id" => Key::FieldAgency,
        "background" => Key::ConsultFieldBackground,
        "stage" => Key::ConsultFieldStage,
        "questions" => Key::ConsultFieldQuestions,
        "documents" => Key::ConsultFieldDocuments,
        "opens_on" => Key::ConsultFieldOpensOn,
        "closes_on" => Key::ConsultFieldClosesOn,
        "conclusions" => Key::ConsultFieldConclusions,
        "cited" => Key::ConsultCitedTitle,
        "conclusion_days" => Key::FieldConclusionDays,
        "regulation_days" => Key::FieldRegulationDays,
        "regulation_answer_days" => Key::FieldRegulationAnswerDays,
        "legal_basis" => Key::RegFormFieldLegalBasis,
        "purpose" => Key::RegFormFieldPurpose,
        "draft" => Key::RegFormFieldDraft,
        "comparison" => Key::RegFormFieldComparison,
        "last_day" => Key::RegFormFieldLastDay,
        "contact" => Key::RegFormFieldContact,
        "file" => Key::RegUploadField,
        "organisation_name" => Key::FieldOrganisationName,
        "verification_note" => Key::FieldVerificationNote,
        "comments" => Key::RegAnswerFormTitle,
        "outcome" => Key::RegAnswerFieldOutcome,
        "overall" => Key::RegAnswerFieldOverall,
        "note" => Key::RegAnswerFieldNote,
        "stance" => Key::RegFieldStance,
        "wording" => Key::RegFieldWording,
        "speak_as" => Key::RegFieldSpeakAs,
        _ => return None,
    })
}
