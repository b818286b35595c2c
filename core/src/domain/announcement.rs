//! Announcements: what organisers send to the alliance's channels.

/// Which channels an announcement goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every connected channel on every messenger.
    All,
    /// The channels of one region.
    Region(String),
    /// Only the confidential (end-to-end encrypted) channels.
    Confidential,
}

impl Scope {
    pub fn as_str(&self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Region(_) => "region",
            Scope::Confidential => "confidential",
        }
    }

    pub fn region(&self) -> Option<&str> {
        match self {
            Scope::Region(r) => Some(r),
            _ => None,
        }
    }

    pub fn from_parts(scope: &str, region: Option<String>) -> Option<Scope> {
        match (scope, region) {
            ("all", _) => Some(Scope::All),
            ("region", Some(r)) => Some(Scope::Region(r)),
            ("confidential", _) => Some(Scope::Confidential),
            _ => None,
        }
    }
}
