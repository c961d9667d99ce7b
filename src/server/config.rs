//! Configuration from environment variables (documented in the README).
use super::error::ServerError;
use crate::domain::discussion::DEFAULT_COMMENT_STATES;
use crate::domain::petition::PetitionState;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    None,
    StartTls,
    Tls,
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub security: SmtpSecurity,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// Public origin, e.g. `https://minyi.example.gov.tw`; links in emails use it.
    pub base_url: String,
    pub secure_cookies: bool,
    pub demo: bool,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub smtp: Option<SmtpConfig>,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    pub max_body_bytes: usize,
    /// The larger limit of the forms that carry a whole draft regulation.
    pub max_draft_body_bytes: usize,
    /// Petition states whose discussion takes new comments (`MINYI_COMMENT_STATES`).
    pub comment_states: Vec<PetitionState>,
    /// Open reports that hide an item pending review (`MINYI_REPORT_THRESHOLD`).
    pub report_threshold: i64,
    /// Public API reads per client address per minute (`MINYI_API_PER_MINUTE`, default 300).
    pub api_per_minute: Option<usize>,
    /// How long a request waits for a database connection before answering 503.
    pub db_timeout_ms: u64,
    /// The transparency log's signing key (`MINYI_LOG_KEY_FILE`, default `data/log-signing.key`).
    pub log_key: LogKey,
}

/// Where the log's Ed25519 signing key lives: never in the database.
#[derive(Debug, Clone)]
pub enum LogKey {
    File(PathBuf),
    /// Tests: a fixed seed, shared by every instance of one test.
    Fixed([u8; 32]),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &str) -> Option<bool> {
    var(name).map(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"))
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, ServerError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| ServerError::Config(format!("{name} must be a number, got {v:?}"))),
    }
}

impl Config {
    /// The log's origin line and key name: the site's host (and path) + `/log`.
    pub fn log_origin(&self) -> String {
        let host = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, rest)| rest);
        format!("{}/log", host.trim_end_matches('/'))
    }

    pub fn from_env() -> Result<Self, ServerError> {
        let base_url = var("MINYI_BASE_URL").unwrap_or_else(|| {
            let addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
            format!("http://{addr}")
        });
        let base_url = base_url.trim_end_matches('/').to_string();
        let smtp = match var("MINYI_SMTP_HOST") {
            None => None,
            Some(host) => {
                let security = match var("MINYI_SMTP_SECURITY").as_deref().unwrap_or("starttls") {
                    "none" => SmtpSecurity::None,
                    "starttls" => SmtpSecurity::StartTls,
                    "tls" => SmtpSecurity::Tls,
                    other => {
                        return Err(ServerError::Config(format!("MINYI_SMTP_SECURITY must be none, starttls or tls, got {other:?}")));
                    }
                };
                let default_port = match security {
                    SmtpSecurity::Tls => 465,
                    SmtpSecurity::StartTls => 587,
                    SmtpSecurity::None => 25,
                };
                Some(SmtpConfig {
                    host,
                    port: number("MINYI_SMTP_PORT", default_port)?,
                    username: var("MINYI_SMTP_USERNAME"),
                    password: var("MINYI_SMTP_PASSWORD"),
                    security,
                })
            }
        };
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/minyi.db?mode=rwc".into()),
            secure_cookies: flag("MINYI_SECURE_COOKIES").unwrap_or(base_url.starts_with("https://")),
            base_url,
            demo: flag("MINYI_DEMO").unwrap_or(false),
            mail_dir: PathBuf::from(var("MINYI_MAIL_DIR").unwrap_or_else(|| "data/mail".into())),
            mail_from: var("MINYI_MAIL_FROM").unwrap_or_else(|| "minyi <no-reply@minyi.localhost>".into()),
            smtp,
            trust_proxy: flag("MINYI_TRUST_PROXY").unwrap_or(false),
            session_idle_minutes: number("MINYI_SESSION_IDLE_MINUTES", 120)?,
            session_absolute_hours: number("MINYI_SESSION_ABSOLUTE_HOURS", 24)?,
            max_body_bytes: number("MINYI_MAX_BODY_BYTES", 256 * 1024)?,
            max_draft_body_bytes: number("MINYI_MAX_DRAFT_BODY_BYTES", 8 * 1024 * 1024)?,
            comment_states: match var("MINYI_COMMENT_STATES") {
                None => DEFAULT_COMMENT_STATES.to_vec(),
                Some(v) => v
                    .split(',')
                    .map(|c| PetitionState::from_code(c.trim()).ok_or_else(|| ServerError::Config(format!("MINYI_COMMENT_STATES: unknown state {c:?}"))))
                    .collect::<Result<_, _>>()?,
            },
            report_threshold: number("MINYI_REPORT_THRESHOLD", 3)?.max(1),
            api_per_minute: var("MINYI_API_PER_MINUTE").map(|_| number::<i64>("MINYI_API_PER_MINUTE", 300).map(|n| n.max(1) as usize)).transpose()?,
            db_timeout_ms: number::<u64>("MINYI_DB_TIMEOUT_MS", 2000)?.max(100),
            log_key: LogKey::File(PathBuf::from(var("MINYI_LOG_KEY_FILE").unwrap_or_else(|| "data/log-signing.key".into()))),
        })
    }

    /// Settings for tests: no SMTP, mail written under a temp dir.
    pub fn for_tests(database_url: &str, mail_dir: PathBuf) -> Self {
        Self {
            database_url: database_url.to_string(),
            base_url: "http://127.0.0.1:3000".into(),
            secure_cookies: false,
            demo: false,
            mail_dir,
            mail_from: "minyi <no-reply@minyi.test>".into(),
            smtp: None,
            trust_proxy: false,
            session_idle_minutes: 120,
            session_absolute_hours: 24,
            max_body_bytes: 256 * 1024,
            max_draft_body_bytes: 8 * 1024 * 1024,
            comment_states: DEFAULT_COMMENT_STATES.to_vec(),
            report_threshold: 3,
            api_per_minute: None,
            db_timeout_ms: 2000,
            log_key: LogKey::Fixed([7; 32]),
        }
    }
}
