//! Members are people. Roles grow: member < organiser < admin.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberId(pub i64);

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Organiser,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Organiser => "organiser",
            Role::Admin => "admin",
        }
    }

    pub fn from_db(s: &str) -> Option<Role> {
        match s {
            "member" => Some(Role::Member),
            "organiser" => Some(Role::Organiser),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// The words people type after `/rolle <wer>`, German and English.
    pub fn from_word(word: &str) -> Option<Role> {
        match super::text::fold(word).as_str() {
            "mitglied" | "member" => Some(Role::Member),
            "organisator" | "organisatorin" | "orga" | "organiser" | "organizer" => {
                Some(Role::Organiser)
            }
            "admin" | "administrator" | "administratorin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Where a person stands in the joining process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberStatus {
    /// Joined with an invitation, has not yet accepted the code of conduct.
    Pending,
    Active,
    /// Asked to be forgotten: personal data deleted, the row stays so that votes already cast
    /// remain counted, anonymously.
    Forgotten,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Pending => "pending",
            MemberStatus::Active => "active",
            MemberStatus::Forgotten => "forgotten",
        }
    }

    pub fn from_db(s: &str) -> Option<MemberStatus> {
        match s {
            "pending" => Some(MemberStatus::Pending),
            "active" => Some(MemberStatus::Active),
            "forgotten" => Some(MemberStatus::Forgotten),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match super::text::fold(s).as_str() {
            "de" | "deutsch" | "german" => Some(Lang::De),
            "en" | "englisch" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub id: MemberId,
    pub display_name: String,
    pub role: Role,
    pub status: MemberStatus,
    pub lang: Lang,
    pub invited_by: Option<MemberId>,
    pub joined_at: DateTime<Utc>,
    pub consent_at: Option<DateTime<Utc>>,
}

impl Member {
    /// Only people who accepted the code of conduct may register, apply or vote.
    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
    }
}
