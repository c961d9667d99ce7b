//! Jurisdiction rules, categories and site-wide pauses.
use crate::domain::petition::Rules;
use crate::domain::time::Timestamp;
use crate::dto::petitions::{CategoryView, PauseView, RulesView};
use sqlx::{Any, Executor, Row};

const RULE_COLUMNS: &str = "signature_threshold, signing_days, response_days, sponsors_needed, second_tier_threshold,
    max_agencies, review_working_days, allow_signature_withdrawal";

pub type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Bind the rule values, in `RULE_COLUMNS` order, after whatever `q` has bound already.
pub fn bind_rules<'q>(q: AnyQuery<'q>, r: &Rules) -> AnyQuery<'q> {
    q.bind(r.signature_threshold)
        .bind(r.signing_days)
        .bind(r.response_days)
        .bind(r.sponsors_needed)
        .bind(r.second_tier_threshold)
        .bind(r.max_agencies)
        .bind(r.review_working_days)
        .bind(i64::from(r.allow_signature_withdrawal))
}

/// A `Rules` from a row with the rule columns (of a jurisdiction or a petition's frozen copy).
pub fn rules_from(r: &sqlx::any::AnyRow) -> Result<Rules, sqlx::Error> {
    Ok(Rules {
        signature_threshold: r.try_get("signature_threshold")?,
        signing_days: r.try_get("signing_days")?,
        response_days: r.try_get("response_days")?,
        sponsors_needed: r.try_get("sponsors_needed")?,
        second_tier_threshold: r.try_get("second_tier_threshold")?,
        max_agencies: r.try_get("max_agencies")?,
        review_working_days: r.try_get("review_working_days")?,
        allow_signature_withdrawal: r.try_get::<i64, _>("allow_signature_withdrawal")? != 0,
    })
}

pub async fn for_jurisdiction<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<Rules>, sqlx::Error> {
    let sql = format!("SELECT {RULE_COLUMNS} FROM jurisdictions WHERE id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(ex).await?.as_ref().map(rules_from).transpose()
}

/// Every jurisdiction's rules, or only those of jurisdictions taking new petitions.
pub async fn all<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<RulesView>, sqlx::Error> {
    list(ex, "").await
}

pub async fn active<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<RulesView>, sqlx::Error> {
    list(ex, "WHERE retired_at IS NULL").await
}

async fn list<'e, E: Executor<'e, Database = Any>>(ex: E, filter: &str) -> Result<Vec<RulesView>, sqlx::Error> {
    let sql = format!("SELECT id, name_zh, name_en, {RULE_COLUMNS} FROM jurisdictions {filter} ORDER BY id");
    let rows = sqlx::query(&sql).fetch_all(ex).await?;
    rows.iter()
        .map(|r| Ok(RulesView { jurisdiction_id: r.try_get("id")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")?, rules: rules_from(r)? }))
        .collect()
}

pub async fn update<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, r: &Rules) -> Result<bool, sqlx::Error> {
    let q = sqlx::query(
        "UPDATE jurisdictions SET signature_threshold = $2, signing_days = $3, response_days = $4, sponsors_needed = $5,
            second_tier_threshold = $6, max_agencies = $7, review_working_days = $8, allow_signature_withdrawal = $9 WHERE id = $1",
    );
    let done = bind_rules(q.bind(id), r).execute(ex).await?;
    Ok(done.rows_affected() == 1)
}

/// Every topic (to name a petition's), or only those new petitions may choose.
pub async fn categories<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<CategoryView>, sqlx::Error> {
    category_list(ex, "").await
}

pub async fn active_categories<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<CategoryView>, sqlx::Error> {
    category_list(ex, "WHERE retired_at IS NULL").await
}

async fn category_list<'e, E: Executor<'e, Database = Any>>(ex: E, filter: &str) -> Result<Vec<CategoryView>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT id, code, name_zh, name_en FROM categories {filter} ORDER BY id")).fetch_all(ex).await?;
    rows.iter()
        .map(|r| Ok(CategoryView { id: r.try_get("id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? }))
        .collect()
}

pub async fn upsert_category<'e, E: Executor<'e, Database = Any>>(ex: E, code: &str, zh: &str, en: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO categories (code, name_zh, name_en) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en",
    )
    .bind(code)
    .bind(zh)
    .bind(en)
    .execute(ex)
    .await?;
    Ok(())
}

/// Whether new petitions may be filed under the topic.
pub async fn category_open<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM categories WHERE id = $1 AND retired_at IS NULL").bind(id).fetch_optional(ex).await?.is_some())
}

/// How many of `ids` are agencies of the jurisdiction taking new work (not retired).
pub async fn agencies_in<'e, E: Executor<'e, Database = Any>>(ex: E, jurisdiction_id: i64, ids: &[i64]) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM agencies WHERE jurisdiction_id = $1 AND retired_at IS NULL").bind(jurisdiction_id).fetch_all(ex).await?;
    let known: Vec<i64> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    Ok(ids.iter().filter(|id| known.contains(id)).count())
}

/// How many of `ids` are working agencies of another jurisdiction (a mismatch the
/// proposer can fix by choosing again, unlike a retired or unknown agency).
pub async fn agencies_elsewhere<'e, E: Executor<'e, Database = Any>>(ex: E, jurisdiction_id: i64, ids: &[i64]) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM agencies WHERE jurisdiction_id <> $1 AND retired_at IS NULL").bind(jurisdiction_id).fetch_all(ex).await?;
    let known: Vec<i64> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    Ok(ids.iter().filter(|id| known.contains(id)).count())
}

pub async fn current_pause<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Option<PauseView>, sqlx::Error> {
    let row = sqlx::query("SELECT id, proposing, signing, message_zh, message_en, started_at FROM site_pauses WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1")
        .fetch_optional(ex)
        .await?;
    row.map(|r| {
        Ok(PauseView {
            id: r.try_get("id")?,
            proposing: r.try_get::<i64, _>("proposing")? != 0,
            signing: r.try_get::<i64, _>("signing")? != 0,
            message_zh: r.try_get("message_zh")?,
            message_en: r.try_get("message_en")?,
            started_at: Timestamp(r.try_get("started_at")?),
        })
    })
    .transpose()
}

pub async fn start_pause<'e, E: Executor<'e, Database = Any>>(ex: E, p: &PauseView, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO site_pauses (proposing, signing, message_zh, message_en, started_at, started_by) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(i64::from(p.proposing))
        .bind(i64::from(p.signing))
        .bind(&p.message_zh)
        .bind(&p.message_en)
        .bind(p.started_at.0)
        .bind(by)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn end_pause<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("UPDATE site_pauses SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL").bind(id).bind(now.0).execute(ex).await?.rows_affected() == 1)
}

/// Push back the closing time of every window still running when a signing pause began.
pub async fn extend_windows<'e, E: Executor<'e, Database = Any>>(ex: E, since: Timestamp, by_ms: i64) -> Result<Vec<i64>, sqlx::Error> {
    // The same rule as `Petition::extend_for_pause`, for every running window at once.
    let sql = format!(
        "UPDATE petitions SET closes_at = closes_at + $2 WHERE state IN {} AND closes_at > $1 RETURNING id",
        super::states::list(crate::domain::petition::PetitionState::SIGNING)
    );
    let rows = sqlx::query(&sql).bind(since.0).bind(by_ms).fetch_all(ex).await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}
