//! `minyi log audit BASE_URL`: anyone can check a minyi site's transparency log from outside.
//! It downloads every entry bundle, re-hashes the whole tree against the signed checkpoint,
//! compares every published hash tile with the recomputed one, checks (with `--since`) that the
//! log extends an older checkpoint the auditor kept, so nothing was rewritten or dropped since,
//! and recounts every petition to compare with the count the site shows.
//! The site is reached through [`LogSource`], so tests run the same audit over files in memory.
use crate::domain::tlog::checkpoint::{self, Checkpoint};
use crate::domain::tlog::entry::{self, Entry, RecountError};
use crate::domain::tlog::merkle::{Hash, leaf_hash, stored_hashes_for_record, tree_hash};
use crate::domain::tlog::note::Verifier;
use crate::domain::tlog::tiles::{TILE_WIDTH, decode_entries, new_tiles, read_tile_data};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::time::Duration;

const USAGE: &str = "usage: minyi log audit BASE_URL [--since CHECKPOINT_FILE] [--key KEY]";
/// The API's petition list, largest pages; later pages add `&cursor=`.
pub(super) const PETITIONS_PAGE: &str = "/api/v1/petitions?limit=100";
/// Counts are shown and logged a moment apart (roll-up and sequencer jobs): a difference may be
/// a signature on its way, so the audit looks again this many times before calling it one.
const RETRIES: u32 = 3;
/// A cursor loop on a broken site ends here (10 million petitions).
const MAX_PAGES: usize = 100_000;

/// Where the audit reads the log and the site's API.
pub trait LogSource {
    /// A file of the log by its path under the log's URL: `checkpoint`, `key`, `tile/0/000`, `tile/entries/001.p/5`.
    fn log(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send;
    /// An API answer by its path and query from the site's root: `/api/v1/petitions?limit=100`.
    fn api(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send;
}

/// A site over HTTP(S). ureq blocks: each request runs on tokio's blocking pool.
pub struct HttpSource {
    site: String,
    log: String,
    agent: ureq::Agent,
}

impl HttpSource {
    /// A site by its base URL (`https://minyi.example.tw`); its log is under `/log`.
    pub fn new(site: &str) -> Self {
        let site = site.trim_end_matches('/').to_owned();
        Self::with(format!("{site}/log"), site)
    }

    /// A log by its own URL (`https://minyi.example.tw/log`); the site is its parent.
    pub fn for_log(log: &str) -> Self {
        let log = log.trim_end_matches('/');
        Self::with(log.to_owned(), log.strip_suffix("/log").unwrap_or(log).to_owned())
    }

    fn with(log: String, site: String) -> Self {
        let config = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build();
        Self { site, log, agent: ureq::Agent::new_with_config(config) }
    }
}

async fn http_get(agent: ureq::Agent, url: String) -> Result<Vec<u8>, String> {
    let call = move || -> Result<Vec<u8>, String> {
        let mut res = agent.get(url.as_str()).call().map_err(|e| format!("{url}: {e}"))?;
        res.body_mut().read_to_vec().map_err(|e| format!("{url}: {e}"))
    };
    tokio::task::spawn_blocking(call).await.map_err(|e| e.to_string())?
}

impl LogSource for HttpSource {
    fn log(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
        http_get(self.agent.clone(), format!("{}/{path}", self.log))
    }

    fn api(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
        http_get(self.agent.clone(), format!("{}{path}", self.site))
    }
}

/// What failed, named so a reader knows which guarantee broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("fetching {path}: {reason}")]
    Fetch { path: String, reason: String },
    #[error("the log's key: {0}")]
    BadKey(String),
    #[error("the checkpoint is not signed by the log's key: {0}")]
    BadCheckpoint(String),
    #[error("entry bundle {tile}: {reason}")]
    BadEntryBundle { tile: String, reason: String },
    #[error("log entry {index} is malformed")]
    BadEntry { index: u64 },
    #[error("the log's entries do not hash to the checkpoint's root (tree size {size}): the entries served are not the ones signed")]
    RootMismatch { size: u64 },
    #[error("hash tile {path} differs from the hashes of the entries")]
    HashTileMismatch { path: String },
    #[error("the log does not extend the older checkpoint: {0}")]
    NotExtending(String),
    #[error("the log's entries do not add up: {0}")]
    Inconsistent(RecountError),
    #[error("the API's petition list: {0}")]
    BadApi(String),
    #[error("petition {petition}: the log counts {log} signatures, the site shows {shown} ({others} other petition(s) differ too)")]
    CountMismatch { petition: i64, log: u64, shown: u64, others: usize },
    #[error("tlog: {0}")]
    Internal(String),
}

fn internal(e: impl std::fmt::Display) -> AuditError {
    AuditError::Internal(e.to_string())
}

/// A passed audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub tree_size: u64,
    /// Entries downloaded and re-hashed: the whole log.
    pub entries: u64,
    /// (petition, count per the log, count the site shows) for each petition the API lists.
    pub petitions: Vec<(i64, u64, u64)>,
    pub warnings: Vec<String>,
    /// The older checkpoint's size, when `since` was given (the log extends it).
    pub since_size: Option<u64>,
    /// The signed checkpoint audited, verbatim: the `--since` of the next audit.
    pub checkpoint: String,
}

impl AuditReport {
    /// `petition | log | shown | ok`, numbers right-aligned.
    pub fn table(&self) -> String {
        let head = ["petition", "log", "shown", "ok"];
        let rows: Vec<[String; 4]> = self
            .petitions
            .iter()
            .map(|(id, log, shown)| [id.to_string(), log.to_string(), shown.to_string(), if log == shown { "ok" } else { "DIFFERS" }.to_owned()])
            .collect();
        let mut widths = head.map(str::len);
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.len());
            }
        }
        let [w0, w1, w2, _] = widths;
        let line = |cells: [&str; 4]| format!("{:>w0$} | {:>w1$} | {:>w2$} | {}", cells[0], cells[1], cells[2], cells[3]);
        let mut out = line(head);
        for r in &rows {
            out.push('\n');
            out.push_str(&line([r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()]));
        }
        out
    }

    /// What `minyi log audit` prints.
    pub fn summary(&self) -> String {
        let mut out = self.table();
        for w in &self.warnings {
            out.push_str(&format!("\nwarning: {w}"));
        }
        let (n, size, petitions) = (self.entries, self.tree_size, self.petitions.len());
        out.push_str(&format!("\nOK: {n} entries hash to the signed root of size {size}; every hash tile matches; {petitions} petitions' counts match."));
        if let Some(old) = self.since_size {
            out.push_str(&format!("\nOK: the log extends the older checkpoint of size {old}: nothing in it was changed or removed."));
        }
        out.push_str(&format!("\nThis checkpoint (save it for --since next time):\n{}", self.checkpoint));
        out
    }
}

/// The log rebuilt here from its entries: every entry and every stored hash, in Go's order.
#[derive(Default)]
struct Mirror {
    entries: Vec<Entry>,
    stored: Vec<Hash>,
}

fn show(progress: bool, what: &str, done: u64, total: u64) {
    if progress {
        eprint!("\r{what} {done}/{total}{}", if done == total { "\n" } else { "" });
    }
}

impl Mirror {
    fn size(&self) -> u64 {
        self.entries.len() as u64
    }

    /// Downloads the entries from our size up to the checkpoint's, hashes them, and checks the
    /// root against the checkpoint and the served hash tiles against ours. Entries already held
    /// are not compared again: a rewritten one changes the root, which is compared.
    async fn extend_to(&mut self, src: &impl LogSource, cp: &Checkpoint, progress: bool) -> Result<(), AuditError> {
        if cp.size < self.size() {
            return Err(AuditError::NotExtending(format!("the log shrank from {} to {} entries", self.size(), cp.size)));
        }
        let tiles = new_tiles(self.size(), cp.size);
        for tile in tiles.iter().filter(|t| t.level == 0) {
            let path = tile.entries_path();
            let bad = |reason: String| AuditError::BadEntryBundle { tile: path.clone(), reason };
            let bundle = fetch_log(src, &path).await?;
            let entries = decode_entries(&bundle).map_err(|e| bad(e.to_string()))?;
            if entries.len() != usize::from(tile.width) {
                return Err(bad(format!("{} entries where the path says {}", entries.len(), tile.width)));
            }
            let first = tile.n * u64::from(TILE_WIDTH);
            for (index, data) in (first..).zip(&entries) {
                if index < self.size() {
                    continue;
                }
                let entry = Entry::parse(data).map_err(|_| AuditError::BadEntry { index })?;
                let hashes = stored_hashes_for_record(index, leaf_hash(data), self.stored.as_slice()).map_err(internal)?;
                self.stored.extend(hashes);
                self.entries.push(entry);
            }
            show(progress, "entries", self.size(), cp.size);
        }
        if self.size() != cp.size {
            return Err(internal("entry bundles did not cover the tree"));
        }
        if tree_hash(cp.size, self.stored.as_slice()).map_err(internal)? != cp.hash {
            return Err(AuditError::RootMismatch { size: cp.size });
        }
        for (done, tile) in (1..).zip(&tiles) {
            let path = tile.path();
            let served = fetch_log(src, &path).await?;
            if served != read_tile_data(tile, self.stored.as_slice()).map_err(internal)? {
                return Err(AuditError::HashTileMismatch { path });
            }
            show(progress, "hash tiles", done, tiles.len() as u64);
        }
        Ok(())
    }

    /// The log's first `old.size` entries hash to the older checkpoint's root: it was not rewritten.
    fn check_extends(&self, old_note: &str, verifier: &Verifier) -> Result<u64, AuditError> {
        let old = checkpoint::open(old_note.as_bytes(), verifier)
            .map_err(|e| AuditError::NotExtending(format!("the older checkpoint does not verify with the log's key: {e}")))?;
        if old.size > self.size() {
            return Err(AuditError::NotExtending(format!("the older checkpoint has {} entries, the log now {}", old.size, self.size())));
        }
        if tree_hash(old.size, self.stored.as_slice()).map_err(internal)? != old.hash {
            return Err(AuditError::NotExtending(format!("the log's first {} entries no longer hash to the older checkpoint's root", old.size)));
        }
        Ok(old.size)
    }
}

async fn fetch_log(src: &impl LogSource, path: &str) -> Result<Vec<u8>, AuditError> {
    src.log(path).await.map_err(|reason| AuditError::Fetch { path: format!("log/{path}"), reason })
}

/// The current checkpoint, opened with the log's key, and its note text.
async fn current_checkpoint(src: &impl LogSource, verifier: &Verifier) -> Result<(Checkpoint, String), AuditError> {
    let note = fetch_log(src, "checkpoint").await?;
    let cp = checkpoint::open(&note, verifier).map_err(|e| AuditError::BadCheckpoint(e.to_string()))?;
    Ok((cp, String::from_utf8_lossy(&note).into_owned()))
}

#[derive(Deserialize)]
struct Page {
    items: Vec<Item>,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct Item {
    id: i64,
    signature_count: u64,
}

/// Percent-encodes a query value (cursors are digits, `-` and `.`, but the site is not trusted).
fn encode_query(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Each listed petition's shown count, following `next_cursor` to the last page.
async fn shown_counts(src: &impl LogSource) -> Result<BTreeMap<i64, u64>, AuditError> {
    let mut shown = BTreeMap::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let path = match &cursor {
            Some(c) => format!("{PETITIONS_PAGE}&cursor={}", encode_query(c)),
            None => PETITIONS_PAGE.to_owned(),
        };
        let body = src.api(&path).await.map_err(|reason| AuditError::Fetch { path: path.clone(), reason })?;
        let page: Page = serde_json::from_slice(&body).map_err(|e| AuditError::BadApi(format!("{path}: {e}")))?;
        shown.extend(page.items.into_iter().map(|i| (i.id, i.signature_count)));
        match page.next_cursor {
            None => return Ok(shown),
            Some(next) if cursor.as_ref() == Some(&next) => return Err(AuditError::BadApi(format!("{path}: the cursor does not advance"))),
            next => cursor = next,
        }
    }
    Err(AuditError::BadApi(format!("more than {MAX_PAGES} pages")))
}

/// The whole audit; `key` is the log's verifier key (else the one the site serves, with a
/// warning), `since` an older checkpoint note the log must extend.
pub async fn audit(src: &impl LogSource, key: Option<&str>, since: Option<&str>, progress: bool) -> Result<AuditReport, AuditError> {
    audit_paced(src, key, since, progress, Duration::from_secs(2)).await
}

/// [`audit`], waiting `pause` before looking again at counts that differ (tests wait nothing).
pub(super) async fn audit_paced(
    src: &impl LogSource,
    key: Option<&str>,
    since: Option<&str>,
    progress: bool,
    pause: Duration,
) -> Result<AuditReport, AuditError> {
    let mut warnings = Vec::new();
    let verifier = match key {
        Some(k) => Verifier::parse(k.trim()).map_err(|e| AuditError::BadKey(e.to_string()))?,
        None => {
            let served = fetch_log(src, "key").await?;
            let v = Verifier::parse(String::from_utf8_lossy(&served).trim()).map_err(|e| AuditError::BadKey(e.to_string()))?;
            warnings.push(format!("trusting the key served by the site, {}: compare it with one published elsewhere, or pass --key", v.to_key_string()));
            v
        }
    };
    let (mut cp, mut note) = current_checkpoint(src, &verifier).await?;
    let mut mirror = Mirror::default();
    mirror.extend_to(src, &cp, progress).await?;
    let since_size = since.map(|old| mirror.check_extends(old, &verifier)).transpose()?;
    let mut attempt = 0;
    loop {
        let counts = entry::recount(&mirror.entries).map_err(AuditError::Inconsistent)?;
        let shown = shown_counts(src).await?;
        // Recount never goes below zero: a removal needs a signature before it.
        let logged = |id: &i64| counts.get(id).map_or(0, |&c| u64::try_from(c).unwrap_or(0));
        let rows: Vec<(i64, u64, u64)> = shown.iter().map(|(id, &s)| (*id, logged(id), s)).collect();
        let differ: Vec<(i64, u64, u64)> = rows.iter().copied().filter(|(_, log, on_site)| log != on_site).collect();
        if let Some(&(petition, log, on_site)) = differ.first() {
            if attempt == RETRIES {
                return Err(AuditError::CountMismatch { petition, log, shown: on_site, others: differ.len() - 1 });
            }
            attempt += 1;
            tokio::time::sleep(pause).await;
            (cp, note) = current_checkpoint(src, &verifier).await?;
            mirror.extend_to(src, &cp, progress).await?;
            continue;
        }
        let unlisted = counts.keys().filter(|id| !shown.contains_key(*id)).count();
        if unlisted > 0 {
            warnings.push(format!("{unlisted} petition(s) in the log are not listed by the API (not public): their counts were not compared"));
        }
        return Ok(AuditReport { tree_size: cp.size, entries: mirror.size(), petitions: rows, warnings, since_size, checkpoint: note });
    }
}

/// Positional arguments, then `(flag, value)` pairs.
pub(super) type Args<'a> = (Vec<&'a str>, Vec<(&'static str, &'a str)>);

/// The positional arguments and `--flag value` pairs of a command line (`flags`: the known
/// flags, each taking a value); unknown flags and missing values are refused.
pub(super) fn parse_args<'a>(args: &'a [String], flags: &[&'static str]) -> Result<Args<'a>, String> {
    let mut positional = Vec::new();
    let mut pairs = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if let Some(flag) = flags.iter().copied().find(|f| *f == arg.as_str()) {
            let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
            pairs.push((flag, value.as_str()));
        } else if arg.starts_with("--") {
            return Err(format!("unknown option {arg}"));
        } else {
            positional.push(arg.as_str());
        }
    }
    Ok((positional, pairs))
}

/// The last value given for `flag`.
pub(super) fn value<'a>(pairs: &[(&'static str, &'a str)], flag: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(f, _)| *f == flag).map(|(_, v)| *v)
}

/// A verifier key given as the key itself or as a file holding it (as `/log/key` serves it).
pub(super) fn load_key(arg: &str) -> Result<Verifier, String> {
    if let Ok(v) = Verifier::parse(arg.trim()) {
        return Ok(v);
    }
    let text = std::fs::read_to_string(arg).map_err(|e| format!("--key {arg}: neither a verifier key nor a readable file ({e})"))?;
    Verifier::parse(text.trim()).map_err(|e| format!("--key {arg}: the file does not hold a verifier key ({e})"))
}

/// `minyi log audit BASE_URL [--since FILE] [--key KEY]` (the arguments after `audit`).
pub async fn run_audit(args: &[String]) -> Result<String, String> {
    let (positional, flags) = parse_args(args, &["--since", "--key"]).map_err(|e| format!("{e}\n{USAGE}"))?;
    let [base] = positional.as_slice() else {
        return Err(format!("one BASE_URL is needed\n{USAGE}"));
    };
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(format!("BASE_URL must start with https:// (got {base})\n{USAGE}"));
    }
    let key = value(&flags, "--key").map(load_key).transpose()?.map(|v| v.to_key_string());
    let since = value(&flags, "--since").map(|f| std::fs::read_to_string(f).map_err(|e| format!("--since {f}: {e}"))).transpose()?;
    let base = base.trim_end_matches('/');
    let src = HttpSource::new(base.strip_suffix("/log").unwrap_or(base));
    let report = audit(&src, key.as_deref(), since.as_deref(), std::io::stderr().is_terminal()).await.map_err(|e| format!("AUDIT FAILED: {e}"))?;
    Ok(report.summary())
}
