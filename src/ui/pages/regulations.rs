//! Draft regulations out for comment (法規預告): every agency's notices, filtered by a plain GET
//! form; for officers, the way to publish one and their agencies' unpublished drafts.
use super::PageError;
use crate::api::regulations::load_regulations;
use crate::domain::regulation::notice::Phase;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::petitions::CategoryView;
use crate::dto::regulations::{RegulationList, RegulationSummary};
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A phase's name (`labels.rs` has none for notices; the other regulation pages use this one).
pub fn phase_key(p: Phase) -> Key {
    match p {
        Phase::Draft => Key::RegPhaseDraft,
        Phase::Open => Key::RegPhaseOpen,
        Phase::AwaitingAnswers => Key::RegPhaseAwaiting,
        Phase::Overdue => Key::RegPhaseOverdue,
        Phase::Answered => Key::RegPhaseAnswered,
        Phase::Issued => Key::RegPhaseIssued,
    }
}

/// Colours the other lists already use for the same meaning, so no new CSS is needed.
fn phase_class(p: Phase) -> &'static str {
    match p {
        Phase::Draft => "badge badge-draft",
        Phase::Open => "badge badge-consult-open",
        Phase::AwaitingAnswers => "badge badge-consult-awaiting",
        Phase::Overdue => "badge badge-consult-overdue",
        Phase::Answered => "badge badge-answered",
        Phase::Issued => "badge badge-consult-concluded",
    }
}

/// Where a notice stands, as a badge; the text says it, the colour only repeats it.
#[component]
pub fn RegulationPhaseBadge(phase: Phase) -> impl IntoView {
    view! { <span class=phase_class(phase)>{t(phase_key(phase))}</span> }
}

/// The last day the agency may answer (the due moment is the next midnight).
pub fn answers_due_day(s: &RegulationSummary) -> String {
    s.answers_due_at.plus_millis(-1).date_taipei()
}

/// The date that matters in the notice's phase, and whether it says the agency is late now.
pub fn date_line(l: Locale, s: &RegulationSummary) -> (String, bool) {
    let day = |at: Option<Timestamp>| at.map(|at| at.date_taipei()).unwrap_or_default();
    match s.phase {
        Phase::Draft => (l.reg_planned_last_day(&s.last_day), false),
        Phase::Open => (l.reg_comments_until(&s.last_day), false),
        Phase::AwaitingAnswers => (l.reg_answers_due_by(answers_due_day(s)), false),
        Phase::Overdue => (l.reg_answers_overdue_since(s.answers_due_at.date_taipei()), true),
        Phase::Answered if s.answered_late => (l.reg_answered_late_on(day(s.answered_at)), false),
        Phase::Answered => (l.reg_answered_on(day(s.answered_at)), false),
        Phase::Issued => (l.reg_issued_on(day(s.issued_at)), false),
    }
}

#[component]
pub fn RegulationsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        (q.get("phase").unwrap_or_default(), q.get("agency").unwrap_or_default(), q.get("category").unwrap_or_default())
    };
    let list = Resource::new(filters, |(phase, agency, category)| load_regulations(phase, agency, category));
    view! {
        <Title text=t(Key::RegTitle)/>
        <h1>{t(Key::RegTitle)}</h1>
        <p>{t(Key::RegIntro)}</p>
        <p class="hint">{t(Key::RegFollowHint)}" "<a href="/api/v1/feeds/regulations.atom" type="application/atom+xml">{t(Key::FollowFeed)}</a></p>
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
fn Results(l: RegulationList) -> impl IntoView {
    let locale = use_locale();
    let drafts = l.drafts;
    // Officers first see the way to publish, and a jump to drafts waiting at the end of the page.
    let publish = l.may_publish.then(|| {
        let jump = (!drafts.is_empty()).then(|| view! { <a href="#drafts">{locale.reg_drafts_jump(drafts.len())}</a> });
        view! {
            <div class="button-row">
                <a class="button" href="/regulations/new">{t(Key::RegPublishLink)}</a>
                {jump}
            </div>
        }
    });
    let count = locale.reg_count(l.items.len());
    let items = if l.items.is_empty() {
        view! { <p class="empty">{t(Key::RegNone)}</p> }.into_any()
    } else {
        view! { <ul class="cards">{l.items.into_iter().map(|s| view! { <RegulationCard s/> }).collect_view()}</ul> }.into_any()
    };
    // After the public list, so the filters and results keep their place for everyone.
    let waiting = (!drafts.is_empty()).then(|| {
        view! {
            <section id="drafts" aria-labelledby="drafts-title">
                <h2 id="drafts-title">{t(Key::RegDraftsTitle)}</h2>
                <p>{t(Key::RegDraftsIntro)}</p>
                <ul class="cards">{drafts.into_iter().map(|s| view! { <RegulationCard s/> }).collect_view()}</ul>
            </section>
        }
    });
    view! {
        {publish}
        <Filters phase=l.phase agency=l.agency agencies=l.agencies category=l.category categories=l.categories/>
        // Cards are h3 under this heading (heading order); it is for screen readers.
        <h2 class="visually-hidden">{t(Key::RegResults)}</h2>
        <p role="status">{count}</p>
        {items}
        {waiting}
    }
}

fn choice(value: String, text: String, current: &str) -> impl IntoView + use<> {
    let sel = value == current;
    view! { <option value=value selected=sel>{text}</option> }
}

/// A GET form, so filtering works without JavaScript and the address can be shared.
#[component]
fn Filters(phase: String, agency: String, agencies: Vec<AgencyView>, category: String, categories: Vec<CategoryView>) -> impl IntoView {
    let locale = use_locale();
    // Drafts are not public: they are not a filter.
    let phases = Phase::ALL.into_iter().filter(|p| *p != Phase::Draft);
    view! {
        <form method="get" action="/regulations" class="filters" role="search">
            <div class="field">
                <label for="phase">{t(Key::RegFilterPhase)}</label>
                <select id="phase" name="phase">
                    <option value="">{t(Key::FilterAll)}</option>
                    {phases.map(|p| choice(p.code().into(), locale.text(phase_key(p)).into(), &phase)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="agency">{t(Key::FieldAgency)}</label>
                <select id="agency" name="agency">
                    <option value="">{t(Key::FilterAll)}</option>
                    // By code, as the server reads it (and as agency pages are addressed).
                    {agencies.iter().map(|a| choice(a.code.clone(), a.name(locale).into(), &agency)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="category">{t(Key::FieldCategory)}</label>
                <select id="category" name="category">
                    <option value="">{t(Key::FilterAll)}</option>
                    // By id, as the petition list's topic filter.
                    {categories.iter().map(|c| choice(c.id.to_string(), c.name(locale).into(), &category)).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t(Key::RegFilterSubmit)}</button>
        </form>
    }
}

#[component]
fn RegulationCard(s: RegulationSummary) -> impl IntoView {
    let locale = use_locale();
    let (when, late) = date_line(locale, &s);
    // A draft has no comments yet: its figures would only be noise.
    let figures = (s.phase != Phase::Draft).then(|| {
        let text = locale.reg_card_figures(Grouped(s.answered), Grouped(s.comments), Grouped(s.versions));
        view! { <p class="card-meta">{text}</p> }
    });
    view! {
        <li class=if late { "card consult-card-overdue" } else { "card" }>
            <h3 class="card-title"><a href=format!("/regulations/{}", s.id)>{s.title.clone()}</a></h3>
            <p class="card-meta">
                <RegulationPhaseBadge phase=s.phase/>" "
                <span>{s.agency.name(locale).to_string()}</span>
                {s.topic.as_ref().map(|c| view! { " · "<span>{c.name(locale).to_string()}</span> })}
            </p>
            <p class=if late { "card-due due due-overdue" } else { "card-due" }>{when}</p>
            {figures}
        </li>
    }
}
