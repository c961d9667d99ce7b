//! The privacy page: what minyi keeps, why, for how long and who can see it, with each
//! jurisdiction's retention period as the retention job applies it.
use super::PageError;
use crate::api::privacy::retention_periods;
use crate::dto::common::localized;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let periods = Resource::new(|| (), |_| retention_periods());
    let locale = use_locale();
    view! {
        <Title text=t(Key::PrivacyTitle)/>
        <h1>{t(Key::PrivacyTitle)}</h1>
        <p>{t(Key::PrivacyIntro)}</p>
        <section aria-labelledby="kept-title">
            <h2 id="kept-title">{t(Key::PrivacyKeptTitle)}</h2>
            <ul>
                <li>{t(Key::PrivacyAccount)}</li>
                <li>{t(Key::PrivacySignatures)}</li>
                <li>{t(Key::PrivacyContent)}</li>
                <li>{t(Key::PrivacyStaff)}</li>
                <li>{t(Key::PrivacyEmails)}</li>
                <li>{t(Key::PrivacySecurity)}</li>
            </ul>
        </section>
        <section aria-labelledby="retention-title">
            <h2 id="retention-title">{t(Key::PrivacyRetentionTitle)}</h2>
            <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match periods.await {
                        Err(e) => view! { <PageError error=e/> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr><th scope="col">{t(Key::PrivacyColJurisdiction)}</th><th scope="col">{t(Key::PrivacyColDays)}</th></tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|p| view! {
                                            <tr><td>{localized(locale, &p.name_zh, &p.name_en).to_string()}</td><td class="num">{p.days}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section aria-labelledby="rights-title">
            <h2 id="rights-title">{t(Key::PrivacyRightsTitle)}</h2>
            <p>{t(Key::PrivacyRights)}</p>
        </section>
        <section aria-labelledby="law-title">
            <h2 id="law-title">{t(Key::PrivacyLawTitle)}</h2>
            <p>{t(Key::PrivacyLaw)}</p>
        </section>
    }
}
