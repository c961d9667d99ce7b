//! Server tests. Every `db_test!` runs once on SQLite and once on PostgreSQL.
mod accounts;
mod admin;
mod api_v1;
mod counts;
mod delivery;
mod discussion;
mod email;
mod fraud;
mod hostile;
mod jobs;
mod one_truth;
mod pages;
mod petitions;
mod responses;
mod security;
mod shutdown;
mod signing_batches;
