//! Internal errors: logged with detail, shown to people only as `AppError::Internal`.
use crate::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("password hashing: {0}")]
    Hash(String),
    #[error("email: {0}")]
    Email(String),
    #[error("background task: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("configuration: {0}")]
    Config(String),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("transparency log: {0}")]
    Log(String),
}

/// How long people are asked to wait when the database cannot be reached.
pub const RETRY_AFTER_SECS: u64 = 60;

/// The database could not be reached (or is shutting down, or busy past the bound): a
/// temporary state, not a bug. Such errors reach people as `Unavailable`, never as a
/// refusal or a logout.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_) => true,
        // PostgreSQL: connection exceptions (08…), shutting down or starting (57P01–57P03);
        // SQLite: busy or locked past the busy timeout.
        sqlx::Error::Database(d) => d.code().is_some_and(|c| c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03" | "5" | "6" | "517")),
        _ => false,
    }
}

impl From<ServerError> for AppError {
    fn from(e: ServerError) -> Self {
        if let ServerError::Db(db) = &e
            && is_unavailable(db)
        {
            tracing::warn!(error = %e, "database unavailable");
            return AppError::Unavailable { retry_after_secs: RETRY_AFTER_SECS };
        }
        tracing::error!(error = %e, "internal error");
        AppError::Internal
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        ServerError::from(e).into()
    }
}
