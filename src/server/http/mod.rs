//! HTTP layers and the few plain handlers outside Leptos.
pub mod api_status;
pub mod assets;
pub mod caching;
pub mod cookies;
pub mod csrf;
pub mod encoding;
pub mod health;
pub mod lang;
pub mod locale;
pub mod my_data;
pub mod outage;
pub mod page_cache;
pub mod page_store;
pub mod security;
pub mod session;
pub mod unsubscribe;
