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
    // Both alternatives carry the whole link once decoded (quoted-printable folds long lines).
    let [(plain_type, plain), (html_type, html)] = parts(&text).try_into().unwrap();
    assert!(plain_type.contains("format=flowed") && html_type.contains("text/html"), "{text}");
    let link = plain.lines().find(|l| l.contains("/verify?token=")).unwrap_or_else(|| panic!("{plain}")).trim();
    assert!(link.starts_with("http") && html.contains(&format!("<a href=\"{link}\"")), "{html}");
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

/// The parts of a multipart message: (Content-Type, body decoded from its transfer encoding).
fn parts(raw: &str) -> Vec<(String, String)> {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    assert!(unfolded.contains("Content-Type: multipart/alternative;"), "{head}");
    let boundary = unfolded.split("boundary=\"").nth(1).and_then(|b| b.split('"').next()).unwrap();
    body.split(&format!("--{boundary}"))
        .filter_map(|p| p.trim_start_matches("\r\n").split_once("\r\n\r\n"))
        .map(|(headers, content)| {
            let header = |name: &str| headers.lines().find_map(|l| l.strip_prefix(name)).unwrap_or_default().trim().to_string();
            let content = content.trim_end_matches("\r\n");
            let decoded = match header("Content-Transfer-Encoding:").as_str() {
                "quoted-printable" => quoted_printable(content),
                "7bit" | "8bit" => content.to_string(),
                other => panic!("unexpected encoding {other}"),
            };
            (header("Content-Type:"), decoded.replace("\r\n", "\n"))
        })
        .collect()
}

/// RFC 2045 §6.7: soft breaks "=\r\n" vanish, "=XX" is a byte.
fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "");
    let (b, mut out, mut i) = (text.as_bytes(), Vec::new(), 0);
    while i < b.len() {
        if b[i] == b'=' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The petition mail as it leaves: plain text then HTML; Chinese is never cut so that a line
/// starts with punctuation, and a hostile title is inert in the HTML.
async fn a_petition_mail_is_text_and_html_and_never_cuts_chinese(app: TestApp) {
    use super::petitions::{input, national, person};
    let (j, a) = national(&app).await;
    let proposer = person(&app, "proposer@example.tw", None).await;
    let title = "<script>alert(1)</script>捷運站出口增設公共自行車站點，並延長營運時間：全線適用";
    crate::server::petitions::propose::save(&app.state, &proposer, None, &input(title, j, a), true).await.unwrap();
    let r = sqlx::query("SELECT id, subject, body_text FROM outbox WHERE to_addr = 'proposer@example.tw'").fetch_one(&app.state.db.pool).await.unwrap();
    use sqlx::Row;
    let mail = OutgoingEmail { to: "proposer@example.tw".into(), subject: r.get("subject"), body: r.get("body_text"), list_unsubscribe: String::new() };
    let raw = String::from_utf8(crate::server::email::transport::build_message("minyi <no-reply@minyi.tw>", r.get("id"), &mail).unwrap().formatted()).unwrap();
    assert!(raw.contains("Message-ID: <outbox-"), "{raw}");
    assert!(raw.lines().all(|l| l.len() <= 998), "no line too long for SMTP");
    let [(plain_type, plain), (html_type, html)] = parts(&raw).try_into().unwrap();
    assert_eq!(plain_type, "text/plain; charset=utf-8; format=flowed");
    assert!(plain.contains(title), "the title whole, on its line: {plain}");
    assert!(!plain.lines().any(|l| l.starts_with(['，', '：', '。', '」'])), "{plain}");
    assert!(html_type.starts_with("text/html"), "{html_type}");
    assert!(html.contains("<html lang=\"zh-TW\">"), "{html}");
    assert!(!html.contains("<script") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;捷運站"), "{html}");
    assert!(html.contains("<a href=\"http") && !html.contains(" src=\""), "{html}");
    // Direction overrides in stored text (a mail queued before checks existed) never reach HTML.
    let spoof = OutgoingEmail { body: format!("{}\u{202E}gnp.exe", mail.body), ..mail.clone() };
    let raw = String::from_utf8(crate::server::email::transport::build_message("minyi <no-reply@minyi.tw>", 2, &spoof).unwrap().formatted()).unwrap();
    assert!(!parts(&raw)[1].1.contains('\u{202E}'));
    // English mail is marked as English.
    let en = crate::server::email::templates::verify_email(crate::i18n::Locale::En, "a@x.tw", "A", "https://minyi.tw", "t");
    let raw = String::from_utf8(crate::server::email::transport::build_message("minyi <no-reply@minyi.tw>", 3, &en).unwrap().formatted()).unwrap();
    assert!(parts(&raw)[1].1.contains("<html lang=\"en\">"));
}
db_test!(a_petition_mail_is_text_and_html_and_never_cuts_chinese);
