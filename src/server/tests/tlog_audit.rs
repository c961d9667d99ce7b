//! The auditor (`minyi log audit`) against the log as the server really serves it, on both
//! engines: a clean log passes and its recount equals the shown counts; a log that keeps
//! growing extends the checkpoint kept before; a changed entry or hash is caught.
use super::petitions::{drain, open_petition};
use crate::db_test;
use crate::server::testing::TestApp;
use crate::server::tlog::audit::{AuditError, LogSource, audit};
use crate::server::tlog::sequencer;
use std::future::Future;

/// The site, in process.
struct Site<'a>(&'a TestApp);

impl Site<'_> {
    async fn fetch(&self, path: String) -> Result<Vec<u8>, String> {
        let r = self.0.get(&path, None).await;
        if r.status == 200 { Ok(r.bytes) } else { Err(format!("{path}: {}", r.status)) }
    }
}

impl LogSource for Site<'_> {
    fn log(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
        self.fetch(format!("/log/{path}"))
    }
    fn api(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send {
        self.fetch(path.to_string())
    }
}

async fn sign_many(app: &TestApp, petition: i64, from: usize, n: usize) {
    let now = app.state.now().0;
    let rows: Vec<String> = (from..from + n)
        .map(|i| {
            format!(
                "({petition}, 'a{i}@example.tw', 'a{i}@example.tw', 'A', '63000', 'zh-TW', 0, '10.1.0.1', '10.1.0.0/24', 'example.tw', 'test', {now}, {now})"
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO signatures (petition_id, email, email_norm, name, county, locale, notify, ip, ip_block, email_domain, user_agent, created_at, confirmed_at) VALUES {}",
        rows.join(", ")
    );
    sqlx::query(&sql).execute(&app.state.db.pool).await.unwrap();
}

async fn settle(app: &TestApp) {
    sequencer::run(&app.state).await.unwrap();
    drain(app).await;
}

async fn the_auditor_checks_the_served_log(app: TestApp) {
    let site = Site(&app);
    let key = app.state.tlog.vkey.clone();
    let (id, _, _) = open_petition(&app, "稽核整份附議紀錄").await;
    sign_many(&app, id, 0, 300).await;
    settle(&app).await;
    let first = audit(&site, Some(&key), None, false).await.unwrap();
    assert_eq!((first.tree_size, first.entries), (300, 300), "a full tile and a partial one");
    assert!(first.petitions.contains(&(id, 300, 300)), "{:?}", first.petitions);

    // The log grows (and one signature is withdrawn); it extends the checkpoint kept before.
    sign_many(&app, id, 300, 20).await;
    sqlx::query("DELETE FROM signatures WHERE email_norm = 'a5@example.tw'").execute(&app.state.db.pool).await.unwrap();
    settle(&app).await;
    let second = audit(&site, Some(&key), Some(&first.checkpoint), false).await.unwrap();
    assert_eq!(second.tree_size, 321);
    assert_eq!(second.since_size, Some(300));
    assert!(second.petitions.contains(&(id, 319, 319)), "{:?}", second.petitions);
    // The key served at /log/key is used (with a warning) when none is given.
    assert!(!audit(&site, None, None, false).await.unwrap().warnings.is_empty());

    // A rewritten entry no longer hashes to the signed root.
    let pool = &app.state.db.pool;
    let original: String = sqlx::query_scalar("SELECT entry FROM tlog_entries WHERE leaf_index = 3").fetch_one(pool).await.unwrap();
    let forged = format!("sign {id} {}", "ab".repeat(32));
    sqlx::query("UPDATE tlog_entries SET entry = $1 WHERE leaf_index = 3").bind(&forged).execute(pool).await.unwrap();
    assert!(matches!(audit(&site, Some(&key), None, false).await, Err(AuditError::RootMismatch { .. })));
    sqlx::query("UPDATE tlog_entries SET entry = $1 WHERE leaf_index = 3").bind(&original).execute(pool).await.unwrap();
    audit(&site, Some(&key), None, false).await.unwrap();

    // A changed stored hash shows in its tile.
    sqlx::query("UPDATE tlog_hashes SET hash = $1 WHERE idx = 0").bind(vec![0u8; 32]).execute(pool).await.unwrap();
    assert!(matches!(audit(&site, Some(&key), None, false).await, Err(AuditError::HashTileMismatch { .. })));

    // A checkpoint from another key is refused.
    let other = crate::domain::tlog::note::Signer::from_seed("127.0.0.1:3000/log", &[9; 32]).unwrap().verifier().to_key_string();
    assert!(matches!(audit(&site, Some(&other), None, false).await, Err(AuditError::BadCheckpoint(_))));
}
db_test!(the_auditor_checks_the_served_log);
