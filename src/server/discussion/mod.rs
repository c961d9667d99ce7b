//! Citizens discuss a petition or a consultation: the thread as a page, posting, editing, deleting,
//! voting and reporting. Permission checks come first in every action.
pub mod report;
pub mod vote;
pub mod write;

use crate::domain::consultation::Phase;
use crate::domain::discussion::{MAX_DEPTH, PAGE_SIZE, Sort, editable, is_suspended};
use crate::domain::petition::PetitionState;
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::deliberation::Subject;
use crate::dto::discussion::{Badge, CommentBody, CommentView, Thread, ThreadState};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::comments::{self, CommentRow};
use crate::server::db::consultations;
use crate::server::db::moderation::{self, PetitionMeta};
use crate::server::state::AppState;
use std::collections::HashMap;

/// Whether the discussion takes comments now, and who proposed its petition (if it is one).
pub async fn thread_state(state: &AppState, ex: &mut sqlx::AnyConnection, subject: Subject) -> Result<(ThreadState, Option<i64>), AppError> {
    let info = subject_info(state, ex, subject).await?;
    Ok((info.state, info.proposer))
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

/// What a thread shows of the petition or consultation it is on.
pub(crate) struct SubjectInfo {
    pub state: ThreadState,
    pub proposer: Option<i64>,
    pub comments: i64,
    pub top_comments: i64,
    pub content_status: String,
    pub content_reason: Option<String>,
}

async fn subject_info(state: &AppState, ex: &mut sqlx::AnyConnection, subject: Subject) -> Result<SubjectInfo, AppError> {
    match subject {
        Subject::Petition(id) => {
            let (s, m) = thread_meta(state, ex, id).await?;
            Ok(SubjectInfo {
                state: s,
                proposer: Some(m.proposer),
                comments: m.comments,
                top_comments: m.top_comments,
                content_status: m.content_status,
                content_reason: m.content_reason,
            })
        }
        Subject::Consultation(id) => {
            // Comments are taken while it is open, as statements are; before and after, the
            // thread is read only.
            let c = consultations::get(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
            let phase = c.dates().phase(state.now());
            let (comments, top_comments) = comments::counts(&mut *ex, subject).await?;
            Ok(SubjectInfo {
                state: if phase == Phase::Open { ThreadState::Open } else { ThreadState::Closed },
                proposer: None,
                comments,
                top_comments,
                content_status: "visible".into(),
                content_reason: None,
            })
        }
    }
}

/// One page of a petition's or consultation's discussion for this viewer.
pub async fn thread(state: &AppState, me: Option<&SessionUser>, subject: Subject, sort: &str, page: i64) -> Result<Thread, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let meta = subject_info(state, &mut conn, subject).await?;
    let (thread_state, proposer) = (meta.state.clone(), meta.proposer);
    let sort = Sort::from_code(sort);
    // Kept on the petition (or consultation) by every insert, so a long thread costs no count.
    let (total_top, total) = (meta.top_comments, meta.comments);
    let pages = ((total_top + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let top = comments::top_page(&mut *conn, subject, sort, (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
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
        subject,
        comments: out,
        sort: sort.code().into(),
        page,
        pages,
        total_top,
        total,
        viewer_is_proposer: me.is_some_and(|m| Some(m.user_id) == proposer),
        state: thread_state,
        logged_in: me.is_some(),
        suspended_until: me.and_then(|m| m.suspended_until).filter(|u| *u > now),
        agencies,
        is_moderator: me.is_some_and(|m| guard::may(m, Permission::Moderate)),
        content_status: meta.content_status,
        content_reason: meta.content_reason,
    })
}

fn view_of(c: &CommentRow, me: Option<&SessionUser>, proposer: Option<i64>, now: Timestamp, open: bool, my_vote: i64) -> CommentView {
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
        None if Some(c.author_id) == proposer => Badge::Proposer,
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
