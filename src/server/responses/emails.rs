//! Emails about responses: reminders to officers, transfer requests, and the notices to
//! signers (with a one-click unsubscribe link).
// Email texts take what they name (recipient, petition, link parts) as plain arguments.
#![allow(clippy::too_many_arguments)]
use crate::domain::response::Reminder;
use crate::domain::time::Timestamp;
use crate::i18n::Locale;
use crate::server::db::outbox::OutgoingEmail;
use crate::server::db::petitions::PetitionRow;
use crate::server::email::templates::compose_text;
use crate::server::petitions::emails::{Milestone, News, milestone_text, news_text, tell_proposer_of};
use sqlx::AnyConnection;

fn locale(tag: &str) -> Locale {
    Locale::from_tag(tag).unwrap_or_default()
}

pub fn reminder(tag: &str, to: &str, name: &str, title: &str, kind: Reminder, due: Timestamp, base_url: &str, id: i64) -> OutgoingEmail {
    let l = locale(tag);
    let subject = match kind {
        Reminder::Days14 => l.email_reminder14_subject(title),
        Reminder::Days3 => l.email_reminder3_subject(title),
        Reminder::Overdue => l.email_reminder_overdue_subject(title),
    };
    compose_text(l, to, name, subject, l.email_reminder_body(due.date_taipei(), format!("{base_url}/agency/petitions/{id}"), title))
}

pub fn transfer_requested(tag: &str, to: &str, name: &str, title: &str, base_url: &str) -> OutgoingEmail {
    let l = locale(tag);
    compose_text(l, to, name, l.email_transfer_subject(title), l.email_transfer_body(format!("{base_url}/agency"), title))
}

pub fn response_published(tag: &str, to: &str, name: &str, title: &str, summary: &str, base_url: &str, id: i64, token: &str) -> OutgoingEmail {
    let l = locale(tag);
    let unsubscribe = format!("{base_url}/unsubscribe/{token}");
    let body = l.email_answered_body(format!("{base_url}/petitions/{id}"), summary, title, &unsubscribe);
    let mut mail = compose_text(l, to, name, l.email_answered_subject(title), body);
    mail.list_unsubscribe = unsubscribe;
    mail
}

/// A milestone (established, closed) told to one signer, with its unsubscribe link.
pub fn milestone(tag: &str, to: &str, name: &str, row: &PetitionRow, m: Milestone, base_url: &str, token: &str) -> OutgoingEmail {
    let l = locale(tag);
    let (subject, body) = milestone_text(l, m, row, base_url);
    to_signer(l, to, name, subject, body, base_url, token)
}

/// The extension told to one signer: the new due date (the row is read after the change).
pub fn extension(tag: &str, to: &str, name: &str, row: &PetitionRow, days: i64, reason: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let l = locale(tag);
    let (subject, body) = news_text(l, &News::Extended { days, reason }, row, base_url);
    to_signer(l, to, name, subject, body, base_url, token)
}

/// A signer's mail ends with its one-click unsubscribe link, also given as the header.
fn to_signer(l: Locale, to: &str, name: &str, subject: String, body: String, base_url: &str, token: &str) -> OutgoingEmail {
    let unsubscribe = format!("{base_url}/unsubscribe/{token}");
    let body = body + &l.email_unsubscribe_line(unsubscribe.clone());
    let mut mail = compose_text(l, to, name, subject, body);
    mail.list_unsubscribe = unsubscribe;
    mail
}

/// An extension, in the transaction that makes it: the proposer now, and the paced
/// notice to every signer who asked for updates.
pub async fn extended(tx: &mut AnyConnection, id: i64, days: i64, reason: &str, base_url: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    tell_proposer_of(&mut *tx, id, News::Extended { days, reason }, base_url, now).await?;
    crate::server::db::response_notices::add_notice(&mut *tx, id, "extended", None, now).await
}
