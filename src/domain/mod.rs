//! Shared types and pure rules. No I/O here: everything is unit-tested.
pub mod account;
pub mod consultation;
pub mod county;
pub mod deliberation;
pub mod discussion;
pub mod email;
pub mod fraud;
pub mod org;
pub mod petition;
pub mod response;
pub mod retention;
pub mod role;
pub mod second_factor;
pub mod statement;
pub mod time;
pub mod url;
pub mod validation;
