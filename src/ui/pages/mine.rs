//! "My petitions" and "My signatures".
use super::PageError;
use crate::api::petitions::{WithdrawSignature, my_petitions, my_signatures};
use crate::domain::time::Timestamp;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::petition_card::{PetitionList, StateBadge};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyPetitionsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| my_petitions());
    view! {
        <Title text=t(Key::MyPetitionsTitle)/>
        <h1>{t(Key::MyPetitionsTitle)}</h1>
        <p><a class="button" href="/petitions/new">{t(Key::NavPropose)}</a></p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    // Cards are h3 (as on every list): a heading for the list keeps the order (axe heading-order).
                    Ok(items) => view! { <h2 class="visually-hidden">{t(Key::MyPetitionsList)}</h2><PetitionList items now=Timestamp(0) empty=Key::MyPetitionsNone/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn MySignaturesPage() -> impl IntoView {
    let locale = use_locale();
    let withdraw = ServerAction::<WithdrawSignature>::new();
    let list = Resource::new(move || withdraw.version().get(), |_| my_signatures());
    view! {
        <Title text=t(Key::MySignaturesTitle)/>
        <h1>{t(Key::MySignaturesTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(items) if items.is_empty() => view! { <p>{t(Key::MySignaturesNone)}</p> }.into_any(),
                    Ok(items) => view! {
                        <p>{t(Key::ReceiptExplain)}" "<a href="/log">{t(Key::ReceiptCheckOnLog)}</a></p>
                        <ul class="cards">
                            {items.into_iter().map(|s| view! {
                                <li class="card">
                                    <h2 class="card-title"><a href=format!("/petitions/{}", s.petition.id)>{s.petition.title.clone()}</a></h2>
                                    <p class="card-meta">
                                        <StateBadge state=s.petition.state/>" "
                                        {locale.signed_on(s.signed_at.date_taipei())}
                                    </p>
                                    {if s.receipt_ready {
                                        view! {
                                            <p>
                                                <a href=format!("/petitions/{}/receipt", s.petition.id) download
                                                    aria-label=format!("{}: {}", locale.text(Key::MySignaturesReceipt), s.petition.title)>
                                                    {locale.text(Key::MySignaturesReceipt)}
                                                </a>
                                            </p>
                                        }.into_any()
                                    } else {
                                        view! { <p class="hint">{locale.text(Key::MySignaturesReceiptPending)}</p> }.into_any()
                                    }}
                                    {s.can_withdraw.then(|| view! {
                                        <ActionForm action=withdraw attr:class="inline-form">
                                            <input type="hidden" name="id" value=s.petition.id.to_string()/>
                                            <button type="submit" class="link-button link-dark" aria-label=format!("{}: {}", locale.text(Key::SignWithdraw), s.petition.title)>
                                                {locale.text(Key::SignWithdraw)}
                                            </button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}
