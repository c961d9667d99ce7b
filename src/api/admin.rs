use crate::dto::common::{AdminUserView, AgencyView};
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin_users")]
pub async fn admin_list_users(q: String) -> Result<Vec<AdminUserView>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin, ctx};
    let me = guard::signed_in()?;
    admin::users::list(&ctx::state()?, &me, &q).await
}

#[server(endpoint = "admin_agencies")]
pub async fn admin_list_agencies() -> Result<Vec<AgencyView>, AppError> {
    use crate::server::auth::guard::{self, Permission};
    use crate::server::{ctx, db::agencies};
    guard::with(Permission::Administer)?;
    // Only agencies taking new work can gain members.
    Ok(agencies::all_by_jurisdiction(&ctx::state()?.db.pool).await?.into_iter().map(|(_, a)| a).collect())
}

#[cfg(feature = "ssr")]
fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// The page to go back to, with a notice naming the change (`notice=role_granted&user=7&role=moderator`).
/// Ids, not names, travel in the address: the page looks the names up, so a link cannot make it say anything else.
#[cfg(feature = "ssr")]
fn with_notice(back: &str, notice: &str, params: &[(&str, &str)]) -> String {
    let (path, fragment) = back.split_once('#').map_or((back, None), |(p, f)| (p, Some(f)));
    let mut out = format!("{path}{}notice={notice}", if path.contains('?') { '&' } else { '?' });
    for (k, v) in params {
        out.push_str(&format!("&{k}={}", crate::domain::url::encode_query_value(v)));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `change` is "grant" or "revoke".
#[server(endpoint = "admin_role")]
pub async fn admin_set_role(user_id: String, role: String, change: String, back: Option<String>) -> Result<(), AppError> {
    use crate::domain::role::Role;
    use crate::server::auth::guard;
    use crate::server::{admin, ctx, http::lang};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let back = lang::safe_next(back.as_deref().unwrap_or("/admin/users"));
    let grant = change == "grant";
    let result = async {
        let role = Role::from_code(&role).ok_or(AppError::NotFound)?;
        admin::users::set_role(&state, &me, parse_id(&user_id)?, role, grant).await
    }
    .await;
    let notice = if grant { "role_granted" } else { "role_revoked" };
    super::form::finish(result, forms::ADMIN, vec![], &with_notice(&back, notice, &[("user", user_id.trim()), ("role", role.trim())])).await
}

/// `change` is "add" or "remove".
#[server(endpoint = "admin_membership")]
pub async fn admin_set_membership(user_id: String, agency_id: String, change: String, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin, ctx, http::lang};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let back = lang::safe_next(back.as_deref().unwrap_or("/admin/users"));
    let add = change == "add";
    let result = async { admin::users::set_membership(&state, &me, parse_id(&user_id)?, parse_id(&agency_id)?, add).await }.await;
    let notice = if add { "member_added" } else { "member_removed" };
    super::form::finish(result, forms::ADMIN, vec![], &with_notice(&back, notice, &[("user", user_id.trim()), ("agency", agency_id.trim())])).await
}

/// Verify that an account speaks for an organisation, or withdraw that (an empty name),
/// with a note on how it was verified for the audit trail.
#[server(endpoint = "admin_organisation")]
pub async fn admin_set_organisation(
    user_id: String,
    #[server(default)] organisation_name: String,
    #[server(default)] verification_note: String,
    back: Option<String>,
) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin, ctx, http::lang};
    let me = guard::signed_in()?;
    let state = ctx::state()?;
    let back = lang::safe_next(back.as_deref().unwrap_or("/admin/users"));
    let result = async { admin::organisation::set(&state, &me, parse_id(&user_id)?, &organisation_name, &verification_note).await }.await;
    let notice = if organisation_name.trim().is_empty() { "org_cleared" } else { "org_verified" };
    let to = with_notice(&back, notice, &[("user", user_id.trim())]);
    let values = vec![("user_id", user_id), ("organisation_name", organisation_name), ("verification_note", verification_note)];
    super::form::finish(result, forms::ADMIN_ORGANISATION, values, &to).await
}

/// Invite a staff member by email (an officer with their agency).
#[server(endpoint = "admin_invite")]
pub async fn admin_invite(email: String, name: String, role: String, #[server(default)] agency_id: String) -> Result<bool, AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin, ctx};
    let me = guard::signed_in()?;
    let result = admin::invite::invite(&ctx::state()?, &me, &email, &name, &role, &agency_id).await;
    let values = vec![("email", email), ("name", name), ("role", role), ("agency_id", agency_id)];
    super::form::finish(result, forms::INVITE, values, "/admin/users?notice=invited").await
}

/// Banners showing now, for every page.
#[server(endpoint = "site_banners")]
pub async fn site_banners() -> Result<Vec<crate::dto::common::BannerView>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, db::banners};
    guard::anyone();
    let state = ctx::state()?;
    Ok(banners::live(&state.db.read_pool, state.now()).await?)
}

#[server(endpoint = "post_banner")]
pub async fn post_banner(level: String, message_zh: String, message_en: String, #[server(default)] ends_at: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin, ctx};
    let me = guard::signed_in()?;
    let result = admin::banners::post(&ctx::state()?, &me, &level, &message_zh, &message_en, &ends_at).await;
    let values = vec![("level", level), ("message_zh", message_zh), ("message_en", message_en), ("ends_at", ends_at)];
    super::form::finish(result, forms::BANNER, values, "/admin/site?notice=banner_posted#banners").await
}

#[server(endpoint = "remove_banner")]
pub async fn remove_banner(id: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{admin, ctx};
    let me = guard::signed_in()?;
    let result = async { admin::banners::remove(&ctx::state()?, &me, parse_id(&id)?).await }.await;
    super::form::finish(result, forms::BANNER, vec![], "/admin/site?notice=banner_removed#banners").await
}

/// Reset someone's second factor (a lost phone); they enrol again at next login.
#[server(endpoint = "admin_reset_second_factor")]
pub async fn admin_reset_second_factor(user_id: String, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{accounts::second_factor, ctx, http::lang};
    let me = guard::signed_in()?;
    let back = lang::safe_next(back.as_deref().unwrap_or("/admin/users"));
    let result = async { second_factor::admin_reset(&ctx::state()?, &me, parse_id(&user_id)?).await }.await;
    super::form::finish(result, forms::ADMIN, vec![], &with_notice(&back, "factor_reset", &[("user", user_id.trim())])).await
}
