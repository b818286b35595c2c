//! What came in, what goes out, and what happened: the inbox that makes every event count once, the outbox the senders drain, and the audit log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{AuditEntry, AuditRecord, Result};
use crate::domain::MemberId;
use crate::message::{Incoming, Outgoing};

#[async_trait]
pub trait JournalTx: Send {
    /// Records the event in the inbox; `false` if it was there already (then do nothing).
    async fn record_inbox(&mut self, incoming: &Incoming) -> Result<bool>;
    /// `record_inbox` and the member behind the sending account, in one round trip where the
    /// database allows: `None` if the event was there already.
    async fn take_in(
        &mut self,
        incoming: &Incoming,
    ) -> Result<Option<Option<crate::domain::Member>>>;

    /// Sets an event aside that keeps failing (record its inbox row too, so it is not taken
    /// in again): what kind it was and why, not what it said.
    async fn set_aside(
        &mut self,
        incoming: &Incoming,
        error: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;

    async fn audit_of(&mut self, actor: MemberId) -> Result<Vec<AuditRecord>>;

    /// How often a member did something (an audit action) since then.
    async fn count_actions(
        &mut self,
        actor: MemberId,
        action: &str,
        since: DateTime<Utc>,
    ) -> Result<i64>;

    /// Appends the turn's audit rows and queues its messages in the outbox, in as few round
    /// trips as the database allows (each statement costs one).
    async fn write_effects(
        &mut self,
        audits: &[AuditEntry],
        outgoing: &[Outgoing],
        at: DateTime<Utc>,
    ) -> Result<()>;

    /// The newest version of every message kept live under this key (one per chat it went
    /// to): an index lookup, however long the outbox.
    async fn live_versions(&mut self, key: &str) -> Result<Vec<Outgoing>>;
}
