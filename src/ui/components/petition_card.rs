//! A petition in a list, and its progress towards the threshold.
use crate::domain::petition::PetitionState;
use crate::domain::time::{DAY, Timestamp};
use crate::dto::petitions::PetitionSummary;
use crate::i18n::labels::state_key;
use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;

/// "1,234" / "1,234" as people write numbers in both languages.
pub fn grouped(n: i64) -> String {
    crate::i18n::Grouped(n).to_string()
}

/// When signing ends, in words: "3 days left", "ends today", or the date it ended.
pub fn time_left(l: Locale, state: PetitionState, closes: Option<Timestamp>, now: Timestamp) -> Option<String> {
    let closes = closes?;
    if !matches!(state, PetitionState::Open | PetitionState::Established | PetitionState::Answered) || now >= closes {
        return Some(l.petition_ended(closes.date_taipei()));
    }
    let days = (closes.0 - now.0) / DAY;
    Some(if days == 0 { l.petition_ends_today(closes.datetime_taipei()) } else { l.petition_days_left(days, closes.date_taipei()) })
}

/// For a petition owed an answer: days left, or "response overdue by N days" (shown
/// wherever the petition is listed).
pub fn response_due(l: Locale, state: PetitionState, due: Option<Timestamp>, now: Timestamp) -> Option<(String, bool)> {
    let due = due.filter(|_| state == PetitionState::Established)?;
    match (crate::domain::response::days_overdue(due, now), crate::domain::response::days_left(due, now)) {
        (Some(n), _) => Some((l.response_overdue_by(n), true)),
        (None, Some(n)) => Some((l.response_days_left(n, due.date_taipei()), false)),
        _ => None,
    }
}

/// The response-due line as a badge (overdue in the warning colour).
#[component]
pub fn ResponseDue(state: PetitionState, due: Option<Timestamp>, now: Timestamp) -> impl IntoView {
    let locale = use_locale();
    response_due(locale, state, due, now).map(|(text, overdue)| view! { <span class=if overdue { "due due-overdue" } else { "due" }>{text}</span> })
}

#[component]
pub fn Progress(count: i64, threshold: i64) -> impl IntoView {
    let text = use_locale().petition_progress(grouped(count), grouped(threshold));
    view! { <ProgressBar text pct=progress_percent(count, threshold)/> }
}

/// How far a count is towards its threshold, 0 to 100.
pub fn progress_percent(count: i64, threshold: i64) -> i64 {
    if threshold > 0 { (count * 100 / threshold).clamp(0, 100) } else { 0 }
}

/// The progress line and bar for a text already in the page's language (the live
/// count island renders it too, without the translation tables).
#[component]
pub fn ProgressBar(text: String, pct: i64) -> impl IntoView {
    view! {
        <div class="progress">
            <p class="progress-text">{text}</p>
            // SVG geometry, not a style attribute: the CSP allows no inline styles.
            <svg class="progress-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                <rect width="100" height="6" class="progress-track"/>
                <rect width=pct height="6" class="progress-fill"/>
            </svg>
        </div>
    }
}

#[component]
pub fn StateBadge(state: PetitionState) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", state.code())>{t(state_key(state))}</span> }
}

#[component]
pub fn PetitionCard(p: PetitionSummary, now: Timestamp) -> impl IntoView {
    let locale = use_locale();
    let href = format!("/petitions/{}", p.id);
    let left = (now.0 > 0).then(|| time_left(locale, p.state, p.closes_at, now)).flatten();
    view! {
        <li class="card">
            <h3 class="card-title"><a href=href>{p.title.clone()}</a></h3>
            <p class="card-meta">
                <StateBadge state=p.state/>" "
                <span>{p.jurisdiction(locale).to_string()}</span>
                {left.map(|l| view! { " · "<span>{l}</span> })}
            </p>
            {(now.0 > 0 && p.state == PetitionState::Established).then(|| view! { <p class="card-due"><ResponseDue state=p.state due=p.response_due_at now/></p> })}
            {p.opened_at.is_some().then(|| view! { <Progress count=p.signature_count threshold=p.threshold/> })}
        </li>
    }
}

/// A list of cards, or a sentence when there are none.
#[component]
pub fn PetitionList(items: Vec<PetitionSummary>, now: Timestamp, #[prop(optional)] empty: Option<Key>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{t(empty.unwrap_or(Key::PetitionsNone))}</p> }.into_any();
    }
    view! { <ul class="cards">{items.into_iter().map(|p| view! { <PetitionCard p now/> }).collect_view()}</ul> }.into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(5000), "5,000");
        assert_eq!(super::grouped(1234567), "1,234,567");
    }
}
