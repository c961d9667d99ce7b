//! The transparency log on both engines: the entries each change of "counted" makes, the
//! checkpoint and tiles served, receipts, the signing key, and no fork across instances.
use super::petitions::{drain, open_petition, person};
use crate::db_test;
use crate::domain::tlog::checkpoint::{self, Checkpoint};
use crate::domain::tlog::entry::{self, Entry};
use crate::domain::tlog::{merkle, receipt, tiles};
use crate::server::config::LogKey;
use crate::server::db::tlog;
use crate::server::petitions::sign;
use crate::server::testing::{TestApp, app_on};
use crate::server::tlog::{keys, receipts, sequencer};
use sqlx::Row;

async fn entries(app: &TestApp) -> Vec<String> {
    tlog::entries(&app.state.db.pool, 0, u64::MAX >> 2).await.unwrap()
}

async fn sequence(app: &TestApp) {
    sequencer::run(&app.state).await.unwrap();
}

async fn signature(app: &TestApp, petition: i64, email: &str) -> (i64, Option<String>) {
    // The salt is kept with the signature's leaf.
    let r =
        sqlx::query("SELECT s.id, l.salt FROM signatures s LEFT JOIN tlog_leaves l ON l.signature_id = s.id WHERE s.petition_id = $1 AND s.email_norm = $2")
            .bind(petition)
            .bind(email)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    (r.get("id"), r.get("salt"))
}

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(&app.state.db.pool).await.unwrap();
}

/// Every stored hash, in order (a small test log).
async fn all_hashes(app: &TestApp, size: u64) -> Vec<merkle::Hash> {
    let n = merkle::stored_hash_count(size);
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let map = tlog::hashes(&mut conn, &(0..n).collect::<Vec<_>>()).await.unwrap();
    (0..n).map(|i| map[&i]).collect()
}

async fn sign_withdraw_invalidate_and_restore_make_the_entries(app: TestApp) {
    let s = &app.state;
    let (id, _, _) = open_petition(&app, "離島交通船班加開").await;
    let mut emails = Vec::new();
    for name in ["a", "b", "c"] {
        let email = format!("{name}@example.tw");
        let p = person(&app, &email, None).await;
        sign::as_user(s, &p, "10.0.0.1", id, "63000", false).await.unwrap();
        emails.push(email);
    }
    sequence(&app).await;
    let logged = entries(&app).await;
    assert_eq!(logged.len(), 3);
    for (i, email) in emails.iter().enumerate() {
        let (_, salt) = signature(&app, id, email).await;
        let salt: [u8; 32] = hex::decode(salt.unwrap()).unwrap().try_into().unwrap();
        assert_eq!(logged[i], format!("sign {id} {}", hex::encode(entry::commitment(id, &salt, email))));
    }
    let (a, _) = signature(&app, id, "a@example.tw").await;
    let (b, _) = signature(&app, id, "b@example.tw").await;
    let (c, _) = signature(&app, id, "c@example.tw").await;
    // Withdrawal deletes the row; invalidation and restoring move the flag (as the fraud console does).
    exec(&app, &format!("DELETE FROM signatures WHERE id = {b}")).await;
    exec(&app, &format!("UPDATE signatures SET flagged = flagged + 2 WHERE id = {c}")).await;
    sequence(&app).await;
    exec(&app, &format!("UPDATE signatures SET flagged = flagged - 2 WHERE id = {c}")).await;
    sequence(&app).await;
    let logged = entries(&app).await;
    assert_eq!(logged[3..], [format!("remove {id} 1 withdrawn"), format!("remove {id} 2 invalidated"), format!("restore {id} 2")]);
    sequence(&app).await;
    assert_eq!(entries(&app).await.len(), 6, "nothing new, nothing appended");

    // The recount equals the shown count and the log's own count.
    drain(&app).await;
    let parsed: Vec<Entry> = logged.iter().map(|e| Entry::parse(e.as_bytes()).unwrap()).collect();
    let recount = entry::recount(&parsed).unwrap();
    let shown = crate::server::db::petitions::get(&s.db.pool, id).await.unwrap().unwrap().signature_count;
    assert_eq!((recount[&id], shown), (2, 2));
    assert_eq!(app.count(&format!("SELECT count FROM tlog_counts WHERE petition_id = {id}")).await, 2);

    // The checkpoint is signed by the log's key and commits to exactly these entries.
    let head = tlog::head(&s.db.pool).await.unwrap();
    let cp = checkpoint::open(head.checkpoint.as_ref().unwrap().as_bytes(), &s.tlog.verifier).unwrap();
    let leaves: Vec<merkle::Hash> = logged.iter().map(|e| merkle::leaf_hash(e.as_bytes())).collect();
    assert_eq!(cp, Checkpoint { origin: "127.0.0.1:3000/log".into(), size: 6, hash: merkle::root(&leaves) });
    // Each append signed one checkpoint.
    assert_eq!(app.count("SELECT COUNT(*) FROM tlog_checkpoints").await, 3);

    // A's receipt proves A's entry; B (withdrawn) has none.
    let r = receipts::for_signature(&s.db, a).await.unwrap().unwrap();
    let parsed = receipt::Receipt::parse(&r.text).unwrap();
    assert_eq!(parsed.index, 0);
    receipt::verify(&parsed, logged[0].as_bytes(), &s.tlog.verifier).unwrap();
    assert!(receipt::verify(&parsed, logged[1].as_bytes(), &s.tlog.verifier).is_err());
    assert!(receipts::for_signature(&s.db, b).await.unwrap().is_none());
    assert!(receipts::for_signature(&s.db, c).await.unwrap().is_some(), "restored: counts again");

    // Erasing a signer (a deleted account) drops the salt: the entry stays, nobody gets a receipt.
    exec(&app, &format!("UPDATE signatures SET email_norm = 'erased:' || CAST(id AS TEXT) WHERE id = {a}")).await;
    assert!(receipts::for_signature(&s.db, a).await.unwrap().is_none());
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM tlog_leaves WHERE signature_id = {a} AND salt IS NULL")).await, 1);

    // The newest signature withdrawn after it was logged; a newcomer, who takes its row id on
    // SQLite, gets a leaf of their own; one signed and withdrawn within a batch nets nothing.
    exec(&app, &format!("DELETE FROM signatures WHERE id = {c}")).await;
    for email in ["d@example.tw", "e@example.tw"] {
        let p = person(&app, email, None).await;
        sign::as_user(s, &p, "10.0.0.1", id, "63000", false).await.unwrap();
    }
    let (e, _) = signature(&app, id, "e@example.tw").await;
    exec(&app, &format!("DELETE FROM signatures WHERE id = {e}")).await;
    sequence(&app).await;
    let logged = entries(&app).await;
    let (d, salt) = signature(&app, id, "d@example.tw").await;
    let salt: [u8; 32] = hex::decode(salt.unwrap()).unwrap().try_into().unwrap();
    assert_eq!(logged[6..8], [format!("remove {id} 2 withdrawn"), format!("sign {id} {}", hex::encode(entry::commitment(id, &salt, "d@example.tw")))]);
    assert!(logged[8].starts_with(&format!("sign {id} ")) && logged[9] == format!("remove {id} 8 withdrawn"), "{logged:?}");
    let parsed: Vec<Entry> = logged.iter().map(|e| Entry::parse(e.as_bytes()).unwrap()).collect();
    let shown = crate::server::db::petitions::get(&s.db.pool, id).await.unwrap().unwrap().signature_count;
    assert_eq!((entry::recount(&parsed).unwrap()[&id], shown), (2, 2));
    drain(&app).await;
    let r = receipt::Receipt::parse(&receipts::for_signature(&s.db, d).await.unwrap().unwrap().text).unwrap();
    assert_eq!(r.index, 7);
    receipt::verify(&r, logged[7].as_bytes(), &s.tlog.verifier).unwrap();
}
db_test!(sign_withdraw_invalidate_and_restore_make_the_entries);

async fn the_log_is_served_as_tiles_and_receipts(app: TestApp) {
    let s = &app.state;
    assert_eq!(app.get("/log/checkpoint", None).await.status, 404, "nothing signed yet");
    let (id, _, _) = open_petition(&app, "偏鄉網路").await;
    let me = person(&app, "mei@example.tw", None).await;
    let session = app.staff_session(me.user_id).await;
    sign::as_user(s, &me, "10.0.0.1", id, "63000", false).await.unwrap();
    assert_eq!(app.get(&format!("/petitions/{id}/receipt"), Some(&session)).await.status, 404, "not logged yet");
    for i in 0..4 {
        let p = person(&app, &format!("s{i}@example.tw"), None).await;
        sign::as_user(s, &p, "10.0.0.2", id, "63000", false).await.unwrap();
    }
    sequence(&app).await;

    let cp = app.get("/log/checkpoint", Some(&session)).await;
    assert_eq!(cp.status, 200);
    assert_eq!(cp.headers["content-type"], "text/plain; charset=utf-8");
    assert!(cp.headers["cache-control"].to_str().unwrap().contains("max-age=2"), "short public cache, even when signed in");
    let opened = checkpoint::open(cp.body.as_bytes(), &s.tlog.verifier).unwrap();
    assert_eq!(opened.size, 5);
    assert_eq!(app.get("/log/key", None).await.body, format!("{}\n", s.tlog.vkey));

    // The partial entry bundle and hash tile; beyond the tree, or not canonical, nothing.
    let bundle = app.get("/log/tile/entries/000.p/5", None).await;
    assert_eq!(bundle.headers["cache-control"], "public, max-age=60");
    assert_eq!(bundle.headers["access-control-allow-origin"], "*");
    let decoded = tiles::decode_entries(&bundle.bytes).unwrap();
    assert_eq!(decoded.iter().map(|e| String::from_utf8(e.clone()).unwrap()).collect::<Vec<_>>(), entries(&app).await);
    let tile = app.get("/log/tile/0/000.p/5", None).await;
    let hashes = all_hashes(&app, 5).await;
    let want = tiles::read_tile_data(&tiles::Tile { level: 0, n: 0, width: 5 }, &hashes[..]).unwrap();
    assert_eq!(tile.bytes, want);
    for bad in ["/log/tile/0/000.p/6", "/log/tile/0/000", "/log/tile/entries/001.p/1", "/log/tile/0/0.p/5", "/log/tile/x"] {
        assert_eq!(app.get(bad, None).await.status, 404, "{bad}");
    }

    // The signer's receipt, as a download; nobody else's.
    let r = app.get(&format!("/petitions/{id}/receipt"), Some(&session)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["cache-control"], "private, no-store");
    assert!(r.headers["content-disposition"].to_str().unwrap().contains(&format!("minyi-receipt-{id}.txt")));
    let parsed = receipt::Receipt::parse(&r.body).unwrap();
    let first = entries(&app).await.remove(0);
    receipt::verify(&parsed, first.as_bytes(), &s.tlog.verifier).unwrap();
    assert_eq!(app.get(&format!("/petitions/{id}/receipt"), None).await.status, 303, "signed out: log in first");
    let other = person(&app, "other@example.tw", None).await;
    let other_session = app.staff_session(other.user_id).await;
    assert_eq!(app.get(&format!("/petitions/{id}/receipt"), Some(&other_session)).await.status, 404);
    assert_eq!(app.get("/sign/receipt?token=0123", None).await.status, 404);
}
db_test!(the_log_is_served_as_tiles_and_receipts);

async fn two_instances_never_fork_the_log(app: TestApp) {
    let url = app.state.config.database_url.clone();
    let other = app_on(app.engine, tempfile::tempdir().unwrap(), &url, None).await;
    let (id, _, _) = open_petition(&app, "兩台伺服器共用資料庫").await;
    let mut signers = Vec::new();
    for i in 0..40 {
        signers.push(person(&app, &format!("n{i}@example.tw"), None).await);
    }
    for (r, round) in signers.chunks(10).enumerate() {
        for (i, p) in round.iter().enumerate() {
            sign::as_user(&app.state, p, format!("10.0.{r}.{i}").as_str(), id, "63000", false).await.unwrap();
        }
        // Both append at once; the loser waits, then appends nothing or what is left.
        let (x, y) = tokio::join!(sequencer::append_batch(&app.state), sequencer::append_batch(&other.state));
        let _ = (x, y);
    }
    sequence(&app).await;
    let size = tlog::head(&app.state.db.pool).await.unwrap().tree_size;
    assert_eq!(size, 40);
    assert_eq!(app.count("SELECT COUNT(*) FROM signatures WHERE confirmed_at IS NOT NULL AND flagged = 0").await, 40);
    // Every checkpoint ever signed is a prefix of the final tree.
    let hashes = all_hashes(&app, size).await;
    let notes: Vec<String> = sqlx::query_scalar("SELECT note FROM tlog_checkpoints ORDER BY tree_size").fetch_all(&app.state.db.pool).await.unwrap();
    assert!(notes.len() >= 4);
    for note in notes {
        let cp = checkpoint::open(note.as_bytes(), &app.state.tlog.verifier).unwrap();
        assert_eq!(cp.hash, merkle::tree_hash(cp.size, &hashes[..]).unwrap(), "checkpoint at {}", cp.size);
    }
}
db_test!(two_instances_never_fork_the_log);

async fn an_append_that_would_fork_changes_nothing(app: TestApp) {
    let (id, _, _) = open_petition(&app, "兩台伺服器同時簽署檢查點").await;
    let p = person(&app, "f@example.tw", None).await;
    sign::as_user(&app.state, &p, "10.0.0.4", id, "63000", false).await.unwrap();
    // Someone already signed a checkpoint of the size this append would make.
    exec(&app, "INSERT INTO tlog_checkpoints (tree_size, note, created_at) VALUES (1, 'forged', 0)").await;
    assert!(sequencer::append_batch(&app.state).await.is_err());
    assert_eq!(tlog::head(&app.state.db.pool).await.unwrap().tree_size, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM tlog_pending").await, 1, "the change stays queued");
    assert_eq!(app.count("SELECT COUNT(*) FROM tlog_entries").await, 0);
}
db_test!(an_append_that_would_fork_changes_nothing);

async fn the_signing_key_is_a_file_and_replacing_it_is_explicit(app: TestApp) {
    let s = &app.state;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys/log-signing.key");
    let mut config = (*s.config).clone();
    config.log_key = LogKey::File(path.clone());
    // The log already has a key (the tests' fixed one): a missing file is not silently replaced.
    let e = keys::load_or_create(&config, &s.db, s.now()).await.unwrap_err().to_string();
    assert!(e.contains("new-key --confirm"), "{e}");
    assert!(!path.exists());
    let e = keys::new_key(&config, &s.db, s.now(), &[]).await.unwrap_err().to_string();
    assert!(e.contains("--confirm"), "{e}");
    let msg = keys::new_key(&config, &s.db, s.now(), &["--confirm".into()]).await.unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("PRIVATE+KEY+127.0.0.1:3000/log+"), "{text}");
    #[cfg(unix)]
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions()) & 0o777, 0o600);
    let log = keys::load_or_create(&config, &s.db, s.now()).await.unwrap();
    assert!(msg.contains(&log.vkey));
    assert_eq!(app.count("SELECT COUNT(*) FROM tlog_keys").await, 2, "the key history");
    // The private key is in no table.
    let private = text.trim().to_string();
    let hits = app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%{}%'", &private[private.len() - 30..])).await;
    assert_eq!(hits, 0);
    // The old in-memory key no longer signs.
    let p = person(&app, "k@example.tw", None).await;
    let (id, _, _) = open_petition(&app, "更換日誌簽章金鑰").await;
    sign::as_user(s, &p, "10.0.0.5", id, "63000", false).await.unwrap();
    assert_eq!(sequencer::append_batch(s).await.unwrap(), 0);
    assert_eq!(tlog::head(&s.db.pool).await.unwrap().tree_size, 0);
    // A file for another origin is refused.
    config.base_url = "https://other.example.tw".into();
    let e = keys::load_or_create(&config, &s.db, s.now()).await.unwrap_err().to_string();
    assert!(e.contains("other.example.tw/log"), "{e}");
}
db_test!(the_signing_key_is_a_file_and_replacing_it_is_explicit);
