//! Wire types used across areas: sessions, accounts, agencies, banners, form results.
use crate::domain::role::Role;
use crate::error::AppError;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub display_name: String,
    pub roles: Vec<Role>,
    /// A staff account that must set up a second factor before staff pages open.
    pub enrol_second_factor: bool,
}

impl SessionView {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A failed no-JavaScript form post, kept for the page it returns to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormFlash {
    pub form: String,
    /// The failure; `None` for a result shown once (e.g. new recovery codes).
    pub error: Option<AppError>,
    pub values: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JurisdictionView {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub signature_threshold: i64,
    pub signing_days: i64,
    pub response_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyView {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// Pick the text for the page's language.
pub fn localized<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::ZhTw => zh,
        Locale::En => en,
    }
}

impl JurisdictionView {
    pub fn name(&self, l: Locale) -> &str {
        localized(l, &self.name_zh, &self.name_en)
    }
}

impl AgencyView {
    pub fn name(&self, l: Locale) -> &str {
        localized(l, &self.name_zh, &self.name_en)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub display_name: String,
    pub email: String,
    pub locale: String,
    pub notify_signed: bool,
    pub notify_proposed: bool,
    pub roles: Vec<Role>,
    pub agencies: Vec<AgencyView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminUserView {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub verified: bool,
    pub roles: Vec<Role>,
    pub agencies: Vec<AgencyView>,
    /// Until when the account is suspended, if it is now.
    pub suspended_until: Option<crate::domain::time::Timestamp>,
    /// The organisation an administrator verified it speaks for (draft regulation comments).
    pub organisation: Option<String>,
}

/// A banner admins post on every page (beside the pause banner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BannerView {
    pub id: i64,
    pub warning: bool,
    pub message_zh: String,
    pub message_en: String,
    pub ends_at: Option<crate::domain::time::Timestamp>,
}

/// The second-factor page: enrolled or not, and while enrolling what to type in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorView {
    pub enrolled: bool,
    /// The account has a staff role, which needs a second factor.
    pub required: bool,
    /// While enrolling: the secret to type in, and its QR code as SVG.
    pub secret: Option<String>,
    pub qr_svg: Option<String>,
    pub codes_left: i64,
}
