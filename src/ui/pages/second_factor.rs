//! The profile's second factor: set it up (QR code drawn on the server, the key as
//! text, a first code), see the recovery codes once, turn it off (citizens only).
use super::PageError;
use crate::api::second_factor::{ConfirmSecondFactor, RemoveSecondFactor, StartSecondFactor, second_factor_status};
use crate::dto::common::SecondFactorView;
use crate::dto::forms;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::{form_state, use_flash};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let start = ServerAction::<StartSecondFactor>::new();
    let confirm = ServerAction::<ConfirmSecondFactor>::new();
    let remove = ServerAction::<RemoveSecondFactor>::new();
    let status = Resource::new(move || (start.version().get(), confirm.version().get(), remove.version().get()), |_| second_factor_status());
    let flash = use_flash();
    let next = use_query_map().read_untracked().get("next").unwrap_or_else(|| "/profile".into());
    view! {
        <Title text=t(Key::SfTitle)/>
        <h1>{t(Key::SfTitle)}</h1>
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    let kept = flash.await;
                    let codes = kept.filter(|f| f.form == "recovery_codes").and_then(|f| f.values.into_iter().find(|(k, _)| k == "codes").map(|(_, v)| v));
                    match status.await {
                        Err(e) => view! { <PageError error=e/> }.into_any(),
                        Ok(s) => match codes {
                            Some(codes) => view! { <RecoveryCodes codes next/> }.into_any(),
                            None => view! { <Status s next start confirm remove/> }.into_any(),
                        },
                    }
                })
            }}
        </Suspense>
    }
}

/// The key in groups of four, as authenticator apps accept it and people read it.
fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

#[component]
fn RecoveryCodes(codes: String, next: String) -> impl IntoView {
    let next = crate::domain::url::safe_local_path(&next);
    view! {
        <section class="panel" aria-labelledby="codes-title">
            <h2 id="codes-title">{t(Key::SfCodesTitle)}</h2>
            <p>{t(Key::SfCodesBody)}</p>
            <ul class="recovery-codes">
                {codes.split(' ').map(|c| view! { <li><code>{c.to_string()}</code></li> }).collect_view()}
            </ul>
            <p><a class="button" href=next>{t(Key::SfContinue)}</a></p>
        </section>
    }
}

#[component]
fn Status(
    s: SecondFactorView,
    next: String,
    start: ServerAction<StartSecondFactor>,
    confirm: ServerAction<ConfirmSecondFactor>,
    remove: ServerAction<RemoveSecondFactor>,
) -> impl IntoView {
    let locale = use_locale();
    let flash = use_flash();
    let start_state = form_state(forms::SECOND_FACTOR, flash);
    let remove_state = form_state(forms::SECOND_FACTOR_REMOVE, flash);
    let intro = view! {
        <p>{t(Key::SfIntro)}</p>
        {(s.required && !s.enrolled).then(|| view! { <p class="notice-inline">{t(Key::SfRequired)}</p> })}
    };
    let body = if s.enrolled {
        view! {
            <p>{locale.sf_enrolled(s.codes_left)}</p>
            {if s.required {
                view! { <p class="hint">{t(Key::SfStaffKeeps)}</p> }.into_any()
            } else {
                view! {
                    <section class="panel" aria-labelledby="remove-title">
                        <h2 id="remove-title">{t(Key::SfRemoveTitle)}</h2>
                        <p>{t(Key::SfRemoveBody)}</p>
                        <ErrorSummary state=remove_state level=3/>
                        <ActionForm action=remove attr:class="form" attr:novalidate=true>
                            <Field name="code" label=Key::FieldCode autocomplete="one-time-code" state=remove_state form="remove"/>
                            <button type="submit" class="button button-danger">{t(Key::SfRemoveButton)}</button>
                        </ActionForm>
                    </section>
                }
                    .into_any()
            }}
        }
        .into_any()
    } else if let (Some(secret), Some(svg)) = (s.secret.clone(), s.qr_svg.clone()) {
        view! {
            <section class="panel" aria-labelledby="enrol-title">
                <h2 id="enrol-title">{t(Key::SfStart)}</h2>
                <p>{t(Key::SfScan)}</p>
                // Drawn on the server from our own otpauth link: rectangles only.
                <div class="qr-code" role="img" aria-label=t(Key::SfQrLabel) inner_html=svg></div>
                <p>{t(Key::SfSecretLabel)}" "<code class="totp-secret">{grouped(&secret)}</code></p>
                <ErrorSummary state=start_state level=3/>
                <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="next" value=next.clone()/>
                    <Field name="code" label=Key::FieldCode hint=Key::HintCode autocomplete="one-time-code" state=start_state form="enrol"/>
                    <button type="submit" class="button">{t(Key::SfConfirm)}</button>
                </ActionForm>
            </section>
        }
        .into_any()
    } else {
        view! {
            <ErrorSummary state=start_state/>
            <ActionForm action=start attr:class="inline-form">
                <input type="hidden" name="next" value=next.clone()/>
                <button type="submit" class="button">{t(Key::SfStart)}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! { {intro} {body} }
}
