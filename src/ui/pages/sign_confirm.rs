//! A visitor's signature: "check your email", then the emailed page with a Confirm
//! button (a POST, so mail scanners that open links confirm nothing). Once confirmed, the
//! same page offers the signature's receipt from the transparency log.
use crate::api::petitions::ConfirmSignature;
use crate::api::tlog::visitor_signature;
use crate::dto::forms;
use crate::dto::tlog::VisitorSignature;
use crate::i18n::{Key, t};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignSentPage() -> impl IntoView {
    view! {
        <Title text=t(Key::SignSentTitle)/>
        <h1>{t(Key::SignSentTitle)}</h1>
        <p>{t(Key::SignSentBody)}</p>
    }
}

#[component]
pub fn SignConfirmPage() -> impl IntoView {
    let action = ServerAction::<ConfirmSignature>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let status = Resource::new(
        move || (token(), action.version().get()),
        |(token, _)| async move { if token.is_empty() { None } else { visitor_signature(token).await.ok() } },
    );
    view! {
        <Title text=t(Key::SignConfirmTitle)/>
        <h1>{t(Key::SignConfirmTitle)}</h1>
        <Notice/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let token = token();
                let form = page_form(forms::CONFIRM_SIGNATURE).await;
                match status.await {
                    _ if token.is_empty() => view! { <p class="error-summary" role="alert">{t(Key::VerifyMissingToken)}</p> }.into_any(),
                    Some(s) if s.confirmed => view! { <Confirmed s token/> }.into_any(),
                    // Unknown tokens get the form too: confirming says what is wrong.
                    _ => view! {
                        <ErrorSummary state=form/>
                        <p>{t(Key::SignConfirmBody)}</p>
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="token" value=token/>
                            <button type="submit" class="button button-primary" disabled=move || action.pending().get()>{t(Key::SignConfirmSubmit)}</button>
                        </ActionForm>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Confirmed(s: VisitorSignature, token: String) -> impl IntoView {
    let receipt = format!("/sign/receipt?token={token}");
    let reload = format!("/sign/confirm?token={token}");
    view! {
        <p>{t(Key::SignConfirmDone)}" "<a href=format!("/petitions/{}", s.petition_id)>{t(Key::SignConfirmBack)}</a></p>
        <section aria-labelledby="receipt-title">
            <h2 id="receipt-title">{t(Key::ReceiptTitle)}</h2>
            <p>{t(Key::ReceiptExplain)}</p>
            {if s.receipt_ready {
                view! { <p><a class="button" href=receipt download>{t(Key::ReceiptDownload)}</a></p> }.into_any()
            } else {
                view! { <p>{t(Key::ReceiptPending)}" "<a href=reload>{t(Key::ReceiptReload)}</a></p> }.into_any()
            }}
            <p><a href="/log">{t(Key::ReceiptCheckOnLog)}</a></p>
        </section>
    }
}
