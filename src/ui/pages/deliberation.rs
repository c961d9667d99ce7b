//! A petition's or consultation's opinion map (/petitions/:id/deliberation,
//! /consultations/:id/deliberation): vote on one statement at a time
//! (three plain buttons, no JavaScript needed), write a statement, and read the map the
//! server computed, in pictures and in words.
use super::PageError;
use super::petition::petition_id;
use crate::api::deliberation::{DecideStatement, SetStatementStrict, VoteStatement, WriteStatement, load_deliberation};
use crate::domain::statement::{Choice, STATEMENT_MAX};
use crate::domain::time::Timestamp;
use crate::dto::deliberation::{DeliberationPage, StatementView, Subject};
use crate::dto::forms;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::comment::ReportForm;
use crate::ui::components::field::{ErrorSummary, TextArea};
use crate::ui::components::form_state::{form_state, use_flash};
use crate::ui::components::notice::Notice;
use crate::ui::components::opinion_map::{Consensus, Divisive, GroupTable, Groups, OpinionMap, group_letter};
use crate::ui::components::status;
use crate::ui::islands::char_count::CharCount;
use crate::ui::islands::map_updates::MapUpdates;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn DeliberationPage() -> impl IntoView {
    view! { <DeliberationOf kind="petition"/> }
}

#[component]
pub fn ConsultationDeliberationPage() -> impl IntoView {
    view! { <DeliberationOf kind="consultation"/> }
}

#[component]
fn DeliberationOf(kind: &'static str) -> impl IntoView {
    // Both routes name the subject ":id".
    let id = petition_id();
    let location = use_location();
    let page = Resource::new(move || (id(), location.search.get()), move |(id, _)| load_deliberation(kind.to_string(), id));
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                // The forms' kept errors are read before they render (plain posts come back with them).
                let _ = use_flash().await;
                match page.await {
                    Err(e) => {
                        status::not_found();
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(p) => view! { <Deliberation p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Deliberation(p: DeliberationPage) -> impl IntoView {
    let locale = use_locale();
    let title = locale.delib_page_title(&p.title);
    let back = p.subject.page();
    // Report links for signed-in people on others' statements; `?report=statement:N` opens the form.
    let reporting = use_query_map().read_untracked().get("report").and_then(|r| r.strip_prefix("statement:").and_then(|n| n.parse().ok()));
    let links = p.signed_in.then(|| Links { base: p.subject.deliberation(), mine: p.mine.clone(), reporting, moderator: p.may_moderate });
    let back_text = if matches!(p.subject, Subject::Consultation(_)) { t(Key::DelibBackConsultation) } else { t(Key::DelibBack) };
    view! {
        <Title text=title.clone()/>
        <p><a href=back>{back_text}</a></p>
        <h1>{title}</h1>
        <p>{t(Key::DelibIntro)}</p>
        <p><a href=format!("{}/report", p.subject.deliberation())>{t(Key::DelibReportLink)}</a></p>
        <VoteBox p=p.clone()/>
        <WriteBox p=p.clone()/>
        <MapSection p=p.clone()/>
        <AllStatements list=p.statements.clone() links/>
        {p.may_moderate.then(|| view! { <ModerateBox p=p.clone()/> })}
    }
}

/// Log in, then come back to this page.
fn login_href(subject: Subject) -> String {
    format!("/login?next={}", crate::domain::url::encode_query_value(&subject.deliberation()))
}

/// The next statement and three buttons; or why there is none.
#[component]
fn VoteBox(p: DeliberationPage) -> impl IntoView {
    let locale = use_locale();
    let login = login_href(p.subject);
    let body = if !p.open {
        view! { <p class="notice-inline">{t(Key::DelibClosed)}</p> }.into_any()
    } else if !p.signed_in {
        view! { <p><a href=login>{t(Key::DelibLogin)}</a></p> }.into_any()
    } else if let Some(e) = p.blocked.clone() {
        view! { <p class="notice-inline">{locale.app_error(&e)}</p> }.into_any()
    } else if let Some(s) = p.next.clone() {
        view! { <NextStatement s voted=p.voted remaining=p.remaining/> }.into_any()
    } else if p.statements.is_empty() {
        view! { <p>{t(Key::DelibEmpty)}</p> }.into_any()
    } else {
        view! { <p>{t(Key::DelibNoneLeft)}</p> }.into_any()
    };
    view! {
        <section id="vote" aria-labelledby="vote-title">
            <h2 id="vote-title">{t(Key::DelibVoteTitle)}</h2>
            {body}
        </section>
    }
}

#[component]
fn NextStatement(s: StatementView, voted: i64, remaining: i64) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<VoteStatement>::new();
    let state = form_state(forms::STATEMENT_VOTE, use_flash());
    let button = |c: Choice, key: Key, class: &'static str| {
        view! { <button type="submit" name="choice" value=c.code() class=format!("button {class}")>{t(key)}</button> }
    };
    view! {
        <ActionForm action attr:class="form vote-form">
            <ErrorSummary state level=3/>
            <fieldset>
                <legend>{t(Key::DelibStatementLabel)}</legend>
                <blockquote class="statement statement-next">{s.body.clone()}</blockquote>
                <input type="hidden" name="statement_id" value=s.id.to_string()/>
                <div class="vote-buttons">
                    {button(Choice::Agree, Key::DelibAgree, "button-primary")}
                    {button(Choice::Disagree, Key::DelibDisagree, "button-primary")}
                    {button(Choice::Pass, Key::DelibPass, "button-secondary")}
                </div>
            </fieldset>
            <p class="card-meta">{locale.delib_progress(remaining, voted)}</p>
        </ActionForm>
    }
}

#[component]
fn WriteBox(p: DeliberationPage) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<WriteStatement>::new();
    let state = form_state(forms::STATEMENT, use_flash());
    let may_write = p.open && p.signed_in && p.blocked.is_none();
    let login = login_href(p.subject);
    // Closed or suspended: the vote box already says why; there is nothing to write here.
    (p.open && p.blocked.is_none()).then(move || view! {
        <section aria-labelledby="write-title">
            <h2 id="write-title">{t(Key::DelibWriteTitle)}</h2>
            {p.strict.then(|| view! { <p>{t(Key::DelibStrictNote)}</p> })}
            {(!p.signed_in).then(|| view! { <p><a href=login.clone()>{t(Key::DelibLogin)}</a></p> })}
            {may_write.then(|| view! {
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <ErrorSummary state level=3 form="statement"/>
                    <input type="hidden" name="kind" value=p.subject.kind()/>
                    <input type="hidden" name="subject" value=p.subject.id().to_string()/>
                    <TextArea name="statement" label=Key::FieldStatement hint=Key::HintStatement state rows=2 form="statement"/>
                    <CharCount input_id="statement-statement".to_string() max=STATEMENT_MAX template=locale.text(Key::CharCount).to_string() over=locale.text(Key::CharOver).to_string()/>
                    <button type="submit" class="button button-primary">{t(Key::DelibWriteSubmit)}</button>
                </ActionForm>
            })}
            {(!p.my_pending.is_empty()).then(|| view! {
                <h3>{t(Key::DelibMyPending)}</h3>
                <ul>{p.my_pending.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul>
            })}
        </section>
    })
}

#[component]
pub(super) fn MapSection(p: DeliberationPage, #[prop(optional)] report: bool) -> impl IntoView {
    let locale = use_locale();
    let Some(map) = p.map.clone() else {
        return view! {
            <section aria-labelledby="map-title"><h2 id="map-title">{t(Key::DelibMapTitle)}</h2><p>{t(Key::DelibMapTooFew)}</p></section>
        }
        .into_any();
    };
    let summary = locale.delib_map_summary(map.in_map, map.min_votes, map.participants, map.statements, map.votes);
    let updated = locale.delib_computed_at(Timestamp(map.computed_at).datetime_taipei());
    let you = match (p.your_group, p.you) {
        (Some(g), _) => Some(locale.delib_your_group(group_letter(g))),
        (None, None) if p.signed_in && p.voted > 0 => Some(locale.text(Key::DelibNotOnMapYet).to_string()),
        _ => None,
    };
    let grouped = !map.groups.is_empty();
    view! {
        <section aria-labelledby="map-title">
            <h2 id="map-title">{t(Key::DelibMapTitle)}</h2>
            <p>{summary}</p>
            <MapUpdates
                kind=p.subject.kind().to_string()
                id=p.subject.id()
                computed_at=map.computed_at
                text=t(Key::DelibMapUpdated).to_string()
                link=t(Key::DelibMapShowNew).to_string()
                href=format!("{}{}#map-title", p.subject.deliberation(), if report { "/report" } else { "" })
            />
            {you.map(|y| view! { <p><strong>{y}</strong></p> })}
            {if grouped {
                view! {
                    <OpinionMap map=map.clone() you=p.you/>
                    <p class="card-meta">{updated}</p>
                    <GroupTable map=map.clone()/>
                }
                .into_any()
            } else {
                view! { <p>{t(Key::DelibMapTooFew)}</p> }.into_any()
            }}
        </section>
        <section aria-labelledby="consensus-title">
            <h2 id="consensus-title">{t(Key::DelibConsensusTitle)}</h2>
            <Consensus list=map.consensus.clone()/>
        </section>
        {grouped.then(|| view! {
            <section aria-labelledby="groups-title">
                <h2 id="groups-title">{t(Key::DelibGroupsTitle)}</h2>
                <Groups map=map.clone()/>
            </section>
        })}
        {(!map.divisive.is_empty()).then(|| view! {
            <section aria-labelledby="divisive-title">
                <h2 id="divisive-title">{t(Key::DelibDivisiveTitle)}</h2>
                <Divisive list=map.divisive.clone()/>
            </section>
        })}
    }
    .into_any()
}

/// What the statements table links to for a signed-in viewer.
#[derive(Clone)]
pub(super) struct Links {
    pub base: String,
    pub mine: Vec<i64>,
    /// The statement whose report form is open.
    pub reporting: Option<i64>,
    pub moderator: bool,
}

/// Every shown statement with its counts (and, on the page itself, report links).
#[component]
pub(super) fn AllStatements(list: Vec<StatementView>, links: Option<Links>) -> impl IntoView {
    let form = links.as_ref().and_then(|l| {
        let id = l.reporting.filter(|id| list.iter().any(|s| s.id == *id) && !l.mine.contains(id))?;
        let body = list.iter().find(|s| s.id == id).map(|s| s.body.clone()).unwrap_or_default();
        Some(view! {
            <section id="report" aria-labelledby="report-title">
                <h3 id="report-title">{t(Key::DelibReportStatementTitle)}</h3>
                <blockquote>{body}</blockquote>
                <ReportForm target=format!("statement:{id}") cancel=format!("{}#s{id}", l.base)/>
            </section>
        })
    });
    let with_links = links.is_some();
    let action = move |id: i64| {
        links.as_ref().map(|l| {
            let report = (!l.mine.contains(&id)).then(|| view! { <a href=format!("{}?report=statement:{id}#report", l.base)>{t(Key::DelibReport)}</a> });
            let moderate = l.moderator.then(|| view! { " "<a href=format!("/reports?item=statement:{id}")>{t(Key::ModerateLink)}</a> });
            view! { <td>{report}{moderate}</td> }
        })
    };
    (!list.is_empty()).then(move || {
        view! {
            <section aria-labelledby="all-title">
                <h2 id="all-title">{t(Key::DelibAllTitle)}</h2>
                <div class="table-scroll" tabindex="0">
                    <table class="statement-table">
                        <thead>
                            <tr>
                                <th scope="col">{t(Key::DelibColStatement)}</th>
                                <th scope="col">{t(Key::DelibAgree)}</th>
                                <th scope="col">{t(Key::DelibDisagree)}</th>
                                <th scope="col">{t(Key::DelibPass)}</th>
                                {with_links.then(|| view! { <th scope="col"><span class="visually-hidden">{t(Key::DelibReport)}</span></th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|s| view! {
                                // Conclusions and answers link to a statement by this anchor.
                                <tr id=format!("s{}", s.id)>
                                    <td>{s.body.clone()}{s.seed.then(|| view! { " "<span class="badge">{t(Key::DelibSeed)}</span> })}</td>
                                    <td>{s.agree}</td>
                                    <td>{s.disagree}</td>
                                    <td>{s.pass}</td>
                                    {action(s.id)}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {form}
            </section>
        }
    })
}

/// Moderators: strict mode, and the statements waiting for a decision.
#[component]
fn ModerateBox(p: DeliberationPage) -> impl IntoView {
    let strict = ServerAction::<SetStatementStrict>::new();
    let pending = p.pending.clone();
    let (now, button, value) = if p.strict { (Key::DelibStrictIs, Key::DelibStrictOff, "off") } else { (Key::DelibOpenIs, Key::DelibStrictOn, "on") };
    view! {
        <section aria-labelledby="mod-title" class="card">
            <h2 id="mod-title">{t(Key::DelibModTitle)}</h2>
            <p>{t(now)}</p>
            <ActionForm action=strict attr:class="inline-form">
                <input type="hidden" name="kind" value=p.subject.kind()/>
                    <input type="hidden" name="subject" value=p.subject.id().to_string()/>
                <input type="hidden" name="strict" value=value/>
                <button type="submit" class="button button-secondary">{t(button)}</button>
            </ActionForm>
            {(!pending.is_empty()).then(move || view! {
                <h3>{t(Key::DelibPendingTitle)}</h3>
                <ul class="statement-list">
                    {pending.into_iter().map(|s| {
                        let decide = ServerAction::<DecideStatement>::new();
                        view! {
                            <li>
                                <p class="statement">{s.body.clone()}</p>
                                <ActionForm action=decide attr:class="inline-form">
                                    <input type="hidden" name="statement_id" value=s.id.to_string()/>
                                    <button type="submit" name="decision" value="approve" class="button button-primary">{t(Key::DelibApprove)}</button>
                                    " "
                                    <button type="submit" name="decision" value="reject" class="button button-danger">{t(Key::DelibReject)}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
