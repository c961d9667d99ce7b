//! What a server function needs from its request: state, user, client address.
use super::state::AppState;
use crate::error::AppError;
use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::*;
use std::net::SocketAddr;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The client address: the socket peer, or (behind our own proxy) the last
/// `X-Forwarded-For` entry, the one the proxy added; earlier ones are client-supplied.
pub fn client_ip(state: &AppState) -> String {
    let Some(parts) = parts() else { return "unknown".into() };
    client_ip_of(state, &parts.headers, &parts.extensions)
}

/// As `client_ip`, from a request's headers and extensions (for plain handlers).
pub fn client_ip_of(state: &AppState, headers: &http::HeaderMap, extensions: &http::Extensions) -> String {
    if state.config.trust_proxy
        && let Some(ip) = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.rsplit(',').next())
    {
        return ip.trim().to_string();
    }
    extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// The request's User-Agent ("" if none), kept with a signature for fraud review.
pub fn user_agent() -> String {
    parts().and_then(|p| p.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(String::from)).unwrap_or_default()
}

/// A browser form post without JavaScript asks for HTML back.
pub fn is_html_form_post() -> bool {
    parts().and_then(|p| p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html"))).unwrap_or(false)
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&value)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

pub fn cookie(name: &str) -> Option<String> {
    parts().and_then(|p| super::http::cookies::get(&p.headers, name))
}
