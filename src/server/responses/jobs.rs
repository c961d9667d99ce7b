//! Scheduled work: reminders to the lead agency's officers (14 and 3 days before the
//! due date, and when it passes), each once; and the paced notices to signers (established,
//! closed, extended, answered). Both are safe with several instances and catch up after downtime.
use crate::domain::response::Reminder;
use crate::domain::time::DAY;
use crate::server::auth::tokens;
use crate::server::db::{outbox, petitions, response_notices, responses};
use crate::server::error::ServerError;
use crate::server::petitions::emails::Milestone;
use crate::server::state::AppState;

/// Send every reminder now owed; returns how many reminders were claimed.
pub async fn remind(state: &AppState) -> Result<usize, ServerError> {
    let now = state.now();
    let mut sent = 0;
    for (id, due, agency) in response_notices::awaiting_within(&state.db.jobs_pool, now.plus_millis(14 * DAY)).await? {
        let Some(kind) = Reminder::owed(due, now) else { continue };
        let mut tx = state.db.begin_background().await?;
        // The (petition, kind, due date) row is the "sent once" record: a second instance,
        // or this one after a restart, finds it and sends nothing.
        if !response_notices::claim_reminder(&mut **tx, id, kind.code(), due, now).await? {
            continue;
        }
        let title = petitions::get(&mut **tx, id).await?.map(|p| p.title).unwrap_or_default();
        for (email, name, locale) in response_notices::officers(&mut **tx, agency).await? {
            let mail = super::emails::reminder(&locale, &email, &name, &title, kind, due, &state.config.base_url, id);
            outbox::enqueue(&mut **tx, &mail, now).await?;
        }
        if kind == Reminder::Overdue {
            petitions::add_event(&mut **tx, id, due, "response_overdue", "").await?;
        }
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Signers queued per run: the request that publishes never waits for them, and the
/// outbox worker delivers at its own pace.
pub const NOTICE_BATCH: i64 = 500;

/// Queue the next batch of every unfinished signer notice; returns emails queued.
pub async fn notify_signers(state: &AppState, batch: i64) -> Result<usize, ServerError> {
    let now = state.now();
    let base_url = &state.config.base_url;
    let mut queued = 0;
    for n in response_notices::open_notices(&state.db.jobs_pool).await? {
        let mut tx = state.db.begin_background().await?;
        let Some(p) = petitions::get(&mut **tx, n.petition_id).await? else { continue };
        let summary = if n.kind == "answered" {
            responses::versions(&mut **tx, n.petition_id).await?.into_iter().find(|v| v.is_lead).map(|v| v.summary).unwrap_or_default()
        } else {
            String::new()
        };
        // The extension as it stands (there is only ever one); the row holds the new due date.
        let (days, reason) = match n.kind.as_str() {
            "extended" => responses::meta(&mut **tx, n.petition_id).await?.and_then(|m| m.extension).map(|(d, r, _)| (d, r)).unwrap_or_default(),
            _ => (0, String::new()),
        };
        let signers = response_notices::signers_after(&mut **tx, n.petition_id, n.after, batch).await?;
        let last = signers.last().map(|s| s.id).unwrap_or(n.after);
        for s in &signers {
            let (raw, hash) = tokens::generate(16);
            response_notices::add_unsubscribe_token(&mut **tx, &hash, s.id).await?;
            let mail = match n.kind.as_str() {
                "established" => {
                    let due = p.response_due_at.or_else(|| p.petition.response_due()).unwrap_or(now);
                    super::emails::milestone(&s.locale, &s.email, &s.name, &p, Milestone::Established { response_due: due }, base_url, &raw)
                }
                "closed" => super::emails::milestone(&s.locale, &s.email, &s.name, &p, Milestone::Closed, base_url, &raw),
                "extended" => super::emails::extension(&s.locale, &s.email, &s.name, &p, days, &reason, base_url, &raw),
                _ => super::emails::response_published(&s.locale, &s.email, &s.name, &p.title, &summary, base_url, n.petition_id, &raw),
            };
            outbox::enqueue(&mut **tx, &mail, now).await?;
        }
        let done = ((signers.len() as i64) < batch).then_some(now);
        // Moves only from the cursor this run read: a concurrent run loses and rolls back.
        if !response_notices::advance_notice(&mut **tx, n.id, n.after, last, signers.len() as i64, done).await? {
            continue;
        }
        tx.commit().await?;
        queued += signers.len();
    }
    Ok(queued)
}

/// One-click unsubscribe (RFC 8058): stop updates for the signature behind the token.
pub async fn unsubscribe(state: &AppState, raw: &str) -> Result<bool, ServerError> {
    let _turn = state.db.write_turn().await;
    Ok(response_notices::unsubscribe(&state.db.pool, &tokens::hash(raw.trim())).await?)
}
