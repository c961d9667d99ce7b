//! A moderation decision as the person it concerns sees it, with the one appeal allowed.
use super::PageError;
use crate::api::discussion::{FileAppeal, load_decision};
use crate::dto::discussion::DecisionView;
use crate::dto::forms;
use crate::i18n::labels::{action_kind_text, mod_reason_text};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, TextArea};
use crate::ui::components::form_state::{form_state, use_flash};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

#[component]
pub fn DecisionPage() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let id = move || params.read().get("id").and_then(|v| v.parse().ok()).unwrap_or(0);
    let decision = Resource::new(move || (id(), location.search.get()), |(id, _)| load_decision(id));
    let flash = use_flash();
    view! {
        <Title text=t(Key::DecisionTitle)/>
        <h1>{t(Key::DecisionTitle)}</h1>
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let _ = flash.await;
                match decision.await {
                    Ok(d) => view! { <Decision d/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Decision(d: DecisionView) -> impl IntoView {
    let locale = use_locale();
    let a = &d.action;
    let appeal = match (&d.appeal, d.appealable) {
        (Some(p), _) => {
            let outcome = match p.upheld {
                None => t(Key::AppealPending),
                Some(true) => t(Key::AppealUpheldText),
                Some(false) => t(Key::AppealRejectedText),
            };
            view! {
                <p>{locale.appeal_filed(p.created_at.datetime_taipei())}</p>
                <blockquote class="quoted">{p.text.clone()}</blockquote>
                <p><strong>{outcome}</strong></p>
            }
            .into_any()
        }
        (None, true) => view! { <AppealForm action_id=a.id/> }.into_any(),
        (None, false) => ().into_any(),
    };
    view! {
        <dl class="facts">
            <dt>{t(Key::DecisionKind)}</dt><dd>{action_kind_text(locale, &a.kind)}</dd>
            <dt>{t(Key::DecisionReason)}</dt><dd>{mod_reason_text(locale, &a.reason)}</dd>
            <dt>{t(Key::DecisionExplanation)}</dt><dd>{a.explanation.clone()}</dd>
            <dt>{t(Key::DecisionDate)}</dt><dd>{a.at.datetime_taipei()}</dd>
        </dl>
        {a.petition_id.map(|p| format!("/petitions/{p}#discussion")).or(a.consultation_id.map(|c| format!("/consultations/{c}#discussion")))
            .or(a.regulation_id.map(|r| format!("/regulations/{r}"))).map(|href| view! { <p><a href=href>{a.petition_title.clone().unwrap_or_default()}</a></p> })}
        <section aria-labelledby="appeal-title">
            <h2 id="appeal-title">{t(Key::AppealTitle)}</h2>
            {appeal}
        </section>
    }
}

#[component]
fn AppealForm(action_id: i64) -> impl IntoView {
    let file = ServerAction::<FileAppeal>::new();
    let state = form_state(forms::APPEAL, use_flash());
    view! {
        <ActionForm action=file attr:class="form" attr:novalidate=true>
            <ErrorSummary state level=3/>
            <input type="hidden" name="action_id" value=action_id.to_string()/>
            <TextArea name="appeal_text" label=Key::FieldAppeal hint=Key::HintAppeal state rows=5/>
            <button type="submit" class="button button-primary">{t(Key::AppealSubmit)}</button>
        </ActionForm>
    }
}
