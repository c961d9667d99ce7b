//! Followers of a notice's agency or topic hear when it is published: one mail per person,
//! claimed once per notice (a conditional update in the same transaction as the mail), so
//! several instances never send it twice.
use crate::domain::time::Timestamp;
use crate::dto::follows::FollowKind;
use crate::i18n::Locale;
use crate::server::auth::tokens;
use crate::server::db::follows::{self, Recipient};
use crate::server::db::{outbox, regulation_notices as db, regulations};
use crate::server::email::templates::compose_text;
use crate::server::error::ServerError;
use crate::server::state::AppState;

/// Notices handled per run; the job runs every minute and catches up.
const PER_RUN: i64 = 20;

/// Returns the mails queued.
pub async fn run(state: &AppState) -> Result<usize, ServerError> {
    let now = state.now();
    let mut queued = 0;
    for id in db::published_untold(&state.db.jobs_pool, now, PER_RUN).await? {
        queued += tell(state, id, now).await?;
    }
    Ok(queued)
}

async fn tell(state: &AppState, id: i64, now: Timestamp) -> Result<usize, ServerError> {
    let base_url = &state.config.base_url;
    let mut tx = state.db.begin_background().await?;
    if !db::mark_published_told(&mut **tx, id, now).await? {
        return Ok(0);
    }
    let Some(r) = regulations::get(&mut **tx, id).await? else { return Ok(0) };
    let audience = follows::regulation_audience(&mut **tx, r.agency.id, r.category.as_ref().map(|c| c.id), now).await?;
    let link = format!("{base_url}/regulations/{id}");
    let last_day = super::summary(&r, now).last_day;
    let mut told = 0;
    for follow in one_per_person(&audience) {
        let l = Locale::from_tag(&follow.locale).unwrap_or_default();
        // The unfollow link removes the follow that brought the mail: the agency before the topic.
        let name = match FollowKind::from_code(&follow.follow_kind) {
            Some(FollowKind::Topic) => r.category.as_ref().map(|c| c.name(l).to_string()).unwrap_or_default(),
            _ => r.agency.name(l).to_string(),
        };
        let (raw, hash) = tokens::generate(16);
        follows::add_token(&mut **tx, &hash, follow.user_id, Some(follow.follow_id), now).await?;
        let unfollow = format!("{base_url}/unsubscribe/follow/{raw}");
        let line = l.regulation_event_published(r.agency.name(l), &last_day, &r.title);
        let body = l.email_follow_body(line.clone(), link.clone(), name, &unfollow);
        let mut mail = compose_text(l, &follow.email, &follow.name, line, body);
        mail.list_unsubscribe = unfollow;
        outbox::enqueue(&mut **tx, &mail, now).await?;
        told += 1;
    }
    tx.commit().await?;
    Ok(told)
}

/// Each person once, by their agency follow if they have one, else their topic follow
/// (the rows come ordered by person).
fn one_per_person(rows: &[Recipient]) -> Vec<&Recipient> {
    let mut picked: Vec<&Recipient> = Vec::new();
    for r in rows {
        match picked.last_mut() {
            Some(last) if last.user_id == r.user_id => {
                if r.follow_kind == FollowKind::Agency.code() {
                    *last = r;
                }
            }
            _ => picked.push(r),
        }
    }
    picked
}
