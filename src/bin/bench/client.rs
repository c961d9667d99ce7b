//! The benchmark's side of HTTP: keep-alive connections, load loops, the server process.
use minyi::server::auth::tokens;
use minyi::server::db::Db;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// One keep-alive HTTP/1.1 connection: enough of the protocol for this benchmark.
pub struct Conn {
    io: BufReader<TcpStream>,
}

impl Conn {
    pub async fn open(port: u16) -> std::io::Result<Self> {
        let s = TcpStream::connect(("127.0.0.1", port)).await?;
        s.set_nodelay(true)?;
        Ok(Self { io: BufReader::new(s) })
    }

    /// Send `req` and read the whole response; returns (status, body).
    pub async fn send(&mut self, req: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        self.io.get_mut().write_all(req).await?;
        let mut line = String::new();
        self.io.read_line(&mut line).await?;
        let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (mut length, mut chunked) = (None, false);
        loop {
            line.clear();
            if self.io.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse::<usize>().ok();
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.io.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.io.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            self.io.read_exact(&mut body).await?;
        }
        Ok((status, body))
    }
}

pub fn get(path: &str, port: u16) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\nAccept-Language: zh-TW\r\n\r\n").into_bytes()
}

/// A one-click signature by signer `i` (its own session and client address).
pub fn sign(port: u16, petition: i64, session: &str, i: usize) -> Vec<u8> {
    sign_with(port, petition, session, i, "")
}

/// `sign` with more form fields (`&notify=on`: the signer asks to hear back).
pub fn sign_with(port: u16, petition: i64, session: &str, i: usize, more: &str) -> Vec<u8> {
    post_form(port, "/api/sign", session, i, &format!("id={petition}&county=63000{more}"))
}

/// A plain form post by person `i` (their own session and client address).
pub fn post_form(port: u16, path: &str, session: &str, i: usize, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nCookie: minyi_session={session}\r\n\
         X-Forwarded-For: 10.{}.{}.{}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        (i >> 16) & 255,
        (i >> 8) & 255,
        i & 255,
        body.len()
    )
    .into_bytes()
}

pub fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

/// A scratch directory and an empty database named `name` on `engine` (SQLite in the
/// directory, or a database on the throw-away PostgreSQL).
pub async fn database(engine: &str, name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("minyi-{name}-{}-{engine}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench dir");
    let url = match engine {
        "sqlite" => format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
        // A separate server with PostgreSQL's durable defaults (the tests' one has them off).
        _ => {
            let base = if engine == "postgres-durable" { minyi::server::pg_throwaway::durable_server_url() } else { minyi::server::pg_throwaway::server_url() };
            let admin = minyi::server::db::Db::connect(&format!("{base}/postgres")).await.expect("connect PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin.pool).await.expect("create database");
            format!("{base}/{name}")
        }
    };
    (dir, url)
}

pub fn start_server(bin: &str, url: &str, port: u16, dir: &std::path::Path) -> Child {
    start_server_with(bin, url, port, dir, &[])
}

/// `start_server` with more environment settings (e.g. an SMTP server).
pub fn start_server_with(bin: &str, url: &str, port: u16, dir: &std::path::Path, extra: &[(&str, String)]) -> Child {
    Command::new(bin)
        .envs(extra.iter().map(|(k, v)| (*k, v.as_str())))
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_OUTPUT_NAME", "minyi")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("MINYI_BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("MINYI_MAIL_DIR", dir.join("mail"))
        .env("MINYI_LOG_KEY_FILE", dir.join("log-signing.key"))
        .env("MINYI_DEMO", "1")
        // Each simulated signer has its own address, as real ones do.
        .env("MINYI_TRUST_PROXY", "1")
        // MINYI_BENCH_SERVER_LOG shows more of the server, e.g. "warn,minyi::server::tlog=debug".
        .env("RUST_LOG", std::env::var("MINYI_BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()))
        .stdout(if std::env::var_os("MINYI_BENCH_SERVER_LOG").is_some() { Stdio::inherit() } else { Stdio::null() })
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("start {bin}: {e}"))
}

pub async fn wait_ready(port: u16) {
    for _ in 0..600 {
        if let Ok(mut c) = Conn::open(port).await
            && let Ok((200, _)) = c.send(&get("/healthz", port)).await
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server on port {port} did not start");
}

/// Hammer `req` from `conns` connections until `stop`; returns (requests/s, sorted latencies in µs).
pub async fn load(port: u16, conns: usize, req: Vec<u8>, stop: Arc<AtomicBool>) -> (f64, Vec<u64>) {
    let start = Instant::now();
    let req = Arc::new(req);
    let mut tasks = Vec::new();
    for _ in 0..conns {
        let (req, stop) = (req.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let Ok(mut c) = Conn::open(port).await else { return lat };
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                match c.send(&req).await {
                    Ok((200, _)) => lat.push(t.elapsed().as_micros() as u64),
                    _ => match Conn::open(port).await {
                        Ok(fresh) => c = fresh,
                        Err(_) => break,
                    },
                }
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    let rate = all.len() as f64 / start.elapsed().as_secs_f64();
    all.sort_unstable();
    (rate, all)
}

/// Verified users with live sessions, written straight to the database; returns the raw session ids.
pub async fn make_signers(db: &Db, n: usize) -> Vec<String> {
    let now = now_ms();
    let mut sessions = Vec::with_capacity(n);
    for batch in (0..n).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin().await.expect("begin");
        let values: Vec<String> = batch.iter().map(|i| format!("('signer{i}@bench.invalid', 'signer{i}@bench.invalid', 'bench', '!', {now}, {now})")).collect();
        sqlx::query(&format!("INSERT INTO users (email, email_norm, display_name, password_hash, email_verified_at, created_at) VALUES {}", values.join(", ")))
            .execute(&mut **tx)
            .await
            .expect("users");
        let mut rows = Vec::new();
        for i in batch {
            let (raw, hash) = tokens::generate(tokens::SESSION_BYTES);
            rows.push(format!("('{hash}', (SELECT id FROM users WHERE email_norm = 'signer{i}@bench.invalid'), {now}, {now}, {})", now + 3_600_000));
            sessions.push(raw);
        }
        sqlx::query(&format!("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES {}", rows.join(", ")))
            .execute(&mut **tx)
            .await
            .expect("sessions");
        tx.commit().await.expect("commit");
    }
    sessions
}

/// Confirmed, unflagged signature rows of a petition: what its count must equal.
pub async fn counted_rows(db: &Db, petition: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM signatures WHERE petition_id = $1 AND confirmed_at IS NOT NULL AND flagged = 0")
        .bind(petition)
        .fetch_one(&db.pool)
        .await
        .unwrap_or(-2)
}
