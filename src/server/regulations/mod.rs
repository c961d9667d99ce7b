//! Draft regulations out for comment (法規預告): an agency publishes a notice with its draft
//! split into articles; people comment on an article or the whole draft within the period; the
//! agency then answers every comment, publishes an overall statement, may publish revised
//! versions, and issues the final text. The phase is read from the dates, never stored.
pub mod answer;
pub mod comment;
pub mod draft;
pub mod notices;
pub mod report;

use crate::domain::regulation::articles::{Article, trailing_divisions};
use crate::domain::regulation::diff::{counts, diff_articles};
use crate::domain::regulation::notice::{Outcome, Phase, Stance};
use crate::domain::time::Timestamp;
use crate::dto::regulations::*;
use crate::error::AppError;
use crate::server::auth::guard;
use crate::server::auth::session::SessionUser;
use crate::server::db::regulation_comments::{self as comments, CommentRow};
use crate::server::db::regulations::{self as db, RegulationRow, VersionRow};
use crate::server::markdown;
use crate::server::state::AppState;

/// The most a list shows (filters narrow it).
const LIST_MAX: i64 = 200;

pub(crate) fn summary(r: &RegulationRow, now: Timestamp) -> RegulationSummary {
    let d = r.dates();
    RegulationSummary {
        id: r.id,
        agency: r.agency.clone(),
        title: r.title.clone(),
        phase: d.phase(now),
        published_at: r.published_at,
        closes_at: r.closes_at,
        last_day: d.last_day(),
        answers_due_at: r.answers_due_at,
        answered_at: r.answered_at,
        answered_late: d.answered_late(),
        issued_at: r.issued_at,
        comments: r.comments,
        answered: r.answered,
        versions: r.versions,
        topic: r.category.clone(),
    }
}

/// The notice as this viewer may see it: a draft only by its agency's officers.
pub(crate) async fn visible(ex: &mut sqlx::AnyConnection, me: Option<&SessionUser>, id: i64) -> Result<(RegulationRow, bool), AppError> {
    let r = db::get(&mut *ex, id).await?.ok_or(AppError::NotFound)?;
    let manages = match me {
        Some(me) => guard::serves(&mut *ex, me, r.agency.id).await?,
        None => false,
    };
    if r.published_at.is_none() && !manages {
        return Err(AppError::NotFound);
    }
    Ok((r, manages))
}

pub(crate) fn comment_view(c: &CommentRow, me: Option<&SessionUser>) -> RegulationCommentView {
    let withheld = c.status != "visible";
    RegulationCommentView {
        id: c.id,
        version: c.version,
        article: c.article_heading.clone(),
        author: c.author_name.clone(),
        organisation: c.organisation_name.clone(),
        stance: c.stance.as_deref().and_then(Stance::from_code),
        body: if withheld { String::new() } else { c.body.clone() },
        wording: if withheld { None } else { c.wording.clone() },
        at: c.created_at,
        withheld,
        answer: c
            .answer
            .as_ref()
            .and_then(|a| Some(AnswerView { id: a.id, outcome: Outcome::from_code(&a.outcome)?, reason: a.reason.clone(), at: a.created_at })),
        mine: me.is_some_and(|m| m.user_id == c.author_id),
    }
}

/// A version's text as an officer would paste it again: the draft (preamble, then each article
/// under its heading) and, if any article has one, the comparison table. For changing an
/// unpublished notice, and to start a new version from the latest.
pub(crate) async fn text_of(pool: &sqlx::AnyPool, id: i64, number: i64) -> Result<(String, String), AppError> {
    let versions = db::versions(pool, id).await?;
    let version = versions.iter().find(|v| v.number == number).ok_or(AppError::NotFound)?;
    let articles = db::articles(pool, version.id).await?;
    let deletions = db::deletions(pool, version.id).await?;
    let mut draft = version.preamble.clone();
    // A heading line (`## …`) is read back as the whole heading, so splitting again gives
    // the same headings and bodies whatever the heading held.
    for a in &articles {
        draft.push_str(&format!("\n\n## {}\n{}", a.heading, a.body));
    }
    let has_table = !deletions.is_empty() || articles.iter().any(|a| a.current_text.is_some() || a.explanation.is_some());
    let comparison = if has_table {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
        let rows = articles
            .iter()
            .map(|a| {
                let proposed = format!("{}<br>{}", cell(&a.heading), cell(&a.body));
                format!("| {proposed} | {} | {} |", cell(a.current_text.as_deref().unwrap_or("")), cell(a.explanation.as_deref().unwrap_or("")))
            })
            .chain(deletions.iter().map(|d| format!("|  | {} | {} |", cell(&d.current_text), cell(&d.explanation))));
        format!("| 修正條文 | 現行條文 | 說明 |\n| --- | --- | --- |\n{}", rows.collect::<Vec<_>>().join("\n"))
    } else {
        String::new()
    };
    Ok((draft.trim().to_string(), comparison))
}

fn version_view(v: &VersionRow) -> VersionView {
    VersionView { number: v.number, at: v.created_at, note: v.note.clone() }
}

/// The list with its filters; an unknown filter value means "any".
pub async fn list(state: &AppState, me: Option<&SessionUser>, phase: &str, agency: &str, category: &str) -> Result<RegulationList, AppError> {
    let now = state.now();
    let pool = &state.db.read_pool;
    let phase = Phase::from_code(phase.trim()).filter(|p| *p != Phase::Draft);
    let agencies = db::agencies(pool).await?;
    let agency = agencies.iter().find(|a| a.code == agency.trim()).map(|a| a.code.clone());
    // As the other filters: a value that names none of the choices means "any".
    let categories = db::topics(pool).await?;
    let category = categories.iter().find(|c| c.id.to_string() == category.trim()).map(|c| c.id);
    let rows = db::list(pool, phase, agency.as_deref(), category, now, LIST_MAX).await?;
    let served = match me {
        Some(me) => guard::agencies_served(pool, me).await?,
        None => Vec::new(),
    };
    let drafts = db::drafts_of(pool, &served.iter().map(|a| a.id).collect::<Vec<_>>()).await?;
    Ok(RegulationList {
        items: rows.iter().map(|r| summary(r, now)).collect(),
        phase: phase.map(|p| p.code().to_string()).unwrap_or_default(),
        agency: agency.unwrap_or_default(),
        category: category.map(|c| c.to_string()).unwrap_or_default(),
        agencies,
        categories,
        may_publish: !served.is_empty(),
        drafts: drafts.iter().map(|r| summary(r, now)).collect(),
    })
}

/// A notice's page at one version (the latest when `version` is 0 or unknown).
pub async fn page(state: &AppState, me: Option<&SessionUser>, id: i64, version: i64) -> Result<RegulationPage, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let (r, may_manage) = visible(&mut conn, me, id).await?;
    let versions = db::versions(&mut *conn, id).await?;
    let latest = versions.last().ok_or(AppError::NotFound)?;
    let shown = versions.iter().find(|v| v.number == version).unwrap_or(latest);
    let articles = db::articles(&mut *conn, shown.id).await?;
    let all = comments::of_notice(&mut *conn, id).await?;
    let of_version: Vec<&CommentRow> = all.iter().filter(|c| c.version == shown.number).collect();
    let organisation = match me {
        Some(me) => comments::organisation_of(&mut *conn, me.user_id).await?,
        None => None,
    };
    let summary = summary(&r, now);
    let open = summary.phase == Phase::Open && shown.number == latest.number;
    // Chapter titles end the text before them (the split never moves a line); shown, they head
    // the next article. The last article keeps any it ends with.
    let (preamble, mut pending) = trailing_divisions(&shown.preamble);
    let (mut bodies, mut divisions) = (Vec::new(), Vec::new());
    for (i, a) in articles.iter().enumerate() {
        divisions.push(std::mem::take(&mut pending));
        if i + 1 < articles.len() {
            let (body, titles) = trailing_divisions(&a.body);
            bodies.push(body);
            pending = titles;
        } else {
            bodies.push(a.body.clone());
        }
    }
    Ok(RegulationPage {
        legal_basis: r.legal_basis.clone(),
        topic: r.category.clone(),
        issued_version: r.issued_version,
        purpose_html: markdown::render_in_section(&r.purpose, 3),
        contact: r.contact.clone(),
        version: shown.number,
        versions: versions.iter().map(version_view).collect(),
        preamble_html: markdown::render_in_section(&preamble, 3),
        articles: articles
            .iter()
            .zip(bodies)
            .zip(divisions)
            .map(|((a, body), divisions)| ArticleView {
                id: a.id,
                number: a.number.clone(),
                divisions,
                heading: a.heading.clone(),
                body_html: markdown::render_in_section(&body, 4),
                current: a.current_text.clone(),
                explanation: a.explanation.clone(),
                comments: of_version.iter().filter(|c| c.article_id == Some(a.id)).map(|c| comment_view(c, me)).collect(),
            })
            .collect(),
        deletions: db::deletions(&mut *conn, shown.id)
            .await?
            .into_iter()
            .map(|d| DeletionView { number: d.number, current: d.current_text, explanation: d.explanation })
            .collect(),
        general: of_version.iter().filter(|c| c.article_id.is_none()).map(|c| comment_view(c, me)).collect(),
        overall_html: r.overall.as_deref().map(|o| markdown::render_in_section(o, 3)),
        open,
        signed_in: me.is_some(),
        organisation,
        may_manage,
        unanswered: all.iter().filter(|c| c.status != "hidden" && c.answer.is_none()).count() as i64,
        now,
        summary,
    })
}

/// The article-level difference between two versions (by default the first and the latest).
pub async fn diff(state: &AppState, me: Option<&SessionUser>, id: i64, from: i64, to: i64) -> Result<RegulationDiff, AppError> {
    let now = state.now();
    let mut conn = state.db.read_pool.acquire().await?;
    let (r, _) = visible(&mut conn, me, id).await?;
    let versions = db::versions(&mut *conn, id).await?;
    let pick = |n: i64, default: Option<&VersionRow>| versions.iter().find(|v| v.number == n).or(default).map(|v| (v.id, v.number));
    let (old_id, from) = pick(from, versions.first()).ok_or(AppError::NotFound)?;
    let (new_id, to) = pick(to, versions.last()).ok_or(AppError::NotFound)?;
    let text =
        |rows: Vec<db::ArticleRow>| -> Vec<Article> { rows.into_iter().map(|a| Article { number: a.number, heading: a.heading, body: a.body }).collect() };
    let old = text(db::articles(&mut *conn, old_id).await?);
    let new = text(db::articles(&mut *conn, new_id).await?);
    let articles = diff_articles(&old, &new);
    Ok(RegulationDiff { summary: summary(&r, now), versions: versions.iter().map(version_view).collect(), from, to, counts: counts(&articles), articles })
}
