//! The signing benchmark (not a test): starts the release server on SQLite and on a
//! throw-away PostgreSQL and, for each, measures
//!   1. raw insert-and-commit throughput of the same database (the ceiling),
//!   2. confirmed signatures per second through the real HTTP endpoint on ONE hot
//!      petition with 64 concurrent signers (p50/p99, and the ratio to 1),
//!   3. petition page requests per second at 256 connections while signing runs
//!      (p99, and the ratio to a trivial page of the same server),
//!   4. the first page of a petition with 5,000 comments (see `discussion.rs`),
//!   5. a streamed export of 10,000 petitions (see `downloads.rs`),
//!   6. the "Revoke Article 50" peak replayed for 60 s (see `peak.rs`),
//!   7. the opinion map's computation at the deliberation issue's sizes (see `opinion_map.rs`),
//!   8. votes on statements through HTTP at 1,000/s (see `votes.rs`),
//!   9. signing with the transparency log on vs off, and whether the log recounts to the rows (see `tlog.rs`),
//!
//! while watching how far the count people see lags the signature rows, and checking
//! the final count against the rows. Prints a table.
//!
//! `make bench` (or: cargo leptos build --release && cargo run --release --features ssr --bin bench -- [seconds])
// A measuring program, not the server: a failed step may stop it.
#![allow(clippy::unwrap_used)]
mod client;
mod discussion;
mod downloads;
mod opinion_map;
mod peak;
mod tlog;
mod votes;

use client::{Conn, counted_rows, database, free_port, get, load, make_signers, now_ms, percentile, start_server, wait_ready};
use minyi::server::db::Db;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SIGNERS: usize = 64;
const READERS: usize = 256;

#[derive(Default)]
struct Report {
    engine: &'static str,
    raw_per_s: f64,
    sign_per_s: f64,
    sign_p50_ms: f64,
    sign_p99_ms: f64,
    sign_errors: usize,
    page_per_s: f64,
    page_p99_ms: f64,
    trivial_per_s: f64,
    max_stale_ms: u128,
    final_count: i64,
    final_rows: i64,
}

/// Insert-and-commit with the app's own connection settings: the ceiling for signing.
async fn raw_inserts(db: &Db, secs: u64) -> f64 {
    sqlx::query("CREATE TABLE bench_raw (petition_id BIGINT NOT NULL, email_norm TEXT NOT NULL UNIQUE, county TEXT NOT NULL, at BIGINT NOT NULL)")
        .execute(&db.pool)
        .await
        .expect("create bench table");
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..SIGNERS {
        let (db, next) = (db.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let mut tx = db.begin().await.expect("begin");
                sqlx::query("INSERT INTO bench_raw (petition_id, email_norm, county, at) VALUES (1, $1, '63000', $2)")
                    .bind(format!("raw{i}@bench.invalid"))
                    .bind(now_ms())
                    .execute(&mut **tx)
                    .await
                    .expect("insert");
                tx.commit().await.expect("commit");
            }
        }));
    }
    for t in tasks {
        t.await.ok();
    }
    next.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

/// How far behind the rows is the count people see? Samples both every 100 ms until
/// `stop`; returns the worst lag in milliseconds.
pub(crate) async fn watch_staleness(db: Db, port: u16, petition: i64, stop: Arc<AtomicBool>) -> u128 {
    let mut rows_seen: Vec<(Instant, i64)> = Vec::new();
    let mut worst = 0u128;
    let mut page = Conn::open(port).await.ok();
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        rows_seen.push((t, counted_rows(&db, petition).await.max(0)));
        let shown = match page.as_mut() {
            Some(c) => c.send(&get(&format!("/petitions/{petition}"), port)).await.ok().and_then(|(_, b)| shown_count(&b)),
            None => None,
        };
        if let Some(shown) = shown {
            // The latest moment the rows were still at or below what is shown.
            let now = Instant::now();
            if let Some((at, _)) = rows_seen.iter().rev().find(|(_, r)| *r <= shown) {
                worst = worst.max(now.duration_since(*at).as_millis());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    worst
}

/// The count shown on the petition page ("1,234 / 5,000 人附議").
fn shown_count(html: &[u8]) -> Option<i64> {
    let text = String::from_utf8_lossy(html);
    let start = text.find("class=\"progress-text\">")? + "class=\"progress-text\">".len();
    let digits: String = text[start..].chars().take_while(|c| c.is_ascii_digit() || *c == ',').filter(|c| *c != ',').collect();
    digits.parse().ok()
}

async fn run_engine(engine: &'static str, bin: &str, secs: u64) -> Report {
    let (dir, url) = database(engine, "bench").await;
    let mut report = Report { engine, ..Default::default() };
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    eprintln!("[{engine}] raw insert-and-commit for {secs} s…");
    report.raw_per_s = raw_inserts(&db, secs).await;

    let port = free_port();
    let mut server = start_server(bin, &url, port, &dir);
    wait_ready(port).await;
    let petition: i64 = sqlx::query_scalar("SELECT id FROM petitions WHERE state = 'open' ORDER BY signature_count DESC, id LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .expect("an open demo petition");
    let capacity = ((report.raw_per_s * secs as f64 * 2.2) as usize).max(10_000);
    eprintln!("[{engine}] preparing {capacity} signers…");
    let sessions = Arc::new(make_signers(&db, capacity).await);

    // Phase 1: signing alone. Phase 2: signing goes on while 256 connections read the page.
    eprintln!("[{engine}] signing with {SIGNERS} connections for {secs} s, then also reading with {READERS} for {secs} s…");
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let phase_two = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let mut signers = Vec::new();
    for _ in 0..SIGNERS {
        let (sessions, next, stop, phase_two) = (sessions.clone(), next.clone(), stop.clone(), phase_two.clone());
        signers.push(tokio::spawn(async move {
            let (mut lat, mut errors) = (Vec::new(), 0usize);
            let Ok(mut c) = Conn::open(port).await else { return (lat, 1) };
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(session) = sessions.get(i) else { break };
                let req = client::sign(port, petition, session, i);
                let t = Instant::now();
                match c.send(&req).await {
                    // Only phase 1 (signing alone) counts for the signing figures.
                    Ok((s, _)) if s < 400 => {
                        if !phase_two.load(Ordering::Relaxed) {
                            lat.push(t.elapsed().as_micros() as u64)
                        }
                    }
                    _ => {
                        errors += 1;
                        if let Ok(fresh) = Conn::open(port).await {
                            c = fresh;
                        }
                    }
                }
            }
            (lat, errors)
        }));
    }
    tokio::time::sleep(Duration::from_secs(secs)).await;
    phase_two.store(true, Ordering::Relaxed);
    let signing_secs = start.elapsed().as_secs_f64();
    let readers = tokio::spawn(load(port, READERS, get(&format!("/petitions/{petition}"), port), stop.clone()));
    // How far behind the rows is the count people see? Sample both every 100 ms.
    let monitor = tokio::spawn(watch_staleness(db.clone(), port, petition, stop.clone()));
    tokio::time::sleep(Duration::from_secs(secs)).await;
    stop.store(true, Ordering::Relaxed);
    let mut lat = Vec::new();
    for s in signers {
        let (l, e) = s.await.unwrap_or_default();
        lat.extend(l);
        report.sign_errors += e;
    }
    lat.sort_unstable();
    report.sign_per_s = lat.len() as f64 / signing_secs;
    report.sign_p50_ms = percentile(&lat, 0.50);
    report.sign_p99_ms = percentile(&lat, 0.99);
    let (page_rate, page_lat) = readers.await.unwrap_or_default();
    report.page_per_s = page_rate;
    report.page_p99_ms = percentile(&page_lat, 0.99);
    report.max_stale_ms = monitor.await.unwrap_or(0);

    eprintln!("[{engine}] trivial page with {READERS} connections for {} s…", secs.div_ceil(2));
    let stop = Arc::new(AtomicBool::new(false));
    let trivial = tokio::spawn(load(port, READERS, get("/healthz", port), stop.clone()));
    tokio::time::sleep(Duration::from_secs(secs.div_ceil(2))).await;
    stop.store(true, Ordering::Relaxed);
    report.trivial_per_s = trivial.await.unwrap_or_default().0;

    // Let the last roll-up run, then the shown count must equal the rows exactly.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    report.final_count = sqlx::query_scalar("SELECT signature_count FROM petitions WHERE id = $1").bind(petition).fetch_one(&db.pool).await.unwrap_or(-1);
    report.final_rows = counted_rows(&db, petition).await;
    let _ = Command::new("kill").arg("-TERM").arg(server.id().to_string()).status();
    let _ = server.wait();
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    report
}

fn print(reports: &[Report]) {
    println!();
    println!(
        "| engine | raw inserts/s | signatures/s (ratio) | sign p50 / p99 ms | errors | page req/s at {READERS} conns | page p99 ms | trivial req/s | page/trivial | max staleness ms | final count = rows |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in reports {
        println!(
            "| {} | {:.0} | {:.0} ({:.0}%) | {:.1} / {:.1} | {} | {:.0} | {:.1} | {:.0} | {:.0}% | {} | {} ({} = {}) |",
            r.engine,
            r.raw_per_s,
            r.sign_per_s,
            100.0 * r.sign_per_s / r.raw_per_s.max(1.0),
            r.sign_p50_ms,
            r.sign_p99_ms,
            r.sign_errors,
            r.page_per_s,
            r.page_p99_ms,
            r.trivial_per_s,
            100.0 * r.page_per_s / r.trivial_per_s.max(1.0),
            r.max_stale_ms,
            if r.final_count == r.final_rows { "yes" } else { "NO" },
            r.final_count,
            r.final_rows
        );
    }
    println!();
    println!(
        "Targets: ≥ 1,000 signatures/s on SQLite, ≥ 3,000/s on PostgreSQL, sign p99 < 100 ms; page ≥ 10,000 req/s with p99 < 50 ms; staleness ≤ 2,000 ms; final count = rows."
    );
    println!(
        "postgres-durable: PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on), as production runs; target: signatures ≥ 0.5 × its own raw ceiling."
    );
}

#[tokio::main]
async fn main() {
    let secs: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(8);
    let bin = std::env::var("MINYI_BENCH_SERVER").unwrap_or_else(|_| {
        let me = std::env::current_exe().expect("current exe");
        me.with_file_name("minyi").display().to_string()
    });
    let engines: Vec<&'static str> = match std::env::var("MINYI_BENCH_ENGINES").as_deref() {
        Ok("sqlite") => vec!["sqlite"],
        Ok("postgres") => vec!["postgres"],
        _ => vec!["sqlite", "postgres"],
    };
    // MINYI_BENCH_ONLY=signing, =discussion, =peak, =downloads, =opinion_map, =votes or =tlog runs one part.
    let only = std::env::var("MINYI_BENCH_ONLY").unwrap_or_default();
    let part = |name: &str| only.is_empty() || only == name;
    if part("signing") {
        let mut reports = Vec::new();
        for engine in &engines {
            reports.push(run_engine(engine, &bin, secs).await);
        }
        if engines.contains(&"postgres") {
            reports.push(run_engine("postgres-durable", &bin, secs).await);
        }
        print(&reports);
    }
    if part("discussion") {
        let mut figures = Vec::new();
        for engine in &engines {
            figures.push(discussion::run(engine, &bin).await);
        }
        discussion::print(&figures);
    }
    if part("peak") {
        let mut figures = Vec::new();
        for engine in &engines {
            figures.push(peak::run(engine, &bin, 60).await);
        }
        peak::print(&figures);
    }
    if part("downloads") {
        let mut figures = Vec::new();
        for engine in &engines {
            figures.push(downloads::run(engine, &bin).await);
        }
        downloads::print(&figures);
    }
    if part("opinion_map") {
        opinion_map::run();
    }
    if part("votes") {
        let mut figures = Vec::new();
        for engine in &engines {
            figures.push(votes::run(engine, &bin).await);
        }
        votes::print(&figures);
    }
    if part("tlog") {
        let mut figures = Vec::new();
        for engine in &engines {
            figures.push(tlog::run(engine, &bin, secs).await);
        }
        tlog::print(&figures);
    }
}
