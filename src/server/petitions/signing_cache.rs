//! What one-click signing checks first (state, closing time, pause), kept for a quarter
//! second per petition so a hot petition is read from the database four times a second,
//! not once per signature. Closing is still decided against the clock on every
//! signature; a pause started or ended on this instance clears the cache at once
//! (other instances follow within the quarter second).
use crate::server::db::petitions::SigningStatus;
use crate::server::ttl_cache::TtlCache;
use std::sync::Arc;
use std::time::Duration;

pub type SigningCache = TtlCache<i64, Arc<SigningStatus>>;

pub fn new() -> SigningCache {
    TtlCache::new(Duration::from_millis(250))
}
