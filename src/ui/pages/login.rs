use crate::api::auth::Login;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::page_form;
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let next = use_query_map().read_untracked().get("next").unwrap_or_else(|| "/".into());
    view! {
        <Title text=t(Key::LoginTitle)/>
        <Notice/>
        <h1>{t(Key::LoginTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    let state = page_form(forms::LOGIN).await;
                    view! {
                        <ErrorSummary state/>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="next" value=next/>
                            <Field name="email" label=Key::FieldEmail kind="email" autocomplete="username" state/>
                            <Field name="password" label=Key::FieldPassword kind="password" autocomplete="current-password" state/>
                            <button type="submit" class="button" disabled=move || action.pending().get()>{t(Key::LoginSubmit)}</button>
                        </ActionForm>
                    }
                })
            }}
        </Suspense>
        <p><a href="/reset">{t(Key::LoginForgot)}</a></p>
        <p><a href="/register">{t(Key::LoginNoAccount)}</a></p>
    }
}
