pub mod field;
pub mod form_state;
pub mod notice;
pub mod status;
