//! Graceful shutdown over real TCP: the in-flight request completes, its email is
//! kept in the outbox, and the next start delivers it.
use crate::db_test;
use crate::serve;
use crate::server::email::worker;
use crate::server::testing::TestApp;
use crate::server::testing::http::form_encode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn shutdown_finishes_requests_and_keeps_the_outbox(app: TestApp) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve::run(app.state.clone(), app.router.clone(), listener, async {
        let _ = stop_rx.await;
    }));

    let body = form_encode(&[("display_name", "小美"), ("email", "mei@example.tw"), ("password", "quiet river lantern 42")]);
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "POST /api/register HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Sec-Fetch-Site: same-origin\r\nAccept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    conn.write_all(request.as_bytes()).await.unwrap();
    // Registration hashes a password (tens of ms): stop while it is in flight.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    stop_tx.send(()).unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    tokio::time::timeout(std::time::Duration::from_secs(30), server).await.expect("server stops").unwrap().unwrap();

    // The email was committed with the account; whatever the worker had not sent is sent after restart.
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 1);
    worker::deliver_due(&app.state).await.unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await, 1);
}
db_test!(shutdown_finishes_requests_and_keeps_the_outbox);
