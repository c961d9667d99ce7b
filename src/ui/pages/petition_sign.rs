//! Signing on the petition page: one click when logged in, name and email otherwise.
use crate::api::petitions::{SignAsGuest, SignPetition, WithdrawSignature};
use crate::domain::county::COUNTIES;
use crate::dto::forms;
use crate::dto::petitions::PetitionDetail;
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::field::{Checkbox, ErrorSummary, Field, Select};
use crate::ui::components::form_state::{FlashForm, page_form};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub fn county_options(l: Locale) -> Vec<(String, String)> {
    COUNTIES.iter().map(|c| (c.code.to_string(), if l == Locale::En { c.name_en } else { c.name_zh }.to_string())).collect()
}

#[component]
pub fn SignBox(d: PetitionDetail) -> impl IntoView {
    let locale = use_locale();
    let s = &d.summary;
    if !s.state.is_public() || s.opened_at.is_none() {
        return None;
    }
    let body = if d.signing_paused {
        view! { <p>{t(Key::SignPaused)}</p> }.into_any()
    } else if !d.can_sign {
        view! { <p>{t(Key::SignClosed)}</p> }.into_any()
    } else if let Some(e) = d.viewer.blocked.clone().filter(|_| !d.viewer.signed) {
        // Said before, not after: a suspended person gets no button that would only fail.
        view! { <p class="panel panel-warning">{locale.app_error(&e)}</p> }.into_any()
    } else if d.viewer.signed {
        view! { <SignedAlready d=d.clone()/> }.into_any()
    } else if d.viewer.logged_in {
        view! { <SignOneClick d=d.clone()/> }.into_any()
    } else {
        view! { <SignAsVisitor d=d.clone()/> }.into_any()
    };
    Some(view! {
        <section class="panel panel-action" aria-labelledby="sign-title">
            <h2 id="sign-title">{locale.text(Key::SignTitle)}</h2>
            {body}
        </section>
    })
}

#[component]
fn SignedAlready(d: PetitionDetail) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawSignature>::new();
    let allowed = d.rules.allow_signature_withdrawal;
    let id = d.summary.id;
    let query = use_query_map();
    let confirming = query.with_untracked(|q| q.get("confirm").as_deref() == Some(CONFIRM_WITHDRAW));
    view! {
        <p class="signed">{t(Key::SignDone)}</p>
        {if !allowed {
            view! { <p class="hint">{t(Key::SignNoWithdrawal)}</p> }.into_any()
        } else if !confirming {
            // The first step is a link: withdrawing always asks again, with or without JavaScript.
            view! { <p><a class="link-danger" href=format!("/petitions/{id}?confirm={CONFIRM_WITHDRAW}#withdraw-confirm")>{t(Key::SignWithdraw)}</a></p> }.into_any()
        } else {
            view! {
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let state = page_form(forms::WITHDRAW_SIGNATURE).await;
                        view! {
                            <ErrorSummary state level=3/>
                            <div class="confirm-box" id="withdraw-confirm" role="group" aria-labelledby="withdraw-confirm-title">
                                <h3 id="withdraw-confirm-title">{t(Key::SignWithdrawConfirmTitle)}</h3>
                                <p>{t(Key::SignWithdrawConfirmBody)}</p>
                                <div class="button-row button-row-apart">
                                    <a class="button" href=format!("/petitions/{id}")>{t(Key::ConfirmCancel)}</a>
                                    <ActionForm action=withdraw attr:class="inline-form">
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <button type="submit" class="button button-danger">{t(Key::SignWithdrawConfirm)}</button>
                                    </ActionForm>
                                </div>
                            </div>
                        }
                    })}
                </Suspense>
            }
                .into_any()
        }}
    }
}

/// `?confirm=` value of the withdrawal's second step.
pub const CONFIRM_WITHDRAW: &str = "withdraw-signature";

#[component]
fn SignOneClick(d: PetitionDetail) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<SignPetition>::new();
    let id = d.summary.id.to_string();
    let county = d.viewer.county.clone();
    let notify = d.viewer.notify_signed;
    // Said next to the button, before signing: where signatures are final.
    let final_sig = !d.rules.allow_signature_withdrawal;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new({
                let (id, county) = (id.clone(), county.clone());
                async move {
                    let state = page_form(forms::SIGN).await;
                    view! {
                        <ErrorSummary state level=3 form="sign"/>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="id" value=id/>
                            <Select name="county" label=Key::FieldCounty hint=Key::HintCounty state options=county_options(locale) value=county.unwrap_or_default() empty=Key::ChooseOne form="sign"/>
                            <Checkbox name="notify" label=Key::SignNotify checked=notify form="sign"/>
                            {final_sig.then(|| view! { <p class="hint sign-final">{t(Key::SignFinalWarning)}</p> })}
                            <button type="submit" class="button button-primary" >{t(Key::SignSubmit)}</button>
                        </ActionForm>
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignAsVisitor(d: PetitionDetail) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<SignAsGuest>::new();
    let id = d.summary.id;
    let login = format!("/login?next={}", crate::domain::url::encode_query_value(&format!("/petitions/{id}")));
    let final_sig = !d.rules.allow_signature_withdrawal;
    view! {
        <p><a href=login>{t(Key::SignLoginFirst)}</a></p>
        <FlashForm form=forms::SIGN_GUEST let:state>
            <ErrorSummary state level=3 form="guest"/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id.to_string()/>
                <Field name="name" label=Key::FieldSignerName hint=Key::HintSignerName autocomplete="name" state form="guest"/>
                <Field name="email" label=Key::FieldEmail hint=Key::HintSignerEmail kind="email" autocomplete="email" state form="guest"/>
                <Select name="county" label=Key::FieldCounty hint=Key::HintCounty state options=county_options(locale) empty=Key::ChooseOne form="guest"/>
                <Checkbox name="notify" label=Key::SignNotify checked=true form="guest"/>
                {final_sig.then(|| view! { <p class="hint sign-final">{t(Key::SignFinalWarning)}</p> })}
                <button type="submit" class="button button-primary" >{t(Key::SignSubmitGuest)}</button>
            </ActionForm>
        </FlashForm>
    }
}
