//! The moderators' review queue: oldest first, due dates, overdue ones marked, claims visible.
use super::PageError;
use crate::api::petitions::review::review_queue;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let locale = use_locale();
    let queue = Resource::new(|| (), |_| review_queue());
    let alerts = Resource::new(|| (), |_| crate::api::fraud::fraud_alerts());
    view! {
        <Title text=t(Key::ModerationTitle)/>
        <h1>{t(Key::ModerationTitle)}</h1>
        <Notice/>
        <p>{t(Key::ModerationBody)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                alerts.await.ok().filter(|a| !a.is_empty()).map(|a| view! {
                    <section class="panel panel-warning" aria-labelledby="alerts-title">
                        <h2 id="alerts-title">{t(Key::FraudAlertsTitle)}</h2>
                        <ul>
                            {a.into_iter().map(|a| view! {
                                <li>
                                    <a href=format!("/moderation/petitions/{}/signatures", a.petition_id)>{a.title}</a>
                                    " · "{a.detail}" · "<time>{a.at.datetime_taipei()}</time>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(items) if items.is_empty() => view! { <p>{t(Key::QueueEmpty)}</p> }.into_any(),
                    Ok(items) => view! {
                        <div class="table-scroll" tabindex="0">
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Key::FieldTitle)}</th>
                                        <th scope="col">{t(Key::FieldJurisdiction)}</th>
                                        <th scope="col">{t(Key::QueueSubmitted)}</th>
                                        <th scope="col">{t(Key::QueueDue)}</th>
                                        <th scope="col">{t(Key::QueueClaimedBy)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {items.into_iter().map(|i| {
                                        let due = if i.overdue {
                                            view! { <strong class="overdue">{locale.queue_overdue(i.review_due_at.date_taipei())}</strong> }.into_any()
                                        } else {
                                            view! { <span>{i.review_due_at.date_taipei()}</span> }.into_any()
                                        };
                                        let claim = match (i.claimed_by.clone(), i.claimed_by_me) {
                                            (_, true) => locale.text(Key::QueueClaimedByMe).to_string(),
                                            (Some(n), false) => n,
                                            (None, _) => locale.text(Key::QueueUnclaimed).to_string(),
                                        };
                                        view! {
                                            <tr class:row-overdue=i.overdue>
                                                <td><a href=format!("/moderation/{}", i.id)>{i.title.clone()}</a></td>
                                                <td>{crate::dto::common::localized(locale, &i.jurisdiction_zh, &i.jurisdiction_en).to_string()}</td>
                                                <td>{i.submitted_at.date_taipei()}</td>
                                                <td>{due}</td>
                                                <td>{claim}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}
