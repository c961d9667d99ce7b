pub mod officer;
pub mod password;
pub mod session;
pub mod tokens;
pub mod totp;
