//! Members, their accounts on the messengers, invitations and link codes, and the forms an account has open.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Invitation, LinkCode, LinkedIdentity, NewMember, Result};
use crate::domain::{Member, MemberId, PlatformIdentity};

#[async_trait]
pub trait MembersTx: Send {
    async fn member_by_identity(&mut self, identity: &PlatformIdentity) -> Result<Option<Member>>;

    async fn member(&mut self, id: MemberId) -> Result<Option<Member>>;

    async fn insert_member(&mut self, member: &NewMember) -> Result<MemberId>;

    /// Writes name, role, status, language and consent of an existing member.
    async fn update_member(&mut self, member: &Member) -> Result<()>;

    /// Remembers an account's platform handle (lower case), if it changed.
    async fn note_handle(&mut self, identity: &PlatformIdentity, handle: &str) -> Result<()>;

    /// The member whose account has this handle (lower case).
    async fn member_by_handle(&mut self, handle: &str) -> Result<Option<Member>>;

    /// Members who are not forgotten, oldest first.
    async fn members(&mut self, limit: i64) -> Result<Vec<Member>>;

    async fn count_members(&mut self) -> Result<i64>;

    async fn identities(&mut self, member: MemberId) -> Result<Vec<LinkedIdentity>>;

    /// Links an account to a member, moving it if it belonged to someone else.
    async fn attach_identity(
        &mut self,
        member: MemberId,
        identity: &PlatformIdentity,
        at: DateTime<Utc>,
    ) -> Result<()>;

    async fn detach_identities(&mut self, member: MemberId) -> Result<u64>;

    /// Takes one account off a member; `false` if it was not theirs.
    async fn detach_identity(
        &mut self,
        member: MemberId,
        identity: &PlatformIdentity,
    ) -> Result<bool>;

    async fn insert_invitation(&mut self, invitation: &Invitation) -> Result<()>;

    /// The newest invitation whose code starts with this handle (`domain::codes`).
    async fn invitation_by_handle(&mut self, handle: &str) -> Result<Option<Invitation>>;

    /// Counts a wrong guess at an invitation code; returns how many there were so far.
    async fn invitation_failed(&mut self, code: &str) -> Result<i64>;

    /// Marks an invitation used; `false` if someone else used it first.
    async fn use_invitation(
        &mut self,
        code: &str,
        member: MemberId,
        at: DateTime<Utc>,
    ) -> Result<bool>;

    async fn invitations_by(&mut self, member: MemberId) -> Result<Vec<Invitation>>;

    /// Replaces any earlier link code of the member.
    async fn put_link_code(
        &mut self,
        code: &str,
        member: MemberId,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;

    /// The link code with this handle (`domain::codes`), expired or not.
    async fn link_code_by_handle(&mut self, handle: &str) -> Result<Option<LinkCode>>;

    /// Counts a wrong guess at a link code; returns how many there were so far.
    async fn link_code_failed(&mut self, code: &str) -> Result<i64>;

    /// Consumes a link code; `None` if unknown or expired.
    async fn take_link_code(&mut self, code: &str, now: DateTime<Utc>) -> Result<Option<MemberId>>;

    /// Notes a wrong code typed by an account (and forgets notes older than `keep_since`).
    async fn record_code_failure(
        &mut self,
        identity: &PlatformIdentity,
        at: DateTime<Utc>,
        keep_since: DateTime<Utc>,
    ) -> Result<()>;

    /// How many wrong codes an account typed since then.
    async fn code_failures_since(
        &mut self,
        identity: &PlatformIdentity,
        since: DateTime<Utc>,
    ) -> Result<i64>;

    async fn delete_link_codes(&mut self, member: MemberId) -> Result<()>;

    async fn conversation(
        &mut self,
        identity: &PlatformIdentity,
        chat_key: &str,
    ) -> Result<Option<serde_json::Value>>;

    async fn set_conversation(
        &mut self,
        identity: &PlatformIdentity,
        chat_key: &str,
        state: Option<&serde_json::Value>,
        at: DateTime<Utc>,
    ) -> Result<()>;

    /// Forgets what an account left behind in passing: open conversations, wrong codes.
    async fn delete_account_state(&mut self, identity: &PlatformIdentity) -> Result<()>;
}
