//! Admins: site-wide pause and each jurisdiction's rules (the organisation itself is set
//! up on /admin/organisation).
use super::PageError;
use crate::api::petitions::review::{PauseSite, ResumeSite, UpdateRules, site_rules};
use crate::api::petitions::site_pause;
use crate::dto::common::localized;
use crate::dto::forms;
use crate::dto::petitions::{PauseView, RulesView};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{Checkbox, ErrorSummary, Field};
use crate::ui::components::form_state::page_form;
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminSitePage() -> impl IntoView {
    let rules = Resource::new(|| (), |_| site_rules());
    let pause = Resource::new(|| (), |_| site_pause());
    view! {
        <Title text=t(Key::AdminSiteTitle)/>
        <h1>{t(Key::AdminSiteTitle)}</h1>
        <Notice/>
        <super::admin_banners::BannerNotice/>
        <p><a href="/admin/organisation">{t(Key::AdminOrgTitle)}</a>" · "<a href="/admin/users">{t(Key::AdminUsersTitle)}</a></p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match (rules.await, pause.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <PageError error=e/> }.into_any(),
                    (Ok(rules), Ok(pause)) => view! {
                        <PauseSection pause/>
                        <super::admin_banners::BannerSection/>
                        {rules.into_iter().map(|r| view! { <RulesSection r/> }).collect_view()}
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PauseSection(pause: Option<PauseView>) -> impl IntoView {
    let start = ServerAction::<PauseSite>::new();
    let end = ServerAction::<ResumeSite>::new();
    view! {
        <section class="panel" aria-labelledby="pause-title">
            <h2 id="pause-title">{t(Key::PauseTitle)}</h2>
            <Suspense fallback=|| ()>
                {move || {
                    let pause = pause.clone();
                    Suspend::new(async move {
                        let state = page_form(forms::PAUSE).await;
                        let end_state = page_form(forms::RESUME).await;
                        match pause {
                            Some(p) => view! {
                                <p>{t(Key::PauseActive)}" "{p.started_at.datetime_taipei()}</p>
                                <ErrorSummary state=end_state level=3/>
                                <ActionForm action=end attr:class="inline-form">
                                    <button type="submit" class="button">{t(Key::PauseEnd)}</button>
                                </ActionForm>
                            }
                                .into_any(),
                            None => view! {
                                <p>{t(Key::PauseBody)}</p>
                                <ErrorSummary state level=3/>
                                <ActionForm action=start attr:class="form" attr:novalidate=true>
                                    <Checkbox name="proposing" label=Key::PauseProposing checked=true/>
                                    <Checkbox name="signing" label=Key::PauseSigning checked=true/>
                                    <Field name="message_zh" label=Key::PauseMessageZh state/>
                                    <Field name="message_en" label=Key::PauseMessageEn state/>
                                    <button type="submit" class="button button-danger">{t(Key::PauseStart)}</button>
                                </ActionForm>
                            }
                                .into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn RulesSection(r: RulesView) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<UpdateRules>::new();
    let form = forms::rules(r.jurisdiction_id);
    let name = localized(locale, &r.name_zh, &r.name_en).to_string();
    let heading = format!("rules-{}", r.jurisdiction_id);
    view! {
        <section class="panel" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{locale.rules_title(name)}</h2>
            <Suspense fallback=|| ()>
                {move || {
                    let (form, r) = (form.clone(), r.clone());
                    Suspend::new(async move {
                    let state = page_form(form.clone()).await;
                    let x = r.rules;
                    view! {
                        <ErrorSummary state level=3/>
                        <ActionForm action attr:class="form rules-form" attr:novalidate=true>
                            <input type="hidden" name="jurisdiction_id" value=r.jurisdiction_id.to_string()/>
                            <Field name="signature_threshold" label=Key::RuleThreshold state value=x.signature_threshold.to_string() form=form.clone() kind="number"/>
                            <Field name="signing_days" label=Key::RuleSigningDays state value=x.signing_days.to_string() form=form.clone() kind="number"/>
                            <Field name="response_days" label=Key::RuleResponseDays state value=x.response_days.to_string() form=form.clone() kind="number"/>
                            <Field name="second_tier_threshold" label=Key::RuleSecondTier hint=Key::HintSecondTier state value=x.second_tier_threshold.map(|n| n.to_string()).unwrap_or_default() form=form.clone() kind="number"/>
                            <Field name="sponsors_needed" label=Key::RuleSponsors state value=x.sponsors_needed.to_string() form=form.clone() kind="number"/>
                            <Field name="max_agencies" label=Key::RuleMaxAgencies state value=x.max_agencies.to_string() form=form.clone() kind="number"/>
                            <Field name="review_working_days" label=Key::RuleReviewDays state value=x.review_working_days.to_string() form=form.clone() kind="number"/>
                            <Checkbox name="allow_signature_withdrawal" label=Key::RuleWithdrawal checked=x.allow_signature_withdrawal form=form.clone()/>
                            <p class="hint">{t(Key::RulesFrozenNote)}</p>
                            <button type="submit" class="button">{t(Key::SaveButton)}</button>
                        </ActionForm>
                    }
                })}}
            </Suspense>
        </section>
    }
}
