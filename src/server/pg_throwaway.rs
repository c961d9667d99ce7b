//! A throw-away PostgreSQL 15 server for tests and the benchmark.
//!
//! The first call to [`server_url`] in a test process runs `initdb` into a fresh
//! temporary directory and starts a private `postgres` on a free TCP port of
//! 127.0.0.1 (trust authentication, superuser `minyi`, durability switched off
//! for speed). A detached watchdog shell stops the server and deletes the
//! directory once the test process has exited, however it exits.
//!
//! Set `MINYI_TEST_PG_URL` (e.g. `postgres://user:pass@host:5432`) to use an
//! existing server instead, and `MINYI_TEST_PG_BIN` to use PostgreSQL binaries
//! from somewhere other than `/usr/lib/postgresql/15/bin`.
//!
//! Only the standard library is used, so this module adds no dependencies.

use std::fs;
use std::io;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// Where Debian's `postgresql-15` package installs the server binaries.
const DEFAULT_PG_BIN: &str = "/usr/lib/postgresql/15/bin";
/// Name of the superuser created by `initdb`.
const PG_SUPERUSER: &str = "minyi";
/// The OS account used to run `initdb`/`pg_ctl` when the tests run as root
/// (PostgreSQL refuses to run as root).
const PG_OS_USER: &str = "postgres";
/// How many times a start is attempted when the chosen port was taken meanwhile.
const START_ATTEMPTS: u32 = 3;

/// The started server's URL, or the reason it could not be started (kept so
/// that every test fails fast with the same message instead of retrying).
static SERVER: OnceLock<Result<String, String>> = OnceLock::new();
/// A second server with PostgreSQL's durable defaults, for the benchmark's durable figures.
static DURABLE: OnceLock<Result<String, String>> = OnceLock::new();

/// Base URL (without database name, e.g. "postgres://minyi@127.0.0.1:54321") of a throw-away
/// PostgreSQL 15 server started once per test process; `MINYI_TEST_PG_URL` overrides it.
pub fn server_url() -> String {
    if let Ok(url) = std::env::var("MINYI_TEST_PG_URL") {
        let url = url.trim().trim_end_matches('/');
        if !url.is_empty() {
            return url.to_string();
        }
    }
    match SERVER.get_or_init(|| start_server(false)) {
        Ok(url) => url.clone(),
        Err(msg) => panic!("{msg}"),
    }
}

/// Like [`server_url`], but a separate server that keeps PostgreSQL's durability
/// defaults (fsync, synchronous commit, full page writes), as production runs.
pub fn durable_server_url() -> String {
    match DURABLE.get_or_init(|| start_server(true)) {
        Ok(url) => url.clone(),
        Err(msg) => panic!("{msg}"),
    }
}

/// How `initdb` and `pg_ctl` are invoked: directly, or through `runuser` when
/// the test process runs as root.
struct Runner {
    /// `Some(path to runuser)` when running as root.
    runuser: Option<PathBuf>,
}

impl Runner {
    fn detect() -> Result<Self, String> {
        if !is_root() {
            return Ok(Self { runuser: None });
        }
        let account_exists = Command::new("id")
            .arg("-u")
            .arg(PG_OS_USER)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !account_exists {
            return Err(format!(
                "tests run as root and PostgreSQL refuses to run as root, but there is no \
                 `{PG_OS_USER}` account to run it as (install postgresql-15 with \
                 `bash .ci/install-deps.sh test`, or set MINYI_TEST_PG_URL)"
            ));
        }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from("runuser"));
        Ok(Self { runuser: Some(runuser) })
    }

    /// A command running `program` as the PostgreSQL OS user.
    fn command(&self, program: &Path) -> Command {
        match &self.runuser {
            Some(runuser) => {
                let mut cmd = Command::new(runuser);
                cmd.arg("-u").arg(PG_OS_USER).arg("--").arg(program);
                cmd
            }
            None => Command::new(program),
        }
    }

    /// The same as [`Runner::command`], as a shell-quoted prefix.
    fn shell_prefix(&self, program: &Path) -> String {
        match &self.runuser {
            Some(runuser) => format!("{} -u {PG_OS_USER} -- {}", sh_quote(&runuser.to_string_lossy()), sh_quote(&program.to_string_lossy())),
            None => sh_quote(&program.to_string_lossy()),
        }
    }

    /// Makes `path` (a directory this process created) owned by the PostgreSQL OS user.
    fn hand_over(&self, path: &Path) -> Result<(), String> {
        if self.runuser.is_none() {
            return Ok(());
        }
        let out =
            Command::new("chown").arg(format!("{PG_OS_USER}:")).arg(path).stdin(Stdio::null()).output().map_err(|e| format!("could not run chown: {e}"))?;
        if out.status.success() { Ok(()) } else { Err(format!("chown {PG_OS_USER} {} failed: {}", path.display(), describe(&out))) }
    }

    /// Whether the PostgreSQL OS user can create files in `dir`.
    fn can_write(&self, dir: &Path) -> bool {
        match &self.runuser {
            None => true,
            Some(runuser) => Command::new(runuser)
                .arg("-u")
                .arg(PG_OS_USER)
                .arg("--")
                .arg("test")
                .arg("-w")
                .arg(dir)
                .arg("-a")
                .arg("-x")
                .arg(dir)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false),
        }
    }
}

/// Whether the effective user is root (asks `id -u`, so no libc crate is needed).
fn is_root() -> bool {
    Command::new("id").arg("-u").stdin(Stdio::null()).stderr(Stdio::null()).output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// Quotes `s` for a POSIX shell.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Exit status plus captured output of a finished command, for error messages.
fn describe(out: &Output) -> String {
    format!(
        "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout).trim_end(),
        String::from_utf8_lossy(&out.stderr).trim_end()
    )
}

/// Asks the OS for a currently free TCP port on 127.0.0.1.
fn free_port() -> io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn pg_bin() -> PathBuf {
    std::env::var_os("MINYI_TEST_PG_BIN").filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_PG_BIN))
}

/// The `-o` options handed by `pg_ctl` to `postgres` (through a shell, hence the quoting).
fn postgres_options(port: u16, dir: &Path, durable: bool) -> String {
    let fast = if durable { "" } else { " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" };
    format!("-p {port} -k {} -c listen_addresses=127.0.0.1{fast} -c max_connections=200", sh_quote(&dir.to_string_lossy()))
}

/// Why one start attempt failed.
enum Failure {
    /// The port was taken between choosing and binding it; worth another try.
    PortTaken(String),
    /// Anything else.
    Fatal(String),
}

fn start_server(durable: bool) -> Result<String, String> {
    let bin = pg_bin();
    let initdb = bin.join("initdb");
    let pg_ctl = bin.join("pg_ctl");
    for program in [&initdb, &pg_ctl] {
        if !program.exists() {
            return Err(format!(
                "PostgreSQL test server: {} not found; install postgresql-15 \
                 (`bash .ci/install-deps.sh test`) or set MINYI_TEST_PG_URL to an existing server",
                program.display()
            ));
        }
    }
    let runner = Runner::detect().map_err(|e| format!("PostgreSQL test server: {e}"))?;

    let mut base = std::env::temp_dir();
    if !runner.can_write(&base) {
        // e.g. TMPDIR under /root, which the postgres account cannot enter.
        base = PathBuf::from("/tmp");
    }

    let mut last = String::new();
    for _ in 0..START_ATTEMPTS {
        match start_once(&runner, &initdb, &pg_ctl, &base, durable) {
            Ok(url) => return Ok(url),
            Err(Failure::PortTaken(msg)) => last = msg,
            Err(Failure::Fatal(msg)) => return Err(format!("PostgreSQL test server: {msg}")),
        }
    }
    Err(format!("PostgreSQL test server: gave up after {START_ATTEMPTS} attempts: {last}"))
}

fn start_once(runner: &Runner, initdb: &Path, pg_ctl: &Path, base: &Path, durable: bool) -> Result<String, Failure> {
    let fatal = Failure::Fatal;
    let port = free_port().map_err(|e| fatal(format!("could not find a free port: {e}")))?;
    let dir = base.join(format!("minyi-pg-{}-{port}", std::process::id()));
    if dir.exists() {
        let _ = fs::remove_dir_all(&dir);
    }
    fs::create_dir_all(&dir).map_err(|e| fatal(format!("could not create {}: {e}", dir.display())))?;
    let cleanup = |msg: String| {
        let _ = fs::remove_dir_all(&dir);
        msg
    };
    runner.hand_over(&dir).map_err(|e| fatal(cleanup(e)))?;
    let data = dir.join("data");
    let log = dir.join("log");

    // initdb, preferring a UTF-8 C locale and falling back to no locale at all.
    let mut init_errors = Vec::new();
    let mut initialised = false;
    for locale_arg in ["--locale=C.UTF-8", "--no-locale"] {
        let out = runner
            .command(initdb)
            .arg("-D")
            .arg(&data)
            .arg("-U")
            .arg(PG_SUPERUSER)
            .arg("--auth=trust")
            .arg("-E")
            .arg("UTF8")
            .arg(locale_arg)
            .arg("--no-sync")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| fatal(cleanup(format!("could not run {}: {e}", initdb.display()))))?;
        if out.status.success() {
            initialised = true;
            break;
        }
        init_errors.push(format!("initdb {locale_arg}: {}", describe(&out)));
        let _ = fs::remove_dir_all(&data);
    }
    if !initialised {
        return Err(fatal(cleanup(format!("initdb failed:\n{}", init_errors.join("\n")))));
    }

    // The watchdog goes first, so the directory is removed even if start fails half-way
    // or the test process dies while PostgreSQL is starting.
    spawn_watchdog(runner, pg_ctl, &dir, &data);

    let options = postgres_options(port, &dir, durable);
    let out = runner
        .command(pg_ctl)
        .arg("-D")
        .arg(&data)
        .arg("-o")
        .arg(&options)
        .arg("-l")
        .arg(&log)
        .arg("-t")
        .arg("60")
        .arg("-w")
        .arg("start")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| fatal(format!("could not run {}: {e}", pg_ctl.display())))?;
    if out.status.success() {
        return Ok(format!("postgres://{PG_SUPERUSER}@127.0.0.1:{port}"));
    }

    let log_text = fs::read_to_string(&log).unwrap_or_else(|e| format!("(no log: {e})"));
    // Stop whatever may have come up, and tidy up now rather than at exit.
    let _ = runner.command(pg_ctl).arg("-D").arg(&data).arg("-m").arg("immediate").arg("stop").stdin(Stdio::null()).output();
    let _ = fs::remove_dir_all(&dir);
    let msg = format!("pg_ctl start on port {port} failed: {}\n--- server log {} ---\n{}", describe(&out), log.display(), log_text.trim_end());
    if log_text.contains("could not bind") || log_text.contains("already in use") { Err(Failure::PortTaken(msg)) } else { Err(Failure::Fatal(msg)) }
}

/// Starts a detached shell that waits for this process to exit, then stops the
/// server and removes `dir`. It runs as the current user (so `kill -0` works on
/// this process) and calls `pg_ctl` through the runner.
fn spawn_watchdog(runner: &Runner, pg_ctl: &Path, dir: &Path, data: &Path) {
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         {stop} -D {data} -m immediate -w stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        stop = runner.shell_prefix(pg_ctl),
        data = sh_quote(&data.to_string_lossy()),
        dir = sh_quote(&dir.to_string_lossy()),
    );
    let spawn = |program: &str, args: &[&str]| Command::new(program).args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    // `setsid` puts the watchdog in its own session, out of reach of a Ctrl-C
    // aimed at the test run; plain `sh` is the fallback when it is missing.
    let spawned = spawn("setsid", &["sh", "-c", &script]).or_else(|_| spawn("sh", &["-c", &script]));
    if let Err(e) = spawned {
        eprintln!(
            "warning: could not start the PostgreSQL watchdog ({e}); stop it yourself with: \
             {} -D {} -m immediate stop",
            pg_ctl.display(),
            data.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::server_url;
    use std::net::TcpStream;

    #[test]
    fn starts_and_accepts_tcp() {
        let url = server_url();
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split(['/', '?']).next().unwrap_or_default();
        let host_port = authority.rsplit('@').next().unwrap_or_default();
        let stream = TcpStream::connect(host_port);
        assert!(stream.is_ok(), "cannot connect to {host_port} ({url}): {stream:?}");
        // A second call returns the same server.
        assert_eq!(server_url(), url);
    }
}
