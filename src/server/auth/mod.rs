pub mod guard;
pub mod password;
pub mod session;
pub mod tokens;
pub mod totp;
pub mod user;
