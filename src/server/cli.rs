//! `minyi admin create --email ... --name ...`: the first administrator of a deployment.
//! The password comes from MINYI_ADMIN_PASSWORD or standard input, never the command line.
//! `minyi admin import` / `export`: the organisation as a setup file.
use super::auth::password::check_strength;
use super::db::users;
use super::error::ServerError;
use super::state::AppState;
use crate::domain::account::DisplayName;
use crate::domain::email::EmailAddress;
use crate::domain::role::Role;

pub const USAGE: &str = "usage: minyi [serve]
       minyi admin create --email EMAIL --name NAME   (password from MINYI_ADMIN_PASSWORD or stdin)
       minyi admin import FILE.toml                   (jurisdictions, agencies, topics, staff; see docs/setup/taiwan.toml)
       minyi admin export [FILE.toml]                 (the same format; standard output without FILE)";

fn arg(args: &[String], flag: &str) -> Option<String> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned()
}

/// Create (or promote) an administrator. Returns a message for the operator.
pub async fn admin_create(state: &AppState, args: &[String], password: Option<String>) -> Result<String, ServerError> {
    let bad = |m: &str| ServerError::Config(format!("{m}\n{USAGE}"));
    let email = EmailAddress::parse(&arg(args, "--email").ok_or_else(|| bad("--email is required"))?).map_err(|_| bad("--email is not a valid address"))?;
    let name = DisplayName::parse(&arg(args, "--name").unwrap_or_else(|| "Administrator".into())).map_err(|_| bad("--name is not a valid display name"))?;
    let now = state.now();
    let existing = users::by_email_norm(&state.db.pool, &email.normalized()).await?;
    // A confirmed account keeps its password; any other needs one (hashed before the transaction).
    let hash = match &existing {
        Some(u) if u.email_verified => None,
        _ => {
            let password = password.ok_or_else(|| bad("a password is required (MINYI_ADMIN_PASSWORD or stdin)"))?;
            check_strength(&password, &[email.as_str(), name.as_str()]).map_err(|_| bad("the password must be 12-128 characters and not easy to guess"))?;
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

/// `minyi admin import FILE`: a message for the operator.
pub async fn admin_import(state: &AppState, path: &str) -> Result<String, ServerError> {
    let text = std::fs::read_to_string(path).map_err(|e| ServerError::Config(format!("cannot read {path}: {e}")))?;
    let file = super::setup::file::SetupFile::parse(&text).map_err(|e| ServerError::Config(format!("{path}: {e}")))?;
    let r = super::setup::apply::import(state, &file).await?;
    Ok(format!(
        "imported {path}: {} jurisdictions, {} agencies, {} topics, {} staff ({} invited by email to set a password)",
        r.jurisdictions, r.agencies, r.topics, r.staff, r.invited
    ))
}

/// `minyi admin export [FILE]`: the setup file's text, written to FILE if given.
pub async fn admin_export(state: &AppState, path: Option<&str>) -> Result<String, ServerError> {
    let text = super::setup::export::export(&state.db.pool).await?.to_toml();
    match path {
        Some(p) => {
            std::fs::write(p, &text).map_err(|e| ServerError::Config(format!("cannot write {p}: {e}")))?;
            Ok(format!("exported to {p}"))
        }
        None => Ok(text),
    }
}
