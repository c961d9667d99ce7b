//! The agency inbox: established petitions of the officer's agencies with due dates,
//! filters, and lead transfers awaiting their decision.
use super::PageError;
use crate::api::responses::{DecideTransfer, load_agency_inbox};
use crate::dto::forms;
use crate::dto::responses::{Inbox, TransferView};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use crate::ui::components::notice::Notice;
use crate::ui::components::petition_card::{ResponseDue, StateBadge, grouped};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

const FILTERS: [(&str, Key); 5] =
    [("", Key::InboxAll), ("awaiting", Key::InboxAwaiting), ("drafting", Key::InboxDrafting), ("answered", Key::InboxAnswered), ("overdue", Key::InboxOverdue)];

#[component]
pub fn AgencyPage() -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let filter = move || query.read().get("filter").unwrap_or_default();
    let inbox = Resource::new(move || (filter(), location.search.get()), |(f, _)| load_agency_inbox(Some(f)));
    view! {
        <Title text=t(Key::InboxTitle)/>
        <h1>{t(Key::InboxTitle)}</h1>
        <Notice/>
        <nav aria-label=t(Key::InboxFilterLabel) class="filters">
            <ul class="filter-links">
                {FILTERS.iter().map(|(code, key)| {
                    let href = if code.is_empty() { "/agency".to_string() } else { format!("/agency?filter={code}") };
                    let code = code.to_string();
                    view! { <li><a href=href aria-current=move || (filter() == code).then_some("page")>{t(*key)}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(i) => view! { <InboxView i/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InboxView(i: Inbox) -> impl IntoView {
    let locale = use_locale();
    let now = i.now;
    let transfers = (!i.transfers.is_empty()).then(|| view! { <Transfers list=i.transfers.clone()/> });
    let table = if i.items.is_empty() {
        view! { <p class="empty">{t(Key::InboxNone)}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t(Key::InboxPetition)}</th>
                        <th scope="col">{t(Key::InboxAgency)}</th>
                        <th scope="col">{t(Key::InboxSignatures)}</th>
                        <th scope="col">{t(Key::InboxStatus)}</th>
                        <th scope="col">{t(Key::InboxDue)}</th>
                    </tr></thead>
                    <tbody>
                        {i.items.into_iter().map(|it| {
                            let href = format!("/agency/petitions/{}?agency={}", it.petition.id, it.agency.id);
                            let role = if it.is_lead { Key::RoleLead } else { Key::RoleCo };
                            let due = it.petition.response_due_at.map(|d| d.date_taipei()).unwrap_or_default();
                            view! {
                                <tr>
                                    <td><a href=href>{it.petition.title.clone()}</a>{it.has_draft.then(|| view! { " · "<span class="hint">{t(Key::DraftSaved)}</span> })}</td>
                                    <td>{it.agency.name(locale).to_string()}" ("{t(role)}")"</td>
                                    <td>{grouped(it.petition.signature_count)}</td>
                                    <td><StateBadge state=it.petition.state/></td>
                                    <td>{due}" "<ResponseDue state=it.petition.state due=it.petition.response_due_at now/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! { {transfers}{table} }
}

#[component]
fn Transfers(list: Vec<TransferView>) -> impl IntoView {
    let locale = use_locale();
    let decide = ServerAction::<DecideTransfer>::new();
    view! {
        <section class="panel" aria-labelledby="transfers-title">
            <h2 id="transfers-title">{t(Key::TransfersTitle)}</h2>
            <Suspense fallback=|| ()>
                {move || {
                    let list = list.clone();
                    Suspend::new(async move {
                        let st = page_form(forms::DECIDE).await;
                        view! {
                            <ErrorSummary state=st level=3/>
                            <ul class="plain-list">
                                {list.into_iter().map(|tr| {
                                    let line = locale.transfer_line(tr.from.name(locale), tr.reason.clone(), tr.to.name(locale));
                                    view! {
                                        <li>
                                            <p><a href=format!("/petitions/{}", tr.petition_id)>{tr.title.clone()}</a></p>
                                            <p>{line}</p>
                                            <ActionForm action=decide attr:class="inline-form">
                                                <input type="hidden" name="transfer_id" value=tr.id.to_string()/>
                                                <button type="submit" name="decision" value="accept" class="button button-primary">{t(Key::TransferAccept)}</button>
                                                " "
                                                <button type="submit" name="decision" value="decline" class="button">{t(Key::TransferDecline)}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
