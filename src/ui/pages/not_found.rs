use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::ui::components::status::not_found();
    view! {
        <Title text=t(Key::NotFoundTitle)/>
        <h1>{t(Key::NotFoundTitle)}</h1>
        <p>{t(Key::NotFoundBody)}</p>
        <p><a href="/">{t(Key::NavHome)}</a></p>
    }
}
