//! Wire types: what server functions, pages and the server's services pass to each other.
//! Plain data with serde and small display helpers; no I/O and no rules (those live in
//! `domain`), so every layer above can use them without importing anything above itself.
pub mod common;
pub mod consultations;
pub mod deliberation;
pub mod discussion;
pub mod follows;
pub mod forms;
pub mod fraud;
pub mod org;
pub mod petitions;
pub mod regulation_report;
pub mod regulations;
pub mod responses;
pub mod tlog;
