//! The setup file (`minyi admin import` / `export`): jurisdictions with their rules,
//! agencies, topics and first staff, in TOML. Codes are the keys, so importing the
//! same file twice changes nothing. Unknown keys are refused (a typo must not be
//! silently ignored).
use crate::domain::email::EmailAddress;
use crate::domain::org::{Level, NAME_EN_MAX, NAME_ZH_MAX, parse_code, parse_contact, parse_name};
use crate::domain::petition::Rules;
use crate::domain::role::Role;
use crate::i18n::Locale;
use crate::server::petitions::admin_rules::RulesInput;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SetupFile {
    pub jurisdiction: Vec<JurisdictionEntry>,
    pub agency: Vec<AgencyEntry>,
    pub topic: Vec<TopicEntry>,
    pub staff: Vec<StaffEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionEntry {
    pub code: String,
    pub level: Level,
    pub name_zh: String,
    pub name_en: String,
    pub signature_threshold: i64,
    pub signing_days: i64,
    pub response_days: i64,
    #[serde(default)]
    pub sponsors_needed: i64,
    #[serde(default = "three")]
    pub max_agencies: i64,
    #[serde(default = "seven")]
    pub review_working_days: i64,
    #[serde(default = "yes")]
    pub allow_signature_withdrawal: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_tier_threshold: Option<i64>,
    /// Days signers' personal data is kept after a petition ends (183 when left out).
    #[serde(default = "retention_default")]
    pub retention_days: i64,
    /// Days its agencies have to publish a consultation's conclusions (30 when left out).
    #[serde(default = "conclusion_default")]
    pub conclusion_days: i64,
    /// A draft regulation's usual comment period (60 when left out) and the days to answer
    /// its comments (30 when left out).
    #[serde(default = "regulation_default")]
    pub regulation_days: i64,
    #[serde(default = "regulation_answer_default")]
    pub regulation_answer_days: i64,
    /// Set only to change it: `true` retires, `false` brings back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<bool>,
}

fn retention_default() -> i64 {
    crate::domain::retention::DEFAULT_DAYS
}

fn conclusion_default() -> i64 {
    crate::domain::consultation::CONCLUSION_DAYS_DEFAULT
}

fn regulation_default() -> i64 {
    crate::domain::regulation::notice::PERIOD_DEFAULT_DAYS
}

fn regulation_answer_default() -> i64 {
    crate::domain::regulation::notice::ANSWER_DAYS_DEFAULT
}

fn three() -> i64 {
    3
}
fn seven() -> i64 {
    7
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyEntry {
    pub code: String,
    pub jurisdiction: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicEntry {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<bool>,
}

/// A staff member; a new account is invited by email to set its password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffEntry {
    pub email: String,
    pub name: String,
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
}

impl JurisdictionEntry {
    pub fn rules(&self) -> Result<Rules, String> {
        let n = |v: i64| v.to_string();
        let (a, b, c, d, e, f, g) = (
            n(self.signature_threshold),
            n(self.signing_days),
            n(self.response_days),
            n(self.sponsors_needed),
            self.second_tier_threshold.map(n).unwrap_or_default(),
            n(self.max_agencies),
            n(self.review_working_days),
        );
        let input = RulesInput {
            signature_threshold: &a,
            signing_days: &b,
            response_days: &c,
            sponsors_needed: &d,
            second_tier_threshold: &e,
            max_agencies: &f,
            review_working_days: &g,
            allow_signature_withdrawal: self.allow_signature_withdrawal,
        };
        input.parse().map_err(|errors| describe(&errors.0))
    }
}

fn describe(errors: &[(String, crate::domain::validation::FieldError)]) -> String {
    errors.iter().map(|(f, e)| format!("{f}: {}", Locale::En.field_error(e))).collect::<Vec<_>>().join("; ")
}

fn check<T>(problems: &mut Vec<String>, at: &str, field: &str, r: Result<T, crate::domain::validation::FieldError>) {
    if let Err(e) = r {
        problems.push(format!("{at}: {field}: {}", Locale::En.field_error(&e)));
    }
}

impl SetupFile {
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a setup file always serialises")
    }

    /// Every problem in the file, each with where it is; empty when it can be imported.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let seen = |p: &mut Vec<String>, kind: &str, codes: Vec<&str>| {
            let mut sorted = codes.clone();
            sorted.sort();
            for w in sorted.windows(2).filter(|w| w[0] == w[1]) {
                p.push(format!("{kind} {}: listed twice", w[0]));
            }
        };
        seen(&mut p, "jurisdiction", self.jurisdiction.iter().map(|j| j.code.as_str()).collect());
        seen(&mut p, "agency", self.agency.iter().map(|a| a.code.as_str()).collect());
        seen(&mut p, "topic", self.topic.iter().map(|t| t.code.as_str()).collect());
        seen(&mut p, "staff", self.staff.iter().map(|s| s.email.as_str()).collect());
        let names = |p: &mut Vec<String>, at: &str, code: &str, zh: &str, en: &str| {
            check(p, at, "code", parse_code(code).and_then(|c| if c == code { Ok(c) } else { Err(crate::domain::validation::FieldError::InvalidCharacters) }));
            check(p, at, "name_zh", parse_name(zh, NAME_ZH_MAX));
            check(p, at, "name_en", parse_name(en, NAME_EN_MAX));
        };
        for j in &self.jurisdiction {
            let at = format!("jurisdiction {}", j.code);
            names(&mut p, &at, &j.code, &j.name_zh, &j.name_en);
            if let Err(e) = j.rules() {
                p.push(format!("{at}: {e}"));
            }
            check(&mut p, &at, "retention_days", crate::domain::retention::parse_days(&j.retention_days.to_string()));
            check(&mut p, &at, "conclusion_days", crate::domain::consultation::parse_conclusion_days(&j.conclusion_days.to_string()));
            {
                use crate::domain::regulation::notice::*;
                check(&mut p, &at, "regulation_days", parse_days(&j.regulation_days.to_string(), PERIOD_MIN_DAYS, PERIOD_MAX_DAYS));
                check(&mut p, &at, "regulation_answer_days", parse_days(&j.regulation_answer_days.to_string(), ANSWER_DAYS_MIN, ANSWER_DAYS_MAX));
            }
        }
        for a in &self.agency {
            let at = format!("agency {}", a.code);
            names(&mut p, &at, &a.code, &a.name_zh, &a.name_en);
            check(&mut p, &at, "contact", parse_contact(&a.contact));
            if !self.jurisdiction.iter().any(|j| j.code == a.jurisdiction) {
                p.push(format!("{at}: jurisdiction {} is not in this file", a.jurisdiction));
            }
        }
        for t in &self.topic {
            names(&mut p, &format!("topic {}", t.code), &t.code, &t.name_zh, &t.name_en);
        }
        for s in &self.staff {
            let at = format!("staff {}", s.email);
            check(&mut p, &at, "email", EmailAddress::parse(&s.email));
            check(&mut p, &at, "name", crate::domain::account::DisplayName::parse(&s.name));
            if s.roles.is_empty() {
                p.push(format!("{at}: roles: give at least one of officer, moderator, admin"));
            }
            for r in &s.roles {
                if Role::from_code(r).is_none() {
                    p.push(format!("{at}: roles: {r} is not one of officer, moderator, admin"));
                }
            }
            for code in &s.agencies {
                if !self.agency.iter().any(|a| &a.code == code) {
                    p.push(format!("{at}: agency {code} is not in this file"));
                }
            }
            if !s.agencies.is_empty() && !s.roles.iter().any(|r| r == "officer") {
                p.push(format!("{at}: agencies are for officers: add \"officer\" to roles"));
            }
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../docs/setup/taiwan.toml");

    #[test]
    fn the_taiwan_sample_is_valid() {
        let f = SetupFile::parse(SAMPLE).unwrap();
        assert_eq!(f.problems(), Vec::<String>::new());
        assert_eq!(f.jurisdiction.len(), 23, "national and 22 local governments");
        assert_eq!(f.jurisdiction.iter().filter(|j| j.level == Level::Municipality).count(), 6);
        assert!(f.agency.iter().any(|a| a.code == "penghu-gov" && a.name_zh == "澎湖縣政府"));
    }

    #[test]
    fn problems_say_where() {
        let text = r#"
[[jurisdiction]]
code = "Bad Code"
level = "county"
name_zh = "<b>"
name_en = "X"
signature_threshold = 0
signing_days = 60
response_days = 60
conclusion_days = 3

[[agency]]
code = "a1"
jurisdiction = "nowhere"
name_zh = "某機關"
name_en = "Some agency"

[[staff]]
email = "not an email"
name = "王"
roles = ["king"]
agencies = ["zz"]
"#;
        let p = SetupFile::parse(text).unwrap().problems();
        for needle in [
            "jurisdiction Bad Code: code",
            "name_zh",
            "signature_threshold",
            "conclusion_days",
            "agency a1: jurisdiction nowhere",
            "staff not an email: email",
            "king",
            "agency zz",
        ] {
            assert!(p.iter().any(|x| x.contains(needle)), "{needle} in {p:#?}");
        }
        assert!(SetupFile::parse("[[agency]]\ncode = \"x\"\ncolour = \"red\"").unwrap_err().contains("colour"), "unknown keys are refused");
    }
}
