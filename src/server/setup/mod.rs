//! Scripted set-up: `minyi admin import FILE` and `minyi admin export`.
pub mod apply;
pub mod export;
pub mod file;
