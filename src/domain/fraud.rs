//! Fraud review, as pure rules: the address block and mail domain a signature is
//! grouped by, what a bulk invalidation may select, its coded reasons, and when a
//! signing rate is a burst. Moderators see groups and counts, never who signed.
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// The /24 (IPv4) or /48 (IPv6) block of a client address, "" when it is not one.
pub fn address_block(ip: &str) -> String {
    match ip.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let o = v4.octets();
            format!("{}.{}.{}.0/24", o[0], o[1], o[2])
        }
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => address_block(&v4.to_string()),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
        Err(_) => String::new(),
    }
}

/// The domain of a normalized address ("" if none).
pub fn email_domain(email_norm: &str) -> String {
    email_norm.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or_default()
}

/// A user agent as stored for grouping: trimmed, bounded.
pub fn user_agent(raw: &str) -> String {
    raw.trim().chars().filter(|c| !c.is_control()).take(200).collect()
}

/// Why signatures were invalidated (coded; shown publicly with the explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvalidationReason {
    /// Many signatures from one source in a short time, unlike the petition's own pattern.
    CoordinatedBurst,
    /// Signatures made by a program rather than people.
    Automated,
    /// Addresses that are not real people's (disposable or invented).
    FakeAddresses,
    Other,
}

impl InvalidationReason {
    pub const ALL: [Self; 4] = [Self::CoordinatedBurst, Self::Automated, Self::FakeAddresses, Self::Other];
    pub fn code(self) -> &'static str {
        match self {
            Self::CoordinatedBurst => "coordinated_burst",
            Self::Automated => "automated",
            Self::FakeAddresses => "fake_addresses",
            Self::Other => "other",
        }
    }
    pub fn from_code(c: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == c)
    }
}

/// Which of a petition's signatures a bulk invalidation takes. At least one criterion
/// besides the time window must be set, so "everything" is never one click away.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    pub block: Option<String>,
    pub domain: Option<String>,
    pub user_agent: Option<String>,
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub flagged_only: bool,
}

impl Selection {
    pub fn is_narrow(&self) -> bool {
        self.block.is_some() || self.domain.is_some() || self.user_agent.is_some() || self.flagged_only
    }
}

/// A minute is a burst when it has at least `BURST_MIN` signatures and at least
/// `BURST_FACTOR` times the petition's usual rate per minute.
pub const BURST_MIN: i64 = 30;
pub const BURST_FACTOR: i64 = 5;

pub fn is_burst(per_minute: i64, usual_per_minute: f64) -> bool {
    per_minute >= BURST_MIN && per_minute as f64 >= BURST_FACTOR as f64 * usual_per_minute.max(1.0)
}

/// A group (address block, domain or user agent) worth a moderator's look: at least
/// `CLUSTER_MIN` signatures and at least a fifth of the petition's.
pub const CLUSTER_MIN: i64 = 50;

pub fn is_cluster(count: i64, total: i64) -> bool {
    count >= CLUSTER_MIN && count * 5 >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_group_neighbours() {
        assert_eq!(address_block("203.0.113.77"), "203.0.113.0/24");
        assert_eq!(address_block("2001:db8:abcd:12::1"), "2001:db8:abcd::/48");
        assert_eq!(address_block("::ffff:198.51.100.9"), "198.51.100.0/24");
        assert_eq!(address_block("unknown"), "");
        assert_eq!(email_domain("a.b@mail.example.tw"), "mail.example.tw");
    }

    #[test]
    fn bursts_and_clusters() {
        assert!(is_burst(300, 2.0));
        assert!(!is_burst(29, 0.0), "too few to matter");
        assert!(!is_burst(40, 10.0), "the petition's usual pace");
        assert!(is_cluster(5000, 7000));
        assert!(!is_cluster(60, 7000));
        assert!(!Selection::default().is_narrow());
    }
}
