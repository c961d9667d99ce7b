//! The public moderation log and its monthly figures. Moderators' names are for admins.
use crate::domain::discussion::{ActionKind, Target, month_of};
use crate::domain::response::percentile;
use crate::domain::time::{DAY, HOUR};
use crate::dto::discussion::{LogEntry, ModLog, MonthFigures};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::moderation::{self, ActionRow};
use crate::server::state::AppState;
use std::collections::BTreeMap;

pub const LOG_PAGE: i64 = 50;

/// Per month: reports received, decisions by kind, hours from first report to decision.
type Month = (i64, BTreeMap<&'static str, i64>, Vec<f64>);

pub fn entry(a: &ActionRow, admin: bool) -> LogEntry {
    LogEntry {
        id: a.id,
        at: a.created_at,
        kind: a.kind.clone(),
        target_kind: a.target.kind().into(),
        petition_id: a.petition_id,
        petition_title: a.petition_title.clone(),
        consultation_id: a.consultation_id,
        regulation_id: a.regulation_id,
        reason: a.reason.clone(),
        explanation: a.explanation.clone(),
        // Older entries kept a comment's Markdown as typed: show its text only.
        excerpt: match a.target {
            Target::Comment(_) => a.excerpt.as_deref().map(super::plain::plain_text),
            _ => a.excerpt.clone(),
        },
        suspended_until: a.suspended_until,
        appeal_of: a.appeal_of,
        moderator: admin.then(|| a.moderator_name.clone()),
    }
}

pub async fn page(state: &AppState, me: Option<&SessionUser>, page: i64) -> Result<ModLog, AppError> {
    let admin = me.is_some_and(|m| guard::may(m, Permission::Administer));
    let pool = &state.db.read_pool;
    let total = moderation::count_log(pool).await?;
    let pages = ((total + LOG_PAGE - 1) / LOG_PAGE).max(1);
    let page = page.clamp(1, pages);
    let rows = moderation::log(pool, (page - 1) * LOG_PAGE, LOG_PAGE).await?;
    let months = figures(state).await?;
    Ok(ModLog { entries: rows.iter().map(|a| entry(a, admin)).collect(), page, pages, months, is_admin: admin })
}

/// The last twelve months, newest first.
pub async fn figures(state: &AppState) -> Result<Vec<MonthFigures>, AppError> {
    let from = state.now().plus_millis(-366 * DAY);
    let rows = moderation::figure_rows(&state.db.read_pool, from).await?;
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    for r in &rows.reports {
        months.entry(month_of(*r)).or_default().0 += 1;
    }
    for (kind, at, first) in &rows.actions {
        // Signature invalidations are in the log, not in these moderation figures.
        let Some(k) = ActionKind::from_code(kind).map(|k| k.code()) else { continue };
        let m = months.entry(month_of(*at)).or_default();
        *m.1.entry(k).or_default() += 1;
        // Time to act is measured from the first report to the decision on it.
        if let Some(first) = first
            && !matches!(ActionKind::from_code(kind), Some(ActionKind::AppealUpheld | ActionKind::AppealRejected))
        {
            m.2.push((at.0 - first.0) as f64 / HOUR as f64);
        }
    }
    Ok(months
        .into_iter()
        .rev()
        .map(|(month, (reports, kinds, waits))| {
            let upheld = kinds.get("appeal_upheld").copied().unwrap_or(0);
            MonthFigures {
                month,
                reports,
                actions: ActionKind::ALL.iter().map(|k| (k.code().to_string(), kinds.get(k.code()).copied().unwrap_or(0))).collect(),
                median_hours_to_act: percentile(&waits, 50).map(|h| (h * 10.0).round() / 10.0),
                appeals_upheld: upheld,
                appeals_decided: upheld + kinds.get("appeal_rejected").copied().unwrap_or(0),
            }
        })
        .collect())
}
