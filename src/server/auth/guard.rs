//! Who may do what: the one place that decides. A server function opens with a request
//! guard (`public`, `signed_in`, `with`, `pending_second_factor`); a server action asks
//! `allow` or `may` before it shows or changes anything; agency membership is `serves`.
//! Nothing else in `src/server` or `src/api` reads roles or suspensions
//! (`.ci/layers.py` refuses it, and `server::tests::guard` walks every server function).
use super::user::SessionUser;
use crate::domain::role::Role;
use crate::domain::second_factor::Factor;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::error::AppError;
use crate::server::db::agencies;
use sqlx::{Any, Executor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Run the site: organisation, accounts, rules, banners, pauses, review of proposals.
    Administer,
    /// Decide on reports, suspensions and appeals (moderators, and administrators).
    Moderate,
    /// Open the agency workspace (officers; administrators oversee every agency).
    AgencyWorkspace,
    /// Speak for an agency: officers only, and only for agencies they serve (`serves`).
    ActForAgency,
    /// Any staff role in use: staff see the officers' names on answers.
    Staff,
    /// Turn the second factor off: citizens only. An account holding a staff role keeps
    /// it even while it acts as a citizen (before enrolling, or while suspended).
    GoWithoutSecondFactor,
    /// Sign, propose, post, vote, report: a suspension stops it.
    TakePart { now: Timestamp },
    /// Change or see what one owns (a draft, a comment).
    Own { owner: i64 },
    /// Act on what someone else owns: vote for it, report it, sponsor it, moderate it,
    /// decide an appeal about it. Never one's own.
    NotOwn { owner: i64 },
}

/// `Ok` if the session may; otherwise the error the person should see.
pub fn allow(me: &SessionUser, p: Permission) -> Result<(), AppError> {
    match (p, me.suspended_until) {
        (Permission::TakePart { now }, Some(until)) if until > now => Err(AppError::Suspended { until }),
        _ if may(me, p) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether the session may (for pages that show or hide a control).
pub fn may(me: &SessionUser, p: Permission) -> bool {
    let has = |r: Role| me.roles.contains(&r);
    match p {
        Permission::Administer => has(Role::Admin),
        Permission::Moderate => has(Role::Admin) || has(Role::Moderator),
        Permission::AgencyWorkspace => has(Role::Officer) || has(Role::Admin),
        Permission::ActForAgency => has(Role::Officer),
        Permission::Staff => !me.roles.is_empty(),
        Permission::GoWithoutSecondFactor => me.held_roles.is_empty(),
        Permission::TakePart { now } => me.suspended_until.is_none_or(|until| until <= now),
        Permission::Own { owner } => owner == me.user_id,
        Permission::NotOwn { owner } => owner != me.user_id,
    }
}

/// The roles the account holds, whether or not this session may use them now (for
/// housekeeping such as deleting an account, never to grant a power).
pub fn held(me: &SessionUser) -> &[Role] {
    &me.held_roles
}

/// Whether the account holds a role (see `held`).
pub fn holds(me: &SessionUser, role: Role) -> bool {
    me.held_roles.contains(&role)
}

/// The agencies this session may act for: none without the officer role, so a membership
/// row left behind by a revoked role, or a session short of its second factor, acts for none.
pub async fn agencies_served<'e, E: Executor<'e, Database = Any>>(ex: E, me: &SessionUser) -> Result<Vec<AgencyView>, sqlx::Error> {
    if !may(me, Permission::ActForAgency) {
        return Ok(Vec::new());
    }
    agencies::for_user(ex, me.user_id).await
}

/// Whether the session acts for this agency now.
pub async fn serves<'e, E: Executor<'e, Database = Any>>(ex: E, me: &SessionUser, agency_id: i64) -> Result<bool, sqlx::Error> {
    Ok(agencies_served(ex, me).await?.iter().any(|a| a.id == agency_id))
}

// Request guards: the first line of every server function.

/// A function anyone may call, signed in or not (public reads, login, registration,
/// signing as a guest): said out loud, so a forgotten check cannot pass for this.
pub fn anyone() {}

/// A read anyone may make; the session, if there is one, only personalises it.
pub fn public() -> Option<SessionUser> {
    session_of::<SessionUser>()
}

/// What the session middleware attached to this request (read here, not in `ctx`, so the
/// guard depends on nothing above it).
fn session_of<T: Clone + Send + Sync + 'static>() -> Option<T> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<T>().cloned())
}

/// Any signed-in person; what they may do is then asked of `allow`.
pub fn signed_in() -> Result<SessionUser, AppError> {
    public().ok_or(AppError::Unauthenticated)
}

/// A signed-in person holding a permission that needs no record to judge.
pub fn with(p: Permission) -> Result<SessionUser, AppError> {
    let me = signed_in()?;
    allow(&me, p)?;
    Ok(me)
}

/// A session past its password but not yet its second factor (only the second-factor
/// step and logout accept it).
pub fn pending_second_factor() -> Option<SessionUser> {
    session_of::<super::user::PendingSecondFactor>().map(|p| p.0)
}

// What a session's roles are worth, applied when the session is looked up.

/// Staff powers need the second factor: a staff account that has none acts as a citizen
/// until it enrols. (A session with a factor it has not passed never gets this far:
/// `session::lookup` treats it as not signed in.)
pub fn staff_gate(mut user: SessionUser) -> SessionUser {
    if user.factor != Factor::Passed && user.factor != Factor::Off {
        user.roles.clear();
    }
    user
}

/// A suspended account keeps no staff powers while the suspension lasts: a suspended
/// moderator, officer or administrator is, for every permission check, a citizen.
pub fn while_suspended(mut user: SessionUser, now: Timestamp) -> SessionUser {
    if user.suspended_until.is_some_and(|until| until > now) {
        user.roles.clear();
    }
    user
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(roles: &[Role]) -> SessionUser {
        SessionUser {
            user_id: 7,
            display_name: "p".into(),
            email: "p@example.tw".into(),
            locale: "en".into(),
            county: None,
            roles: roles.to_vec(),
            session_hash: String::new(),
            suspended_until: None,
            factor: Factor::Passed,
            held_roles: roles.to_vec(),
        }
    }

    #[test]
    fn roles_grant_what_they_say_and_administrators_oversee() {
        let (citizen, officer, moderator, admin) = (person(&[]), person(&[Role::Officer]), person(&[Role::Moderator]), person(&[Role::Admin]));
        assert_eq!(allow(&citizen, Permission::Moderate), Err(AppError::Forbidden));
        assert!(may(&moderator, Permission::Moderate) && may(&admin, Permission::Moderate));
        assert!(may(&admin, Permission::AgencyWorkspace) && !may(&admin, Permission::ActForAgency), "admins oversee, officers answer");
        assert!(may(&officer, Permission::ActForAgency) && !may(&officer, Permission::Administer));
        assert!(!may(&citizen, Permission::Staff) && may(&officer, Permission::Staff));
    }

    #[test]
    fn a_suspension_stops_taking_part_and_every_staff_power() {
        let now = Timestamp(1_000);
        let mut m = person(&[Role::Moderator]);
        m.suspended_until = Some(Timestamp(2_000));
        assert_eq!(allow(&m, Permission::TakePart { now }), Err(AppError::Suspended { until: Timestamp(2_000) }));
        let m = while_suspended(m, now);
        assert!(!may(&m, Permission::Moderate) && held(&m) == [Role::Moderator]);
        assert!(!may(&m, Permission::GoWithoutSecondFactor), "a held staff role keeps the second factor");
        assert!(allow(&person(&[]), Permission::TakePart { now: Timestamp(3_000) }).is_ok());
    }

    #[test]
    fn staff_powers_wait_for_the_second_factor() {
        let mut a = person(&[Role::Admin]);
        a.factor = Factor::EnrolRequired;
        assert!(!may(&staff_gate(a), Permission::Administer));
    }

    #[test]
    fn owners_change_their_own_and_act_only_on_others() {
        let me = person(&[]);
        assert!(may(&me, Permission::Own { owner: 7 }) && !may(&me, Permission::Own { owner: 8 }));
        assert_eq!(allow(&me, Permission::NotOwn { owner: 7 }), Err(AppError::Forbidden));
        assert!(allow(&me, Permission::NotOwn { owner: 8 }).is_ok());
    }
}
