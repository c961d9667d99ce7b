//! Following a petition, an agency or a topic without signing, and how its mail comes.
use crate::dto::follows::{FollowItem, FollowMail, FollowState};
#[cfg(feature = "ssr")]
use crate::dto::forms;
use crate::error::AppError;
use leptos::prelude::*;

/// Where a follow form sends the browser back: the page it was on (a local path only).
#[cfg(feature = "ssr")]
fn back_to(back: Option<String>) -> String {
    let to = crate::domain::url::safe_local_path(back.as_deref().unwrap_or("/"));
    // The button sits in the page's follow box; come back to it.
    if to.contains('#') { to } else { format!("{to}#follow") }
}

#[server(endpoint = "follow_state")]
pub async fn load_follow_state(kind: String, target: i64) -> Result<FollowState, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, follows};
    let me = guard::public();
    follows::state_for(&ctx::state()?, me.as_ref(), &kind, target).await
}

#[server(endpoint = "follow")]
pub async fn follow(kind: String, target: i64, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, follows};
    let me = guard::signed_in()?;
    let result = follows::follow(&ctx::state()?, &me, &kind, target).await;
    super::form::finish(result, forms::FOLLOW, vec![], &back_to(back)).await
}

#[server(endpoint = "unfollow")]
pub async fn unfollow(kind: String, target: i64, back: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, follows};
    let me = guard::signed_in()?;
    let result = follows::unfollow(&ctx::state()?, &me, &kind, target).await;
    super::form::finish(result, forms::FOLLOW, vec![], &back_to(back)).await
}

#[server(endpoint = "my_follows")]
pub async fn my_follows() -> Result<Vec<FollowItem>, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, follows};
    let me = guard::signed_in()?;
    follows::list(&ctx::state()?, &me).await
}

#[server(endpoint = "follow_mail")]
pub async fn load_follow_mail() -> Result<FollowMail, AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, follows};
    let me = guard::signed_in()?;
    follows::mail_mode(&ctx::state()?, &me).await
}

#[server(endpoint = "follow_mail_set")]
pub async fn set_follow_mail(follow_mail: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::{ctx, follows};
    let me = guard::signed_in()?;
    let result = follows::set_mail_mode(&ctx::state()?, &me, &follow_mail).await;
    super::form::finish(result, forms::FOLLOW_MAIL, vec![("follow_mail", follow_mail)], "/profile?notice=saved").await
}
