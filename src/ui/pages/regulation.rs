//! One draft regulation's notice (/regulations/:id, `?version=N`): the facts, the purpose, the
//! text article by article with each article's comments, the comments on the whole draft, the
//! agency's overall statement. For the agency's officers, the preview of an
//! unpublished draft with its publish button, and the way to the answers.
use super::PageError;
use super::regulations::{RegulationPhaseBadge, answers_due_day};
use crate::api::regulations::{PublishRegulation, load_regulation};
use crate::domain::regulation::notice::Phase;
use crate::domain::url::encode_query_value;
use crate::dto::forms;
use crate::dto::regulations::{ArticleView, DeletionView, RegulationCommentView, RegulationPage as PageData};
use crate::error::AppError;
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::{form_state, use_flash};
use crate::ui::components::notice::Notice;
use crate::ui::components::regulation_comment::{CommentSlot, Commenting, RegulationCommentItem};
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

#[component]
pub fn RegulationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let location = use_location();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let version = move || query.read().get("version").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    // Keyed on the whole query too, so `?comment=` and `?notice=` re-render the page.
    let page = Resource::new(move || (id(), version(), location.search.get()), |(id, version, _)| load_regulation(id, version));
    view! {
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                // The forms' kept errors are read before they render (plain posts come back with them).
                let _ = use_flash().await;
                match page.await {
                    Err(e) => {
                        if matches!(e, AppError::NotFound) {
                            status::not_found();
                        }
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(p) => view! { <Regulation p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn latest(p: &PageData) -> i64 {
    p.versions.iter().map(|v| v.number).max().unwrap_or(p.version)
}

#[component]
fn Regulation(p: PageData) -> impl IntoView {
    let locale = use_locale();
    let s = p.summary.clone();
    let id = s.id;
    let draft = s.phase == Phase::Draft;
    let closed = if draft {
        None
    } else if p.version != latest(&p) {
        Some(locale.text(Key::RegCommentsLatestOnly).to_string())
    } else {
        Some(locale.reg_comments_closed_on(&s.last_day))
    };
    let asked = use_query_map().read_untracked().get("comment").unwrap_or_default();
    let ctx = Commenting { regulation_id: id, open: p.open, closed, signed_in: p.signed_in, organisation: p.organisation.clone(), asked };
    // Answers are awaited: a comment without one says so.
    let pending = matches!(s.phase, Phase::AwaitingAnswers | Phase::Overdue);
    let agency_href = format!("/agencies/{}", encode_query_value(&s.agency.code));
    // Each part is type-erased: one nested view type for the whole page is too deep for the compiler.
    let head = view! {
        <Title text=s.title.clone()/>
        <p><a href="/regulations">{t(Key::RegBack)}</a></p>
        <p><RegulationPhaseBadge phase=s.phase/></p>
        <h1>{s.title.clone()}</h1>
        <p class="petition-meta"><a href=agency_href>{s.agency.name(locale).to_string()}</a></p>
    }
    .into_any();
    let preview = (draft && p.may_manage).then(|| view! { <Preview id/> });
    view! {
        <article class="regulation">
            {head}
            // The preview says first that nobody else can see this yet.
            {preview}
            {facts(locale, &p)}
            <section aria-labelledby="purpose-title">
                <h2 id="purpose-title">{t(Key::RegPurposeTitle)}</h2>
                <div class="consult-html" inner_html=p.purpose_html.clone()></div>
            </section>
            {versions(locale, &p)}
            {text(&p, &ctx, pending)}
            {general(&p, &ctx, pending)}
            {p.overall_html.clone().map(|html| view! {
                <section id="overall" aria-labelledby="overall-title">
                    <h2 id="overall-title">{t(Key::RegOverallTitle)}</h2>
                    <div class="consult-html" inner_html=html></div>
                </section>
            })}
            {(!draft).then(|| downloads(id))}
        </article>
    }
}

/// Every comment with its article, stance, wording and answer, for spreadsheets and programs.
fn downloads(id: i64) -> AnyView {
    view! {
        <section aria-labelledby="downloads-title">
            <h2 id="downloads-title">{t(Key::RegDownloadsTitle)}</h2>
            <ul>
                <li><a href=format!("/api/v1/regulations/{id}/comments.csv")>{t(Key::RegDownloadCsv)}</a></li>
                <li><a href=format!("/api/v1/regulations/{id}/comments.jsonl")>{t(Key::RegDownloadJsonl)}</a></li>
                <li><a href=format!("/regulations/{id}/summary")>{t(Key::RegSummaryLink)}</a></li>
            </ul>
        </section>
    }
    .into_any()
}

/// Legal basis, contact and the dates that bind the agency; the officers' way to the answers.
fn facts(l: Locale, p: &PageData) -> AnyView {
    let s = &p.summary;
    let closed = !matches!(s.phase, Phase::Draft | Phase::Open);
    let last_label = if closed { Key::RegClosedOnLabel } else { Key::RegLastDayLabel };
    let published = s.published_at.map_or_else(|| l.text(Key::RegNotPublished).to_string(), |at| at.date_taipei());
    let overdue =
        (s.phase == Phase::Overdue).then(|| view! { <br/><strong class="overdue">{l.reg_answers_overdue_since(s.answers_due_at.date_taipei())}</strong> });
    let answered = s.answered_at.map(|at| {
        let day = at.date_taipei();
        let text = if s.answered_late { l.reg_answered_late(day) } else { day };
        view! { <dt>{l.text(Key::RegAnsweredLabel)}</dt><dd>{text}</dd> }
    });
    let issued = s.issued_at.map(|at| {
        let final_text = p.issued_version.map(|n| {
            view! { " · "<a href=format!("/regulations/{}?version={n}", s.id)>{l.reg_final_text_version(n)}</a> }
        });
        view! { <dt>{l.text(Key::RegIssuedLabel)}</dt><dd>{at.date_taipei()}{final_text}</dd> }
    });
    // After the statement too, if a moderator restored a comment that is then owed an answer.
    let unanswered = (matches!(s.phase, Phase::AwaitingAnswers | Phase::Overdue) || p.unanswered > 0)
        .then(|| view! { <dt>{l.text(Key::RegUnansweredLabel)}</dt><dd>{Grouped(p.unanswered).to_string()}</dd> });
    let how = p.open.then(|| view! { <p>{l.reg_how_to_comment(&s.last_day)}" "<a href="#general">{l.text(Key::RegGeneralJump)}</a></p> });
    let manage = (p.may_manage && s.phase != Phase::Draft)
        .then(|| view! { <p><a class="button" href=format!("/regulations/{}/answers", s.id)>{l.text(Key::RegManageAnswersLink)}</a></p> });
    view! {
        <section aria-labelledby="facts-title">
            <h2 id="facts-title">{l.text(Key::RegFactsTitle)}</h2>
            {how}
            <dl class="summary-list">
                <dt>{l.text(Key::RegLegalBasisLabel)}</dt><dd class="prose">{p.legal_basis.clone()}</dd>
                <dt>{l.text(Key::RegContactLabel)}</dt><dd class="prose">{p.contact.clone()}</dd>
                {p.topic.as_ref().map(|c| view! { <dt>{l.text(Key::FieldCategory)}</dt><dd>{c.name(l).to_string()}</dd> })}
                <dt>{l.text(Key::RegPublishedLabel)}</dt><dd>{published}</dd>
                <dt>{l.text(last_label)}</dt><dd>{s.last_day.clone()}</dd>
                // A draft's due date is only set when it is published.
                {(s.phase != Phase::Draft).then(|| view! { <dt>{l.text(Key::RegDueLabel)}</dt><dd>{answers_due_day(s)}{overdue}</dd> })}
                {answered}
                {issued}
                {unanswered}
                <dt>{l.text(Key::RegVersionsLabel)}</dt><dd>{l.reg_version_of(p.version, p.versions.len())}</dd>
            </dl>
            {manage}
        </section>
    }
    .into_any()
}

/// An unpublished draft, seen by its agency's officers: what it is, publish, or change it.
#[component]
fn Preview(id: i64) -> impl IntoView {
    let action = ServerAction::<PublishRegulation>::new();
    let state = form_state(forms::REGULATION_PUBLISH, use_flash());
    view! {
        <section class="panel-action" aria-labelledby="preview-title">
            <h2 id="preview-title">{t(Key::RegPreviewTitle)}</h2>
            <p>{t(Key::RegPreviewBody)}</p>
            // A refusal names a field of the notice's form (the last day): the links lead there.
            <ErrorSummary state level=3 fields_at=format!("/regulations/new?id={id}")/>
            <div class="button-row">
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button button-primary">{t(Key::RegPublishSubmit)}</button>
                </ActionForm>
                <a href=format!("/regulations/new?id={id}")>{t(Key::RegChangeLink)}</a>
            </div>
        </section>
    }
}

/// The versions, the current one marked, what changed in it, and the way to the differences.
fn versions(l: Locale, p: &PageData) -> Option<AnyView> {
    (p.versions.len() > 1).then(|| {
        let id = p.summary.id;
        let newest = latest(p);
        let links = p
            .versions
            .iter()
            .map(|v| {
                let current = (v.number == p.version).then_some("page");
                let text = format!("{} · {}", l.version_label(v.number), v.at.date_taipei());
                view! { <li><a href=format!("/regulations/{id}?version={}", v.number) aria-current=current>{text}</a></li> }
            })
            .collect_view();
        let note = p.versions.iter().find(|v| v.number == p.version && !v.note.is_empty()).map(|v| view! { <p>{l.reg_version_note(v.number, &v.note)}</p> });
        let old = (p.version != newest).then(|| {
            view! { <p class="notice-inline">{l.reg_old_version(newest, p.version)}" "<a href=format!("/regulations/{id}")>{l.text(Key::RegReadLatest)}</a></p> }
        });
        view! {
            <section aria-labelledby="versions-title">
                <h2 id="versions-title">{l.text(Key::RegVersionsTitle)}</h2>
                <ul class="tabs">{links}</ul>
                {old}
                {note}
                <p><a href=format!("/regulations/{id}/diff")>{l.text(Key::RegDiffLink)}</a></p>
            </section>
        }
        .into_any()
    })
}

/// The preamble and the articles, each a section `#a-{number}` with its comments.
fn text(p: &PageData, ctx: &Commenting, pending: bool) -> AnyView {
    let preamble = (!p.preamble_html.trim().is_empty()).then(|| view! { <div class="consult-html" inner_html=p.preamble_html.clone()></div> });
    view! {
        <section aria-labelledby="text-title">
            <h2 id="text-title">{t(Key::RegTextTitle)}</h2>
            {preamble}
            {p.articles.iter().map(|a| view! { <ArticleSection a=a.clone() ctx=ctx.clone() pending/> }).collect_view()}
            {deletions(&p.deletions)}
        </section>
    }
    .into_any()
}

/// Articles of the current regulation the draft deletes: only the comparison table names them.
fn deletions(rows: &[DeletionView]) -> Option<AnyView> {
    let locale = use_locale();
    (!rows.is_empty()).then(|| {
        view! {
            {rows.iter().map(|d| view! {
                <section id=format!("a-{}", d.number) class="reg-article reg-deleted">
                    <h3>{locale.reg_article_deleted(&d.number)}</h3>
                    <dl class="facts reg-compare">
                        <dt>{t(Key::RegCurrentText)}</dt><dd class="prose">{d.current.clone()}</dd>
                        {(!d.explanation.is_empty()).then(|| view! { <dt>{t(Key::RegExplanation)}</dt><dd class="prose">{d.explanation.clone()}</dd> })}
                    </dl>
                </section>
            }).collect_view()}
        }
        .into_any()
    })
}

/// One article: its text, the comparison table's row, the way to comment, and its comments.
/// An unnamed section (not a landmark): a draft of 60 articles would flood the landmarks list.
#[component]
fn ArticleSection(a: ArticleView, ctx: Commenting, pending: bool) -> impl IntoView {
    let locale = use_locale();
    let ArticleView { number, divisions, heading, body_html, current, explanation, comments, .. } = a;
    let heading = if heading.trim().is_empty() { locale.reg_article_number(&number) } else { heading };
    // From the comparison table: plain text, line breaks kept by `prose`.
    let compare = (current.is_some() || explanation.is_some()).then(|| {
        view! {
            <dl class="facts reg-compare">
                {current.map(|c| view! { <dt>{t(Key::RegCurrentText)}</dt><dd class="prose">{c}</dd> })}
                {explanation.map(|e| view! { <dt>{t(Key::RegExplanation)}</dt><dd class="prose">{e}</dd> })}
            </dl>
        }
    });
    let list = (!comments.is_empty()).then(|| {
        let count = locale.reg_article_comments(comments.len());
        view! { <h4>{count}</h4>{comment_list(comments, pending, ctx.signed_in)} }
    });
    let (title, anchor) = (heading.clone(), format!("a-{number}"));
    view! {
        {divisions.into_iter().map(|d| view! { <p class="reg-division">{d}</p> }).collect_view()}
        <section id=anchor class="reg-article">
            <h3>{title}</h3>
            <div class="consult-html" inner_html=body_html></div>
            {compare}
            <CommentSlot ctx article=number context=heading/>
            {list}
        </section>
    }
}

fn comment_list(comments: Vec<RegulationCommentView>, pending: bool, signed_in: bool) -> AnyView {
    view! { <ol class="comments">{comments.into_iter().map(|c| view! { <RegulationCommentItem c pending signed_in/> }).collect_view()}</ol> }.into_any()
}

/// Comments on the whole draft, with their own link and form.
fn general(p: &PageData, ctx: &Commenting, pending: bool) -> AnyView {
    // Comments stay on the version they were made on: a later version points back to them.
    let here = p.general.len() + p.articles.iter().map(|a| a.comments.len()).sum::<usize>();
    let l = use_locale();
    let earlier = (here == 0 && p.version > 1 && p.summary.comments > 0).then(|| {
        let id = p.summary.id;
        let links = (1..p.version).map(|n| view! { " "<a href=format!("/regulations/{id}?version={n}#general")>{l.version_label(n)}</a> }).collect_view();
        view! { <p>{t(Key::RegCommentsOnEarlier)}{links}</p> }
    });
    let list = if p.general.is_empty() {
        view! { <p class="empty">{t(Key::RegGeneralNone)}</p> }.into_any()
    } else {
        comment_list(p.general.clone(), pending, ctx.signed_in)
    };
    view! {
        <section id="general" aria-labelledby="general-title">
            <h2 id="general-title">{t(Key::RegGeneralTitle)}</h2>
            <CommentSlot ctx=ctx.clone() article=""/>
            {earlier}
            {list}
        </section>
    }
    .into_any()
}
