//! Petition emails, written to the outbox in the same transaction as the change.
use crate::domain::petition::RejectReason;
use crate::domain::time::Timestamp;
use crate::i18n::labels::reject_reason_key;
use crate::i18n::{Key, Locale};
use crate::server::db::outbox::OutgoingEmail;
use crate::server::db::petitions::PetitionRow;
use crate::server::db::users::UserRow;
use crate::server::email::templates::compose_text;
use sqlx::AnyConnection;

pub enum Outcome<'a> {
    Approved,
    Rejected { reason: RejectReason, explanation: &'a str },
}

fn link(base_url: &str, id: i64) -> String {
    format!("{base_url}/petitions/{id}")
}

pub fn review_outcome(user: &UserRow, row: &PetitionRow, outcome: Outcome<'_>, base_url: &str) -> OutgoingEmail {
    let l = Locale::from_tag(&user.locale).unwrap_or_default();
    let title = ("title", row.title.clone());
    let (subject, body) = match outcome {
        Outcome::Approved => (
            l.format(Key::EmailApprovedSubject, std::slice::from_ref(&title)),
            l.format(
                Key::EmailApprovedBody,
                &[
                    title,
                    ("link", link(base_url, row.id)),
                    ("closes", row.petition.closes_at.map(|t| t.datetime_taipei()).unwrap_or_default()),
                    ("threshold", row.petition.rules.signature_threshold.to_string()),
                ],
            ),
        ),
        Outcome::Rejected { reason, explanation } => (
            l.format(Key::EmailRejectedSubject, std::slice::from_ref(&title)),
            l.format(Key::EmailRejectedBody, &[title, ("reason", l.text(reject_reason_key(reason)).to_string()), ("explanation", explanation.to_string())]),
        ),
    };
    compose_text(l, &user.email, &user.display_name, subject, body)
}

pub fn confirm_signature(l: Locale, to: &str, name: &str, title: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let body = l.format(Key::EmailConfirmSignatureBody, &[("title", title.to_string()), ("link", format!("{base_url}/sign/confirm?token={token}"))]);
    compose_text(l, to, name, l.format(Key::EmailConfirmSignatureSubject, &[("title", title.to_string())]), body)
}

/// The petition reached its threshold, or its window ended below it.
#[derive(Clone, Copy)]
pub enum Milestone {
    Established { response_due: Timestamp },
    Closed,
}

impl Milestone {
    /// The signer notice kind that carries this milestone to signers.
    pub fn code(self) -> &'static str {
        match self {
            Self::Established { .. } => "established",
            Self::Closed => "closed",
        }
    }
}

pub fn milestone_text(l: Locale, m: Milestone, row: &PetitionRow, base_url: &str) -> (String, String) {
    let title = ("title", row.title.clone());
    match m {
        Milestone::Established { response_due } => (
            l.format(Key::EmailEstablishedSubject, std::slice::from_ref(&title)),
            l.format(Key::EmailEstablishedBody, &[title, ("due", response_due.date_taipei()), ("link", link(base_url, row.id))]),
        ),
        Milestone::Closed => (
            l.format(Key::EmailClosedSubject, std::slice::from_ref(&title)),
            l.format(Key::EmailClosedBody, &[title, ("count", row.signature_count.to_string()), ("link", link(base_url, row.id))]),
        ),
    }
}

/// Tell the proposer now, and queue the paced notice to every counted signer who asked
/// to hear about it (each of their mails carries its own unsubscribe link).
pub async fn milestone(tx: &mut AnyConnection, row: &PetitionRow, m: Milestone, base_url: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    if let Some(user) = crate::server::db::users::by_id(&mut *tx, row.proposer_id).await?
        && user.notify_proposed
    {
        let l = Locale::from_tag(&user.locale).unwrap_or_default();
        let (subject, body) = milestone_text(l, m, row, base_url);
        crate::server::db::outbox::enqueue(&mut *tx, &compose_text(l, &user.email, &user.display_name, subject, body), now).await?;
    }
    crate::server::db::response_notices::add_notice(&mut *tx, row.id, m.code(), None, now).await
}

/// Sent instead of a link when the address already signed (the page says the same either way).
pub fn already_signed(l: Locale, to: &str, name: &str, title: &str, link: &str) -> OutgoingEmail {
    let body = l.format(Key::EmailAlreadySignedBody, &[("title", title.to_string()), ("link", link.to_string())]);
    compose_text(l, to, name, l.format(Key::EmailConfirmSignatureSubject, &[("title", title.to_string())]), body)
}
