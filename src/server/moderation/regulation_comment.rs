//! A comment on a draft regulation (法規預告) as moderators see it: filed under no petition,
//! shown on its notice at the version it was made on. Statuses are the discussion's words:
//! visible, held (enough reports) and hidden (a moderator's decision).
use super::Item;
use crate::domain::discussion::Target;
use crate::error::AppError;
use crate::server::db::regulation_comments as comments;

pub(super) async fn load(ex: &mut sqlx::AnyConnection, target: Target, id: i64) -> Result<Item, AppError> {
    let c = comments::get(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
    let title = comments::notice_title(&mut *ex, c.regulation_id).await?;
    // Moderators decide on the whole text: the comment and the wording it proposes.
    let content = match c.wording.as_deref().filter(|w| !w.is_empty()) {
        Some(w) => format!("{}\n\n{w}", c.body),
        None => c.body.clone(),
    };
    // A later version does not show earlier comments: the link names the comment's version.
    let page = format!("/regulations/{}?version={}#rc-{id}", c.regulation_id, c.version);
    Ok(Item {
        target,
        petition_id: None,
        petition_title: title,
        subject: c.author_id,
        author_name: c.author_name,
        content,
        status: c.status,
        locked: false,
        page,
    })
}

/// Move the comment from the status moderators saw to `to`; `Conflict` if it moved meanwhile.
pub(super) async fn move_to(tx: &mut sqlx::AnyConnection, item: &Item, to: &str, reason: Option<&str>) -> Result<(), AppError> {
    if !comments::set_status(&mut *tx, item.target.id(), &item.status, to, reason).await? {
        return Err(AppError::Conflict);
    }
    Ok(())
}
