//! Server-only code: configuration, state, storage, auth, email, jobs and HTTP layers.
pub mod accounts;
pub mod admin;
pub mod api_v1;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod consultations;
pub mod ctx;
pub mod db;
pub mod deliberation;
pub mod discussion;
pub mod email;
pub mod error;
pub mod flash;
pub mod follows;
pub mod http;
pub mod jobs;
pub mod limits;
pub mod live;
pub mod markdown;
pub mod moderation;
pub mod petitions;
#[cfg(any(test, feature = "throwaway-pg"))]
pub mod pg_throwaway;
pub mod privacy;
pub mod qr;
pub mod ratelimit;
pub mod regulations;
pub mod responses;
pub mod seed;
pub mod seed_consultations;
pub mod seed_deliberation;
pub mod seed_petitions;
pub mod seed_regulations;
pub mod setup;
pub mod state;
pub mod tlog;
pub mod ttl_cache;

#[cfg(test)]
pub mod testing;
#[cfg(test)]
mod tests;
