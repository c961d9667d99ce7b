//! The organisation as a setup file, in the format `import` reads.
use super::file::{AgencyEntry, JurisdictionEntry, SetupFile, StaffEntry, TopicEntry};
use crate::domain::org::Level;
use crate::server::db::{org, rules, setup};
use crate::server::error::ServerError;
use sqlx::AnyPool;

pub async fn export(db: &AnyPool) -> Result<SetupFile, ServerError> {
    let all_rules = rules::all(db).await?;
    let jurisdictions = org::jurisdictions(db).await?;
    let mut file = SetupFile::default();
    for j in &jurisdictions {
        let Some(r) = all_rules.iter().find(|r| r.jurisdiction_id == j.id).map(|r| r.rules) else { continue };
        file.jurisdiction.push(JurisdictionEntry {
            code: j.code.clone(),
            level: Level::from_code(&j.level).unwrap_or(Level::National),
            name_zh: j.name_zh.clone(),
            name_en: j.name_en.clone(),
            signature_threshold: r.signature_threshold,
            signing_days: r.signing_days,
            response_days: r.response_days,
            sponsors_needed: r.sponsors_needed,
            max_agencies: r.max_agencies,
            review_working_days: r.review_working_days,
            allow_signature_withdrawal: r.allow_signature_withdrawal,
            second_tier_threshold: r.second_tier_threshold,
            retention_days: j.retention_days,
            conclusion_days: j.conclusion_days,
            regulation_days: j.regulation_days,
            regulation_answer_days: j.regulation_answer_days,
            retired: j.retired.then_some(true),
        });
    }
    let code_of = |id: i64| jurisdictions.iter().find(|j| j.id == id).map(|j| j.code.clone()).unwrap_or_default();
    let agencies = org::agencies(db).await?;
    for a in &agencies {
        file.agency.push(AgencyEntry {
            code: a.code.clone(),
            jurisdiction: code_of(a.jurisdiction_id),
            name_zh: a.name_zh.clone(),
            name_en: a.name_en.clone(),
            contact: a.contact.clone(),
            retired: a.retired.then_some(true),
        });
    }
    for t in org::topics(db).await? {
        file.topic.push(TopicEntry { code: t.code, name_zh: t.name_zh, name_en: t.name_en, retired: t.retired.then_some(true) });
    }
    for s in setup::staff(db).await? {
        file.staff.push(StaffEntry { email: s.email, name: s.name, roles: s.roles, agencies: s.agencies });
    }
    Ok(file)
}
