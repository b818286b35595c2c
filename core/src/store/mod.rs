//! Storage behind one trait, with a SQLite and a PostgreSQL implementation chosen by the
//! database URL's scheme. Both run the same SQL text (see `sql.rs`) and pass one contract
//! test suite.

mod events;
mod events_sql;
pub mod personal;
mod personal_sql;
mod postgres;
mod records;
mod sql;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::{
    Initiative, InitiativeDraft, InitiativeId, Lang, Member, MemberId, Platform, PlatformIdentity,
    Poll, PollDraft, PollId, Visibility,
};
use crate::message::{ChatRef, Incoming, Outgoing, Target};

pub use events::{ClaimedReminder, EventsTx};
pub use personal::PersonalTx;
pub use postgres::PostgresStore;
pub use records::{
    AuditEntry, AuditRecord, Channel, Invitation, LinkCode, LinkedIdentity, LiveState, NewMember,
    NewReaction, OutboxItem,
};
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL „{0}“: expected sqlite://… or postgres://…")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether the failure is the database's, not the event's: the connection, the pool, a
    /// lock or a conflict with a concurrent transaction. Such an event is tried again as long
    /// as it takes; only an event that fails by itself is ever set aside.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => {
                // PostgreSQL: serialization failure, deadlock; SQLite: busy, locked.
                matches!(
                    db.code().as_deref(),
                    Some("40001" | "40P01" | "5" | "6" | "517" | "261")
                )
            }
            StoreError::Database(
                sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed,
            ) => true,
            _ => false,
        }
    }
}

/// An event set aside after failing again and again.
#[derive(Debug, Clone)]
pub struct DeadLetter {
    pub platform: String,
    pub event_id: String,
    pub kind: String,
    pub error: String,
    pub at: DateTime<Utc>,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Creates a directory for the bot's data (the SQLite file, the Matrix session and keys,
/// exports) readable by the bot's user only: it holds everyone's personal data.
pub fn create_private_dir(path: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Opens the store a URL names and applies pending migrations.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_string()))
    }
}

/// Pool-level operations; everything an incoming event changes goes through a `StoreTx`.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// concurrent writers queue instead of failing with "database is locked".
    async fn begin(&self) -> Result<Box<dyn StoreTx>>;

    /// A transaction that only reads, beside the writer (SQLite: its own connections to the
    /// WAL file, so a busy calendar feed never waits for – or holds up – commands). Writing
    /// through it fails.
    async fn begin_read(&self) -> Result<Box<dyn StoreTx>>;

    /// Undelivered messages for one platform whose next attempt is due, oldest first.
    async fn pending_outbox(
        &self,
        platform: Platform,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OutboxItem>>;

    /// When the next pending message of a platform becomes due, if any.
    async fn next_outbox_due(&self, platform: Platform) -> Result<Option<DateTime<Utc>>>;

    async fn mark_sent(
        &self,
        id: i64,
        platform_message_id: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<()>;

    /// One part of a message sent in parts went out (see `OutboxItem::parts_sent`).
    async fn mark_part_sent(
        &self,
        id: i64,
        parts_sent: i64,
        platform_message_id: &str,
    ) -> Result<()>;

    async fn mark_failed(&self, id: i64, error: &str, retry_at: DateTime<Utc>) -> Result<()>;

    /// Gives a message up for good (the platform refused it permanently); it is kept with
    /// the reason but never sent.
    async fn give_up(&self, id: i64, error: &str, at: DateTime<Utc>) -> Result<()>;

    /// Moves a message's next attempt without counting a failure (edits held back so a burst
    /// of changes makes few edits).
    async fn postpone(&self, id: i64, until: DateTime<Utc>) -> Result<()>;

    /// Where a live message stands, seen from outbox row `id` carrying `live_key`.
    async fn live_state(&self, platform: Platform, live_key: &str, id: i64) -> Result<LiveState>;

    /// Makes every waiting message of a platform due now (its connection is back).
    async fn retry_outbox_now(&self, platform: Platform, now: DateTime<Utc>) -> Result<u64>;

    /// Whether an event was already taken in (adapters use it to skip known events cheaply).
    async fn inbox_contains(&self, platform: Platform, event_id: &str) -> Result<bool>;

    /// Changes whenever something the calendar feed shows may have changed: every change to
    /// events writes an audit row, every partner fetch a new time. Two index lookups.
    async fn feed_version(&self) -> Result<(i64, i64)>;

    /// The newest events set aside after failing again and again.
    async fn dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>>;

    /// An adapter's position in its platform's event stream.
    async fn cursor(&self, name: &str) -> Result<Option<String>>;
    /// Saves the position; call it only once everything before it is committed.
    async fn set_cursor(&self, name: &str, value: &str, at: DateTime<Utc>) -> Result<()>;

    /// The right to deliver a platform's outbox, exclusive among all daemons on this
    /// database while the returned guard lives (PostgreSQL: a session advisory lock, released
    /// by the server if the daemon dies). `None`: another daemon holds it.
    async fn try_sender_lock(&self, platform: Platform) -> Result<Option<SenderLock>>;

    /// When the next planned reminder is due, if any (an index lookup, not a scan).
    async fn next_reminder_due(&self) -> Result<Option<DateTime<Utc>>>;

    async fn close(&self);
}

/// One transaction: inbox row, domain change, audit rows and outbox rows commit together.
/// Dropping it without `commit` rolls everything back.
#[async_trait]
pub trait StoreTx: EventsTx + PersonalTx + Send {
    /// Records the event in the inbox; `false` if it was there already (then do nothing).
    async fn record_inbox(&mut self, incoming: &Incoming) -> Result<bool>;

    /// Sets an event aside that keeps failing (record its inbox row too, so it is not taken
    /// in again): what kind it was and why, not what it said.
    async fn set_aside(
        &mut self,
        incoming: &Incoming,
        error: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;

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

    async fn insert_initiative(
        &mut self,
        owner: MemberId,
        draft: &InitiativeDraft,
        at: DateTime<Utc>,
    ) -> Result<InitiativeId>;
    /// The active (not archived) initiative with this name, compared folded.
    async fn initiative_by_name(&mut self, name: &str) -> Result<Option<Initiative>>;
    async fn update_initiative(&mut self, initiative: &Initiative) -> Result<()>;
    /// Active initiatives whose name, region or topics contain the folded query.
    async fn search_initiatives(
        &mut self,
        query: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Initiative>>;
    async fn initiatives_of(&mut self, owner: MemberId) -> Result<Vec<Initiative>>;
    /// Keeps the initiatives of a forgotten member, without the link to the person.
    async fn disown_initiatives(&mut self, owner: MemberId) -> Result<()>;

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

    async fn audit_of(&mut self, actor: MemberId) -> Result<Vec<AuditRecord>>;
    /// How often a member did something (an audit action) since then.
    async fn count_actions(
        &mut self,
        actor: MemberId,
        action: &str,
        since: DateTime<Utc>,
    ) -> Result<i64>;

    /// Connects a chat as an alliance channel (or updates its confidential flag).
    async fn connect_channel(&mut self, channel: &Channel) -> Result<()>;
    /// `false` if the chat was not connected.
    async fn disconnect_channel(&mut self, platform: Platform, chat_id: &str) -> Result<bool>;
    async fn channel(&mut self, platform: Platform, chat_id: &str) -> Result<Option<Channel>>;
    async fn channels(&mut self) -> Result<Vec<Channel>>;
    /// A chat got a new id: its channel and polls follow. `true` if it was a channel.
    async fn move_chat(&mut self, platform: Platform, from: &str, to: &str) -> Result<bool>;
    /// Marks a connected chat as (un)reachable; `true` only if that changed its state.
    async fn set_channel_reachable(
        &mut self,
        platform: Platform,
        chat_id: &str,
        reachable: bool,
        at: DateTime<Utc>,
    ) -> Result<bool>;

    /// The live key (as stored, with its target) of the bot's message that the platform
    /// knows by this id in this chat, if it is a live message. (Telegram counts message ids
    /// per chat: the id alone names a different message in every group.)
    async fn live_key_of(
        &mut self,
        platform: Platform,
        chat_id: &str,
        platform_message_id: &str,
    ) -> Result<Option<String>>;

    async fn insert_poll(
        &mut self,
        chat: &ChatRef,
        draft: &PollDraft,
        lang: Lang,
        visibility: Visibility,
        created_by: Option<MemberId>,
        at: DateTime<Utc>,
    ) -> Result<PollId>;
    async fn poll(&mut self, id: PollId) -> Result<Option<Poll>>;
    /// Sets a member's choice (1-based answer number); returns the one it replaced.
    async fn choose(
        &mut self,
        poll: PollId,
        member: MemberId,
        number: u32,
        at: DateTime<Utc>,
    ) -> Result<Option<u32>>;
    /// How many people chose each answer that has any choices, by answer number.
    async fn poll_counts(&mut self, poll: PollId) -> Result<Vec<(u32, i64)>>;
    /// Takes back a member's choice if it is still `number`; `true` if it was.
    async fn withdraw_choice(
        &mut self,
        poll: PollId,
        member: MemberId,
        number: u32,
    ) -> Result<bool>;
    /// `false` if it was closed already.
    async fn close_poll(&mut self, poll: PollId, at: DateTime<Utc>) -> Result<bool>;

    /// Records a reaction; a repeat of the same reaction id changes nothing.
    async fn add_reaction(&mut self, reaction: &NewReaction) -> Result<()>;
    /// Removes one reaction by the platform's id, only if `person` made it (a moderator's
    /// redaction is not the person taking their answer back); returns the chat, message and
    /// key it was on.
    async fn remove_reaction_by_id(
        &mut self,
        platform: Platform,
        reaction_id: &str,
        person: &str,
    ) -> Result<Option<(String, String, String)>>;
    /// Removes a person's reactions with this key on a message.
    async fn remove_reactions(
        &mut self,
        platform: Platform,
        chat_id: &str,
        message_id: &str,
        key: &str,
        person: &str,
    ) -> Result<u64>;
    /// How many people reacted with each key on a message (a person counts once per key).
    async fn reaction_counts(
        &mut self,
        platform: Platform,
        chat_id: &str,
        message_id: &str,
    ) -> Result<Vec<(String, i64)>>;

    /// Appends the turn's audit rows and queues its messages in the outbox, in as few round
    /// trips as the database allows (each statement costs one).
    async fn write_effects(
        &mut self,
        audits: &[AuditEntry],
        outgoing: &[Outgoing],
        at: DateTime<Utc>,
    ) -> Result<()>;

    async fn commit(self: Box<Self>) -> Result<()>;
}

/// Held while a daemon delivers a platform's outbox (see `Store::try_sender_lock`).
pub struct SenderLock {
    /// The connection that holds the lock, if the database needs one.
    connection: Option<tokio::sync::Mutex<sqlx::PgConnection>>,
}

impl SenderLock {
    /// A lock that needs no connection (SQLite: one daemon per file).
    pub(crate) fn local() -> Self {
        Self { connection: None }
    }

    pub(crate) fn held_by(connection: sqlx::PgConnection) -> Self {
        Self {
            connection: Some(tokio::sync::Mutex::new(connection)),
        }
    }

    /// Whether the lock is still held (its connection still answers).
    pub async fn is_held(&self) -> bool {
        use sqlx::Connection;
        match &self.connection {
            None => true,
            Some(connection) => connection.lock().await.ping().await.is_ok(),
        }
    }
}

/// Rows written by one INSERT: at six values a row well within PostgreSQL's 65,535 and
/// SQLite's 32,766 bind parameters.
pub(crate) const ROWS_PER_STATEMENT: usize = 1000;

/// `($1, $2, $3), ($4, $5, $6)` for `rows` rows of `columns` values, numbered from `first`.
pub(crate) fn placeholders(rows: usize, columns: usize, first: usize) -> String {
    (0..rows)
        .map(|r| {
            let cols: Vec<String> = (0..columns)
                .map(|c| format!("${}", first + r * columns + c))
                .collect();
            format!("({})", cols.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The multi-row INSERTs of `write_effects`; each backend decides how to send them.
pub(crate) fn effect_inserts(audits: usize, outgoing: usize) -> (Option<String>, Option<String>) {
    let audit = (audits > 0).then(|| {
        format!(
            "INSERT INTO audit_log (at, actor_id, action, subject, details) VALUES {}",
            placeholders(audits, 5, 1)
        )
    });
    let outbox = (outgoing > 0).then(|| {
        format!(
            "INSERT INTO outbox (platform, message, created_at, next_attempt_at, live_key, \
             chat_id) VALUES {}",
            placeholders(outgoing, 6, 1 + audits * 5)
        )
    });
    (audit, outbox)
}

/// Binds the values for `effect_inserts`, in the same order.
pub(crate) fn bind_effects<'q, DB>(
    mut query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>,
    audits: &'q [AuditEntry],
    outgoing: &[Outgoing],
    at: DateTime<Utc>,
) -> Result<sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<&'q str>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for a in audits {
        query = query
            .bind(to_us(a.at))
            .bind(a.actor.map(|m| m.0))
            .bind(a.action)
            .bind(a.subject.as_deref())
            .bind(a.details.to_string());
    }
    for m in outgoing {
        let json = serde_json::to_string(m)
            .map_err(|e| StoreError::Corrupt(format!("outgoing message: {e}")))?;
        query = query
            .bind(m.target.platform().as_str())
            .bind(json)
            .bind(to_us(at))
            .bind(to_us(at))
            .bind(m.live_slot())
            .bind(match &m.target {
                Target::Chat { chat } => Some(chat.id.clone()),
                Target::Direct { .. } => None,
            });
    }
    Ok(query)
}

/// UTC instants are stored as microseconds since the epoch.
pub(crate) fn to_us(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

pub(crate) fn from_us(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}
