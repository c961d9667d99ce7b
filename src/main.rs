//! minyi's server binary: serves the platform, or runs an admin command.
#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use leptos::config::get_configuration;
    use minyi::serve;
    use minyi::server::{cli, clock::SystemClock, config::Config, seed, state};
    use std::process::ExitCode;
    use std::sync::Arc;

    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    // JSON lines for log collectors in production; readable text otherwise.
    if std::env::var("MINYI_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().init();
    } else {
        logs.init();
    }

    let args: Vec<String> = std::env::args().skip(1).collect();
    // The log's verifiers need neither configuration nor a database: anyone can run them.
    if let Some(code) = minyi::server::tlog::cli::run(&args).await {
        return code;
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    // Before the state: starting refuses to run while the log's key file is missing.
    if args.first().is_some_and(|a| a == "log") && args.get(1).is_some_and(|a| a == "new-key") {
        let done = async {
            let db = minyi::server::db::Db::connect(&config.database_url).await?;
            db.migrate().await?;
            let now = minyi::server::clock::Clock::now(&SystemClock);
            minyi::server::tlog::keys::new_key(&config, &db, now, &args).await
        };
        return report(done.await);
    }
    let cargo_toml = std::path::Path::new("Cargo.toml").exists().then_some("Cargo.toml");
    let leptos_options = match get_configuration(cargo_toml) {
        Ok(c) => c.leptos_options,
        Err(e) => {
            eprintln!("leptos configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = leptos_options.site_addr;
    let demo = config.demo;
    let state = match state::init(config, Arc::new(SystemClock), leptos_options, None).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("start-up failed: {e}");
            return ExitCode::FAILURE;
        }
    };

    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["admin", "create", ..] => {
            let password = std::env::var("MINYI_ADMIN_PASSWORD").ok().or_else(|| {
                eprintln!("Password for the new administrator (input is read from stdin):");
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).ok()?;
                Some(line.trim_end_matches(['\r', '\n']).to_string())
            });
            return match cli::admin_create(&state, &args, password).await {
                Ok(msg) => {
                    println!("{msg}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            };
        }
        ["admin", "import", path] => return report(cli::admin_import(&state, path).await),
        ["admin", "export"] => return report(cli::admin_export(&state, None).await),
        ["admin", "export", path] => return report(cli::admin_export(&state, Some(path)).await),
        [] | ["serve"] => {}
        _ => {
            eprintln!("{}\n{}", cli::USAGE, minyi::server::tlog::cli::USAGE_LINES);
            return ExitCode::FAILURE;
        }
    }

    fn report(r: Result<String, minyi::server::error::ServerError>) -> ExitCode {
        match r {
            Ok(msg) => {
                println!("{msg}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        }
    }

    if demo {
        if let Err(e) = seed::run(&state).await {
            eprintln!("demo data: {e}");
            return ExitCode::FAILURE;
        }
        seed::print_accounts(&state.config.base_url);
    }
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(%addr, engine = ?state.db.engine, "minyi listening");
    let app = serve::router(state.clone());
    match serve::run(state, app, listener, serve::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser bundle is built from lib.rs (`hydrate`); the binary needs `ssr`.
}
