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
}

impl From<ServerError> for AppError {
    fn from(e: ServerError) -> Self {
        tracing::error!(error = %e, "internal error");
        AppError::Internal
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        ServerError::from(e).into()
    }
}
