//! Followers of a consultation hear when it closes and when the agency publishes its
//! conclusions. Each is claimed once per consultation (a conditional update in the same
//! transaction as the mail), so several instances never send it twice.
use crate::domain::time::Timestamp;
use crate::i18n::Locale;
use crate::server::auth::tokens;
use crate::server::db::{consultations as db, follows, outbox};
use crate::server::email::templates::compose_text;
use crate::server::error::ServerError;
use crate::server::state::AppState;

/// Consultations handled per run and kind; the job runs every minute and catches up.
const PER_RUN: i64 = 20;

/// Returns the mails queued.
pub async fn run(state: &AppState) -> Result<usize, ServerError> {
    let now = state.now();
    let mut queued = 0;
    for id in db::closed_untold(&state.db.jobs_pool, now, PER_RUN).await? {
        queued += tell(state, id, "closed", now).await?;
    }
    for id in db::concluded_untold(&state.db.jobs_pool, PER_RUN).await? {
        queued += tell(state, id, "conclusions", now).await?;
    }
    Ok(queued)
}

async fn tell(state: &AppState, id: i64, what: &str, now: Timestamp) -> Result<usize, ServerError> {
    let base_url = &state.config.base_url;
    let mut tx = state.db.begin_background().await?;
    if !db::mark_told(&mut **tx, id, what, now).await? {
        return Ok(0);
    }
    let Some(c) = db::get(&mut **tx, id).await? else { return Ok(0) };
    let audience = follows::consultation_audience(&mut **tx, id, now).await?;
    let link = format!("{base_url}/consultations/{id}{}", if what == "closed" { "" } else { "#conclusions" });
    for r in &audience {
        let l = Locale::from_tag(&r.locale).unwrap_or_default();
        let (raw, hash) = tokens::generate(16);
        follows::add_token(&mut **tx, &hash, r.user_id, Some(r.follow_id), now).await?;
        let unfollow = format!("{base_url}/unsubscribe/follow/{raw}");
        let line =
            if what == "closed" { l.consultation_event_closed(&c.title, c.conclusions_due_at.date_taipei()) } else { l.consultation_event_concluded(&c.title) };
        let body = l.email_follow_body(line.clone(), link.clone(), c.title.clone(), &unfollow);
        let mut mail = compose_text(l, &r.email, &r.name, line, body);
        mail.list_unsubscribe = unfollow;
        outbox::enqueue(&mut **tx, &mail, now).await?;
    }
    tx.commit().await?;
    Ok(audience.len())
}
