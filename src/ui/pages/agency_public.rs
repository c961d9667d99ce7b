//! One agency's public record and the petitions it leads.
use super::PageError;
use super::agencies::{days, helpful};
use crate::api::responses::load_agency_page;
use crate::dto::follows::{FollowKind, feed_url};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::follow::FollowBox;
use crate::ui::components::petition_card::PetitionList;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AgencyPublicPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let page = Resource::new(code, load_agency_page);
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let s = p.stats.clone();
                        let name = s.agency.name(locale).to_string();
                        let (agency, back) = (s.agency.id, format!("/agencies/{}", s.agency.code));
                        let feed = feed_url(FollowKind::Agency, agency, &s.agency.code);
                        view! {
                            <Title text=name.clone()/>
                            <h1>{name}</h1>
                            <p><a href="/agencies">{t(Key::AgenciesTitle)}</a></p>
                            <FollowBox kind=FollowKind::Agency target=agency back feed/>
                            {p.retired.then(|| {
                                let successor = p.merged_into.clone().map(|m| {
                                    let text = locale.org_merged_into(m.name(locale));
                                    view! { " "<a href=format!("/agencies/{}", m.code)>{text}</a> }
                                });
                                view! { <p class="notice-inline">{t(Key::AgencyRetiredNote)}{successor}</p> }
                            })}
                            {(!p.contact.is_empty()).then(|| view! { <p>{t(Key::AgencyContact)}": "{p.contact.clone()}</p> })}
                            <dl class="stats">
                                <dt>{t(Key::ReceivedCol)}</dt><dd>{s.received}</dd>
                                <dt>{t(Key::OnTimeCol)}</dt><dd>{s.answered_on_time}</dd>
                                <dt>{t(Key::LateCol)}</dt><dd>{s.answered_late}</dd>
                                <dt>{t(Key::OverdueCol)}</dt><dd>{s.overdue_now}</dd>
                                <dt>{t(Key::MedianCol)}</dt><dd>{days(s.median_days)}</dd>
                                <dt>{t(Key::P90Col)}</dt><dd>{days(s.p90_days)}</dd>
                                <dt>{t(Key::HelpfulCol)}</dt><dd>{helpful(&s)}</dd>
                                <dt>{t(Key::ConsultationsClosedCol)}</dt><dd>{s.consultations_closed}</dd>
                                <dt>{t(Key::ConclusionsOnTimeCol)}</dt><dd>{s.conclusions_on_time}</dd>
                                <dt>{t(Key::ConclusionsLateCol)}</dt><dd>{s.conclusions_late}</dd>
                                <dt>{t(Key::ConclusionsOverdueCol)}</dt><dd>{s.conclusions_overdue}</dd>
                                <dt>{t(Key::RegulationsClosedCol)}</dt><dd>{s.regulations_closed}</dd>
                                <dt>{t(Key::RegulationsOnTimeCol)}</dt><dd>{s.regulations_answered_on_time}</dd>
                                <dt>{t(Key::RegulationsLateCol)}</dt><dd>{s.regulations_answered_late}</dd>
                                <dt>{t(Key::RegulationsOverdueCol)}</dt><dd>{s.regulations_overdue}</dd>
                            </dl>
                            <h2>{t(Key::AgencyPetitions)}</h2>
                            <PetitionList items=p.petitions now=p.now/>
                        }
                        .into_any()
                    }
                    Err(e) => {
                        crate::ui::components::status::not_found();
                        view! { <h1>{t(Key::NotFoundTitle)}</h1><PageError error=e/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
