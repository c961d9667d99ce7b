//! Personal data over its lifetime: retired on schedule (`retention`) and handed to its
//! owner on request (`export`).
pub mod export;
pub mod retention;
