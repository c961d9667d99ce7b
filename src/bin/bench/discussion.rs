//! A petition with 5,000 comments (and 5,000 replies) must render its first page about
//! as fast as one without: the page reads 20 top-level comments by index and their
//! replies by root, never the whole thread. Measured through HTTP on the release server;
//! a query string keeps the page cache out of the way, so every request renders.
use crate::client::{database, free_port, get, load, percentile, start_server, wait_ready};
use minyi::server::db::Db;
use sqlx::Row;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const TOP: i64 = 5_000;
const SECS: u64 = 4;

pub struct Figures {
    engine: &'static str,
    one_conn_p50_ms: f64,
    one_conn_p99_ms: f64,
    first_page_per_s: f64,
    last_page_p99_ms: f64,
    empty_per_s: f64,
}

async fn petition(db: &Db, title: &str) -> i64 {
    sqlx::query("SELECT id FROM petitions WHERE title = $1").bind(title).fetch_one(&db.pool).await.expect("demo petition").get("id")
}

/// 5,000 top-level comments with votes, each with one reply, in a few multi-row inserts.
async fn fill(db: &Db, id: i64) {
    let author: i64 = sqlx::query("SELECT id FROM users WHERE email = 'citizen2@demo.minyi.tw'").fetch_one(&db.pool).await.expect("author").get("id");
    let mut tx = db.begin().await.expect("begin");
    for chunk in (0..TOP).collect::<Vec<_>>().chunks(500) {
        let rows: Vec<String> = chunk
            .iter()
            .map(|n| {
                format!(
                    "({id}, NULL, 0, 0, {author}, '第 {n} 則意見：**支持**這份提議，並建議[參考資料](https://data.gov.tw)。', {}, {})",
                    1_700_000_000_000 + n * 1000,
                    n % 37
                )
            })
            .collect();
        let sql = format!("INSERT INTO comments (petition_id, parent_id, root_id, depth, author_id, body, created_at, up_votes) VALUES {}", rows.join(", "));
        sqlx::query(&sql).execute(&mut **tx).await.expect("insert comments");
    }
    sqlx::query("UPDATE comments SET root_id = id WHERE root_id = 0").execute(&mut **tx).await.expect("roots");
    let tops: Vec<i64> = sqlx::query("SELECT id FROM comments WHERE petition_id = $1 AND depth = 0")
        .bind(id)
        .fetch_all(&mut **tx)
        .await
        .expect("tops")
        .iter()
        .map(|r| r.get("id"))
        .collect();
    for chunk in tops.chunks(500) {
        let rows: Vec<String> = chunk.iter().map(|t| format!("({id}, {t}, {t}, 1, {author}, '同意，謝謝分享。', 1800000000000)")).collect();
        let sql = format!("INSERT INTO comments (petition_id, parent_id, root_id, depth, author_id, body, created_at) VALUES {}", rows.join(", "));
        sqlx::query(&sql).execute(&mut **tx).await.expect("insert replies");
    }
    // The counts the app keeps on every insert.
    sqlx::query("UPDATE petitions SET comment_count = (SELECT COUNT(*) FROM comments WHERE petition_id = $1), top_comment_count = $2 WHERE id = $1")
        .bind(id)
        .bind(TOP)
        .execute(&mut **tx)
        .await
        .expect("counts");
    tx.commit().await.expect("commit");
}

async fn measure(port: u16, path: &str, conns: usize) -> (f64, Vec<u64>) {
    let stop = Arc::new(AtomicBool::new(false));
    let run = tokio::spawn(load(port, conns, get(path, port), stop.clone()));
    tokio::time::sleep(Duration::from_secs(SECS)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    run.await.expect("load")
}

pub async fn run(engine: &'static str, bin: &str) -> Figures {
    let (dir, url) = database(engine, "bench_discussion").await;
    let port = free_port();
    let mut server = start_server(bin, &url, port, &dir);
    wait_ready(port).await;
    let db = Db::connect(&url).await.expect("connect");
    let hot = petition(&db, "在捷運與火車站出口增設公共自行車站點").await;
    let quiet = petition(&db, "延長臺北市立圖書館分館夜間開放時間").await;
    eprintln!("[{engine}] adding {TOP} comments and {TOP} replies…");
    fill(&db, hot).await;
    eprintln!("[{engine}] first page, last page and a petition without comments, {SECS} s each…");
    let (_, one) = measure(port, &format!("/petitions/{hot}?cpage=1"), 1).await;
    let (first_rate, _) = measure(port, &format!("/petitions/{hot}?cpage=1"), 32).await;
    let (_, last) = measure(port, &format!("/petitions/{hot}?cpage={}", TOP / 20), 1).await;
    let (empty_rate, _) = measure(port, &format!("/petitions/{quiet}?cpage=1"), 32).await;
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    Figures {
        engine,
        one_conn_p50_ms: percentile(&one, 0.50),
        one_conn_p99_ms: percentile(&one, 0.99),
        first_page_per_s: first_rate,
        last_page_p99_ms: percentile(&last, 0.99),
        empty_per_s: empty_rate,
    }
}

pub fn print(figures: &[Figures]) {
    println!();
    println!(
        "| engine | comments + replies | first page p50 / p99 ms (1 conn) | first page req/s (32 conns) | last page p99 ms | no-comment page req/s | ratio |"
    );
    println!("|---|---|---|---|---|---|---|");
    for f in figures {
        println!(
            "| {} | {TOP} + {TOP} | {:.1} / {:.1} | {:.0} | {:.1} | {:.0} | {:.0}% |",
            f.engine,
            f.one_conn_p50_ms,
            f.one_conn_p99_ms,
            f.first_page_per_s,
            f.last_page_p99_ms,
            f.empty_per_s,
            100.0 * f.first_page_per_s / f.empty_per_s.max(1.0)
        );
    }
    println!();
    println!("Targets: a petition with 5,000 comments renders its first page with p99 < 100 ms and at ≥ 50% of the rate of one without comments.");
}
