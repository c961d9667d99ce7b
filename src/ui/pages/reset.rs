use crate::api::auth::{RequestReset, ResetPassword};
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::{FlashForm, page_form};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetRequestPage() -> impl IntoView {
    let action = ServerAction::<RequestReset>::new();
    view! {
        <Title text=t(Key::ResetTitle)/>
        <h1>{t(Key::ResetTitle)}</h1>
        <p>{t(Key::ResetBody)}</p>
        <FlashForm form=forms::RESET let:state>
            <ErrorSummary state/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <Field name="email" label=Key::FieldEmail kind="email" autocomplete="email" state/>
                <button type="submit" class="button">{t(Key::ResetSubmit)}</button>
            </ActionForm>
        </FlashForm>
    }
}

#[component]
pub fn ResetSentPage() -> impl IntoView {
    view! {
        <Title text=t(Key::ResetSentTitle)/>
        <h1>{t(Key::ResetSentTitle)}</h1>
        <p>{t(Key::ResetSentBody)}</p>
    }
}

#[component]
pub fn ResetConfirmPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let token = use_query_map().read_untracked().get("token").unwrap_or_default();
    view! {
        <Title text=t(Key::ResetConfirmTitle)/>
        <h1>{t(Key::ResetConfirmTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let state = page_form(forms::RESET_CONFIRM).await;
                    view! {
                        <ErrorSummary state/>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="token" value=token/>
                            <Field name="password" label=Key::FieldNewPassword hint=Key::HintPassword kind="password" autocomplete="new-password" state/>
                            <Field name="password_confirm" label=Key::FieldConfirmPassword kind="password" autocomplete="new-password" state/>
                            <button type="submit" class="button">{t(Key::ResetConfirmSubmit)}</button>
                        </ActionForm>
                    }
                })
            }}
        </Suspense>
    }
}
