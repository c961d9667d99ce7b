//! What one-click signing checks first (state, closing time, pause), kept for a quarter
//! second per petition so a hot petition is read from the database four times a second,
//! not once per signature. Closing is still decided against the clock on every
//! signature; a pause started or ended on this instance clears the cache at once
//! (other instances follow within the quarter second).
use crate::server::db::petitions::SigningStatus;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_millis(250);

#[derive(Default)]
pub struct SigningCache {
    map: Mutex<HashMap<i64, (Instant, Arc<SigningStatus>)>>,
}

impl SigningCache {
    pub fn get(&self, id: i64) -> Option<Arc<SigningStatus>> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&id).filter(|(at, _)| at.elapsed() < TTL).map(|(_, s)| s.clone())
    }

    pub fn put(&self, id: i64, status: Arc<SigningStatus>) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        map.insert(id, (Instant::now(), status));
    }

    pub fn clear(&self) {
        self.map.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
