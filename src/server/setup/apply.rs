//! Importing a setup file: all of it in one transaction, or nothing. Entries are matched
//! by code (staff by email), so importing the same file again changes nothing.
use super::file::SetupFile;
use crate::domain::account::DisplayName;
use crate::domain::email::EmailAddress;
use crate::domain::org::Names;
use crate::domain::role::Role;
use crate::server::admin::invite::{Invite, invite_in};
use crate::server::db::org::Table;
use crate::server::db::setup;
use crate::server::db::{Tx, rules, users};
use crate::server::error::ServerError;
use crate::server::state::AppState;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub jurisdictions: usize,
    pub agencies: usize,
    pub topics: usize,
    pub staff: usize,
    /// Staff emailed a link to set their password.
    pub invited: usize,
}

pub async fn import(state: &AppState, file: &SetupFile) -> Result<Report, ServerError> {
    let problems = file.problems();
    if !problems.is_empty() {
        return Err(ServerError::Config(format!("the setup file has problems:\n  {}", problems.join("\n  "))));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let mut report = Report::default();
    for j in &file.jurisdiction {
        let r = j.rules().map_err(ServerError::Config)?;
        let names = Names { code: j.code.clone(), name_zh: j.name_zh.clone(), name_en: j.name_en.clone() };
        setup::upsert_jurisdiction(&mut **tx, &names, j.level, &r).await?;
        setup::set_retention(&mut **tx, &j.code, j.retention_days).await?;
        setup::set_conclusion_days(&mut **tx, &j.code, j.conclusion_days).await?;
        setup::set_regulation_days(&mut **tx, &j.code, j.regulation_days, j.regulation_answer_days).await?;
        retire(&mut tx, Table::Jurisdictions, &j.code, j.retired, now.0).await?;
        report.jurisdictions += 1;
    }
    for a in &file.agency {
        let missing = || ServerError::Config(format!("no jurisdiction {}", a.jurisdiction));
        let jurisdiction = setup::id_by_code(&mut **tx, Table::Jurisdictions, &a.jurisdiction).await?.ok_or_else(missing)?;
        if setup::agency_jurisdiction(&mut **tx, &a.code).await?.is_some_and(|j| j != jurisdiction) {
            return Err(ServerError::Config(format!(
                "agency {}: it belongs to another jurisdiction; agencies do not move between jurisdictions (merge instead)",
                a.code
            )));
        }
        setup::upsert_agency(&mut **tx, &a.code, jurisdiction, &a.name_zh, &a.name_en, a.contact.trim()).await?;
        if a.retired == Some(true) {
            // As on the admin page: an agency that open petitions need is merged, not retired.
            let id = setup::id_by_code(&mut **tx, Table::Agencies, &a.code).await?.unwrap_or_default();
            let open = crate::server::db::merges::open_petitions(&mut **tx, id).await?.len();
            if open > 0 {
                return Err(ServerError::Config(format!(
                    "agency {}: {open} open petitions still need it; merge it into another agency on the admin page instead of retiring it",
                    a.code
                )));
            }
        }
        retire(&mut tx, Table::Agencies, &a.code, a.retired, now.0).await?;
        report.agencies += 1;
    }
    for t in &file.topic {
        rules::upsert_category(&mut **tx, &t.code, &t.name_zh, &t.name_en).await?;
        retire(&mut tx, Table::Topics, &t.code, t.retired, now.0).await?;
        report.topics += 1;
    }
    for s in &file.staff {
        let mut agencies = Vec::new();
        for code in &s.agencies {
            agencies.push(setup::id_by_code(&mut **tx, Table::Agencies, code).await?.ok_or_else(|| ServerError::Config(format!("no agency {code}")))?);
        }
        let invite = Invite {
            email: EmailAddress::parse(&s.email).map_err(|_| ServerError::Config(format!("staff {}: not an email address", s.email)))?,
            name: DisplayName::parse(&s.name).map_err(|_| ServerError::Config(format!("staff {}: not a valid name", s.email)))?,
            roles: s.roles.iter().filter_map(|r| Role::from_code(r)).collect(),
            agencies,
        };
        if invite_in(&mut tx, state, None, &invite, false).await.map_err(|e| ServerError::Config(format!("staff {}: {e}", s.email)))? {
            report.invited += 1;
        }
        report.staff += 1;
    }
    let detail = format!("{} jurisdictions, {} agencies, {} topics, {} staff", report.jurisdictions, report.agencies, report.topics, report.staff);
    users::audit(&mut **tx, None, "setup.import", "setup", &detail, now).await?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(report)
}

/// Only a stated `retired` changes anything: an import never undoes an admin's retirement silently.
async fn retire(tx: &mut Tx, t: Table, code: &str, retired: Option<bool>, now: i64) -> Result<(), sqlx::Error> {
    match retired {
        None => Ok(()),
        Some(r) => setup::set_retired_by_code(&mut ***tx, t, code, r.then_some(now)).await,
    }
}
