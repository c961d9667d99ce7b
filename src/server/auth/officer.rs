//! Agency membership speaks for an agency only while the session holds the officer role:
//! a membership row left behind by a revoked role, or a session that has not passed the
//! second factor (its `roles` are empty), must not act for the agency.
use crate::dto::common::AgencyView;
use crate::domain::role::Role;
use crate::server::auth::session::SessionUser;
use crate::server::db::agencies;
use sqlx::{Any, Executor};

pub fn acts_as_officer(me: &SessionUser) -> bool {
    me.roles.contains(&Role::Officer)
}

/// The agencies this session may act for (none without the officer role).
pub async fn agencies_served<'e, E: Executor<'e, Database = Any>>(ex: E, me: &SessionUser) -> Result<Vec<AgencyView>, sqlx::Error> {
    if !acts_as_officer(me) {
        return Ok(Vec::new());
    }
    agencies::for_user(ex, me.user_id).await
}
