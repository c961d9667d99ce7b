use serde::{Deserialize, Serialize};

/// Roles beyond "citizen", which every account has. Agency officers are
/// additionally members of one or more agencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Role {
    Officer,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Officer, Role::Moderator, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("citizen"), None);
    }
}
