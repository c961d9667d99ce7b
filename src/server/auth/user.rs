//! The signed-in person as the session middleware attaches them to a request. What they
//! may do is decided in `guard`, never by reading `roles` elsewhere.
use crate::domain::role::Role;
use crate::domain::second_factor::Factor;
use crate::domain::time::Timestamp;

#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub locale: String,
    pub county: Option<String>,
    /// The roles this session may use now (see `guard::staff_gate`, `guard::while_suspended`).
    pub roles: Vec<Role>,
    pub session_hash: String,
    pub suspended_until: Option<Timestamp>,
    /// Where this session stands with the second factor. `roles` is empty unless
    /// it is `Passed` or `Off`; `held_roles` are the account's.
    pub factor: Factor,
    pub held_roles: Vec<Role>,
}

/// A session that passed the password but not yet the second factor.
#[derive(Clone)]
pub struct PendingSecondFactor(pub SessionUser);
