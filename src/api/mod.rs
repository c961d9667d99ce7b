//! Server functions by area. Each is a public endpoint: it finds its state and
//! user, checks permissions through the server action it calls, and maps errors.
pub mod admin;
pub mod auth;
pub mod consultations;
pub mod deliberation;
pub mod discussion;
pub mod follows;
pub mod form;
pub mod fraud;
pub mod home;
pub mod open_data;
pub mod org;
pub mod petitions;
pub mod privacy;
pub mod profile;
pub mod regulation_report;
pub mod regulations;
pub mod responses;
pub mod second_factor;
pub mod session;
pub mod tlog;
