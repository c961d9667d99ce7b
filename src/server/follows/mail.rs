//! Followers' mail: one mail per event soon after it for those who chose "instantly", one
//! digest a day at 08:00 Taiwan time for the others. Who was told of which event is kept
//! in `follow_deliveries`, written with the mail in one transaction, so nobody hears of an
//! event twice whichever instance (or how many runs) sends; a digest is also claimed per
//! person and digest moment. Every mail carries a one-click unfollow (RFC 8058).
use super::Event;
use crate::domain::time::{DAY, HOUR, Timestamp};
use crate::dto::follows::FollowKind;
use crate::i18n::{Key, Locale};
use crate::server::auth::tokens;
use crate::server::db::follows::{self, Recipient};
use crate::server::db::outbox::{self, OutgoingEmail};
use crate::server::email::templates::compose_text;
use crate::server::error::ServerError;
use crate::server::state::AppState;
use std::collections::HashMap;

/// People told per event and run: the request that caused the event never waits, and the
/// outbox worker delivers at its own pace.
pub const BATCH: i64 = 500;
/// Events fanned out per run.
const EVENTS_PER_RUN: i64 = 20;
/// Digests written per run; the job runs every minute and catches up.
const DIGESTS_PER_RUN: i64 = 500;
/// Unfollow links in mail older than this stop working.
const TOKEN_LIFE: i64 = 180 * DAY;

/// The latest digest moment at or before `now`: 08:00 in Taiwan (UTC+8, no daylight saving).
pub fn digest_moment(now: Timestamp) -> Timestamp {
    const TAIPEI: i64 = 8 * HOUR;
    const AT: i64 = 8 * HOUR;
    let local = now.0 + TAIPEI;
    let mut moment = local.div_euclid(DAY) * DAY + AT;
    if moment > local {
        moment -= DAY;
    }
    Timestamp(moment - TAIPEI)
}

fn locale(tag: &str) -> Locale {
    Locale::from_tag(tag).unwrap_or_default()
}

fn event_line(l: Locale, kind: &str, title: &str) -> String {
    match Event::from_code(kind) {
        Some(Event::Published) => l.follow_event_published(title),
        Some(Event::Established) => l.follow_event_established(title),
        Some(Event::Closed) => l.follow_event_closed(title),
        Some(Event::Extended) => l.follow_event_extended(title),
        Some(Event::Transferred) => l.follow_event_transferred(title),
        Some(Event::Answered) | None => l.follow_event_answered(title),
    }
}

/// Of a person's follows that an event concerns, the most specific: the unfollow link in
/// the mail removes that one (the petition before its agency, the agency before its topic).
fn most_specific<'a>(follows: impl Iterator<Item = &'a Recipient>) -> Option<&'a Recipient> {
    let rank = |r: &Recipient| FollowKind::from_code(&r.follow_kind).map(|k| FollowKind::ALL.iter().position(|x| *x == k).unwrap_or(3)).unwrap_or(3);
    follows.min_by_key(|r| (rank(r), r.follow_id))
}

/// Names of followed things, looked up once per run.
#[derive(Default)]
struct Names(HashMap<(String, i64), (String, String)>);

impl Names {
    async fn of(&mut self, ex: &mut sqlx::AnyConnection, r: &Recipient, l: Locale) -> Result<String, sqlx::Error> {
        let key = (r.follow_kind.clone(), r.follow_target);
        if !self.0.contains_key(&key) {
            let found = match FollowKind::from_code(&r.follow_kind) {
                Some(kind) => follows::target(&mut *ex, kind, r.follow_target).await?.map(|(zh, en, _)| (zh, en)),
                None => None,
            };
            self.0.insert(key.clone(), found.unwrap_or_default());
        }
        let (zh, en) = &self.0[&key];
        Ok(crate::dto::common::localized(l, zh, en).to_string())
    }
}

/// A new unfollow link: for one follow, or (`None`) for every follow of the person.
async fn unfollow_link(ex: &mut sqlx::AnyConnection, base_url: &str, user_id: i64, follow_id: Option<i64>, now: Timestamp) -> Result<String, sqlx::Error> {
    let (raw, hash) = tokens::generate(16);
    follows::add_token(&mut *ex, &hash, user_id, follow_id, now).await?;
    Ok(format!("{base_url}/unsubscribe/follow/{raw}"))
}

/// Fan the oldest open events out to instant followers, a batch of people per event and
/// run; returns the mails queued.
pub async fn instant(state: &AppState, batch: i64) -> Result<usize, ServerError> {
    let now = state.now();
    let base_url = &state.config.base_url;
    let mut queued = 0;
    let mut names = Names::default();
    for event in follows::open_events(&state.db.jobs_pool, EVENTS_PER_RUN).await? {
        let mut tx = state.db.begin_background().await?;
        let rows = follows::instant_audience(&mut **tx, &event, now, batch).await?;
        let mut people: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
        people.dedup();
        let title = follows::target(&mut **tx, FollowKind::Petition, event.petition_id).await?.map(|(t, _, _)| t).unwrap_or_default();
        for user in &people {
            let Some(r) = most_specific(rows.iter().filter(|r| r.user_id == *user)) else { continue };
            if !follows::deliver(&mut **tx, event.id, r.user_id, now).await? {
                continue;
            }
            let l = locale(&r.locale);
            let name = names.of(&mut tx, r, l).await?;
            let unfollow = unfollow_link(&mut tx, base_url, r.user_id, Some(r.follow_id), now).await?;
            let line = event_line(l, &event.kind, &title);
            let body = l.email_follow_body(line.clone(), format!("{base_url}/petitions/{}", event.petition_id), name, &unfollow);
            let mut mail = compose_text(l, &r.email, &r.name, line, body);
            mail.list_unsubscribe = unfollow;
            outbox::enqueue(&mut **tx, &mail, now).await?;
            queued += 1;
        }
        let last = people.last().copied().unwrap_or(event.after_user);
        let done = ((people.len() as i64) < batch).then_some(now);
        // Moves only from the cursor this run read: a concurrent run loses and rolls back.
        if !follows::advance_event(&mut **tx, event.id, event.after_user, last, done).await? {
            continue;
        }
        tx.commit().await?;
    }
    Ok(queued)
}

/// Write the digest of the latest digest moment for every digest reader who has untold
/// events of the day before it; returns the digests queued. Runs every minute: before the
/// moment there is nothing new to claim, after it each person's digest is claimed once.
pub async fn digest(state: &AppState) -> Result<usize, ServerError> {
    let now = state.now();
    let until = digest_moment(now);
    let since = until.plus_millis(-DAY);
    let mut queued = 0;
    let mut names = Names::default();
    for user_id in follows::digest_readers(&state.db.jobs_pool, since, until, now, DIGESTS_PER_RUN).await? {
        let mut tx = state.db.begin_background().await?;
        if !follows::claim_digest(&mut **tx, user_id, until, now).await? {
            continue;
        }
        let rows = follows::digest_items(&mut **tx, user_id, since, until).await?;
        if let Some(mail) = digest_mail(state, &mut tx, &rows, &mut names, now).await? {
            outbox::enqueue(&mut **tx, &mail, now).await?;
            queued += 1;
        }
        tx.commit().await?;
    }
    follows::purge_tokens(&state.db.jobs_pool, now.plus_millis(-TOKEN_LIFE)).await?;
    Ok(queued)
}

/// One person's digest: each event once (through their most specific follow), an unfollow
/// link per followed thing, and a one-click link that unfollows everything.
async fn digest_mail(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    rows: &[follows::DigestRow],
    names: &mut Names,
    now: Timestamp,
) -> Result<Option<OutgoingEmail>, sqlx::Error> {
    let base_url = &state.config.base_url;
    let Some(first) = rows.first() else { return Ok(None) };
    let who = &first.recipient;
    let l = locale(&who.locale);
    let mut items = Vec::new();
    let mut follows_used: Vec<&Recipient> = Vec::new();
    let mut seen = Vec::new();
    for row in rows {
        if seen.contains(&row.event_id) {
            continue;
        }
        seen.push(row.event_id);
        let Some(r) = most_specific(rows.iter().filter(|x| x.event_id == row.event_id).map(|x| &x.recipient)) else { continue };
        if !follows::deliver(&mut *tx, row.event_id, who.user_id, now).await? {
            continue;
        }
        items.push(l.email_follow_digest_item(event_line(l, &row.kind, &row.title), format!("{base_url}/petitions/{}", row.petition_id)));
        if !follows_used.iter().any(|f| f.follow_id == r.follow_id) {
            follows_used.push(r);
        }
    }
    if items.is_empty() {
        return Ok(None);
    }
    let mut unfollows = Vec::new();
    for f in follows_used {
        let name = names.of(tx, f, l).await?;
        unfollows.push(l.email_follow_digest_unfollow(name, unfollow_link(tx, base_url, who.user_id, Some(f.follow_id), now).await?));
    }
    let everything = unfollow_link(tx, base_url, who.user_id, None, now).await?;
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}",
        l.text(Key::EmailFollowDigestIntro),
        items.join("\n\n"),
        unfollows.join("\n"),
        l.email_follow_digest_footer(format!("{base_url}/profile"), &everything)
    );
    let mut mail = compose_text(l, &who.email, &who.name, l.email_follow_digest_subject(items.len() as i64), body);
    mail.list_unsubscribe = everything;
    Ok(Some(mail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_moment_is_eight_in_the_morning_in_taiwan() {
        // 2026-11-26 00:00 UTC is 08:00 in Taipei.
        let eight = Timestamp(1_795_651_200_000);
        assert_eq!(digest_moment(eight), eight);
        assert_eq!(digest_moment(eight.plus_millis(HOUR)), eight);
        assert_eq!(digest_moment(eight.plus_millis(-1)), eight.plus_millis(-DAY));
        assert_eq!(digest_moment(eight.plus_millis(DAY - 1)), eight);
        assert_eq!(Timestamp(1_795_651_200_000).datetime_taipei(), "2026-11-26 08:00");
    }
}
