//! The fraud console: what moderators see of a petition's signatures (groups, rates,
//! bursts; never who signed), bulk invalidation with a preview, a coded reason and a
//! restore, and what an invalidation does to the threshold. Permission checks first.
//!
//! Threshold rule: an invalidation that takes an established petition back below its
//! threshold before any agency has published anything undoes the establishment (back to
//! open, or closed if its window has ended; the deadline is cleared; agencies and the
//! proposer are told). After a publication the count is corrected and the state stays.
use crate::domain::fraud::{self, InvalidationReason, Selection};
use crate::domain::petition::{Command, PetitionState};
use crate::domain::time::{HOUR, Timestamp};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::fraud::{FraudAlert, FraudView, Group, Minute, SelectionForm};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::fraud::{self as repo, By};
use crate::server::db::{agencies, outbox, petitions, response_notices, users};
use crate::server::email::templates::compose_text;
use crate::server::error::ServerError;
use crate::server::state::AppState;

pub const EXPLANATION_MIN: usize = 10;
pub const EXPLANATION_MAX: usize = 1000;
const GROUPS: i64 = 10;

/// Read the form into a selection, or say what is wrong next to each field.
pub fn parse_selection(f: &SelectionForm) -> Result<Selection, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let mut time = |field: &str, s: &str| {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        errors.check(field, Timestamp::parse_taipei_local(s).ok_or(FieldError::UnknownChoice).map(Some)).flatten()
    };
    let from = time("from", &f.from);
    let until = time("until", &f.until);
    let sel = Selection { block: text(&f.block), domain: text(&f.domain), user_agent: text(&f.user_agent), from, until, flagged_only: f.flagged_only };
    if let (Some(a), Some(b)) = (sel.from, sel.until)
        && b <= a
    {
        errors.add("until", FieldError::TooSmall { min: 0 });
    }
    if !sel.is_narrow() {
        errors.add("block", FieldError::Required);
    }
    if errors.is_empty() { Ok(sel) } else { Err(errors) }
}

/// The console for one petition, with the preview of `form` when it is filled in.
pub async fn view(state: &AppState, me: &SessionUser, id: i64, form: Option<SelectionForm>) -> Result<FraudView, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let db = &state.db.read_pool;
    let row = petitions::get(db, id).await?.ok_or(AppError::NotFound)?;
    if !row.petition.state.is_public() {
        return Err(AppError::NotFound);
    }
    let now = state.now();
    let window = now.plus_millis(-HOUR);
    let (earlier, flagged, invalidated) = repo::tallies(db, id, window).await?;
    let usual = usual_rate(&row, earlier, window);
    let minutes = repo::per_minute(db, id, window).await?.into_iter().map(|(at, count)| Minute { at, count, burst: fraud::is_burst(count, usual) }).collect();
    let total = row.signature_count + flagged;
    let mark = |gs: Vec<Group>| gs.into_iter().map(|g| Group { cluster: !g.key.is_empty() && fraud::is_cluster(g.count, total), ..g }).collect::<Vec<_>>();
    let selection = form.clone().unwrap_or_default();
    let (preview, selection_errors) = match form.map(|f| parse_selection(&f)) {
        Some(Ok(sel)) => (Some(repo::count_selected(db, id, &sel).await?), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    Ok(FraudView {
        petition_id: id,
        title: row.title.clone(),
        signature_count: row.signature_count,
        threshold: row.petition.rules.signature_threshold,
        flagged,
        invalidated,
        minutes,
        usual_per_minute: usual,
        blocks: mark(repo::groups(db, id, By::Block, GROUPS).await?),
        domains: mark(repo::groups(db, id, By::Domain, GROUPS).await?),
        agents: mark(repo::groups(db, id, By::Agent, GROUPS).await?),
        invalidations: repo::for_petition(db, id).await?,
        selection,
        preview,
        selection_errors,
    })
}

/// Signatures per minute from opening until `window` (the `earlier` counted before it).
fn usual_rate(row: &petitions::PetitionRow, earlier: i64, window: Timestamp) -> f64 {
    let opened = row.petition.opened_at.unwrap_or(row.created_at);
    earlier as f64 / ((window.0 - opened.0) / 60_000).max(1) as f64
}

/// Invalidate the selected signatures; returns how many. They stop counting at once.
#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn invalidate(state: &AppState, me: &SessionUser, id: i64, form: &SelectionForm, reason: &str, explanation: &str) -> Result<i64, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let mut errors = FieldErrors::new();
    let sel = match parse_selection(form) {
        Ok(s) => Some(s),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let reason =
        errors.check("reason", InvalidationReason::from_code(reason).ok_or(if reason.is_empty() { FieldError::Required } else { FieldError::UnknownChoice }));
    let explanation = errors.check("explanation", crate::domain::petition::proposal::text(explanation, EXPLANATION_MIN, EXPLANATION_MAX, true));
    let (Some(sel), Some(reason), Some(explanation)) = (sel, reason, explanation) else { return Err(AppError::Invalid(errors)) };
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let row = petitions::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    if !PetitionState::COUNTED.contains(&row.petition.state) {
        return Err(AppError::Conflict);
    }
    let n = repo::count_selected(&mut **tx, id, &sel).await?;
    if n == 0 {
        return Err(AppError::Invalid(FieldErrors::one("block", FieldError::TooSmall { min: 1 })));
    }
    let selection = serde_json::to_string(&sel).unwrap_or_default();
    let inv = repo::record(&mut **tx, id, reason.code(), &explanation, &selection, n, me.user_id, now).await?;
    let taken = repo::invalidate(&mut **tx, id, &sel, inv).await? as i64;
    // Public: how many, when and why; no one's data.
    petitions::add_event(&mut **tx, id, now, "signatures_invalidated", &format!("{taken}|{}|{explanation}", reason.code())).await?;
    users::audit(&mut **tx, Some(me.user_id), "signatures.invalidate", &id.to_string(), &format!("{inv}: {taken} {selection}"), now).await?;
    log_action(&mut tx, "invalidate_signatures", id, reason.code(), &explanation, taken, me.user_id, now).await?;
    tx.commit().await?;
    settle(state, id).await?;
    Ok(taken)
}

/// Put an invalidation's signatures back (counts, and the threshold if crossed again).
#[tracing::instrument(skip_all, fields(user = me.user_id, invalidation = invalidation_id))]
pub async fn restore(state: &AppState, me: &SessionUser, invalidation_id: i64) -> Result<i64, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let (petition_id, inv) = repo::by_id(&mut **tx, invalidation_id).await?.ok_or(AppError::NotFound)?;
    let n = repo::restore(&mut tx, invalidation_id, me.user_id, now).await? as i64;
    if n == 0 {
        return Err(AppError::Conflict);
    }
    petitions::add_event(&mut **tx, petition_id, now, "signatures_restored", &n.to_string()).await?;
    users::audit(&mut **tx, Some(me.user_id), "signatures.restore", &petition_id.to_string(), &format!("{invalidation_id}: {n}"), now).await?;
    log_action(&mut tx, "restore_signatures", petition_id, &inv.reason, &inv.explanation, n, me.user_id, now).await?;
    tx.commit().await?;
    settle(state, petition_id).await?;
    Ok(petition_id)
}

/// The public moderation log's entry: kind, coded reason, explanation and how many.
#[allow(clippy::too_many_arguments)]
async fn log_action(
    tx: &mut crate::server::db::Tx,
    kind: &str,
    id: i64,
    reason: &str,
    explanation: &str,
    n: i64,
    by: i64,
    now: Timestamp,
) -> Result<(), AppError> {
    let count = n.to_string();
    let action = crate::server::db::moderation::NewAction {
        kind,
        target: crate::domain::discussion::Target::Petition(id),
        petition_id: Some(id),
        subject_user_id: None,
        reason,
        explanation,
        excerpt: Some(&count),
        moderator_id: by,
        now,
        first_report_at: None,
        reports: 0,
        suspended_until: None,
        appeal_of: None,
    };
    crate::server::db::moderation::add_action(tx, action).await?;
    Ok(())
}

/// Apply the count change now (not at the next roll-up), then the threshold rule.
async fn settle(state: &AppState, id: i64) -> Result<(), AppError> {
    while crate::server::petitions::counting::roll_up(state).await.map_err(internal)? > 0 {}
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let Some(mut row) = petitions::get(&mut **tx, id).await? else { return Ok(()) };
    if row.petition.state != PetitionState::Established || repo::any_response(&mut **tx, id).await? {
        return Ok(());
    }
    // The machine decides (open again, or closed if the window has ended, with the
    // crossing forgotten); the row changes only if it is still established.
    if row.petition.apply(Command::Invalidated { count: row.signature_count }, now).is_err() {
        return Ok(());
    }
    if !petitions::save_lifecycle(&mut **tx, id, PetitionState::Established, &row.petition, now).await? {
        return Ok(());
    }
    petitions::add_event(&mut **tx, id, now, "establishment_reversed", &row.signature_count.to_string()).await?;
    // The proposer and every agency's officers hear it from us, not from the page.
    let mut people = Vec::new();
    if let Some(u) = users::by_id(&mut **tx, row.proposer_id).await? {
        people.push((u.email, u.display_name, u.locale));
    }
    for a in agencies::for_petition(&mut **tx, id).await? {
        people.extend(response_notices::officers(&mut **tx, a.id).await?);
    }
    for (email, name, locale) in people.into_iter().filter(|p| !p.0.is_empty()) {
        let l = Locale::from_tag(&locale).unwrap_or_default();
        let link = format!("{}/petitions/{id}", state.config.base_url);
        let mail = compose_text(l, &email, &name, l.email_unestablished_subject(&row.title), l.email_unestablished_body(row.signature_count, link, &row.title));
        outbox::enqueue(&mut **tx, &mail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn internal(e: ServerError) -> AppError {
    tracing::error!(error = %e, "roll-up after an invalidation failed");
    AppError::Internal
}

/// Alerts of the last day, for the moderators' dashboard.
pub async fn alerts(state: &AppState, me: &SessionUser) -> Result<Vec<FraudAlert>, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let since = state.now().plus_millis(-24 * HOUR);
    Ok(repo::alerts_since(&state.db.read_pool, since)
        .await?
        .into_iter()
        .map(|(petition_id, title, detail, at)| FraudAlert { petition_id, title, detail, at })
        .collect())
}

/// The burst check (every minute on every instance): a petition whose last minute was a
/// burst, or with a cluster, raises one alert and one email to moderators per hour.
pub async fn watch(state: &AppState) -> Result<usize, ServerError> {
    let now = state.now();
    let db = &state.db.jobs_pool;
    let mut raised = 0;
    for id in repo::recently_signed(db, now.plus_millis(-10 * 60_000)).await? {
        let Some(row) = petitions::get(db, id).await? else { continue };
        let window = now.plus_millis(-HOUR);
        let (earlier, flagged, _) = repo::tallies(db, id, window).await?;
        let usual = usual_rate(&row, earlier, window);
        let peak = repo::per_minute(db, id, now.plus_millis(-10 * 60_000)).await?.into_iter().map(|(_, n)| n).max().unwrap_or(0);
        let total = row.signature_count + flagged;
        let cluster = repo::groups(db, id, By::Block, 1).await?.into_iter().find(|g| !g.key.is_empty() && fraud::is_cluster(g.count, total));
        let detail = match (fraud::is_burst(peak, usual), cluster) {
            (true, _) => format!("burst:{peak}"),
            (false, Some(g)) => format!("cluster:{}:{}", g.key, g.count),
            _ => continue,
        };
        let mut tx = state.db.begin_background().await?;
        if !repo::claim_alert(&mut **tx, id, now.0 / HOUR, &detail, now).await? {
            continue;
        }
        for (email, name, locale) in users::moderators(&mut **tx).await? {
            let l = Locale::from_tag(&locale).unwrap_or_default();
            let link = format!("{}/moderation/petitions/{id}/signatures", state.config.base_url);
            let mail = compose_text(l, &email, &name, l.email_fraud_alert_subject(&row.title), l.email_fraud_alert_body(&detail, link, &row.title));
            outbox::enqueue(&mut **tx, &mail, now).await?;
        }
        tx.commit().await?;
        raised += 1;
    }
    Ok(raised)
}
