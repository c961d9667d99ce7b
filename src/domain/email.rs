//! Email addresses: parsed once, stored lower-cased; the normalised form
//! identifies one person (dots and +tags ignored where the provider ignores them).
use super::validation::FieldError;
use serde::{Deserialize, Serialize};

pub const MAX_EMAIL_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.len() > MAX_EMAIL_LEN {
            return Err(FieldError::TooLong { max: MAX_EMAIL_LEN });
        }
        let (local, domain) = s.rsplit_once('@').ok_or(FieldError::InvalidEmail)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(FieldError::InvalidEmail);
        }
        Ok(Self(format!("{}@{}", local, domain.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identity key: case-folded; for providers that ignore them, dots and
    /// `+tag` suffixes in the local part are removed (as the UK petitions site does).
    pub fn normalized(&self) -> String {
        let lower = self.0.to_ascii_lowercase();
        let (local, domain) = lower.rsplit_once('@').expect("parsed address has @");
        let domain = if domain == "googlemail.com" { "gmail.com" } else { domain };
        let ignores_dots = matches!(domain, "gmail.com");
        let ignores_tags =
            matches!(domain, "gmail.com" | "outlook.com" | "hotmail.com" | "live.com" | "icloud.com" | "me.com" | "yahoo.com" | "proton.me" | "protonmail.com");
        let mut local = local.to_string();
        if ignores_tags && let Some(i) = local.find('+') {
            local.truncate(i);
        }
        if ignores_dots {
            local.retain(|c| c != '.');
        }
        format!("{local}@{domain}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_lowercases_the_domain() {
        let e = EmailAddress::parse("  Mei.Lin@Example.TW ").unwrap();
        assert_eq!(e.as_str(), "Mei.Lin@example.tw");
        assert_eq!(e.normalized(), "mei.lin@example.tw");
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in ["", "no-at", "a@b", "@x.tw", "a..b@x.tw", "a@-x.tw", "a b@x.tw", "a@x..tw"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(EmailAddress::parse(""), Err(FieldError::Required));
        let long = format!("{}@x.tw", "a".repeat(260));
        assert_eq!(EmailAddress::parse(&long), Err(FieldError::TooLong { max: MAX_EMAIL_LEN }));
    }

    #[test]
    fn normalises_gmail_dots_and_tags_only_where_ignored() {
        let g = EmailAddress::parse("Mei.Lin+petitions@GoogleMail.com").unwrap();
        assert_eq!(g.normalized(), "meilin@gmail.com");
        let o = EmailAddress::parse("a.b+x@outlook.com").unwrap();
        assert_eq!(o.normalized(), "a.b@outlook.com");
        let other = EmailAddress::parse("a.b+x@gov.tw").unwrap();
        assert_eq!(other.normalized(), "a.b+x@gov.tw");
    }
}
