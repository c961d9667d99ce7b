//! Chaos (not a test; `make chaos`): on the release build, breaks things under load and
//! checks that nothing acknowledged is lost or doubled, on SQLite and PostgreSQL (with
//! PostgreSQL's durable settings):
//!   1. `kill -9` the app at random moments while 32 signers sign (20 cycles);
//!   2. `kill -9` the PostgreSQL postmaster while they sign (3 cycles);
//!   3. stop the SMTP listener for 2 minutes while an answer's notices go to 2,000 signers
//!      (two instances sharing the work on PostgreSQL);
//!   4. two instances on one PostgreSQL, one of them killed mid-load.
//!
//! Then: every acknowledged signature is a counted row; the stored counts (total, by
//! county, by hour) equal the rows; every email reached the listener exactly once (by
//! Message-ID); no state transition is recorded twice; and during an outage nobody was
//! told they are not signed in (401). Prints a table.
// A measuring program, not the server: a failed step may stop it.
#![allow(clippy::unwrap_used)]
#[path = "../bench/client.rs"]
#[allow(dead_code)]
mod client;
mod postgres;
mod smtp;

use client::{Conn, database, free_port, get, make_signers, now_ms, start_server, start_server_with};
use minyi::server::db::Db;
use rand::Rng;
use std::collections::{HashMap, HashSet};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SIGNERS: usize = 32;
const APP_KILLS: usize = 20;
const POSTMASTER_KILLS: usize = 3;
const EMAILS: usize = 2000;
const SMTP_DOWN: Duration = Duration::from_secs(120);

#[derive(Default)]
struct Outcome {
    engine: &'static str,
    scenario: &'static str,
    cycles: usize,
    acknowledged: usize,
    lost: usize,
    duplicates: usize,
    counts_exact: bool,
    /// Answers that said "not signed in" while the database was away (must be 0).
    unauthenticated: usize,
    /// Longest time from the fault's end (or the kill) to serving again.
    recovery_ms: u128,
}

/// What the signers saw.
#[derive(Default)]
struct Seen {
    acked: Mutex<Vec<usize>>,
    unauthenticated: AtomicUsize,
}

/// Signers `next..` sign `petition` from `SIGNERS` connections spread over `ports`
/// until `stop`; acknowledged ones ("Signed") are recorded.
fn sign_load(
    ports: Vec<u16>,
    petition: i64,
    sessions: Arc<Vec<String>>,
    next: Arc<AtomicUsize>,
    seen: Arc<Seen>,
    stop: Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..SIGNERS)
        .map(|t| {
            let (ports, sessions, next, seen, stop) = (ports.clone(), sessions.clone(), next.clone(), seen.clone(), stop.clone());
            tokio::spawn(async move {
                let mut which = t % ports.len();
                let mut conn = Conn::open(ports[which]).await.ok();
                while !stop.load(Ordering::Relaxed) {
                    let Some(c) = conn.as_mut() else {
                        // That instance is down: try the next one.
                        which = (which + 1) % ports.len();
                        conn = Conn::open(ports[which]).await.ok();
                        if conn.is_none() {
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                        continue;
                    };
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(session) = sessions.get(i) else { return };
                    match c.send(&client::sign(ports[which], petition, session, i)).await {
                        Ok((200, body)) if body == b"\"Signed\"" => seen.acked.lock().unwrap().push(i),
                        Ok((401, _)) => {
                            seen.unauthenticated.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok((503, _)) => tokio::time::sleep(Duration::from_millis(20)).await,
                        Ok(_) => {}
                        Err(_) => conn = None,
                    }
                }
            })
        })
        .collect()
}

async fn join(tasks: Vec<tokio::task::JoinHandle<()>>) {
    for t in tasks {
        let _ = t.await;
    }
}

fn kill9(child: &mut Child) {
    let _ = Command::new("kill").arg("-9").arg(child.id().to_string()).status();
    let _ = child.wait();
}

fn stop(mut child: Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let _ = child.wait();
}

/// Until `path` answers 200 (polled every 10 ms); how long that took.
async fn until_ok(port: u16, path: &str) -> Duration {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if let Ok(mut c) = Conn::open(port).await
            && let Ok((200, _)) = c.send(&get(path, port)).await
        {
            return start.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("port {port} did not answer {path} within 2 minutes");
}

async fn scalar(db: &Db, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(&db.pool).await.unwrap_or(-1)
}

/// Lost acknowledged signatures, duplicated ones and state transitions, and whether every
/// stored count equals the rows (after the roll-up has drained).
async fn verify(db: &Db, petition: i64, acked: &[usize]) -> (usize, usize, bool) {
    for _ in 0..100 {
        if scalar(db, "SELECT COUNT(*) FROM count_events WHERE petition_id = $1", petition).await == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    let rows: HashSet<String> = sqlx::query_scalar("SELECT email_norm FROM signatures WHERE petition_id = $1 AND confirmed_at IS NOT NULL AND flagged = 0")
        .bind(petition)
        .fetch_all(&db.pool)
        .await
        .unwrap_or_default()
        .into_iter()
        .collect();
    let lost = acked.iter().filter(|i| !rows.contains(&format!("signer{i}@bench.invalid"))).count();
    let doubled = scalar(db, "SELECT COUNT(user_id) - COUNT(DISTINCT user_id) FROM signatures WHERE petition_id = $1", petition).await.max(0) as usize;
    let transitions = scalar(
        db,
        "SELECT COUNT(*) FROM (SELECT kind FROM petition_events WHERE petition_id = $1 AND kind IN ('open', 'established', 'second_tier', 'closed', 'answered') GROUP BY kind HAVING COUNT(*) > 1) t",
        petition,
    )
    .await
    .max(0) as usize;
    let n = rows.len() as i64;
    let total = scalar(db, "SELECT signature_count FROM petitions WHERE id = $1", petition).await;
    let county = scalar(db, "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_county_counts WHERE petition_id = $1", petition).await;
    let hourly = scalar(db, "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_hourly_counts WHERE petition_id = $1", petition).await;
    let exact = total == n && county == n && hourly == n;
    if !exact {
        eprintln!("  counts: rows {n}, stored {total}, by county {county}, by hour {hourly}");
    }
    (lost, doubled + transitions, exact)
}

/// A database with the demo data, its busiest open petition, and `n` signers.
async fn prepared(engine: &'static str, name: &str, bin: &str, n: usize) -> (std::path::PathBuf, String, Db, i64, Arc<Vec<String>>) {
    let (dir, url) = database(if engine == "sqlite" { "sqlite" } else { "postgres-durable" }, name).await;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    // Let the server seed the demo data once.
    let port = free_port();
    let server = start_server(bin, &url, port, &dir);
    until_ok(port, "/readyz").await;
    stop(server);
    let petition: i64 = sqlx::query_scalar("SELECT id FROM petitions WHERE state = 'open' ORDER BY signature_count DESC, id LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .expect("an open demo petition");
    let sessions = Arc::new(make_signers(&db, n).await);
    (dir, url, db, petition, sessions)
}

/// Check what the signers saw against the rows, then stop the servers and clean up.
async fn finish(mut out: Outcome, seen: &Seen, db: &Db, petition: i64, servers: Vec<Child>, dir: &std::path::Path) -> Outcome {
    let acked = seen.acked.lock().unwrap().clone();
    (out.lost, out.duplicates, out.counts_exact) = verify(db, petition, &acked).await;
    out.acknowledged = acked.len();
    out.unauthenticated = seen.unauthenticated.load(Ordering::Relaxed);
    servers.into_iter().for_each(stop);
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(dir);
    out
}

async fn app_kills(engine: &'static str, bin: &str) -> Outcome {
    eprintln!("[{engine}] kill -9 the app {APP_KILLS} times under signing load…");
    let (dir, url, db, petition, sessions) = prepared(engine, "chaos_app", bin, 60_000).await;
    let port = free_port();
    let mut server = start_server(bin, &url, port, &dir);
    until_ok(port, "/readyz").await;
    let (seen, next) = (Arc::new(Seen::default()), Arc::new(AtomicUsize::new(0)));
    let mut out = Outcome { engine, scenario: "app killed -9", cycles: APP_KILLS, ..Default::default() };
    for _ in 0..APP_KILLS {
        let halt = Arc::new(AtomicBool::new(false));
        let tasks = sign_load(vec![port], petition, sessions.clone(), next.clone(), seen.clone(), halt.clone());
        let ms = rand::thread_rng().gen_range(300..1500);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        kill9(&mut server);
        halt.store(true, Ordering::Relaxed);
        join(tasks).await;
        let t = Instant::now();
        server = start_server(bin, &url, port, &dir);
        until_ok(port, "/healthz").await;
        out.recovery_ms = out.recovery_ms.max(t.elapsed().as_millis());
    }
    finish(out, &seen, &db, petition, vec![server], &dir).await
}

async fn postmaster_kills(bin: &str) -> Outcome {
    eprintln!("[postgres] kill -9 the postmaster {POSTMASTER_KILLS} times under signing load…");
    let (dir, url, db, petition, sessions) = prepared("postgres", "chaos_pg", bin, 60_000).await;
    let pg_port = postgres::port_of(url.rsplit_once('/').map(|(base, _)| base).unwrap_or(&url));
    let port = free_port();
    let server = start_server(bin, &url, port, &dir);
    until_ok(port, "/readyz").await;
    let (seen, next) = (Arc::new(Seen::default()), Arc::new(AtomicUsize::new(0)));
    let mut out = Outcome { engine: "postgres", scenario: "postmaster killed -9", cycles: POSTMASTER_KILLS, ..Default::default() };
    for _ in 0..POSTMASTER_KILLS {
        let halt = Arc::new(AtomicBool::new(false));
        let tasks = sign_load(vec![port], petition, sessions.clone(), next.clone(), seen.clone(), halt.clone());
        tokio::time::sleep(Duration::from_millis(rand::thread_rng().gen_range(500..1500))).await;
        let (pid, argv) = postgres::postmaster(pg_port).expect("the postmaster");
        postgres::kill9(pid);
        // The app answers 503 meanwhile (never 401); then PostgreSQL comes back.
        tokio::time::sleep(Duration::from_secs(2)).await;
        postgres::restart(&argv, pg_port).await;
        let t = Instant::now();
        until_ok(port, "/readyz").await;
        out.recovery_ms = out.recovery_ms.max(t.elapsed().as_millis());
        tokio::time::sleep(Duration::from_secs(1)).await;
        halt.store(true, Ordering::Relaxed);
        join(tasks).await;
    }
    // The pool reconnects by itself once PostgreSQL is back.
    finish(out, &seen, &db, petition, vec![server], &dir).await
}

async fn two_instances(bin: &str) -> Outcome {
    eprintln!("[postgres] two instances on one database, one killed -9 under signing load…");
    let (dir, url, db, petition, sessions) = prepared("postgres", "chaos_two", bin, 40_000).await;
    let (pa, pb) = (free_port(), free_port());
    let mut a = start_server(bin, &url, pa, &dir);
    let b = start_server(bin, &url, pb, &dir);
    until_ok(pa, "/readyz").await;
    until_ok(pb, "/readyz").await;
    let (seen, next, halt) = (Arc::new(Seen::default()), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
    let tasks = sign_load(vec![pa, pb], petition, sessions, next, seen.clone(), halt.clone());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let before = seen.acked.lock().unwrap().len();
    kill9(&mut a);
    let t = Instant::now();
    // Serving again: the survivor acknowledges a signature.
    while seen.acked.lock().unwrap().len() == before && t.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let recovery = t.elapsed().as_millis();
    tokio::time::sleep(Duration::from_secs(2)).await;
    halt.store(true, Ordering::Relaxed);
    join(tasks).await;
    let out = Outcome { engine: "postgres", scenario: "1 of 2 instances killed", cycles: 1, recovery_ms: recovery, ..Default::default() };
    finish(out, &seen, &db, petition, vec![b], &dir).await
}

/// The SMTP listener goes away for 2 minutes while an answer's notices go out to
/// `EMAILS` signers who asked to hear back. The notice is queued as publishing an answer
/// queues it; the servers' own jobs fan it out and deliver. On PostgreSQL two instances
/// share that work. Every signer must get exactly one email, delivered exactly once.
async fn smtp_outage(engine: &'static str, bin: &str) -> Outcome {
    eprintln!("[{engine}] SMTP listener away for {} s while an answer's notices go to {EMAILS} signers…", SMTP_DOWN.as_secs());
    let (dir, url, db, petition, sessions) = prepared(engine, &format!("chaos_mail_{}", engine.len()), bin, EMAILS).await;
    // The demo's own mail (already written to files) is not part of the count.
    let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM outbox").fetch_one(&db.pool).await.unwrap_or(0);
    let smtp_port = free_port();
    let mut sink = smtp::Sink::start(smtp_port).await;
    let smtp_env = [("MINYI_SMTP_HOST", "127.0.0.1".to_string()), ("MINYI_SMTP_PORT", smtp_port.to_string()), ("MINYI_SMTP_SECURITY", "none".to_string())];
    let instances = if engine == "sqlite" { 1 } else { 2 };
    let ports: Vec<u16> = (0..instances).map(|_| free_port()).collect();
    let servers: Vec<Child> = ports.iter().map(|&p| start_server_with(bin, &url, p, &dir, &smtp_env)).collect();
    for &p in &ports {
        until_ok(p, "/readyz").await;
    }
    // Every signer signs and asks to be told about the answer.
    let signed = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let (sessions, signed, port) = (sessions.clone(), signed.clone(), ports[t % ports.len()]);
            tokio::spawn(async move {
                let mut c = Conn::open(port).await.expect("connect");
                for i in (t..sessions.len()).step_by(8) {
                    if let Ok((200, body)) = c.send(&client::sign_with(port, petition, &sessions[i], i, "&notify=on")).await
                        && body == b"\"Signed\""
                    {
                        signed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    join(tasks).await;
    let signed = signed.load(Ordering::Relaxed);
    let now = minyi::domain::time::Timestamp(now_ms());
    minyi::server::db::response_notices::add_notice(&db.pool, petition, "answered", None, now).await.expect("queue the notice");
    tokio::time::sleep(Duration::from_millis(500)).await;
    sink.pause();
    tokio::time::sleep(SMTP_DOWN).await;
    sink.resume().await;
    let t = Instant::now();
    loop {
        let waiting = scalar(&db, "SELECT COUNT(*) FROM signer_notices WHERE petition_id = $1 AND done_at IS NULL", petition).await
            + scalar(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1 AND sent_at IS NULL AND failed_at IS NULL", before).await;
        if waiting == 0 || t.elapsed() > Duration::from_secs(600) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let recovery = t.elapsed().as_millis();
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, to_addr, subject FROM outbox WHERE id > $1").bind(before).fetch_all(&db.pool).await.unwrap_or_default();
    let mut delivered: HashMap<String, usize> = HashMap::new();
    for m in sink.received.lock().unwrap().iter() {
        *delivered.entry(m.trim_matches(['<', '>']).split('@').next().unwrap_or("").to_string()).or_default() += 1;
    }
    // Lost: one of our signers with no email, or an email the listener never got. (The
    // demo's own signers are told too; the signatures may also carry the petition over its
    // threshold, and that notice is owed to them as well.)
    let recipients: HashSet<&str> = rows.iter().map(|(_, to, _)| to.as_str()).filter(|to| to.ends_with("@bench.invalid")).collect();
    let unmailed = signed.saturating_sub(recipients.len());
    let undelivered = rows.iter().filter(|(id, _, _)| !delivered.contains_key(&format!("outbox-{id}"))).count();
    // Duplicates: the same notice twice to one signer, or one email delivered twice.
    let notices: HashSet<(&str, &str)> = rows.iter().map(|(_, to, subject)| (to.as_str(), subject.as_str())).collect();
    let doubled = rows.len() - notices.len() + delivered.values().map(|n| n.saturating_sub(1)).sum::<usize>();
    eprintln!("[{engine}] mail: {} emails to {} signers ({} kinds of notice)", rows.len(), recipients.len(), notices.len() / recipients.len().max(1));
    servers.into_iter().for_each(stop);
    sink.pause();
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    let scenario = if instances == 1 { "SMTP away 2 min" } else { "SMTP away 2 min, 2 instances" };
    Outcome {
        engine,
        scenario,
        cycles: 1,
        acknowledged: signed,
        lost: unmailed + undelivered,
        duplicates: doubled,
        counts_exact: true,
        unauthenticated: 0,
        recovery_ms: recovery,
    }
}

fn row(o: &Outcome) -> String {
    let exact = if o.counts_exact { "yes" } else { "NO" };
    format!(
        "| {} | {} | {} | {} | {} | {} | {exact} | {} | {} |",
        o.engine, o.scenario, o.cycles, o.acknowledged, o.lost, o.duplicates, o.unauthenticated, o.recovery_ms
    )
}

fn print(all: &[Outcome]) {
    println!("\n| engine | fault | cycles | acknowledged | lost | duplicates | counts = rows | 401 during outage | recovery ms (max) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for o in all {
        println!("{}", row(o));
    }
    println!(
        "\n*acknowledged*: signatures answered \"Signed\" (mail rows: signers who asked to hear back, each owed one notice). *recovery*: from the restart (app), the postmaster's return, the kill (survivor's next acknowledgement) or the listener's return (all mail delivered) until serving again."
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let bin = std::env::args().nth(1).unwrap_or_else(|| format!("{target}/release/minyi"));
    let mut all = Vec::new();
    // The two mail outages wait minutes each: run them beside the rest.
    let (bin_a, bin_b) = (bin.clone(), bin.clone());
    let mail = tokio::spawn(async move { tokio::join!(smtp_outage("sqlite", &bin_a), smtp_outage("postgres", &bin_b)) });
    // MINYI_CHAOS_ONLY=mail: the two mail outages alone.
    let mail_only = std::env::var("MINYI_CHAOS_ONLY").is_ok_and(|v| v == "mail");
    for engine in ["sqlite", "postgres"].into_iter().filter(|_| !mail_only) {
        all.push(app_kills(engine, &bin).await);
        eprintln!("{}", row(&all[all.len() - 1]));
    }
    if !mail_only {
        all.push(postmaster_kills(&bin).await);
        eprintln!("{}", row(&all[all.len() - 1]));
        all.push(two_instances(&bin).await);
        eprintln!("{}", row(&all[all.len() - 1]));
    }
    let (a, b) = mail.await.expect("mail scenarios");
    all.push(a);
    all.push(b);
    print(&all);
    let bad = all.iter().any(|o| o.lost > 0 || o.duplicates > 0 || !o.counts_exact || o.unauthenticated > 0);
    std::process::exit(i32::from(bad));
}
