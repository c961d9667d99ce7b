//! A proposer's share link: verified users sponsor the petition so it can enter review.
use super::PageError;
use crate::api::petitions::SponsorPetition;
use crate::api::session::get_session;
use crate::dto::forms;
use crate::i18n::{Key, t};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::{form_state, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SponsorPage() -> impl IntoView {
    let key = use_params_map().read_untracked().get("key").unwrap_or_default();
    let action = ServerAction::<SponsorPetition>::new();
    let flash = use_flash();
    let session = Resource::new(|| (), |_| get_session());
    view! {
        <Title text=t(Key::SponsorTitle)/>
        <h1>{t(Key::SponsorTitle)}</h1>
        <p>{t(Key::SponsorBody)}</p>
        <Suspense fallback=|| ()>
            {move || {
                let key = key.clone();
                Suspend::new(async move {
                    let _ = flash.await;
                    if !matches!(session.await, Ok(Some(_))) {
                        return view! { <PageError error=crate::error::AppError::Unauthenticated/> }.into_any();
                    }
                    let state = form_state(forms::SPONSOR, flash);
                    view! {
                        <ErrorSummary state/>
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="key" value=key/>
                            <button type="submit" class="button button-primary">{t(Key::SponsorSubmit)}</button>
                        </ActionForm>
                    }
                        .into_any()
                })
            }}
        </Suspense>
    }
}
