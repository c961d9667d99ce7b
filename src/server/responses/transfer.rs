//! Moving the lead role (Join's 主辦) to another agency: the lead asks with a reason;
//! the receiving agency accepts or declines, or an admin decides. An admin's own request
//! takes effect at once (correcting an assignment). The deadline never resets.
use super::{access, both_names};
use crate::domain::petition::PetitionState;
use crate::domain::response::TRANSFER_REASON_MIN;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::common::AgencyView;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::petitions::PetitionRow;
use crate::server::db::{agencies, lead_transfers, petitions, response_notices, users};
use crate::server::state::AppState;

#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn request(state: &AppState, me: &SessionUser, id: i64, to: &str, reason: &str) -> Result<(), AppError> {
    let now = state.now();
    let admin = guard::may(me, Permission::Administer);
    let mut tx = state.db.begin().await?;
    let a = access(&mut tx, me, id).await?;
    if !(a.serves_lead() || admin) {
        return Err(AppError::Forbidden);
    }
    if a.row.petition.state != PetitionState::Established {
        return Err(AppError::Conflict);
    }
    let lead = a.lead().cloned().ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let same_jurisdiction: Vec<_> =
        agencies::all_by_jurisdiction(&mut **tx).await?.into_iter().filter(|(j, _)| *j == a.row.jurisdiction_id).map(|(_, ag)| ag).collect();
    let target = match to.trim().parse::<i64>().ok().and_then(|t| same_jurisdiction.iter().find(|ag| ag.id == t)) {
        Some(t) if t.id != lead.id => Some(t.clone()),
        _ if to.trim().is_empty() => {
            errors.add("to_agency", FieldError::Required);
            None
        }
        _ => {
            errors.add("to_agency", FieldError::UnknownChoice);
            None
        }
    };
    let reason = errors.check("transfer_reason", crate::domain::petition::proposal::text(reason, TRANSFER_REASON_MIN, 1000, true));
    let (Some(target), Some(reason)) = (target, reason) else { return Err(AppError::Invalid(errors)) };
    let direct = admin && !a.serves_lead();
    let tid = file(&mut tx, state, &a.row, &lead, &target, &reason, me.user_id, !direct).await?;
    if direct {
        apply(&mut tx, id, tid, &lead, &target, &reason, me.user_id, now, &state.config.base_url).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Record a pending request to move the lead from `lead` to `target` and ask the
/// receiving agency's officers (when `ask`); nothing changes until they (or an admin) accept.
#[allow(clippy::too_many_arguments)]
pub async fn file(
    tx: &mut crate::server::db::Tx,
    state: &AppState,
    row: &PetitionRow,
    lead: &AgencyView,
    target: &AgencyView,
    reason: &str,
    by: i64,
    ask: bool,
) -> Result<i64, AppError> {
    let now = state.now();
    if lead_transfers::pending_transfer(&mut ***tx, row.id).await?.is_some() {
        return Err(AppError::Conflict);
    }
    let tid = lead_transfers::request_transfer(&mut ***tx, row.id, lead.id, target.id, reason, by, now).await?;
    users::audit(&mut ***tx, Some(by), "response.transfer_request", &row.id.to_string(), &format!("agency:{}", target.id), now).await?;
    for (email, name, locale) in if ask { response_notices::officers(&mut ***tx, target.id).await? } else { Vec::new() } {
        let mail = super::emails::transfer_requested(&locale, &email, &name, &row.title, &state.config.base_url);
        crate::server::db::outbox::enqueue(&mut ***tx, &mail, now).await?;
    }
    Ok(tid)
}

#[allow(clippy::too_many_arguments)]
async fn apply(
    tx: &mut crate::server::db::Tx,
    id: i64,
    transfer_id: i64,
    from: &AgencyView,
    to: &AgencyView,
    reason: &str,
    user_id: i64,
    now: crate::domain::time::Timestamp,
    base_url: &str,
) -> Result<(), AppError> {
    if !lead_transfers::decide_transfer(&mut ***tx, transfer_id, true, user_id, now).await? {
        return Err(AppError::Conflict);
    }
    lead_transfers::set_lead(tx, id, from.id, to.id).await?;
    // Public, with the reason; the response deadline stays as it was.
    petitions::add_event(&mut ***tx, id, now, "lead_transferred", &format!("{}|{}|{reason}", both_names(from), both_names(to))).await?;
    crate::server::follows::record(tx, id, crate::server::follows::Event::Transferred, now).await?;
    users::audit(&mut ***tx, Some(user_id), "response.transfer_accept", &id.to_string(), &format!("agency:{}", to.id), now).await?;
    let news = crate::server::petitions::emails::News::Transferred { from, to, reason };
    crate::server::petitions::emails::tell_proposer_of(tx, id, news, base_url, now).await?;
    Ok(())
}

/// The receiving agency's officers (or an admin) accept or decline.
#[tracing::instrument(skip_all, fields(user = me.user_id, transfer = transfer_id))]
pub async fn decide(state: &AppState, me: &SessionUser, transfer_id: i64, accept: bool) -> Result<i64, AppError> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let t = lead_transfers::transfer_by_id(&mut **tx, transfer_id).await?.ok_or(AppError::NotFound)?;
    let serves_target = guard::serves(&mut **tx, me, t.to.id).await?;
    if !(serves_target || guard::may(me, Permission::Administer)) {
        return Err(AppError::Forbidden);
    }
    if accept {
        apply(&mut tx, t.petition_id, t.id, &t.from, &t.to, &t.reason, me.user_id, now, &state.config.base_url).await?;
    } else {
        if !lead_transfers::decide_transfer(&mut **tx, t.id, false, me.user_id, now).await? {
            return Err(AppError::Conflict);
        }
        users::audit(&mut **tx, Some(me.user_id), "response.transfer_decline", &t.petition_id.to_string(), &format!("agency:{}", t.to.id), now).await?;
    }
    tx.commit().await?;
    Ok(t.petition_id)
}
