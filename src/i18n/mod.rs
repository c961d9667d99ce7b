//! Translations. The texts live in `src/i18n/locales/*.json`; the build script
//! (`src/i18n/build.rs`) refuses a missing or empty text or a placeholder one language
//! lacks, and generates `Key`, the tables and a typed method for each text with placeholders
//! (`Locale::err_too_short(min)`), so a call site that forgets an argument does not compile.
mod args;
pub mod detect;
pub mod labels;

use args::fill;
pub use args::{Count, Grouped};

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

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
    /// A plural text in the form its count takes in this language.
    fn plural_text(self, key: Key, count: &impl Count) -> &'static str {
        count.number().and_then(|n| self.plural_form(key, self.plural_category(n))).unwrap_or_else(|| self.text(key))
    }

    pub fn field_error(self, e: &FieldError) -> String {
        match e {
            FieldError::Required => self.text(Key::ErrRequired).into(),
            FieldError::TooShort { min } => self.err_too_short(min),
            FieldError::TooLong { max } => self.err_too_long(max),
            FieldError::InvalidEmail => self.text(Key::ErrInvalidEmail).into(),
            FieldError::WeakPassword => self.text(Key::ErrWeakPassword).into(),
            FieldError::PasswordMismatch => self.text(Key::ErrPasswordMismatch).into(),
            FieldError::WrongPassword => self.text(Key::ErrWrongPassword).into(),
            FieldError::InvalidCharacters => self.text(Key::ErrInvalidCharacters).into(),
            FieldError::HiddenCharacters => self.text(Key::ErrHiddenCharacters).into(),
            FieldError::UnknownChoice => self.text(Key::ErrUnknownChoice).into(),
            FieldError::AgencyOutsideJurisdiction => self.text(Key::ErrAgencyOutsideJurisdiction).into(),
            FieldError::DuplicateStatement => self.text(Key::ErrDuplicateStatement).into(),
            FieldError::NoSuchPetition => self.text(Key::ErrNoSuchPetition).into(),
            FieldError::ConfirmationMismatch => self.text(Key::ErrConfirmationMismatch).into(),
            FieldError::InvalidUrl => self.text(Key::ErrInvalidUrl).into(),
            FieldError::TooMany { max } => self.err_too_many(max),
            FieldError::TooSmall { min } => self.err_too_small(min),
            FieldError::TooLarge { max } => self.err_too_large(max),
            FieldError::NotANumber => self.text(Key::ErrNotANumber).into(),
            FieldError::Taken => self.text(Key::ErrTaken).into(),
            FieldError::InvalidDate => self.text(Key::ErrInvalidDate).into(),
            FieldError::InThePast => self.text(Key::ErrInThePast).into(),
            FieldError::WrongCode => self.text(Key::ErrWrongCode).into(),
            FieldError::StillNeeded { count } => self.err_still_needed(count),
            FieldError::TooFarAhead { days } => self.err_too_far_ahead(days),
            FieldError::PeriodTooShort { days } => self.err_period_too_short(days),
            FieldError::PeriodTooLong { days } => self.err_period_too_long(days),
            FieldError::NoArticles => self.text(Key::ErrNoArticles).into(),
            FieldError::DuplicateArticle { number } => self.err_duplicate_article(number),
            FieldError::MalformedTable => self.text(Key::ErrMalformedTable).into(),
            FieldError::NotInDraft { number } => self.err_not_in_draft(number),
            FieldError::NotText => self.text(Key::ErrNotText).into(),
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
                self.err_rate_limited(minutes)
            }
            AppError::Conflict => self.text(Key::ErrConflict).into(),
            AppError::Paused => self.text(Key::ErrPaused).into(),
            AppError::SigningClosed => self.text(Key::ErrSigningClosed).into(),
            AppError::NotClaimed => self.text(Key::ErrNotClaimed).into(),
            AppError::Suspended { until } if *until >= crate::domain::discussion::FOREVER => self.text(Key::ErrSuspendedForever).into(),
            AppError::Suspended { until } => self.err_suspended(until.datetime_taipei()),
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

    /// Every text of a key in a language: the `other` form and any other plural forms.
    fn forms(l: Locale, key: Key) -> Vec<&'static str> {
        std::iter::once(l.text(key)).chain(Plural::ALL.iter().filter_map(|c| l.plural_form(key, *c))).collect()
    }

    fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
        text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect()
    }

    #[test]
    fn every_key_has_text_in_every_locale() {
        for key in Key::ALL {
            for l in Locale::ALL {
                for text in forms(l, *key) {
                    assert!(!text.trim().is_empty(), "{key:?} in {l:?}");
                }
            }
        }
    }

    #[test]
    fn every_placeholder_of_a_key_is_in_every_locale() {
        for key in Key::ALL {
            let expected = placeholders(Locale::ALL[0].text(*key));
            for l in Locale::ALL {
                for text in forms(l, *key) {
                    assert_eq!(placeholders(text), expected, "{key:?} in {l:?}: {text}");
                }
            }
        }
    }

    #[test]
    fn english_counts_take_their_plural_form() {
        assert_eq!(Locale::En.discussion_count(1), "1 comment");
        assert_eq!(Locale::En.discussion_count(0), "0 comments");
        assert_eq!(Locale::En.discussion_count(2usize), "2 comments");
        assert_eq!(Locale::ZhTw.discussion_count(1), "共 1 則留言");
        assert_eq!(Locale::En.fraud_preview(Grouped(1234)), "This selection takes 1,234 signatures now.");
        assert!(Locale::En.app_error(&AppError::RateLimited { retry_after_secs: 30 }).contains("wait 1 minute and"));
        // Timeline details are stored as text: a number picks the form, anything else is shown as is.
        assert_eq!(labels::event_text(Locale::En, "closed", "1"), "Signing ended (1 signature)");
        assert_eq!(labels::event_text(Locale::En, "closed", "n/a"), "Signing ended (n/a signatures)");
    }
}
