//! `minyi admin create --email ... --name ...`: the first administrator of a deployment.
//! The password comes from MINYI_ADMIN_PASSWORD or standard input, never the command line.
use super::auth::password::check_strength;
use super::db::users;
use super::error::ServerError;
use super::state::AppState;
use crate::domain::account::DisplayName;
use crate::domain::email::EmailAddress;
use crate::domain::role::Role;

pub const USAGE: &str = "usage: minyi [serve]\n       minyi admin create --email EMAIL --name NAME   (password from MINYI_ADMIN_PASSWORD or stdin)";

fn arg(args: &[String], flag: &str) -> Option<String> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned()
}

/// Create (or promote) an administrator. Returns a message for the operator.
pub async fn admin_create(state: &AppState, args: &[String], password: Option<String>) -> Result<String, ServerError> {
    let bad = |m: &str| ServerError::Config(format!("{m}\n{USAGE}"));
    let email = EmailAddress::parse(&arg(args, "--email").ok_or_else(|| bad("--email is required"))?)
        .map_err(|_| bad("--email is not a valid address"))?;
    let name = DisplayName::parse(&arg(args, "--name").unwrap_or_else(|| "Administrator".into()))
        .map_err(|_| bad("--name is not a valid display name"))?;
    let now = state.now();
    let existing = users::by_email_norm(&state.db.pool, &email.normalized()).await?;
    // A confirmed account keeps its password; any other needs one (hashed before the transaction).
    let hash = match &existing {
        Some(u) if u.email_verified => None,
        _ => {
            let password = password.ok_or_else(|| bad("a password is required (MINYI_ADMIN_PASSWORD or stdin)"))?;
            check_strength(&password, &[email.as_str(), name.as_str()])
                .map_err(|_| bad("the password must be 12-128 characters and not easy to guess"))?;
            Some(state.hasher.hash(password).await?)
        }
    };
    let mut tx = state.db.begin().await?;
    let id = match (existing, hash) {
        (Some(u), None) => u.id,
        // An unconfirmed account may have been registered by anyone: take it over with this password.
        (Some(u), Some(hash)) => {
            users::replace_unverified(&mut **tx, u.id, name.as_str(), &hash, "zh-TW").await?;
            users::mark_verified(&mut **tx, u.id, now).await?;
            u.id
        }
        (None, hash) => {
            let hash = hash.expect("a new account always has a password hash");
            users::insert(
                &mut **tx,
                users::NewUser {
                    email: email.as_str(),
                    email_norm: &email.normalized(),
                    display_name: name.as_str(),
                    password_hash: &hash,
                    locale: "zh-TW",
                    verified_at: Some(now),
                    now,
                },
            )
            .await?
        }
    };
    users::grant_role(&mut **tx, id, Role::Admin, None, now).await?;
    users::audit(&mut **tx, None, "role.grant", &format!("user:{id}"), "admin (cli)", now).await?;
    tx.commit().await?;
    Ok(format!("{} is an administrator", email.as_str()))
}
