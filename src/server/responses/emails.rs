//! Emails about responses: reminders to officers, transfer requests, and the notice to
//! signers (with a one-click unsubscribe link).
// Email texts take what they name (recipient, petition, link parts) as plain arguments.
#![allow(clippy::too_many_arguments)]
use crate::domain::response::Reminder;
use crate::domain::time::Timestamp;
use crate::i18n::{Key, Locale};
use crate::server::db::outbox::OutgoingEmail;
use crate::server::email::templates::compose_text;

fn locale(tag: &str) -> Locale {
    Locale::from_tag(tag).unwrap_or_default()
}

pub fn reminder(tag: &str, to: &str, name: &str, title: &str, kind: Reminder, due: Timestamp, base_url: &str, id: i64) -> OutgoingEmail {
    let l = locale(tag);
    let key = match kind {
        Reminder::Days14 => Key::EmailReminder14Subject,
        Reminder::Days3 => Key::EmailReminder3Subject,
        Reminder::Overdue => Key::EmailReminderOverdueSubject,
    };
    let vars = [("title", title.to_string()), ("due", due.date_taipei()), ("link", format!("{base_url}/agency/petitions/{id}"))];
    compose_text(l, to, name, l.format(key, &vars[..1]), l.format(Key::EmailReminderBody, &vars))
}

pub fn transfer_requested(tag: &str, to: &str, name: &str, title: &str, base_url: &str) -> OutgoingEmail {
    let l = locale(tag);
    let vars = [("title", title.to_string()), ("link", format!("{base_url}/agency"))];
    compose_text(l, to, name, l.format(Key::EmailTransferSubject, &vars[..1]), l.format(Key::EmailTransferBody, &vars))
}

pub fn response_published(tag: &str, to: &str, name: &str, title: &str, summary: &str, base_url: &str, id: i64, token: &str) -> OutgoingEmail {
    let l = locale(tag);
    let unsubscribe = format!("{base_url}/unsubscribe/{token}");
    let vars =
        [("title", title.to_string()), ("summary", summary.to_string()), ("link", format!("{base_url}/petitions/{id}")), ("unsubscribe", unsubscribe.clone())];
    let mut mail = compose_text(l, to, name, l.format(Key::EmailAnsweredSubject, &vars[..1]), l.format(Key::EmailAnsweredBody, &vars));
    mail.list_unsubscribe = unsubscribe;
    mail
}

/// A milestone (established, closed) told to one signer, with its unsubscribe link.
pub fn milestone(
    tag: &str,
    to: &str,
    name: &str,
    row: &crate::server::db::petitions::PetitionRow,
    m: crate::server::petitions::emails::Milestone,
    base_url: &str,
    token: &str,
) -> OutgoingEmail {
    let l = locale(tag);
    let unsubscribe = format!("{base_url}/unsubscribe/{token}");
    let (subject, body) = crate::server::petitions::emails::milestone_text(l, m, row, base_url);
    let body = body + &l.format(Key::EmailUnsubscribeLine, &[("unsubscribe", unsubscribe.clone())]);
    let mut mail = compose_text(l, to, name, subject, body);
    mail.list_unsubscribe = unsubscribe;
    mail
}
