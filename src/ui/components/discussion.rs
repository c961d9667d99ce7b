//! A petition's or consultation's discussion: sorting, the comment form, the page of comments and links
//! to the other pages (20 top-level comments each, no infinite scroll).
use super::comment::{CommentItem, Mode, ReportForm, SpeakAs};
use crate::api::discussion::PostComment;
use crate::domain::discussion::Sort;
use crate::dto::deliberation::Subject;
use crate::dto::discussion::{Thread, ThreadState};
use crate::dto::forms;
use crate::error::AppError;
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, TextArea};
use crate::ui::components::form_state::{form_state, use_flash};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn sort_key(s: Sort) -> Key {
    match s {
        Sort::Oldest => Key::SortOldest,
        Sort::Newest => Key::SortNewest,
        Sort::Supported => Key::SortSupported,
    }
}

#[component]
pub fn Discussion(thread: Thread) -> impl IntoView {
    let flash = use_flash();
    let query = use_query_map();
    let q = query.read_untracked();
    let mode = Mode {
        reply: q.get("reply").and_then(|v| v.parse().ok()),
        edit: q.get("edit").and_then(|v| v.parse().ok()),
        report: q.get("report"),
        back: format!("csort={}&cpage={}", thread.sort, thread.page),
        subject: thread.subject,
        logged_in: thread.logged_in,
        moderator: thread.is_moderator,
        agencies: thread.agencies.clone(),
    };
    // The forms read the page's flash (a no-JS post's errors), so render after it arrives.
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (thread, mode) = (thread.clone(), mode.clone());
                Suspend::new(async move {
                    let _ = flash.await;
                    view! { <DiscussionBody thread mode/> }
                })
            }}
        </Suspense>
    }
}

#[component]
fn DiscussionBody(thread: Thread, mode: Mode) -> impl IntoView {
    let locale = use_locale();
    let subject = thread.subject;
    let id = subject.id();
    let sorts = Sort::ALL
        .iter()
        .map(|s| {
            let current = (s.code() == thread.sort).then_some("page");
            view! { <li><a href=format!("{}?csort={}#discussion", subject.page(), s.code()) aria-current=current>{t(sort_key(*s))}</a></li> }
        })
        .collect_view();
    let list = if thread.comments.is_empty() {
        view! { <p class="empty">{t(Key::DiscussionEmpty)}</p> }.into_any()
    } else {
        view! { <ol class="comments">{thread.comments.iter().map(|c| view! { <CommentItem c=c.clone() mode=mode.clone()/> }).collect_view()}</ol> }.into_any()
    };
    let is_petition = matches!(subject, Subject::Petition(_));
    let report_petition = (is_petition && thread.logged_in && !thread.viewer_is_proposer).then(|| {
        let target = format!("petition:{id}");
        if mode.report.as_deref() == Some(target.as_str()) {
            view! { <ReportForm target cancel=mode.link("", "discussion")/> }.into_any()
        } else {
            view! { <p><a href=mode.link(&format!("report={target}"), "discussion")>{t(Key::ReportPetitionLink)}</a></p> }.into_any()
        }
    });
    let moderate = (is_petition && thread.is_moderator).then(|| view! { <p><a href=format!("/reports?item=petition:{id}")>{t(Key::ModerateLink)}</a></p> });
    let (page, pages, sort) = (thread.page, thread.pages, thread.sort.clone());
    view! {
        <section id="discussion" class="discussion" aria-labelledby="discussion-title">
            <h2 id="discussion-title">{t(Key::DiscussionTitle)}</h2>
            <p>{locale.discussion_count(thread.total)}</p>
            <nav aria-label=t(Key::DiscussionSortLabel)><ul class="tabs">{sorts}</ul></nav>
            <NewComment thread mode=mode.clone()/>
            {list}
            <Pager subject page pages sort/>
            {report_petition}
            {moderate}
        </section>
    }
    .into_any()
}

#[component]
fn NewComment(thread: Thread, mode: Mode) -> impl IntoView {
    let locale = use_locale();
    let post = ServerAction::<PostComment>::new();
    let state = form_state(forms::COMMENT, use_flash());
    match (&thread.state, thread.logged_in, thread.suspended_until) {
        (ThreadState::Locked, _, _) => view! { <p class="notice-inline">{t(Key::DiscussionLocked)}</p> }.into_any(),
        (ThreadState::Closed, _, _) => {
            let closed = match thread.subject {
                Subject::Petition(_) => Key::DiscussionClosed,
                Subject::Consultation(_) => Key::DiscussionClosedConsultation,
            };
            view! { <p class="notice-inline">{t(closed)}</p> }.into_any()
        }
        (_, false, _) => {
            let login = format!("/login?next={}", crate::domain::url::encode_query_value(&format!("{}#discussion", thread.subject.page())));
            view! { <p><a href=login>{t(Key::DiscussionLogin)}</a></p> }.into_any()
        }
        (_, true, Some(until)) => {
            let e = AppError::Suspended { until };
            view! { <p class="notice-inline">{locale.app_error(&e)}</p> }.into_any()
        }
        (ThreadState::Open, true, None) => view! {
            <ActionForm action=post attr:class="form comment-form" attr:novalidate=true>
                <ErrorSummary state level=3/>
                <input type="hidden" name="kind" value=thread.subject.kind()/>
                <input type="hidden" name="subject" value=thread.subject.id().to_string()/>
                <input type="hidden" name="back" value=mode.back.clone()/>
                <TextArea name="body" label=Key::FieldComment hint=Key::HintComment state rows=4 form="comment"/>
                <SpeakAs mode=mode.clone() state form="comment"/>
                <button type="submit" class="button button-primary">{t(Key::CommentSubmit)}</button>
            </ActionForm>
        }
        .into_any(),
    }
}

#[component]
fn Pager(subject: Subject, page: i64, pages: i64, sort: String) -> impl IntoView {
    let locale = use_locale();
    (pages > 1).then(|| {
        let link = move |p: i64| format!("{}?csort={sort}&cpage={p}#discussion", subject.page());
        view! {
            <nav class="pager" aria-label=t(Key::CommentsPages)>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t(Key::PagePrev)}</a> })}
                " "<span>{locale.page_of(page, pages)}</span>" "
                {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t(Key::PageNext)}</a> })}
            </nav>
        }
    })
}
