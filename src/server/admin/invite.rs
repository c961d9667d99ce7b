//! Staff invitations: an account (new, or an existing one) gets its roles and agencies,
//! and, unless it already has a confirmed password, an emailed link to set one.
use crate::domain::account::DisplayName;
use crate::domain::email::EmailAddress;
use crate::domain::role::Role;
use crate::domain::time::DAY;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::auth::tokens;
use crate::server::db::{Tx, agencies, outbox, tokens as token_db, users};
use crate::server::email::templates;
use crate::server::state::AppState;

/// Long enough for someone on leave to answer; the link can be sent again.
pub const INVITE_TTL: i64 = 7 * DAY;

pub struct Invite {
    pub email: EmailAddress,
    pub name: DisplayName,
    pub roles: Vec<Role>,
    pub agencies: Vec<i64>,
}

/// In the caller's transaction. A new account always gets the link; an existing one
/// without a confirmed password gets it again only with `resend` (an admin asking),
/// so importing a setup file twice sends nothing twice. Returns whether it was sent.
pub async fn invite_in(tx: &mut Tx, state: &AppState, by: Option<i64>, inv: &Invite, resend: bool) -> Result<bool, AppError> {
    let now = state.now();
    let norm = inv.email.normalized();
    let (id, needs_password, name, locale) = match users::by_email_norm(&mut ***tx, &norm).await? {
        // An unconfirmed account may have been registered by anyone: the link sets its password.
        Some(u) => (u.id, resend && !u.email_verified, u.display_name, Locale::from_tag(&u.locale).unwrap_or_default()),
        None => {
            let new = users::NewUser {
                email: inv.email.as_str(),
                email_norm: &norm,
                display_name: inv.name.as_str(),
                // No password until the invitee sets one: nothing can match this.
                password_hash: "!",
                locale: "zh-TW",
                verified_at: None,
                now,
            };
            (users::insert(&mut ***tx, new).await?, true, inv.name.as_str().to_string(), Locale::ZhTw)
        }
    };
    for role in &inv.roles {
        users::grant_role(&mut ***tx, id, *role, by, now).await?;
    }
    for agency in &inv.agencies {
        agencies::add_member(&mut ***tx, *agency, id, now).await?;
    }
    let roles: Vec<&str> = inv.roles.iter().map(|r| r.code()).collect();
    users::audit(&mut ***tx, by, "staff.invite", &format!("user:{id}"), &format!("{} agencies:{:?}", roles.join(","), inv.agencies), now).await?;
    if needs_password {
        let (raw, hash) = tokens::generate(tokens::LINK_TOKEN_BYTES);
        token_db::revoke_for_user(&mut ***tx, id, token_db::Purpose::ResetPassword, now).await?;
        token_db::insert(&mut ***tx, &hash, id, token_db::Purpose::ResetPassword, now, now.plus_millis(INVITE_TTL)).await?;
        let mail = templates::staff_invitation(locale, inv.email.as_str(), &name, &state.config.base_url, &raw);
        outbox::enqueue(&mut ***tx, &mail, now).await?;
    }
    Ok(needs_password)
}

/// An admin invites one person with one role (and, for an officer, one agency).
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn invite(state: &AppState, me: &SessionUser, email: &str, name: &str, role: &str, agency: &str) -> Result<bool, AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut e = FieldErrors::new();
    let email = e.check("email", EmailAddress::parse(email));
    let name = e.check("name", DisplayName::parse(name));
    let role = e.check("role", Role::from_code(role.trim()).ok_or(FieldError::UnknownChoice));
    let agency = match (role, agency.trim()) {
        (Some(Role::Officer), raw) => {
            let id = raw.parse::<i64>().ok();
            let active = match id {
                Some(id) => crate::server::db::org::agency_active(&state.db.pool, id).await?,
                None => false,
            };
            if !active {
                e.add("agency_id", FieldError::UnknownChoice);
            }
            id
        }
        _ => None,
    };
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(AppError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let inv = Invite { email, name, roles: vec![role], agencies: agency.into_iter().collect() };
    let mut tx = state.db.begin().await?;
    let mailed = invite_in(&mut tx, state, Some(me.user_id), &inv, true).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(mailed)
}
