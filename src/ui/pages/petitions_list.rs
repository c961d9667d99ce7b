//! All public petitions: filters, sorts, search and pages, as a plain GET form.
use super::PageError;
use crate::api::petitions::{list_petitions, load_propose_options};
use crate::domain::url::encode_query_value;
use crate::dto::follows::{FollowKind, feed_url, page_url};
use crate::dto::petitions::{ListQuery, ProposeOptions};
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::follow::FollowBox;
use crate::ui::components::petition_card::PetitionList;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const STATES: [(&str, Key); 5] = [
    ("open", Key::FilterOpen),
    ("established", Key::FilterEstablished),
    ("answered", Key::FilterAnswered),
    ("closed", Key::FilterClosed),
    ("rejected", Key::FilterRejected),
];
const SORTS: [(&str, Key); 4] =
    [("most_signed", Key::SortMostSigned), ("newest", Key::SortNewest), ("ending", Key::SortEnding), ("trending", Key::SortTrending)];

fn query_from(q: &leptos_router::params::ParamsMap) -> ListQuery {
    let num = |k: &str| q.get(k).and_then(|v| v.parse().ok());
    let text = |k: &str| q.get(k).filter(|v| !v.is_empty());
    ListQuery {
        state: text("state"),
        jurisdiction: num("jurisdiction"),
        agency: num("agency"),
        category: num("category"),
        sort: text("sort"),
        // A search is reflected in the page: characters that disguise text are dropped.
        q: text("q").map(|v| v.chars().filter(|c| !crate::domain::validation::is_spoofing(*c)).collect::<String>()).filter(|v| !v.is_empty()),
        page: num("page"),
    }
}

/// The list's address with another page number.
fn page_href(q: &ListQuery, page: i64) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("state", q.state.clone()), ("sort", q.sort.clone()), ("q", q.q.clone())] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", encode_query_value(&v)));
        }
    }
    for (k, v) in [("jurisdiction", q.jurisdiction), ("agency", q.agency), ("category", q.category)] {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    }
    parts.push(format!("page={page}"));
    format!("/petitions?{}", parts.join("&"))
}

fn choice(value: String, text: String, current: Option<String>) -> impl IntoView {
    let sel = current.as_deref() == Some(value.as_str());
    view! { <option value=value selected=sel>{text}</option> }
}

#[component]
fn Filters(q: ListQuery, opts: ProposeOptions, locale: Locale) -> impl IntoView {
    let id = |v: Option<i64>| v.map(|v| v.to_string());
    view! {
        <form method="get" action="/petitions" class="filters" role="search">
            <div class="field">
                <label for="q">{locale.text(Key::FilterSearch)}</label>
                <input id="q" name="q" type="search" value=q.q.clone().unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="state">{locale.text(Key::FilterState)}</label>
                <select id="state" name="state">
                    <option value="">{locale.text(Key::FilterAll)}</option>
                    {STATES.iter().map(|(v, k)| choice(v.to_string(), locale.text(*k).into(), q.state.clone())).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="jurisdiction">{locale.text(Key::FieldJurisdiction)}</label>
                <select id="jurisdiction" name="jurisdiction">
                    <option value="">{locale.text(Key::FilterAll)}</option>
                    {opts.jurisdictions.iter().map(|j| choice(j.jurisdiction_id.to_string(), crate::dto::common::localized(locale, &j.name_zh, &j.name_en).into(), id(q.jurisdiction))).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="agency">{locale.text(Key::FieldAgency)}</label>
                <select id="agency" name="agency">
                    <option value="">{locale.text(Key::FilterAll)}</option>
                    {opts.agencies.iter().map(|(_, a)| choice(a.id.to_string(), a.name(locale).into(), id(q.agency))).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="category">{locale.text(Key::FieldCategory)}</label>
                <select id="category" name="category">
                    <option value="">{locale.text(Key::FilterAll)}</option>
                    {opts.categories.iter().map(|c| choice(c.id.to_string(), c.name(locale).into(), id(q.category))).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sort">{locale.text(Key::FilterSort)}</label>
                <select id="sort" name="sort">
                    {SORTS.iter().map(|(v, k)| choice(v.to_string(), locale.text(*k).into(), q.sort.clone())).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{locale.text(Key::FilterApply)}</button>
        </form>
    }
}

#[component]
pub fn PetitionsPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_query_map();
    let query = move || query_from(&params.read());
    let page = Resource::new(query, list_petitions);
    let opts = Resource::new(|| (), |_| load_propose_options());
    view! {
        <Title text=t(Key::PetitionsTitle)/>
        <h1>{t(Key::PetitionsTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query();
                let opts = opts.await.ok();
                // A list filtered by topic can be followed like the topic itself.
                let topic = q.category.and_then(|c| Some((c, opts.as_ref()?.categories.iter().find(|x| x.id == c)?.code.clone()))).map(|(c, code)| {
                    view! { <FollowBox kind=FollowKind::Topic target=c back=page_url(FollowKind::Topic, c, &code) feed=feed_url(FollowKind::Topic, c, &code)/> }
                });
                let filters = opts.map(|o| view! { <Filters q=q.clone() opts=o locale/> });
                match page.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(p) => {
                        let summary = locale.petitions_count(p.total, p.page, p.pages);
                        let prev = (p.page > 1).then(|| view! { <a rel="prev" href=page_href(&q, p.page - 1)>{locale.text(Key::PagePrev)}</a> });
                        let next = (p.page < p.pages).then(|| view! { <a rel="next" href=page_href(&q, p.page + 1)>{locale.text(Key::PageNext)}</a> });
                        view! {
                            {filters}
                            {topic}
                            // Cards are h3 under this heading (axe heading-order); it is for screen readers.
                            <h2 class="visually-hidden">{locale.text(Key::PetitionsResults)}</h2>
                            <p role="status">{summary}</p>
                            <PetitionList items=p.items now=p.now/>
                            <nav class="pagination" aria-label=locale.text(Key::PageNav)>{prev}" "{next}</nav>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
