//! A small scheduler for periodic work. Jobs that must run once per interval
//! across all instances take a lease in the database first.
mod cleanup;

use super::email::worker;
use super::error::ServerError;
use super::follows;
use super::petitions::{counting, lifecycle};
use super::responses;
use super::state::AppState;
use crate::domain::time::{HOUR, MINUTE, SECOND};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;

type JobFuture = Pin<Box<dyn Future<Output = Result<(), ServerError>> + Send>>;

pub struct Job {
    pub name: &'static str,
    pub every_ms: i64,
    /// Leased jobs run on one instance per interval; others (claim-safe work) run everywhere.
    pub leased: bool,
    pub run: fn(AppState) -> JobFuture,
}

pub fn all() -> Vec<Job> {
    vec![
        Job {
            name: "outbox",
            every_ms: 2 * SECOND,
            leased: false,
            run: |s| {
                Box::pin(async move {
                    worker::deliver_due(&s).await?;
                    // Real time, not the injectable clock: readiness is about this process.
                    let now = crate::server::clock::Clock::now(&crate::server::clock::SystemClock).0;
                    s.outbox_heartbeat.store(now, std::sync::atomic::Ordering::Relaxed);
                    Ok(())
                })
            },
        },
        // Safe on every instance at once (DELETE … RETURNING hands each event to one of them).
        Job { name: "count_rollup", every_ms: SECOND / 4, leased: false, run: |s| Box::pin(async move { counting::roll_up(&s).await.map(|_| ()) }) },
        // Leased to save work; the append's transaction is what keeps the log from forking.
        Job {
            name: "tlog_sequencer",
            every_ms: SECOND / 2,
            leased: true,
            run: |s| Box::pin(async move { crate::server::tlog::sequencer::run(&s).await.map(|_| ()) }),
        },
        Job { name: "petition_deadlines", every_ms: 5 * SECOND, leased: true, run: |s| Box::pin(async move { lifecycle::close_due(&s).await.map(|_| ()) }) },
        Job { name: "count_reconcile", every_ms: 10 * MINUTE, leased: true, run: |s| Box::pin(async move { counting::reconcile(&s).await.map(|_| ()) }) },
        Job { name: "response_reminders", every_ms: MINUTE, leased: true, run: |s| Box::pin(async move { responses::jobs::remind(&s).await.map(|_| ()) }) },
        Job {
            name: "signer_notices",
            every_ms: 2 * SECOND,
            leased: true,
            run: |s| Box::pin(async move { responses::jobs::notify_signers(&s, responses::jobs::NOTICE_BATCH).await.map(|_| ()) }),
        },
        // Followers' mail (claimed per person and event in the database, so also safe unleased).
        Job {
            name: "follow_instant",
            every_ms: 5 * SECOND,
            leased: true,
            run: |s| Box::pin(async move { follows::mail::instant(&s, follows::mail::BATCH).await.map(|_| ()) }),
        },
        Job { name: "follow_digest", every_ms: MINUTE, leased: true, run: |s| Box::pin(async move { follows::mail::digest(&s).await.map(|_| ()) }) },
        Job {
            name: "fraud_watch",
            every_ms: MINUTE,
            leased: true,
            run: |s| Box::pin(async move { crate::server::moderation::fraud::watch(&s).await.map(|_| ()) }),
        },
        // Every instance reads the changes for its own stream clients.
        Job {
            name: "live_changes",
            every_ms: SECOND,
            leased: false,
            run: |s| Box::pin(async move { s.live.poll(&s.db.jobs_pool, s.now()).await.map(|_| ()) }),
        },
        // Opinion maps out of date (each at most every 10 s; stored only if still the newest).
        Job {
            name: "opinion_maps",
            every_ms: 2 * SECOND,
            leased: true,
            run: |s| Box::pin(async move { crate::server::deliberation::map::recompute_due(&s).await.map(|_| ()) }),
        },
        // Followers of a consultation hear when it closes and when its conclusions are out.
        Job {
            name: "consultation_notices",
            every_ms: MINUTE,
            leased: true,
            run: |s| Box::pin(async move { crate::server::consultations::notices::run(&s).await.map(|_| ()) }),
        },
        // Followers of an agency or a topic hear when a draft regulation of theirs is published.
        Job {
            name: "regulation_notices",
            every_ms: MINUTE,
            leased: true,
            run: |s| Box::pin(async move { crate::server::regulations::notices::run(&s).await.map(|_| ()) }),
        },
        Job { name: "cleanup", every_ms: HOUR, leased: true, run: |s| Box::pin(async move { cleanup::run(&s).await }) },
        // Signers' personal data, once a petition's purpose is reached and its jurisdiction's
        // retention period has passed.
        Job {
            name: "retention",
            every_ms: 10 * MINUTE,
            leased: true,
            run: |s| Box::pin(async move { crate::server::privacy::retention::run(&s).await.map(|_| ()) }),
        },
    ]
}

/// Run one job now if its lease (when it has one) is free. Returns whether it ran.
pub async fn run_once(state: &AppState, job: &Job) -> Result<bool, ServerError> {
    if job.leased {
        let db = &state.db.pool;
        super::db::leases::ensure(db, job.name).await?;
        let now = state.now();
        // The lease lasts one interval: other instances skip the job until then.
        let until = now.plus_millis(job.every_ms);
        if !super::db::leases::try_acquire(db, job.name, &state.instance_id, now, until).await? {
            return Ok(false);
        }
    }
    (job.run)(state.clone()).await?;
    Ok(true)
}

/// Spawn every job's loop; each stops after its current run when `shutdown` turns true.
pub fn spawn(state: AppState, shutdown: watch::Receiver<bool>) -> JoinSet<()> {
    let mut set = JoinSet::new();
    for job in all() {
        let state = state.clone();
        let mut shutdown = shutdown.clone();
        set.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(job.every_ms.min(60 * SECOND) as u64));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = shutdown.changed() => {}
                }
                if *shutdown.borrow() {
                    break;
                }
                if let Err(e) = run_once(&state, &job).await {
                    tracing::error!(job = job.name, error = %e, "job failed");
                }
            }
            tracing::info!(job = job.name, "job loop stopped");
        });
    }
    set
}
