//! The open data page: how to use the public API, its conventions and licence, and
//! every endpoint as the generated OpenAPI document describes it.
use super::PageError;
use crate::api::open_data::{ApiEndpoint, load_api_endpoints};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DevelopersPage() -> impl IntoView {
    let endpoints = Resource::new(|| (), |_| load_api_endpoints());
    view! {
        <Title text=t(Key::DevTitle)/>
        <h1>{t(Key::DevTitle)}</h1>
        <p>{t(Key::DevIntro)}</p>
        <p><a href="/api/v1/openapi.json">{t(Key::DevDocLink)}</a></p>
        <section aria-labelledby="conventions-title">
            <h2 id="conventions-title">{t(Key::DevConventions)}</h2>
            <ul>
                <li>{t(Key::DevTimestamps)}</li>
                <li>{t(Key::DevErrors)}</li>
                <li>{t(Key::DevCaching)}</li>
                <li>{t(Key::DevRateLimit)}</li>
                <li>{t(Key::DevPrivacy)}</li>
            </ul>
        </section>
        <section aria-labelledby="feeds-title">
            <h2 id="feeds-title">{t(Key::DevFeedsTitle)}</h2>
            <p>{t(Key::DevFeeds)}</p>
        </section>
        <section aria-labelledby="downloads-title">
            <h2 id="downloads-title">{t(Key::DevDownloadsTitle)}</h2>
            <p>{t(Key::DevDownloads)}</p>
            <ul>
                {[("petitions", Key::DevDownloadPetitions), ("responses", Key::DevDownloadResponses), ("agencies", Key::DevDownloadAgencies)]
                    .into_iter()
                    .map(|(name, key)| view! {
                        <li>{t(key)}" "
                            <a href=format!("/api/v1/downloads/{name}.csv")>"CSV"</a>" · "
                            <a href=format!("/api/v1/downloads/{name}.jsonl")>"JSON Lines"</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="licence-title">
            <h2 id="licence-title">{t(Key::DevLicenceTitle)}</h2>
            <p>{t(Key::DevLicence)}</p>
        </section>
        <section aria-labelledby="endpoints-title">
            <h2 id="endpoints-title">{t(Key::DevEndpoints)}</h2>
            <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match endpoints.await {
                        Ok(list) => view! { <Endpoints list/> }.into_any(),
                        Err(e) => view! { <PageError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Endpoints(list: Vec<ApiEndpoint>) -> impl IntoView {
    list.into_iter()
        .map(|e| {
            let params = (!e.params.is_empty()).then(|| {
                view! {
                    <dl class="facts">
                        {e.params.iter().map(|(name, at, d)| view! { <dt><code>{name.clone()}</code>" ("{at.clone()}")"</dt><dd>{d.clone()}</dd> }).collect_view()}
                    </dl>
                }
            });
            view! {
                <article class="panel" lang="en">
                    <h3><code>"GET "{e.path.clone()}</code></h3>
                    <p>{e.summary.clone()}</p>
                    {(!e.description.is_empty()).then(|| view! { <p>{e.description.clone()}</p> })}
                    {params}
                </article>
            }
        })
        .collect_view()
}
