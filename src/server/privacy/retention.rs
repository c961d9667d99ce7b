//! The retention job: removes signers' personal data from petitions whose purpose was
//! reached longer ago than their jurisdiction keeps it (`domain::retention`), each
//! petition in its own transaction, with a public timeline entry.
use crate::server::db::{petitions, retention, users};
use crate::server::error::ServerError;
use crate::server::state::AppState;

/// Petitions handled per transaction round; the job runs again until none are due.
const BATCH: i64 = 50;

/// Returns how many petitions were anonymised.
pub async fn run(state: &AppState) -> Result<usize, ServerError> {
    let mut done = 0;
    loop {
        let now = state.now();
        let due = retention::due(&state.db.pool, now, BATCH).await?;
        if due.is_empty() {
            return Ok(done);
        }
        for (petition, days) in &due {
            let mut tx = state.db.begin().await?;
            if retention::anonymise(&mut tx, *petition, now).await? {
                petitions::add_event(&mut **tx, *petition, now, "signers_anonymised", &days.to_string()).await?;
                users::audit(&mut **tx, None, "retention.anonymise", &petition.to_string(), &format!("after {days} days"), now).await?;
                done += 1;
            }
            tx.commit().await?;
        }
        if (due.len() as i64) < BATCH {
            return Ok(done);
        }
    }
}
