//! Agencies, set up by administrators: add, edit, retire, and merge into another.
//! A retired agency keeps its history (answers, figures, page) and takes no new
//! petitions; one that open petitions still need is merged instead, so none is stranded.
use super::code_taken;
use crate::domain::org::{NAME_EN_MAX, NAME_ZH_MAX, parse_contact, parse_name, parse_names};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::org::{self, Table};
use crate::server::db::{merges, petitions, users};
use crate::server::state::AppState;

pub struct AgencyInput<'a> {
    pub code: &'a str,
    pub jurisdiction_id: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    pub contact: &'a str,
}

/// A new agency; its id.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn create(state: &AppState, me: &SessionUser, input: &AgencyInput<'_>) -> Result<i64, AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut e = FieldErrors::new();
    let names = parse_names(&mut e, input.code, input.name_zh, input.name_en);
    let contact = e.check("contact", parse_contact(input.contact)).unwrap_or_default();
    let jurisdiction = input.jurisdiction_id.trim().parse::<i64>().ok();
    let active = match jurisdiction {
        Some(j) => org::jurisdiction_active(&state.db.pool, j).await?,
        None => false,
    };
    if !active {
        e.add("jurisdiction_id", FieldError::UnknownChoice);
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let id = org::insert_agency(&mut **tx, &names, jurisdiction.unwrap_or_default(), &contact).await.map_err(code_taken)?;
    users::audit(&mut **tx, Some(me.user_id), "agency.create", &format!("agency:{}", names.code), &format!("{}|{}", names.name_zh, names.name_en), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Names and public contact; the code and jurisdiction stay.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn edit(state: &AppState, me: &SessionUser, id: i64, zh: &str, en: &str, contact: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut e = FieldErrors::new();
    let zh = e.check("name_zh", parse_name(zh, NAME_ZH_MAX)).unwrap_or_default();
    let en = e.check("name_en", parse_name(en, NAME_EN_MAX)).unwrap_or_default();
    let contact = e.check("contact", parse_contact(contact)).unwrap_or_default();
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !org::update_agency(&mut **tx, id, &zh, &en, &contact).await? {
        return Err(AppError::NotFound);
    }
    users::audit(&mut **tx, Some(me.user_id), "agency.edit", &format!("agency:{id}"), &format!("{zh}|{en}|{contact}"), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Retire (refused while open petitions need it: merge it instead) or restore.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn set_retired(state: &AppState, me: &SessionUser, id: i64, retire: bool) -> Result<(), AppError> {
    super::org::set_retired(state, me, Table::Agencies, id, retire).await
}

/// Merge `from` into `to` (same jurisdiction, both active): `from`'s open petitions move
/// to `to` with a public timeline entry, its officers join `to`, and `from` is retired.
/// Answered and ended petitions stay with `from`, as history. Returns how many moved.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn merge(state: &AppState, me: &SessionUser, from: i64, to: i64) -> Result<usize, AppError> {
    guard::allow(me, Permission::Administer)?;
    let all = org::agencies(&state.db.pool).await?;
    let source = all.iter().find(|a| a.id == from).ok_or(AppError::NotFound)?;
    let target = all.iter().find(|a| a.id == to && a.id != from && !a.retired && a.jurisdiction_id == source.jurisdiction_id);
    let Some(target) = target else {
        return Err(AppError::Invalid(FieldErrors::one("into", FieldError::UnknownChoice)));
    };
    let now = state.now();
    let mut tx = state.db.begin().await?;
    // Marked first, so a second merge of the same agency finds nothing to do.
    if !merges::mark_merged(&mut **tx, from, to, now).await? {
        return Err(AppError::Conflict);
    }
    // The successor may have been retired since it was read.
    if !org::agency_active(&mut **tx, to).await? {
        return Err(AppError::Invalid(FieldErrors::one("into", FieldError::UnknownChoice)));
    }
    let moved = merges::open_petitions(&mut **tx, from).await?;
    let detail = format!("{}|{}|{}|{}", source.name_zh, source.name_en, target.name_zh, target.name_en);
    for petition in &moved {
        merges::replace_on_petition(&mut tx, *petition, from, to).await?;
        petitions::add_event(&mut **tx, *petition, now, "agency_merged", &detail).await?;
    }
    merges::lapse_transfers(&mut **tx, from, now).await?;
    merges::copy_members(&mut **tx, from, to, now).await?;
    users::audit(
        &mut **tx,
        Some(me.user_id),
        "agency.merge",
        &format!("agency:{from}"),
        &format!("into agency:{to}; {} open petitions moved", moved.len()),
        now,
    )
    .await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(moved.len())
}
