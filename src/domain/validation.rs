//! Field-level validation results that travel from server to page.
use serde::{Deserialize, Serialize};

/// A machine-readable reason a field was refused; the UI translates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooShort { min: usize },
    TooLong { max: usize },
    InvalidEmail,
    WeakPassword,
    PasswordMismatch,
    WrongPassword,
    InvalidCharacters,
    UnknownChoice,
    ConfirmationMismatch,
    InvalidUrl,
    TooMany { max: usize },
    TooSmall { min: i64 },
    TooLarge { max: i64 },
    NotANumber,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, FieldError)>);

impl FieldErrors {
    pub fn one(field: &str, error: FieldError) -> Self {
        let mut e = Self::new();
        e.add(field, error);
        e
    }
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &str, error: FieldError) {
        self.0.push((field.to_string(), error));
    }
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, e)| e)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Record the error of a parse, keeping the parsed value when it succeeded.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, FieldError>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }
}
