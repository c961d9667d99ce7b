//! One query layer for SQLite and PostgreSQL: sqlx's `Any` driver runs the same SQL
//! (with `$n` placeholders) on both. Repository functions take an executor.
pub mod agencies;
pub mod banners;
pub(crate) mod binds;
pub mod comments;
pub mod consultations;
pub mod counts;
pub mod deliberation;
pub mod demo;
pub mod downloads;
pub mod feeds;
pub mod flash;
pub mod follows;
pub mod fraud;
pub mod inbox;
pub mod lead_transfers;
pub mod leases;
pub mod live;
pub mod merges;
pub mod moderation;
pub mod my_data;
pub mod open_data;
pub mod org;
pub mod outbox;
pub mod petition_list;
pub mod petition_page;
pub mod petitions;
pub mod rate_counters;
pub mod regulation_comments;
pub mod regulation_notices;
pub mod regulations;
pub mod response_notices;
pub mod responses;
pub mod retention;
pub mod review;
pub mod rules;
pub mod second_factor;
pub mod sessions;
pub mod setup;
pub mod signatures;
pub mod states;
pub mod tlog;
pub mod tlog_overview;
pub mod tokens;
pub mod users;

use super::error::ServerError;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    /// A small pool of its own for background jobs (the count roll-up must not queue
    /// behind thousands of requests waiting for a connection).
    pub jobs_pool: AnyPool,
    /// Connections of their own for the public pages' reads, so a page (and the count it
    /// shows) never waits behind a queue of signers.
    pub read_pool: AnyPool,
    pub engine: Engine,
    /// SQLite allows one writer: queueing write transactions here (and opening them
    /// with BEGIN IMMEDIATE) means they wait their turn instead of failing with SQLITE_BUSY.
    write_gate: Arc<Mutex<()>>,
}

/// A write transaction. Dropping it without `commit` rolls back.
pub struct Tx {
    tx: Transaction<'static, Any>,
    _gate: Option<OwnedMutexGuard<()>>,
}

impl Deref for Tx {
    type Target = Transaction<'static, Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Db {
    /// For tools (bench, CLI): wait up to 30 s for a connection.
    pub async fn connect(url: &str) -> Result<Self, ServerError> {
        Self::connect_with(url, Duration::from_secs(30)).await
    }

    /// `wait` bounds how long a request waits for a connection: when the database cannot
    /// be reached, people get a quick, honest "unavailable" instead of a hanging page.
    pub async fn connect_with(url: &str, wait: Duration) -> Result<Self, ServerError> {
        install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else {
            return Err(ServerError::Config("DATABASE_URL must start with sqlite: or postgres:".into()));
        };
        if engine == Engine::Sqlite {
            ensure_sqlite_dir(url)?;
        }
        let options = move |max: u32| {
            AnyPoolOptions::new().max_connections(max).acquire_timeout(wait).after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 10000", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"] {
                            conn.execute(pragma).await?;
                        }
                    }
                    Ok(())
                })
            })
        };
        // Few connections: on a small machine more of them only add context switches.
        let pool = options(8).connect(url).await?;
        let jobs_pool = options(2).connect_lazy(url)?;
        let read_pool = options(4).connect_lazy(url)?;
        Ok(Self { pool, jobs_pool, read_pool, engine, write_gate: Arc::new(Mutex::new(())) })
    }

    pub async fn migrate(&self) -> Result<(), ServerError> {
        match self.engine {
            Engine::Sqlite => {
                // SQLite changes a column's constraints only by rebuilding its table, which
                // needs foreign keys off, and they cannot be switched inside the transaction a
                // migration runs in. So migrate on one connection with them off, as SQLite's
                // documentation prescribes, check every reference, and switch them on again.
                let mut conn = self.pool.acquire().await?;
                sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *conn).await?;
                let result = sqlx::migrate!("migrations/sqlite").run_direct(&mut *conn).await;
                let broken = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *conn).await?.len();
                sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                result?;
                if broken > 0 {
                    return Err(ServerError::Config(format!("after migrating, {broken} rows refer to rows that do not exist")));
                }
            }
            Engine::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    /// How many of this build's migrations the database has not applied (0 when ready).
    pub async fn pending_migrations(&self) -> Result<usize, sqlx::Error> {
        let migrator = match self.engine {
            Engine::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Engine::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success").fetch_one(&self.pool).await?;
        Ok(migrator.iter().count().saturating_sub(applied as usize))
    }

    /// Begin a transaction that writes.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        self.begin_on(&self.pool).await
    }

    /// For a single writing statement outside a transaction: on SQLite, wait for the
    /// writer's turn (as `begin` does); PostgreSQL needs nothing.
    pub async fn write_turn(&self) -> Option<OwnedMutexGuard<()>> {
        match self.engine {
            Engine::Sqlite => Some(self.write_gate.clone().lock_owned().await),
            Engine::Postgres => None,
        }
    }

    /// Begin a writing transaction for a background job, on the jobs' own connections.
    pub async fn begin_background(&self) -> Result<Tx, sqlx::Error> {
        self.begin_on(&self.jobs_pool).await
    }

    async fn begin_on(&self, pool: &AnyPool) -> Result<Tx, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => {
                let gate = self.write_gate.clone().lock_owned().await;
                let tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Tx { tx, _gate: Some(gate) })
            }
            Engine::Postgres => Ok(Tx { tx: pool.begin().await?, _gate: None }),
        }
    }
}

fn ensure_sqlite_dir(url: &str) -> Result<(), ServerError> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    Ok(())
}

/// Map a unique-constraint violation to `None` so callers can turn it into a domain answer.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => d.is_unique_violation() || d.code().is_some_and(|c| c == "23505" || c == "2067" || c == "1555"),
        _ => false,
    }
}
