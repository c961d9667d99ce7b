//! Votes on statements through HTTP: many people voting at once on the demo petition's
//! opinion map (its 40 statements), each vote a real form post to `/api/vote_statement`
//! with its own session and address, at a steady offered rate. Target: 1,000 votes/s on
//! SQLite with p99 under 100 ms.
use crate::client::{Conn, database, free_port, make_signers, percentile, post_form, start_server, wait_ready};
use minyi::server::db::Db;
use sqlx::Row;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CONNS: usize = 64;
const SECS: u64 = 6;
/// The rate offered: a little over the target, so meeting it is measured, not assumed.
const OFFERED_PER_S: usize = 1_100;

pub struct Figures {
    engine: &'static str,
    votes_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: usize,
}

fn vote(port: u16, session: &str, person: usize, statement: i64, choice: &str) -> Vec<u8> {
    post_form(port, "/api/vote_statement", session, person, &format!("statement_id={statement}&choice={choice}"))
}

pub async fn run(engine: &'static str, bin: &str) -> Figures {
    let (dir, url) = database(engine, "bench_votes").await;
    let port = free_port();
    let mut server = start_server(bin, &url, port, &dir);
    wait_ready(port).await;
    let db = Db::connect(&url).await.expect("connect");
    let statements: Vec<i64> = sqlx::query(
        "SELECT s.id FROM statements s JOIN conversations c ON c.id = s.conversation_id JOIN petitions p ON p.id = c.subject
         WHERE c.kind = 'petition' AND p.title = '在捷運與火車站出口增設公共自行車站點' AND s.status = 'shown' ORDER BY s.id",
    )
    .fetch_all(&db.pool)
    .await
    .expect("statements")
    .iter()
    .map(|r| r.get("id"))
    .collect();
    // Each person votes on every statement once (well under the per-account limit).
    let people = (OFFERED_PER_S * SECS as usize) / statements.len() + 1;
    eprintln!("[{engine}] {people} voters × {} statements, {OFFERED_PER_S}/s offered for {SECS} s…", statements.len());
    let sessions = Arc::new(make_signers(&db, people).await);
    let statements = Arc::new(statements);
    let next = Arc::new(AtomicUsize::new(0));
    let total = people * statements.len();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONNS {
        let (sessions, statements, next) = (sessions.clone(), statements.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut errors) = (Vec::new(), 0usize);
            let Ok(mut c) = Conn::open(port).await else { return (lat, 1) };
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || start.elapsed() >= Duration::from_secs(SECS) {
                    break;
                }
                // Paced: vote i is due at i / rate seconds (latency counts from then).
                let due = start + Duration::from_secs_f64(i as f64 / OFFERED_PER_S as f64);
                if let Some(wait) = due.checked_duration_since(Instant::now()) {
                    tokio::time::sleep(wait).await;
                }
                let (person, s) = (i / statements.len(), statements[i % statements.len()]);
                let choice = ["agree", "disagree", "pass"][(person + s as usize) % 3];
                let req = vote(port, &sessions[person], person, s, choice);
                match c.send(&req).await {
                    Ok((status, _)) if status < 400 => lat.push(due.elapsed().as_micros() as u64),
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
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (l, e) = t.await.unwrap_or_default();
        all.extend(l);
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    all.sort_unstable();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM statement_votes").fetch_one(&db.pool).await.expect("count");
    eprintln!("[{engine}] {} votes answered, {stored} vote rows stored", all.len());
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    Figures { engine, votes_per_s: all.len() as f64 / secs, p50_ms: percentile(&all, 0.50), p99_ms: percentile(&all, 0.99), errors }
}

pub fn print(figures: &[Figures]) {
    println!();
    println!("| engine | votes/s (offered {OFFERED_PER_S}/s, {CONNS} conns) | p50 ms | p99 ms | errors | rate ÷ 1,000 |");
    println!("|---|---|---|---|---|---|");
    for f in figures {
        println!("| {} | {:.0} | {:.1} | {:.1} | {} | {:.2} |", f.engine, f.votes_per_s, f.p50_ms, f.p99_ms, f.errors, f.votes_per_s / 1000.0);
    }
    println!();
    println!("Target: votes on statements through HTTP at 1,000/s on SQLite with p99 < 100 ms (latency counted from when each vote was due).");
}
