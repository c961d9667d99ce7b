//! Every published version of a petition's response, newest first.
use super::PageError;
use super::petition::petition_id;
use crate::api::responses::load_response_versions;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::response_view::ResponseBody;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ResponseVersionsPage() -> impl IntoView {
    let id = petition_id();
    let page = Resource::new(id, load_response_versions);
    let locale = use_locale();
    view! {
        <Title text=t(Key::VersionsTitle)/>
        <h1>{t(Key::VersionsTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <p><a href=format!("/petitions/{}", p.petition_id)>{p.title.clone()}</a></p>
                        <ol class="plain-list">
                            {p.versions.into_iter().map(|v| view! {
                                <li class="panel">
                                    <h2>{locale.version_label(v.version)}" · "{v.published_at.datetime_taipei()}</h2>
                                    <ResponseBody r=v petition_id=p.petition_id/>
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
