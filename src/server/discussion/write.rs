//! Posting, editing and deleting comments.
use super::thread_state;
use crate::domain::discussion::{MAX_DEPTH, editable, parse_body};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::deliberation::Subject;
use crate::dto::discussion::ThreadState;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::comments::{self, NewComment};
use crate::server::ratelimit::Limit;
use crate::server::state::AppState;

fn body_or_error(raw: &str) -> Result<String, AppError> {
    parse_body(raw).map_err(|e| AppError::Invalid(FieldErrors::one("body", e)))
}

fn limit(state: &AppState, me: &SessionUser, ip: &str) -> Result<(), AppError> {
    let now = state.now();
    state.limiter.hit(Limit::CommentPerAccount, &me.user_id.to_string(), now)?;
    state.limiter.hit(Limit::CommentPerIp, ip, now)
}

pub struct Post<'a> {
    pub subject: Subject,
    pub parent_id: Option<i64>,
    pub body: &'a str,
    /// An agency the officer speaks for ("" for themselves).
    pub as_agency: &'a str,
}

/// Post a comment or a reply; returns its id.
#[tracing::instrument(skip_all, fields(user = me.user_id, subject = ?p.subject))]
pub async fn post(state: &AppState, me: &SessionUser, ip: &str, p: Post<'_>) -> Result<i64, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let body = body_or_error(p.body)?;
    let agency_id = match p.as_agency.trim() {
        "" => None,
        a => {
            let id: i64 = a.parse().map_err(|_| AppError::Invalid(FieldErrors::one("as_agency", FieldError::UnknownChoice)))?;
            if !guard::serves(&state.db.pool, me, id).await? {
                return Err(AppError::Forbidden);
            }
            Some(id)
        }
    };
    limit(state, me, ip)?;
    let mut tx = state.db.begin().await?;
    if thread_state(state, &mut tx, p.subject).await?.0 != ThreadState::Open {
        return Err(AppError::Conflict);
    }
    let parent = match p.parent_id {
        None => None,
        Some(pid) => {
            let parent = comments::get(&mut **tx, pid).await?.filter(|c| c.subject == p.subject).ok_or(AppError::NotFound)?;
            if parent.depth >= MAX_DEPTH || parent.deleted_at.is_some() || parent.status != "visible" {
                return Err(AppError::Conflict);
            }
            Some(parent)
        }
    };
    let id = comments::insert(&mut tx, NewComment { subject: p.subject, parent: parent.as_ref(), author_id: me.user_id, agency_id, body: &body, now }).await?;
    tx.commit().await?;
    Ok(id)
}

/// The author corrects a comment within the edit window; it then shows as edited.
#[tracing::instrument(skip_all, fields(user = me.user_id, comment = id))]
pub async fn edit(state: &AppState, me: &SessionUser, ip: &str, id: i64, body: &str) -> Result<Subject, AppError> {
    let now = state.now();
    guard::allow(me, Permission::TakePart { now })?;
    let mut tx = state.db.begin().await?;
    let c = comments::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    guard::allow(me, Permission::Own { owner: c.author_id })?;
    if !editable(c.created_at, now) || c.deleted_at.is_some() || c.status != "visible" {
        return Err(AppError::Conflict);
    }
    let body = body_or_error(body)?;
    limit(state, me, ip)?;
    comments::set_body(&mut **tx, id, &body, now).await?;
    tx.commit().await?;
    Ok(c.subject)
}

/// The author deletes a comment: "comment deleted" keeps its place in the thread.
#[tracing::instrument(skip_all, fields(user = me.user_id, comment = id))]
pub async fn delete(state: &AppState, me: &SessionUser, id: i64) -> Result<Subject, AppError> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let c = comments::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    guard::allow(me, Permission::Own { owner: c.author_id })?;
    comments::mark_deleted(&mut **tx, id, now).await?;
    tx.commit().await?;
    Ok(c.subject)
}
