//! A real (minimal) SMTP server on a loopback port, recording what it receives.
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct Received(pub Arc<Mutex<Vec<String>>>);

impl Received {
    pub fn messages(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// Serve SMTP on `listener` until the task is aborted.
pub fn serve(listener: TcpListener, received: Received) -> tokio::task::JoinHandle<()> {
    serve_with(listener, received, true)
}

/// As `serve`; `eight_bit` says whether the server announces 8BITMIME.
pub fn serve_with(listener: TcpListener, received: Received, eight_bit: bool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let received = received.clone();
            tokio::spawn(async move {
                let (r, mut w) = stream.into_split();
                let mut lines = BufReader::new(r).lines();
                let _ = w.write_all(b"220 minyi-test ESMTP ready\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(buf) = data.as_mut() {
                        if line == "." {
                            received.0.lock().unwrap().push(std::mem::take(buf));
                            data = None;
                            let _ = w.write_all(b"250 2.0.0 queued\r\n").await;
                        } else {
                            buf.push_str(line.strip_prefix('.').unwrap_or(&line));
                            buf.push('\n');
                        }
                        continue;
                    }
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") {
                        if eight_bit { b"250-minyi-test\r\n250 8BITMIME\r\n" } else { b"250 minyi-test\r\n" }
                    } else if cmd.starts_with("HELO")
                        || cmd.starts_with("MAIL FROM")
                        || cmd.starts_with("RCPT TO")
                        || cmd.starts_with("RSET")
                        || cmd.starts_with("NOOP")
                    {
                        b"250 OK\r\n"
                    } else if cmd.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 end with .\r\n"
                    } else if cmd.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"502 not implemented\r\n"
                    };
                    let _ = w.write_all(reply).await;
                }
            });
        }
    })
}
