//! The composition root: the router (used by `main` and by tests) and the serving loop
//! with graceful shutdown. It sits above `app` and `server`, beside `main`.
use crate::app::{App, shell};
use crate::server::http::{self as layers, locale::resolve_locale, security::CspNonce};
use crate::server::jobs;
use crate::server::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::watch;

/// Context every page render and server function gets.
fn provide_request_context(state: AppState) {
    provide_context(state);
    if let Some(parts) = use_context::<Parts>() {
        provide_context(resolve_locale(&parts));
        if let Some(nonce) = parts.extensions.get::<CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
        }
    }
}

pub fn router(state: AppState) -> Router {
    router_with_routes(state, generate_route_list(App))
}

/// The router for an already generated route list. Leptos's route generation
/// renders the app in a special mode and must not overlap page renders, so it
/// runs once, before serving (tests share one list across the process).
pub fn router_with_routes(state: AppState, routes: Vec<leptos_axum::AxumRouteListing>) -> Router {
    let options = state.leptos_options.clone();
    let ctx_state = state.clone();
    Router::new()
        .route("/healthz", get(layers::health::healthz))
        .route("/readyz", get(layers::health::readyz))
        .route("/lang", post(layers::lang::switch))
        .route("/unsubscribe/{token}", post(layers::unsubscribe::post))
        .route("/unsubscribe/follow/{token}", post(crate::server::follows::unsubscribe::post))
        .route("/profile/data.zip", get(layers::my_data::get))
        .route("/regulations/upload", post(layers::regulation_upload::post))
        .route("/log/checkpoint", get(layers::tlog::checkpoint))
        .route("/log/key", get(layers::tlog::key))
        .route("/log/tile/{*path}", get(layers::tlog::tile))
        .route("/petitions/{id}/receipt", get(layers::tlog::my_receipt))
        .route("/sign/receipt", get(layers::tlog::visitor_receipt))
        .nest("/api/v1", crate::server::api_v1::router().layer(axum::middleware::from_fn_with_state(state.clone(), crate::server::api_v1::guard)))
        .leptos_routes_with_context(&state, routes, move || provide_request_context(ctx_state.clone()), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service(&format!("/{}", options.site_pkg_dir), layers::assets::service(&options))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Layers run bottom-up on the way in: compression, security headers, body limit,
        // CSRF, session, cache headers, then the page cache.
        .layer(axum::middleware::from_fn(layers::api_status::map))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::page_cache::layer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::caching::layer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::session::attach))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::csrf::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::body_limit::layer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::security::headers))
        .layer(layers::assets::compression())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Serve until `shutdown` resolves: in-flight requests finish, then the job
/// loops stop after their current run. Outbox rows are committed with their
/// actions, so whatever is not yet sent is delivered after the next start.
pub async fn run(state: AppState, app: Router, listener: tokio::net::TcpListener, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut workers = jobs::spawn(state, stop_rx);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown).await?;
    tracing::info!("HTTP server stopped; stopping background jobs");
    let _ = stop_tx.send(true);
    let drain = async { while workers.join_next().await.is_some() {} };
    if tokio::time::timeout(Duration::from_secs(30), drain).await.is_err() {
        tracing::warn!("background jobs did not stop within 30 s");
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutdown signal received");
}
