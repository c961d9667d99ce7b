//! Users (found by email or name), roles and agency membership, managed by administrators.
//! Each change is audited.
use crate::domain::role::Role;
use crate::dto::common::AdminUserView;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{agencies, users};
use crate::server::state::AppState;

pub async fn list(state: &AppState, me: &SessionUser, q: &str) -> Result<Vec<AdminUserView>, AppError> {
    guard::allow(me, Permission::Administer)?;
    let db = &state.db.pool;
    let now = state.now();
    let mut out = Vec::new();
    for u in users::search(db, q, 50).await? {
        out.push(AdminUserView {
            id: u.id,
            display_name: u.display_name,
            email: u.email,
            verified: u.verified,
            roles: users::roles(db, u.id).await?,
            agencies: agencies::for_user(db, u.id).await?,
            suspended_until: u.suspended_until.filter(|until| *until > now),
            organisation: crate::server::db::regulation_comments::organisation_of(db, u.id).await?,
        });
    }
    Ok(out)
}

async fn ensure_user(state: &AppState, user_id: i64) -> Result<(), AppError> {
    users::by_id(&state.db.pool, user_id).await?.map(|_| ()).ok_or(AppError::NotFound)
}

pub async fn set_role(state: &AppState, me: &SessionUser, user_id: i64, role: Role, grant: bool) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    ensure_user(state, user_id).await?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if grant {
        users::grant_role(&mut **tx, user_id, role, Some(me.user_id), now).await?;
    } else {
        // Never leave the platform without an administrator.
        if role == Role::Admin && users::count_admins(&mut **tx).await? <= 1 {
            return Err(AppError::Forbidden);
        }
        users::revoke_role(&mut **tx, user_id, role).await?;
    }
    let action = if grant { "role.grant" } else { "role.revoke" };
    users::audit(&mut **tx, Some(me.user_id), action, &format!("user:{user_id}"), role.code(), now).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}

/// Adding someone to an agency makes them an agency officer.
pub async fn set_membership(state: &AppState, me: &SessionUser, user_id: i64, agency_id: i64, add: bool) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    ensure_user(state, user_id).await?;
    if !agencies::exists(&state.db.pool, agency_id).await? {
        return Err(AppError::NotFound);
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if add {
        // A retired agency takes no new officers (removing one is always allowed).
        if !crate::server::db::org::agency_active(&mut **tx, agency_id).await? {
            return Err(AppError::Conflict);
        }
        agencies::add_member(&mut **tx, agency_id, user_id, now).await?;
        users::grant_role(&mut **tx, user_id, Role::Officer, Some(me.user_id), now).await?;
    } else {
        agencies::remove_member(&mut **tx, agency_id, user_id).await?;
    }
    let action = if add { "agency.add_member" } else { "agency.remove_member" };
    users::audit(&mut **tx, Some(me.user_id), action, &format!("user:{user_id}"), &format!("agency:{agency_id}"), now).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}
