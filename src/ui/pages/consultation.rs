//! One consultation (/consultations/:id): what the agency asks and until when, how to take
//! part, the agency's conclusions (with the officer's form to publish them) and the
//! discussion.
use super::PageError;
use super::consultations::{PhaseBadge, due_day};
use crate::api::consultations::{PublishConclusions, load_consultation};
use crate::api::discussion::load_thread;
use crate::domain::consultation::Phase;
use crate::domain::url::encode_query_value;
use crate::dto::consultations::{ConsultationPage as PageData, ConsultationSummary};
use crate::dto::deliberation::StatementView;
use crate::dto::discussion::Thread;
use crate::dto::follows::{FollowKind, feed_url};
use crate::dto::forms;
use crate::error::AppError;
use crate::i18n::labels::stage_label;
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use crate::ui::components::cite::{CiteChoices, CitedList};
use crate::ui::components::discussion::Discussion;
use crate::ui::components::field::{ErrorSummary, TextArea};
use crate::ui::components::follow::FollowBox;
use crate::ui::components::form_state::{form_state, use_flash};
use crate::ui::components::notice::Notice;
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let location = use_location();
    // Re-read after the conclusions form (it comes back with a new `?notice=`).
    let page = Resource::new(move || (id(), location.search.get()), |(id, _)| load_consultation(id));
    let query = use_query_map();
    let thread = Resource::new(
        move || (id(), location.search.get()),
        move |(id, _)| {
            let (sort, page) = query.with_untracked(|q| (q.get("csort"), q.get("cpage").and_then(|p| p.parse().ok())));
            load_thread("consultation".into(), id, sort, page)
        },
    );
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                // The form's kept errors are read before it renders (plain posts come back with them).
                let _ = use_flash().await;
                match page.await {
                    Err(e) => {
                        if matches!(e, AppError::NotFound) {
                            status::not_found();
                        }
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(p) => {
                        let th = thread.await.ok();
                        view! { <Consultation p th/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Consultation(p: PageData, th: Option<Thread>) -> impl IntoView {
    let locale = use_locale();
    let s = p.summary.clone();
    let id = s.id;
    let agency_href = format!("/agencies/{}", encode_query_value(&s.agency.code));
    // Each part is type-erased: one nested view type for the whole page is too deep for the compiler.
    let head = view! {
        <Title text=s.title.clone()/>
        <p><a href="/consultations">{t(Key::ConsultBack)}</a></p>
        <p><PhaseBadge phase=s.phase/></p>
        <h1>{s.title.clone()}</h1>
        <p class="petition-meta">
            <a href=agency_href>{s.agency.name(locale).to_string()}</a>
            " · "{locale.consult_stage_line(locale.text(stage_label(s.stage)))}
        </p>
        <FollowBox kind=FollowKind::Consultation target=id back=format!("/consultations/{id}") feed=feed_url(FollowKind::Consultation, id, "")/>
    }
    .into_any();
    view! {
        <article class="consultation">
            {head}
            {dates(locale, &s)}
            {take_part(locale, &p)}
            {about(locale, &p)}
            <Conclusions p=p.clone()/>
            {th.map(|thread| view! { <Discussion thread/> })}
        </article>
    }
}

/// Opens, last day, conclusions due (and overdue), published (and late).
fn dates(l: Locale, s: &ConsultationSummary) -> AnyView {
    let overdue =
        (s.phase == Phase::Overdue).then(|| view! { <br/><strong class="overdue">{l.consult_overdue_since(s.conclusions_due_at.date_taipei())}</strong> });
    let published = s.concluded_at.map(|c| {
        let day = c.date_taipei();
        let text = if s.concluded_late { l.consult_published_late(day) } else { day };
        view! { <dt>{l.text(Key::ConsultPublishedLabel)}</dt><dd><a href="#conclusions">{text}</a></dd> }
    });
    view! {
        <section aria-labelledby="dates-title">
            <h2 id="dates-title">{l.text(Key::ConsultDatesTitle)}</h2>
            <dl class="summary-list">
                <dt>{l.text(Key::ConsultOpensLabel)}</dt><dd>{s.opens_at.date_taipei()}</dd>
                <dt>{l.text(Key::ConsultLastDayLabel)}</dt><dd>{s.last_day.clone()}</dd>
                <dt>{l.text(Key::ConsultDueLabel)}</dt><dd>{due_day(s)}{overdue}</dd>
                {published}
            </dl>
        </section>
    }
    .into_any()
}

/// The figures so far and the way to the statements and the map.
fn take_part(l: Locale, p: &PageData) -> AnyView {
    let s = &p.summary;
    let open = s.phase == Phase::Open;
    let (label, class) = if open { (Key::ConsultTakePartOpen, "button button-primary") } else { (Key::ConsultTakePartMap, "button") };
    let upcoming = (s.phase == Phase::Upcoming).then(|| view! { <p>{l.consult_opens_on(s.opens_at.date_taipei())}</p> });
    let n = |v: i64| Grouped(v).to_string();
    view! {
        <section class="panel-action" aria-labelledby="take-part-title">
            <h2 id="take-part-title">{l.text(Key::ConsultTakePartTitle)}</h2>
            {upcoming}
            <dl class="stats">
                <dt>{l.text(Key::ConsultParticipantsLabel)}</dt><dd>{n(s.participants)}</dd>
                <dt>{l.text(Key::ConsultStatementsLabel)}</dt><dd>{n(s.statements)}</dd>
                <dt>{l.text(Key::ConsultVotesLabel)}</dt><dd>{n(p.votes)}</dd>
                <dt>{l.text(Key::ConsultGroupsLabel)}</dt><dd>{n(p.groups)}</dd>
            </dl>
            <p><a class=class href=format!("/consultations/{}/deliberation", s.id)>{l.text(label)}</a></p>
        </section>
    }
    .into_any()
}

/// Background (sanitised HTML from the server), questions and documents.
fn about(l: Locale, p: &PageData) -> AnyView {
    let questions = (!p.questions.is_empty()).then(|| {
        view! {
            <section aria-labelledby="questions-title">
                <h2 id="questions-title">{l.text(Key::ConsultQuestionsTitle)}</h2>
                <ol class="consult-questions">{p.questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ol>
            </section>
        }
    });
    let documents = (!p.documents.is_empty()).then(|| {
        view! {
            <section aria-labelledby="documents-title">
                <h2 id="documents-title">{l.text(Key::ConsultDocumentsTitle)}</h2>
                <ul class="consult-documents">
                    {p.documents.iter().map(|d| view! { <li><a href=d.clone() rel="noopener noreferrer" class="break">{d.clone()}</a></li> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <section aria-labelledby="background-title">
            <h2 id="background-title">{l.text(Key::ConsultBackgroundTitle)}</h2>
            <div class="consult-html" inner_html=p.background_html.clone()></div>
        </section>
        {questions}
        {documents}
    }
    .into_any()
}

/// The conclusions and what they cite; or when they are due; and the officer's form.
#[component]
fn Conclusions(p: PageData) -> impl IntoView {
    let locale = use_locale();
    let s = p.summary.clone();
    let body = match p.conclusions_html.clone() {
        Some(html) => {
            let deliberation = format!("/consultations/{}/deliberation", s.id);
            view! { <div class="consult-html" inner_html=html></div><CitedList cited=p.cited.clone() deliberation title=Key::ConsultCitedTitle level=3/> }
                .into_any()
        }
        None if s.phase == Phase::Overdue => view! { <p class="notice-inline consult-late">{locale.consult_conclusions_late(due_day(&s))}</p> }.into_any(),
        None => view! { <p>{locale.consult_conclusions_pending(due_day(&s))}</p> }.into_any(),
    };
    let form = p.may_conclude.then(|| view! { <ConcludeForm consultation_id=s.id citable=p.citable.clone()/> });
    view! {
        <section id="conclusions" aria-labelledby="conclusions-title">
            <h2 id="conclusions-title">{t(Key::ConsultConclusionsTitle)}</h2>
            {body}
            {form}
        </section>
    }
}

/// The officer's form. Ids carry the prefix "conclude-" (the section itself is `#conclusions`).
#[component]
fn ConcludeForm(consultation_id: i64, citable: Vec<StatementView>) -> impl IntoView {
    let action = ServerAction::<PublishConclusions>::new();
    let state = form_state(forms::CONCLUSIONS, use_flash());
    view! {
        <h3>{t(Key::ConsultConcludeTitle)}</h3>
        <ErrorSummary state level=3 form="conclude"/>
        <ActionForm action attr:class="form form-wide" attr:novalidate=true>
            <input type="hidden" name="consultation_id" value=consultation_id.to_string()/>
            <TextArea name="conclusions" label=Key::ConsultFieldConclusions hint=Key::ConsultHintConclusions state rows=10 form="conclude"/>
            <CiteChoices citable state form="conclude"/>
            <button type="submit" class="button button-primary">{t(Key::ConsultConcludeSubmit)}</button>
        </ActionForm>
    }
}
