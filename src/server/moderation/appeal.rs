//! Appeals: the person a decision concerns may appeal it once, with text; a different
//! moderator (or an admin) decides. Upholding an appeal reverses the decision.
use super::act::{apply, public_excerpt};
use super::load_item;
use super::log::entry;
use crate::domain::discussion::{APPEAL_MIN, ActionKind, EXPLANATION_MAX, Reason, parse_decision};
use crate::domain::petition::proposal::text;
use crate::domain::validation::FieldErrors;
use crate::dto::discussion::{AppealView, DecisionView};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::moderation::{self, NewAction};
use crate::server::db::{outbox, users};
use crate::server::state::AppState;

/// A decision as its subject (or a moderator) sees it.
pub async fn view(state: &AppState, me: &SessionUser, action_id: i64) -> Result<DecisionView, AppError> {
    let a = moderation::get_action(&state.db.pool, action_id).await?.ok_or(AppError::NotFound)?;
    let subject = a.subject_user_id.is_some_and(|owner| guard::may(me, Permission::Own { owner }));
    if !subject && !guard::may(me, Permission::Moderate) {
        return Err(AppError::NotFound);
    }
    let appeal = moderation::appeal_of_action(&state.db.pool, action_id).await?;
    let kind = ActionKind::from_code(&a.kind);
    Ok(DecisionView {
        appealable: kind.is_some_and(|k| k.appealable()) && appeal.is_none() && subject,
        action: entry(&a, guard::may(me, Permission::Administer)),
        appeal: appeal.map(|p| AppealView { text: p.text, created_at: p.created_at, decided_at: p.decided_at, upheld: p.upheld }),
    })
}

/// File the one appeal allowed against a decision.
#[tracing::instrument(skip_all, fields(user = me.user_id, action = action_id))]
pub async fn file(state: &AppState, me: &SessionUser, action_id: i64, appeal_text: &str) -> Result<(), AppError> {
    let now = state.now();
    let a = moderation::get_action(&state.db.pool, action_id).await?.ok_or(AppError::NotFound)?;
    if !a.subject_user_id.is_some_and(|owner| guard::may(me, Permission::Own { owner })) {
        return Err(AppError::Forbidden);
    }
    if !ActionKind::from_code(&a.kind).is_some_and(|k| k.appealable()) {
        return Err(AppError::Conflict);
    }
    let body = text(appeal_text, APPEAL_MIN, EXPLANATION_MAX, true).map_err(|e| AppError::Invalid(FieldErrors::one("appeal_text", e)))?;
    let mut tx = state.db.begin().await?;
    if !moderation::add_appeal(&mut tx, action_id, me.user_id, &body, now).await? {
        return Err(AppError::Conflict);
    }
    users::audit(&mut **tx, Some(me.user_id), "moderation.appeal", &action_id.to_string(), "", now).await?;
    tx.commit().await?;
    Ok(())
}

fn reversal(kind: ActionKind) -> Option<ActionKind> {
    match kind {
        ActionKind::Hide => Some(ActionKind::Restore),
        ActionKind::Lock => Some(ActionKind::Unlock),
        ActionKind::Suspend => Some(ActionKind::LiftSuspension),
        _ => None,
    }
}

/// Decide an appeal: uphold (reverse the decision) or reject, with a reason.
#[tracing::instrument(skip_all, fields(user = me.user_id, appeal = appeal_id))]
pub async fn decide(state: &AppState, me: &SessionUser, appeal_id: i64, uphold: bool, reason: &str, explanation: &str) -> Result<i64, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let appeal = moderation::get_appeal(&state.db.pool, appeal_id).await?.ok_or(AppError::NotFound)?;
    let original = moderation::get_action(&state.db.pool, appeal.action_id).await?.ok_or(AppError::NotFound)?;
    // Someone else must look again: not the moderator who decided, not the appellant.
    guard::allow(me, Permission::NotOwn { owner: original.moderator_id })?;
    guard::allow(me, Permission::NotOwn { owner: appeal.user_id })?;
    let (reason, explanation): (Reason, String) = parse_decision(reason, explanation).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, original.target).await?;
    if uphold && let Some(undo) = ActionKind::from_code(&original.kind).and_then(reversal) {
        // Already undone meanwhile (e.g. restored by another decision): nothing left to change.
        match apply(&mut tx, undo, &item, reason, None, now).await {
            Ok(()) | Err(AppError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    let kind = if uphold { ActionKind::AppealUpheld } else { ActionKind::AppealRejected };
    let action_id = moderation::add_action(
        &mut tx,
        NewAction {
            kind: kind.code(),
            target: original.target,
            petition_id: original.petition_id,
            subject_user_id: Some(appeal.user_id),
            reason: reason.code(),
            explanation: &explanation,
            excerpt: public_excerpt(ActionKind::from_code(&original.kind).unwrap_or(ActionKind::Hide), &item, reason)
                .filter(|_| original.excerpt.is_some())
                .as_deref(),
            moderator_id: me.user_id,
            now,
            first_report_at: Some(appeal.created_at),
            reports: 0,
            suspended_until: None,
            appeal_of: Some(original.id),
        },
    )
    .await?;
    if !moderation::decide_appeal(&mut **tx, appeal_id, me.user_id, uphold, action_id, now).await? {
        return Err(AppError::Conflict);
    }
    if let Some(u) = users::by_id(&mut **tx, appeal.user_id).await? {
        let mail = super::emails::appeal_decided(&u.locale, &u.email, &u.display_name, uphold, &explanation, &state.config.base_url, original.id);
        outbox::enqueue(&mut **tx, &mail, now).await?;
    }
    users::audit(&mut **tx, Some(me.user_id), &format!("moderation.{}", kind.code()), &original.id.to_string(), "", now).await?;
    tx.commit().await?;
    if uphold && original.kind == ActionKind::Suspend.code() {
        state.sessions_changed();
    }
    Ok(action_id)
}
