//! Translations. Every UI string is a `Key`; each locale file matches on every key,
//! so a missing translation is a compile error.
pub mod detect;
pub mod labels;
#[rustfmt::skip]
mod en;
#[rustfmt::skip]
mod en_discussion;
#[rustfmt::skip]
mod en_faults;
#[rustfmt::skip]
mod en_fraud;
#[rustfmt::skip]
mod en_open_data;
#[rustfmt::skip]
mod en_org;
#[rustfmt::skip]
mod en_privacy;
#[rustfmt::skip]
mod en_security;
mod keys;
#[rustfmt::skip]
mod zh_tw;
#[rustfmt::skip]
mod zh_tw_discussion;
#[rustfmt::skip]
mod zh_tw_faults;
#[rustfmt::skip]
mod zh_tw_fraud;
#[rustfmt::skip]
mod zh_tw_open_data;
#[rustfmt::skip]
mod zh_tw_org;
#[rustfmt::skip]
mod zh_tw_privacy;
#[rustfmt::skip]
mod zh_tw_security;

pub use keys::Key;

use crate::domain::validation::FieldError;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const LANG_COOKIE: &str = "minyi_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    ZhTw,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhTw, Locale::En];

    /// BCP 47 tag, used for `<html lang>`, cookies and the database.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }
    pub fn from_tag(tag: &str) -> Option<Self> {
        let t = tag.trim().to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") {
            Some(Locale::En)
        } else if t == "zh" || t.starts_with("zh-") {
            // Traditional Chinese serves all Chinese readers until zh-Hans exists.
            Some(Locale::ZhTw)
        } else {
            None
        }
    }
    /// The first supported language in an `Accept-Language` header, by q-value.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut tags: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        tags.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        tags.into_iter().filter(|(q, _)| *q > 0.0).find_map(|(_, t)| Self::from_tag(t))
    }
    /// The language's own name, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhTw => "中文（臺灣）",
            Locale::En => "English",
        }
    }
    pub fn text(self, key: Key) -> &'static str {
        match self {
            Locale::ZhTw => zh_tw::text(key),
            Locale::En => en::text(key),
        }
    }
    /// A text with `{name}` placeholders filled in.
    pub fn format(self, key: Key, args: &[(&str, String)]) -> String {
        let mut s = self.text(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    pub fn field_error(self, e: &FieldError) -> String {
        match e {
            FieldError::Required => self.text(Key::ErrRequired).into(),
            FieldError::TooShort { min } => self.format(Key::ErrTooShort, &[("min", min.to_string())]),
            FieldError::TooLong { max } => self.format(Key::ErrTooLong, &[("max", max.to_string())]),
            FieldError::InvalidEmail => self.text(Key::ErrInvalidEmail).into(),
            FieldError::WeakPassword => self.text(Key::ErrWeakPassword).into(),
            FieldError::PasswordMismatch => self.text(Key::ErrPasswordMismatch).into(),
            FieldError::WrongPassword => self.text(Key::ErrWrongPassword).into(),
            FieldError::InvalidCharacters => self.text(Key::ErrInvalidCharacters).into(),
            FieldError::HiddenCharacters => self.text(Key::ErrHiddenCharacters).into(),
            FieldError::UnknownChoice => self.text(Key::ErrUnknownChoice).into(),
            FieldError::ConfirmationMismatch => self.text(Key::ErrConfirmationMismatch).into(),
            FieldError::InvalidUrl => self.text(Key::ErrInvalidUrl).into(),
            FieldError::TooMany { max } => self.format(Key::ErrTooMany, &[("max", max.to_string())]),
            FieldError::TooSmall { min } => self.format(Key::ErrTooSmall, &[("min", min.to_string())]),
            FieldError::TooLarge { max } => self.format(Key::ErrTooLarge, &[("max", max.to_string())]),
            FieldError::NotANumber => self.text(Key::ErrNotANumber).into(),
            FieldError::Taken => self.text(Key::ErrTaken).into(),
            FieldError::InvalidDate => self.text(Key::ErrInvalidDate).into(),
            FieldError::InThePast => self.text(Key::ErrInThePast).into(),
            FieldError::WrongCode => self.text(Key::ErrWrongCode).into(),
            FieldError::StillNeeded { count } => self.format(Key::ErrStillNeeded, &[("count", count.to_string())]),
        }
    }

    pub fn app_error(self, e: &AppError) -> String {
        match e {
            AppError::Invalid(_) => self.text(Key::ErrInvalidForm).into(),
            AppError::BadCredentials => self.text(Key::ErrBadCredentials).into(),
            AppError::EmailNotVerified => self.text(Key::ErrEmailNotVerified).into(),
            AppError::Unauthenticated => self.text(Key::ErrUnauthenticated).into(),
            AppError::Forbidden => self.text(Key::ErrForbidden).into(),
            AppError::NotFound => self.text(Key::ErrNotFound).into(),
            AppError::InvalidToken => self.text(Key::ErrInvalidToken).into(),
            AppError::RateLimited { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                self.format(Key::ErrRateLimited, &[("minutes", minutes.to_string())])
            }
            AppError::Conflict => self.text(Key::ErrConflict).into(),
            AppError::Paused => self.text(Key::ErrPaused).into(),
            AppError::SigningClosed => self.text(Key::ErrSigningClosed).into(),
            AppError::NotClaimed => self.text(Key::ErrNotClaimed).into(),
            AppError::Suspended { until } if *until >= crate::domain::discussion::FOREVER => self.text(Key::ErrSuspendedForever).into(),
            AppError::Suspended { until } => self.format(Key::ErrSuspended, &[("until", until.datetime_taipei())]),
            AppError::BadRequest => self.text(Key::ErrBadRequest).into(),
            AppError::Network => self.text(Key::ErrNetwork).into(),
            AppError::Unavailable { .. } => self.text(Key::ErrUnavailable).into(),
            AppError::Internal => self.text(Key::ErrInternal).into(),
        }
    }
}

/// The page's locale, provided once by the app shell.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Shorthand for components: `t(Key::X)`.
pub fn t(key: Key) -> &'static str {
    use_locale().text(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_tag() {
        assert_eq!(Locale::from_accept_language("en-GB,en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("fr;q=1, zh-TW;q=0.8, en;q=0.5"), Some(Locale::ZhTw));
        assert_eq!(Locale::from_accept_language("en;q=0.2, zh-Hant;q=0.9"), Some(Locale::ZhTw));
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language("en;q=0"), None);
    }

    #[test]
    fn placeholders_are_filled() {
        let s = Locale::En.field_error(&FieldError::TooShort { min: 12 });
        assert!(s.contains("12"), "{s}");
        let z = Locale::ZhTw.field_error(&FieldError::TooShort { min: 12 });
        assert!(z.contains("12"), "{z}");
    }

    #[test]
    fn every_key_has_text_in_every_locale() {
        for key in Key::ALL {
            for l in Locale::ALL {
                assert!(!l.text(*key).trim().is_empty(), "{key:?} in {l:?}");
            }
        }
    }
}
