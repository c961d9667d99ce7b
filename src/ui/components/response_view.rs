//! A published agency response (formal response or co-agency section), and the
//! response part of the petition page: due date, extension, response, ratings.
use crate::api::responses::RateResponse;
use crate::domain::petition::PetitionState;
use crate::domain::response::Position;
use crate::dto::forms;
use crate::dto::responses::{PetitionResponses, ResponseView};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::cite::CitedList;
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use crate::ui::components::petition_card::ResponseDue;
use leptos::prelude::*;

pub fn position_key(p: Position) -> Key {
    match p {
        Position::Accepted => Key::PositionAccepted,
        Position::Partly => Key::PositionPartly,
        Position::NotAccepted => Key::PositionNotAccepted,
    }
}

/// One version's content. `level` is the heading level of its title (2 or 3).
#[component]
pub fn ResponseBody(r: ResponseView, petition_id: i64, #[prop(default = false)] show_versions_link: bool) -> impl IntoView {
    let locale = use_locale();
    let amended = r.version > 1;
    let title = if r.is_lead { locale.response_lead_agency(r.agency.name(locale)) } else { locale.response_section_title(r.agency.name(locale)) };
    let points = (!r.points.is_empty()).then(|| {
        // Boxed: the page type would otherwise be too deep for the WASM build.
        view! {
            <div class="table-scroll" tabindex="0">
                <table class="data-table">
                    <caption>{t(Key::ResponsePointsCaption)}</caption>
                    <thead><tr><th scope="col">{t(Key::ResponsePointCol)}</th><th scope="col">{t(Key::ResponsePositionCol)}</th><th scope="col">{t(Key::ResponseReasonCol)}</th></tr></thead>
                    <tbody>
                        {r.points.iter().map(|p| view! {
                            <tr><td>{p.text.clone()}</td><td class=format!("position position-{}", p.position.code())>{t(position_key(p.position))}</td><td>{p.reason.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let links = (!r.links.is_empty()).then(|| {
        view! {
            <h4>{t(Key::ResponseLinks)}</h4>
            <ul>{r.links.iter().map(|l| view! { <li><a href=l.clone() rel="noopener noreferrer">{l.clone()}</a></li> }).collect_view()}</ul>
        }
    });
    view! {
        <div class="response">
            <h3>{title}</h3>
            <p class="response-meta">
                {locale.response_published_on(r.first_published_at.date_taipei())}
                {amended.then(|| view! { " · "<strong>{locale.response_amended_on(r.published_at.date_taipei())}</strong> })}
                {(amended || show_versions_link).then(|| view! { " · "<a href=format!("/petitions/{petition_id}/responses")>{t(Key::ResponseVersionsLink)}</a> })}
            </p>
            {r.published_by.clone().map(|n| view! { <p class="hint">{locale.response_published_by(n)}</p> })}
            <p class="response-summary">{r.summary.clone()}</p>
            // Rendered from Markdown and sanitised on the server (ammonia).
            <div class="prose response-details" inner_html=r.details_html.clone()></div>
            {points}
            {links}
            <CitedList cited=r.cited.clone() deliberation=format!("/petitions/{petition_id}/deliberation") title=Key::ResponseCitedTitle/>
        </div>
    }
    .into_any()
}

#[component]
pub fn ResponseSection(r: PetitionResponses, petition_id: i64, state: PetitionState) -> impl IntoView {
    let locale = use_locale();
    if !matches!(state, PetitionState::Established | PetitionState::Answered) {
        return ().into_any();
    }
    let rate = ServerAction::<RateResponse>::new();
    let rating = r.rating.clone();
    let counts = locale.rating_counts(rating.helpful, rating.not_helpful);
    let rate_box = r.formal.is_some().then(move || {
        view! {
            <div class="rating">
                <h3>{t(Key::RatingTitle)}</h3>
                <p>{counts}</p>
                {if rating.mine.is_some() {
                    view! { <p>{t(Key::RatingDone)}</p> }.into_any()
                } else if rating.can_rate {
                    view! {
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                let st = page_form(forms::RATE).await;
                                view! {
                                    <ErrorSummary state=st level=3/>
                                    <ActionForm action=rate attr:class="inline-form">
                                        <input type="hidden" name="id" value=petition_id.to_string()/>
                                        <button type="submit" name="helpful" value="yes" class="button">{t(Key::RatingHelpful)}</button>
                                        " "
                                        <button type="submit" name="helpful" value="no" class="button">{t(Key::RatingNotHelpful)}</button>
                                    </ActionForm>
                                }
                            })}
                        </Suspense>
                    }
                    .into_any()
                } else {
                    view! { <p class="hint">{t(Key::RatingWho)}</p> }.into_any()
                }}
            </div>
        }
    });
    view! {
        <section id="response" class="panel" aria-labelledby="response-title">
            <h2 id="response-title">{t(Key::ResponseTitle)}</h2>
            {(state == PetitionState::Established).then(|| view! { <p><ResponseDue state due=r.due_at now=r.now/></p> })}
            {r.extension.clone().map(|e| view! { <p>{locale.response_extension(e.days, e.reason)}</p> })}
            {match r.formal.clone() {
                Some(f) => view! { <ResponseBody r=f petition_id/> }.into_any(),
                None => view! { <p>{t(Key::ResponseNone)}</p> }.into_any(),
            }}
            {r.sections.clone().into_iter().map(|s| view! { <ResponseBody r=s petition_id/> }).collect_view()}
            {rate_box}
            {r.can_work.then(|| view! { <p><a class="button" href=format!("/agency/petitions/{petition_id}")>{t(Key::ResponseWorkspaceLink)}</a></p> })}
        </section>
    }
    .into_any()
}
