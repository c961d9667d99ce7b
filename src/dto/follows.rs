//! Following a petition, an agency or a topic without signing: what the pages show.
use crate::domain::time::Timestamp;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// What can be followed. The target is a petition id, an agency id, a category (topic) id or
/// a consultation id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowKind {
    Petition,
    Agency,
    Topic,
    Consultation,
}

impl FollowKind {
    pub const ALL: [FollowKind; 4] = [Self::Petition, Self::Consultation, Self::Agency, Self::Topic];

    pub fn code(self) -> &'static str {
        match self {
            Self::Petition => "petition",
            Self::Agency => "agency",
            Self::Topic => "topic",
            Self::Consultation => "consultation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// How a person hears about what they follow (chosen in the profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FollowMail {
    #[default]
    Instant,
    Digest,
    Never,
}

impl FollowMail {
    pub const ALL: [FollowMail; 3] = [Self::Instant, Self::Digest, Self::Never];

    pub fn code(self) -> &'static str {
        match self {
            Self::Instant => "instant",
            Self::Digest => "digest",
            Self::Never => "never",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// The follow button's state for the person looking at the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowState {
    pub signed_in: bool,
    pub following: bool,
}

/// One thing the person follows, for /me/following.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowItem {
    pub kind: FollowKind,
    pub target: i64,
    pub name_zh: String,
    pub name_en: String,
    /// The page it is about, and its Atom feed.
    pub href: String,
    pub feed: String,
    pub since: Timestamp,
}

impl FollowItem {
    pub fn name(&self, l: Locale) -> &str {
        crate::dto::common::localized(l, &self.name_zh, &self.name_en)
    }
}

/// Where the Atom feed of a followed thing is (agencies and topics by their code).
pub fn feed_url(kind: FollowKind, id: i64, code: &str) -> String {
    match kind {
        FollowKind::Petition => format!("/api/v1/feeds/petitions/{id}"),
        FollowKind::Agency => format!("/api/v1/feeds/petitions.atom?agency={}", crate::domain::url::encode_query_value(code)),
        FollowKind::Topic => format!("/api/v1/feeds/petitions.atom?topic={}", crate::domain::url::encode_query_value(code)),
        FollowKind::Consultation => "/api/v1/feeds/consultations.atom".to_string(),
    }
}

/// The public page of a followed thing.
pub fn page_url(kind: FollowKind, id: i64, code: &str) -> String {
    match kind {
        FollowKind::Petition => format!("/petitions/{id}"),
        FollowKind::Agency => format!("/agencies/{}", crate::domain::url::encode_query_value(code)),
        FollowKind::Topic => format!("/petitions?category={id}"),
        FollowKind::Consultation => format!("/consultations/{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in FollowKind::ALL {
            assert_eq!(FollowKind::from_code(k.code()), Some(k));
        }
        for m in FollowMail::ALL {
            assert_eq!(FollowMail::from_code(m.code()), Some(m));
        }
        assert_eq!(FollowKind::from_code("user"), None);
    }
}
