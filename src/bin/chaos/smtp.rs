//! A tiny SMTP listener that records each message's Message-ID; it can go away (closing
//! every connection) and come back on the same port.
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub struct Sink {
    port: u16,
    pub received: Arc<Mutex<Vec<String>>>,
    stop: Option<watch::Sender<bool>>,
}

impl Sink {
    pub async fn start(port: u16) -> Self {
        let mut s = Self { port, received: Arc::default(), stop: None };
        s.resume().await;
        s
    }

    /// Stop listening and drop every open connection (an outage).
    pub fn pause(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
    }

    pub async fn resume(&mut self) {
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(l) => break l,
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            }
        };
        let (tx, rx) = watch::channel(false);
        self.stop = Some(tx);
        let received = self.received.clone();
        tokio::spawn(async move {
            let mut stop = rx.clone();
            loop {
                tokio::select! {
                    _ = stop.changed() => return,
                    accepted = listener.accept() => {
                        let Ok((socket, _)) = accepted else { continue };
                        let (received, mut stop) = (received.clone(), rx.clone());
                        tokio::spawn(async move {
                            tokio::select! {
                                _ = stop.changed() => {}
                                _ = session(socket, received) => {}
                            }
                        });
                    }
                }
            }
        });
    }
}

async fn session(socket: tokio::net::TcpStream, received: Arc<Mutex<Vec<String>>>) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 chaos ESMTP\r\n").await?;
    let mut in_data = false;
    let mut message_id = String::new();
    while let Some(line) = lines.next_line().await? {
        if in_data {
            if line == "." {
                in_data = false;
                received.lock().unwrap().push(std::mem::take(&mut message_id));
                write.write_all(b"250 OK queued\r\n").await?;
            } else if let Some(v) = line.strip_prefix("Message-ID:").or_else(|| line.strip_prefix("Message-Id:")) {
                message_id = v.trim().to_string();
            }
            continue;
        }
        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 chaos\r\n",
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 OK\r\n",
        };
        write.write_all(reply).await?;
    }
    Ok(())
}
