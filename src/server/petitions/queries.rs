//! Reads for petition pages. Every state shown is the state as of now (the clock may
//! have closed a petition before the job recorded it).
use crate::server::auth::guard::{self, Permission};
use crate::dto::petitions::*;
use crate::domain::email::EmailAddress;
use crate::domain::petition::search::terms;
use crate::domain::petition::{PauseShift, Petition, PetitionState};
use crate::domain::time::{DAY, Timestamp};
use crate::error::AppError;
use crate::server::auth::session::SessionUser;
use crate::server::db::petitions::PetitionRow;
use crate::server::db::{agencies, petitions, rules, signatures, users};
use crate::server::state::AppState;
use sqlx::Row;

pub const PAGE_SIZE: i64 = 20;

pub const SUMMARY: &str = "p.id, p.title, p.state, j.name_zh AS j_zh, j.name_en AS j_en, p.signature_count, p.signature_threshold,
    p.opened_at, p.closes_at, p.established_at, p.response_due_at, p.created_at";
pub const FROM: &str = "petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id";
const PUBLIC: &str = "p.state IN ('open', 'established', 'answered', 'closed', 'rejected')";

/// A listed petition as shown at `shift.now` (during a signing pause, the same closing
/// time and state as its own page shows).
pub fn summary(r: &sqlx::any::AnyRow, shift: PauseShift) -> Result<PetitionSummary, sqlx::Error> {
    let closes_at = shift.closes(r.try_get::<Option<i64>, _>("closes_at")?.map(Timestamp));
    let state = shown_state(&r.try_get::<String, _>("state")?, closes_at, shift.now);
    Ok(PetitionSummary {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        state,
        jurisdiction_zh: r.try_get("j_zh")?,
        jurisdiction_en: r.try_get("j_en")?,
        signature_count: r.try_get("signature_count")?,
        threshold: r.try_get("signature_threshold")?,
        opened_at: r.try_get::<Option<i64>, _>("opened_at")?.map(Timestamp),
        closes_at,
        established_at: r.try_get::<Option<i64>, _>("established_at")?.map(Timestamp),
        response_due_at: r.try_get::<Option<i64>, _>("response_due_at")?.map(Timestamp),
        created_at: Timestamp(r.try_get("created_at")?),
    })
}

pub enum Bind {
    Int(i64),
    Text(String),
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

pub fn bind_all<'q>(mut q: AnyQuery<'q>, binds: &[Bind]) -> AnyQuery<'q> {
    for b in binds {
        q = match b {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        };
    }
    q
}

pub async fn summaries(state: &AppState, where_: &str, order: &str, binds: Vec<Bind>, limit: i64, offset: i64) -> Result<Vec<PetitionSummary>, AppError> {
    let sql = format!("SELECT {SUMMARY} FROM {FROM} WHERE {where_} ORDER BY {order} LIMIT {limit} OFFSET {offset}");
    let shift = pause_shift(state).await?;
    let rows = bind_all(sqlx::query(&sql), &binds).fetch_all(&state.db.read_pool).await?;
    Ok(rows.iter().map(|r| summary(r, shift)).collect::<Result<_, _>>()?)
}

/// A stored state as shown at `now`: an open window that has ended reads closed before
/// the close job gets to it. `closes_at` is the shown closing time (`PauseShift::closes`).
pub fn shown_state(stored: &str, closes_at: Option<Timestamp>, now: Timestamp) -> PetitionState {
    match PetitionState::from_code(stored).unwrap_or(PetitionState::Hidden) {
        PetitionState::Open if closes_at.is_some_and(|c| now >= c) => PetitionState::Closed,
        s => s,
    }
}

/// The clock of signing windows now: bent while signing is paused.
pub async fn pause_shift(state: &AppState) -> Result<PauseShift, AppError> {
    let since = rules::current_pause(&state.db.read_pool).await?.filter(|p| p.signing).map(|p| p.started_at);
    Ok(PauseShift { now: state.now(), since })
}

/// `p.id IN (petitions holding every term)`, with its binds numbered from `next`.
fn search_clause(q: &str, next: &mut usize, binds: &mut Vec<Bind>) -> Option<String> {
    let ts = terms(q, 12);
    if ts.is_empty() {
        return None;
    }
    let n = ts.len();
    let params: Vec<String> = ts
        .into_iter()
        .map(|t| {
            binds.push(Bind::Text(t));
            *next += 1;
            format!("${}", *next)
        })
        .collect();
    Some(format!(
        "p.id IN (SELECT petition_id FROM petition_terms WHERE term IN ({}) GROUP BY petition_id HAVING COUNT(*) = {n})",
        params.join(", ")
    ))
}

/// The WHERE clauses of a list query (public petitions, state, place, agency, topic,
/// search), their binds ($1 is the clock of windows, `PauseShift::window_now`), and the
/// last placeholder number used.
pub fn filters(query: &ListQuery, now: i64) -> (Vec<String>, Vec<Bind>, usize) {
    let mut binds = vec![Bind::Int(now)];
    let mut next = 1;
    let mut clauses = vec![PUBLIC.to_string()];
    match query.state.as_deref() {
        Some("open") => clauses.push("p.state IN ('open', 'established', 'answered') AND p.closes_at > $1".into()),
        Some("answered") => clauses.push("p.state = 'answered'".into()),
        Some("established") => clauses.push("p.state = 'established'".into()),
        Some("closed") => clauses.push("(p.state = 'closed' OR (p.state = 'open' AND p.closes_at <= $1))".into()),
        Some("rejected") => clauses.push("p.state = 'rejected'".into()),
        _ => {}
    }
    for (col, value) in [("p.jurisdiction_id", query.jurisdiction), ("p.category_id", query.category)] {
        if let Some(v) = value {
            binds.push(Bind::Int(v));
            next += 1;
            clauses.push(format!("{col} = ${next}"));
        }
    }
    if let Some(a) = query.agency {
        binds.push(Bind::Int(a));
        next += 1;
        clauses.push(format!("EXISTS (SELECT 1 FROM petition_agencies pa WHERE pa.petition_id = p.id AND pa.agency_id = ${next})"));
    }
    if let Some(clause) = query.q.as_deref().and_then(|q| search_clause(q, &mut next, &mut binds)) {
        clauses.push(clause);
    }
    (clauses, binds, next)
}

pub async fn list(state: &AppState, query: &ListQuery) -> Result<ListPage, AppError> {
    let now = pause_shift(state).await?.window_now().0;
    let (clauses, binds, _) = filters(query, now);
    let order = match query.sort.as_deref() {
        Some("newest") => "COALESCE(p.opened_at, p.created_at) DESC, p.id DESC".to_string(),
        Some("ending") => "CASE WHEN p.closes_at > $1 THEN 0 ELSE 1 END, p.closes_at ASC, p.id".to_string(),
        Some("trending") => format!(
            "(SELECT COALESCE(SUM(h.count), 0) FROM petition_hourly_counts h WHERE h.petition_id = p.id AND h.hour >= {}) DESC, p.signature_count DESC, p.id",
            now - DAY
        ),
        _ => "p.signature_count DESC, p.id DESC".to_string(),
    };
    // The clock bind ($1) is referenced by every query so both engines see one parameter list.
    let where_ = format!("{} AND $1 = $1", clauses.join(" AND "));
    let count_sql = format!("SELECT COUNT(*) AS n FROM {FROM} WHERE {where_}");
    let total: i64 = bind_all(sqlx::query(&count_sql), &binds).fetch_one(&state.db.read_pool).await?.try_get("n")?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let items = summaries(state, &where_, &order, binds, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(ListPage { items, total, page, pages, now: state.now() })
}

pub async fn home(state: &AppState) -> Result<HomeLists, AppError> {
    let now = pause_shift(state).await?.window_now().0;
    let open = "p.state = 'open' AND p.closes_at > $1";
    Ok(HomeLists {
        near_threshold: summaries(state, open, "p.signature_count * 1000 / p.signature_threshold DESC, p.id", vec![Bind::Int(now)], 5, 0).await?,
        ending_soon: summaries(state, open, "p.closes_at ASC, p.id", vec![Bind::Int(now)], 5, 0).await?,
        recently_established: summaries(state, "p.state = 'established' AND $1 = $1", "p.established_at DESC, p.id", vec![Bind::Int(now)], 5, 0).await?,
        recently_answered: summaries(state, "p.state = 'answered' AND $1 = $1", "p.answered_at DESC, p.id", vec![Bind::Int(now)], 5, 0).await?,
        now: state.now(),
    })
}

/// Public petitions sharing most of the words of `text`, best match first.
pub async fn similar(state: &AppState, text: &str, exclude: Option<i64>) -> Result<Vec<PetitionSummary>, AppError> {
    let ts = terms(text, 24);
    if ts.is_empty() {
        return Ok(Vec::new());
    }
    let need = ((ts.len() as i64 + 1) / 2).max(1);
    let mut binds = vec![Bind::Int(exclude.unwrap_or(0))];
    let params: Vec<String> = ts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            binds.push(Bind::Text(t));
            format!("${}", i + 2)
        })
        .collect();
    let where_ = format!(
        "{PUBLIC} AND p.id <> $1 AND p.id IN (SELECT petition_id FROM petition_terms WHERE term IN ({}) GROUP BY petition_id HAVING COUNT(*) >= {need})",
        params.join(", ")
    );
    let order = format!("(SELECT COUNT(*) FROM petition_terms t WHERE t.petition_id = p.id AND t.term IN ({})) DESC, p.signature_count DESC", params.join(", "));
    summaries(state, &where_, &order, binds, 5, 0).await
}

pub async fn mine(state: &AppState, me: &SessionUser) -> Result<Vec<PetitionSummary>, AppError> {
    summaries(state, "p.proposer_id = $1", "p.created_at DESC, p.id DESC", vec![Bind::Int(me.user_id)], 200, 0).await
}

pub async fn my_signatures(state: &AppState, me: &SessionUser) -> Result<Vec<MySignature>, AppError> {
    let norm = EmailAddress::parse(&me.email).map(|e| e.normalized()).unwrap_or_default();
    let sql = format!(
        "SELECT {SUMMARY}, s.confirmed_at AS signed_at, p.allow_signature_withdrawal AS may_withdraw FROM {FROM}
         JOIN signatures s ON s.petition_id = p.id
         WHERE (s.user_id = $1 OR s.email_norm = $2) AND s.confirmed_at IS NOT NULL ORDER BY s.confirmed_at DESC LIMIT 500"
    );
    let shift = pause_shift(state).await?;
    let now = shift.now;
    let rows = sqlx::query(&sql).bind(me.user_id).bind(norm).fetch_all(&state.db.pool).await?;
    rows.iter()
        .map(|r| {
            let petition = summary(r, shift)?;
            let open = matches!(petition.state, PetitionState::Open | PetitionState::Established) && petition.closes_at.is_some_and(|c| now < c);
            Ok(MySignature { signed_at: Timestamp(r.try_get("signed_at")?), can_withdraw: open && r.try_get::<i64, _>("may_withdraw")? != 0, petition })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// The petition as shown now: during a signing pause a running window is already
/// counted as extended by the time paused so far.
fn effective(row: &PetitionRow, pause: Option<&PauseView>, now: Timestamp) -> Petition {
    let mut p = row.petition.clone();
    if let Some(pause) = pause.filter(|p| p.signing)
        && p.closes_at.is_some_and(|c| c > pause.started_at)
    {
        p.extend_for_pause(now.0 - pause.started_at.0);
    }
    p
}

pub async fn detail(state: &AppState, me: Option<&SessionUser>, id: i64) -> Result<PetitionDetail, AppError> {
    let now = state.now();
    let db = &state.db.read_pool;
    let row = petitions::get(db, id).await?.ok_or(AppError::NotFound)?;
    let is_proposer = me.is_some_and(|m| guard::may(m, Permission::Own { owner: row.proposer_id }));
    let is_moderator = me.is_some_and(|m| guard::may(m, Permission::Moderate));
    // An unsubmitted draft is its author's alone; moderators meet a petition once submitted.
    let private = row.petition.state == PetitionState::Draft;
    let may_see = is_proposer || row.petition.state.is_public() || (is_moderator && !private);
    if !may_see {
        return Err(AppError::NotFound);
    }
    // Text held or hidden after reports reaches only the proposer and moderators, on
    // every surface built from this (the page, the server function, the public API).
    let withheld = row.content_status != "visible" && !is_proposer && !is_moderator;
    let pause = rules::current_pause(db).await?;
    let p = effective(&row, pause.as_ref(), now);
    let signing_paused = pause.as_ref().is_some_and(|p| p.signing);
    let jurisdiction = sqlx::query("SELECT name_zh, name_en FROM jurisdictions WHERE id = $1").bind(row.jurisdiction_id).fetch_one(db).await?;
    let agencies = agencies::for_petition(db, id).await?;
    let category = rules::categories(db).await?.into_iter().find(|c| c.id == row.category_id);
    let proposer_name = users::by_id(db, row.proposer_id).await?.map(|u| u.display_name).unwrap_or_default();
    let timeline = sqlx::query("SELECT at, kind, detail FROM petition_events WHERE petition_id = $1 ORDER BY at, id")
        .bind(id)
        .fetch_all(db)
        .await?
        .iter()
        .map(|r| Ok(TimelineEntry { at: Timestamp(r.try_get("at")?), kind: r.try_get("kind")?, detail: r.try_get("detail")? }))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let hourly = sqlx::query("SELECT hour, count FROM petition_hourly_counts WHERE petition_id = $1 ORDER BY hour")
        .bind(id)
        .fetch_all(db)
        .await?
        .iter()
        .map(|r| Ok((Timestamp(r.try_get("hour")?), r.try_get("count")?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let counties = sqlx::query("SELECT county, count FROM petition_county_counts WHERE petition_id = $1 AND count > 0 ORDER BY count DESC")
        .bind(id)
        .fetch_all(db)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("county")?, r.try_get("count")?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let mut viewer = Viewer { logged_in: me.is_some(), is_proposer, is_moderator, ..Default::default() };
    if let Some(me) = me {
        let norm = EmailAddress::parse(&me.email).map(|e| e.normalized()).unwrap_or_default();
        if let Some(s) = signatures::by_person(db, id, &norm).await? {
            viewer.signed = s.confirmed_at.is_some();
            viewer.signature_pending = s.confirmed_at.is_none();
        }
        viewer.sponsored = sqlx::query("SELECT 1 AS x FROM petition_sponsors WHERE petition_id = $1 AND user_id = $2")
            .bind(id)
            .bind(me.user_id)
            .fetch_optional(db)
            .await?
            .is_some();
        viewer.county = me.county.clone();
        viewer.notify_signed = users::by_id(db, me.user_id).await?.is_some_and(|u| u.notify_signed);
    }
    let state_now = p.state_at(now);
    Ok(PetitionDetail {
        summary: PetitionSummary {
            id,
            title: row.title.clone(),
            state: state_now,
            jurisdiction_zh: jurisdiction.try_get("name_zh")?,
            jurisdiction_en: jurisdiction.try_get("name_en")?,
            signature_count: row.signature_count,
            threshold: p.rules.signature_threshold,
            opened_at: p.opened_at,
            closes_at: p.closes_at,
            established_at: p.established_at,
            // The stored deadline includes an extension; the rules alone do not know it.
            response_due_at: row.response_due_at.or_else(|| p.response_due()),
            created_at: row.created_at,
        },
        problem: if withheld { String::new() } else { row.problem.clone() },
        action: if withheld { String::new() } else { row.action.clone() },
        benefits: if withheld { String::new() } else { row.benefits.clone() },
        evidence: if withheld { Vec::new() } else { row.evidence.clone() },
        category,
        agencies,
        proposer_name,
        rules: p.rules,
        can_sign: p.can_sign(now) && !signing_paused,
        signing_paused,
        second_tier_at: row.second_tier_at,
        submitted_at: row.submitted_at,
        review_due_at: row.review_due_at,
        reject_reason: row.reject_reason,
        reject_explanation: row.reject_explanation.clone(),
        duplicate_of: row.duplicate_of,
        sponsor_count: petitions::sponsor_count(db, id).await?,
        sponsor_key: is_proposer.then(|| row.sponsor_key.clone()),
        timeline,
        hourly,
        counties,
        viewer,
        now,
    })
}

/// The proposer's own draft, for editing.
pub async fn draft(state: &AppState, me: &SessionUser, id: i64) -> Result<DraftView, AppError> {
    let row = petitions::get(&state.db.pool, id).await?.ok_or(AppError::NotFound)?;
    if !guard::may(me, Permission::Own { owner: row.proposer_id }) {
        return Err(AppError::NotFound);
    }
    let agencies = petitions::agency_ids(&state.db.pool, id).await?;
    Ok(DraftView {
        id,
        state: row.petition.state,
        input: crate::domain::petition::proposal::ProposalInput {
            title: row.title,
            problem: row.problem,
            action: row.action,
            benefits: row.benefits,
            evidence: row.evidence.join("\n"),
            category_id: row.category_id.to_string(),
            jurisdiction_id: row.jurisdiction_id.to_string(),
            agency_ids: agencies.iter().map(|a| a.to_string()).collect(),
        },
    })
}

pub async fn propose_options(state: &AppState) -> Result<ProposeOptions, AppError> {
    let db = &state.db.pool;
    let agencies = agencies::all_by_jurisdiction(db).await?;
    Ok(ProposeOptions {
        categories: rules::active_categories(db).await?,
        jurisdictions: rules::active(db).await?,
        agencies,
        proposing_paused: super::paused(db, true).await?,
    })
}
