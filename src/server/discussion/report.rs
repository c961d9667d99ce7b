//! Reporting a comment or a petition: once per person and item. Enough open reports
//! hide the item until a moderator reviews it.
use crate::domain::discussion::{Target, parse_report};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{comments, moderation};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

pub enum Reported {
    Done,
    /// This person had already reported the item: nothing changes.
    Already,
}

/// Returns the petition the item belongs to, and whether the report is new.
#[tracing::instrument(skip_all, fields(user = me.user_id, target = target))]
pub async fn report(state: &AppState, me: &SessionUser, ip: &str, target: &str, reason: &str, details: &str) -> Result<(i64, Reported), AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let target = Target::parse(target).filter(|t| !matches!(t, Target::User(_))).ok_or(AppError::NotFound)?;
    let (reason, details) = parse_report(reason, details).map_err(AppError::Invalid)?;
    crate::server::limits::hit(state, Limit::ReportPerAccount, &me.user_id.to_string(), now).await?;
    crate::server::limits::hit(state, Limit::ReportPerIp, ip, now).await?;
    let mut tx = state.db.begin().await?;
    let (petition_id, author, comment_status) = match target {
        Target::Comment(id) => {
            let c = comments::get(&mut **tx, id).await?.filter(|c| c.deleted_at.is_none()).ok_or(AppError::NotFound)?;
            (c.petition_id, c.author_id, Some(c.status))
        }
        _ => {
            let (_, proposer) = super::thread_state(state, &mut tx, target.id()).await?;
            (target.id(), proposer, None)
        }
    };
    guard::allow(me, Permission::NotOwn { owner: author })?;
    if !moderation::add_report(&mut tx, target, me.user_id, reason.code(), &details, now).await? {
        return Ok((petition_id, Reported::Already));
    }
    let (open, _) = moderation::open_reports(&mut **tx, target).await?;
    if open >= state.config.report_threshold {
        match (target, comment_status.as_deref()) {
            (Target::Comment(id), Some("visible")) => comments::set_status(&mut **tx, id, "held", None).await?,
            (Target::Petition(id), None) => {
                let m = moderation::petition_meta(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
                if m.content_status == "visible" {
                    moderation::set_petition_content(&mut **tx, id, "held", None).await?;
                }
            }
            _ => {}
        }
    }
    tx.commit().await?;
    Ok((petition_id, Reported::Done))
}
