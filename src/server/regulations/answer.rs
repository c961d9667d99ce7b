//! After the period the agency answers every comment (one answer may cover several), then
//! publishes its overall statement; until then the notice is awaiting answers, overdue after
//! the due date. It may publish revised versions and finally issue the text.
use super::{comment_view, summary};
use crate::domain::regulation::notice::{Phase, parse_answer, parse_note, parse_overall, parse_text};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::regulations::{RegulationCommentView, RegulationWorkspace};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::regulation_comments::{self as comments, CommentRow};
use crate::server::db::regulations::{self as db, RegulationRow};
use crate::server::db::users;
use crate::server::state::AppState;

/// The notice, if `me` serves its agency and it is published.
async fn managed(ex: &mut sqlx::AnyConnection, me: &SessionUser, id: i64) -> Result<RegulationRow, AppError> {
    guard::allow(me, Permission::ActForAgency)?;
    let r = db::get(&mut *ex, id).await?.filter(|r| r.published_at.is_some()).ok_or(AppError::NotFound)?;
    if !guard::serves(&mut *ex, me, r.agency.id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(r)
}

fn after_period(phase: Phase) -> bool {
    matches!(phase, Phase::AwaitingAnswers | Phase::Overdue)
}

/// Comments may be answered at any time after the period: also after the overall statement
/// or the final text, since a moderator may restore a hidden comment, which is then owed one.
fn may_answer(phase: Phase) -> bool {
    !matches!(phase, Phase::Draft | Phase::Open)
}

/// A comment as the agency's officers answer it. Holding is about public display: a held
/// comment (awaiting review) is still owed an answer, so its officers read its text, marked
/// `withheld` (in the workspace that means held; hidden ones are not listed).
fn officer_view(c: &CommentRow, me: &SessionUser) -> RegulationCommentView {
    let mut view = comment_view(c, Some(me));
    if c.status == "held" {
        view.body = c.body.clone();
        view.wording = c.wording.clone();
    }
    view
}

pub async fn workspace(state: &AppState, me: &SessionUser, id: i64) -> Result<RegulationWorkspace, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let r = managed(&mut conn, me, id).await?;
    let all = comments::of_notice(&mut *conn, id).await?;
    // Hidden by a moderator: no answer is owed (it neither counts nor blocks the statement).
    let shown = all.iter().filter(|c| c.status != "hidden");
    let (answered, unanswered): (Vec<_>, Vec<_>) = shown.partition(|c| c.answer.is_some());
    let phase = r.dates().phase(now);
    let latest = db::versions(&mut *conn, id).await?.last().map(|v| v.number).unwrap_or(1);
    drop(conn);
    // A new version starts from the latest text, which the officer edits.
    let (draft, comparison) = super::text_of(&state.db.read_pool, id, latest).await?;
    Ok(RegulationWorkspace {
        draft,
        comparison,
        may_answer: may_answer(phase) && !unanswered.is_empty(),
        may_conclude: after_period(phase) && unanswered.is_empty(),
        may_revise: after_period(phase) || phase == Phase::Answered,
        may_issue: phase == Phase::Answered,
        unanswered: unanswered.iter().map(|c| officer_view(c, me)).collect(),
        answered: answered.iter().map(|c| officer_view(c, me)).collect(),
        latest,
        summary: summary(&r, now),
    })
}

/// Answer the ticked comments at once; returns how many were answered.
#[tracing::instrument(skip_all, fields(user = me.user_id, regulation = id))]
pub async fn answer(state: &AppState, me: &SessionUser, id: i64, ticked: &[String], outcome: &str, reason: &str) -> Result<u64, AppError> {
    let now = state.now();
    let (outcome, reason, ids) = parse_answer(outcome, reason, ticked).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let r = managed(&mut tx, me, id).await?;
    if !may_answer(r.dates().phase(now)) {
        return Err(AppError::Conflict);
    }
    let n = comments::answer(&mut tx, id, &ids, outcome.code(), &reason, me.user_id, now).await?;
    // Every ticked comment must be this notice's and still unanswered (a colleague may have
    // answered one meanwhile): all or nothing.
    if n != ids.len() as u64 {
        return Err(AppError::Invalid(FieldErrors::one("comments", FieldError::UnknownChoice)));
    }
    users::audit(&mut **tx, Some(me.user_id), "regulation.answer", &format!("regulation:{id}"), &format!("{} {n}", outcome.code()), now).await?;
    tx.commit().await?;
    Ok(n)
}

/// Publish the overall statement once every comment has its answer.
#[tracing::instrument(skip_all, fields(user = me.user_id, regulation = id))]
pub async fn conclude(state: &AppState, me: &SessionUser, id: i64, overall: &str) -> Result<(), AppError> {
    let now = state.now();
    let text = parse_overall(overall).map_err(|e| AppError::Invalid(FieldErrors::one("overall", e)))?;
    let mut tx = state.db.begin().await?;
    let r = managed(&mut tx, me, id).await?;
    if !after_period(r.dates().phase(now)) || comments::unanswered(&mut **tx, id).await? > 0 {
        return Err(AppError::Conflict);
    }
    if !db::set_overall(&mut **tx, id, &text, now).await? {
        return Err(AppError::Conflict);
    }
    users::audit(&mut **tx, Some(me.user_id), "regulation.conclude", &format!("regulation:{id}"), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Publish a revised version after the period; returns its number. Comments stay on the
/// version and article they were made on.
#[tracing::instrument(skip_all, fields(user = me.user_id, regulation = id))]
pub async fn revise(state: &AppState, me: &SessionUser, id: i64, draft: &str, comparison: &str, note: &str) -> Result<i64, AppError> {
    let now = state.now();
    let mut e = FieldErrors::new();
    let note = e.check("note", parse_note(note));
    let text = parse_text(draft, comparison, &mut e);
    let (Some(note), Some(text)) = (note, text) else { return Err(AppError::Invalid(e)) };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let mut tx = state.db.begin().await?;
    managed(&mut tx, me, id).await?;
    // Held first, and read again: a colleague's version or issue meanwhile is seen, not raced.
    if !db::lock_unissued(&mut **tx, id).await? {
        return Err(AppError::Conflict);
    }
    let r = db::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    let phase = r.dates().phase(now);
    if !(after_period(phase) || phase == Phase::Answered) {
        return Err(AppError::Conflict);
    }
    let number = db::versions(&mut **tx, id).await?.last().map(|v| v.number).unwrap_or(0) + 1;
    db::add_version(&mut tx, id, number, &text, &note, me.user_id, now).await?;
    users::audit(&mut **tx, Some(me.user_id), "regulation.revise", &format!("regulation:{id}"), &number.to_string(), now).await?;
    tx.commit().await?;
    Ok(number)
}

/// Issue the final text (the latest version), once the answers are complete.
#[tracing::instrument(skip_all, fields(user = me.user_id, regulation = id))]
pub async fn issue(state: &AppState, me: &SessionUser, id: i64) -> Result<(), AppError> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    managed(&mut tx, me, id).await?;
    if !db::lock_unissued(&mut **tx, id).await? {
        return Err(AppError::Conflict);
    }
    // Read after the lock: the version issued is the latest, a new one being added meanwhile included.
    let latest = db::versions(&mut **tx, id).await?.last().map(|v| v.number).ok_or(AppError::NotFound)?;
    if !db::issue(&mut **tx, id, latest, now).await? {
        return Err(AppError::Conflict);
    }
    users::audit(&mut **tx, Some(me.user_id), "regulation.issue", &format!("regulation:{id}"), "", now).await?;
    tx.commit().await?;
    Ok(())
}
