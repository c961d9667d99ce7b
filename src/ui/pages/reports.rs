//! The moderators' page: reported items (oldest first) with their decision forms,
//! appeals waiting for someone else's decision, and suspended accounts.
use super::PageError;
use crate::api::discussion::{DecideAppeal, Moderate, load_mod_queue};
use crate::domain::discussion::{ActionKind, FOREVER, SUSPENSION_CHOICES};
use crate::dto::discussion::{AppealItem, ModQueue, QueueItem, SuspendedUser};
use crate::dto::forms;
use crate::i18n::labels::{action_kind_key, action_kind_text, content_status_key, mod_reason_options, mod_reason_text};
use crate::i18n::{Key, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Select, TextArea};
use crate::ui::components::form_state::{FormState, form_state, use_flash};
use crate::ui::components::notice::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let queue = Resource::new(move || location.search.get(), move |_| load_mod_queue(query.with_untracked(|q| q.get("item"))));
    let flash = use_flash();
    view! {
        <Title text=t(Key::ReportsTitle)/>
        <h1>{t(Key::ReportsTitle)}</h1>
        <Notice/>
        <p>{t(Key::ReportsIntro)}</p>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let _ = flash.await;
                match queue.await {
                    Ok(q) => view! { <Queue q/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Queue(q: ModQueue) -> impl IntoView {
    let items = if q.items.is_empty() {
        view! { <p class="empty">{t(Key::ReportsNone)}</p> }.into_any()
    } else {
        q.items.into_iter().map(|item| view! { <Item item/> }).collect_view().into_any()
    };
    let appeals = if q.appeals.is_empty() {
        view! { <p class="empty">{t(Key::AppealsNone)}</p> }.into_any()
    } else {
        q.appeals.into_iter().map(|a| view! { <Appeal a/> }).collect_view().into_any()
    };
    view! {
        <section aria-labelledby="queue-title">
            <h2 id="queue-title" class="visually-hidden">{t(Key::NavReports)}</h2>
            {items}
        </section>
        <section aria-labelledby="appeals-title">
            <h2 id="appeals-title">{t(Key::AppealsTitle)}</h2>
            {appeals}
        </section>
        <Suspended list=q.suspended/>
    }
    .into_any()
}

fn reason_fields(st: FormState, form: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Select name="mod_reason" label=Key::FieldModReason state=st options=mod_reason_options(locale) empty=Key::ChooseOne form=form.clone()/>
        <TextArea name="explanation" label=Key::FieldModExplanation state=st rows=2 form=form/>
    }
}

fn kind_button(kind: ActionKind, primary: bool) -> impl IntoView {
    let class = if primary { "button button-primary" } else { "button" };
    view! { <button type="submit" name="kind" value=kind.code() class=class>{t(action_kind_key(kind))}</button>" " }
}

#[component]
fn Item(item: QueueItem) -> impl IntoView {
    let locale = use_locale();
    let act = ServerAction::<Moderate>::new();
    let suspend = ServerAction::<Moderate>::new();
    let form = forms::moderate(&item.target);
    let flash = use_flash();
    let st = form_state(form.clone(), flash);
    let title = if let Some(id) = item.target.strip_prefix("comment:") {
        // Numbered, as statements: two comments of one thread are two regions.
        locale.queue_item_comment(id, &item.petition_title)
    } else if let Some(id) = item.target.strip_prefix("statement:") {
        // Numbered: several statements of one conversation may wait at once (unique regions).
        locale.queue_item_statement(id, &item.petition_title)
    } else if let Some(id) = item.target.strip_prefix("regulation_comment:") {
        // Numbered too: a notice may have several comments waiting (its title is the notice's).
        locale.queue_item_regulation_comment(id, &item.petition_title)
    } else {
        locale.queue_item_petition(&item.petition_title)
    };
    let heading_id = format!("item-{}", item.target.replace(':', "-"));
    let labelled_by = heading_id.clone();
    let reports = item.first_report_at.map(|f| view! { <p>{locale.queue_reports(item.reports, f.datetime_taipei())}</p> });
    let reasons = item.reasons.iter().map(|(r, d)| view! { <li>{mod_reason_text(locale, r)}{(!d.is_empty()).then(|| format!("：{d}"))}</li> }).collect_view();
    let hidden = item.status == "hidden" || item.status == "held";
    // Only a petition's discussion can be locked; a consultation's closes on its date.
    let lockable = item.petition_id != 0 && !item.target.starts_with("statement:");
    let buttons = view! {
        {kind_button(ActionKind::Dismiss, false)}
        {(!hidden || item.status == "held").then(|| kind_button(ActionKind::Hide, true))}
        {hidden.then(|| kind_button(ActionKind::Restore, false))}
        {(lockable && !item.locked).then(|| kind_button(ActionKind::Lock, false))}
        {(lockable && item.locked).then(|| kind_button(ActionKind::Unlock, false))}
    };
    let decide = if item.own {
        view! { <p class="notice-inline">{t(Key::QueueOwn)}</p> }.into_any()
    } else {
        let suspend_form = format!("{form}-suspend");
        let (target_a, target_b) = (item.target.clone(), item.target.clone());
        let lengths: Vec<(String, String)> = SUSPENSION_CHOICES.iter().map(|c| (c.to_string(), t(length_key(c)).to_string())).collect();
        view! {
            <ErrorSummary state=st level=3/>
            <ActionForm action=act attr:class="form" attr:novalidate=true>
                <input type="hidden" name="target" value=target_a/>
                {reason_fields(st, form.clone())}
                <div class="button-row">{buttons}</div>
            </ActionForm>
            <details>
                <summary>{t(Key::SuspendTitle)}</summary>
                <ActionForm action=suspend attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="target" value=target_b/>
                    <Select name="length" label=Key::FieldSuspendLength state=st options=lengths empty=Key::ChooseOne form=suspend_form.clone()/>
                    {reason_fields(st, suspend_form)}
                    <button type="submit" name="kind" value="suspend" class="button">{t(Key::KindSuspend)}</button>
                </ActionForm>
            </details>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h3 id=heading_id><a href=item.href.clone()>{title}</a></h3>
            <p>{locale.queue_author(item.author.clone())}" · "
               {locale.queue_status(t(content_status_key(&item.status)))}
               {item.locked.then(|| view! { " · "{t(Key::QueueLocked)} })}</p>
            <blockquote class="quoted">{item.content.clone()}</blockquote>
            {reports}
            <ul>{reasons}</ul>
            {decide}
        </section>
    }
}

fn length_key(code: &str) -> Key {
    match code {
        "1" => Key::Len1,
        "7" => Key::Len7,
        "30" => Key::Len30,
        "90" => Key::Len90,
        _ => Key::LenPermanent,
    }
}

#[component]
fn Appeal(a: AppealItem) -> impl IntoView {
    let locale = use_locale();
    let decide = ServerAction::<DecideAppeal>::new();
    let form = forms::appeal_decision(a.id);
    let st = form_state(form.clone(), use_flash());
    let heading_id = format!("appeal-{}", a.id);
    let labelled_by = heading_id.clone();
    let title = locale.appeal_against(a.action.at.datetime_taipei(), action_kind_text(locale, &a.action.kind));
    let body = if a.own {
        view! { <p class="notice-inline">{t(Key::AppealOwn)}</p> }.into_any()
    } else {
        view! {
            <ErrorSummary state=st level=3/>
            <ActionForm action=decide attr:class="form" attr:novalidate=true>
                <input type="hidden" name="appeal_id" value=a.id.to_string()/>
                {reason_fields(st, form)}
                <div class="button-row">
                    <button type="submit" name="decision" value="uphold" class="button button-primary">{t(Key::AppealUphold)}</button>" "
                    <button type="submit" name="decision" value="reject" class="button">{t(Key::AppealReject)}</button>
                </div>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h3 id=heading_id>{title}</h3>
            <p>{mod_reason_text(locale, &a.action.reason)}"："{a.action.explanation.clone()}</p>
            <blockquote class="quoted">{a.text.clone()}</blockquote>
            {body}
        </section>
    }
}

#[component]
fn Suspended(list: Vec<SuspendedUser>) -> impl IntoView {
    let empty = list.is_empty().then(|| view! { <p class="empty">{t(Key::SuspendedNone)}</p> });
    view! {
        <section aria-labelledby="suspended-title">
            <h2 id="suspended-title">{t(Key::SuspendedTitle)}</h2>
            {empty}
            <ul class="plain-list">{list.into_iter().map(|u| view! { <Lift u/> }).collect_view()}</ul>
        </section>
    }
}

#[component]
fn Lift(u: SuspendedUser) -> impl IntoView {
    let locale = use_locale();
    let lift = ServerAction::<Moderate>::new();
    let target = format!("user:{}", u.user_id);
    let st = form_state(forms::moderate(&target), use_flash());
    let until = if u.until >= FOREVER { t(Key::LenPermanent).to_string() } else { u.until.datetime_taipei() };
    view! {
        <li>
            <p>{locale.suspended_until(u.name.clone(), until)}</p>
            <ErrorSummary state=st level=3/>
            <ActionForm action=lift attr:class="form" attr:novalidate=true>
                <input type="hidden" name="target" value=target.clone()/>
                {reason_fields(st, format!("lift-{}", u.user_id))}
                <button type="submit" name="kind" value="lift_suspension" class="button">{t(Key::KindLift)}</button>
            </ActionForm>
        </li>
    }
}
