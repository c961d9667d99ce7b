//! The agency's workspace for a draft regulation (/regulations/:id/answers), for its officers
//! only: after the period it answers every comment (one answer may cover several), publishes
//! its overall statement, may publish revised versions, and finally issues the text.
use super::PageError;
use super::regulation_new::FormatExample;
// The public pages' badge and names for phases, stances and outcomes: both sides say the same.
use super::regulations::{RegulationPhaseBadge, answers_due_day};
use crate::api::regulations::{AnswerRegulation, ConcludeRegulation, IssueRegulation, ReviseRegulation, load_regulation_workspace};
use crate::domain::regulation::notice::{Outcome, Phase};
use crate::dto::forms;
use crate::dto::regulations::{RegulationCommentView, RegulationSummary, RegulationWorkspace};
use crate::error::AppError;
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use crate::ui::components::notice::Notice;
use crate::ui::components::regulation_comment::{outcome_key, stance_key};
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

#[component]
pub fn RegulationAnswersPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let location = use_location();
    // Re-read after each form: they come back here with a new `?notice=` or `?flash=`.
    let page = Resource::new(move || (id(), location.search.get()), |(id, _)| load_regulation_workspace(id));
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                // The forms' kept errors are read before they render (plain posts come back with them).
                let _ = use_flash().await;
                match page.await {
                    Err(e) => {
                        let title = if matches!(e, AppError::NotFound) {
                            status::not_found();
                            Key::NotFoundTitle
                        } else {
                            Key::RegAnswerPageTitle
                        };
                        view! { <Title text=t(title)/><PageError error=e/> }.into_any()
                    }
                    Ok(w) => view! { <Workspace w/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Workspace(w: RegulationWorkspace) -> impl IntoView {
    let locale = use_locale();
    let s = w.summary.clone();
    let id = s.id;
    // Which version a comment was on matters only once there are several.
    let versions = w.latest > 1;
    // Each part is type-erased: one nested view type for the whole page is too deep for the compiler.
    let head = view! {
        <Title text=format!("{} · {}", locale.text(Key::RegAnswerPageTitle), s.title)/>
        <h1>{t(Key::RegAnswerPageTitle)}</h1>
        <p class="petition-meta"><a href=format!("/regulations/{id}")>{s.title.clone()}</a>" · "{s.agency.name(locale).to_string()}</p>
        <p><a href=format!("/regulations/{id}/summary")>{t(Key::RegSummaryLink)}</a></p>
        {status_list(locale, &s)}
    }
    .into_any();
    let waiting = match s.phase {
        Phase::Open => Some(locale.reg_answer_still_open(s.last_day.clone())),
        Phase::Issued => s.issued_at.map(|at| locale.reg_answer_issued_on(at.date_taipei())),
        _ => None,
    }
    .map(|text| view! { <p class="notice-inline">{text}</p> });
    let unanswered = if w.may_answer {
        view! { <AnswerForm regulation_id=id comments=w.unanswered.clone() versions/> }.into_any()
    } else if !w.unanswered.is_empty() {
        // Made so far while the period runs: read only until it ends.
        comment_list(locale, locale.reg_answer_unanswered_title(w.unanswered.len()), "unanswered", &w.unanswered, versions)
    } else {
        ().into_any()
    };
    let answered = if !w.answered.is_empty() {
        comment_list(locale, locale.reg_answer_answered_title(w.answered.len()), "answered", &w.answered, versions)
    } else if w.unanswered.is_empty() && s.phase != Phase::Open {
        view! { <p class="empty">{t(Key::RegAnswerNoComments)}</p> }.into_any()
    } else {
        ().into_any()
    };
    let overall = if w.may_conclude {
        view! { <OverallForm regulation_id=id/> }.into_any()
    } else if w.may_answer {
        view! { <p>{t(Key::RegAnswerOverallLater)}</p> }.into_any()
    } else {
        ().into_any()
    };
    let revise = w.may_revise.then(|| view! { <ReviseForm regulation_id=id next={w.latest + 1} draft=w.draft.clone() comparison=w.comparison.clone()/> });
    let issue = w.may_issue.then(|| view! { <IssueForm regulation_id=id latest=w.latest/> });
    view! {
        <article class="regulation-answers">
            {head}
            {waiting}
            {unanswered}
            {answered}
            {overall}
            {revise}
            {issue}
        </article>
    }
}

/// Where the notice stands: phase, last day, comments and answers, when answers are due.
fn status_list(l: Locale, s: &RegulationSummary) -> AnyView {
    let overdue = (s.phase == Phase::Overdue).then(|| view! { " "<strong class="overdue">{l.text(Key::RegAnswerOverdueMark)}</strong> });
    let published = s.answered_at.map(|at| {
        let late = s.answered_late.then(|| view! { " "<strong class="overdue">{l.text(Key::RegAnswerLateMark)}</strong> });
        view! { <dt>{l.text(Key::RegAnswerPublishedLabel)}</dt><dd>{at.date_taipei()}{late}</dd> }
    });
    view! {
        <dl class="summary-list">
            <dt>{l.text(Key::RegAnswerPhaseLabel)}</dt>
            <dd><RegulationPhaseBadge phase=s.phase/></dd>
            <dt>{l.text(Key::RegAnswerLastDayLabel)}</dt><dd>{s.last_day.clone()}</dd>
            <dt>{l.text(Key::RegAnswerCommentsLabel)}</dt><dd>{Grouped(s.comments).to_string()}</dd>
            <dt>{l.text(Key::RegAnswerAnsweredLabel)}</dt><dd>{Grouped(s.answered).to_string()}</dd>
            <dt>{l.text(Key::RegAnswerDueLabel)}</dt><dd>{answers_due_day(s)}{overdue}</dd>
            {published}
        </dl>
    }
    .into_any()
}

/// A comment as spans: in the answer form it sits inside a checkbox's label, which takes no
/// blocks (`reg-block` lays each span out as one). Bodies are plain text, line breaks kept.
fn comment_text(l: Locale, c: &RegulationCommentView, versions: bool) -> AnyView {
    let mut meta = c.article.clone().unwrap_or_else(|| l.text(Key::RegAnswerWhole).to_string());
    if versions {
        meta = format!("{meta} · {}", l.reg_answer_version(c.version));
    }
    let who = match &c.organisation {
        Some(o) => l.reg_answer_on_behalf(&c.author, o),
        None => c.author.clone(),
    };
    meta = format!("{meta} · {who}");
    if let Some(s) = c.stance {
        meta = format!("{meta} · {}", l.text(stance_key(s)));
    }
    meta = format!("{meta} · {}", c.at.date_taipei());
    // Officers read a held comment (it is still owed an answer), marked as awaiting review;
    // without its text (not expected here: hidden ones are not listed) it says it is withheld.
    let body = match (c.withheld, c.body.is_empty()) {
        (true, true) => view! { <span class="reg-block empty">{l.text(Key::RegAnswerWithheld)}</span> }.into_any(),
        (true, false) => view! {
            <span class="reg-block reg-held-mark"><strong>{l.text(Key::RegAnswerHeldForReview)}</strong></span>
            <span class="reg-block prose cite-body">{c.body.clone()}</span>
        }
        .into_any(),
        (false, _) => view! { <span class="reg-block prose cite-body">{c.body.clone()}</span> }.into_any(),
    };
    let wording = c.wording.clone().map(|w| view! { <span class="reg-block quoted"><strong>{l.text(Key::RegAnswerWording)}</strong>" "{w}</span> });
    view! { <span class="cite-counts">{meta}</span>{body}{wording} }.into_any()
}

/// Comments read only, each with the agency's answer if it has one.
fn comment_list(l: Locale, title: String, id: &'static str, comments: &[RegulationCommentView], versions: bool) -> AnyView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section id=id aria-labelledby=labelled_by>
            <h2 id=title_id>{title}</h2>
            <ul class="cards">
                {comments.iter().map(|c| {
                    let answer = c.answer.clone().map(|a| view! {
                        <div class="response">
                            <p class="response-meta">
                                <strong>{l.text(Key::RegAnswerAgencyAnswer)}</strong>" "
                                <span class="badge">{l.text(outcome_key(a.outcome))}</span>" · "
                                {l.reg_answer_answered_on(a.at.date_taipei())}
                            </p>
                            <p class="prose">{a.reason}</p>
                        </div>
                    });
                    view! { <li class="card" id=format!("c{}", c.id)>{comment_text(l, c, versions)}{answer}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// One answer for the ticked comments. Ids carry the prefix "answer-" (the error summary's
/// links find them so).
#[component]
fn AnswerForm(regulation_id: i64, comments: Vec<RegulationCommentView>, versions: bool) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<AnswerRegulation>::new();
    let state = form_state(forms::REGULATION_ANSWER, use_flash());
    let outcomes: Vec<(String, String)> = Outcome::ALL.iter().map(|o| (o.code().to_string(), locale.text(outcome_key(*o)).to_string())).collect();
    view! {
        <section id="answer" aria-labelledby="answer-title">
            <h2 id="answer-title">{t(Key::RegAnswerFormTitle)}</h2>
            <p>{t(Key::RegAnswerFormIntro)}</p>
            <ErrorSummary state level=3 form="answer" labels=&[("reason", Key::RegAnswerFieldReason)]/>
            <ActionForm action attr:class="form form-wide" attr:novalidate=true>
                <input type="hidden" name="regulation_id" value=regulation_id.to_string()/>
                <CommentChoices comments state versions/>
                <Select name="outcome" label=Key::RegAnswerFieldOutcome hint=Key::RegAnswerHintOutcome state options=outcomes empty=Key::ChooseOne form="answer"/>
                <TextArea name="reason" label=Key::RegAnswerFieldReason hint=Key::RegAnswerHintReason state rows=6 form="answer"/>
                <button type="submit" class="button button-primary">{t(Key::RegAnswerSubmit)}</button>
            </ActionForm>
        </section>
    }
}

/// Checkboxes named `comments[i]` (values: comment ids), as `CiteChoices` names `cited[i]`.
#[component]
fn CommentChoices(comments: Vec<RegulationCommentView>, state: FormState, versions: bool) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("comments");
    // Ticked before a failed post: the server keeps them as `comments[0]`, `comments[1]`, …
    let kept: Vec<String> = (0..comments.len()).filter_map(|i| state.value(&format!("comments[{i}]"))).collect();
    let described = move || if error.get().is_some() { "answer-comments-hint answer-comments-error" } else { "answer-comments-hint" };
    let legend = locale.reg_answer_unanswered_title(comments.len());
    view! {
        <fieldset class="field" class:field-invalid=move || error.get().is_some() id="answer-comments" aria-describedby=described>
            <legend>{legend}</legend>
            <p class="hint" id="answer-comments-hint">{t(Key::RegAnswerCommentsHint)}</p>
            {move || error.get().map(|e| view! { <p class="field-error" id="answer-comments-error">{locale.field_error(&e)}</p> })}
            <ul class="cite-list">
                {comments.into_iter().enumerate().map(|(i, c)| {
                    let box_id = format!("answer-c{}", c.id);
                    let value = c.id.to_string();
                    let checked = kept.contains(&value);
                    view! {
                        <li class="checkbox cite-choice">
                            <input type="checkbox" id=box_id.clone() name=format!("comments[{i}]") value=value checked=checked/>
                            <label for=box_id>{comment_text(locale, &c, versions)}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

/// The overall statement, once every comment has its answer. Ids carry the prefix "overall-".
#[component]
fn OverallForm(regulation_id: i64) -> impl IntoView {
    let action = ServerAction::<ConcludeRegulation>::new();
    let state = form_state(forms::REGULATION_OVERALL, use_flash());
    view! {
        <section id="overall" aria-labelledby="overall-title">
            <h2 id="overall-title">{t(Key::RegAnswerOverallTitle)}</h2>
            <ErrorSummary state level=3 form="overall"/>
            <ActionForm action attr:class="form form-wide" attr:novalidate=true>
                <input type="hidden" name="regulation_id" value=regulation_id.to_string()/>
                <TextArea name="overall" label=Key::RegAnswerFieldOverall hint=Key::RegAnswerHintOverall state rows=12 form="overall"/>
                <button type="submit" class="button button-primary">{t(Key::RegAnswerOverallSubmit)}</button>
            </ActionForm>
        </section>
    }
}

/// A revised text as version `next`, starting from the latest version's text (and table),
/// which the officer edits. Ids carry the prefix "version-".
#[component]
fn ReviseForm(regulation_id: i64, next: i64, draft: String, comparison: String) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<ReviseRegulation>::new();
    let state = form_state(forms::REGULATION_VERSION, use_flash());
    view! {
        <section id="version" aria-labelledby="version-title">
            <h2 id="version-title">{t(Key::RegAnswerReviseTitle)}</h2>
            <p>{t(Key::RegAnswerReviseIntro)}</p>
            <ErrorSummary state level=3 form="version"/>
            <ActionForm action attr:class="form form-wide" attr:novalidate=true>
                <input type="hidden" name="regulation_id" value=regulation_id.to_string()/>
                <TextArea name="draft" label=Key::RegFormFieldDraft hint=Key::RegAnswerHintDraft state value=draft rows=24 form="version"/>
                <TextArea name="comparison" label=Key::RegFormFieldComparison hint=Key::RegFormHintComparison state value=comparison rows=12 form="version"/>
                <FormatExample/>
                <TextArea name="note" label=Key::RegAnswerFieldNote hint=Key::RegAnswerHintNote state rows=3 form="version"/>
                <button type="submit" class="button button-primary">{locale.reg_answer_revise_submit(next)}</button>
            </ActionForm>
        </section>
    }
}

/// The final text: the latest version, once the answers are complete.
#[component]
fn IssueForm(regulation_id: i64, latest: i64) -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<IssueRegulation>::new();
    let state = form_state(forms::REGULATION_ISSUE, use_flash());
    view! {
        <section id="issue" class="panel-action" aria-labelledby="issue-title">
            <h2 id="issue-title">{t(Key::RegAnswerIssueTitle)}</h2>
            <p>{locale.reg_answer_issue_intro(latest)}</p>
            <ErrorSummary state level=3 form="issue"/>
            <ActionForm action attr:class="form">
                <input type="hidden" name="regulation_id" value=regulation_id.to_string()/>
                <button type="submit" class="button button-primary">{t(Key::RegAnswerIssueSubmit)}</button>
            </ActionForm>
        </section>
    }
}
