//! minyi (民意): a public policy participation platform.
#![recursion_limit = "256"]
pub mod api;
pub mod app;
pub mod domain;
pub mod dto;
pub mod error;
pub mod i18n;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod server;

/// The browser's entry point. Pages are server-rendered HTML; only the islands in
/// `ui::islands` come alive here (the loader hydrates them right after this returns).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Marks the page as interactive once the islands are (browser tests wait for it).
    leptos::prelude::set_timeout(
        || {
            if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-hydrated", "");
            }
        },
        std::time::Duration::ZERO,
    );
}
