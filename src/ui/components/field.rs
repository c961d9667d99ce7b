//! Labelled inputs with hints and errors tied to them for screen readers,
//! and the error summary shown at the top of a form.
use super::form_state::FormState;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;

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
    #[prop(optional)]
    form: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let id = match form {
        Some(f) => format!("{f}-{name}"),
        None => name.to_string(),
    };
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let error = state.field_error(name);
    let initial = if kind == "password" { None } else { state.value(name).or(value) };
    let described = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{t(h)}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" id=err_id.clone()>{locale.field_error(&e)}</p> })
            }}
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=initial
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
            />
        </div>
    }
}

/// A summary of what went wrong, announced to screen readers.
#[component]
pub fn ErrorSummary(
    state: FormState,
    /// Inside a section that already has an `h2`, use 3.
    #[prop(default = 2)]
    level: u8,
) -> impl IntoView {
    let locale = use_locale();
    move || {
        state.error.get().map(|e| {
            let title = locale.text(Key::ErrorSummaryTitle);
            let heading = if level >= 3 {
                view! { <h3 class="error-summary-title">{title}</h3> }.into_any()
            } else {
                view! { <h2 class="error-summary-title">{title}</h2> }.into_any()
            };
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    {heading}
                    <p>{locale.app_error(&e)}</p>
                </div>
            }
        })
    }
}
