//! Group commit for one-click signatures. At a peak many people sign at once; rather
//! than one statement and one commit each, whatever signatures are waiting are
//! written together: one multi-row INSERT, one commit, each signer answered with
//! whether their row was new. Nothing waits on purpose: a lone signer is written at
//! once, and batches only form while earlier ones are being written. A batch that
//! fails is retried row by row, so one bad row cannot fail its neighbours. The
//! per-address limits are counted in the same transaction, in the shared database.
use crate::domain::time::Timestamp;
use crate::server::db::signatures::{self, MAX_BATCH, NewSignature};
use crate::server::db::{Db, Engine};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use tokio::sync::{Mutex, mpsc, oneshot};

/// A signature waiting to be written (an owned `NewSignature`).
pub struct Pending {
    pub petition_id: i64,
    pub user_id: Option<i64>,
    pub email: String,
    pub email_norm: String,
    pub name: String,
    pub county: String,
    pub locale: String,
    pub notify: bool,
    pub ip: String,
    pub ip_block: String,
    pub email_domain: String,
    pub user_agent: String,
    pub now: Timestamp,
    pub flagged: bool,
}

impl Pending {
    fn row(&self) -> NewSignature<'_> {
        NewSignature {
            petition_id: self.petition_id,
            user_id: self.user_id,
            email: &self.email,
            email_norm: &self.email_norm,
            name: &self.name,
            county: &self.county,
            locale: &self.locale,
            notify: self.notify,
            ip: &self.ip,
            ip_block: &self.ip_block,
            email_domain: &self.email_domain,
            user_agent: &self.user_agent,
            now: self.now,
            confirmed: true,
            token_hash: None,
            flagged: self.flagged,
        }
    }

    fn key(&self) -> (i64, String) {
        (self.petition_id, self.email_norm.clone())
    }
}

/// (the row was new, it is flagged over a limit)
type Reply = oneshot::Sender<Result<(bool, bool), sqlx::Error>>;

/// Writers per process: PostgreSQL commits several batches at once; SQLite has one writer.
fn writers(engine: Engine) -> usize {
    match engine {
        Engine::Postgres => 4,
        Engine::Sqlite => 1,
    }
}

#[derive(Default)]
pub struct SignQueue {
    sender: OnceLock<mpsc::Sender<(Pending, Reply)>>,
}

impl SignQueue {
    /// Write one confirmed signature: whether it was new (`false` if this person had
    /// already signed), and whether it is flagged over a per-address limit.
    pub async fn insert(&self, db: &Db, p: Pending) -> Result<(bool, bool), sqlx::Error> {
        let sender = self.sender.get_or_init(|| start(db.clone()));
        let (reply, answer) = oneshot::channel();
        if sender.send((p, reply)).await.is_err() {
            return Err(sqlx::Error::PoolClosed);
        }
        answer.await.unwrap_or(Err(sqlx::Error::WorkerCrashed))
    }
}

fn start(db: Db) -> mpsc::Sender<(Pending, Reply)> {
    let (tx, rx) = mpsc::channel(4 * 1024);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..writers(db.engine) {
        tokio::spawn(writer(db.clone(), rx.clone()));
    }
    tx
}

async fn writer(db: Db, rx: Arc<Mutex<mpsc::Receiver<(Pending, Reply)>>>) {
    loop {
        let mut batch = Vec::new();
        {
            let mut rx = rx.lock().await;
            match rx.recv().await {
                Some(job) => batch.push(job),
                None => return,
            }
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        write(&db, batch).await;
    }
}

async fn write(db: &Db, batch: Vec<(Pending, Reply)>) {
    // The same person twice in one batch: the first is written, the others had signed.
    let mut seen = HashSet::new();
    let (mut first, repeats): (Vec<_>, Vec<_>) = batch.into_iter().partition(|(p, _)| seen.insert(p.key()));
    for (_, reply) in repeats {
        let _ = reply.send(Ok((false, false)));
    }
    let result = {
        let mut rows: Vec<&mut Pending> = first.iter_mut().map(|(p, _)| p).collect();
        write_batch(db, &mut rows).await
    };
    match result {
        Ok(new) => {
            let new: HashSet<(i64, String)> = new.into_iter().collect();
            for (p, reply) in first {
                let _ = reply.send(Ok((new.contains(&p.key()), p.flagged)));
            }
        }
        Err(e) if first.len() == 1 => {
            if let Some((_, reply)) = first.into_iter().next() {
                let _ = reply.send(Err(e));
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, rows = first.len(), "signature batch failed; writing its rows one by one");
            for (mut p, reply) in first {
                let one = write_batch(db, &mut [&mut p]).await;
                let _ = reply.send(one.map(|new| (!new.is_empty(), p.flagged)));
            }
        }
    }
}

/// One transaction: count the batch against the shared per-address limits (flagging
/// the rows over them), then one multi-row INSERT. The new rows' keys.
async fn write_batch(db: &Db, rows: &mut [&mut Pending]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let mut groups: Vec<((String, i64), Vec<usize>)> = Vec::new();
    for (i, p) in rows.iter_mut().enumerate() {
        // A retry after a failed batch starts again: the counters it saw were rolled back.
        p.flagged = false;
        let key = (p.ip.clone(), p.petition_id);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, idx)) => idx.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    // All counters in one statement, which locks their rows in a fixed (sorted) order, so
    // two instances' batches on one PostgreSQL cannot deadlock on each other's counters.
    let counted: Vec<(&str, i64, crate::domain::time::Timestamp, usize)> =
        groups.iter().map(|((ip, petition), idx)| (ip.as_str(), *petition, rows[idx[0]].now, idx.len())).collect();
    let over = super::sign_limits::over_limits(&mut tx, &counted).await?;
    drop(counted);
    for ((_, idx), over) in groups.iter().zip(over) {
        // The last ones of the group are those over the limit.
        for &i in idx.iter().rev().take(over) {
            rows[i].flagged = true;
        }
    }
    let new_rows: Vec<NewSignature> = rows.iter().map(|p| p.row()).collect();
    let new = signatures::insert_many(&mut **tx, &new_rows).await?;
    drop(new_rows);
    tx.commit().await?;
    Ok(new)
}
