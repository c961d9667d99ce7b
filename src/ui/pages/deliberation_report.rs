//! A conversation's report (…/deliberation/report): the opinion map, consensus, each group's
//! representative statements, divisive statements and every statement with its votes, on one
//! page an agency can cite and print (the site's print styles drop the navigation and forms).
use super::PageError;
use super::deliberation::{AllStatements, MapSection};
use super::petition::petition_id;
use crate::api::deliberation::load_deliberation;
use crate::domain::time::Timestamp;
use crate::dto::deliberation::{DeliberationPage, Subject};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeliberationReportPage() -> impl IntoView {
    view! { <ReportOf kind="petition"/> }
}

#[component]
pub fn ConsultationDeliberationReportPage() -> impl IntoView {
    view! { <ReportOf kind="consultation"/> }
}

#[component]
fn ReportOf(kind: &'static str) -> impl IntoView {
    let id = petition_id();
    let page = Resource::new(id, move |id| load_deliberation(kind.to_string(), id));
    view! {
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => {
                        status::not_found();
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(p) => view! { <Report p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(mut p: DeliberationPage) -> impl IntoView {
    let locale = use_locale();
    let title = locale.delib_report_title(&p.title);
    // A record for everyone: nobody's own place is marked on it.
    (p.you, p.your_group) = (None, None);
    let as_of = p.map.as_ref().map(|m| locale.delib_report_as_of(Timestamp(m.computed_at).datetime_taipei()));
    let subject_text = if matches!(p.subject, Subject::Consultation(_)) { t(Key::DelibBackConsultation) } else { t(Key::DelibBack) };
    view! {
        <Title text=title.clone()/>
        <article class="deliberation-report">
            <p><a href=p.subject.page()>{subject_text}</a>" · "<a href=p.subject.deliberation()>{t(Key::DelibReportTakePart)}</a></p>
            <h1>{title}</h1>
            {as_of.map(|a| view! { <p>{a}</p> })}
            <p class="hint">{t(Key::DelibReportHint)}</p>
            <MapSection p=p.clone() report=true/>
            <AllStatements list=p.statements.clone() links=None/>
        </article>
    }
}
