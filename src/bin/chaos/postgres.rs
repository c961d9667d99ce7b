//! Killing and restarting the throw-away PostgreSQL's postmaster (found by its port).
use std::process::{Command, Stdio};
use std::time::Duration;

pub fn port_of(url: &str) -> u16 {
    url.rsplit(':').next().and_then(|p| p.split('/').next()).and_then(|p| p.parse().ok()).expect("a port in the URL")
}

/// The postmaster listening on `port`: its pid and command line.
pub fn postmaster(port: u16) -> Option<(u32, Vec<String>)> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(raw) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let argv: Vec<String> = raw.split(|b| *b == 0).filter(|a| !a.is_empty()).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
        let is_postmaster = argv.first().is_some_and(|a| a.ends_with("/postgres"));
        if is_postmaster && argv.windows(2).any(|w| w[0] == "-p" && w[1] == port.to_string()) {
            return Some((pid, argv));
        }
    }
    None
}

pub fn kill9(pid: u32) {
    let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
}

/// Start the postmaster again with the same command line (as `postgres` when we are
/// root), retrying while the killed one's backends still hold its shared memory.
pub async fn restart(argv: &[String], port: u16) {
    let root = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false);
    for _ in 0..60 {
        let mut cmd = if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).args(argv);
            c
        } else {
            let mut c = Command::new(&argv[0]);
            c.args(&argv[1..]);
            c
        };
        let Ok(mut child) = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn() else { continue };
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                // Reap it in the background; the watchdog of pg_throwaway stops it at exit.
                std::thread::spawn(move || child.wait());
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    panic!("PostgreSQL on port {port} did not come back");
}
