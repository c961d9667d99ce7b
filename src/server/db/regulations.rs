//! Draft regulations (法規預告): notices, their versions and articles. Comments and answers are
//! in `regulation_comments`.
use crate::domain::regulation::notice::{Dates, Notice, Phase, Text};
use crate::domain::time::Timestamp;
use crate::dto::common::AgencyView;
use crate::dto::petitions::CategoryView;
use crate::server::db::binds::{Bind, bind_all};
use sqlx::{Any, Executor, Row};

pub struct RegulationRow {
    pub id: i64,
    pub agency: AgencyView,
    pub title: String,
    pub legal_basis: String,
    pub purpose: String,
    pub contact: String,
    pub created_by: i64,
    pub published_at: Option<Timestamp>,
    pub closes_at: Timestamp,
    pub answers_due_at: Timestamp,
    pub overall: Option<String>,
    pub answered_at: Option<Timestamp>,
    pub issued_at: Option<Timestamp>,
    /// The version issued as the final text.
    pub issued_version: Option<i64>,
    pub category: Option<CategoryView>,
    /// Comments shown (not hidden by moderators), and those of them answered.
    pub comments: i64,
    pub answered: i64,
    pub versions: i64,
}

impl RegulationRow {
    pub fn dates(&self) -> Dates {
        Dates {
            published_at: self.published_at,
            closes_at: self.closes_at,
            answers_due_at: self.answers_due_at,
            answered_at: self.answered_at,
            issued_at: self.issued_at,
        }
    }
}

// The figures come with the row (one query per page or list).
pub(super) const SELECT: &str = "SELECT r.id, r.agency_id, a.code, a.name_zh, a.name_en, r.title, r.legal_basis, r.purpose, r.contact, r.created_by,
        r.published_at, r.closes_at, r.answers_due_at, r.overall, r.answered_at, r.issued_at,
        r.issued_version, r.category_id, g.code AS g_code, g.name_zh AS g_name_zh, g.name_en AS g_name_en,
        (SELECT COUNT(*) FROM regulation_comments c WHERE c.regulation_id = r.id AND c.status IN ('visible', 'held')) AS n_comments,
        (SELECT COUNT(*) FROM regulation_comments c WHERE c.regulation_id = r.id AND c.status IN ('visible', 'held') AND c.answer_id IS NOT NULL) AS n_answered,
        (SELECT COUNT(*) FROM regulation_versions v WHERE v.regulation_id = r.id) AS n_versions
     FROM regulations r JOIN agencies a ON a.id = r.agency_id LEFT JOIN categories g ON g.id = r.category_id";

fn ts(r: &sqlx::any::AnyRow, col: &str) -> Result<Option<Timestamp>, sqlx::Error> {
    Ok(r.try_get::<Option<i64>, _>(col)?.map(Timestamp))
}

pub(super) fn row_of(r: &sqlx::any::AnyRow) -> Result<RegulationRow, sqlx::Error> {
    Ok(RegulationRow {
        id: r.try_get("id")?,
        agency: AgencyView { id: r.try_get("agency_id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? },
        title: r.try_get("title")?,
        legal_basis: r.try_get("legal_basis")?,
        purpose: r.try_get("purpose")?,
        contact: r.try_get("contact")?,
        created_by: r.try_get("created_by")?,
        published_at: ts(r, "published_at")?,
        closes_at: Timestamp(r.try_get("closes_at")?),
        answers_due_at: Timestamp(r.try_get("answers_due_at")?),
        overall: r.try_get("overall")?,
        answered_at: ts(r, "answered_at")?,
        issued_at: ts(r, "issued_at")?,
        issued_version: r.try_get("issued_version")?,
        category: match r.try_get::<Option<i64>, _>("category_id")? {
            Some(id) => Some(CategoryView { id, code: r.try_get("g_code")?, name_zh: r.try_get("g_name_zh")?, name_en: r.try_get("g_name_en")? }),
            None => None,
        },
        comments: r.try_get("n_comments")?,
        answered: r.try_get("n_answered")?,
        versions: r.try_get("n_versions")?,
    })
}

/// Save a new notice (unpublished) with its first version; returns its id.
pub async fn insert(tx: &mut sqlx::AnyConnection, n: &Notice, by: i64, now: Timestamp) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO regulations (agency_id, title, legal_basis, purpose, contact, created_by, created_at, closes_at, answers_due_at, category_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
    )
    .bind(n.agency_id)
    .bind(&n.title)
    .bind(&n.legal_basis)
    .bind(&n.purpose)
    .bind(&n.contact)
    .bind(by)
    .bind(now.0)
    .bind(n.closes_at.0)
    .bind(n.category_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    add_version(tx, id, 1, &n.text, "", by, now).await?;
    Ok(id)
}

/// Replace an unpublished notice's fields and text (its first and only version).
pub async fn update_draft(tx: &mut sqlx::AnyConnection, id: i64, n: &Notice) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE regulations SET agency_id = $2, title = $3, legal_basis = $4, purpose = $5, contact = $6, closes_at = $7, answers_due_at = $7, category_id = $8
         WHERE id = $1 AND published_at IS NULL",
    )
    .bind(id)
    .bind(n.agency_id)
    .bind(&n.title)
    .bind(&n.legal_basis)
    .bind(&n.purpose)
    .bind(&n.contact)
    .bind(n.closes_at.0)
    .bind(n.category_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !done {
        return Ok(false);
    }
    let version: i64 =
        sqlx::query("SELECT id FROM regulation_versions WHERE regulation_id = $1 AND number = 1").bind(id).fetch_one(&mut *tx).await?.try_get("id")?;
    sqlx::query("DELETE FROM regulation_articles WHERE version_id = $1").bind(version).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM regulation_deletions WHERE version_id = $1").bind(version).execute(&mut *tx).await?;
    sqlx::query("UPDATE regulation_versions SET preamble = $2 WHERE id = $1").bind(version).bind(&n.text.preamble).execute(&mut *tx).await?;
    add_articles(tx, version, &n.text).await?;
    Ok(true)
}

/// Add version `number` with its articles (the comparison table's rows joined by number).
pub async fn add_version(tx: &mut sqlx::AnyConnection, id: i64, number: i64, text: &Text, note: &str, by: i64, now: Timestamp) -> Result<i64, sqlx::Error> {
    let version: i64 = sqlx::query(
        "INSERT INTO regulation_versions (regulation_id, number, preamble, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(id)
    .bind(number)
    .bind(&text.preamble)
    .bind(note)
    .bind(by)
    .bind(now.0)
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    add_articles(tx, version, text).await?;
    Ok(version)
}

async fn add_articles(tx: &mut sqlx::AnyConnection, version: i64, text: &Text) -> Result<(), sqlx::Error> {
    for (i, a) in text.articles.iter().enumerate() {
        let row = text.comparison.iter().find(|c| c.number == a.number);
        sqlx::query(
            "INSERT INTO regulation_articles (version_id, position, number, heading, body, current_text, explanation) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(version)
        .bind(i as i64)
        .bind(&a.number)
        .bind(&a.heading)
        .bind(&a.body)
        .bind(row.map(|c| c.current.clone()).filter(|s| !s.is_empty()))
        .bind(row.map(|c| c.explanation.clone()).filter(|s| !s.is_empty()))
        .execute(&mut *tx)
        .await?;
    }
    // Rows for articles the draft no longer has: the articles this draft deletes.
    let deletions = text.comparison.iter().filter(|c| !text.articles.iter().any(|a| a.number == c.number));
    for (i, c) in deletions.enumerate() {
        sqlx::query("INSERT INTO regulation_deletions (version_id, position, number, current_text, explanation) VALUES ($1, $2, $3, $4, $5)")
            .bind(version)
            .bind(i as i64)
            .bind(&c.number)
            .bind(&c.current)
            .bind(&c.explanation)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// A comparison row deleting an article of the current regulation.
pub struct DeletionRow {
    pub number: String,
    pub current_text: String,
    pub explanation: String,
}

/// The articles a version deletes, in the table's order.
pub async fn deletions<'e, E: Executor<'e, Database = Any>>(ex: E, version_id: i64) -> Result<Vec<DeletionRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT number, current_text, explanation FROM regulation_deletions WHERE version_id = $1 ORDER BY position")
        .bind(version_id)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| Ok(DeletionRow { number: r.try_get("number")?, current_text: r.try_get("current_text")?, explanation: r.try_get("explanation")? }))
        .collect()
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Option<RegulationRow>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE r.id = $1")).bind(id).fetch_optional(ex).await?;
    row.as_ref().map(row_of).transpose()
}

/// The SQL condition for a published notice's phase at `now` (bound as parameter `n`).
fn phase_condition(p: Phase, n: usize) -> String {
    let pending = "r.published_at IS NOT NULL AND r.answered_at IS NULL AND r.issued_at IS NULL";
    match p {
        Phase::Draft => "r.published_at IS NULL".into(),
        Phase::Open => format!("{pending} AND r.closes_at > ${n}"),
        Phase::AwaitingAnswers => format!("{pending} AND r.closes_at <= ${n} AND r.answers_due_at > ${n}"),
        Phase::Overdue => format!("{pending} AND r.closes_at <= ${n} AND r.answers_due_at <= ${n}"),
        Phase::Answered => "r.answered_at IS NOT NULL AND r.issued_at IS NULL".into(),
        Phase::Issued => "r.issued_at IS NOT NULL".into(),
    }
}

/// Published notices matching the filters, the latest first; at most `limit`.
pub async fn list<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    phase: Option<Phase>,
    agency_code: Option<&str>,
    category_id: Option<i64>,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<RegulationRow>, sqlx::Error> {
    let mut wheres = vec!["r.published_at IS NOT NULL".to_string()];
    let mut binds = Vec::new();
    if let Some(p) = phase.filter(|p| *p != Phase::Draft) {
        binds.push(Bind::Int(now.0));
        wheres.push(phase_condition(p, binds.len()));
    }
    if let Some(code) = agency_code {
        binds.push(Bind::Text(code.to_string()));
        wheres.push(format!("a.code = ${}", binds.len()));
    }
    if let Some(id) = category_id {
        binds.push(Bind::Int(id));
        wheres.push(format!("r.category_id = ${}", binds.len()));
    }
    binds.push(Bind::Int(limit));
    let sql = format!("{SELECT} WHERE {} ORDER BY r.published_at DESC, r.id DESC LIMIT ${}", wheres.join(" AND "), binds.len());
    let rows = bind_all(sqlx::query(&sql), &binds).fetch_all(ex).await?;
    rows.iter().map(row_of).collect()
}

/// Unpublished notices of the given agencies (the officer's drafts), the latest first.
pub async fn drafts_of<'e, E: Executor<'e, Database = Any>>(ex: E, agency_ids: &[i64]) -> Result<Vec<RegulationRow>, sqlx::Error> {
    if agency_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=agency_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{SELECT} WHERE r.published_at IS NULL AND r.agency_id IN ({}) ORDER BY r.id DESC", marks.join(", "));
    let mut q = sqlx::query(&sql);
    for a in agency_ids {
        q = q.bind(*a);
    }
    q.fetch_all(ex).await?.iter().map(row_of).collect()
}

/// Agencies that have published notices (the list's agency filter).
pub async fn agencies<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<AgencyView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.code, a.name_zh, a.name_en FROM agencies a
         WHERE EXISTS (SELECT 1 FROM regulations r WHERE r.agency_id = a.id AND r.published_at IS NOT NULL) ORDER BY a.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| Ok(AgencyView { id: r.try_get("id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? }))
        .collect()
}

/// Topics of published notices (the list's topic filter).
pub async fn topics<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<CategoryView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.code, g.name_zh, g.name_en FROM categories g
         WHERE EXISTS (SELECT 1 FROM regulations r WHERE r.category_id = g.id AND r.published_at IS NOT NULL) ORDER BY g.id",
    )
    .fetch_all(ex)
    .await?;
    rows.iter()
        .map(|r| Ok(CategoryView { id: r.try_get("id")?, code: r.try_get("code")?, name_zh: r.try_get("name_zh")?, name_en: r.try_get("name_en")? }))
        .collect()
}

/// The agency's jurisdiction's days: the period offered and the days to answer.
pub async fn days<'e, E: Executor<'e, Database = Any>>(ex: E, agency_id: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT j.regulation_days, j.regulation_answer_days FROM agencies a JOIN jurisdictions j ON j.id = a.jurisdiction_id WHERE a.id = $1 AND a.retired_at IS NULL",
    )
    .bind(agency_id)
    .fetch_optional(ex)
    .await?;
    row.map(|r| Ok((r.try_get("regulation_days")?, r.try_get("regulation_answer_days")?))).transpose()
}

/// Publish an unpublished notice; false if it was published meanwhile.
///
/// Only if its last day is still the one checked (`closes_at`): a colleague saving a changed
/// draft meanwhile would otherwise leave a due date computed from the old period.
pub async fn publish<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
    now: Timestamp,
    closes_at: Timestamp,
    answers_due: Timestamp,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE regulations SET published_at = $2, answers_due_at = $3 WHERE id = $1 AND published_at IS NULL AND closes_at = $4")
        .bind(id)
        .bind(now.0)
        .bind(answers_due.0)
        .bind(closes_at.0)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Publish the overall statement, which completes the answers; false if done already.
pub async fn set_overall<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, text: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "UPDATE regulations SET overall = $2, answered_at = $3 WHERE id = $1 AND answered_at IS NULL AND published_at IS NOT NULL AND closes_at <= $3",
    )
    .bind(id)
    .bind(text)
    .bind(now.0)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Issue the final text (the latest version); false if it was issued already.
pub async fn issue<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64, version: i64, now: Timestamp) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE regulations SET issued_at = $2, issued_version = $3 WHERE id = $1 AND issued_at IS NULL AND answered_at IS NOT NULL")
        .bind(id)
        .bind(now.0)
        .bind(version)
        .execute(ex)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Hold the notice's row for this transaction (a version is being added or the text issued),
/// so two such changes run one after the other; false if it is issued already.
pub async fn lock_unissued<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<bool, sqlx::Error> {
    let r = sqlx::query("UPDATE regulations SET id = id WHERE id = $1 AND issued_at IS NULL").bind(id).execute(ex).await?;
    Ok(r.rows_affected() == 1)
}

pub struct VersionRow {
    pub id: i64,
    pub number: i64,
    pub preamble: String,
    pub note: String,
    pub created_at: Timestamp,
}

pub async fn versions<'e, E: Executor<'e, Database = Any>>(ex: E, id: i64) -> Result<Vec<VersionRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, number, preamble, note, created_at FROM regulation_versions WHERE regulation_id = $1 ORDER BY number")
        .bind(id)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(VersionRow {
                id: r.try_get("id")?,
                number: r.try_get("number")?,
                preamble: r.try_get("preamble")?,
                note: r.try_get("note")?,
                created_at: Timestamp(r.try_get("created_at")?),
            })
        })
        .collect()
}

pub struct ArticleRow {
    pub id: i64,
    pub version_id: i64,
    pub number: String,
    pub heading: String,
    pub body: String,
    pub current_text: Option<String>,
    pub explanation: Option<String>,
}

/// A version's articles in their order.
pub async fn articles<'e, E: Executor<'e, Database = Any>>(ex: E, version_id: i64) -> Result<Vec<ArticleRow>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, version_id, number, heading, body, current_text, explanation FROM regulation_articles WHERE version_id = $1 ORDER BY position")
            .bind(version_id)
            .fetch_all(ex)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(ArticleRow {
                id: r.try_get("id")?,
                version_id: r.try_get("version_id")?,
                number: r.try_get("number")?,
                heading: r.try_get("heading")?,
                body: r.try_get("body")?,
                current_text: r.try_get("current_text")?,
                explanation: r.try_get("explanation")?,
            })
        })
        .collect()
}
