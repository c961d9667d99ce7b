//! Public accountability: every agency's record on established petitions it leads,
//! as a sortable table and a server-drawn SVG chart of the same figures.
use super::PageError;
use crate::api::responses::load_agency_stats;
use crate::dto::responses::AgencyStats;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const SORTS: [(&str, Key); 6] = [
    ("", Key::ReceivedCol),
    ("on_time", Key::OnTimeCol),
    ("late", Key::LateCol),
    ("overdue", Key::OverdueCol),
    ("median", Key::MedianCol),
    ("helpful", Key::HelpfulCol),
];

pub fn days(d: Option<f64>) -> String {
    d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into())
}

pub fn helpful(s: &AgencyStats) -> String {
    let n = s.helpful + s.not_helpful;
    if n == 0 { "—".into() } else { format!("{}% ({n})", s.helpful * 100 / n) }
}

#[component]
pub fn AgenciesPage() -> impl IntoView {
    let query = use_query_map();
    let sort = move || query.read().get("sort").unwrap_or_default();
    let stats = Resource::new(sort, |s| load_agency_stats(Some(s)));
    view! {
        <Title text=t(Key::AgenciesTitle)/>
        <h1>{t(Key::AgenciesTitle)}</h1>
        <p>{t(Key::AgenciesIntro)}</p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(list) => view! { <Chart list=list.clone()/><StatsTable list sort=sort()/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatsTable(list: Vec<AgencyStats>, sort: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="data-table" id="agency-stats">
                <caption>{t(Key::AgenciesTitle)}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::AgencyCol)}</th>
                    {SORTS.iter().take(4).map(|(code, key)| header(code, *key, &sort)).collect_view()}
                    <th scope="col">{header_link("median", Key::MedianCol, &sort)}</th>
                    <th scope="col">{t(Key::P90Col)}</th>
                    <th scope="col">{header_link("helpful", Key::HelpfulCol, &sort)}</th>
                    <th scope="col">{t(Key::ConclusionsOverdueCol)}</th>
                    <th scope="col">{t(Key::RegulationsOverdueCol)}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|s| view! {
                        <tr>
                            <th scope="row"><a href=format!("/agencies/{}", s.agency.code)>{s.agency.name(locale).to_string()}</a><br/><span class="hint">{if locale == crate::i18n::Locale::En { s.jurisdiction_en.clone() } else { s.jurisdiction_zh.clone() }}</span></th>
                            <td>{s.received}</td>
                            <td>{s.answered_on_time}</td>
                            <td>{s.answered_late}</td>
                            <td class={if s.overdue_now > 0 { "cell-warning" } else { "" }}>{s.overdue_now}</td>
                            <td>{days(s.median_days)}</td>
                            <td>{days(s.p90_days)}</td>
                            <td>{helpful(&s)}</td>
                            <td class={if s.conclusions_overdue > 0 { "cell-warning" } else { "" }}>{s.conclusions_overdue}</td>
                            <td class={if s.regulations_overdue > 0 { "cell-warning" } else { "" }}>{s.regulations_overdue}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn header_link(code: &str, key: Key, sort: &str) -> AnyView {
    let href = if code.is_empty() { "/agencies".to_string() } else { format!("/agencies?sort={code}") };
    let current = (sort == code).then_some("true");
    view! { <a href=href aria-current=current title=t(Key::SortBy)>{t(key)}</a> }.into_any()
}

fn header(code: &str, key: Key, sort: &str) -> AnyView {
    view! { <th scope="col">{header_link(code, key, sort)}</th> }.into_any()
}

/// Stacked bars per agency that received anything: on time, late, overdue now.
#[component]
fn Chart(list: Vec<AgencyStats>) -> impl IntoView {
    let locale = use_locale();
    let rows: Vec<AgencyStats> = list.into_iter().filter(|s| s.received > 0).collect();
    if rows.is_empty() {
        return ().into_any();
    }
    let max = rows.iter().map(|s| s.received).max().unwrap_or(1).max(1) as f64;
    let (label_w, bar_w, row_h) = (260.0, 400.0, 28.0);
    let height = rows.len() as f64 * row_h + 40.0;
    let legend = [(Key::OnTimeCol, "bar-on-time"), (Key::LateCol, "bar-late"), (Key::OverdueCol, "bar-overdue")];
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {height}", label_w + bar_w + 20.0) role="img" aria-labelledby="agencies-chart-title">
                <title id="agencies-chart-title">{t(Key::AgenciesChartTitle)}</title>
                {rows.iter().enumerate().map(|(i, s)| {
                    let y = i as f64 * row_h;
                    let w = |n: i64| n as f64 / max * bar_w;
                    let (a, b, c) = (w(s.answered_on_time), w(s.answered_late), w(s.overdue_now));
                    view! {
                        <text x="0" y=y + 18.0 class="chart-label">{s.agency.name(locale).to_string()}</text>
                        <rect x=label_w y=y + 4.0 width=a height="18" class="bar-on-time"/>
                        <rect x=label_w + a y=y + 4.0 width=b height="18" class="bar-late"/>
                        <rect x=label_w + a + b y=y + 4.0 width=c height="18" class="bar-overdue"/>
                    }
                }).collect_view()}
                {legend.iter().enumerate().map(|(i, (k, class))| {
                    let x = label_w + i as f64 * 130.0;
                    let y = rows.len() as f64 * row_h + 12.0;
                    view! { <rect x=x y=y width="14" height="14" class=*class/><text x=x + 20.0 y=y + 12.0 class="chart-label">{t(*k)}</text> }
                }).collect_view()}
            </svg>
            <figcaption>{t(Key::AgenciesChartTitle)}</figcaption>
        </figure>
    }
    .into_any()
}
