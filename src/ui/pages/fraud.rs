//! The fraud console for one petition (moderators): signing rate and bursts, the
//! largest address blocks, mail domains and user agents (never who signed), a
//! selection previewed before it is invalidated, and every invalidation with a restore.
//! Every form works without JavaScript: the preview is a GET form to this page.
use super::PageError;
use super::petition::petition_id;
use crate::api::fraud::{InvalidateSignatures, RestoreSignatures, fraud_review};
use crate::domain::fraud::InvalidationReason;
use crate::dto::forms;
use crate::dto::fraud::{FraudView, Group};
use crate::i18n::labels::invalidation_reason_key;
use crate::i18n::{Grouped, Key, t, use_locale};
use crate::ui::components::field::{Checkbox, ErrorSummary, Field, Select, TextArea};
use crate::ui::components::form_state::{FlashForm, FormState, page_form};
use crate::ui::components::notice::Notice;
use crate::ui::components::petition_card::grouped;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn FraudPage() -> impl IntoView {
    let id = petition_id();
    let query = use_query_map();
    let view = Resource::new(
        move || (id(), query.get()),
        |(id, q)| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            fraud_review(id, get("block"), get("domain"), get("user_agent"), get("from"), get("until"), q.get("flagged_only"), q.get("preview"))
        },
    );
    view! {
        <Title text=t(Key::FraudTitle)/>
        <h1>{t(Key::FraudTitle)}</h1>
        <Notice/>
        <p>{t(Key::FraudIntro)}</p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(v) => view! { <Console v/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Console(v: FraudView) -> impl IntoView {
    let locale = use_locale();
    let id = v.petition_id;
    let counts = locale.fraud_counts(grouped(v.signature_count), grouped(v.flagged), grouped(v.invalidated), grouped(v.threshold));
    let here = format!("/moderation/petitions/{id}/signatures");
    view! {
        <p><a href=format!("/petitions/{id}")>{v.title.clone()}</a></p>
        <p class="lead">{counts}</p>
        <Minutes v=v.clone()/>
        <Groups title=Key::FraudBlocksTitle field="block" groups=v.blocks.clone() here=here.clone()/>
        <Groups title=Key::FraudDomainsTitle field="domain" groups=v.domains.clone() here=here.clone()/>
        <Groups title=Key::FraudAgentsTitle field="user_agent" groups=v.agents.clone() here=here.clone()/>
        <Select_ v=v.clone() here=here/>
        <History v/>
    }
}

#[component]
fn Minutes(v: FraudView) -> impl IntoView {
    let locale = use_locale();
    let rate = format!("{:.1}", v.usual_per_minute);
    view! {
        <section class="panel" aria-labelledby="minutes-title">
            <h2 id="minutes-title">{t(Key::FraudMinutesTitle)}</h2>
            <p>{locale.fraud_usual(rate)}</p>
            <div class="table-scroll" tabindex="0">
                <table class="data-table fraud-table">
                    <thead><tr><th scope="col">{t(Key::FraudMinuteCol)}</th><th scope="col">{t(Key::FraudCountCol)}</th></tr></thead>
                    <tbody>
                        {v.minutes.into_iter().rev().take(60).map(|m| view! {
                            <tr class:row-overdue=m.burst>
                                <td>{m.at.datetime_taipei()}</td>
                                <td>{grouped(m.count)}{m.burst.then(|| view! { " " <strong class="overdue">{t(Key::FraudBurst)}</strong> })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A table of groups; each row links to the same page with that group selected.
#[component]
fn Groups(title: Key, field: &'static str, groups: Vec<Group>, here: String) -> impl IntoView {
    let locale = use_locale();
    let (labelled_by, heading) = (format!("groups-{field}"), format!("groups-{field}"));
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading>{t(title)}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="data-table fraud-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::FraudGroupCol)}</th>
                            <th scope="col">{t(Key::FraudCountCol)}</th>
                            <th scope="col">{t(Key::FraudFlaggedCol)}</th>
                            <th scope="col"><span class="visually-hidden">{t(Key::FraudUse)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {groups.into_iter().map(|g| {
                            let shown = if g.key.is_empty() { locale.text(Key::FraudUnknown).to_string() } else { g.key.clone() };
                            let href = format!("{here}?{field}={}&preview=1#select-title", crate::domain::url::encode_query_value(&g.key));
                            view! {
                                <tr class:row-overdue=g.cluster>
                                    <td><code class="break">{shown}</code>{g.cluster.then(|| view! { " " <strong class="overdue">{t(Key::FraudCluster)}</strong> })}</td>
                                    <td>{grouped(g.count)}</td>
                                    <td>{grouped(g.flagged)}</td>
                                    <td>{(!g.key.is_empty()).then(|| view! { <a href=href>{t(Key::FraudUse)}</a> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The selection: previewed by a GET form, then invalidated with a coded reason.
#[component]
fn Select_(v: FraudView, here: String) -> impl IntoView {
    let locale = use_locale();
    let s = v.selection.clone();
    let values = vec![
        ("block".to_string(), s.block.clone()),
        ("domain".to_string(), s.domain.clone()),
        ("user_agent".to_string(), s.user_agent.clone()),
        ("from".to_string(), s.from.clone()),
        ("until".to_string(), s.until.clone()),
    ];
    let preview_state = FormState::fixed(v.selection_errors.clone().map(crate::error::AppError::Invalid), values);
    let action = ServerAction::<InvalidateSignatures>::new();
    let reasons: Vec<(String, String)> =
        InvalidationReason::ALL.iter().map(|r| (r.code().to_string(), locale.text(invalidation_reason_key(*r)).to_string())).collect();
    let id = v.petition_id;
    view! {
        <section class="panel" aria-labelledby="select-title">
            <h2 id="select-title">{t(Key::FraudSelectTitle)}</h2>
            <ErrorSummary state=preview_state level=3/>
            <form method="get" action=here class="form" novalidate>
                <input type="hidden" name="preview" value="1"/>
                <Field name="block" label=Key::FieldBlock state=preview_state value=s.block.clone() hint=Key::HintSelection/>
                <Field name="domain" label=Key::FieldDomain state=preview_state value=s.domain.clone()/>
                <Field name="user_agent" label=Key::FieldAgent state=preview_state value=s.user_agent.clone()/>
                <Field name="from" label=Key::FieldFrom kind="datetime-local" state=preview_state value=s.from.clone()/>
                <Field name="until" label=Key::FieldUntil kind="datetime-local" state=preview_state value=s.until.clone()/>
                <Checkbox name="flagged_only" label=Key::FieldFlaggedOnly checked=s.flagged_only/>
                <button type="submit" class="button">{t(Key::FraudPreviewButton)}</button>
            </form>
            {v.preview.map(|n| {
                let reasons = reasons.clone();
                let s = s.clone();
                view! {
                    <p class="notice" role="status">{locale.fraud_preview(Grouped(n))}</p>
                    {(n > 0).then(move || view! {
                        <Suspense fallback=|| ()>
                            {
                                let (reasons, s) = (reasons.clone(), s.clone());
                                move || {
                                    let (reasons, s) = (reasons.clone(), s.clone());
                                    Suspend::new(async move {
                                        let state = page_form(forms::INVALIDATE).await;
                                        view! {
                                            <h3>{t(Key::FraudInvalidateTitle)}</h3>
                                            <ErrorSummary state level=3/>
                                            <ActionForm action attr:class="form" attr:novalidate=true>
                                                <input type="hidden" name="id" value=id.to_string()/>
                                                <input type="hidden" name="block" value=s.block.clone()/>
                                                <input type="hidden" name="domain" value=s.domain.clone()/>
                                                <input type="hidden" name="user_agent" value=s.user_agent.clone()/>
                                                <input type="hidden" name="from" value=s.from.clone()/>
                                                <input type="hidden" name="until" value=s.until.clone()/>
                                                {s.flagged_only.then(|| view! { <input type="hidden" name="flagged_only" value="on"/> })}
                                                <Select name="reason" label=Key::FieldInvalidReason state options=reasons empty=Key::ChooseOne form="invalidate"/>
                                                <TextArea name="explanation" label=Key::FieldInvalidExplanation hint=Key::HintInvalidExplanation state rows=3 form="invalidate"/>
                                                <button type="submit" class="button button-danger" disabled=move || action.pending().get()>{t(Key::FraudInvalidateButton)}</button>
                                            </ActionForm>
                                        }
                                    })
                                }
                            }
                        </Suspense>
                    })}
                }
            })}
        </section>
    }
}

#[component]
fn History(v: FraudView) -> impl IntoView {
    let locale = use_locale();
    let restore = ServerAction::<RestoreSignatures>::new();
    view! {
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">{t(Key::FraudHistoryTitle)}</h2>
            // A restore that failed (already restored, or no longer allowed) says so here.
            <FlashForm form=forms::RESTORE let:state>
                <ErrorSummary state level=3/>
            </FlashForm>
            {if v.invalidations.is_empty() {
                view! { <p>{t(Key::FraudNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {v.invalidations.into_iter().map(|i| {
                            let reason = InvalidationReason::from_code(&i.reason).map(|r| locale.text(invalidation_reason_key(r)).to_string()).unwrap_or_default();
                            let text = locale.event_signatures_invalidated(Grouped(i.count), i.explanation.clone(), reason);
                            view! {
                                <li>
                                    <p><time>{i.at.datetime_taipei()}</time>" · "{text}</p>
                                    {match i.restored_at {
                                        Some(at) => view! { <p class="hint">{locale.fraud_restored_on(at.datetime_taipei())}</p> }.into_any(),
                                        None => view! {
                                            <ActionForm action=restore attr:class="inline-form">
                                                <input type="hidden" name="invalidation_id" value=i.id.to_string()/>
                                                <button type="submit" class="button">{t(Key::FraudRestore)}</button>
                                            </ActionForm>
                                        }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
