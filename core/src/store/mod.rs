//! Storage behind one trait, with a SQLite and a PostgreSQL implementation chosen by the
//! database URL's scheme. Both run the same SQL text (see `sql.rs`) and pass one contract
//! test suite.

mod agenda;
mod agenda_sql;
mod announcements;
mod announcements_sql;
mod budget;
mod budget_sql;
mod channels;
mod channels_sql;
mod events;
mod events_sql;
mod group_commit;
mod initiatives;
mod initiatives_sql;
mod journal;
mod journal_sql;
mod members;
mod members_sql;
pub mod personal;
mod personal_sql;
mod polls;
mod polls_sql;
mod postgres;
mod questions;
mod questions_sql;
mod records;
mod sql;
mod sqlite;
mod topics;
mod topics_sql;
mod vacancies;
mod vacancies_sql;
mod wal_sync;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::Platform;
use crate::message::{Outgoing, Target};

pub use agenda::AgendaTx;
pub use announcements::{
    Announcement, AnnouncementsTx, Delivery, DeliveryState, NewAnnouncement, Scope,
};
pub use budget::{BudgetTx, Contribution, ResultRow, VoteChain, VoteLogRow, VoterBallot};
pub use channels::ChannelsTx;
pub use events::{ClaimedReminder, EventsTx};
pub use initiatives::InitiativesTx;
pub use journal::JournalTx;
pub use members::MembersTx;
pub use personal::PersonalTx;
pub use polls::PollsTx;
pub use postgres::PostgresStore;
pub use questions::QuestionsTx;
pub use records::{
    AuditEntry, AuditRecord, Channel, Invitation, LinkCode, LinkedIdentity, LiveState, NewMember,
    NewReaction, OutboxItem,
};
pub use sqlite::SqliteStore;
pub use topics::{Topic, TopicsTx};
pub use vacancies::VacanciesTx;
pub use wal_sync::WalSync;

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
    /// The group of turns this one was committed with failed (see `group_commit`).
    #[error("group commit failed: {0}")]
    GroupCommit(String),
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
            // Another turn's statement or the shared COMMIT failed, not this event.
            StoreError::GroupCommit(_) => true,
            _ => false,
        }
    }
}

/// What waits in the outbox for one messenger.
#[derive(Debug, Clone)]
pub struct OutboxBacklog {
    pub platform: Platform,
    pub pending: i64,
    pub oldest: Option<DateTime<Utc>>,
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

    /// Messages waiting to be sent, per messenger, with the oldest one's creation time.
    async fn outbox_backlog(&self) -> Result<Vec<OutboxBacklog>>;

    /// How many events were set aside (all time).
    async fn dead_letter_count(&self) -> Result<i64>;

    /// An adapter's position in its platform's event stream.
    async fn cursor(&self, name: &str) -> Result<Option<String>>;
    /// Saves the position; call it only once everything before it is committed.
    async fn set_cursor(&self, name: &str, value: &str, at: DateTime<Utc>) -> Result<()>;

    /// The right to deliver a platform's outbox, exclusive among all daemons on this
    /// database while the returned guard lives (PostgreSQL: a session advisory lock, released
    /// by the server if the daemon dies). `None`: another daemon holds it.
    async fn try_sender_lock(&self, platform: Platform) -> Result<Option<SenderLock>>;

    /// Returns once every commit made before the call is on disk. Call it before anything
    /// that depends on a commit leaves the daemon: a reply, an acknowledgement to a platform.
    /// Commits return before they are synced on SQLite (see `wal_sync`).
    async fn make_durable(&self) -> Result<()>;

    /// Whether other daemons may write to this database (PostgreSQL) — then queued messages
    /// and schedule changes can appear without a signal in this process, and the idle loops
    /// must look now and then. One daemon per SQLite file: every change is signalled here.
    fn shared_with_other_daemons(&self) -> bool;

    /// When the next planned reminder is due, if any (an index lookup, not a scan).
    async fn next_reminder_due(&self) -> Result<Option<DateTime<Utc>>>;

    async fn close(&self);

    /// A consistent copy of the database in the file `to`, taken while the daemon may run;
    /// or the database's own tool to use instead.
    async fn backup(&self, to: &std::path::Path) -> Result<Backup>;
}

/// One transaction: inbox row, domain change, audit rows and outbox rows commit together.
/// Dropping it without `commit` rolls everything back.
#[async_trait]
pub trait StoreTx:
    JournalTx
    + MembersTx
    + InitiativesTx
    + ChannelsTx
    + PollsTx
    + EventsTx
    + BudgetTx
    + AnnouncementsTx
    + TopicsTx
    + AgendaTx
    + QuestionsTx
    + VacanciesTx
    + PersonalTx
    + Send
{
    async fn commit(self: Box<Self>) -> Result<()>;
}

/// What `Store::backup` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    Written,
    /// This database is copied with its own tool (PostgreSQL: `pg_dump`).
    UseTool(&'static str),
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

/// Rows written by one INSERT: at seven values a row well within PostgreSQL's 65,535 and
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
             chat_id, live_base, announcement) VALUES {}",
            placeholders(outgoing, 8, 1 + audits * 5)
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
            })
            .bind(m.live_key.clone())
            .bind(m.announcement);
    }
    Ok(query)
}

/// Outbox messages as stored (JSON), read back.
pub(crate) fn decode_messages(rows: &[String]) -> Result<Vec<Outgoing>> {
    rows.iter()
        .map(|json| {
            serde_json::from_str(json)
                .map_err(|e| StoreError::Corrupt(format!("outbox message: {e}")))
        })
        .collect()
}

/// UTC instants are stored as microseconds since the epoch.
pub(crate) fn to_us(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

pub(crate) fn from_us(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}
