//! A moderator's decision on an item: dismiss the reports, hide, restore, lock or unlock
//! a discussion, suspend or reinstate an account. A reason is required for each.
use super::regulation_comment::move_to as regulation_to;
use super::{Item, excerpt, load_item, text_excerpt};
use crate::domain::discussion::{ActionKind, Reason, Target, parse_decision, parse_suspension};
use crate::domain::time::Timestamp;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::moderation::{self, NewAction};
use crate::server::db::{comments, deliberation as conversations, outbox, users};
use crate::server::state::AppState;

/// A decision as the form sends it.
pub struct Decision<'a> {
    /// "comment:12", "petition:3", "statement:5", "regulation_comment:4" or "user:7"
    pub target: &'a str,
    pub kind: &'a str,
    pub reason: &'a str,
    pub explanation: &'a str,
    /// For a suspension: "1", "7", "30", "90" or "permanent".
    pub length: &'a str,
}

/// Make the decision's change; `Conflict` if it does not fit the item's state.
pub(super) async fn apply(
    tx: &mut sqlx::AnyConnection,
    kind: ActionKind,
    item: &Item,
    reason: Reason,
    until: Option<Timestamp>,
    now: Timestamp,
) -> Result<(), AppError> {
    let held_or_hidden = item.status == "held" || item.status == "hidden";
    match (kind, item.target) {
        (ActionKind::Dismiss, Target::Comment(id)) if item.status == "held" => comments::set_status(&mut *tx, id, "visible", None).await?,
        (ActionKind::Dismiss, Target::Petition(id)) if item.status == "held" => moderation::set_petition_content(&mut *tx, id, "visible", None).await?,
        (ActionKind::Dismiss, Target::Statement(id)) if item.status == "held" => statement_to(&mut *tx, id, "pending", "shown", now).await?,
        (ActionKind::Dismiss, Target::RegulationComment(_)) if item.status == "held" => regulation_to(&mut *tx, item, "visible", None).await?,
        (ActionKind::Dismiss, Target::Comment(_) | Target::Petition(_) | Target::Statement(_) | Target::RegulationComment(_)) => {}
        (ActionKind::Hide, Target::Statement(id)) if item.status == "visible" => statement_to(&mut *tx, id, "shown", "hidden", now).await?,
        (ActionKind::Hide, Target::Statement(id)) if item.status == "held" => statement_to(&mut *tx, id, "pending", "hidden", now).await?,
        (ActionKind::Restore, Target::Statement(id)) if item.status == "held" => statement_to(&mut *tx, id, "pending", "shown", now).await?,
        (ActionKind::Restore, Target::Statement(id)) if item.status == "hidden" => {
            // Hidden by a moderator or rejected in strict mode: either way it is shown again.
            if !conversations::set_status(&mut *tx, id, "hidden", "shown").await? {
                statement_to(&mut *tx, id, "declined", "shown", now).await?
            }
        }
        (ActionKind::Hide, Target::RegulationComment(_)) if item.status != "hidden" => regulation_to(&mut *tx, item, "hidden", Some(reason.code())).await?,
        (ActionKind::Restore, Target::RegulationComment(_)) if held_or_hidden => regulation_to(&mut *tx, item, "visible", None).await?,
        (ActionKind::Hide, Target::Comment(id)) if item.status != "hidden" && item.status != "deleted" => {
            comments::set_status(&mut *tx, id, "hidden", Some(reason.code())).await?
        }
        (ActionKind::Hide, Target::Petition(id)) if item.status != "hidden" => {
            moderation::set_petition_content(&mut *tx, id, "hidden", Some(reason.code())).await?
        }
        (ActionKind::Restore, Target::Comment(id)) if held_or_hidden => comments::set_status(&mut *tx, id, "visible", None).await?,
        (ActionKind::Restore, Target::Petition(id)) if held_or_hidden => moderation::set_petition_content(&mut *tx, id, "visible", None).await?,
        // Only a petition's discussion can be locked (a consultation's closes on its date).
        (ActionKind::Lock, Target::Comment(_) | Target::Petition(_)) if !item.locked && item.petition_id.is_some() => {
            moderation::set_locked(&mut *tx, item.petition_id.unwrap_or(0), true).await?
        }
        (ActionKind::Unlock, Target::Comment(_) | Target::Petition(_)) if item.locked && item.petition_id.is_some() => {
            moderation::set_locked(&mut *tx, item.petition_id.unwrap_or(0), false).await?
        }
        (ActionKind::Suspend, _) => moderation::set_suspended(&mut *tx, item.subject, until).await?,
        (ActionKind::LiftSuspension, _) => {
            let u = users::by_id(&mut *tx, item.subject).await?.ok_or(AppError::NotFound)?;
            if u.suspended_until.is_none() {
                return Err(AppError::Conflict);
            }
            moderation::set_suspended(&mut *tx, item.subject, None).await?
        }
        _ => return Err(AppError::Conflict),
    }
    Ok(())
}

/// Move a statement between states, the map job recomputing; `Conflict` if it moved meanwhile.
async fn statement_to(tx: &mut sqlx::AnyConnection, id: i64, from: &str, to: &str, now: Timestamp) -> Result<(), AppError> {
    if !conversations::set_status(&mut *tx, id, from, to).await? {
        return Err(AppError::Conflict);
    }
    if let Some(s) = conversations::statement(&mut *tx, id).await? {
        conversations::touch(&mut *tx, s.conversation_id, now).await?;
    }
    Ok(())
}

/// Where the log files a decision: suspensions concern the account, locks the petition.
fn log_target(kind: ActionKind, item: &Item) -> Target {
    match kind {
        ActionKind::Suspend | ActionKind::LiftSuspension => Target::User(item.subject),
        ActionKind::Lock | ActionKind::Unlock => Target::Petition(item.petition_id.unwrap_or(0)),
        _ => item.target,
    }
}

/// The excerpt shown publicly: never for an account, never when the content is the problem.
pub(super) fn public_excerpt(kind: ActionKind, item: &Item, reason: Reason) -> Option<String> {
    match (kind, item.target) {
        (ActionKind::Suspend | ActionKind::LiftSuspension, _) | (_, Target::User(_)) => None,
        (ActionKind::Hide, _) if reason.content_is_the_problem() => None,
        // Comments are Markdown: the log shows their text, not their markup.
        (_, Target::Comment(_)) => Some(text_excerpt(&item.content)),
        _ => Some(excerpt(&item.content)),
    }
}

#[tracing::instrument(skip_all, fields(user = me.user_id, target = d.target, kind = d.kind))]
pub async fn decide(state: &AppState, me: &SessionUser, d: Decision<'_>) -> Result<i64, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let kind = ActionKind::from_code(d.kind).filter(|k| !matches!(k, ActionKind::AppealUpheld | ActionKind::AppealRejected)).ok_or(AppError::NotFound)?;
    let target = Target::parse(d.target).ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let until = if kind == ActionKind::Suspend { errors.check("length", parse_suspension(d.length, now)) } else { None };
    let decision = parse_decision(d.reason, d.explanation);
    let (reason, explanation) = match decision {
        Ok(ok) if errors.is_empty() => ok,
        Ok(_) => return Err(AppError::Invalid(errors)),
        Err(mut e) => {
            e.0.extend(errors.0);
            return Err(AppError::Invalid(e));
        }
    };
    let mut tx = state.db.begin().await?;
    let item = load_item(&mut tx, target).await?;
    guard::allow(me, Permission::NotOwn { owner: item.subject })?;
    // Staff are suspended by an administrator, not by a fellow moderator.
    if kind == ActionKind::Suspend && !guard::may(me, Permission::Administer) && !users::roles(&mut **tx, item.subject).await?.is_empty() {
        return Err(AppError::Forbidden);
    }
    apply(&mut tx, kind, &item, reason, until, now).await?;
    let resolves = matches!(kind, ActionKind::Dismiss | ActionKind::Hide | ActionKind::Restore)
        || matches!((kind, target), (ActionKind::Lock | ActionKind::Unlock, Target::Petition(_)));
    let (reports, first) = if resolves { moderation::open_reports(&mut **tx, target).await? } else { (0, None) };
    let logged = log_target(kind, &item);
    let action_id = moderation::add_action(
        &mut tx,
        NewAction {
            kind: kind.code(),
            target: logged,
            petition_id: item.petition_id,
            subject_user_id: Some(item.subject),
            reason: reason.code(),
            explanation: &explanation,
            excerpt: public_excerpt(kind, &item, reason).as_deref(),
            moderator_id: me.user_id,
            now,
            first_report_at: first,
            reports,
            suspended_until: until,
            appeal_of: None,
        },
    )
    .await?;
    if resolves {
        moderation::resolve_reports(&mut **tx, target, action_id, now).await?;
    }
    if kind != ActionKind::Dismiss
        && let Some(u) = users::by_id(&mut **tx, item.subject).await?
    {
        let mail = super::emails::decision(&u.locale, &u.email, &u.display_name, kind, reason, &explanation, until, &state.config.base_url, action_id);
        outbox::enqueue(&mut **tx, &mail, now).await?;
    }
    users::audit(&mut **tx, Some(me.user_id), &format!("moderation.{}", kind.code()), &logged.key(), &target.key(), now).await?;
    tx.commit().await?;
    if matches!(kind, ActionKind::Suspend | ActionKind::LiftSuspension) {
        state.sessions_changed();
    }
    Ok(action_id)
}
