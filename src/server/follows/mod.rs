//! Following a petition, an agency or a topic without signing. Changes to petitions
//! call `record` inside their own transaction; `mail` turns the recorded events into
//! instant mail or a daily digest; `unsubscribe` is the one-click unfollow from a mail.
pub mod mail;
pub mod unsubscribe;

use crate::domain::time::Timestamp;
use crate::dto::follows::{FollowItem, FollowKind, FollowMail, FollowState, feed_url, page_url};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::follows;
use crate::server::state::AppState;
use sqlx::AnyConnection;

/// What followers are told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Approved and open for signing.
    Published,
    Established,
    Closed,
    Extended,
    Transferred,
    Answered,
}

impl Event {
    pub const ALL: [Event; 6] = [Self::Published, Self::Established, Self::Closed, Self::Extended, Self::Transferred, Self::Answered];

    pub fn code(self) -> &'static str {
        match self {
            Self::Published => "published",
            Self::Established => "established",
            Self::Closed => "closed",
            Self::Extended => "extended",
            Self::Transferred => "transferred",
            Self::Answered => "answered",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The milestone told to signers (established, or closed below the threshold).
    pub fn milestone(closed: bool) -> Self {
        if closed { Self::Closed } else { Self::Established }
    }

    /// An agency's followers hear of new petitions addressed to it and of their answers;
    /// a topic's followers only of new petitions.
    fn reaches_agencies(self) -> bool {
        matches!(self, Self::Published | Self::Answered)
    }
}

/// Record an event for followers, in the transaction of the change it tells about (so it
/// is told if and only if the change happened). The mail is written later by `mail`.
pub async fn record(tx: &mut AnyConnection, petition_id: i64, event: Event, now: Timestamp) -> Result<(), sqlx::Error> {
    follows::add_event(tx, petition_id, event.code(), event.reaches_agencies(), event == Event::Published, now).await.map(|_| ())
}

fn kind_of(kind: &str) -> Result<FollowKind, AppError> {
    FollowKind::from_code(kind).ok_or(AppError::NotFound)
}

/// The follow button's state; anyone may look, only a session personalises it.
pub async fn state_for(state: &AppState, me: Option<&SessionUser>, kind: &str, target: i64) -> Result<FollowState, AppError> {
    let kind = kind_of(kind)?;
    let Some(me) = me else { return Ok(FollowState { signed_in: false, following: false }) };
    guard::allow(me, Permission::Own { owner: me.user_id })?;
    Ok(FollowState { signed_in: true, following: follows::is_following(&state.db.read_pool, me.user_id, kind, target).await? })
}

/// Follow a public petition, an agency or a topic; following twice changes nothing.
pub async fn follow(state: &AppState, me: &SessionUser, kind: &str, target: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::Own { owner: me.user_id })?;
    let kind = kind_of(kind)?;
    let mut tx = state.db.begin().await?;
    if follows::target(&mut **tx, kind, target).await?.is_none() {
        return Err(AppError::NotFound);
    }
    follows::follow(&mut **tx, me.user_id, kind, target, state.now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn unfollow(state: &AppState, me: &SessionUser, kind: &str, target: i64) -> Result<(), AppError> {
    guard::allow(me, Permission::Own { owner: me.user_id })?;
    let kind = kind_of(kind)?;
    let mut tx = state.db.begin().await?;
    follows::unfollow(&mut **tx, me.user_id, kind, target).await?;
    tx.commit().await?;
    Ok(())
}

/// Everything the person follows, with its page and feed.
pub async fn list(state: &AppState, me: &SessionUser) -> Result<Vec<FollowItem>, AppError> {
    guard::allow(me, Permission::Own { owner: me.user_id })?;
    Ok(follows::list(&state.db.read_pool, me.user_id)
        .await?
        .into_iter()
        .map(|f| FollowItem {
            href: page_url(f.kind, f.target, &f.code),
            feed: feed_url(f.kind, f.target, &f.code),
            kind: f.kind,
            target: f.target,
            name_zh: f.name_zh,
            name_en: f.name_en,
            since: f.created_at,
        })
        .collect())
}

pub async fn mail_mode(state: &AppState, me: &SessionUser) -> Result<FollowMail, AppError> {
    guard::allow(me, Permission::Own { owner: me.user_id })?;
    Ok(follows::mode(&state.db.read_pool, me.user_id).await?)
}

pub async fn set_mail_mode(state: &AppState, me: &SessionUser, mode: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Own { owner: me.user_id })?;
    let mode = FollowMail::from_code(mode).ok_or_else(|| {
        let mut errors = crate::domain::validation::FieldErrors::new();
        errors.add("follow_mail", crate::domain::validation::FieldError::UnknownChoice);
        AppError::Invalid(errors)
    })?;
    let mut tx = state.db.begin().await?;
    follows::set_mode(&mut **tx, me.user_id, mode).await?;
    tx.commit().await?;
    Ok(())
}

/// For account deletion: follows, settings and unfollow tokens go with the account.
pub async fn forget(tx: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    follows::forget_user(tx, user_id).await
}

#[cfg(test)]
mod tests {
    use super::Event;

    #[test]
    fn event_codes_round_trip() {
        for e in Event::ALL {
            assert_eq!(Event::from_code(e.code()), Some(e));
        }
        assert_eq!(Event::milestone(true), Event::Closed);
        assert_eq!(Event::milestone(false), Event::Established);
    }
}
