//! The request's language, for pages, server functions and the answers made without them.
use crate::i18n::{LANG_COOKIE, Locale};
use crate::server::auth::session::SessionUser;
use http::request::Parts;

/// The request's language: saved choice (cookie), then the account's, then the browser's.
pub fn resolve_locale(parts: &Parts) -> Locale {
    super::cookies::get(&parts.headers, LANG_COOKIE)
        .and_then(|c| Locale::from_tag(&c))
        .or_else(|| parts.extensions.get::<SessionUser>().and_then(|u| Locale::from_tag(&u.locale)))
        .or_else(|| parts.headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language))
        .unwrap_or_default()
}
