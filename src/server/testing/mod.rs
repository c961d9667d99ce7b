//! Test support: a fresh app per test on SQLite or on a throw-away PostgreSQL,
//! a fake clock, HTTP helpers driving the real router, and a real SMTP listener.
pub mod http;
pub use super::pg_throwaway as pg;
pub mod smtp;

use super::clock::FakeClock;
use super::config::Config;
use super::db::Engine;
use super::state::{self, AppState};
use crate::domain::time::Timestamp;
use leptos::config::LeptosOptions;
use sqlx::{Connection, Executor, Row};
use std::sync::Arc;

/// 2026-11-25T17:50:00Z
pub const T0: Timestamp = Timestamp(1_795_629_000_000);

pub struct TestApp {
    pub state: AppState,
    /// Built once, as in production (route generation is a start-up step).
    pub router: axum::Router,
    pub clock: FakeClock,
    pub engine: Engine,
    pub dir: tempfile::TempDir,
}

/// One runtime for every server test, as in production. Leptos spawns render
/// tasks on the current runtime through a process-wide executor; with a runtime
/// per test, a task could land on another test's runtime and die with it.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().expect("test runtime"))
}

/// Run a test body on both engines: `db_test!(name);` for `async fn name(app: TestApp)`.
#[macro_export]
macro_rules! db_test {
    ($name:ident) => {
        mod $name {
            #[test]
            fn sqlite() {
                $crate::server::testing::runtime()
                    .block_on(async { super::$name($crate::server::testing::app($crate::server::db::Engine::Sqlite).await).await })
            }
            #[test]
            fn postgres() {
                $crate::server::testing::runtime()
                    .block_on(async { super::$name($crate::server::testing::app($crate::server::db::Engine::Postgres).await).await })
            }
        }
    };
}

pub async fn database_url(engine: Engine, dir: &std::path::Path) -> String {
    match engine {
        Engine::Sqlite => format!("sqlite://{}/test.db?mode=rwc", dir.display()),
        Engine::Postgres => {
            sqlx::any::install_default_drivers();
            let base = pg::server_url();
            let name = format!("t_{}", super::auth::tokens::generate(8).0);
            let mut conn = sqlx::AnyConnection::connect(&format!("{base}/postgres")).await.expect("connect to test PostgreSQL");
            conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
            format!("{base}/{name}")
        }
    }
}

pub async fn app(engine: Engine) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = database_url(engine, dir.path()).await;
    app_on(engine, dir, &url, None).await
}

/// Another instance on the same database (for multi-instance tests), or one with a custom mailer.
pub async fn app_on(engine: Engine, dir: tempfile::TempDir, url: &str, mailer: Option<Arc<dyn super::email::transport::MailTransport>>) -> TestApp {
    let config = Config::for_tests(url, dir.path().join("mail"));
    let clock = FakeClock::at(T0);
    let options = LeptosOptions::builder().output_name("minyi").build();
    let state = state::init(config, Arc::new(clock.clone()), options, mailer).await.expect("init state");
    // Route generation must not overlap page renders: once per process, as in production.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| leptos_axum::generate_route_list(crate::app::App)).clone();
    let router = crate::serve::router_with_routes(state.clone(), routes);
    TestApp { state, router, clock, engine, dir }
}

impl TestApp {
    /// Outbox messages to `to`, oldest first: (subject, body, sent?).
    pub async fn emails_to(&self, to: &str) -> Vec<(String, String, bool)> {
        sqlx::query("SELECT subject, body_text, sent_at FROM outbox WHERE to_addr = $1 ORDER BY id")
            .bind(to)
            .fetch_all(&self.state.db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get("subject"), r.get("body_text"), r.get::<Option<i64>, _>("sent_at").is_some()))
            .collect()
    }

    /// The token in the last link to `path` emailed to `to`.
    pub async fn last_link_token(&self, to: &str, path: &str) -> String {
        let mails = self.emails_to(to).await;
        let needle = format!("{path}?token=");
        let body = &mails.iter().rev().find(|m| m.1.contains(&needle)).unwrap_or_else(|| panic!("no {path} link sent to {to}")).1;
        let start = body.find(&needle).unwrap() + needle.len();
        body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query(sql).fetch_one(&self.state.db.pool).await.unwrap().get::<i64, _>(0)
    }
}

/// The second factor in tests: enrol directly, pass it with computed codes.
impl TestApp {
    async fn user_id_of(&self, email: &str) -> i64 {
        sqlx::query("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&self.state.db.pool).await.unwrap().get("id")
    }

    /// Give the account a confirmed second factor (as enrolment would); its secret.
    pub async fn enrol(&self, email: &str) -> String {
        let id = self.user_id_of(email).await;
        let secret = super::auth::totp::new_secret();
        let db = &self.state.db.pool;
        super::db::second_factor::start(db, id, &secret, self.state.now()).await.unwrap();
        super::db::second_factor::confirm(db, id, &secret, self.state.now()).await.unwrap();
        self.state.sessions_changed();
        secret
    }

    /// A fresh code for the account: the clock moves on a step if this one was used.
    pub async fn fresh_code(&self, email: &str) -> String {
        let id = self.user_id_of(email).await;
        let row = sqlx::query("SELECT secret, last_step FROM totp_factors WHERE user_id = $1").bind(id).fetch_one(&self.state.db.pool).await.unwrap();
        let (secret, last): (String, i64) = (row.get("secret"), row.get("last_step"));
        if crate::domain::second_factor::step_of(self.state.now().0) <= last {
            self.clock.advance_millis(30_000);
        }
        super::auth::totp::code_at(&secret, self.state.now())
    }

    /// Pass the second factor on a session that has the password only.
    pub async fn pass_second_factor(&self, session: &str, email: &str) {
        let code = self.fresh_code(email).await;
        let r = self.call("second_factor_verify", &[("code", &code)], Some(session)).await;
        assert_eq!(r.status, ::http::StatusCode::OK, "second factor: {}", r.body);
    }

    /// Enrol through the pages' server functions, as a person would; the secret.
    pub async fn enrol_via_pages(&self, session: &str, email: &str) -> String {
        let r = self.call("second_factor_start", &[], Some(session)).await;
        assert_eq!(r.status, ::http::StatusCode::OK, "{}", r.body);
        let id = self.user_id_of(email).await;
        let secret: String =
            sqlx::query("SELECT secret FROM totp_factors WHERE user_id = $1").bind(id).fetch_one(&self.state.db.pool).await.unwrap().get("secret");
        let code = self.fresh_code(email).await;
        let r = self.call("second_factor_confirm", &[("code", &code)], Some(session)).await;
        assert_eq!(r.status, ::http::StatusCode::OK, "{}", r.body);
        secret
    }

    /// A staff member's session that passed the second factor (enrolling them if needed).
    pub async fn staff_session(&self, user_id: i64) -> String {
        let db = &self.state.db.pool;
        if super::db::second_factor::get(db, user_id).await.unwrap().is_none() {
            let secret = super::auth::totp::new_secret();
            super::db::second_factor::start(db, user_id, &secret, self.state.now()).await.unwrap();
            super::db::second_factor::confirm(db, user_id, &secret, self.state.now()).await.unwrap();
        }
        let mut tx = self.state.db.begin().await.unwrap();
        let raw = super::auth::session::create(&mut **tx, &self.state.config, user_id, self.state.now()).await.unwrap();
        super::db::second_factor::mark_session(&mut **tx, &super::auth::tokens::hash(&raw), self.state.now()).await.unwrap();
        tx.commit().await.unwrap();
        raw
    }
}

/// Wall-clock milliseconds (for process heartbeats, which do not use the fake clock).
pub fn wall_ms() -> i64 {
    super::clock::Clock::now(&super::clock::SystemClock).0
}
