//! The outbox against a real SMTP listener: delivery, retry after failure, no duplicates.
use crate::db_test;
use crate::domain::time::MINUTE;
use crate::server::config::{SmtpConfig, SmtpSecurity};
use crate::server::db::outbox::{self, OutboxCounts, OutgoingEmail};
use crate::server::email::transport::{MailTransport, SmtpTransport};
use crate::server::email::worker;
use crate::server::testing::{TestApp, app_on, smtp};
use std::sync::Arc;

fn smtp_to(port: u16) -> Arc<dyn MailTransport> {
    let cfg = SmtpConfig { host: "127.0.0.1".into(), port, username: None, password: None, security: SmtpSecurity::None };
    Arc::new(SmtpTransport::new(&cfg, "minyi <no-reply@minyi.test>").unwrap())
}

async fn free_port() -> u16 {
    tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port()
}

fn mail(n: usize) -> OutgoingEmail {
    OutgoingEmail {
        to: format!("p{n}@example.tw"),
        subject: format!("測試 {n}"),
        body: format!("內容 {n}\n.leading dot line"),
        list_unsubscribe: String::new(),
    }
}

async fn smtp_delivery_retries_until_the_server_is_back(app: TestApp) {
    let port = free_port().await;
    let engine = app.engine;
    let url = app.state.config.database_url.clone();
    let dir = tempfile::tempdir().unwrap();
    let smtp_app = app_on(engine, dir, &url, Some(smtp_to(port))).await;
    outbox::enqueue(&smtp_app.state.db.pool, &mail(1), smtp_app.state.now()).await.unwrap();

    // Nothing listens yet: the attempt fails and is scheduled again.
    assert_eq!(worker::deliver_due(&smtp_app.state).await.unwrap(), 0);
    let row: (i64, Option<String>) = {
        use sqlx::Row;
        let r = sqlx::query("SELECT attempts, last_error FROM outbox").fetch_one(&smtp_app.state.db.pool).await.unwrap();
        (r.get("attempts"), r.get("last_error"))
    };
    assert_eq!(row.0, 1);
    assert!(row.1.is_some());
    // Not due yet: no new attempt.
    assert_eq!(worker::deliver_due(&smtp_app.state).await.unwrap(), 0);

    // The server comes back; after the backoff the message goes through, once.
    let received = smtp::Received::default();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let server = smtp::serve(listener, received.clone());
    smtp_app.clock.advance_millis(MINUTE);
    assert_eq!(worker::deliver_due(&smtp_app.state).await.unwrap(), 1);
    assert_eq!(worker::deliver_due(&smtp_app.state).await.unwrap(), 0);
    smtp_app.clock.advance_millis(60 * MINUTE);
    assert_eq!(worker::deliver_due(&smtp_app.state).await.unwrap(), 0);
    let got = received.messages();
    assert_eq!(got.len(), 1, "delivered exactly once");
    assert!(got[0].contains("To: p1@example.tw"), "{}", got[0]);
    assert!(got[0].contains("Message-ID: <outbox-"), "{}", got[0]);
    let counts = outbox::counts(&smtp_app.state.db.pool).await.unwrap();
    assert_eq!(counts, OutboxCounts { pending: 0, sent: 1, failed: 0 });
    server.abort();
}
db_test!(smtp_delivery_retries_until_the_server_is_back);

async fn two_instances_never_send_twice(app: TestApp) {
    let received = smtp::Received::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = smtp::serve(listener, received.clone());
    let url = app.state.config.database_url.clone();
    let a = app_on(app.engine, tempfile::tempdir().unwrap(), &url, Some(smtp_to(port))).await;
    let b = app_on(app.engine, tempfile::tempdir().unwrap(), &url, Some(smtp_to(port))).await;
    for n in 0..60 {
        outbox::enqueue(&a.state.db.pool, &mail(n), a.state.now()).await.unwrap();
    }
    let (sa, sb) = tokio::join!(worker::deliver_due(&a.state), worker::deliver_due(&b.state));
    assert_eq!(sa.unwrap() + sb.unwrap(), 60);
    let mut to: Vec<String> = received.messages().iter().map(|m| m.lines().find(|l| l.starts_with("To: ")).unwrap().to_string()).collect();
    assert_eq!(to.len(), 60);
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 60, "no message sent twice");
    server.abort();
}
db_test!(two_instances_never_send_twice);

async fn default_transport_writes_eml_files(app: TestApp) {
    app.call("register", &[("display_name", "小美"), ("email", "mei@example.tw"), ("password", "quiet river lantern 42")], None).await;
    assert_eq!(worker::deliver_due(&app.state).await.unwrap(), 1);
    let dir = app.dir.path().join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    assert!(files[0].extension().unwrap() == "eml");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("To: mei@example.tw"));
    // Quoted-printable would fold lines with "=\r\n" and escape "=" as "=3D".
    let unfolded = text.replace("=\r\n", "").replace("=3D", "=");
    assert!(unfolded.contains("/verify?token="), "{text}");
}
db_test!(default_transport_writes_eml_files);

async fn outbox_rows_commit_with_their_action_only(app: TestApp) {
    // A failed action writes no email: the row lives and dies with the transaction.
    let mut tx = app.state.db.begin().await.unwrap();
    outbox::enqueue(&mut **tx, &mail(1), app.state.now()).await.unwrap();
    drop(tx);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
}
db_test!(outbox_rows_commit_with_their_action_only);

async fn a_lost_claim_is_never_sent(app: TestApp) {
    use crate::domain::time::SECOND;
    outbox::enqueue(&app.state.db.pool, &mail(1), app.state.now()).await.unwrap();
    let now = app.state.now();
    assert_eq!(outbox::claim(&app.state.db.pool, "a", now, now.plus_millis(120 * SECOND), 10).await.unwrap(), 1);
    // Worker "a" stalls past its lease; worker "b" claims the row.
    let later = now.plus_millis(121 * SECOND);
    assert_eq!(outbox::claim(&app.state.db.pool, "b", later, later.plus_millis(120 * SECOND), 10).await.unwrap(), 1);
    assert!(!outbox::renew(&app.state.db.pool, outbox::claimed(&app.state.db.pool, "b").await.unwrap()[0].id, "a", later).await.unwrap());
    assert!(outbox::claimed(&app.state.db.pool, "a").await.unwrap().is_empty());
}
db_test!(a_lost_claim_is_never_sent);

/// A relay that does not announce 8BITMIME still gets Chinese mail, encoded 7-bit-safe.
async fn a_server_without_8bitmime_gets_it_7bit(app: TestApp) {
    let port = free_port().await;
    let dir = tempfile::tempdir().unwrap();
    let smtp_app = app_on(app.engine, dir, &app.state.config.database_url, Some(smtp_to(port))).await;
    let received = smtp::Received::default();
    let server = smtp::serve_with(tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap(), received.clone(), false);
    outbox::enqueue(&smtp_app.state.db.pool, &mail(2), smtp_app.state.now()).await.unwrap();
    assert_eq!(worker::deliver_due(&smtp_app.state).await.unwrap(), 1);
    let got = received.messages();
    assert_eq!(got.len(), 1);
    assert!(got[0].contains("Content-Transfer-Encoding: base64") || got[0].contains("Content-Transfer-Encoding: quoted-printable"), "{}", got[0]);
    assert!(!got[0].contains("內容"), "no 8-bit text on the wire");
    server.abort();
}
db_test!(a_server_without_8bitmime_gets_it_7bit);
