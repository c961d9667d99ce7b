//! Admins find people by email or name, see whether they are suspended, and change their
//! roles, agencies and verified organisation; each change comes back with a notice naming it.
use super::PageError;
use crate::api::admin::{AdminResetSecondFactor, AdminSetMembership, AdminSetOrganisation, AdminSetRole, admin_list_agencies, admin_list_users};
use crate::domain::discussion::FOREVER;
use crate::domain::role::Role;
use crate::dto::common::{AdminUserView, AgencyView};
use crate::dto::forms;
use crate::i18n::labels::role_key;
use crate::i18n::{Key, Locale, t, use_locale};
use crate::ui::components::field::{ErrorSummary, Field};
use crate::ui::components::form_state::{FormState, page_form};
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
    let set_org = ServerAction::<AdminSetOrganisation>::new();
    // Refetch after each change made with JavaScript on.
    let users =
        Resource::new(move || (q(), set_role.version().get(), set_membership.version().get(), set_org.version().get()), |(q, _, _, _)| admin_list_users(q));
    let agencies = Resource::new(|| (), |_| admin_list_agencies());
    view! {
        <Title text=t(Key::AdminUsersTitle)/>
        <h1>{t(Key::AdminUsersTitle)}</h1>
        <crate::ui::components::notice::Notice/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (users, agencies) = (users.await.unwrap_or_default(), agencies.await.unwrap_or_default());
                view! { <ChangeNotice users agencies/> }
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
                let org_state = page_form(forms::ADMIN_ORGANISATION).await;
                // One organisation form per row, one flash per page: the kept `user_id` names the row.
                let failed = org_state.value("user_id").and_then(|v| v.trim().parse::<i64>().ok());
                let all_agencies = agencies.await.unwrap_or_default();
                match users.await {
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{t(Key::AdminNoUsers)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ErrorSummary state/>
                        <ErrorSummary state=org_state form=org_form(failed.unwrap_or_default())/>
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
                                        <th scope="col">{t(Key::AdminColOrganisation)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|u| {
                                            let organisation = u.organisation.clone();
                                            let org_state = if failed == Some(u.id) { org_state } else { FormState::fixed(None, vec![]) };
                                            view! { <UserRow user=u agencies=all_agencies.clone() set_role set_membership set_org organisation org_state/> }
                                        })
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
    set_org: ServerAction<AdminSetOrganisation>,
    organisation: Option<String>,
    org_state: FormState,
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
    let org_email = user.email.clone();
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
            <td>
                <OrganisationCell user_id=user.id email=org_email organisation action=set_org state=org_state back=back()/>
            </td>
        </tr>
    }
}

/// The ids of one row's organisation form (`Field`'s `form`), also for the error summary's links.
fn org_form(user_id: i64) -> String {
    format!("org-{user_id}")
}

/// The verified organisation, and a folded form to set, change or (with an empty name) withdraw
/// it; unfolded when its post came back refused, so the errors show next to the fields.
#[component]
fn OrganisationCell(
    user_id: i64,
    email: String,
    organisation: Option<String>,
    action: ServerAction<AdminSetOrganisation>,
    state: FormState,
    back: String,
) -> impl IntoView {
    let locale = use_locale();
    let form = org_form(user_id);
    let refused = state.error.get_untracked().is_some();
    let shown = organisation.clone().unwrap_or_else(|| locale.text(Key::AdminOrgNone).to_string());
    view! {
        <p>{shown}</p>
        <details class="org-verify" open=refused>
            <summary>{locale.text(Key::AdminOrgEdit)}<span class="visually-hidden">": "{email.clone()}</span></summary>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="user_id" value=user_id.to_string()/>
                <input type="hidden" name="back" value=back/>
                <Field
                    name="organisation_name"
                    label=Key::FieldOrganisationName
                    hint=Key::HintOrganisationName
                    state
                    value=organisation.unwrap_or_default()
                    form=form.clone()
                />
                <Field name="verification_note" label=Key::FieldVerificationNote hint=Key::HintVerificationNote state form/>
                <button type="submit" class="small-button" aria-label=format!("{}: {}", locale.text(Key::SaveButton), email)>
                    {locale.text(Key::SaveButton)}
                </button>
            </ActionForm>
        </details>
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
    let organisation = id("user").and_then(|uid| users.iter().find(|u| u.id == uid).and_then(|u| u.organisation.clone()));
    let text = match (q.get("notice").as_deref(), user, role, agency, organisation) {
        (Some("role_granted"), Some(u), Some(r), _, _) => locale.admin_notice_role_granted(u, r),
        (Some("role_revoked"), Some(u), Some(r), _, _) => locale.admin_notice_role_revoked(u, r),
        (Some("member_added"), Some(u), _, Some(a), _) => locale.admin_notice_member_added(a, u),
        (Some("member_removed"), Some(u), _, Some(a), _) => locale.admin_notice_member_removed(a, u),
        (Some("factor_reset"), Some(u), _, _, _) => locale.admin_notice_factor_reset(u),
        (Some("org_verified"), Some(u), _, _, Some(o)) => locale.admin_notice_org_verified(u, o),
        (Some("org_cleared"), Some(u), _, _, _) => locale.admin_notice_org_cleared(u),
        _ => return None,
    };
    Some(view! { <div class="notice" role="status"><p>{text}</p></div> })
}
