//! The agency workspace: the inbox, one petition's draft, publication and extension.
use super::{Access, access, both_names, points_json};
use crate::domain::petition::{Command, PetitionState};
use crate::domain::response::{POINT_ROWS, ResponseInput, TRANSFER_REASON_MIN, extension_days, may_extend};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::responses::*;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::petition_list::{Filter, Order, Scope};
use crate::server::db::responses::{self, Content};
use crate::server::db::{agencies, petitions, users};
use crate::server::db::{inbox, lead_transfers, response_notices};
use crate::server::petitions::queries::summaries;
use crate::server::state::AppState;

/// Established and answered petitions of the person's agencies (all agencies for admins).
pub async fn inbox(state: &AppState, me: &SessionUser, filter: &str) -> Result<Inbox, AppError> {
    guard::allow(me, Permission::AgencyWorkspace)?;
    let db = &state.db.pool;
    let now = state.now();
    let admin = guard::may(me, Permission::Administer);
    let mine = agencies::for_user(db, me.user_id).await?;
    let who = if admin { inbox::For::Everyone } else { inbox::For::Member(me.user_id) };
    let rows = inbox::rows(db, who, inbox::Tab::from_code(filter), now).await?;
    let all = agencies::all(db).await?;
    // One read for all the rows' petitions.
    let ids: Vec<i64> = rows.iter().map(|r| r.petition_id).collect();
    let n = ids.len().max(1) as i64;
    let petitions = summaries(state, &Scope::Ids(ids), &Filter::default(), Order::Id, n, 0).await?;
    let mut items = Vec::new();
    for r in &rows {
        let Some(petition) = petitions.iter().find(|p| p.id == r.petition_id).cloned() else { continue };
        let Some(agency) = all.iter().find(|a| a.id == r.agency_id).cloned() else { continue };
        items.push(InboxItem { petition, agency, is_lead: r.is_lead, has_draft: r.has_draft, answered_at: r.answered_at });
    }
    let transfers = lead_transfers::transfers_for(db, me.user_id, admin).await?;
    Ok(Inbox { agencies: mine, items, transfers, now })
}

/// The agency this person works for on the petition: the requested one if they serve it,
/// else their first. Admins may look at any of the petition's agencies.
fn pick_agency(a: &Access, requested: Option<i64>, admin: bool) -> Result<crate::dto::common::AgencyView, AppError> {
    let allowed = |id: i64| a.serves(id) || admin;
    let chosen = match requested {
        Some(id) => a.agencies.iter().find(|(ag, _)| ag.id == id && allowed(id)),
        None => a.agencies.iter().find(|(_, m)| *m).or_else(|| if admin { a.agencies.first() } else { None }),
    };
    chosen.map(|(ag, _)| ag.clone()).ok_or(AppError::Forbidden)
}

pub async fn workspace(state: &AppState, me: &SessionUser, id: i64, agency: Option<i64>) -> Result<Workspace, AppError> {
    guard::allow(me, Permission::AgencyWorkspace)?;
    let mut conn = state.db.pool.acquire().await?;
    let a = access(&mut conn, me, id).await?;
    let admin = guard::may(me, Permission::Administer);
    let agency = pick_agency(&a, agency, admin)?;
    let is_lead = a.is_lead(agency.id);
    let draft = match responses::draft(&mut *conn, id, agency.id).await? {
        Some(d) => DraftView {
            summary: d.summary,
            details: d.details,
            points: serde_json::from_str(&d.points).unwrap_or_default(),
            links: d.links,
            updated_at: Some(d.updated_at),
        },
        None => DraftView::default(),
    };
    let current = super::public::versions_of(&mut conn, id, true).await?.into_iter().find(|v| v.agency.id == agency.id);
    // An empty draft starts from the published version, so an amendment edits it.
    let draft = match (&draft.updated_at, &current) {
        (None, Some(c)) => DraftView {
            summary: c.summary.clone(),
            details: super::public::source_of(&mut conn, id, agency.id).await?.unwrap_or_default(),
            points: c.points.iter().map(|p| (p.text.clone(), p.position.code().to_string(), p.reason.clone())).collect(),
            links: c.links.join("\n"),
            updated_at: None,
        },
        _ => draft,
    };
    let meta = responses::meta(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
    let now = state.now();
    let petition = summaries(state, &Scope::Ids(vec![id]), &Filter::default(), Order::Id, 1, 0).await?.pop().ok_or(AppError::NotFound)?;
    Ok(Workspace {
        petition,
        action: a.row.action.clone(),
        agency,
        is_lead,
        is_admin: admin,
        draft,
        current,
        may_extend: is_lead && may_extend(a.row.petition.state, meta.extension.is_some(), a.row.response_due_at, meta.answered_at),
        extension: meta.extension.map(|(days, reason, at)| ExtensionView { days, reason, at }),
        max_extension_days: meta.max_extension_days,
        agencies: agencies::all_by_jurisdiction(&mut *conn).await?.into_iter().filter(|(j, _)| *j == a.row.jurisdiction_id).map(|(_, ag)| ag).collect(),
        pending_transfer: lead_transfers::pending_transfer(&mut *conn, id).await?,
        citable: citable(&mut conn, id).await?,
        now,
    })
}

pub struct Form {
    pub agency_id: i64,
    pub input: ResponseInput,
    pub publish: bool,
    /// Statement ids ticked to cite (published with the version).
    pub cited: Vec<String>,
}

/// The petition's shown statements, most agreed first (what the agency heard most clearly).
async fn citable(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::dto::deliberation::StatementView>, sqlx::Error> {
    let Some(c) = crate::server::db::deliberation::find(&mut *conn, crate::server::deliberation::PETITION, id).await? else { return Ok(Vec::new()) };
    let mut out: Vec<crate::dto::deliberation::StatementView> =
        crate::server::db::deliberation::statements(&mut *conn, c.id, "shown").await?.into_iter().map(|s| crate::server::deliberation::view(&s)).collect();
    out.sort_by_key(|s| (-(s.agree - s.disagree), s.id));
    Ok(out)
}

/// Save the agency's draft, or publish it: the lead agency's formal response (first
/// publication answers the petition and notifies signers) or a co-agency's section.
#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn save(state: &AppState, me: &SessionUser, id: i64, form: Form) -> Result<(), AppError> {
    guard::allow(me, Permission::AgencyWorkspace)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let a = access(&mut tx, me, id).await?;
    // Only the agency's own officers write or publish its text (admins included only as officers).
    if !a.serves(form.agency_id) {
        return Err(AppError::Forbidden);
    }
    let lead = a.is_lead(form.agency_id);
    let parsed = form.input.parse(form.publish, lead).map_err(AppError::Invalid)?;
    let cite = crate::domain::consultation::parse_citations(&form.cited).map_err(|e| AppError::Invalid(FieldErrors::one("cited", e)))?;
    if !cite.is_empty() {
        let known: Vec<i64> = citable(&mut tx, id).await?.iter().map(|s| s.id).collect();
        if cite.iter().any(|s| !known.contains(s)) {
            return Err(AppError::Invalid(FieldErrors::one("cited", FieldError::UnknownChoice)));
        }
    }
    let points = points_json(&parsed.points);
    let links = parsed.links.join("\n");
    let content = Content { summary: &parsed.summary, details: &parsed.details, points: &points, links: &links };
    if !form.publish {
        // A draft keeps what was typed, even rows not yet complete.
        let raw_points = serde_json::to_string(&form.input.points.iter().take(POINT_ROWS).collect::<Vec<_>>()).unwrap_or_default();
        let draft = Content { points: &raw_points, ..content };
        responses::save_draft(&mut **tx, id, form.agency_id, &draft, me.user_id, now).await?;
        tx.commit().await?;
        return Ok(());
    }
    let (version_id, version) = responses::publish(&mut tx, id, form.agency_id, lead, &content, me.user_id, now).await.map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => AppError::Conflict,
        e => e.into(),
    })?;
    responses::delete_draft(&mut **tx, id, form.agency_id).await?;
    for s in &cite {
        crate::server::db::consultations::cite(&mut **tx, "response", version_id, *s).await?;
    }
    let agency = a.agencies.iter().find(|(ag, _)| ag.id == form.agency_id).map(|(ag, _)| ag.clone()).ok_or(AppError::NotFound)?;
    let kind = match (lead, version) {
        (true, 1) => {
            // The answer is a transition of the petition's state machine, like every other.
            let mut row = petitions::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
            let from = row.petition.state;
            row.petition.apply(Command::Answer, now).map_err(|_| AppError::Conflict)?;
            if !responses::mark_answered(&mut **tx, id, from, row.petition.state, now).await? {
                return Err(AppError::Conflict);
            }
            // Signers are told by a paced job, never inside this request.
            // The notice and the timeline event are named for the state the answer led to.
            let answered = PetitionState::Answered.code();
            response_notices::add_notice(&mut **tx, id, answered, Some(version_id), now).await?;
            crate::server::follows::record(&mut tx, id, crate::server::follows::Event::Answered, now).await?;
            let news = crate::server::petitions::emails::News::Answered { summary: &parsed.summary };
            crate::server::petitions::emails::tell_proposer(&mut tx, &row, news, &state.config.base_url, now).await?;
            answered
        }
        (true, _) => "response_amended",
        (false, _) => "section_published",
    };
    petitions::add_event(&mut **tx, id, now, kind, &both_names(&agency)).await?;
    users::audit(&mut **tx, Some(me.user_id), &format!("response.{kind}"), &id.to_string(), &format!("agency:{} v{version}", agency.id), now).await?;
    tx.commit().await?;
    tracing::info!(kind, version, "response published");
    Ok(())
}

/// The one extension, by the lead agency, with a public reason.
#[tracing::instrument(skip_all, fields(user = me.user_id, petition = id))]
pub async fn extend(state: &AppState, me: &SessionUser, id: i64, days: &str, reason: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::AgencyWorkspace)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let a = access(&mut tx, me, id).await?;
    if !a.serves_lead() {
        return Err(AppError::Forbidden);
    }
    let meta = responses::meta(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    // Also after the answer is published, within the same rules (see the domain).
    if !may_extend(a.row.petition.state, meta.extension.is_some(), a.row.response_due_at, meta.answered_at) {
        return Err(AppError::Conflict);
    }
    let mut errors = FieldErrors::new();
    let days = errors.check("days", extension_days(days, meta.max_extension_days)).unwrap_or(0);
    let reason = errors.check("extension_reason", crate::domain::petition::proposal::text(reason, TRANSFER_REASON_MIN, 1000, true));
    let Some(reason) = reason.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    if !responses::extend(&mut **tx, id, days, &reason, now).await? {
        // Already extended once.
        return Err(AppError::Conflict);
    }
    petitions::add_event(&mut **tx, id, now, "response_extended", &format!("{days}|{reason}")).await?;
    crate::server::follows::record(&mut tx, id, crate::server::follows::Event::Extended, now).await?;
    super::emails::extended(&mut tx, id, days, &reason, &state.config.base_url, now).await?;
    users::audit(&mut **tx, Some(me.user_id), "response.extend", &id.to_string(), &days.to_string(), now).await?;
    tx.commit().await?;
    Ok(())
}
