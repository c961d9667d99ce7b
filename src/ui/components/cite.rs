//! Statements an agency cites: the checkboxes in its answer or conclusions form, and the
//! list under what it published, each linking to the statement on the deliberation page.
use crate::domain::consultation::CITATIONS_MAX;
use crate::dto::deliberation::StatementView;
use crate::i18n::{Grouped, Key, t, use_locale};
use crate::ui::components::form_state::FormState;
use leptos::prelude::*;

/// The statements cited, linking to `{deliberation}#s{id}`, under a heading of `level` (3 or 4).
#[component]
pub fn CitedList(cited: Vec<StatementView>, deliberation: String, title: Key, #[prop(default = 4)] level: u8) -> impl IntoView {
    let locale = use_locale();
    (!cited.is_empty()).then(|| {
        let heading = match level {
            3 => view! { <h3>{t(title)}</h3> }.into_any(),
            _ => view! { <h4>{t(title)}</h4> }.into_any(),
        };
        view! {
            {heading}
            <ul class="statement-list">
                {cited.into_iter().map(|st| {
                    let href = format!("{deliberation}#s{}", st.id);
                    let counts = locale.consult_vote_counts(Grouped(st.agree), Grouped(st.disagree));
                    view! {
                        <li>
                            <p class="statement"><a href=href>{st.body.clone()}</a></p>
                            <p class="card-meta">{counts}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// Checkboxes named `cited[i]`, as the propose page names `agency_ids[i]` (a `Vec<String>`).
#[component]
pub fn CiteChoices(
    citable: Vec<StatementView>,
    state: FormState,
    #[prop(optional)] form: Option<&'static str>,
    /// Ticked when the form is new (an amendment starts from what the current version cites).
    #[prop(optional)]
    ticked: Vec<i64>,
    /// What ticking does, in the words of the form it is in.
    #[prop(default = Key::ConsultCiteHint)]
    hint: Key,
) -> impl IntoView {
    let locale = use_locale();
    if citable.is_empty() {
        return view! { <p>{t(Key::ConsultCiteNone)}</p> }.into_any();
    }
    let error = state.field_error("cited");
    // Ticked before a failed post, if the server kept them (as `cited[0]`, `cited[1]`, …).
    let kept: Vec<String> = (0..citable.len()).filter_map(|i| state.value(&format!("cited[{i}]"))).collect();
    // Ids as the field components make them, so the error summary's link lands here.
    let id = form.map_or_else(|| "cited".to_string(), |f| format!("{f}-cited"));
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || if error.get().is_some() { format!("{h} {e}") } else { h.clone() }
    };
    view! {
        <fieldset class="field" class:field-invalid=move || error.get().is_some() id=id aria-describedby=described>
            <legend>{locale.consult_cite_legend(CITATIONS_MAX)}</legend>
            <p class="hint" id=hint_id>{t(hint)}</p>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{locale.field_error(&e)}</p> })}
            <ul class="cite-list">
                {citable.into_iter().enumerate().map(|(i, st)| {
                    let box_id = format!("cite-{}", st.id);
                    let value = st.id.to_string();
                    let checked = if kept.is_empty() { ticked.contains(&st.id) } else { kept.contains(&value) };
                    let counts = locale.consult_vote_counts(Grouped(st.agree), Grouped(st.disagree));
                    view! {
                        <li class="checkbox cite-choice">
                            <input type="checkbox" id=box_id.clone() name=format!("cited[{i}]") value=value checked=checked/>
                            <label for=box_id>
                                <span class="cite-body">{st.body.clone()}</span>" "
                                <span class="cite-counts">{counts}</span>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
    .into_any()
}
