//! Emails to the person a moderation decision concerns, and on their appeal.
// Email texts take what they name as plain arguments.
#![allow(clippy::too_many_arguments)]
use crate::domain::discussion::{ActionKind, FOREVER, Reason};
use crate::domain::time::Timestamp;
use crate::i18n::labels::{action_kind_key, mod_reason_key};
use crate::i18n::{Key, Locale};
use crate::server::db::outbox::OutgoingEmail;
use crate::server::email::templates::compose_text;

pub fn decision(
    tag: &str,
    to: &str,
    name: &str,
    kind: ActionKind,
    reason: Reason,
    explanation: &str,
    until: Option<Timestamp>,
    base_url: &str,
    action_id: i64,
) -> OutgoingEmail {
    let l = Locale::from_tag(tag).unwrap_or_default();
    let link = format!("{base_url}/decisions/{action_id}");
    let mut body = l.email_mod_body(explanation, l.text(action_kind_key(kind)), l.text(mod_reason_key(reason)));
    if let Some(u) = until {
        body.push_str("\n\n");
        body.push_str(&if u >= FOREVER { l.text(Key::ErrSuspendedForever).to_string() } else { l.err_suspended(u.datetime_taipei()) });
    }
    body.push_str("\n\n");
    body.push_str(&if kind.appealable() { l.email_mod_appeal(link) } else { l.email_mod_see(link) });
    compose_text(l, to, name, l.text(Key::EmailModSubject).to_string(), body)
}

pub fn appeal_decided(tag: &str, to: &str, name: &str, upheld: bool, explanation: &str, base_url: &str, action_id: i64) -> OutgoingEmail {
    let l = Locale::from_tag(tag).unwrap_or_default();
    let link = format!("{base_url}/decisions/{action_id}");
    let body = if upheld { l.email_appeal_upheld(explanation, link) } else { l.email_appeal_rejected(explanation, link) };
    compose_text(l, to, name, l.text(Key::EmailAppealSubject).to_string(), body)
}
