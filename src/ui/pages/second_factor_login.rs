//! After the password, for an account with a second factor: the code.
use crate::api::second_factor::VerifySecondFactor;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::page_form;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SecondFactorLoginPage() -> impl IntoView {
    let action = ServerAction::<VerifySecondFactor>::new();
    let next = use_query_map().read_untracked().get("next").unwrap_or_else(|| "/".into());
    view! {
        <Title text=t(Key::SfLoginTitle)/>
        <h1>{t(Key::SfLoginTitle)}</h1>
        <p>{t(Key::SfLoginBody)}</p>
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    let state = page_form(forms::SECOND_FACTOR_LOGIN).await;
                    view! {
                        <ErrorSummary state/>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="next" value=next/>
                            <Field name="code" label=Key::FieldCode hint=Key::HintLoginCode autocomplete="one-time-code" state/>
                            <button type="submit" class="button" disabled=move || action.pending().get()>{t(Key::SfLoginButton)}</button>
                        </ActionForm>
                    }
                })
            }}
        </Suspense>
    }
}
