//! Lists of petitions for pages, feeds and open data. Callers say *which* petitions in
//! typed terms (`Scope`, `Filter`, `Order`); only this file turns that into SQL. `$1` is
//! always the clock of signing windows (`PauseShift::window_now`).
use super::binds::{Bind, bind_all};
use super::responses::IS_LEAD;
use super::states;
use crate::domain::petition::PetitionState as S;
use crate::domain::time::Timestamp;
use sqlx::{Any, Executor, Row};

const COLUMNS: &str = "p.id, p.title, p.state, j.name_zh AS j_zh, j.name_en AS j_en, p.signature_count, p.signature_threshold,
    p.opened_at, p.closes_at, p.established_at, p.response_due_at, p.created_at";
const FROM: &str = "petitions p JOIN jurisdictions j ON j.id = p.jurisdiction_id";

/// Which petitions a list may hold at all.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Shown to everyone.
    Public,
    /// A proposer's own, in every state.
    ProposedBy(i64),
    /// These ids, in every state (the caller has checked access).
    Ids(Vec<i64>),
    /// Past review and led by this agency (its public page).
    LedBy(i64),
}

/// The state as a list shows it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Taking signatures: open, established or answered, window running.
    Signing,
    /// Open and not yet established, window running.
    OpenRunning,
    Established,
    Answered,
    /// Closed, or open with a window the clock has ended.
    Closed,
    Rejected,
}

impl Shown {
    /// The `state` of a list query or the open-data API.
    pub fn from_query(code: &str) -> Option<Self> {
        Some(match code {
            "open" => Self::Signing,
            "established" => Self::Established,
            "answered" => Self::Answered,
            "closed" => Self::Closed,
            "rejected" => Self::Rejected,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub shown: Option<Shown>,
    pub jurisdiction: Option<i64>,
    pub category: Option<i64>,
    pub agency: Option<i64>,
    /// Search: petitions holding every one of these terms.
    pub all_terms: Vec<String>,
    /// Similar: petitions holding at least `need` of these terms, best match first.
    pub some_terms: Option<(Vec<String>, i64)>,
    pub exclude: Option<i64>,
    /// Only petitions with a closing time (a list sorted by it).
    pub has_closing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    MostSigned,
    Newest,
    /// Running windows first, soonest ending first.
    Ending,
    /// Most signatures since this hour.
    Trending {
        since: Timestamp,
    },
    NearThreshold,
    ClosingFirst,
    LatestEstablished,
    LatestAnswered,
    LatestProposed,
    /// Most terms of `Filter::some_terms` in common.
    BestMatch,
    /// Answer due soonest, undated last.
    AnswerDue,
    Id,
}

/// A keyset page of the open-data API: sorted by `key`, after the cursor `(key, id)`.
#[derive(Debug, Clone, Copy)]
pub struct Keyset {
    pub key: SortKey,
    pub after: Option<(i64, i64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Newest,
    Signatures,
    Ending,
}

impl SortKey {
    fn sql(self) -> (&'static str, bool) {
        match self {
            Self::Newest => ("COALESCE(p.opened_at, p.created_at)", true),
            Self::Signatures => ("p.signature_count", true),
            Self::Ending => ("p.closes_at", false),
        }
    }
}

/// A listed petition as stored (the caller shows it at the clock of windows).
#[derive(Debug, Clone)]
pub struct ListRow {
    pub id: i64,
    pub title: String,
    pub state: String,
    pub jurisdiction_zh: String,
    pub jurisdiction_en: String,
    pub signature_count: i64,
    pub signature_threshold: i64,
    pub opened_at: Option<Timestamp>,
    pub closes_at: Option<Timestamp>,
    pub established_at: Option<Timestamp>,
    pub response_due_at: Option<Timestamp>,
    pub created_at: Timestamp,
    /// The keyset sort key (open data only).
    pub sort_key: Option<i64>,
}

pub(super) fn list_row(r: &sqlx::any::AnyRow) -> Result<ListRow, sqlx::Error> {
    let ts = |c: &str| -> Result<Option<Timestamp>, sqlx::Error> { Ok(r.try_get::<Option<i64>, _>(c)?.map(Timestamp)) };
    Ok(ListRow {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        state: r.try_get("state")?,
        jurisdiction_zh: r.try_get("j_zh")?,
        jurisdiction_en: r.try_get("j_en")?,
        signature_count: r.try_get("signature_count")?,
        signature_threshold: r.try_get("signature_threshold")?,
        opened_at: ts("opened_at")?,
        closes_at: ts("closes_at")?,
        established_at: ts("established_at")?,
        response_due_at: ts("response_due_at")?,
        created_at: Timestamp(r.try_get("created_at")?),
        sort_key: r.try_get::<Option<i64>, _>("sort_key").ok().flatten(),
    })
}

/// Parameters after `$1`, numbered as they are added.
struct Params {
    binds: Vec<Bind>,
}

impl Params {
    fn int(&mut self, v: i64) -> String {
        self.binds.push(Bind::Int(v));
        format!("${}", self.binds.len() + 1)
    }
    fn text(&mut self, v: &str) -> String {
        self.binds.push(Bind::Text(v.to_string()));
        format!("${}", self.binds.len() + 1)
    }
}

fn where_clause(scope: &Scope, f: &Filter, ps: &mut Params) -> String {
    let mut c: Vec<String> = vec!["$1 = $1".into()];
    match scope {
        Scope::Public => c.push(format!("p.state IN {}", states::list(S::PUBLIC))),
        Scope::ProposedBy(id) => c.push(format!("p.proposer_id = {}", ps.int(*id))),
        Scope::Ids(ids) if ids.is_empty() => c.push("1 = 0".into()),
        // Integers from the database, never text from a person.
        Scope::Ids(ids) => c.push(format!("p.id IN ({})", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))),
        Scope::LedBy(agency) => c.push(format!(
            "p.state IN {} AND EXISTS (SELECT 1 FROM petition_agencies pa WHERE pa.petition_id = p.id AND pa.agency_id = {} AND {IS_LEAD})",
            states::list(S::COUNTED),
            ps.int(*agency)
        )),
    }
    match f.shown {
        Some(Shown::Signing) => c.push(format!("p.state IN {} AND p.closes_at > $1", states::list(S::SIGNING))),
        Some(Shown::OpenRunning) => c.push(format!("p.state = {} AND p.closes_at > $1", states::one(S::Open))),
        Some(Shown::Established) => c.push(format!("p.state = {}", states::one(S::Established))),
        Some(Shown::Answered) => c.push(format!("p.state = {}", states::one(S::Answered))),
        Some(Shown::Closed) => c.push(format!("(p.state = {} OR (p.state = {} AND p.closes_at <= $1))", states::one(S::Closed), states::one(S::Open))),
        Some(Shown::Rejected) => c.push(format!("p.state = {}", states::one(S::Rejected))),
        None => {}
    }
    if let Some(j) = f.jurisdiction {
        c.push(format!("p.jurisdiction_id = {}", ps.int(j)));
    }
    if let Some(k) = f.category {
        c.push(format!("p.category_id = {}", ps.int(k)));
    }
    if let Some(a) = f.agency {
        c.push(format!("EXISTS (SELECT 1 FROM petition_agencies pa WHERE pa.petition_id = p.id AND pa.agency_id = {})", ps.int(a)));
    }
    if !f.all_terms.is_empty() {
        let list: Vec<String> = f.all_terms.iter().map(|t| ps.text(t)).collect();
        c.push(format!(
            "p.id IN (SELECT petition_id FROM petition_terms WHERE term IN ({}) GROUP BY petition_id HAVING COUNT(*) = {})",
            list.join(", "),
            f.all_terms.len()
        ));
    }
    if let Some((terms, need)) = &f.some_terms {
        let list: Vec<String> = terms.iter().map(|t| ps.text(t)).collect();
        c.push(format!("p.id IN (SELECT petition_id FROM petition_terms WHERE term IN ({}) GROUP BY petition_id HAVING COUNT(*) >= {need})", list.join(", ")));
    }
    if let Some(x) = f.exclude {
        c.push(format!("p.id <> {}", ps.int(x)));
    }
    if f.has_closing {
        c.push("p.closes_at IS NOT NULL".into());
    }
    c.join(" AND ")
}

fn order_clause(order: Order, f: &Filter, ps: &mut Params) -> String {
    match order {
        Order::MostSigned => "p.signature_count DESC, p.id DESC".into(),
        Order::Newest => "COALESCE(p.opened_at, p.created_at) DESC, p.id DESC".into(),
        Order::Ending => "CASE WHEN p.closes_at > $1 THEN 0 ELSE 1 END, p.closes_at ASC, p.id".into(),
        Order::Trending { since } => format!(
            "(SELECT COALESCE(SUM(h.count), 0) FROM petition_hourly_counts h WHERE h.petition_id = p.id AND h.hour >= {}) DESC, p.signature_count DESC, p.id",
            ps.int(since.0)
        ),
        Order::NearThreshold => "p.signature_count * 1000 / p.signature_threshold DESC, p.id".into(),
        Order::ClosingFirst => "p.closes_at ASC, p.id".into(),
        Order::LatestEstablished => "p.established_at DESC, p.id".into(),
        Order::LatestAnswered => "p.answered_at DESC, p.id".into(),
        Order::LatestProposed => "p.created_at DESC, p.id DESC".into(),
        Order::BestMatch => {
            let terms = f.some_terms.as_ref().map(|(t, _)| t.as_slice()).unwrap_or_default();
            if terms.is_empty() {
                return "p.signature_count DESC".into();
            }
            let list: Vec<String> = terms.iter().map(|t| ps.text(t)).collect();
            format!("(SELECT COUNT(*) FROM petition_terms t WHERE t.petition_id = p.id AND t.term IN ({})) DESC, p.signature_count DESC", list.join(", "))
        }
        Order::AnswerDue => "p.response_due_at IS NULL, p.response_due_at, p.id DESC".into(),
        Order::Id => "p.id".into(),
    }
}

fn bind<'q>(sql: &'q str, window_now: Timestamp, ps: &'q Params) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    bind_all(sqlx::query(sql).bind(window_now.0), &ps.binds)
}

/// One page of a list.
pub async fn page<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    scope: &Scope,
    f: &Filter,
    order: Order,
    window_now: Timestamp,
    limit: i64,
    offset: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let mut ps = Params { binds: Vec::new() };
    let w = where_clause(scope, f, &mut ps);
    let o = order_clause(order, f, &mut ps);
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE {w} ORDER BY {o} LIMIT {limit} OFFSET {offset}");
    bind(&sql, window_now, &ps).fetch_all(ex).await?.iter().map(list_row).collect()
}

/// How many petitions the list holds.
pub async fn count<'e, E: Executor<'e, Database = Any>>(ex: E, scope: &Scope, f: &Filter, window_now: Timestamp) -> Result<i64, sqlx::Error> {
    let mut ps = Params { binds: Vec::new() };
    let w = where_clause(scope, f, &mut ps);
    let sql = format!("SELECT COUNT(*) AS n FROM {FROM} WHERE {w}");
    bind(&sql, window_now, &ps).fetch_one(ex).await?.try_get("n")
}

/// A keyset page of public petitions (`limit` + 1 rows, so the caller knows if more follow).
pub async fn keyset<'e, E: Executor<'e, Database = Any>>(ex: E, f: &Filter, k: Keyset, window_now: Timestamp, limit: i64) -> Result<Vec<ListRow>, sqlx::Error> {
    let mut ps = Params { binds: Vec::new() };
    let mut w = where_clause(&Scope::Public, f, &mut ps);
    let (key, desc) = k.key.sql();
    let cmp = if desc { "<" } else { ">" };
    if let Some((after, id)) = k.after {
        let (a, b) = (ps.int(after), ps.int(id));
        w = format!("{w} AND ({key} {cmp} {a} OR ({key} = {a} AND p.id {cmp} {b}))");
    }
    let dir = if desc { "DESC" } else { "ASC" };
    let sql = format!("SELECT {COLUMNS}, {key} AS sort_key FROM {FROM} WHERE {w} ORDER BY {key} {dir}, p.id {dir} LIMIT {}", limit + 1);
    bind(&sql, window_now, &ps).fetch_all(ex).await?.iter().map(list_row).collect()
}

/// The petitions a person signed (by account or by address), newest signature first.
pub struct Signed {
    pub petition: ListRow,
    pub signed_at: Timestamp,
    pub may_withdraw: bool,
    pub receipt_ready: bool,
}

pub async fn signed_by<'e, E: Executor<'e, Database = Any>>(ex: E, user_id: i64, email_norm: &str) -> Result<Vec<Signed>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}, s.confirmed_at AS signed_at, p.allow_signature_withdrawal AS may_withdraw,
            CASE WHEN EXISTS (SELECT 1 FROM tlog_leaves l WHERE l.signature_id = s.id AND l.removed = 0 AND l.salt IS NOT NULL
                AND l.leaf_index < (SELECT tree_size FROM tlog_head WHERE id = 1)) THEN 1 ELSE 0 END AS receipt_ready
         FROM {FROM}
         JOIN signatures s ON s.petition_id = p.id
         WHERE (s.user_id = $1 OR s.email_norm = $2) AND s.confirmed_at IS NOT NULL ORDER BY s.confirmed_at DESC LIMIT 500"
    );
    sqlx::query(&sql)
        .bind(user_id)
        .bind(email_norm)
        .fetch_all(ex)
        .await?
        .iter()
        .map(|r| {
            Ok(Signed {
                petition: list_row(r)?,
                signed_at: Timestamp(r.try_get("signed_at")?),
                may_withdraw: r.try_get::<i64, _>("may_withdraw")? != 0,
                receipt_ready: r.try_get::<i64, _>("receipt_ready")? != 0,
            })
        })
        .collect()
}
