use super::PageError;
use crate::api::home::my_agencies;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let locale = use_locale();
    let agencies = Resource::new(|| (), |_| my_agencies());
    view! {
        <Title text=t(Key::AgencyTitle)/>
        <h1>{t(Key::AgencyTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match agencies.await {
                    Ok(list) if list.is_empty() => view! { <p>{t(Key::AgencyNone)}</p> }.into_any(),
                    Ok(list) => view! {
                        <p>{t(Key::AgencyBody)}</p>
                        <ul class="agency-list">
                            {list.into_iter().map(|a| view! { <li>{a.name(locale).to_string()}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
