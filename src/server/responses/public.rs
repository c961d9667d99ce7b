//! The public side of responses: the petition page's response part, earlier versions
//! and signers' ratings.
use super::points_from_json;
use crate::domain::petition::PetitionState;
use crate::dto::responses::*;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::{petitions, responses};
use crate::server::state::AppState;

/// Every published version, newest first (current ones only when `current_only`).
pub async fn versions_of(conn: &mut sqlx::AnyConnection, id: i64, current_only: bool) -> Result<Vec<ResponseView>, AppError> {
    let rows = responses::versions(&mut *conn, id).await?;
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for r in rows {
        if current_only {
            if seen.contains(&r.agency.id) {
                continue;
            }
            seen.push(r.agency.id);
        }
        let mut cited = Vec::new();
        for sid in crate::server::db::consultations::citations(&mut *conn, "response", r.id).await? {
            if let Some(st) = crate::server::db::deliberation::statement(&mut *conn, sid).await?.filter(|st| st.status == "shown") {
                cited.push(crate::server::deliberation::view(&st));
            }
        }
        out.push(ResponseView {
            cited,
            // Under the response's own h3 title: its headings start at h4.
            details_html: crate::server::markdown::render_in_section(&r.details, 4),
            points: points_from_json(&r.points),
            links: r.links.lines().filter(|l| !l.is_empty()).map(str::to_string).collect(),
            agency: r.agency,
            is_lead: r.is_lead,
            version: r.version,
            summary: r.summary,
            published_at: r.published_at,
            first_published_at: r.first_published_at,
            published_by: Some(r.publisher),
        });
    }
    Ok(out)
}

/// The Markdown of an agency's current version (to start an amendment from).
pub async fn source_of(conn: &mut sqlx::AnyConnection, id: i64, agency_id: i64) -> Result<Option<String>, AppError> {
    Ok(responses::versions(&mut *conn, id).await?.into_iter().find(|v| v.agency.id == agency_id).map(|v| v.details))
}

fn is_staff(me: Option<&SessionUser>) -> bool {
    me.is_some_and(|m| guard::may(m, Permission::Staff))
}

fn hide_officers(views: &mut [ResponseView], me: Option<&SessionUser>) {
    if !is_staff(me) {
        for v in views {
            v.published_by = None;
        }
    }
}

pub async fn for_petition(state: &AppState, me: Option<&SessionUser>, id: i64) -> Result<PetitionResponses, AppError> {
    let mut conn = state.db.read_pool.acquire().await?;
    let row = petitions::get(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
    if !row.petition.state.is_public() {
        return Err(AppError::NotFound);
    }
    let now = state.now();
    let mut current = versions_of(&mut conn, id, true).await?;
    hide_officers(&mut current, me);
    let formal = current.iter().position(|v| v.is_lead).map(|i| current.remove(i));
    let meta = responses::meta(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
    let (helpful, not_helpful) = responses::rating_counts(&mut *conn, id).await?;
    let (mine, can_rate, can_work) = match me {
        Some(me) => {
            let signed = responses::has_signed(&mut *conn, id, me.user_id).await?;
            let serves = guard::may(me, Permission::ActForAgency) && responses::agencies_for(&mut *conn, id, me.user_id).await?.iter().any(|(_, m)| *m);
            (
                responses::my_rating(&mut *conn, id, me.user_id).await?,
                signed && row.petition.state == PetitionState::Answered,
                serves || guard::may(me, Permission::Administer),
            )
        }
        None => (None, false, false),
    };
    let owed = matches!(row.petition.state, PetitionState::Established | PetitionState::Answered);
    Ok(PetitionResponses {
        formal,
        sections: current,
        due_at: if owed { petitions::response_due_at(&mut *conn, id).await? } else { None },
        answered_at: meta.answered_at,
        extension: meta.extension.map(|(days, reason, at)| ExtensionView { days, reason, at }),
        rating: RatingView { helpful, not_helpful, mine, can_rate },
        can_work,
        now,
    })
}

pub async fn versions_page(state: &AppState, me: Option<&SessionUser>, id: i64) -> Result<VersionsPage, AppError> {
    let mut conn = state.db.read_pool.acquire().await?;
    let row = petitions::get(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
    if !row.petition.state.is_public() {
        return Err(AppError::NotFound);
    }
    let mut versions = versions_of(&mut conn, id, false).await?;
    hide_officers(&mut versions, me);
    Ok(VersionsPage { petition_id: id, title: row.title, versions })
}

/// Helpful or not, once per signer, after the formal response.
#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn rate(state: &AppState, me: &SessionUser, id: i64, helpful: &str) -> Result<(), AppError> {
    let helpful = match helpful {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::Invalid(crate::domain::validation::FieldErrors::one("helpful", crate::domain::validation::FieldError::UnknownChoice))),
    };
    let db = &state.db.pool;
    let row = petitions::get(db, id).await?.ok_or(AppError::NotFound)?;
    if row.petition.state != PetitionState::Answered {
        return Err(AppError::Conflict);
    }
    if !responses::has_signed(db, id, me.user_id).await? {
        return Err(AppError::Forbidden);
    }
    if !responses::rate(db, id, me.user_id, helpful, state.now()).await? {
        return Err(AppError::Conflict);
    }
    Ok(())
}
