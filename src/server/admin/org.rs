//! Jurisdictions and topics, set up by administrators. Each change is audited; nothing
//! is deleted. A retired jurisdiction or topic takes no new petitions; its petitions,
//! answers and figures stay as they are.
use super::code_taken;
use crate::domain::org::{Level, Names, parse_names};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::dto::org::OrgView;
use crate::error::AppError;
use crate::server::auth::guard::{self, Permission};
use crate::server::auth::session::SessionUser;
use crate::server::db::org::{self, Table};
use crate::server::db::{rules, users};
use crate::server::petitions::admin_rules::RulesInput;
use crate::server::state::AppState;

pub async fn overview(state: &AppState, me: &SessionUser) -> Result<OrgView, AppError> {
    guard::allow(me, Permission::Administer)?;
    let db = &state.db.pool;
    Ok(OrgView { jurisdictions: org::jurisdictions(db).await?, agencies: org::agencies(db).await?, topics: org::topics(db).await? })
}

pub struct JurisdictionInput<'a> {
    pub code: &'a str,
    pub level: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    /// Days signers' data is kept after a petition ends ("" keeps the default).
    pub retention_days: &'a str,
    /// Days agencies have for a consultation's conclusions ("" keeps the default).
    pub conclusion_days: &'a str,
    /// A draft regulation's usual comment period, and the days to answer ("" keeps the defaults).
    pub regulation_days: &'a str,
    pub regulation_answer_days: &'a str,
}

impl JurisdictionInput<'_> {
    fn retention(&self, e: &mut FieldErrors) -> i64 {
        match self.retention_days.trim() {
            "" => crate::domain::retention::DEFAULT_DAYS,
            raw => e.check("retention_days", crate::domain::retention::parse_days(raw)).unwrap_or_default(),
        }
    }
    fn conclusions(&self, e: &mut FieldErrors) -> i64 {
        match self.conclusion_days.trim() {
            "" => crate::domain::consultation::CONCLUSION_DAYS_DEFAULT,
            raw => e.check("conclusion_days", crate::domain::consultation::parse_conclusion_days(raw)).unwrap_or_default(),
        }
    }
    fn regulations(&self, e: &mut FieldErrors) -> (i64, i64) {
        use crate::domain::regulation::notice::*;
        let period = match self.regulation_days.trim() {
            "" => PERIOD_DEFAULT_DAYS,
            raw => e.check("regulation_days", parse_days(raw, PERIOD_MIN_DAYS, PERIOD_MAX_DAYS)).unwrap_or_default(),
        };
        let answers = match self.regulation_answer_days.trim() {
            "" => ANSWER_DAYS_DEFAULT,
            raw => e.check("regulation_answer_days", parse_days(raw, ANSWER_DAYS_MIN, ANSWER_DAYS_MAX)).unwrap_or_default(),
        };
        (period, answers)
    }
    fn parse(&self, e: &mut FieldErrors) -> (Names, Level) {
        let names = parse_names(e, self.code, self.name_zh, self.name_en);
        let level = e.check("level", Level::from_code(self.level.trim()).ok_or(FieldError::UnknownChoice)).unwrap_or(Level::National);
        (names, level)
    }
}

/// A new jurisdiction with its own rules; its id.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn create_jurisdiction(state: &AppState, me: &SessionUser, input: &JurisdictionInput<'_>, rules_in: &RulesInput<'_>) -> Result<i64, AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut e = FieldErrors::new();
    let (names, level) = input.parse(&mut e);
    let rules = rules_in.parse();
    if let Err(re) = &rules {
        e.0.extend(re.0.iter().cloned());
    }
    let rules = match rules {
        Ok(r) if e.is_empty() => r,
        _ => return Err(AppError::Invalid(e)),
    };
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let id = org::insert_jurisdiction(&mut **tx, &names, level, &rules).await.map_err(code_taken)?;
    users::audit(&mut **tx, Some(me.user_id), "jurisdiction.create", &format!("jurisdiction:{}", names.code), &format!("{rules:?}"), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Names and level; the code stays (setup files and links refer to it).
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn edit_jurisdiction(state: &AppState, me: &SessionUser, id: i64, input: &JurisdictionInput<'_>) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut e = FieldErrors::new();
    let (names, level) = input.parse(&mut e);
    let retention_days = input.retention(&mut e);
    let conclusion_days = input.conclusions(&mut e);
    let (regulation_period, regulation_answers) = input.regulations(&mut e);
    // The code is not edited: only its errors are ignored.
    e.0.retain(|(f, _)| f != "code");
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let days = org::JurisdictionDays { retention: retention_days, conclusions: conclusion_days, regulation_period, regulation_answers };
    if !org::update_jurisdiction(&mut **tx, id, level, &names.name_zh, &names.name_en, &days).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!(
        "{}|{}|{}|retention {retention_days} days|conclusions {conclusion_days} days|regulations {regulation_period}+{regulation_answers} days",
        level.code(),
        names.name_zh,
        names.name_en
    );
    users::audit(&mut **tx, Some(me.user_id), "jurisdiction.edit", &format!("jurisdiction:{id}"), &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Retire or restore a jurisdiction, agency or topic; Conflict if it already was.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn set_retired(state: &AppState, me: &SessionUser, table: Table, id: i64, retire: bool) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    // Checked in the transaction that retires it: an agency that open petitions still need
    // stays (merge it instead). The retirement takes the write lock first, so a petition
    // established meanwhile is seen.
    if !org::set_retired(&mut **tx, table, id, retire.then_some(now)).await? {
        return Err(AppError::Conflict);
    }
    if retire && table == Table::Agencies {
        let open = crate::server::db::merges::open_petitions(&mut **tx, id).await?;
        if !open.is_empty() {
            return Err(AppError::Invalid(crate::domain::validation::FieldErrors::one(
                "retire",
                crate::domain::validation::FieldError::StillNeeded { count: open.len() },
            )));
        }
    }
    let what = match table {
        Table::Jurisdictions => "jurisdiction",
        Table::Agencies => "agency",
        Table::Topics => "topic",
    };
    let action = format!("{what}.{}", if retire { "retire" } else { "restore" });
    users::audit(&mut **tx, Some(me.user_id), &action, &format!("{what}:{id}"), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Add a topic, or rename the one with this code.
#[tracing::instrument(skip_all, fields(user = me.user_id))]
pub async fn save_topic(state: &AppState, me: &SessionUser, code: &str, zh: &str, en: &str) -> Result<(), AppError> {
    guard::allow(me, Permission::Administer)?;
    let mut e = FieldErrors::new();
    let names = parse_names(&mut e, code, zh, en);
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    rules::upsert_category(&mut **tx, &names.code, &names.name_zh, &names.name_en).await?;
    users::audit(&mut **tx, Some(me.user_id), "topic.save", &format!("topic:{}", names.code), &format!("{}|{}", names.name_zh, names.name_en), now).await?;
    tx.commit().await?;
    Ok(())
}
