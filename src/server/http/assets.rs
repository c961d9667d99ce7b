//! The build's files (`/pkg`: WASM, JS, CSS) and response compression.
//!
//! `make release` stores Brotli and gzip copies beside each build file at the highest
//! levels, so they are compressed once per build and not per request; every other
//! response (pages, JSON, Atom, CSV) is compressed on the fly at a quick level. The
//! live event stream is never compressed, so each event reaches the browser at once.
use leptos::config::LeptosOptions;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;

pub fn service(options: &LeptosOptions) -> ServeDir {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

/// Brotli or gzip as the client accepts; not for event streams, images or tiny bodies
/// (tower-http's default predicate), nor for what is already compressed.
pub fn compression() -> CompressionLayer {
    CompressionLayer::new().quality(CompressionLevel::Precise(4))
}
