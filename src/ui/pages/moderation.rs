use super::PageError;
use crate::api::session::get_session;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let session = Resource::new(|| (), |_| get_session());
    view! {
        <Title text=t(Key::ModerationTitle)/>
        <h1>{t(Key::ModerationTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(Some(s)) if s.has(Role::Moderator) || s.has(Role::Admin) => {
                        view! { <p>{t(Key::ModerationBody)}</p> }.into_any()
                    }
                    Ok(Some(_)) => view! { <PageError error=AppError::Forbidden/> }.into_any(),
                    _ => view! { <PageError error=AppError::Unauthenticated/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
