//! `/healthz` is liveness (the process answers; it also reports whether the database is
//! reachable); `/readyz` is readiness for load balancers: the database answers, every
//! migration this build carries is applied, and the outbox worker is running.
use crate::server::state::AppState;
use axum::extract::State;
use http::StatusCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// The outbox worker runs every 2 s; longer than this without a round means it is stuck.
const OUTBOX_STALE_MS: i64 = 30_000;
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(CHECK_TIMEOUT, crate::server::db::live::ping(&state.db.pool)).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// One line per check, `ok` or what is wrong; 200 only when all pass.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let db = match tokio::time::timeout(CHECK_TIMEOUT, state.db.pending_migrations()).await {
        Ok(Ok(0)) => Ok(()),
        Ok(Ok(n)) => Err(format!("{n} migrations not applied")),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database");
            Err("unreachable".to_string())
        }
        Err(_) => Err("no answer within 2 s".to_string()),
    };
    let now = crate::server::clock::Clock::now(&crate::server::clock::SystemClock).0;
    let beat = state.outbox_heartbeat.load(Ordering::Relaxed);
    let outbox = if beat > 0 && now - beat < OUTBOX_STALE_MS {
        Ok(())
    } else {
        Err(if beat == 0 { "not started".to_string() } else { format!("last round {} s ago", (now - beat) / 1000) })
    };
    let line = |name: &str, r: &Result<(), String>| format!("{name}: {}\n", r.as_ref().err().map(String::as_str).unwrap_or("ok"));
    let body = line("database", &db) + &line("outbox worker", &outbox);
    let status = if db.is_ok() && outbox.is_ok() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, body)
}
