//! Platform identities, written the same way everywhere (config, audit, exports):
//! `console:<name>`, `telegram:<numeric user id>`, `matrix:@user:server`.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Console,
    Telegram,
    Matrix,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Console, Platform::Telegram, Platform::Matrix];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Console => "console",
            Platform::Telegram => "telegram",
            Platform::Matrix => "matrix",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The messenger's name as people write it.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Console => "Terminal",
            Platform::Telegram => "Telegram",
            Platform::Matrix => "Matrix",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One account on one messenger. A member (a person) may have several.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PlatformIdentity {
    platform: Platform,
    user: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "„{input}“ ist keine gültige Kennung; erwartet console:<name>, telegram:<zahl> oder matrix:@name:server"
)]
pub struct IdentityError {
    pub input: String,
}

static CONSOLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}_.\-]{1,32}$").expect("valid regex"));
static TELEGRAM_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[1-9][0-9]{0,19}$").expect("valid regex"));
// Matrix user ids: @localpart:server, localpart per the spec's historical grammar.
static MATRIX_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^@[a-z0-9._=\-/+]{1,200}:[A-Za-z0-9.\-]{1,200}(:[0-9]{1,5})?$")
        .expect("valid regex")
});

impl PlatformIdentity {
    pub fn parse(input: &str) -> Result<Self, IdentityError> {
        let err = || IdentityError {
            input: input.to_string(),
        };
        let (platform, user) = input.trim().split_once(':').ok_or_else(err)?;
        let platform = Platform::parse(platform).ok_or_else(err)?;
        let valid = match platform {
            Platform::Console => CONSOLE_NAME.is_match(user),
            Platform::Telegram => TELEGRAM_ID.is_match(user),
            Platform::Matrix => MATRIX_ID.is_match(user),
        };
        if !valid {
            return Err(err());
        }
        let user = match platform {
            // Console names are typed by hand: `/als Anna` and `/als anna` are one person.
            Platform::Console => user.to_lowercase(),
            _ => user.to_string(),
        };
        Ok(Self { platform, user })
    }

    pub fn console(name: &str) -> Result<Self, IdentityError> {
        Self::parse(&format!("console:{name}"))
    }

    pub fn platform(&self) -> Platform {
        self.platform
    }

    /// The platform's own user id (`lokal`, `123456`, `@anna:example.org`).
    pub fn user(&self) -> &str {
        &self.user
    }
}

impl fmt::Display for PlatformIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.platform, self.user)
    }
}

impl From<PlatformIdentity> for String {
    fn from(id: PlatformIdentity) -> String {
        id.to_string()
    }
}

impl TryFrom<String> for PlatformIdentity {
    type Error = IdentityError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_written_forms() {
        for ok in [
            "console:lokal",
            "telegram:123456789",
            "matrix:@anna:example.org",
        ] {
            assert_eq!(PlatformIdentity::parse(ok).unwrap().to_string(), ok);
        }
        assert_eq!(
            PlatformIdentity::parse("console:Anna").unwrap().to_string(),
            "console:anna"
        );
    }

    #[test]
    fn rejects_malformed_identities() {
        for bad in [
            "",
            "lokal",
            "signal:+49",
            "telegram:abc",
            "telegram:0123",
            "matrix:anna",
            "matrix:@anna",
            "console:",
            "console:zwei worte",
        ] {
            assert!(PlatformIdentity::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
