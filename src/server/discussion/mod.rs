//! Citizens discuss a petition: the thread as a page, posting, editing, deleting,
//! voting and reporting. Permission checks come first in every action.
pub mod report;
pub mod vote;
pub mod write;

use crate::domain::discussion::{MAX_DEPTH, PAGE_SIZE, Sort, editable, is_suspended};
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::discussion::{Badge, CommentBody, CommentView, Thread, ThreadState};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::comments::{self, CommentRow};
use crate::server::db::moderation::{self, PetitionMeta};
use crate::server::state::AppState;
use std::collections::HashMap;

/// Whether the petition's discussion takes comments now, and who proposed it.
pub async fn thread_state(state: &AppState, ex: &mut sqlx::AnyConnection, petition_id: i64) -> Result<(ThreadState, i64), AppError> {
    let (s, meta) = thread_meta(state, ex, petition_id).await?;
    Ok((s, meta.proposer))
}

/// As `thread_state`, with the rest of what a thread shows of its petition (one read).
pub(crate) async fn thread_meta(state: &AppState, ex: &mut sqlx::AnyConnection, petition_id: i64) -> Result<(ThreadState, PetitionMeta), AppError> {
    let meta = moderation::petition_meta(&mut *ex, petition_id).await?.ok_or(AppError::NotFound)?;
    let st = PetitionState::from_code(&meta.state).ok_or(AppError::NotFound)?;
    if !st.is_public() || st == PetitionState::Rejected {
        return Err(AppError::NotFound);
    }
    let s = if meta.locked {
        ThreadState::Locked
    } else if state.config.comment_states.contains(&st) {
        ThreadState::Open
    } else {
        ThreadState::Closed
    };
    Ok((s, meta))
}

/// One page of a petition's discussion for this viewer.
pub async fn thread(state: &AppState, me: Option<&SessionUser>, petition_id: i64, sort: &str, page: i64) -> Result<Thread, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let (thread_state, meta) = thread_meta(state, &mut conn, petition_id).await?;
    let proposer = meta.proposer;
    let sort = Sort::from_code(sort);
    // Kept on the petition by every insert, so a long thread costs no count.
    let (total_top, total) = (meta.top_comments, meta.comments);
    let pages = ((total_top + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let top = comments::top_page(&mut *conn, petition_id, sort, (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
    let replies = comments::replies(&mut *conn, &top.iter().map(|c| c.id).collect::<Vec<_>>()).await?;
    let ids: Vec<i64> = top.iter().chain(replies.iter()).map(|c| c.id).collect();
    let votes = match me {
        Some(me) => comments::votes_of(&mut *conn, me.user_id, &ids).await?,
        None => HashMap::new(),
    };
    let agencies = match me {
        Some(me) => guard::agencies_served(&mut *conn, me).await?,
        None => Vec::new(),
    };
    let open = thread_state == ThreadState::Open;
    let view = |c: &CommentRow| view_of(c, me, proposer, now, open, votes.get(&c.id).copied().unwrap_or(0));
    // Depth-first: replies follow their parent, oldest first.
    let mut children: HashMap<i64, Vec<&CommentRow>> = HashMap::new();
    for r in &replies {
        children.entry(r.parent_id.unwrap_or(0)).or_default().push(r);
    }
    let mut out = Vec::with_capacity(ids.len());
    for t in &top {
        let mut stack = vec![t];
        while let Some(c) = stack.pop() {
            out.push(view(c));
            if let Some(kids) = children.get(&c.id) {
                stack.extend(kids.iter().rev());
            }
        }
    }
    Ok(Thread {
        petition_id,
        comments: out,
        sort: sort.code().into(),
        page,
        pages,
        total_top,
        total,
        viewer_is_proposer: me.is_some_and(|m| m.user_id == proposer),
        state: thread_state,
        logged_in: me.is_some(),
        suspended_until: me.and_then(|m| m.suspended_until).filter(|u| *u > now),
        agencies,
        is_moderator: me.is_some_and(|m| guard::may(m, Permission::Moderate)),
        content_status: meta.content_status,
        content_reason: meta.content_reason,
    })
}

fn view_of(c: &CommentRow, me: Option<&SessionUser>, proposer: i64, now: Timestamp, open: bool, my_vote: i64) -> CommentView {
    let mine = me.is_some_and(|m| m.user_id == c.author_id);
    let body = if c.deleted_at.is_some() {
        CommentBody::Deleted
    } else if c.status == "hidden" {
        CommentBody::Hidden(c.status_reason.clone().unwrap_or_default())
    } else if c.status == "held" {
        CommentBody::Held
    } else if is_suspended(c.author_suspended_until, now) {
        CommentBody::AuthorSuspended
    } else {
        CommentBody::Html(crate::server::markdown::render_comment(&c.body))
    };
    let shown = matches!(body, CommentBody::Html(_));
    let badge = match &c.agency {
        Some((id, zh, en)) => Badge::Agency(AgencyView { id: *id, code: String::new(), name_zh: zh.clone(), name_en: en.clone() }),
        None if c.author_id == proposer => Badge::Proposer,
        None => Badge::None,
    };
    CommentView {
        id: c.id,
        parent_id: c.parent_id,
        depth: c.depth,
        // A deleted comment keeps its place, not its author.
        author: if c.deleted_at.is_some() { String::new() } else { c.author_name.clone() },
        badge,
        source: (mine && shown && editable(c.created_at, now)).then(|| c.body.clone()),
        body,
        created_at: c.created_at,
        edited: c.edited_at.is_some(),
        up: c.up_votes,
        down: c.down_votes,
        my_vote,
        mine,
        can_reply: open && shown && c.depth < MAX_DEPTH,
    }
}
