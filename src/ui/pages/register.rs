use crate::api::auth::Register;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::FlashForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    view! {
        <Title text=t(Key::RegisterTitle)/>
        <h1>{t(Key::RegisterTitle)}</h1>
        <FlashForm form=forms::REGISTER let:state>
            <ErrorSummary state/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <Field name="display_name" label=Key::FieldDisplayName hint=Key::HintDisplayName autocomplete="nickname" state/>
                <Field name="email" label=Key::FieldEmail hint=Key::HintEmail kind="email" autocomplete="email" state/>
                <Field name="password" label=Key::FieldPassword hint=Key::HintPassword kind="password" autocomplete="new-password" state/>
                <button type="submit" class="button">{t(Key::RegisterSubmit)}</button>
            </ActionForm>
        </FlashForm>
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
