//! A comment on a draft regulation with the agency's answer, and the comment form. The form
//! opens from a link (`?comment=3#a-3`, `?comment=general#general`), so it works without
//! JavaScript and a long draft is not one form per article. A comment's report form opens the
//! same way (`?report=regulation_comment:7#rc-7`), as under a discussion comment.
use crate::api::regulations::CommentRegulation;
use crate::domain::regulation::notice::{Outcome, Stance};
use crate::domain::url::encode_query_value;
use crate::dto::forms;
use crate::dto::regulations::{AnswerView, RegulationCommentView};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::comment::ReportForm;
use crate::ui::components::field::{ErrorSummary, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A stance's name: the form's choice and the comment's label (`labels.rs` has none).
pub fn stance_key(s: Stance) -> Key {
    match s {
        Stance::Support => Key::RegStanceSupport,
        Stance::Oppose => Key::RegStanceOppose,
        Stance::Amend => Key::RegStanceAmend,
    }
}

/// How the agency took a comment.
pub fn outcome_key(o: Outcome) -> Key {
    match o {
        Outcome::Adopted => Key::RegOutcomeAdopted,
        Outcome::PartlyAdopted => Key::RegOutcomePartlyAdopted,
        Outcome::NotAdopted => Key::RegOutcomeNotAdopted,
        Outcome::Noted => Key::RegOutcomeNoted,
    }
}

/// What the notice's page knows about commenting, the same for every article.
#[derive(Clone, Debug)]
pub struct Commenting {
    pub regulation_id: i64,
    /// Comments are taken now (the latest version, within the period).
    pub open: bool,
    /// Why they are not, said under each article (None: say nothing, as in a draft's preview).
    pub closed: Option<String>,
    pub signed_in: bool,
    /// The viewer's verified organisation, offered as "comment as".
    pub organisation: Option<String>,
    /// `?comment=`: the article number whose form is open, or "general".
    pub asked: String,
}

/// One comment, as the public sees it. `pending`: the period is over and answers are awaited,
/// so a comment without one says so. `signed_in`: the viewer may report it (not their own, and
/// only while its text is shown).
#[component]
pub fn RegulationCommentItem(c: RegulationCommentView, #[prop(optional)] pending: bool, #[prop(optional)] signed_in: bool) -> impl IntoView {
    let locale = use_locale();
    // An organisation's comment is shown under its name (and exported so, with its own column).
    let (who, org_badge) = match &c.organisation {
        Some(org) => (org.clone(), Some(view! { " "<span class="badge">{t(Key::RegBadgeOrganisation)}</span> })),
        None => (c.author.clone(), None),
    };
    let stance = c.stance.map(|s| view! { " · "<span>{locale.reg_stance_line(locale.text(stance_key(s)))}</span> });
    let mine = c.mine.then(|| view! { " "<span class="hint">{t(Key::RegCommentMine)}</span> });
    // Plain text: shown as text with its line breaks (`prose`), never as HTML.
    let body = if c.withheld {
        view! { <p class="comment-placeholder">{t(Key::RegCommentWithheld)}</p> }.into_any()
    } else {
        let wording = c.wording.clone().map(|w| {
            view! {
                <p class="comment-meta"><strong>{t(Key::RegWordingLabel)}</strong></p>
                <blockquote class="quoted">{w}</blockquote>
            }
        });
        view! { <div class="comment-body prose">{c.body.clone()}</div>{wording} }.into_any()
    };
    let answer = match c.answer.clone() {
        Some(a) => view! { <Answer a/> }.into_any(),
        None if pending => view! { <p class="hint">{t(Key::RegNotAnswered)}</p> }.into_any(),
        None => ().into_any(),
    };
    let report = (signed_in && !c.mine && !c.withheld).then(|| view! { <ReportSlot id=c.id version=c.version/> });
    let label = who.clone();
    // `rc-{id}`: the moderators' queue links here (`c-…` prefixes the comment form's fields).
    view! {
        <li id=format!("rc-{}", c.id) class="comment">
            <article aria-label=label>
                <p class="comment-meta">
                    <strong>{who}</strong>{org_badge}{stance}" · "<time>{c.at.date_taipei()}</time>{mine}
                </p>
                {body}
                {answer}
                {report}
            </article>
        </li>
    }
}

/// The link that opens the report form under a comment, or the form when the page was asked
/// for it. Both stay on the version the comment is on (a later one does not show it).
#[component]
fn ReportSlot(id: i64, version: i64) -> impl IntoView {
    let target = format!("regulation_comment:{id}");
    // Rendered on `/regulations/:id`: the notice's id is the route's.
    let notice = use_params_map().read_untracked().get("id").unwrap_or_default();
    let here = format!("/regulations/{notice}?version={version}");
    let anchor = format!("rc-{id}");
    if use_query_map().read_untracked().get("report").as_deref() == Some(target.as_str()) {
        view! { <ReportForm target cancel=format!("{here}#{anchor}")/> }.into_any()
    } else {
        let open = format!("{here}&report={target}#{anchor}");
        view! { <div class="comment-actions"><a href=open>{t(Key::ReportLink)}</a></div> }.into_any()
    }
}

/// The agency's answer under the comment it answers.
#[component]
fn Answer(a: AnswerView) -> impl IntoView {
    view! {
        <div class="response">
            <p class="comment-meta">
                <strong>{t(Key::RegAgencyAnswer)}</strong>" "
                <span class="badge">{t(outcome_key(a.outcome))}</span>" · "
                <time>{a.at.date_taipei()}</time>
            </p>
            <div class="prose">{a.reason}</div>
        </div>
    }
}

/// Under an article (`article` is its number) or the whole draft (`article` empty): the link
/// that opens the form, the form, a log-in link, or why comments are not taken.
/// `context` (the article's heading) completes the link's name for screen readers.
#[component]
pub fn CommentSlot(ctx: Commenting, #[prop(into)] article: String, #[prop(optional, into)] context: String) -> impl IntoView {
    let locale = use_locale();
    let general = article.is_empty();
    let key = if general { "general".to_string() } else { article.clone() };
    let anchor = if general { "general".to_string() } else { format!("a-{article}") };
    let page = format!("/regulations/{}", ctx.regulation_id);
    let here = format!("{page}?comment={}#{anchor}", encode_query_value(&key));
    // Every article has the same link text; the hidden heading tells them apart in a links list.
    let hidden = (!context.is_empty()).then(|| view! { <span class="visually-hidden">{locale.reg_link_context(&context)}</span> });
    if !ctx.open {
        // Said once, under the whole draft's comments, not under every article.
        return match ctx.closed.filter(|_| general) {
            Some(why) => view! { <p class="hint">{why}</p> }.into_any(),
            None => ().into_any(),
        };
    }
    if !ctx.signed_in {
        let login = format!("/login?next={}", encode_query_value(&here));
        return view! { <p><a href=login>{t(Key::RegLoginToComment)}{hidden}</a></p> }.into_any();
    }
    let state = form_state(forms::regulation_comment(&article), use_flash());
    // A failed plain post comes back to its Referer (with `?comment=`) and a flash: either opens it.
    if ctx.asked == key || state.error.get_untracked().is_some() {
        let cancel = format!("{page}#{anchor}");
        view! { <CommentForm regulation_id=ctx.regulation_id article organisation=ctx.organisation.clone() state cancel/> }.into_any()
    } else {
        let text = if general { Key::RegCommentGeneralLink } else { Key::RegCommentArticleLink };
        view! { <p><a href=here>{t(text)}{hidden}</a></p> }.into_any()
    }
}

/// The form. Field ids carry the prefix `c-{article}` (or `c-general`), unique on the page.
#[component]
fn CommentForm(regulation_id: i64, article: String, organisation: Option<String>, state: FormState, cancel: String) -> impl IntoView {
    let action = ServerAction::<CommentRegulation>::new();
    let prefix = if article.is_empty() { "c-general".to_string() } else { format!("c-{article}") };
    // "" speaks as oneself (the select's empty choice), "organisation" for the verified one.
    let speak_as = organisation.map(|org| {
        let options = vec![("organisation".to_string(), org)];
        view! { <Select name="speak_as" label=Key::RegFieldSpeakAs state options empty=Key::AsMyself form=prefix.clone()/> }
    });
    // Under an article's h3 the summary is an h4; under the whole draft's h2, an h3.
    let level = if article.is_empty() { 3 } else { 4 };
    view! {
        <ActionForm action attr:class="form form-wide comment-form" attr:novalidate=true>
            <ErrorSummary state level form=prefix.clone() labels=&[("body", Key::RegFieldBody)]/>
            <input type="hidden" name="regulation_id" value=regulation_id.to_string()/>
            <input type="hidden" name="article" value=article/>
            <StanceChoice state prefix=prefix.clone()/>
            <TextArea name="body" label=Key::RegFieldBody hint=Key::RegHintBody state rows=6 form=prefix.clone()/>
            <TextArea name="wording" label=Key::RegFieldWording hint=Key::RegHintWording state rows=4 form=prefix.clone()/>
            {speak_as}
            <p class="hint">{t(Key::RegCommentPublic)}</p>
            <button type="submit" class="button button-primary">{t(Key::RegCommentSubmit)}</button>
            " "<a href=cancel>{t(Key::CancelLink)}</a>
        </ActionForm>
    }
}

/// The stance as radio buttons under one legend; "no stance" is the default. The fieldset's id
/// is `{prefix}-stance`, where the error summary's link points.
#[component]
fn StanceChoice(state: FormState, prefix: String) -> impl IntoView {
    let locale = use_locale();
    let error = state.field_error("stance");
    let kept = state.value("stance").unwrap_or_default();
    let id = format!("{prefix}-stance");
    let error_id = format!("{id}-error");
    let described = {
        let e = error_id.clone();
        move || error.get().is_some().then(|| e.clone())
    };
    let choices = [("support", Key::RegStanceSupport), ("oppose", Key::RegStanceOppose), ("amend", Key::RegStanceAmend), ("", Key::RegStanceNone)];
    let radios = choices
        .into_iter()
        .map(|(code, key)| {
            let radio_id = format!("{id}-{}", if code.is_empty() { "none" } else { code });
            let checked = kept == code;
            view! {
                <div class="checkbox">
                    <input type="radio" id=radio_id.clone() name="stance" value=code checked=checked/>
                    <label for=radio_id>{t(key)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" class:field-invalid=move || error.get().is_some() id=id.clone() aria-describedby=described>
            <legend>{t(Key::RegFieldStance)}</legend>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{locale.field_error(&e)}</p> })}
            {radios}
        </fieldset>
    }
}
