//! Admins find people by email or name, see whether they are suspended, and change their
//! roles and agencies; each change comes back with a notice naming it.
use super::PageError;
use crate::api::admin::{AdminResetSecondFactor, AdminSetMembership, AdminSetRole, admin_list_agencies, admin_list_users};
use crate::domain::discussion::FOREVER;
use crate::domain::role::Role;
use crate::dto::common::{AdminUserView, AgencyView};
use crate::dto::forms;
use crate::i18n::labels::role_key;
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::field::ErrorSummary;
use crate::ui::components::form_state::page_form;
use crate::ui::components::invite_form::InviteForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let set_role = ServerAction::<AdminSetRole>::new();
    let set_membership = ServerAction::<AdminSetMembership>::new();
    // Refetch after each change made with JavaScript on.
    let users = Resource::new(move || (q(), set_role.version().get(), set_membership.version().get()), |(q, _, _)| admin_list_users(q));
    let agencies = Resource::new(|| (), |_| admin_list_agencies());
    view! {
        <Title text=t(Key::AdminUsersTitle)/>
        <h1>{t(Key::AdminUsersTitle)}</h1>
        <crate::ui::components::notice::Notice/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view! { <ChangeNotice users=users.await.unwrap_or_default() agencies=agencies.await.unwrap_or_default()/> }
            })}
        </Suspense>
        <form method="get" action="/admin/users" class="search-form" role="search">
            <label for="q">{t(Key::AdminSearchByName)}</label>
            <input id="q" name="q" type="search" value=q/>
            <button type="submit" class="button">{t(Key::AdminSearchSubmit)}</button>
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { view! { <InviteForm agencies=agencies.await.unwrap_or_default()/> } })}
        </Suspense>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let state = page_form(forms::ADMIN).await;
                let all_agencies = agencies.await.unwrap_or_default();
                match users.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{t(Key::AdminNoUsers)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ErrorSummary state/>
                        <div class="table-scroll" tabindex="0">
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Key::AdminColName)}</th>
                                        <th scope="col">{t(Key::AdminColEmail)}</th>
                                        <th scope="col">{t(Key::AdminColVerified)}</th>
                                        <th scope="col">{t(Key::AdminColSuspended)}</th>
                                        <th scope="col">{t(Key::AdminColRoles)}</th>
                                        <th scope="col">{t(Key::AdminColAgencies)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|u| view! { <UserRow user=u agencies=all_agencies.clone() set_role set_membership/> })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserRow(
    user: AdminUserView,
    agencies: Vec<AgencyView>,
    set_role: ServerAction<AdminSetRole>,
    set_membership: ServerAction<AdminSetMembership>,
) -> impl IntoView {
    let locale = use_locale();
    let reset_factor = ServerAction::<AdminResetSecondFactor>::new();
    let back = move || {
        let q = use_query_map().read_untracked().get("q").unwrap_or_default();
        format!("/admin/users?q={}", crate::domain::url::encode_query_value(&q))
    };
    let uid = user.id.to_string();
    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            let uid = uid.clone();
            let email = user.email.clone();
            let has = user.roles.contains(&role);
            let label = format!("{} {}", locale.text(if has { Key::AdminRevoke } else { Key::AdminGrant }), locale.text(role_key(role)));
            view! {
                <li>
                    <ActionForm action=set_role attr:class="inline-form">
                        <input type="hidden" name="user_id" value=uid.clone()/>
                        <input type="hidden" name="role" value=role.code()/>
                        <input type="hidden" name="change" value=if has { "revoke" } else { "grant" }/>
                        <input type="hidden" name="back" value=back/>
                        <span class="role-state">{if has { "✓ " } else { "" }}{locale.text(role_key(role))}</span>
                        <button type="submit" class="small-button" aria-label=format!("{label}: {email}")>
                            {locale.text(if has { Key::AdminRevoke } else { Key::AdminGrant })}
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let member_of = user
        .agencies
        .clone()
        .into_iter()
        .map(|a| {
            let uid = uid.clone();
            view! {
                <li>
                    <ActionForm action=set_membership attr:class="inline-form">
                        <input type="hidden" name="user_id" value=uid.clone()/>
                        <input type="hidden" name="agency_id" value=a.id.to_string()/>
                        <input type="hidden" name="change" value="remove"/>
                        <input type="hidden" name="back" value=back/>
                        {a.name(locale).to_string()}" "
                        <button type="submit" class="small-button" aria-label=format!("{}: {}", locale.text(Key::AdminRemove), a.name(locale))>
                            {locale.text(Key::AdminRemove)}
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let select_id = format!("agency-{}", user.id);
    view! {
        <tr>
            <td>{user.display_name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>{locale.text(if user.verified { Key::Yes } else { Key::No })}</td>
            <td>{suspension(locale, &user)}</td>
            <td>
                <ul class="plain-list">{roles}</ul>
                <ActionForm action=reset_factor attr:class="inline-form">
                    <input type="hidden" name="user_id" value=user.id.to_string()/>
                    <input type="hidden" name="back" value=back/>
                    <button type="submit" class="small-button" aria-label=format!("{}: {}", locale.text(Key::AdminResetFactor), user.email)>{locale.text(Key::AdminResetFactor)}</button>
                </ActionForm>
            </td>
            <td>
                <ul class="plain-list">{member_of}</ul>
                <ActionForm action=set_membership attr:class="inline-form">
                    <input type="hidden" name="user_id" value=uid.clone()/>
                    <input type="hidden" name="change" value="add"/>
                    <input type="hidden" name="back" value=back/>
                    <label for=select_id.clone() class="visually-hidden">{locale.text(Key::AdminAgencyLabel)}</label>
                    <select id=select_id name="agency_id">
                        {agencies.iter().map(|a| view! { <option value=a.id.to_string()>{a.name(locale).to_string()}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="small-button">{locale.text(Key::AdminAddAgency)}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

/// "Until 2026-12-01 12:00", "Permanently", or "No".
fn suspension(l: Locale, u: &AdminUserView) -> String {
    match u.suspended_until {
        Some(until) if until >= FOREVER => l.text(Key::LenPermanent).to_string(),
        Some(until) => l.suspended_until_short(until.datetime_taipei()),
        None => l.text(Key::No).to_string(),
    }
}

/// What the last change did, named: the address carries ids (`notice=role_granted&user=7&role=moderator`)
/// and the names come from the page's own data.
#[component]
fn ChangeNotice(users: Vec<AdminUserView>, agencies: Vec<AgencyView>) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let q = query.read_untracked();
    let id = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok());
    let user = id("user").map(|uid| users.iter().find(|u| u.id == uid).map(|u| u.display_name.clone()).unwrap_or_else(|| format!("#{uid}")));
    let role = q.get("role").and_then(|r| Role::from_code(&r)).map(|r| locale.text(role_key(r)).to_string());
    let agency = id("agency").map(|aid| {
        let own = users.iter().flat_map(|u| u.agencies.iter());
        own.chain(agencies.iter()).find(|a| a.id == aid).map(|a| a.name(locale).to_string()).unwrap_or_else(|| format!("#{aid}"))
    });
    let text = match (q.get("notice").as_deref(), user, role, agency) {
        (Some("role_granted"), Some(u), Some(r), _) => locale.admin_notice_role_granted(u, r),
        (Some("role_revoked"), Some(u), Some(r), _) => locale.admin_notice_role_revoked(u, r),
        (Some("member_added"), Some(u), _, Some(a)) => locale.admin_notice_member_added(a, u),
        (Some("member_removed"), Some(u), _, Some(a)) => locale.admin_notice_member_removed(a, u),
        (Some("factor_reset"), Some(u), _, _) => locale.admin_notice_factor_reset(u),
        _ => return None,
    };
    Some(view! { <div class="notice" role="status"><p>{text}</p></div> })
}
