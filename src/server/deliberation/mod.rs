//! Deliberation on a petition (Pol.is-style): people write short statements and vote on
//! others' one at a time; a leased job turns the votes into an opinion map that pages read.
pub mod map;
pub mod moderate;
pub mod vote;
pub mod write;

use crate::domain::statement::Choice;
use crate::dto::deliberation::{DeliberationPage, StatementView, Subject};
use crate::dto::discussion::ThreadState;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::deliberation::{self as db, StatementRow};
use crate::server::discussion::thread_meta;
use crate::server::state::AppState;

/// Conversations on petitions are keyed by this kind (consultations by theirs).
pub const PETITION: &str = "petition";

/// A statement as pages show it (every page and form that lists statements uses this).
pub(crate) fn view(s: &StatementRow) -> StatementView {
    StatementView { id: s.id, body: s.body.clone(), agree: s.agree, disagree: s.disagree, pass: s.pass, seed: s.seed }
}

/// What a conversation's subject says about taking part in it.
pub(crate) struct About {
    /// Statements and votes are taken now: the petition's discussion is open, or the
    /// consultation is between its opening and closing.
    pub open: bool,
    pub title: String,
    /// Its proposer (a petition), whose statements are seeds.
    pub proposer: Option<i64>,
    /// The agencies whose officers' statements are seeds.
    pub agencies: Vec<i64>,
}

/// The subject of a conversation as this reading sees it; not found unless it is public.
pub(crate) async fn about(state: &AppState, conn: &mut sqlx::AnyConnection, subject: Subject) -> Result<About, AppError> {
    match subject {
        Subject::Petition(id) => {
            let (thread, meta) = thread_meta(state, conn, id).await?;
            let agencies = crate::server::db::responses::agencies_for(&mut *conn, id, 0).await?.into_iter().map(|(a, _)| a.id).collect();
            Ok(About { open: thread == ThreadState::Open, title: meta.title, proposer: Some(meta.proposer), agencies })
        }
        Subject::Consultation(id) => {
            let c = crate::server::db::consultations::get(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
            let now = state.now();
            Ok(About { open: c.opens_at <= now && now < c.closes_at && c.concluded_at.is_none(), title: c.title, proposer: None, agencies: vec![c.agency.id] })
        }
    }
}

/// The subject a form named, or not found.
pub fn subject_of(kind: &str, id: i64) -> Result<Subject, AppError> {
    Subject::from_parts(kind, id).ok_or(AppError::NotFound)
}

/// The deliberation page of a petition or consultation for this viewer: the next statement
/// to vote on, the statements with their counts, and the last computed map with the
/// viewer's place on it.
pub async fn page(state: &AppState, me: Option<&SessionUser>, subject: Subject) -> Result<DeliberationPage, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let About { open, title, .. } = about(state, &mut conn, subject).await?;
    let conversation = db::find(&mut *conn, subject.kind(), subject.id()).await?;
    let may_moderate = me.is_some_and(|m| guard::may(m, Permission::Moderate));
    let blocked = me.and_then(|m| guard::allow(m, Permission::TakePart { now }).err());
    let mut page = DeliberationPage {
        subject,
        title,
        open,
        signed_in: me.is_some(),
        blocked,
        strict: conversation.as_ref().is_some_and(|c| c.strict),
        may_moderate,
        next: None,
        voted: 0,
        remaining: 0,
        statements: Vec::new(),
        mine: Vec::new(),
        my_pending: Vec::new(),
        pending: Vec::new(),
        map: None,
        you: None,
        your_group: None,
    };
    let Some(c) = conversation else { return Ok(page) };
    let all = db::statements(&mut *conn, c.id, "").await?;
    page.statements = all.iter().filter(|s| s.status == "shown").map(view).collect();
    if may_moderate {
        page.pending = all.iter().filter(|s| s.status == "pending").map(view).collect();
    }
    let stored = c.map_json.as_deref().and_then(map::Stored::parse);
    if let Some(me) = me {
        page.mine = all.iter().filter(|s| s.status == "shown" && s.author_id == me.user_id).map(|s| s.id).collect();
        page.my_pending = all.iter().filter(|s| s.status == "pending" && s.author_id == me.user_id).map(|s| s.body.clone()).collect();
        let mine: std::collections::HashSet<i64> = db::votes_of(&mut *conn, c.id, me.user_id).await?.into_iter().map(|(s, _)| s).collect();
        page.voted = mine.len() as i64;
        // The shown statements read above, less the ones this person voted on.
        let unvoted: Vec<StatementRow> = all.into_iter().filter(|s| s.status == "shown" && !mine.contains(&s.id)).collect();
        page.remaining = unvoted.len() as i64;
        if open && page.blocked.is_none() {
            page.next = map::next_statement(&unvoted, stored.as_ref(), rand::random::<f64>()).map(view);
        }
        if let Some(s) = &stored {
            (page.you, page.your_group) = s.place_of(me.user_id);
        }
    }
    page.map = stored.map(|s| s.view);
    Ok(page)
}

/// The choice a form sent, or a field error.
pub(crate) fn choice(raw: &str) -> Result<Choice, AppError> {
    Choice::from_code(raw)
        .ok_or_else(|| AppError::Invalid(crate::domain::validation::FieldErrors::one("choice", crate::domain::validation::FieldError::UnknownChoice)))
}

/// When the subject's map was last computed (0: not yet); not found unless it is public.
pub async fn map_version(state: &AppState, subject: Subject) -> Result<i64, AppError> {
    let mut conn = state.db.read_pool.acquire().await?;
    about(state, &mut conn, subject).await?;
    Ok(db::find(&mut *conn, subject.kind(), subject.id()).await?.filter(|c| c.map_json.is_some()).map_or(0, |c| c.computed_at.0))
}
