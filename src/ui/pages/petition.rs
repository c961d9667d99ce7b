//! One petition: progress, signing, timeline, chart, map, and the proposer's controls.
use super::PageError;
use super::petition_owner::OwnerBox;
use super::petition_sign::SignBox;
use crate::api::discussion::load_thread;
use crate::api::petitions::get_petition;
use crate::api::responses::load_petition_responses;
use crate::domain::petition::PetitionState;
use crate::dto::discussion::Thread;
use crate::dto::petitions::PetitionDetail;
use crate::dto::responses::PetitionResponses;
use crate::i18n::labels::{event_text, mod_reason_text, reject_reason_key};
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::count_chart::CountChart;
use crate::ui::components::county_map::CountyMap;
use crate::ui::components::discussion::Discussion;
use crate::ui::components::notice::Notice;
use crate::ui::components::petition_card::{StateBadge, grouped, time_left};
use crate::ui::components::response_view::ResponseSection;
use crate::ui::components::share_box::ShareBox;
use crate::ui::components::status;
use crate::ui::islands::live_count::LiveCount;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

pub fn petition_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|v| v.parse().ok()).unwrap_or(0)
}

#[component]
pub fn PetitionPage() -> impl IntoView {
    let id = petition_id();
    let location = use_location();
    // Re-read after every action (they come back with a new `?notice=`).
    let detail = Resource::new(move || (id(), location.search.get()), |(id, _)| get_petition(id));
    let responses = Resource::new(move || (id(), location.search.get()), |(id, _)| load_petition_responses(id));
    let query = use_query_map();
    let thread = Resource::new(
        move || (id(), location.search.get()),
        move |(id, _)| {
            let (sort, page) = query.with_untracked(|q| (q.get("csort"), q.get("cpage").and_then(|p| p.parse().ok())));
            load_thread("petition".into(), id, sort, page)
        },
    );
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(e) => {
                        status::not_found();
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(d) => {
                        let r = responses.await.ok();
                        let th = thread.await.ok();
                        view! { <Petition d r th/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Petition(d: PetitionDetail, r: Option<PetitionResponses>, th: Option<Thread>) -> impl IntoView {
    let locale = use_locale();
    let s = d.summary.clone();
    let signing_started = s.opened_at.is_some();
    let meta = [
        Some(s.jurisdiction(locale).to_string()),
        d.category.as_ref().map(|c| c.name(locale).to_string()),
        Some(locale.petition_proposed_by(d.proposer_name.clone())),
        s.opened_at.map(|o| locale.petition_opened_on(o.date_taipei())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let due = s.response_due_at.map(|due| {
        let at = s.established_at.map(|e| e.date_taipei()).unwrap_or_default();
        view! { <p class="due">{locale.petition_response_due(at, due.date_taipei())}</p> }
    });
    // Each part is type-erased: one nested view type for the whole page is too deep for the compiler.
    let progress = signing_started
        .then(|| {
            view! {
                <section class="panel" aria-labelledby="progress-title">
                    <h2 id="progress-title" class="visually-hidden">{locale.text(Key::PetitionProgressTitle)}</h2>
                    <LiveCount id=s.id initial=s.signature_count threshold=s.threshold template=locale.text(Key::PetitionProgress).to_string()/>
                    <p>{time_left(locale, s.state, s.closes_at, d.now)}</p>
                    {due}
                    {d.viewer.is_moderator.then(|| view! { <p><a href=format!("/moderation/petitions/{}/signatures", s.id)>{locale.text(Key::FraudLink)}</a></p> })}
                    {d.rules.second_tier_threshold.map(|n| view! { <p>{locale.petition_second_tier(grouped(n))}</p> })}
                </section>
            }
        })
        .into_any();
    // After reports the text may be held for review or hidden with a coded reason.
    let content = th.as_ref().map(|t| (t.content_status.clone(), t.content_reason.clone())).unwrap_or(("visible".into(), None));
    let text = match content {
        (status, _) if status == "held" => view! { <p class="panel panel-warning">{locale.text(Key::PetitionHeld)}</p> }.into_any(),
        (status, reason) if status == "hidden" => {
            let reason = mod_reason_text(locale, reason.as_deref().unwrap_or(""));
            view! { <p class="panel panel-warning">{locale.petition_hidden_text(reason)}</p> }.into_any()
        }
        _ => petition_text(&d, locale),
    };
    let evidence = if d.evidence.is_empty() || text_hidden(&th) { ().into_any() } else { evidence(&d, locale) };
    let discussion = th.map(|thread| view! { <Discussion thread/> }).into_any();
    let agencies = view! {
        <section aria-labelledby="agencies">
            <h2 id="agencies">{locale.text(Key::PetitionAgencies)}</h2>
            <ul>{d.agencies.iter().enumerate().map(|(i, a)| {
                let role = locale.text(if i == 0 { Key::AgencyLead } else { Key::AgencyCo });
                view! { <li>{a.name(locale).to_string()}" ("{role}")"</li> }
            }).collect_view()}</ul>
        </section>
    }
    .into_any();
    let charts = s
        .opened_at
        .map(|opened| {
            view! {
                <section aria-labelledby="chart-title">
                    <h2 id="chart-title">{locale.text(Key::ChartTitle)}</h2>
                    <CountChart hourly=d.hourly.clone() opened now=d.now closes=s.closes_at threshold=s.threshold count=s.signature_count/>
                </section>
                <section aria-labelledby="map-title">
                    <h2 id="map-title">{locale.text(Key::MapTitle)}</h2>
                    <CountyMap counties=d.counties.clone()/>
                </section>
            }
        })
        .into_any();
    let timeline = view! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{locale.text(Key::TimelineTitle)}</h2>
            <ol class="timeline">
                {d.timeline.iter().map(|e| view! {
                    <li><time>{e.at.datetime_taipei()}</time>" "{event_text(locale, &e.kind, &e.detail)}</li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any();
    // Where the statements and the opinion map live (any public petition but a rejected one).
    let deliberation = (s.state.is_public() && s.state != PetitionState::Rejected)
        .then(|| {
            view! {
                <section aria-labelledby="deliberation-title">
                    <h2 id="deliberation-title">{locale.text(Key::DelibTitle)}</h2>
                    <p><a href=format!("/petitions/{}/deliberation", s.id)>{locale.text(Key::DelibLink)}</a></p>
                </section>
            }
        })
        .into_any();
    let share = s.state.is_public().then(|| view! { <ShareBox url=d.share_url.clone() title=s.title.clone() qr_svg=d.share_qr_svg.clone()/> }).into_any();
    let actions = view! { <SignBox d=d.clone()/><OwnerBox d=d.clone()/><Rejection d=d.clone() locale/> }.into_any();
    let response = r.map(|r| view! { <ResponseSection r petition_id=s.id state=s.state/> }).into_any();
    view! {
        <Title text=s.title.clone()/>
        <article class="petition">
            <p><StateBadge state=s.state/></p>
            <h1>{s.title.clone()}</h1>
            <p class="petition-meta">{meta}</p>
            {progress}
            {response}
            {actions}
            {crate::ui::components::follow::for_petition(s.id, s.state)}
            {text}
            {evidence}
            {agencies}
            {charts}
            {timeline}
            {deliberation}
            {discussion}
            {share}
        </article>
    }
}

fn text_hidden(th: &Option<Thread>) -> bool {
    th.as_ref().is_some_and(|t| t.content_status != "visible")
}

fn petition_text(d: &PetitionDetail, locale: Locale) -> AnyView {
    view! {
        <section aria-labelledby="problem"><h2 id="problem">{locale.text(Key::FieldProblem)}</h2><Paragraphs text=d.problem.clone()/></section>
        <section aria-labelledby="action"><h2 id="action">{locale.text(Key::FieldAction)}</h2><Paragraphs text=d.action.clone()/></section>
        <section aria-labelledby="benefits"><h2 id="benefits">{locale.text(Key::FieldBenefits)}</h2><Paragraphs text=d.benefits.clone()/></section>
    }
    .into_any()
}

fn evidence(d: &PetitionDetail, locale: Locale) -> AnyView {
    view! {
        <section aria-labelledby="evidence">
            <h2 id="evidence">{locale.text(Key::FieldEvidence)}</h2>
            <ul>{d.evidence.iter().map(|l| view! { <li><a href=l.clone() rel="nofollow ugc noopener noreferrer">{l.clone()}</a></li> }).collect_view()}</ul>
        </section>
    }
    .into_any()
}

#[component]
fn Paragraphs(text: String) -> impl IntoView {
    text.split("\n\n").map(|p| view! { <p class="prose">{p.to_string()}</p> }).collect_view()
}

#[component]
fn Rejection(d: PetitionDetail, locale: Locale) -> impl IntoView {
    let reason = d.reject_reason?;
    if !matches!(d.summary.state, PetitionState::Rejected | PetitionState::Hidden) {
        return None;
    }
    let dup = d.duplicate_of.map(|o| view! { <p><a href=format!("/petitions/{o}")>{locale.text(Key::RejectSeeOriginal)}</a></p> });
    Some(view! {
        <section class="panel panel-warning" aria-labelledby="rejected-title">
            <h2 id="rejected-title">{locale.text(Key::RejectedTitle)}</h2>
            <p>{locale.text(reject_reason_key(reason))}</p>
            <p class="prose">{d.reject_explanation.clone().unwrap_or_default()}</p>
            {dup}
        </section>
    })
}
