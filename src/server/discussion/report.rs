//! Reporting a comment, a petition, a deliberation statement or a comment on a draft
//! regulation: once per person and item. Enough open reports hide the item until a moderator
//! reviews it (a statement goes back to waiting for a moderator, as in strict mode).
use crate::domain::discussion::{Target, parse_report};
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{comments, deliberation as conversations, moderation, regulation_comments};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

pub enum Reported {
    Done,
    /// This person had already reported the item: nothing changes.
    Already,
}

/// Returns the page the item is on, and whether the report is new.
#[tracing::instrument(skip_all, fields(user = me.user_id, target = target))]
pub async fn report(state: &AppState, me: &SessionUser, ip: &str, target: &str, reason: &str, details: &str) -> Result<(String, Reported), AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let target = Target::parse(target).filter(|t| !matches!(t, Target::User(_))).ok_or(AppError::NotFound)?;
    let (reason, details) = parse_report(reason, details).map_err(AppError::Invalid)?;
    crate::server::limits::hit(state, Limit::ReportPerAccount, &me.user_id.to_string(), now).await?;
    crate::server::limits::hit(state, Limit::ReportPerIp, ip, now).await?;
    let mut tx = state.db.begin().await?;
    let (page, author, status) = match target {
        Target::Comment(id) => {
            let c = comments::get(&mut **tx, id).await?.filter(|c| c.deleted_at.is_none()).ok_or(AppError::NotFound)?;
            (c.subject.page(), c.author_id, Some(c.status))
        }
        Target::Statement(id) => {
            let s = conversations::statement(&mut **tx, id).await?.filter(|s| s.status == "shown").ok_or(AppError::NotFound)?;
            let c = conversations::get(&mut **tx, s.conversation_id).await?.ok_or(AppError::NotFound)?;
            let subject = Subject::from_parts(&c.kind, c.subject).ok_or(AppError::NotFound)?;
            crate::server::deliberation::about(state, &mut tx, subject).await?;
            (subject.deliberation(), s.author_id, Some(s.status))
        }
        Target::RegulationComment(id) => {
            let c = regulation_comments::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
            (format!("/regulations/{}", c.regulation_id), c.author_id, Some(c.status))
        }
        _ => {
            let (_, proposer) = super::thread_state(state, &mut tx, Subject::Petition(target.id())).await?;
            (format!("/petitions/{}", target.id()), proposer.unwrap_or(0), None)
        }
    };
    guard::allow(me, Permission::NotOwn { owner: author })?;
    if !moderation::add_report(&mut tx, target, me.user_id, reason.code(), &details, now).await? {
        return Ok((page, Reported::Already));
    }
    let (open, _) = moderation::open_reports(&mut **tx, target).await?;
    if open >= state.config.report_threshold {
        match (target, status.as_deref()) {
            (Target::Comment(id), Some("visible")) => comments::set_status(&mut **tx, id, "held", None).await?,
            (Target::Statement(id), Some("shown")) => {
                conversations::set_status(&mut **tx, id, "shown", "pending").await?;
            }
            (Target::RegulationComment(id), Some("visible")) => {
                // Only from visible: a moderator's decision taken meanwhile stands.
                regulation_comments::set_status(&mut **tx, id, "visible", "held", None).await?;
            }
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
    Ok((page, Reported::Done))
}
