//! Administration actions. Every function checks the admin role itself first.
pub mod users;
