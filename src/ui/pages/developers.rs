//! The open data page: how to use the public API, its conventions and licence, and
//! every endpoint as the generated OpenAPI document describes it.
use super::PageError;
use crate::api::open_data::{ApiEndpoint, load_api_endpoints};
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DevelopersPage() -> impl IntoView {
    let endpoints = Resource::new(|| (), |_| load_api_endpoints());
    let key = Resource::new(|| (), |_| crate::api::tlog::log_key());
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
        <section aria-labelledby="log-title">
            <h2 id="log-title">{t(Key::DevLogTitle)}</h2>
            <p>{t(Key::DevLog)}" "<a href="/log">{t(Key::LogTitle)}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { key.await.ok().map(|k| view! { <p>{t(Key::DevLogKey)}</p><pre class="tlog-pre">{k}</pre> }) })}
            </Suspense>
            <ul>
                <li><a href="/log/checkpoint"><code>"/log/checkpoint"</code></a></li>
                <li><a href="/log/key"><code>"/log/key"</code></a></li>
                <li><code>"/log/tile/<L>/<N>[.p/<W>]"</code>", "<code>"/log/tile/entries/<N>[.p/<W>]"</code>" (C2SP tlog-tiles)"</li>
                <li><a href="/api/v1/feeds/log.atom"><code>"/api/v1/feeds/log.atom"</code></a></li>
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
    let locale = use_locale();
    // The OpenAPI document is in English; the page says the same in the reader's language.
    let said = move |key: Option<Key>, english: String| match key {
        Some(k) => (locale.text(k).to_string(), None),
        None => (english, Some("en")),
    };
    list.into_iter()
        .map(|e| {
            let params = (!e.params.is_empty()).then(|| {
                view! {
                    <dl class="facts">
                        {e.params.iter().map(|(name, at, d)| {
                            let (text, lang) = said(param_key(name), d.clone());
                            view! { <dt><code>{name.clone()}</code>" ("{at.clone()}")"</dt><dd lang=lang>{text}</dd> }
                        }).collect_view()}
                    </dl>
                }
            });
            let (summary, summary_lang) = said(summary_key(&e.path), e.summary.clone());
            let description = (!e.description.is_empty()).then(|| {
                let (text, lang) = said((e.path == "/api/v1/petitions").then_some(Key::DevApiPetitionsPaging), e.description.clone());
                view! { <p lang=lang>{text}</p> }
            });
            view! {
                <article class="panel">
                    <h3><code>"GET "{e.path.clone()}</code></h3>
                    <p lang=summary_lang>{summary}</p>
                    {description}
                    {params}
                </article>
            }
        })
        .collect_view()
}

fn summary_key(path: &str) -> Option<Key> {
    Some(match path {
        "/api/v1/agencies" => Key::DevApiAgencies,
        "/api/v1/categories" => Key::DevApiCategories,
        "/api/v1/downloads/{file}" => Key::DevApiDownloads,
        "/api/v1/feeds/established.atom" => Key::DevApiFeedEstablished,
        "/api/v1/feeds/petitions.atom" => Key::DevApiFeedPetitions,
        "/api/v1/feeds/petitions/{id}" => Key::DevApiFeedPetition,
        "/api/v1/feeds/responses.atom" => Key::DevApiFeedResponses,
        "/api/v1/jurisdictions" => Key::DevApiJurisdictions,
        "/api/v1/moderation-log" => Key::DevApiModLog,
        "/api/v1/petitions" => Key::DevApiPetitions,
        "/api/v1/petitions/{id}" => Key::DevApiPetition,
        "/api/v1/stats" => Key::DevApiStats,
        "/api/v1/stream" => Key::DevApiStream,
        _ => return None,
    })
}

fn param_key(name: &str) -> Option<Key> {
    Some(match name {
        "file" => Key::DevParamFile,
        "agency" => Key::DevParamAgency,
        "jurisdiction" => Key::DevParamJurisdiction,
        "lang" => Key::DevParamLang,
        "id" => Key::DevParamId,
        "cursor" => Key::DevParamCursor,
        "state" => Key::DevParamState,
        "category" => Key::DevParamCategory,
        "q" => Key::DevParamQ,
        "sort" => Key::DevParamSort,
        "limit" => Key::DevParamLimit,
        "petition" => Key::DevParamPetition,
        _ => return None,
    })
}
