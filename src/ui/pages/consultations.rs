//! Consultations (眾開講): every agency's consultations, filtered by a plain GET form.
use super::PageError;
use crate::api::consultations::load_consultations;
use crate::domain::consultation::{Phase, Stage};
use crate::dto::consultations::{ConsultationList, ConsultationSummary};
use crate::i18n::labels::{phase_label, stage_label};
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where a consultation stands, as a badge; the text says it, the colour only repeats it.
#[component]
pub fn PhaseBadge(phase: Phase) -> impl IntoView {
    view! { <span class=format!("badge badge-consult-{}", phase.code())>{t(phase_label(phase))}</span> }
}

/// The last day the agency may publish its conclusions (the due moment is the next midnight).
pub fn due_day(s: &ConsultationSummary) -> String {
    s.conclusions_due_at.plus_millis(-1).date_taipei()
}

/// "Due by …" while the conclusions are awaited, "overdue since …" once late; else nothing.
pub fn due_line(l: Locale, s: &ConsultationSummary) -> Option<(String, bool)> {
    match s.phase {
        Phase::AwaitingConclusions => Some((l.consult_due_by(due_day(s)), false)),
        Phase::Overdue => Some((l.consult_overdue_since(s.conclusions_due_at.date_taipei()), true)),
        _ => None,
    }
}

#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (get("phase"), get("stage"), get("agency"))
    };
    let list = Resource::new(filters, |(phase, stage, agency)| load_consultations(phase, stage, agency));
    view! {
        <Title text=t(Key::ConsultTitle)/>
        <h1>{t(Key::ConsultTitle)}</h1>
        <p>{t(Key::ConsultIntro)}</p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(l) => view! { <Results l/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(l: ConsultationList) -> impl IntoView {
    let locale = use_locale();
    let open = l.may_open.then(|| view! { <p><a class="button" href="/consultations/new">{t(Key::ConsultOpenLink)}</a></p> });
    let count = locale.consult_count(l.items.len());
    let items = if l.items.is_empty() {
        view! { <p class="empty">{t(Key::ConsultNone)}</p> }.into_any()
    } else {
        view! { <ul class="cards">{l.items.into_iter().map(|s| view! { <ConsultationCard s/> }).collect_view()}</ul> }.into_any()
    };
    view! {
        {open}
        <Filters phase=l.phase stage=l.stage agency=l.agency agencies=l.agencies/>
        // Cards are h3 under this heading (heading order); it is for screen readers.
        <h2 class="visually-hidden">{t(Key::ConsultResults)}</h2>
        <p role="status">{count}</p>
        {items}
    }
}

fn choice(value: String, text: String, current: &str) -> impl IntoView + use<> {
    let sel = value == current;
    view! { <option value=value selected=sel>{text}</option> }
}

/// A GET form, so filtering works without JavaScript and the address can be shared.
#[component]
fn Filters(phase: String, stage: String, agency: String, agencies: Vec<crate::dto::common::AgencyView>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <form method="get" action="/consultations" class="filters" role="search">
            <div class="field">
                <label for="phase">{t(Key::ConsultFilterPhase)}</label>
                <select id="phase" name="phase">
                    <option value="">{t(Key::FilterAll)}</option>
                    {Phase::ALL.iter().map(|p| choice(p.code().into(), locale.text(phase_label(*p)).into(), &phase)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="stage">{t(Key::ConsultFilterStage)}</label>
                <select id="stage" name="stage">
                    <option value="">{t(Key::FilterAll)}</option>
                    {Stage::ALL.iter().map(|s| choice(s.code().into(), locale.text(stage_label(*s)).into(), &stage)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="agency">{t(Key::FieldAgency)}</label>
                <select id="agency" name="agency">
                    <option value="">{t(Key::FilterAll)}</option>
                    {agencies.iter().map(|a| choice(a.id.to_string(), a.name(locale).into(), &agency)).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t(Key::ConsultFilterSubmit)}</button>
        </form>
    }
}

#[component]
fn ConsultationCard(s: ConsultationSummary) -> impl IntoView {
    let locale = use_locale();
    let overdue = s.phase == Phase::Overdue;
    let period = locale.consult_period(s.last_day.clone(), s.opens_at.date_taipei());
    let due = due_line(locale, &s).map(|(text, late)| view! { <p class=if late { "card-due due due-overdue" } else { "card-due due" }>{text}</p> });
    let figures = format!("{} · {}", locale.consult_participants(Grouped(s.participants)), locale.consult_statements(Grouped(s.statements)));
    view! {
        <li class=if overdue { "card consult-card consult-card-overdue" } else { "card consult-card" }>
            <h3 class="card-title"><a href=format!("/consultations/{}", s.id)>{s.title.clone()}</a></h3>
            <p class="card-meta">
                <PhaseBadge phase=s.phase/>" "
                <span>{s.agency.name(locale).to_string()}</span>" · "
                <span>{locale.consult_stage_line(locale.text(stage_label(s.stage)))}</span>
            </p>
            <p class="card-meta">{period}</p>
            {due}
            <p class="card-meta">{figures}</p>
        </li>
    }
}
