//! Stop a petition's updates from the link in an email (no sign-in needed). The button
//! posts to the same address, which also takes mail clients' one-click posts (RFC 8058).
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done");
    view! {
        <Title text=t(Key::UnsubscribeTitle)/>
        <h1>{t(Key::UnsubscribeTitle)}</h1>
        {move || match done().as_deref() {
            Some("1") => view! { <div class="notice" role="status"><p>{t(Key::UnsubscribeDone)}</p></div> }.into_any(),
            Some(_) => view! { <p role="alert">{t(Key::UnsubscribeInvalid)}</p> }.into_any(),
            None => view! {
                <p>{t(Key::UnsubscribeBody)}</p>
                <form method="post" action=format!("/unsubscribe/{}", token())>
                    <button type="submit" class="button button-primary">{t(Key::UnsubscribeButton)}</button>
                </form>
            }
            .into_any(),
        }}
    }
}
