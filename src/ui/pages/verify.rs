use crate::api::auth::VerifyEmail;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::page_form;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Opening the emailed link changes nothing: the button's POST does, so mail
/// scanners that follow links cannot confirm (or use up) it.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let token = use_query_map().read_untracked().get("token").unwrap_or_default();
    view! {
        <Title text=t(Key::VerifyTitle)/>
        <h1>{t(Key::VerifyTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let state = page_form(forms::VERIFY).await;
                    if token.is_empty() {
                        return view! { <p class="error-summary" role="alert">{t(Key::VerifyMissingToken)}</p> }.into_any();
                    }
                    view! {
                        <ErrorSummary state/>
                        <p>{t(Key::VerifyBody)}</p>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="token" value=token/>
                            <Field name="password" label=Key::FieldPassword hint=Key::VerifyPasswordHint kind="password" autocomplete="current-password" state/>
                            <button type="submit" class="button" disabled=move || action.pending().get()>{t(Key::VerifySubmit)}</button>
                        </ActionForm>
                    }
                        .into_any()
                })
            }}
        </Suspense>
    }
}
