use crate::api::auth::Register;
use crate::i18n::{Key, t};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::{form_state, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let flash = use_flash();
    view! {
        <Title text=t(Key::RegisterTitle)/>
        <h1>{t(Key::RegisterTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let _ = flash.await;
                let state = form_state("register", move || action.value().get(), flash);
                view! {
                    <ErrorSummary state/>
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <Field name="display_name" label=Key::FieldDisplayName hint=Key::HintDisplayName autocomplete="nickname" state/>
                        <Field name="email" label=Key::FieldEmail hint=Key::HintEmail kind="email" autocomplete="email" state/>
                        <Field name="password" label=Key::FieldPassword hint=Key::HintPassword kind="password" autocomplete="new-password" state/>
                        <button type="submit" class="button" disabled=move || action.pending().get()>{t(Key::RegisterSubmit)}</button>
                    </ActionForm>
                }
            })}
        </Suspense>
        <p><a href="/login">{t(Key::RegisterHaveAccount)}</a></p>
    }
}

#[component]
pub fn RegisterSentPage() -> impl IntoView {
    view! {
        <Title text=t(Key::RegisterSentTitle)/>
        <h1>{t(Key::RegisterSentTitle)}</h1>
        <p>{t(Key::RegisterSentBody)}</p>
    }
}
