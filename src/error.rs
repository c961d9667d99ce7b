//! The public error: serializable, translatable, and free of internal detail.
//! Internal errors live in `server::error` and are logged, never shown.
use crate::domain::validation::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// One or more fields were refused; shown next to each field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Login failed: the same answer for unknown accounts and wrong passwords.
    #[error("bad credentials")]
    BadCredentials,
    #[error("email not verified")]
    EmailNotVerified,
    #[error("login required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A link token is unknown, used or expired.
    #[error("invalid or expired link")]
    InvalidToken,
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    /// The request could not reach the server or be decoded.
    /// The petition changed meanwhile, or the action does not fit its state.
    #[error("conflict")]
    Conflict,
    /// Proposing or signing is paused site-wide.
    #[error("paused")]
    Paused,
    #[error("signing closed")]
    SigningClosed,
    /// A moderator must claim a petition before acting on it.
    #[error("not claimed")]
    NotClaimed,
    /// The account is suspended by a moderator until this time.
    #[error("suspended")]
    Suspended { until: crate::domain::time::Timestamp },
    /// The request itself was malformed (arguments that do not decode): a client bug
    /// or a hand-made request, never a person's input, which gets `Invalid`.
    #[error("bad request")]
    BadRequest,
    #[error("network")]
    Network,
    /// The database could not be reached in time: nothing was saved, try again shortly.
    #[error("temporarily unavailable")]
    Unavailable { retry_after_secs: u64 },
    #[error("internal")]
    Internal,
}

impl AppError {
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(f) => Some(f),
            _ => None,
        }
    }
    /// Stable machine-readable code (used in logs and the API).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::BadCredentials => "bad_credentials",
            AppError::EmailNotVerified => "email_not_verified",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::InvalidToken => "invalid_token",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Conflict => "conflict",
            AppError::Paused => "paused",
            AppError::SigningClosed => "signing_closed",
            AppError::NotClaimed => "not_claimed",
            AppError::Suspended { .. } => "suspended",
            AppError::BadRequest => "bad_request",
            AppError::Network => "network",
            AppError::Unavailable { .. } => "unavailable",
            AppError::Internal => "internal",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Transport and decoding failures carry library text: never pass it on.
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            // Arguments that do not decode (wrong types, invalid UTF-8): the caller's fault.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            // On the server this is a request body that does not decode (invalid UTF-8);
            // in the browser it is a reply that does not, which is no fault of the person.
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}
