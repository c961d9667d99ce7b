//! Moderators keep the discussion lawful and civil: the report queue, decisions with
//! coded reasons, suspensions, appeals decided by someone else, and the public log.
//! Nobody moderates their own content or decides an appeal on their own decision.
pub mod act;
pub mod appeal;
pub mod emails;
pub mod fraud;
pub mod log;
pub mod plain;
pub mod queue;
pub mod regulation_comment;

use crate::domain::discussion::Target;
use crate::dto::deliberation::Subject;
use crate::error::AppError;
use crate::server::db::{comments, deliberation as conversations, moderation, users};

/// What a decision is about, as it stands in the database.
pub struct Item {
    pub target: Target,
    pub petition_id: Option<i64>,
    pub petition_title: Option<String>,
    /// Whose content (or account) it is: the author, the proposer or the user.
    pub subject: i64,
    pub author_name: String,
    pub content: String,
    /// visible, held or hidden (for a user: suspended or active).
    pub status: String,
    pub locked: bool,
    /// Where it is shown (for the moderators' queue).
    pub page: String,
}

pub async fn load_item(ex: &mut sqlx::AnyConnection, target: Target) -> Result<Item, AppError> {
    match target {
        Target::Comment(id) => {
            let c = comments::get(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
            // A petition's comments are filed under the petition (which can be locked); a
            // consultation's under none.
            let (petition_id, title, locked) = match c.subject {
                Subject::Petition(pid) => {
                    let m = moderation::petition_meta(&mut *ex, pid).await?.ok_or(AppError::NotFound)?;
                    (Some(pid), m.title, m.locked)
                }
                Subject::Consultation(cid) => {
                    let k = crate::server::db::consultations::get(&mut *ex, cid).await?.ok_or(AppError::NotFound)?;
                    (None, k.title, false)
                }
            };
            let status = if c.deleted_at.is_some() { "deleted".to_string() } else { c.status };
            Ok(Item {
                target,
                petition_id,
                petition_title: Some(title),
                subject: c.author_id,
                author_name: c.author_name,
                content: c.body,
                status,
                locked,
                page: format!("{}#comment-{id}", c.subject.page()),
            })
        }
        Target::Petition(id) => {
            let m = moderation::petition_meta(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
            let name = users::by_id(&mut *ex, m.proposer).await?.map(|u| u.display_name).unwrap_or_default();
            Ok(Item {
                target,
                petition_id: Some(id),
                petition_title: Some(m.title.clone()),
                subject: m.proposer,
                author_name: name,
                content: m.title,
                status: m.content_status,
                locked: m.locked,
                page: format!("/petitions/{id}"),
            })
        }
        Target::Statement(id) => {
            let s = conversations::statement(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
            let c = conversations::get(&mut *ex, s.conversation_id).await?.ok_or(AppError::NotFound)?;
            let name = users::by_id(&mut *ex, s.author_id).await?.map(|u| u.display_name).unwrap_or_default();
            // A petition's statements are filed under the petition; a consultation's under none.
            let (petition_id, title) = match c.kind.as_str() {
                "petition" => (Some(c.subject), moderation::petition_meta(&mut *ex, c.subject).await?.map(|m| m.title)),
                _ => (None, crate::server::db::consultations::get(&mut *ex, c.subject).await?.map(|k| k.title)),
            };
            // In the moderators' words: waiting for review is "held", rejected is "hidden".
            let status = match s.status.as_str() {
                "shown" => "visible",
                "pending" => "held",
                _ => "hidden",
            };
            let page = Subject::from_parts(&c.kind, c.subject).map(|x| format!("{}#s{id}", x.deliberation())).unwrap_or_default();
            Ok(Item {
                target,
                petition_id,
                petition_title: title,
                subject: s.author_id,
                author_name: name,
                content: s.body,
                status: status.into(),
                locked: false,
                page,
            })
        }
        Target::RegulationComment(id) => regulation_comment::load(ex, target, id).await,
        Target::User(id) => {
            let u = users::by_id(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
            let status = if u.suspended_until.is_some() { "suspended" } else { "active" };
            Ok(Item {
                target,
                petition_id: None,
                petition_title: None,
                subject: id,
                author_name: u.display_name.clone(),
                content: u.display_name,
                status: status.into(),
                locked: false,
                page: String::new(),
            })
        }
    }
}

/// The start of a text, for the log and emails: cut by characters, never inside one.
pub fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// The start of a Markdown text (a comment), as plain text.
pub fn text_excerpt(markdown: &str) -> String {
    excerpt(&plain::plain_text(markdown))
}
