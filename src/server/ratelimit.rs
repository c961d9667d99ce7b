//! Rate limits per action kind and key (client address or account). The security
//! limits are shared through the database (`server::limits`); this in-process
//! sliding-window limiter keeps the others, where a miss is harmless.
use crate::domain::time::{HOUR, MINUTE, Timestamp};
use crate::error::AppError;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    LoginPerIp,
    /// Failed logins on one account from one address: slows a guesser there down.
    LoginPerAccountIp,
    /// Failed logins on one account from anywhere: a ceiling for guessers spread over
    /// many addresses (the owner can still get in with a reset link).
    LoginPerAccount,
    RegisterPerIp,
    RegisterPerAccount,
    ResetPerIp,
    ResetPerAccount,
    VerifyPerIp,
    /// Signatures from one address, any petition; over it they are flagged, not refused.
    SignPerIp,
    /// Signatures from one address on one petition (a burst); flagged likewise.
    SignPerIpPetition,
    /// Confirmation emails to one address.
    SignEmailPerAddress,
    /// Petitions one account submits for review (moderators' time is the scarce resource).
    SubmitPerAccount,
    /// Comments posted or edited, per account and per address.
    CommentPerAccount,
    CommentPerIp,
    VotePerAccount,
    VotePerIp,
    ReportPerAccount,
    ReportPerIp,
    /// Reads of the public API per address (a CDN in front takes most of the load).
    ApiPerIp,
    /// Second-factor codes tried for one account (a million codes, ten tries).
    SecondFactorPerAccount,
}

impl Limit {
    /// Security limits are counted in the database, so N instances allow what one does
    /// (`server::limits`). The others stay in each instance's memory, where a miss only
    /// lets a little more through: comment, vote and report floods (moderation copes)
    /// and public API reads (a CDN takes most of them).
    pub fn shared(self) -> bool {
        !matches!(
            self,
            Limit::CommentPerAccount
                | Limit::CommentPerIp
                | Limit::VotePerAccount
                | Limit::VotePerIp
                | Limit::ReportPerAccount
                | Limit::ReportPerIp
                | Limit::ApiPerIp
        )
    }

    /// Stable name in the shared counter table.
    pub fn code(self) -> &'static str {
        match self {
            Limit::LoginPerIp => "login_ip",
            Limit::LoginPerAccountIp => "login_account_ip",
            Limit::LoginPerAccount => "login_account",
            Limit::RegisterPerIp => "register_ip",
            Limit::RegisterPerAccount => "register_account",
            Limit::ResetPerIp => "reset_ip",
            Limit::ResetPerAccount => "reset_account",
            Limit::VerifyPerIp => "verify_ip",
            Limit::SignPerIp => "sign_ip",
            Limit::SignPerIpPetition => "sign_ip_petition",
            Limit::SignEmailPerAddress => "sign_email",
            Limit::SubmitPerAccount => "submit_account",
            Limit::CommentPerAccount => "comment_account",
            Limit::CommentPerIp => "comment_ip",
            Limit::VotePerAccount => "vote_account",
            Limit::VotePerIp => "vote_ip",
            Limit::ReportPerAccount => "report_account",
            Limit::ReportPerIp => "report_ip",
            Limit::ApiPerIp => "api_ip",
            Limit::SecondFactorPerAccount => "second_factor_account",
        }
    }

    /// (attempts allowed, window in milliseconds)
    pub fn rule(self) -> (usize, i64) {
        match self {
            // Per-address limits stay generous: many citizens share one address (mobile CGNAT).
            Limit::LoginPerIp => (50, 15 * MINUTE),
            Limit::LoginPerAccountIp => (5, 15 * MINUTE),
            Limit::LoginPerAccount => (100, 24 * HOUR),
            Limit::RegisterPerIp => (60, HOUR),
            // Keyed by address whether or not it has an account: limits emails to one person.
            Limit::RegisterPerAccount => (3, HOUR),
            Limit::ResetPerIp => (60, HOUR),
            Limit::ResetPerAccount => (3, HOUR),
            Limit::VerifyPerIp => (60, HOUR),
            // Generous: a school or a mobile carrier puts many signers behind one address.
            Limit::SignPerIp => (200, HOUR),
            Limit::SignPerIpPetition => (30, 5 * MINUTE),
            Limit::SignEmailPerAddress => (5, HOUR),
            Limit::SubmitPerAccount => (10, 24 * HOUR),
            // A lively thread invites quick replies; a flood is what this stops.
            Limit::CommentPerAccount => (10, 10 * MINUTE),
            Limit::CommentPerIp => (120, 10 * MINUTE),
            Limit::VotePerAccount => (120, 10 * MINUTE),
            Limit::VotePerIp => (1000, 10 * MINUTE),
            Limit::ReportPerAccount => (20, HOUR),
            Limit::ReportPerIp => (200, HOUR),
            Limit::ApiPerIp => (300, MINUTE),
            Limit::SecondFactorPerAccount => (10, 15 * MINUTE),
        }
    }
}

#[derive(Default)]
pub struct RateLimiter {
    hits: Mutex<HashMap<(Limit, String), VecDeque<i64>>>,
    /// Public API reads per address per minute, when the operator set it.
    api_per_minute: Option<usize>,
}

const MAX_KEYS: usize = 100_000;

/// Bound memory: past `MAX_KEYS`, forget keys whose windows have passed.
fn forget_stale(map: &mut HashMap<(Limit, String), VecDeque<i64>>, now: Timestamp) {
    if map.len() > MAX_KEYS {
        map.retain(|(l, _), q| q.back().is_some_and(|t| now.0 - t < l.rule().1));
    }
}

/// The refusal for a key whose attempts (oldest first) are `times`, if the limit is reached.
fn refusal(limit: Limit, times: impl Iterator<Item = i64>, now: Timestamp) -> Option<AppError> {
    let (max, window) = limit.rule();
    let recent: Vec<i64> = times.filter(|t| now.0 - t < window).collect();
    (recent.len() >= max).then(|| {
        let wait_ms = (recent[0] + window - now.0).max(1000);
        AppError::RateLimited { retry_after_secs: (wait_ms as u64).div_ceil(1000) }
    })
}

impl RateLimiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// With the public API's per-address budget set by the operator (`MINYI_API_PER_MINUTE`).
    pub fn with_api_per_minute(per_minute: Option<usize>) -> Self {
        Self { api_per_minute: per_minute, ..Self::default() }
    }

    fn rule(&self, limit: Limit) -> (usize, i64) {
        match (limit, self.api_per_minute) {
            (Limit::ApiPerIp, Some(n)) => (n.max(1), MINUTE),
            _ => limit.rule(),
        }
    }

    /// (attempts allowed, window in seconds), as published in RateLimit-Policy.
    pub fn rule_secs(&self, limit: Limit) -> (usize, i64) {
        let (max, window) = self.rule(limit);
        (max, window / 1000)
    }

    /// Refuse if the limit is already reached, without counting an attempt.
    pub fn check(&self, limit: Limit, key: &str, now: Timestamp) -> Result<(), AppError> {
        let map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(&(limit, key.to_string())).and_then(|q| refusal(limit, q.iter().copied(), now)) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Count one attempt: (attempts left, seconds until the window frees one), or the
    /// seconds to wait when refused.
    pub fn hit_counted(&self, limit: Limit, key: &str, now: Timestamp) -> Result<(usize, i64), i64> {
        let (max, window) = self.rule(limit);
        let mut map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        forget_stale(&mut map, now);
        let q = map.entry((limit, key.to_string())).or_default();
        while q.front().is_some_and(|t| now.0 - t >= window) {
            q.pop_front();
        }
        let reset = |q: &VecDeque<i64>| q.front().map(|t| ((t + window - now.0).max(1000) + 999) / 1000).unwrap_or(window / 1000);
        if q.len() >= max {
            return Err(reset(q));
        }
        q.push_back(now.0);
        Ok((max - q.len(), reset(q)))
    }

    /// Count one attempt, or refuse it with how long to wait.
    pub fn hit(&self, limit: Limit, key: &str, now: Timestamp) -> Result<(), AppError> {
        let window = limit.rule().1;
        let mut map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        forget_stale(&mut map, now);
        let q = map.entry((limit, key.to_string())).or_default();
        while q.front().is_some_and(|t| now.0 - t >= window) {
            q.pop_front();
        }
        if let Some(e) = refusal(limit, q.iter().copied(), now) {
            return Err(e);
        }
        q.push_back(now.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_over_the_limit_then_recovers() {
        let rl = RateLimiter::new();
        let t0 = Timestamp(1_000_000);
        for _ in 0..5 {
            rl.hit(Limit::LoginPerAccountIp, "a@x.tw", t0).unwrap();
        }
        let err = rl.hit(Limit::LoginPerAccountIp, "a@x.tw", t0).unwrap_err();
        assert_eq!(err, AppError::RateLimited { retry_after_secs: 900 });
        // Other keys and kinds are independent.
        rl.hit(Limit::LoginPerAccountIp, "b@x.tw", t0).unwrap();
        rl.hit(Limit::LoginPerIp, "a@x.tw", t0).unwrap();
        // After the window the account may try again.
        rl.hit(Limit::LoginPerAccountIp, "a@x.tw", t0.plus_millis(15 * MINUTE)).unwrap();
    }
}
