//! Plain records the store reads and writes, and the row structs they are decoded from.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{StoreError, from_us};
use crate::domain::{
    Initiative, InitiativeDraft, InitiativeId, Lang, Member, MemberId, MemberStatus, Platform,
    PlatformIdentity, Role,
};
use crate::message::Outgoing;

#[derive(Debug, Clone)]
pub struct NewMember {
    pub display_name: String,
    pub role: Role,
    pub status: MemberStatus,
    pub lang: Lang,
    pub invited_by: Option<MemberId>,
    pub joined_at: DateTime<Utc>,
    pub consent_at: Option<DateTime<Utc>>,
}

impl NewMember {
    /// The member as stored under `id` (times to the microsecond, as the database keeps
    /// them), without reading the row back.
    pub fn into_member(self, id: MemberId) -> crate::domain::Member {
        let stored = |at| super::from_us(super::to_us(at));
        crate::domain::Member {
            id,
            display_name: self.display_name,
            role: self.role,
            status: self.status,
            lang: self.lang,
            invited_by: self.invited_by,
            joined_at: stored(self.joined_at),
            consent_at: self.consent_at.map(stored),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedIdentity {
    pub identity: PlatformIdentity,
    pub linked_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub code: String,
    pub created_by: MemberId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_by: Option<MemberId>,
    pub used_at: Option<DateTime<Utc>>,
    /// Wrong guesses at this code so far; at `MAX_CODE_FAILURES` it is void.
    #[serde(skip)]
    pub failed_attempts: i64,
}

/// A code that links another messenger account to a member.
#[derive(Debug, Clone)]
pub struct LinkCode {
    pub code: String,
    pub member: MemberId,
    pub expires_at: DateTime<Utc>,
    pub failed_attempts: i64,
}

/// An append-only record of a change: who (member, never a platform account), what, to what.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: Option<MemberId>,
    pub action: &'static str,
    pub subject: Option<String>,
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<MemberId>,
    pub action: String,
    pub subject: Option<String>,
    pub details: serde_json::Value,
}

/// A chat connected as an alliance channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub platform: Platform,
    pub chat_id: String,
    pub title: String,
    /// Receives confidential items; only end-to-end encrypted chats may be confidential.
    pub confidential: bool,
    pub connected_by: Option<MemberId>,
    pub connected_at: DateTime<Utc>,
    /// Since when the bot cannot post there (removed from the group); `None` while it can.
    pub unreachable_since: Option<DateTime<Utc>>,
    /// The region it belongs to: announcements for that region go there.
    pub region: Option<String>,
    /// Receives the card of every new public event.
    pub events: bool,
}

/// One reaction by one person (a member id like `m:12`, or a platform identity).
#[derive(Debug, Clone)]
pub struct NewReaction {
    pub platform: Platform,
    pub reaction_id: String,
    pub chat_id: String,
    pub message_id: String,
    pub key: String,
    pub person: String,
    pub at: DateTime<Utc>,
}

/// What `InitiativeRow` is read from.
pub(crate) const INITIATIVE_COLUMNS: &str = "id, owner_id, name, region, description, contact, \
     website, topics, created_at, archived_at, lat_micro, lon_micro, contact_public";

#[derive(sqlx::FromRow)]
pub(super) struct ChannelRow {
    platform: String,
    chat_id: String,
    title: String,
    confidential: i64,
    connected_by: Option<i64>,
    connected_at: i64,
    unreachable_since: Option<i64>,
    region: Option<String>,
    events: i64,
}

impl TryFrom<ChannelRow> for Channel {
    type Error = StoreError;
    fn try_from(r: ChannelRow) -> Result<Self, StoreError> {
        Ok(Channel {
            platform: Platform::parse(&r.platform)
                .ok_or_else(|| corrupt("platform", &r.platform))?,
            chat_id: r.chat_id,
            title: r.title,
            confidential: r.confidential != 0,
            connected_by: r.connected_by.map(MemberId),
            connected_at: from_us(r.connected_at),
            unreachable_since: r.unreachable_since.map(from_us),
            region: r.region,
            events: r.events != 0,
        })
    }
}

#[derive(Debug, Clone)]
pub struct OutboxItem {
    pub id: i64,
    pub platform: Platform,
    pub message: Outgoing,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    /// Set for live messages (see `Outgoing::live_key`), qualified by the target.
    pub live_key: Option<String>,
    /// The platform's id of the message this one replaces in place, filled in by the sender
    /// when an earlier message with the same live key was delivered.
    pub edit_of: Option<String>,
    /// For a message sent in parts: how many went out already, and the last one's id.
    pub parts_sent: i64,
    pub last_part_id: Option<String>,
}

/// Where a live message stands when one of its outbox rows is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveState {
    /// A newer version is waiting: this row need not be sent at all.
    pub superseded: bool,
    /// The platform's id of the message as first posted, if it was.
    pub message_id: Option<String>,
    /// When the message was last posted or edited.
    pub last_sent: Option<DateTime<Utc>>,
}

/// A stored place (millionths of a degree), both halves or none.
pub(crate) fn geo_point(
    lat: Option<i64>,
    lon: Option<i64>,
) -> Result<Option<crate::domain::GeoPoint>, StoreError> {
    match (lat, lon) {
        (Some(lat), Some(lon)) => crate::domain::GeoPoint::from_micro(lat, lon)
            .map(Some)
            .ok_or_else(|| corrupt("lat_micro", &lat.to_string())),
        _ => Ok(None),
    }
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value}"))
}

/// The member behind an account (`$1`: the identity).
pub(crate) const MEMBER_BY_IDENTITY: &str = "SELECT m.id, m.display_name, m.role, m.status, \
     m.lang, m.invited_by, m.joined_at, m.consent_at FROM members m \
     JOIN member_identities i ON i.member_id = m.id WHERE i.identity = $1";

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    id: i64,
    display_name: String,
    role: String,
    status: String,
    lang: String,
    invited_by: Option<i64>,
    joined_at: i64,
    consent_at: Option<i64>,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;
    fn try_from(r: MemberRow) -> Result<Self, StoreError> {
        Ok(Member {
            id: MemberId(r.id),
            display_name: r.display_name,
            role: Role::from_db(&r.role).ok_or_else(|| corrupt("role", &r.role))?,
            status: MemberStatus::from_db(&r.status).ok_or_else(|| corrupt("status", &r.status))?,
            lang: Lang::parse(&r.lang).ok_or_else(|| corrupt("lang", &r.lang))?,
            invited_by: r.invited_by.map(MemberId),
            joined_at: from_us(r.joined_at),
            consent_at: r.consent_at.map(from_us),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct IdentityRow {
    identity: String,
    linked_at: i64,
}

impl TryFrom<IdentityRow> for LinkedIdentity {
    type Error = StoreError;
    fn try_from(r: IdentityRow) -> Result<Self, StoreError> {
        Ok(LinkedIdentity {
            identity: PlatformIdentity::parse(&r.identity)
                .map_err(|_| corrupt("identity", &r.identity))?,
            linked_at: from_us(r.linked_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct InvitationRow {
    code: String,
    created_by: i64,
    created_at: i64,
    expires_at: i64,
    used_by: Option<i64>,
    used_at: Option<i64>,
    failed_attempts: i64,
}

impl From<InvitationRow> for Invitation {
    fn from(r: InvitationRow) -> Self {
        Invitation {
            code: r.code,
            created_by: MemberId(r.created_by),
            created_at: from_us(r.created_at),
            expires_at: from_us(r.expires_at),
            used_by: r.used_by.map(MemberId),
            used_at: r.used_at.map(from_us),
            failed_attempts: r.failed_attempts,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct InitiativeRow {
    id: i64,
    owner_id: Option<i64>,
    name: String,
    region: String,
    description: String,
    contact: String,
    website: Option<String>,
    topics: String,
    created_at: i64,
    archived_at: Option<i64>,
    lat_micro: Option<i64>,
    lon_micro: Option<i64>,
    contact_public: i64,
}

impl TryFrom<InitiativeRow> for Initiative {
    type Error = StoreError;
    fn try_from(r: InitiativeRow) -> Result<Self, StoreError> {
        Ok(Initiative {
            id: InitiativeId(r.id),
            owner: r.owner_id.map(MemberId),
            draft: InitiativeDraft {
                name: r.name,
                region: r.region,
                description: r.description,
                contact: r.contact,
                website: r.website,
                topics: serde_json::from_str(&r.topics)
                    .map_err(|_| corrupt("topics", &r.topics))?,
            },
            created_at: from_us(r.created_at),
            archived_at: r.archived_at.map(from_us),
            place: geo_point(r.lat_micro, r.lon_micro)?,
            contact_public: r.contact_public != 0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AuditRow {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    action: String,
    subject: Option<String>,
    details: String,
}

impl TryFrom<AuditRow> for AuditRecord {
    type Error = StoreError;
    fn try_from(r: AuditRow) -> Result<Self, StoreError> {
        Ok(AuditRecord {
            id: r.id,
            at: from_us(r.at),
            actor: r.actor_id.map(MemberId),
            action: r.action,
            subject: r.subject,
            details: serde_json::from_str(&r.details)
                .map_err(|_| corrupt("audit details", &r.details))?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct OutboxRow {
    id: i64,
    platform: String,
    message: String,
    attempts: i64,
    created_at: i64,
    live_key: Option<String>,
    parts_sent: i64,
    platform_message_id: Option<String>,
}

impl TryFrom<OutboxRow> for OutboxItem {
    type Error = StoreError;
    fn try_from(r: OutboxRow) -> Result<Self, StoreError> {
        Ok(OutboxItem {
            id: r.id,
            platform: Platform::parse(&r.platform)
                .ok_or_else(|| corrupt("platform", &r.platform))?,
            message: serde_json::from_str(&r.message)
                .map_err(|_| corrupt("outbox message", &r.message))?,
            attempts: r.attempts,
            created_at: from_us(r.created_at),
            live_key: r.live_key,
            edit_of: None,
            parts_sent: r.parts_sent,
            last_part_id: r.platform_message_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PollRow {
    id: i64,
    platform: String,
    chat_id: String,
    chat_private: i64,
    chat_title: Option<String>,
    lang: String,
    question: String,
    options: String,
    created_by: Option<i64>,
    created_at: i64,
    closed_at: Option<i64>,
    visibility: String,
}

impl TryFrom<PollRow> for crate::domain::Poll {
    type Error = StoreError;
    fn try_from(r: PollRow) -> Result<Self, StoreError> {
        Ok(crate::domain::Poll {
            id: crate::domain::PollId(r.id),
            chat: crate::message::ChatRef {
                platform: Platform::parse(&r.platform)
                    .ok_or_else(|| corrupt("platform", &r.platform))?,
                id: r.chat_id,
                is_private: r.chat_private != 0,
                encrypted: false,
                title: r.chat_title,
            },
            lang: Lang::parse(&r.lang).ok_or_else(|| corrupt("lang", &r.lang))?,
            visibility: crate::domain::Visibility::parse(&r.visibility)
                .ok_or_else(|| corrupt("visibility", &r.visibility))?,
            question: r.question,
            options: serde_json::from_str(&r.options)
                .map_err(|_| corrupt("poll options", &r.options))?,
            created_by: r.created_by.map(MemberId),
            created_at: from_us(r.created_at),
            closed_at: r.closed_at.map(from_us),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AnnouncementRow {
    id: i64,
    author: Option<i64>,
    scope: String,
    region: Option<String>,
    body: String,
    report_to: String,
    lang: String,
    report: Option<String>,
    created_at: i64,
    due_at: Option<i64>,
    sent_at: Option<i64>,
    cancelled_at: Option<i64>,
    on_web: i64,
}

impl TryFrom<AnnouncementRow> for super::Announcement {
    type Error = StoreError;
    fn try_from(r: AnnouncementRow) -> Result<Self, StoreError> {
        Ok(super::Announcement {
            id: r.id,
            author: r.author.map(MemberId),
            scope: super::Scope::from_parts(&r.scope, r.region)
                .ok_or_else(|| corrupt("announcement scope", &r.scope))?,
            body: r.body,
            report_to: serde_json::from_str(&r.report_to)
                .map_err(|_| corrupt("announcement report_to", &r.report_to))?,
            lang: Lang::parse(&r.lang).ok_or_else(|| corrupt("lang", &r.lang))?,
            report: r.report,
            created_at: from_us(r.created_at),
            due_at: r.due_at.map(from_us),
            sent_at: r.sent_at.map(from_us),
            cancelled_at: r.cancelled_at.map(from_us),
            on_web: r.on_web != 0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct DeliveryRow {
    platform: String,
    chat_id: Option<String>,
    title: Option<String>,
    sent_at: Option<i64>,
    gave_up_at: Option<i64>,
    last_error: Option<String>,
}

impl TryFrom<DeliveryRow> for super::Delivery {
    type Error = StoreError;
    fn try_from(r: DeliveryRow) -> Result<Self, StoreError> {
        use super::DeliveryState;
        let state = match (r.sent_at, r.gave_up_at) {
            (_, Some(_)) => DeliveryState::Failed {
                reason: r.last_error.unwrap_or_default(),
            },
            (Some(_), None) => DeliveryState::Sent,
            (None, None) => DeliveryState::Pending {
                last_error: r.last_error,
            },
        };
        Ok(super::Delivery {
            platform: Platform::parse(&r.platform)
                .ok_or_else(|| corrupt("platform", &r.platform))?,
            chat_id: r.chat_id.unwrap_or_default(),
            title: r.title,
            state,
        })
    }
}
