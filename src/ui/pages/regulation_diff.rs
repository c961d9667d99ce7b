//! What changed between two versions of a draft regulation (/regulations/:id/diff,
//! `?from=N&to=M`): the changed articles with the wording marked (computed on the server),
//! the added and removed ones, and the unchanged ones named on one line.
use super::PageError;
use crate::api::regulations::load_regulation_diff;
use crate::domain::regulation::diff::{ArticleDiff, Change, Segment};
use crate::dto::regulations::{RegulationDiff, VersionView};
use crate::error::AppError;
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::notice::Notice;
use crate::ui::components::status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RegulationDiffPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        let q = query.read();
        // 0: the server picks the first and the latest version.
        let n = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        (id, n("from"), n("to"))
    };
    let diff = Resource::new(args, |(id, from, to)| load_regulation_diff(id, from, to));
    view! {
        // A new version is published to this page (`?notice=regulation_revised`).
        <Notice/>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match diff.await {
                    Err(e) => {
                        if matches!(e, AppError::NotFound) {
                            status::not_found();
                        }
                        view! { <Title text=t(Key::NotFoundTitle)/><PageError error=e/> }.into_any()
                    }
                    Ok(d) => view! { <Diff d/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Diff(d: RegulationDiff) -> impl IntoView {
    let locale = use_locale();
    let RegulationDiff { summary, versions, from, to, articles, counts } = d;
    let id = summary.id;
    let (added, removed, changed) = counts;
    let (same, shown): (Vec<ArticleDiff>, Vec<ArticleDiff>) = articles.into_iter().partition(|a| a.change == Change::Same);
    // What the agency said changed, for every version after `from` up to `to`.
    let notes = versions
        .iter()
        .filter(|v| v.number > from && v.number <= to && !v.note.is_empty())
        .map(|v| view! { <p>{locale.reg_version_note(v.number, &v.note)}</p> })
        .collect_view();
    let several = versions.len() > 1;
    // Unchanged articles are named only when two versions are really compared.
    let same_line = (several && from != to).then(|| unchanged(locale, &same)).flatten();
    let body = if !several {
        view! { <p class="notice-inline">{t(Key::RegDiffOneVersion)}</p> }.into_any()
    } else if from == to {
        view! { <p class="notice-inline">{t(Key::RegDiffSameVersion)}</p> }.into_any()
    } else if shown.is_empty() {
        view! { <p>{t(Key::RegDiffNoChanges)}</p> }.into_any()
    } else {
        let sections = shown.into_iter().map(|a| article(locale, id, from, to, a)).collect_view();
        view! {
            <p>{locale.reg_diff_counts(added, changed, removed)}</p>
            <p class="hint">{t(Key::RegDiffLegend)}</p>
            {sections}
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} · {}", locale.text(Key::RegDiffTitle), summary.title)/>
        <p><a href=format!("/regulations/{id}")>{locale.reg_diff_back(&summary.title)}</a></p>
        <h1>{t(Key::RegDiffTitle)}</h1>
        <p class="petition-meta">{summary.title.clone()}" · "{summary.agency.name(locale).to_string()}</p>
        {several.then(|| view! { <VersionForm id versions=versions.clone() from to/> })}
        {notes}
        {body}
        {same_line}
    }
}

/// A GET form, so choosing versions works without JavaScript and the address can be shared.
#[component]
fn VersionForm(id: i64, versions: Vec<VersionView>, from: i64, to: i64) -> impl IntoView {
    let locale = use_locale();
    view! {
        <form method="get" action=format!("/regulations/{id}/diff") class="filters">
            <div class="field">
                <label for="from">{t(Key::RegDiffFrom)}</label>
                <select id="from" name="from">{options(locale, &versions, from)}</select>
            </div>
            <div class="field">
                <label for="to">{t(Key::RegDiffTo)}</label>
                <select id="to" name="to">{options(locale, &versions, to)}</select>
            </div>
            <button type="submit" class="button">{t(Key::RegDiffSubmit)}</button>
        </form>
    }
}

fn options(l: Locale, versions: &[VersionView], current: i64) -> AnyView {
    versions
        .iter()
        .map(|v| {
            let text = format!("{} · {}", l.version_label(v.number), v.at.date_taipei());
            let sel = v.number == current;
            view! { <option value=v.number.to_string() selected=sel>{text}</option> }
        })
        .collect_view()
        .into_any()
}

/// One added, removed or changed article. An unnamed section (not a landmark), as on the
/// notice's page.
fn article(l: Locale, id: i64, from: i64, to: i64, a: ArticleDiff) -> AnyView {
    let heading = match a.change {
        Change::Removed => a.heading_old.clone(),
        _ => a.heading_new.clone(),
    }
    .filter(|h| !h.trim().is_empty())
    .unwrap_or_else(|| l.reg_article_number(&a.number));
    // The text names the change; the badge's colour only repeats it.
    let (label, class) = match a.change {
        Change::Added => (Key::RegChangeAdded, "badge badge-consult-open"),
        Change::Removed => (Key::RegChangeRemoved, "badge badge-consult-overdue"),
        Change::Changed => (Key::RegChangeChanged, "badge badge-consult-awaiting"),
        Change::Same => (Key::RegChangeSame, "badge badge-draft"),
    };
    // The full text is on the notice's page, at the version that has the article.
    let link = |v: i64| view! { " "<a href=format!("/regulations/{id}?version={v}#a-{}", a.number)>{l.reg_diff_read_article(v)}</a> };
    let body = match a.change {
        Change::Changed => view! { <p class="reg-diff-text">{segments(l, &a.segments)}</p> }.into_any(),
        Change::Added => view! { <p>{l.text(Key::RegDiffAddedNote)}{link(to)}</p> }.into_any(),
        Change::Removed => view! { <p>{l.text(Key::RegDiffRemovedNote)}{link(from)}</p> }.into_any(),
        Change::Same => ().into_any(),
    };
    view! {
        <section class="reg-diff-article">
            <h2>{heading}" "<span class=class>{l.text(label)}</span></h2>
            {body}
        </section>
    }
    .into_any()
}

/// The wording as plain text with `<del>` and `<ins>`. Struck-through and underlined by the
/// browser; hidden words ("[deleted: …]") tell screen readers, which mostly ignore the elements.
fn segments(l: Locale, segs: &[Segment]) -> AnyView {
    let (del, ins, end) = (l.text(Key::RegDelStart), l.text(Key::RegInsStart), l.text(Key::RegMarkEnd));
    segs.iter()
        .map(|s| match s {
            Segment::Same(text) => text.clone().into_any(),
            Segment::Deleted(text) => {
                view! { <del><span class="visually-hidden">{del}</span>{text.clone()}<span class="visually-hidden">{end}</span></del> }.into_any()
            }
            Segment::Inserted(text) => {
                view! { <ins><span class="visually-hidden">{ins}</span>{text.clone()}<span class="visually-hidden">{end}</span></ins> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// Unchanged articles on one line: listing each as a section would only lengthen the page.
fn unchanged(l: Locale, same: &[ArticleDiff]) -> Option<AnyView> {
    (!same.is_empty()).then(|| {
        let names: Vec<String> =
            same.iter().map(|a| a.heading_new.clone().filter(|h| !h.trim().is_empty()).unwrap_or_else(|| l.reg_article_number(&a.number))).collect();
        view! {
            <section aria-labelledby="unchanged-title">
                <h2 id="unchanged-title">{l.reg_diff_unchanged_title(same.len())}</h2>
                <p>{names.join(l.text(Key::RegListSeparator))}</p>
            </section>
        }
        .into_any()
    })
}
