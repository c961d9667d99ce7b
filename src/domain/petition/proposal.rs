//! A proposal's text, parsed once. Drafts may be incomplete; submitting needs every field.
use crate::domain::validation::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 80;
pub const TITLE_MIN: usize = 4;
pub const BODY_MAX: usize = 5000;
pub const PROBLEM_MIN: usize = 20;
pub const SECTION_MIN: usize = 10;
pub const LINKS_MAX: usize = 10;
pub const LINK_MAX: usize = 500;

/// What the proposer typed, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalInput {
    pub title: String,
    pub problem: String,
    pub action: String,
    pub benefits: String,
    /// One link per line.
    pub evidence: String,
    pub category_id: String,
    pub jurisdiction_id: String,
    pub agency_ids: Vec<String>,
}

/// A proposal that passed the rules for its purpose (draft or submission).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub title: String,
    pub problem: String,
    pub action: String,
    pub benefits: String,
    pub evidence: Vec<String>,
    pub category_id: i64,
    pub jurisdiction_id: i64,
    pub agency_ids: Vec<i64>,
}

pub fn text(raw: &str, min: usize, max: usize, required: bool) -> Result<String, FieldError> {
    let s = raw.trim().replace("\r\n", "\n");
    let n = s.chars().count();
    if n == 0 {
        return if required { Err(FieldError::Required) } else { Ok(s) };
    }
    if required && n < min {
        return Err(FieldError::TooShort { min });
    }
    if n > max {
        return Err(FieldError::TooLong { max });
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(FieldError::InvalidCharacters);
    }
    if s.chars().any(crate::domain::validation::is_spoofing) {
        return Err(FieldError::HiddenCharacters);
    }
    Ok(s)
}

/// An evidence link: http or https only, with a host, no spaces.
pub fn parse_link(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or(FieldError::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if s.len() > LINK_MAX {
        return Err(FieldError::TooLong { max: LINK_MAX });
    }
    if host.is_empty()
        || !host.contains('.')
        || host.contains('@')
        || s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(FieldError::InvalidUrl);
    }
    Ok(s.to_string())
}

fn choice(raw: &str, required: bool) -> Result<Option<i64>, FieldError> {
    match raw.trim() {
        "" if required => Err(FieldError::Required),
        "" => Ok(None),
        s => s.parse::<i64>().map(Some).map_err(|_| FieldError::UnknownChoice),
    }
}

impl ProposalInput {
    /// Check the text for `submit` (everything required) or a draft (title only).
    /// Whether the chosen category, jurisdiction and agencies exist is checked on the server.
    pub fn parse(&self, submit: bool, max_agencies: usize) -> Result<Proposal, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.check("title", text(&self.title, TITLE_MIN, TITLE_MAX, true));
        if let Some(t) = &title
            && t.contains('\n')
        {
            e.add("title", FieldError::InvalidCharacters);
        } else if let Some(t) = &title
            && t.chars().any(crate::domain::validation::is_hidden_in_identifier)
        {
            e.add("title", FieldError::HiddenCharacters);
        }
        let problem = e.check("problem", text(&self.problem, PROBLEM_MIN, BODY_MAX, submit));
        let action = e.check("action", text(&self.action, SECTION_MIN, BODY_MAX, submit));
        let benefits = e.check("benefits", text(&self.benefits, SECTION_MIN, BODY_MAX, submit));
        let lines: Vec<&str> = self.evidence.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let evidence = if lines.len() > LINKS_MAX {
            e.add("evidence", FieldError::TooMany { max: LINKS_MAX });
            None
        } else {
            e.check("evidence", lines.iter().map(|l| parse_link(l)).collect::<Result<Vec<_>, _>>())
        };
        let category = e.check("category_id", choice(&self.category_id, submit));
        let jurisdiction = e.check("jurisdiction_id", choice(&self.jurisdiction_id, true));
        let mut agencies = Vec::new();
        for a in self.agency_ids.iter().filter(|a| !a.trim().is_empty()) {
            match a.trim().parse::<i64>() {
                Ok(id) if !agencies.contains(&id) => agencies.push(id),
                Ok(_) => {}
                Err(_) => e.add("agency_ids", FieldError::UnknownChoice),
            }
        }
        if agencies.len() > max_agencies {
            e.add("agency_ids", FieldError::TooMany { max: max_agencies });
        } else if submit && agencies.is_empty() && e.get("agency_ids").is_none() {
            e.add("agency_ids", FieldError::Required);
        }
        match (title, problem, action, benefits, evidence, category, jurisdiction, e.is_empty()) {
            (Some(title), Some(problem), Some(action), Some(benefits), Some(evidence), Some(category), Some(Some(jurisdiction)), true) => Ok(Proposal {
                title,
                problem,
                action,
                benefits,
                evidence,
                category_id: category.unwrap_or(0),
                jurisdiction_id: jurisdiction,
                agency_ids: agencies,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> ProposalInput {
        ProposalInput {
            title: "增設公共自行車站點".into(),
            problem: "捷運站出口附近沒有公共自行車站點，通勤族轉乘很不方便。".into(),
            action: "在捷運站各出口增設站點。".into(),
            benefits: "減少短程汽機車使用，改善空氣品質。".into(),
            evidence: "https://example.gov.tw/report\n\nhttp://data.gov.tw/x".into(),
            category_id: "1".into(),
            jurisdiction_id: "1".into(),
            agency_ids: vec!["3".into(), "3".into(), "".into()],
        }
    }

    #[test]
    fn a_complete_proposal_submits() {
        let p = full().parse(true, 3).unwrap();
        assert_eq!(p.evidence.len(), 2);
        assert_eq!(p.agency_ids, vec![3], "duplicates and blanks dropped");
    }

    #[test]
    fn a_draft_needs_only_a_title_and_jurisdiction() {
        let input = ProposalInput { title: "只有標題的草稿".into(), jurisdiction_id: "1".into(), ..Default::default() };
        assert!(input.parse(false, 3).is_ok());
        let errors = input.parse(true, 3).unwrap_err();
        for f in ["problem", "action", "benefits", "category_id", "agency_ids"] {
            assert_eq!(errors.get(f), Some(&FieldError::Required), "{f}");
        }
    }

    #[test]
    fn links_must_be_http_or_https() {
        for bad in ["javascript:alert(1)", "ftp://x.tw/a", "https://", "https://exa mple.tw", "data:text/html,hi", "https://a\"b.tw"] {
            assert_eq!(parse_link(bad), Err(FieldError::InvalidUrl), "{bad}");
        }
        assert!(parse_link("HTTPS://www.gov.tw/path?q=1#x").is_ok());
    }

    #[test]
    fn limits_are_enforced_per_field() {
        let mut input = full();
        input.title = "x".repeat(TITLE_MAX + 1);
        input.agency_ids = vec!["1".into(), "2".into(), "3".into(), "4".into()];
        input.evidence = "https://a.tw\n".repeat(LINKS_MAX + 1);
        let e = input.parse(true, 3).unwrap_err();
        assert_eq!(e.get("title"), Some(&FieldError::TooLong { max: TITLE_MAX }));
        assert_eq!(e.get("agency_ids"), Some(&FieldError::TooMany { max: 3 }));
        assert_eq!(e.get("evidence"), Some(&FieldError::TooMany { max: LINKS_MAX }));
    }
}
