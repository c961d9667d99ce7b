//! Admins: the organisation at a glance, with forms to add jurisdictions, agencies and
//! topics. Editing, retiring and merging are on each entry's own page.
use super::PageError;
use crate::api::org::{CreateAgency, CreateJurisdiction, RetireOrgItem, SaveTopic, org_overview};
use crate::domain::org::Level;
use crate::dto::common::localized;
use crate::dto::forms;
use crate::dto::org::{OrgAgency, OrgJurisdiction, OrgTopic, OrgView};
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::field::{Checkbox, ErrorSummary, Field, Select};
use crate::ui::components::form_state::{FlashForm, page_form};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;

pub fn level_key(code: &str) -> Key {
    match Level::from_code(code) {
        Some(Level::Municipality) => Key::LevelMunicipality,
        Some(Level::County) => Key::LevelCounty,
        Some(Level::City) => Key::LevelCity,
        _ => Key::LevelNational,
    }
}

pub fn level_options(l: Locale) -> Vec<(String, String)> {
    Level::ALL.into_iter().map(|v| (v.code().to_string(), l.text(level_key(v.code())).to_string())).collect()
}

/// "Active", "Retired" or "Merged into …", for a status column.
pub fn status_text(l: Locale, retired: bool, merged_into: Option<&OrgAgency>) -> String {
    match (retired, merged_into) {
        (true, Some(a)) => l.org_merged_into(localized(l, &a.name_zh, &a.name_en)),
        (true, None) => l.text(Key::OrgRetired).to_string(),
        (false, _) => l.text(Key::OrgActive).to_string(),
    }
}

#[component]
pub fn AdminOrgPage() -> impl IntoView {
    let add_j = ServerAction::<CreateJurisdiction>::new();
    let add_a = ServerAction::<CreateAgency>::new();
    let topic = ServerAction::<SaveTopic>::new();
    let retire = ServerAction::<RetireOrgItem>::new();
    // Refetch after each change made with JavaScript on.
    let org = Resource::new(move || (topic.version().get(), retire.version().get()), |_| org_overview());
    view! {
        <Title text=t(Key::AdminOrgTitle)/>
        <h1>{t(Key::AdminOrgTitle)}</h1>
        <Notice/>
        <p>{t(Key::OrgIntro)}</p>
        <p><a href="/admin/site">{t(Key::AdminSiteTitle)}</a>" · "<a href="/admin/users">{t(Key::AdminUsersTitle)}</a></p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match org.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(o) => view! {
                        <Jurisdictions list=o.jurisdictions.clone() action=add_j/>
                        <Agencies o=o.clone() action=add_a/>
                        <Topics topics=o.topics action=topic retire/>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Jurisdictions(list: Vec<OrgJurisdiction>, action: ServerAction<CreateJurisdiction>) -> impl IntoView {
    let locale = use_locale();
    let rows = list
        .into_iter()
        .map(|j| {
            let name = localized(locale, &j.name_zh, &j.name_en).to_string();
            view! {
                <tr>
                    <th scope="row"><a href=format!("/admin/organisation/jurisdictions/{}", j.id)>{name}</a></th>
                    <td><code>{j.code.clone()}</code></td>
                    <td>{locale.text(level_key(&j.level))}</td>
                    <td class="num">{j.agencies}</td>
                    <td>{status_text(locale, j.retired, None)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="jurisdictions-title" id="jurisdictions">
            <h2 id="jurisdictions-title">{t(Key::OrgJurisdictionsTitle)}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::OrgColName)}</th>
                            <th scope="col">{t(Key::OrgColCode)}</th>
                            <th scope="col">{t(Key::OrgColLevel)}</th>
                            <th scope="col">{t(Key::OrgColAgencies)}</th>
                            <th scope="col">{t(Key::OrgColStatus)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3 id="add-jurisdiction">{t(Key::OrgAddJurisdiction)}</h3>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let state = page_form(forms::JURISDICTION_NEW).await;
                    let f = "jurisdiction_new";
                    view! {
                        <ErrorSummary state level=3/>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <Field name="code" label=Key::CategoryCode hint=Key::HintCodeFixed state form=f/>
                            <Select name="level" label=Key::FieldLevel state options=level_options(locale) value="county" form=f/>
                            <Field name="name_zh" label=Key::CategoryNameZh state form=f/>
                            <Field name="name_en" label=Key::CategoryNameEn state form=f/>
                            <p class="hint">{t(Key::OrgNewRulesHint)}</p>
                            <Field name="signature_threshold" label=Key::RuleThreshold state value="1500" form=f kind="number"/>
                            <Field name="signing_days" label=Key::RuleSigningDays state value="60" form=f kind="number"/>
                            <Field name="response_days" label=Key::RuleResponseDays state value="60" form=f kind="number"/>
                            <Field name="second_tier_threshold" label=Key::RuleSecondTier hint=Key::HintSecondTier state form=f kind="number"/>
                            <Field name="sponsors_needed" label=Key::RuleSponsors state value="0" form=f kind="number"/>
                            <Field name="max_agencies" label=Key::RuleMaxAgencies state value="3" form=f kind="number"/>
                            <Field name="review_working_days" label=Key::RuleReviewDays state value="7" form=f kind="number"/>
                            <Checkbox name="allow_signature_withdrawal" label=Key::RuleWithdrawal checked=true form=f/>
                            <button type="submit" class="button">{t(Key::OrgAddJurisdiction)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Agencies(o: OrgView, action: ServerAction<CreateAgency>) -> impl IntoView {
    let locale = use_locale();
    let groups = o
        .jurisdictions
        .iter()
        .filter(|j| o.agencies.iter().any(|a| a.jurisdiction_id == j.id))
        .map(|j| {
            let heading = format!("agencies-{}", j.id);
            let rows = o
                .agencies
                .iter()
                .filter(|a| a.jurisdiction_id == j.id)
                .map(|a| {
                    let merged = a.merged_into.and_then(|m| o.agencies.iter().find(|x| x.id == m));
                    view! {
                        <tr>
                            <th scope="row"><a href=format!("/admin/organisation/agencies/{}", a.id)>{localized(locale, &a.name_zh, &a.name_en).to_string()}</a></th>
                            <td><code>{a.code.clone()}</code></td>
                            <td class="num">{a.members}</td>
                            <td class="num">{a.petitions}</td>
                            <td>{status_text(locale, a.retired, merged)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3 id=heading.clone()>{localized(locale, &j.name_zh, &j.name_en).to_string()}</h3>
                <div class="table-scroll" tabindex="0">
                    <table class="data-table" aria-labelledby=heading>
                        <thead>
                            <tr>
                                <th scope="col">{t(Key::OrgColName)}</th>
                                <th scope="col">{t(Key::OrgColCode)}</th>
                                <th scope="col">{t(Key::OrgColMembers)}</th>
                                <th scope="col">{t(Key::OrgColPetitions)}</th>
                                <th scope="col">{t(Key::OrgColStatus)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    let choices: Vec<(String, String)> =
        o.jurisdictions.iter().filter(|j| !j.retired).map(|j| (j.id.to_string(), localized(locale, &j.name_zh, &j.name_en).to_string())).collect();
    view! {
        <section class="panel" aria-labelledby="agencies-title" id="agencies">
            <h2 id="agencies-title">{t(Key::OrgAgenciesTitle)}</h2>
            {groups}
            <h3 id="add-agency">{t(Key::OrgAddAgency)}</h3>
            <Suspense fallback=|| ()>
                {move || {
                    let choices = choices.clone();
                    Suspend::new(async move {
                        let state = page_form(forms::AGENCY_NEW).await;
                        let f = "agency_new";
                        view! {
                            <ErrorSummary state level=3/>
                            <ActionForm action attr:class="form" attr:novalidate=true>
                                <Select name="jurisdiction_id" label=Key::FieldJurisdiction state options=choices empty=Key::ChooseOne form=f/>
                                <Field name="code" label=Key::CategoryCode hint=Key::HintCodeFixed state form=f/>
                                <Field name="name_zh" label=Key::CategoryNameZh state form=f/>
                                <Field name="name_en" label=Key::CategoryNameEn state form=f/>
                                <Field name="contact" label=Key::FieldContact hint=Key::HintContact state form=f/>
                                <button type="submit" class="button">{t(Key::OrgAddAgency)}</button>
                            </ActionForm>
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Topics(topics: Vec<OrgTopic>, action: ServerAction<SaveTopic>, retire: ServerAction<RetireOrgItem>) -> impl IntoView {
    let locale = use_locale();
    let rows = topics
        .into_iter()
        .map(|c| {
            let name = localized(locale, &c.name_zh, &c.name_en).to_string();
            let (change, label) = if c.retired { ("restore", Key::OrgRestoreButton) } else { ("retire", Key::OrgRetireButton) };
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td><code>{c.code.clone()}</code></td>
                    <td>{status_text(locale, c.retired, None)}</td>
                    <td>
                        <ActionForm action=retire attr:class="inline-form">
                            <input type="hidden" name="kind" value="topic"/>
                            <input type="hidden" name="id" value=c.id.to_string()/>
                            <input type="hidden" name="change" value=change/>
                            <button type="submit" class="small-button" aria-label=format!("{}: {name}", locale.text(label))>{locale.text(label)}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="topics-title" id="topics">
            <h2 id="topics-title">{t(Key::CategoryTitle)}</h2>
            <p class="hint">{t(Key::OrgTopicRetireHint)}</p>
            <div class="table-scroll" tabindex="0">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::OrgColName)}</th>
                            <th scope="col">{t(Key::OrgColCode)}</th>
                            <th scope="col">{t(Key::OrgColStatus)}</th>
                            <th scope="col"><span class="visually-hidden">{t(Key::OrgRetireTitle)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p>{t(Key::CategoryBody)}</p>
            <FlashForm form=forms::TOPIC let:state>
                <ErrorSummary state level=3/>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <Field name="code" label=Key::CategoryCode hint=Key::HintCategoryCode state form="topic"/>
                    <Field name="name_zh" label=Key::CategoryNameZh state form="topic"/>
                    <Field name="name_en" label=Key::CategoryNameEn state form="topic"/>
                    <button type="submit" class="button">{t(Key::SaveButton)}</button>
                </ActionForm>
            </FlashForm>
        </section>
    }
}
