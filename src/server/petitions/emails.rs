//! Petition emails, written to the outbox in the same transaction as the change.
use crate::domain::petition::{PetitionState, RejectReason};
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::i18n::Locale;
use crate::i18n::labels::reject_reason_key;
use crate::server::db::outbox::{self, OutgoingEmail};
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
    let title = &row.title;
    let (subject, body) = match outcome {
        Outcome::Approved => {
            let closes = row.petition.closes_at.map(|t| t.datetime_taipei()).unwrap_or_default();
            (l.email_approved_subject(title), l.email_approved_body(closes, link(base_url, row.id), row.petition.rules.signature_threshold, title))
        }
        Outcome::Rejected { reason, explanation } => {
            (l.email_rejected_subject(title), l.email_rejected_body(explanation, l.text(reject_reason_key(reason)), title))
        }
    };
    compose_text(l, &user.email, &user.display_name, subject, body)
}

pub fn confirm_signature(l: Locale, to: &str, name: &str, title: &str, base_url: &str, token: &str) -> OutgoingEmail {
    let body = l.email_confirm_signature_body(format!("{base_url}/sign/confirm?token={token}"), title);
    compose_text(l, to, name, l.email_confirm_signature_subject(title), body)
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
    let title = &row.title;
    match m {
        Milestone::Established { response_due } => {
            (l.email_established_subject(title), l.email_established_body(response_due.date_taipei(), link(base_url, row.id), title))
        }
        Milestone::Closed => (l.email_closed_subject(title), l.email_closed_body(row.signature_count, link(base_url, row.id), title)),
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
        outbox::enqueue(&mut *tx, &compose_text(l, &user.email, &user.display_name, subject, body), now).await?;
    }
    crate::server::follows::record(&mut *tx, row.id, crate::server::follows::Event::milestone(matches!(m, Milestone::Closed)), now).await?;
    crate::server::db::response_notices::add_notice(&mut *tx, row.id, m.code(), None, now).await
}

/// The rest of what a proposer hears about their petition, besides review and milestones.
pub enum News<'a> {
    /// Submitted: in review now, or first waiting for its sponsors.
    Submitted,
    /// The lead agency extended the response deadline (the row holds the new date).
    Extended { days: i64, reason: &'a str },
    /// The lead role moved to another agency.
    Transferred { from: &'a AgencyView, to: &'a AgencyView, reason: &'a str },
    /// The lead agency published its formal response.
    Answered { summary: &'a str },
}

pub fn news_text(l: Locale, news: &News<'_>, row: &PetitionRow, base_url: &str) -> (String, String) {
    let (title, page) = (&row.title, link(base_url, row.id));
    match news {
        News::Submitted if row.petition.state == PetitionState::AwaitingSponsors => {
            let share = format!("{base_url}/sponsor/{}", row.sponsor_key);
            (l.email_submitted_sponsors_subject(title), l.email_submitted_sponsors_body(row.petition.rules.sponsors_needed, share, title))
        }
        News::Submitted => {
            let due = row.review_due_at.map(|t| t.datetime_taipei()).unwrap_or_default();
            (l.email_submitted_subject(title), l.email_submitted_body(due, page, title))
        }
        News::Extended { days, reason } => {
            let due = row.response_due_at.or_else(|| row.petition.response_due()).map(|t| t.date_taipei()).unwrap_or_default();
            (l.email_extended_subject(title), l.email_extended_body(*days, due, page, reason, title))
        }
        News::Transferred { from, to, reason } => (l.email_transferred_subject(title), l.email_transferred_body(from.name(l), page, reason, title, to.name(l))),
        News::Answered { summary } => (l.email_proposer_answered_subject(title), l.email_proposer_answered_body(page, summary, title)),
    }
}

/// Queue the news for the proposer in the caller's transaction, if they want it.
pub async fn tell_proposer(tx: &mut AnyConnection, row: &PetitionRow, news: News<'_>, base_url: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    if let Some(user) = crate::server::db::users::by_id(&mut *tx, row.proposer_id).await?
        && user.notify_proposed
    {
        let l = Locale::from_tag(&user.locale).unwrap_or_default();
        let (subject, body) = news_text(l, &news, row, base_url);
        outbox::enqueue(&mut *tx, &compose_text(l, &user.email, &user.display_name, subject, body), now).await?;
    }
    Ok(())
}

/// The same, for a petition known by id: the row is read after the change, inside it.
pub async fn tell_proposer_of(tx: &mut AnyConnection, id: i64, news: News<'_>, base_url: &str, now: Timestamp) -> Result<(), sqlx::Error> {
    match crate::server::db::petitions::get(&mut *tx, id).await? {
        Some(row) => tell_proposer(tx, &row, news, base_url, now).await,
        None => Ok(()),
    }
}

/// Sent instead of a link when the address already signed (the page says the same either way).
pub fn already_signed(l: Locale, to: &str, name: &str, title: &str, link: &str) -> OutgoingEmail {
    let body = l.email_already_signed_body(link, title);
    compose_text(l, to, name, l.email_confirm_signature_subject(title), body)
}
