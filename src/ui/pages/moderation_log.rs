//! The public moderation log: every decision with its reason and target, without the
//! moderator (admins see who), and monthly figures as a table.
use super::PageError;
use crate::api::discussion::load_mod_log;
use crate::domain::discussion::{ActionKind, FOREVER};
use crate::domain::petition::RejectReason;
use crate::dto::discussion::{LogEntry, ModLog};
use crate::i18n::labels::{action_kind_key, action_kind_text, mod_reason_text, reject_reason_key};
use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn ModerationLogPage() -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let log = Resource::new(move || location.search.get(), move |_| load_mod_log(query.with_untracked(|q| q.get("page").and_then(|p| p.parse().ok()))));
    view! {
        <Title text=t(Key::ModLogTitle)/>
        <h1>{t(Key::ModLogTitle)}</h1>
        <p>{t(Key::ModLogIntro)}</p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(l) => view! { <Log l/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn target_text(l: Locale, e: &LogEntry) -> String {
    match (e.target_kind.as_str(), e.petition_title.clone()) {
        ("comment", title) => l.target_comment(title.unwrap_or_default()),
        // A petition rejected for its content: its title is not repeated here.
        ("petition", None) => l.text(Key::ModLogHiddenPetition).to_string(),
        ("petition", Some(title)) => l.target_petition(title),
        ("statement", title) => l.target_statement(title.unwrap_or_default()),
        ("regulation_comment", title) => l.target_regulation_comment(title.unwrap_or_default()),
        _ => l.text(Key::TargetUser).to_string(),
    }
}

/// The kind of decision in words (review decisions are logged beside moderation actions).
fn kind_text(l: Locale, code: &str) -> String {
    match code {
        "approve_petition" => l.text(Key::ModLogApproved).to_string(),
        "reject_petition" => l.text(Key::ModLogRejected).to_string(),
        _ => action_kind_text(l, code),
    }
}

/// The coded reason in words, and the moderator's explanation after it.
fn reason_text(l: Locale, e: &LogEntry) -> String {
    let reason = match e.kind.as_str() {
        "approve_petition" => return l.text(Key::ModLogApprovedReason).to_string(),
        "reject_petition" => RejectReason::from_code(&e.reason).map(|r| l.text(reject_reason_key(r)).to_string()).unwrap_or_else(|| e.reason.clone()),
        _ => mod_reason_text(l, &e.reason),
    };
    if e.explanation.is_empty() { reason } else { format!("{reason}：{}", e.explanation) }
}

/// One decision as a card: cards reflow on a narrow screen where a wide table would not.
#[component]
fn Entry(e: LogEntry, admin: bool) -> impl IntoView {
    let locale = use_locale();
    let mut kind = kind_text(locale, &e.kind);
    if let Some(u) = e.suspended_until {
        let until = if u >= FOREVER { t(Key::LenPermanent).to_string() } else { locale.suspended_until_short(u.datetime_taipei()) };
        kind = format!("{kind}（{until}）");
    }
    let target = target_text(locale, &e);
    let review = e.is_review();
    let target = match e.page() {
        Some(href) => view! { <a href=href>{target}</a> }.into_any(),
        None => view! { {target} }.into_any(),
    };
    // Approvals and rejections come from the review, not from moderation actions: their
    // numbers are another series, so they get their own anchors and no "#n" (which appeals cite).
    let (anchor, number) = if review { (format!("review-{}", e.id), None) } else { (format!("entry-{}", e.id), Some(format!(" · #{}", e.id))) };
    // For signature invalidations and restores the "excerpt" is how many.
    let excerpt = e.excerpt.clone().map(|x| if e.kind.ends_with("_signatures") { locale.fraud_log_count(x) } else { locale.excerpt_label(x) });
    view! {
        <li class="log-card" id=anchor>
            <p class="log-card-head"><strong>{kind}</strong>" · "<time>{e.at.datetime_taipei()}</time>{number}</p>
            {e.appeal_of.map(|a| view! { <p class="hint">{locale.appeal_of_entry(a)}</p> })}
            <dl class="log-card-body">
                <dt>{t(Key::ColTarget)}</dt><dd>{target}{excerpt.map(|x| view! { <br/><span class="hint">{x}</span> })}</dd>
                <dt>{t(Key::ColReason)}</dt><dd>{reason_text(locale, &e)}</dd>
                {admin.then(|| view! { <dt>{t(Key::ColModerator)}</dt><dd>{e.moderator.clone().unwrap_or_default()}</dd> })}
            </dl>
        </li>
    }
}

#[component]
fn Log(l: ModLog) -> impl IntoView {
    let locale = use_locale();
    let admin = l.is_admin;
    let entries = if l.entries.is_empty() {
        view! { <p class="empty">{t(Key::ModLogEmpty)}</p> }.into_any()
    } else {
        view! { <ol class="log-cards">{l.entries.iter().map(|e| view! { <Entry e=e.clone() admin/> }).collect_view()}</ol> }.into_any()
    };
    let pager = (l.pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t(Key::PageNav)>
                {(l.page > 1).then(|| view! { <a href=format!("/moderation-log?page={}", l.page - 1) rel="prev">{t(Key::PagePrev)}</a> })}
                " "{locale.page_of(l.page, l.pages)}" "
                {(l.page < l.pages).then(|| view! { <a href=format!("/moderation-log?page={}", l.page + 1) rel="next">{t(Key::PageNext)}</a> })}
            </nav>
        }
    });
    view! {
        <section aria-labelledby="figures-title">
            <h2 id="figures-title">{t(Key::ModLogFigures)}</h2>
            <Figures l=l.clone()/>
        </section>
        <section aria-labelledby="entries-title">
            <h2 id="entries-title">{t(Key::ModLogEntries)}</h2>
            {entries}
            {pager}
        </section>
    }
    .into_any()
}

#[component]
fn Figures(l: ModLog) -> impl IntoView {
    let kinds: Vec<ActionKind> = ActionKind::ALL.into_iter().filter(|k| !matches!(k, ActionKind::AppealUpheld | ActionKind::AppealRejected)).collect();
    let head = kinds.iter().map(|k| view! { <th scope="col">{t(action_kind_key(*k))}</th> }).collect_view();
    let rows = l
        .months
        .iter()
        .map(|m| {
            let cells = kinds.iter().map(|k| view! { <td>{m.actions.iter().find(|(c, _)| c == k.code()).map(|(_, n)| *n).unwrap_or(0)}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{m.month.clone()}</th>
                    <td>{m.reports}</td>
                    {cells}
                    <td>{m.median_hours_to_act.map(|h| format!("{h:.1}")).unwrap_or_else(|| "—".into())}</td>
                    <td>{format!("{} / {}", m.appeals_upheld, m.appeals_decided)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="data-table">
                <caption>{t(Key::ModLogFigures)}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::ColMonth)}</th>
                    <th scope="col">{t(Key::ColReports)}</th>
                    {head}
                    <th scope="col">{t(Key::ColMedianAct)}</th>
                    <th scope="col">{t(Key::ColAppeals)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
