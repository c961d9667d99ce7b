//! Account actions, one per file. Each checks limits and permissions first,
//! validates everything, then writes in one transaction (with its emails).
pub mod login;
pub mod profile;
pub mod register;
pub mod reset;
pub mod second_factor;
pub mod verify;

use crate::domain::time::{DAY, Timestamp};
use crate::i18n::Locale;
use crate::server::auth::tokens;
use crate::server::db::{Tx, outbox, tokens as token_db};
use crate::server::email::templates;
use crate::server::state::AppState;

pub const VERIFY_TTL: i64 = DAY;

/// Issue a fresh verification link (older ones stop working) and queue its email.
pub(crate) async fn queue_verification(
    tx: &mut Tx,
    state: &AppState,
    user_id: i64,
    to: &str,
    name: &str,
    locale: Locale,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    token_db::revoke_for_user(&mut ***tx, user_id, token_db::Purpose::VerifyEmail, now).await?;
    let (raw, hash) = tokens::generate(tokens::LINK_TOKEN_BYTES);
    token_db::insert(&mut ***tx, &hash, user_id, token_db::Purpose::VerifyEmail, now, now.plus_millis(VERIFY_TTL)).await?;
    let mail = templates::verify_email(locale, to, name, &state.config.base_url, &raw);
    outbox::enqueue(&mut ***tx, &mail, now).await?;
    Ok(())
}
