//! What the transparency log (issue 18) costs signing: the same one-click signing as the
//! signing part (64 connections on the hottest open petition, `secs` seconds) on a fresh
//! database with the log's triggers dropped ("without") and with them as shipped ("with").
//! A shared 2-core machine is noisy (two identical runs differ by up to a third), so runs come
//! in pairs, each pair's two runs back to back in alternating order (without then with, then
//! with then without, …), and the figure is the median of the pairs' ratios: a slow patch of
//! the machine hits both runs of a pair. After the "with" runs it times how long the sequencer takes to
//! empty the queue once signing stops, then recounts the whole log as an auditor would and
//! checks the petition's count against its rows and the head's size against the entries.
//! Target: signing with the log at least 0.9 × without it, on both engines.
use crate::client::{Conn, counted_rows, database, free_port, make_signers, start_server, wait_ready};
use minyi::domain::tlog::entry::{Entry, recount};
use minyi::server::db::Db;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SIGNERS: usize = 64;
/// Pairs of runs (`MINYI_BENCH_TLOG_PAIRS` to change).
const PAIRS: usize = 5;
/// How long the log may take to catch up before the run counts as failed.
const CATCH_UP: Duration = Duration::from_secs(120);

/// One signing run on a fresh database (the log's figures only when it was on).
#[derive(Clone, Copy, Default)]
struct Run {
    per_s: f64,
    logged_ms: Option<u128>,
    recounted: i64,
    rows: i64,
    tree_size: i64,
    entries: i64,
}

impl Run {
    fn exact(&self) -> bool {
        self.logged_ms.is_some() && self.recounted == self.rows && self.tree_size == self.entries
    }
}

pub struct Figures {
    engine: &'static str,
    /// (without, with), in the order run.
    pairs: Vec<(Run, Run)>,
    /// Every "with" run logged everything and recounted to the rows.
    all_exact: bool,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

impl Figures {
    fn ratio(&self) -> f64 {
        median(self.pairs.iter().map(|(o, w)| w.per_s / o.per_s.max(1.0)).collect())
    }
}

/// `SIGNERS` connections sign one-click until `secs` pass or the sessions run out; returns
/// (successes, errors, seconds from the first request to the last answer, that last moment).
async fn sign_for(port: u16, petition: i64, sessions: Arc<Vec<String>>, secs: u64) -> (usize, usize, f64, Instant) {
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..SIGNERS {
        let (sessions, next, stop) = (sessions.clone(), next.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors) = (0usize, 0usize);
            if let Ok(mut c) = Conn::open(port).await {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(session) = sessions.get(i) else { break };
                    match c.send(&crate::client::sign(port, petition, session, i)).await {
                        Ok((s, _)) if s < 400 => ok += 1,
                        _ => {
                            errors += 1;
                            if let Ok(fresh) = Conn::open(port).await {
                                c = fresh;
                            }
                        }
                    }
                }
            } else {
                errors += 1;
            }
            // When the sessions run out early, the rate is still over the time really spent.
            (ok, errors, Instant::now())
        }));
    }
    tokio::time::sleep(Duration::from_secs(secs)).await;
    stop.store(true, Ordering::Relaxed);
    let (mut ok, mut errors, mut ended) = (0, 0, start);
    for t in tasks {
        if let Ok((o, e, at)) = t.await {
            ok += o;
            errors += e;
            ended = ended.max(at);
        }
    }
    if next.load(Ordering::Relaxed) >= sessions.len() {
        eprintln!("  (the {} prepared signers ran out before {secs} s)", sessions.len());
    }
    (ok, errors, ended.duration_since(start).as_secs_f64().max(0.001), ended)
}

/// Milliseconds from `since` until the log's queue is empty (polled every 50 ms), if it empties.
async fn caught_up(db: &Db, since: Instant) -> Option<u128> {
    while since.elapsed() < CATCH_UP {
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tlog_pending").fetch_one(&db.pool).await.unwrap_or(-1);
        if pending == 0 {
            return Some(since.elapsed().as_millis());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

/// Recounts the whole log from leaf 0 as an auditor would: (the petition's count per the
/// log, or -1 if an entry does not parse or recount; the head's size; how many entries).
async fn recount_log(db: &Db, petition: i64) -> (i64, i64, i64) {
    let texts: Vec<String> = sqlx::query_scalar("SELECT entry FROM tlog_entries ORDER BY leaf_index").fetch_all(&db.pool).await.expect("log entries");
    let parsed: Result<Vec<Entry>, _> = texts.iter().map(|t| Entry::parse(t.as_bytes())).collect();
    let recounted = match parsed.ok().map(|entries| recount(&entries)) {
        Some(Ok(counts)) => counts.get(&petition).copied().unwrap_or(0),
        _ => -1,
    };
    let tree_size: i64 = sqlx::query_scalar("SELECT tree_size FROM tlog_head WHERE id = 1").fetch_one(&db.pool).await.unwrap_or(-1);
    (recounted, tree_size, texts.len() as i64)
}

async fn one(engine: &'static str, bin: &str, secs: u64, logged: bool, round: usize, capacity: usize) -> Run {
    let side = if logged { "on" } else { "off" };
    // Underscores: the name is also a PostgreSQL database name.
    let (dir, url) = database(engine, &format!("bench_tlog_{side}_{round}")).await;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    if !logged {
        // Before the server starts, so not even the demo data is queued.
        let drops: &[&str] = if engine == "sqlite" {
            &["DROP TRIGGER signatures_tlog_insert", "DROP TRIGGER signatures_tlog_update", "DROP TRIGGER signatures_tlog_delete"]
        } else {
            &["DROP TRIGGER signatures_tlog ON signatures"]
        };
        for &sql in drops {
            sqlx::query(sql).execute(&db.pool).await.expect("drop the log's triggers");
        }
    }
    let port = free_port();
    let mut server = start_server(bin, &url, port, &dir);
    wait_ready(port).await;
    let petition: i64 = sqlx::query_scalar("SELECT id FROM petitions WHERE state = 'open' ORDER BY signature_count DESC, id LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .expect("an open demo petition");
    let sessions = Arc::new(make_signers(&db, capacity).await);
    if logged {
        // The demo data's signatures are logged first: both sides start from a quiet server.
        caught_up(&db, Instant::now()).await;
    }
    let (ok, errors, took, ended) = sign_for(port, petition, sessions, secs).await;
    let mut run = Run { per_s: ok as f64 / took, ..Default::default() };
    if logged {
        run.logged_ms = caught_up(&db, ended).await;
        (run.recounted, run.tree_size, run.entries) = recount_log(&db, petition).await;
        run.rows = counted_rows(&db, petition).await;
    }
    let detail = if logged {
        format!(", logged {:?} ms after, recount {} = rows {}, tree {} = entries {}", run.logged_ms, run.recounted, run.rows, run.tree_size, run.entries)
    } else {
        String::new()
    };
    eprintln!("[{engine}] log {side}, round {}: {:.0} signatures/s, {errors} errors{detail}", round + 1, run.per_s);
    let _ = Command::new("kill").arg("-TERM").arg(server.id().to_string()).status();
    let _ = server.wait();
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    run
}

pub async fn run(engine: &'static str, bin: &str, secs: u64) -> Figures {
    let pairs_wanted = std::env::var("MINYI_BENCH_TLOG_PAIRS").ok().and_then(|p| p.parse().ok()).unwrap_or(PAIRS).max(1);
    eprintln!("[{engine}] transparency log off / on: {SIGNERS} connections signing for {secs} s, {pairs_wanted} pairs of runs…");
    // Enough signers for the fastest rate seen so far (running out only shortens a run).
    let mut fastest = 5_000.0f64;
    let mut pairs = Vec::new();
    for round in 0..pairs_wanted {
        let order = if round % 2 == 0 { [false, true] } else { [true, false] };
        let (mut without, mut with) = (Run::default(), Run::default());
        for logged in order {
            let capacity = ((fastest * secs as f64 * 1.5) as usize).max(10_000);
            let r = one(engine, bin, secs, logged, round, capacity).await;
            fastest = fastest.max(r.per_s);
            if logged { with = r } else { without = r }
        }
        eprintln!("[{engine}] pair {}: ratio {:.2}", round + 1, with.per_s / without.per_s.max(1.0));
        pairs.push((without, with));
    }
    let all_exact = pairs.iter().all(|(_, w)| w.exact());
    Figures { engine, pairs, all_exact }
}

pub fn print(figures: &[Figures]) {
    println!();
    println!(
        "| engine | sig/s without (median) | sig/s with (median) | ratio, median of pairs (target ≥ 0.90) | pairs' ratios | slowest catch-up, ms | recount = rows |"
    );
    println!("|---|---|---|---|---|---|---|");
    for f in figures {
        let ratios: Vec<String> = f.pairs.iter().map(|(o, w)| format!("{:.2}", w.per_s / o.per_s.max(1.0))).collect();
        let slowest = f.pairs.iter().map(|(_, w)| w.logged_ms).try_fold(0u128, |m, ms| ms.map(|ms| m.max(ms)));
        let last = f.pairs.last().map(|(_, w)| *w).unwrap_or_default();
        println!(
            "| {} | {:.0} | {:.0} | {:.2} | {} | {} | {} (last: {} = {}, tree size {} = {} entries) |",
            f.engine,
            median(f.pairs.iter().map(|(o, _)| o.per_s).collect()),
            median(f.pairs.iter().map(|(_, w)| w.per_s).collect()),
            f.ratio(),
            ratios.join(", "),
            slowest.map_or_else(|| format!("not in {} s", CATCH_UP.as_secs()), |ms| ms.to_string()),
            if f.all_exact { "yes" } else { "NO" },
            last.recounted,
            last.rows,
            last.tree_size,
            last.entries
        );
    }
    println!();
    println!(
        "Target: signing with the transparency log on at least 0.9 × without it, on both engines ({SIGNERS} connections, one petition; \
         pairs of runs back to back in alternating order, the median of the pairs' ratios; errors are on stderr). Every run's queue \
         must empty and its log recount to the rows."
    );
}
