use crate::api::home::list_jurisdictions;
use crate::api::petitions::load_home_lists;
use crate::api::session::get_session;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::notice::Notice;
use crate::ui::components::petition_card::PetitionList;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let rules = Resource::new(|| (), |_| list_jurisdictions());
    let session = Resource::new(|| (), |_| get_session());
    let lists = Resource::new(|| (), |_| load_home_lists());
    view! {
        <Title text=t(Key::HomeTitle)/>
        <Notice/>
        <section class="hero">
            <h1>{t(Key::HomeTitle)}</h1>
            <p class="lead">{t(Key::HomeIntro)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    matches!(session.await, Ok(None))
                        .then(|| view! { <p><a class="button" href="/register">{t(Key::HomeGetStarted)}</a></p> })
                })}
            </Suspense>
        </section>
        <p class="button-row"><a class="button" href="/petitions">{t(Key::NavPetitions)}</a>" "<a class="button button-primary" href="/petitions/new">{t(Key::NavPropose)}</a></p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                lists.await.ok().map(|l| {
                    let now = l.now;
                    view! {
                        <div class="home-lists">
                            <section aria-labelledby="near"><h2 id="near">{t(Key::HomeNearThreshold)}</h2><PetitionList items=l.near_threshold now/></section>
                            <section aria-labelledby="ending"><h2 id="ending">{t(Key::HomeEndingSoon)}</h2><PetitionList items=l.ending_soon now/></section>
                            <section aria-labelledby="established"><h2 id="established">{t(Key::HomeEstablished)}</h2><PetitionList items=l.recently_established now/></section>
                            <section aria-labelledby="answered"><h2 id="answered">{t(Key::HomeAnswered)}</h2><PetitionList items=l.recently_answered now empty=Key::HomeAnsweredNone/></section>
                        </div>
                    }
                })
            })}
        </Suspense>
        <section aria-labelledby="how">
            <h2 id="how">{t(Key::HomeHowTitle)}</h2>
            <ol class="steps">
                <li>{t(Key::HomeHowPropose)}</li>
                <li>{t(Key::HomeHowSign)}</li>
                <li>{t(Key::HomeHowRespond)}</li>
            </ol>
        </section>
        <section aria-labelledby="rules">
            <h2 id="rules">{t(Key::HomeRulesTitle)}</h2>
            <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let rows = rules.await.unwrap_or_default();
                    view! {
                        <div class="table-scroll" tabindex="0">
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Key::HomeJurisdictionCol)}</th>
                                        <th scope="col">{t(Key::HomeThresholdCol)}</th>
                                        <th scope="col">{t(Key::HomeResponseCol)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|j| {
                                            let threshold = locale.rules_threshold(j.signature_threshold, j.signing_days);
                                            let response = locale.rules_response(j.response_days);
                                            view! {
                                                <tr>
                                                    <th scope="row">{j.name(locale).to_string()}</th>
                                                    <td>{threshold}</td>
                                                    <td>{response}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
            </Suspense>
        </section>
    }
}
