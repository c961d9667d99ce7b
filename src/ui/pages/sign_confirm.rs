//! A visitor's signature: "check your email", then the emailed page with a Confirm
//! button (a POST, so mail scanners that open links confirm nothing).
use crate::api::petitions::ConfirmSignature;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignSentPage() -> impl IntoView {
    view! {
        <Title text=t(Key::SignSentTitle)/>
        <h1>{t(Key::SignSentTitle)}</h1>
        <p>{t(Key::SignSentBody)}</p>
    }
}

#[component]
pub fn SignConfirmPage() -> impl IntoView {
    let action = ServerAction::<ConfirmSignature>::new();
    let token = use_query_map().read_untracked().get("token").unwrap_or_default();
    view! {
        <Title text=t(Key::SignConfirmTitle)/>
        <h1>{t(Key::SignConfirmTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let state = page_form(forms::CONFIRM_SIGNATURE).await;
                    if token.is_empty() {
                        return view! { <p class="error-summary" role="alert">{t(Key::VerifyMissingToken)}</p> }.into_any();
                    }
                    view! {
                        <ErrorSummary state/>
                        <p>{t(Key::SignConfirmBody)}</p>
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="token" value=token/>
                            <button type="submit" class="button button-primary" disabled=move || action.pending().get()>{t(Key::SignConfirmSubmit)}</button>
                        </ActionForm>
                    }
                        .into_any()
                })
            }}
        </Suspense>
    }
}
