//! The moderators' page: reported items grouped, oldest first (or one item looked up),
//! appeals waiting for a decision, and accounts suspended now.
use super::log::entry;
use super::{Item, load_item};
use crate::domain::discussion::Target;
use crate::dto::discussion::{AppealItem, ModQueue, QueueItem, SuspendedUser};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::moderation;
use crate::server::state::AppState;

const QUEUE_LIMIT: i64 = 50;

async fn item_view(ex: &mut sqlx::AnyConnection, me: &SessionUser, target: Target) -> Result<QueueItem, AppError> {
    let Item { petition_id, petition_title, subject, author_name, content, status, locked, page, .. } = load_item(&mut *ex, target).await?;
    let (reports, first) = moderation::open_reports(&mut *ex, target).await?;
    // Moderators decide on a petition's whole text, held or not, not on its title alone.
    let content = match target {
        Target::Petition(id) => match crate::server::db::petitions::get(&mut *ex, id).await? {
            Some(p) => [p.title, p.problem, p.action, p.benefits, p.evidence.join("\n")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n\n"),
            None => content,
        },
        _ => content,
    };
    Ok(QueueItem {
        target: target.key(),
        petition_id: petition_id.unwrap_or(0),
        href: page,
        petition_title: petition_title.unwrap_or_default(),
        author: author_name,
        content,
        status,
        locked,
        reports,
        first_report_at: first,
        reasons: moderation::report_reasons(&mut *ex, target).await?,
        own: subject == me.user_id,
    })
}

pub async fn queue(state: &AppState, me: &SessionUser, only: Option<&str>) -> Result<ModQueue, AppError> {
    guard::allow(me, Permission::Moderate)?;
    let mut conn = state.db.pool.acquire().await?;
    let targets: Vec<Target> = match only.filter(|s| !s.is_empty()) {
        Some(t) => vec![Target::parse(t).filter(|t| !matches!(t, Target::User(_))).ok_or(AppError::NotFound)?],
        None => moderation::queue(&mut *conn, QUEUE_LIMIT).await?.into_iter().map(|q| q.target).collect(),
    };
    let mut items = Vec::with_capacity(targets.len());
    for t in targets {
        items.push(item_view(&mut conn, me, t).await?);
    }
    let mut appeals = Vec::new();
    for a in moderation::open_appeals(&mut *conn).await? {
        if let Some(action) = moderation::get_action(&mut *conn, a.action_id).await? {
            appeals.push(AppealItem {
                id: a.id,
                own: action.moderator_id == me.user_id || a.user_id == me.user_id,
                action: entry(&action, guard::may(me, Permission::Administer)),
                text: a.text,
                created_at: a.created_at,
            });
        }
    }
    let suspended =
        moderation::suspended_users(&mut *conn, state.now()).await?.into_iter().map(|(user_id, name, until)| SuspendedUser { user_id, name, until }).collect();
    Ok(ModQueue { items, appeals, suspended, is_admin: guard::may(me, Permission::Administer) })
}
