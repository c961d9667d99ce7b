//! Reads for petition pages. Every state shown is the state as of now (the clock may
//! have closed a petition before the job recorded it).
use crate::domain::email::EmailAddress;
use crate::domain::petition::search::terms;
use crate::domain::petition::{PauseShift, Petition, PetitionState};
use crate::domain::time::{DAY, Timestamp};
use crate::dto::petitions::*;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::petition_list::{self, Filter, ListRow, Order, Scope, Shown};
use crate::server::db::petition_page;
use crate::server::db::petitions::PetitionRow;
use crate::server::db::{agencies, petitions, rules, signatures, users};
use crate::server::state::AppState;

pub const PAGE_SIZE: i64 = 20;

/// A listed petition as shown at `shift.now` (during a signing pause, the same closing
/// time and state as its own page shows).
pub fn summary(r: &ListRow, shift: PauseShift) -> PetitionSummary {
    let closes_at = shift.closes(r.closes_at);
    PetitionSummary {
        id: r.id,
        title: r.title.clone(),
        state: shown_state(&r.state, closes_at, shift.now),
        jurisdiction_zh: r.jurisdiction_zh.clone(),
        jurisdiction_en: r.jurisdiction_en.clone(),
        signature_count: r.signature_count,
        threshold: r.signature_threshold,
        opened_at: r.opened_at,
        closes_at,
        established_at: r.established_at,
        response_due_at: r.response_due_at,
        created_at: r.created_at,
    }
}

/// One page of a list, each petition as shown now.
pub async fn summaries(state: &AppState, scope: &Scope, f: &Filter, order: Order, limit: i64, offset: i64) -> Result<Vec<PetitionSummary>, AppError> {
    let shift = pause_shift(state).await?;
    let rows = petition_list::page(&state.db.read_pool, scope, f, order, shift.window_now(), limit, offset).await?;
    Ok(rows.iter().map(|r| summary(r, shift)).collect())
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

/// The typed filter of a list query (`/petitions`, the open-data API).
pub fn filter(query: &ListQuery) -> Filter {
    Filter {
        shown: query.state.as_deref().and_then(Shown::from_query),
        jurisdiction: query.jurisdiction,
        category: query.category,
        agency: query.agency,
        all_terms: query.q.as_deref().map(|q| terms(q, 12)).unwrap_or_default(),
        ..Filter::default()
    }
}

pub async fn list(state: &AppState, query: &ListQuery) -> Result<ListPage, AppError> {
    let now = pause_shift(state).await?.window_now();
    let f = filter(query);
    let order = match query.sort.as_deref() {
        Some("newest") => Order::Newest,
        Some("ending") => Order::Ending,
        Some("trending") => Order::Trending { since: now.plus_millis(-DAY) },
        _ => Order::MostSigned,
    };
    let total = petition_list::count(&state.db.read_pool, &Scope::Public, &f, now).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let items = summaries(state, &Scope::Public, &f, order, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(ListPage { items, total, page, pages, now: state.now() })
}

pub async fn home(state: &AppState) -> Result<HomeLists, AppError> {
    let open = Filter { shown: Some(Shown::OpenRunning), ..Filter::default() };
    let established = Filter { shown: Some(Shown::Established), ..Filter::default() };
    let answered = Filter { shown: Some(Shown::Answered), ..Filter::default() };
    let public = Scope::Public;
    Ok(HomeLists {
        near_threshold: summaries(state, &public, &open, Order::NearThreshold, 5, 0).await?,
        ending_soon: summaries(state, &public, &open, Order::ClosingFirst, 5, 0).await?,
        recently_established: summaries(state, &public, &established, Order::LatestEstablished, 5, 0).await?,
        recently_answered: summaries(state, &public, &answered, Order::LatestAnswered, 5, 0).await?,
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
    let f = Filter { some_terms: Some((ts, need)), exclude: Some(exclude.unwrap_or(0)), ..Filter::default() };
    summaries(state, &Scope::Public, &f, Order::BestMatch, 5, 0).await
}

pub async fn mine(state: &AppState, me: &SessionUser) -> Result<Vec<PetitionSummary>, AppError> {
    summaries(state, &Scope::ProposedBy(me.user_id), &Filter::default(), Order::LatestProposed, 200, 0).await
}

pub async fn my_signatures(state: &AppState, me: &SessionUser) -> Result<Vec<MySignature>, AppError> {
    let norm = EmailAddress::parse(&me.email).map(|e| e.normalized()).unwrap_or_default();
    let shift = pause_shift(state).await?;
    let now = shift.now;
    let rows = petition_list::signed_by(&state.db.pool, me.user_id, &norm).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let petition = summary(&r.petition, shift);
            let open = matches!(petition.state, PetitionState::Open | PetitionState::Established) && petition.closes_at.is_some_and(|c| now < c);
            MySignature { signed_at: r.signed_at, can_withdraw: open && r.may_withdraw, receipt_ready: r.receipt_ready, petition }
        })
        .collect())
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
    let (jurisdiction_zh, jurisdiction_en) = petition_page::jurisdiction_names(db, row.jurisdiction_id).await?;
    let agencies = agencies::for_petition(db, id).await?;
    let category = rules::categories(db).await?.into_iter().find(|c| c.id == row.category_id);
    let proposer_name = users::by_id(db, row.proposer_id).await?.map(|u| u.display_name).unwrap_or_default();
    let timeline = petition_page::timeline(db, id).await?.into_iter().map(|(at, kind, detail)| TimelineEntry { at, kind, detail }).collect();
    let hourly = petition_page::hourly(db, id).await?;
    let counties = petition_page::counties(db, id).await?;
    let mut viewer = Viewer { logged_in: me.is_some(), is_proposer, is_moderator, ..Default::default() };
    if let Some(me) = me {
        let norm = EmailAddress::parse(&me.email).map(|e| e.normalized()).unwrap_or_default();
        if let Some(s) = signatures::by_person(db, id, &norm).await? {
            viewer.signed = s.confirmed_at.is_some();
            viewer.signature_pending = s.confirmed_at.is_none();
        }
        viewer.sponsored = petition_page::sponsored_by(db, id, me.user_id).await?;
        viewer.county = me.county.clone();
        viewer.notify_signed = users::by_id(db, me.user_id).await?.is_some_and(|u| u.notify_signed);
        viewer.blocked = guard::allow(me, Permission::TakePart { now }).err();
    }
    // Right after signing, the person sees their own signature in the figure: the roll-up
    // adds it within a second, so add what is still waiting instead of showing an old number.
    let signature_count = match viewer.signed {
        true => row.signature_count + crate::server::db::counts::pending_delta(db, id).await?,
        false => row.signature_count,
    };
    let state_now = p.state_at(now);
    let share_url = format!("{}/petitions/{id}", state.config.base_url);
    Ok(PetitionDetail {
        summary: PetitionSummary {
            id,
            title: row.title.clone(),
            state: state_now,
            jurisdiction_zh,
            jurisdiction_en,
            signature_count,
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
        share_url: share_url.clone(),
        share_qr_svg: if row.petition.state.is_public() { crate::server::qr::svg(&share_url) } else { String::new() },
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
