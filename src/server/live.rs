//! Live changes for the SSE stream. Every instance polls the database once a second for
//! petitions whose count or state changed, so a change made through any instance reaches
//! the clients of all of them, then broadcasts what differs from what it last sent.
use crate::domain::time::Timestamp;
use crate::server::error::ServerError;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{Semaphore, broadcast};

/// Open streams per instance; past it, new ones get 503 and retry later.
pub const MAX_STREAMS: usize = 10_000;
/// Changes buffered per subscriber; a client that falls further behind skips ahead.
const BUFFER: usize = 1_024;
/// Re-read this far back: a transaction may commit after a later one's timestamp.
const OVERLAP_MS: i64 = 5_000;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Change {
    pub petition_id: i64,
    /// open, established, answered, closed or rejected
    pub state: String,
    pub signature_count: i64,
}

/// Read up to this time; the last state and count sent per petition.
type Seen = (Timestamp, HashMap<i64, (String, i64)>);

pub struct Live {
    sender: broadcast::Sender<Change>,
    seen: Mutex<Seen>,
    pub streams: Arc<Semaphore>,
}

impl Default for Live {
    fn default() -> Self {
        Self { sender: broadcast::channel(BUFFER).0, seen: Mutex::new((Timestamp(0), HashMap::new())), streams: Arc::new(Semaphore::new(MAX_STREAMS)) }
    }
}

impl Live {
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    /// Broadcast what changed since the last poll; returns how many changes were sent.
    pub async fn poll(&self, pool: &sqlx::AnyPool, now: Timestamp) -> Result<usize, ServerError> {
        if self.sender.receiver_count() == 0 {
            // Nobody listens here: no read. A stream starts from current values anyway,
            // and what changes meanwhile differs from what was last sent.
            self.seen.lock().unwrap_or_else(|p| p.into_inner()).0 = now;
            return Ok(0);
        }
        let since = {
            let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            // The first poll only learns the current values.
            if seen.0.0 == 0 { now.0 - OVERLAP_MS } else { seen.0.0 - OVERLAP_MS }
        };
        let rows = crate::server::db::live::changed_since(pool, since).await?;
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let first = seen.0.0 == 0;
        seen.0 = now;
        let mut sent = 0;
        for r in rows {
            let change = Change { petition_id: r.petition_id, state: r.state, signature_count: r.signature_count };
            let current = (change.state.clone(), change.signature_count);
            if seen.1.get(&change.petition_id) == Some(&current) {
                continue;
            }
            seen.1.insert(change.petition_id, current);
            if !first && self.sender.send(change).is_ok() {
                sent += 1;
            }
        }
        Ok(sent)
    }
}
