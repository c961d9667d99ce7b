//! One comment in a thread, with its votes and the forms opened from it (reply, edit,
//! report) through links, so everything works without JavaScript.
use crate::api::discussion::{DeleteComment, EditComment, PostComment, ReportContent};
use crate::dto::common::AgencyView;
use crate::dto::deliberation::Subject;
use crate::dto::discussion::{Badge, CommentBody, CommentView, VoteTally};
use crate::dto::forms;
use crate::i18n::labels::{mod_reason_options, mod_reason_text};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use crate::ui::islands::comment_votes::{CommentVotes, VoteTexts};
use leptos::prelude::*;

/// What the page's links ask to open, and how to come back to the same page of the thread.
#[derive(Clone)]
pub struct Mode {
    pub reply: Option<i64>,
    pub edit: Option<i64>,
    pub report: Option<String>,
    /// "csort=..&cpage=.." of the current view.
    pub back: String,
    /// The petition or consultation the thread is on.
    pub subject: Subject,
    pub logged_in: bool,
    pub moderator: bool,
    pub agencies: Vec<AgencyView>,
}

impl Mode {
    pub fn link(&self, extra: &str, anchor: &str) -> String {
        let q = if extra.is_empty() { self.back.clone() } else { format!("{}&{extra}", self.back) };
        format!("{}?{q}#{anchor}", self.subject.page())
    }
}

#[component]
pub fn CommentItem(c: CommentView, mode: Mode) -> impl IntoView {
    let locale = use_locale();
    let id = c.id;
    let anchor = format!("comment-{id}");
    let badge = match &c.badge {
        Badge::None => None,
        Badge::Proposer => Some(view! { <span class="badge badge-proposer">{t(Key::BadgeProposer)}</span> }.into_any()),
        Badge::Agency(a) => Some(view! { <span class="badge badge-agency">{locale.badge_agency(a.name(locale))}</span> }.into_any()),
    };
    let shown = matches!(c.body, CommentBody::Html(_));
    let body = match c.body.clone() {
        CommentBody::Html(html) => view! { <div class="comment-body prose" inner_html=html></div> }.into_any(),
        CommentBody::Deleted => view! { <p class="comment-placeholder">{t(Key::CommentDeleted)}</p> }.into_any(),
        CommentBody::Held => view! { <p class="comment-placeholder">{t(Key::CommentHeld)}</p> }.into_any(),
        CommentBody::Hidden(r) => view! { <p class="comment-placeholder">{locale.comment_hidden(mod_reason_text(locale, &r))}</p> }.into_any(),
        CommentBody::AuthorSuspended => view! { <p class="comment-placeholder">{t(Key::CommentAuthorSuspended)}</p> }.into_any(),
    };
    let inline = if mode.reply == Some(id) && c.can_reply {
        Some(view! { <ReplyForm parent=id mode=mode.clone()/> }.into_any())
    } else if mode.edit == Some(id) && c.source.is_some() {
        Some(view! { <EditForm id source=c.source.clone().unwrap_or_default() mode=mode.clone()/> }.into_any())
    } else if mode.report.as_deref() == Some(format!("comment:{id}").as_str()) {
        Some(view! { <ReportForm target=format!("comment:{id}") cancel=mode.link("", "discussion")/> }.into_any())
    } else {
        None
    };
    let actions = (mode.logged_in && shown).then(|| view! { <Actions c=c.clone() mode=mode.clone()/> }.into_any());
    let counts = (!mode.logged_in && shown).then(|| {
        view! { <p class="comment-votes hint">{locale.vote_up_count(c.up)}" · "{locale.vote_down_count(c.down)}</p> }
    });
    view! {
        <li id=anchor class=format!("comment depth-{}", c.depth.min(2))>
            <article aria-label=c.author.clone()>
                <p class="comment-meta">
                    <strong>{c.author.clone()}</strong>" "{badge}" "
                    <time>{c.created_at.datetime_taipei()}</time>
                    {c.edited.then(|| view! { " "<span class="hint">{t(Key::CommentEdited)}</span> })}
                </p>
                {body}
                {counts}
                {actions}
                {inline}
            </article>
        </li>
    }
}

#[component]
fn Actions(c: CommentView, mode: Mode) -> impl IntoView {
    let locale = use_locale();
    let delete = ServerAction::<DeleteComment>::new();
    let state = form_state(forms::comment(c.id), use_flash());
    let id = c.id.to_string();
    let votes = (!c.mine).then(|| {
        // Translated here; the island fills in the counts as they change.
        let label = |key: Key| locale.text(key).to_string();
        let texts = VoteTexts {
            up: label(Key::VoteUpCount),
            down: label(Key::VoteDownCount),
            up_label: label(Key::VoteUpLabel),
            down_label: label(Key::VoteDownLabel),
            author: c.author.clone(),
        };
        let tally = VoteTally { up: c.up, down: c.down, mine: c.my_vote };
        view! { <CommentVotes id=c.id tally back=mode.back.clone() texts/> }
    });
    let anchor = format!("comment-{}", c.id);
    let reply = c.can_reply.then(|| view! { <a href=mode.link(&format!("reply={}", c.id), &anchor)>{t(Key::ReplyLink)}</a> });
    let edit = c.source.is_some().then(|| view! { <a href=mode.link(&format!("edit={}", c.id), &anchor)>{t(Key::EditLink)}</a> });
    let report = (!c.mine).then(|| view! { <a href=mode.link(&format!("report=comment:{}", c.id), &anchor)>{t(Key::ReportLink)}</a> });
    let moderate = mode.moderator.then(|| view! { <a href=format!("/reports?item=comment:{}", c.id)>{t(Key::ModerateLink)}</a> });
    let remove = c.mine.then(|| {
        view! {
            <ActionForm action=delete attr:class="inline-form">
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="back" value=mode.back.clone()/>
                <button type="submit" class="link-button">{t(Key::DeleteButton)}</button>
            </ActionForm>
        }
    });
    view! {
        <ErrorSummary state level=3/>
        <div class="comment-actions">{votes}{reply}{edit}{report}{moderate}{remove}</div>
    }
}

fn agency_options(mode: &Mode) -> Vec<(String, String)> {
    let locale = use_locale();
    mode.agencies.iter().map(|a| (a.id.to_string(), a.name(locale).to_string())).collect()
}

/// Officers may speak for one of their agencies (shown with its badge).
#[component]
pub fn SpeakAs(mode: Mode, state: FormState, form: &'static str) -> impl IntoView {
    (!mode.agencies.is_empty())
        .then(|| view! { <Select name="as_agency" label=Key::FieldAsAgency state options=agency_options(&mode) empty=Key::AsMyself form=form/> })
}

#[component]
fn ReplyForm(parent: i64, mode: Mode) -> impl IntoView {
    let post = ServerAction::<PostComment>::new();
    let state = form_state(forms::reply(parent), use_flash());
    let cancel = mode.link("", &format!("comment-{parent}"));
    view! {
        <ActionForm action=post attr:class="form comment-form" attr:novalidate=true>
            <ErrorSummary state level=3/>
            <input type="hidden" name="kind" value=mode.subject.kind()/>
            <input type="hidden" name="subject" value=mode.subject.id().to_string()/>
            <input type="hidden" name="parent" value=parent.to_string()/>
            <input type="hidden" name="back" value=mode.back.clone()/>
            <TextArea name="body" label=Key::FieldReply hint=Key::HintComment state rows=4 form="reply"/>
            <SpeakAs mode=mode.clone() state form="reply"/>
            <button type="submit" class="button button-primary">{t(Key::ReplySubmit)}</button>
            " "<a href=cancel>{t(Key::CancelLink)}</a>
        </ActionForm>
    }
}

#[component]
fn EditForm(id: i64, source: String, mode: Mode) -> impl IntoView {
    let edit = ServerAction::<EditComment>::new();
    let state = form_state(forms::edit(id), use_flash());
    let cancel = mode.link("", &format!("comment-{id}"));
    view! {
        <ActionForm action=edit attr:class="form comment-form" attr:novalidate=true>
            <ErrorSummary state level=3/>
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="back" value=mode.back.clone()/>
            <TextArea name="body" label=Key::FieldComment hint=Key::HintComment state value=source rows=4 form="edit"/>
            <button type="submit" class="button button-primary">{t(Key::EditSubmit)}</button>
            " "<a href=cancel>{t(Key::CancelLink)}</a>
        </ActionForm>
    }
}

/// Report a comment, the petition or a statement, once, with a reason; `cancel` goes back.
#[component]
pub fn ReportForm(target: String, cancel: String) -> impl IntoView {
    let locale = use_locale();
    let report = ServerAction::<ReportContent>::new();
    let state = form_state(forms::report(&target), use_flash());
    view! {
        <ActionForm action=report attr:class="form comment-form" attr:novalidate=true>
            <ErrorSummary state level=3/>
            <input type="hidden" name="target" value=target/>
            <Select name="reason" label=Key::FieldReportReason state options=mod_reason_options(locale) empty=Key::ChooseOne form="report"/>
            <TextArea name="details" label=Key::FieldReportDetails hint=Key::HintReportDetails state rows=3 form="report"/>
            <button type="submit" class="button button-primary">{t(Key::ReportSubmit)}</button>
            " "<a href=cancel>{t(Key::CancelLink)}</a>
        </ActionForm>
    }
}
