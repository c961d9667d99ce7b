//! The scheduler's leases: a leased job runs on one instance per interval.
use crate::db_test;
use crate::domain::time::{HOUR, MINUTE};
use crate::server::jobs;
use crate::server::testing::{TestApp, app_on};

async fn leased_jobs_run_once_per_interval_across_instances(app: TestApp) {
    let url = app.state.config.database_url.clone();
    let other = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    let cleanup = jobs::all().into_iter().find(|j| j.name == "cleanup").unwrap();
    let (a, b) = tokio::join!(jobs::run_once(&app.state, &cleanup), jobs::run_once(&other.state, &cleanup));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a ^ b, "exactly one instance ran it: {a} {b}");
    assert!(!jobs::run_once(&app.state, &cleanup).await.unwrap());
    // After the interval (and after downtime) it runs again, once.
    app.clock.advance_millis(3 * HOUR);
    other.clock.advance_millis(3 * HOUR);
    let (a, b) = tokio::join!(jobs::run_once(&app.state, &cleanup), jobs::run_once(&other.state, &cleanup));
    assert!(a.unwrap() ^ b.unwrap(), "once after the interval");
}
db_test!(leased_jobs_run_once_per_interval_across_instances);

async fn cleanup_removes_expired_sessions(app: TestApp) {
    app.signed_up("mei@example.tw", "小美").await;
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    app.clock.advance_millis(3 * 60 * MINUTE);
    let cleanup = jobs::all().into_iter().find(|j| j.name == "cleanup").unwrap();
    assert!(jobs::run_once(&app.state, &cleanup).await.unwrap());
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}
db_test!(cleanup_removes_expired_sessions);
