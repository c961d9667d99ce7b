//! Application state shared by handlers, server functions and workers.
use super::auth::password::PasswordHasher;
use super::clock::Clock;
use super::config::Config;
use super::db::Db;
use super::email::transport::MailTransport;
use super::ratelimit::RateLimiter;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub hasher: PasswordHasher,
    pub limiter: Arc<RateLimiter>,
    pub mailer: Arc<dyn MailTransport>,
    /// Names this process in leases and logs.
    pub instance_id: String,
    pub page_cache: Arc<super::http::page_store::PageCache>,
    pub signing_cache: Arc<super::petitions::signing_cache::SigningCache>,
    /// One-click signatures written together (see `petitions::sign_queue`).
    pub sign_queue: Arc<super::petitions::sign_queue::SignQueue>,
    /// Live sessions for a second (see `auth::session::lookup`).
    pub sessions: Arc<super::auth::session::SessionCache>,
    /// Count and state changes for the SSE stream (`live.rs`).
    pub live: Arc<super::live::Live>,
    /// When the outbox worker last finished a round (wall-clock ms; 0 before the first),
    /// for `/readyz`.
    pub outbox_heartbeat: Arc<std::sync::atomic::AtomicI64>,
    /// The transparency log's signing key (see `tlog::keys`).
    pub tlog: Arc<super::tlog::Log>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn now(&self) -> crate::domain::time::Timestamp {
        self.clock.now()
    }

    /// Call after committing a change to sessions, users or roles: the next request reads
    /// them from the database again.
    pub fn sessions_changed(&self) {
        self.sessions.clear();
    }
}

/// Connect, migrate and assemble the state (used by `main`, the CLI and tests).
pub async fn init(
    config: super::config::Config,
    clock: Arc<dyn Clock>,
    leptos_options: LeptosOptions,
    mailer: Option<Arc<dyn MailTransport>>,
) -> Result<AppState, super::error::ServerError> {
    let db = Db::connect_with(&config.database_url, std::time::Duration::from_millis(config.db_timeout_ms)).await?;
    db.migrate().await?;
    let tlog = Arc::new(super::tlog::keys::load_or_create(&config, &db, clock.now()).await?);
    let mailer = match mailer {
        Some(m) => m,
        None => super::email::transport::from_config(&config).map_err(super::error::ServerError::Config)?,
    };
    let (instance_id, _) = super::auth::tokens::generate(6);
    let limiter = Arc::new(RateLimiter::with_api_per_minute(config.api_per_minute));
    Ok(AppState {
        leptos_options,
        config: Arc::new(config),
        db,
        clock,
        hasher: PasswordHasher::new(),
        limiter,
        mailer,
        instance_id,
        page_cache: Arc::default(),
        signing_cache: Arc::new(super::petitions::signing_cache::new()),
        sign_queue: Arc::default(),
        sessions: Arc::new(super::auth::session::new_cache()),
        live: Arc::default(),
        outbox_heartbeat: Arc::default(),
        tlog,
    })
}
