//! The embedded default: one SQLite file, WAL mode; commits are synced before anything that
//! depends on them is sent (see `wal_sync`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use super::Result;
use super::agenda_sql::impl_agenda_sql;
use super::announcements_sql::impl_announcements_sql;
use super::budget_sql::impl_budget_sql;
use super::channels_sql::impl_channels_sql;
use super::events_sql::impl_events_sql;
use super::group_commit::{GroupCommit, GroupTx};
use super::initiatives_sql::impl_initiatives_sql;
use super::journal_sql::impl_journal_sql;
use super::members_sql::impl_members_sql;
use super::personal_sql::impl_personal_sql;
use super::polls_sql::impl_polls_sql;
use super::questions_sql::impl_questions_sql;
use super::sql::impl_sql_store;
use super::topics_sql::impl_topics_sql;
use super::vacancies_sql::impl_vacancies_sql;
use super::wal_sync::WalSync;

pub struct SqliteStore {
    /// The writer: one connection.
    pool: SqlitePool,
    /// Turns share the writer's transactions (see `group_commit`).
    writer: GroupCommit,
    /// Readers beside it (WAL lets them read the last commit while the writer writes).
    read_pool: SqlitePool,
    /// Copies the write-ahead log into the database beside the writer (see `checkpoints`).
    _checkpoints: Checkpoints,
    /// Syncs the log before replies go out.
    wal: WalSync,
}

/// How long after a commit the log is copied into the database (commits in between wait for
/// the same checkpoint).
const CHECKPOINT_AFTER: Duration = Duration::from_millis(500);

/// The task that checkpoints the write-ahead log. SQLite would otherwise do it inside the
/// commit that crosses 1,000 pages, and that command's reply (and everyone's in its group)
/// would wait for copying and syncing the database file. A passive checkpoint on a
/// connection of its own runs beside the writer and never blocks it. Without commits it
/// sleeps: an idle daemon is not woken.
struct Checkpoints(tokio::task::JoinHandle<()>);

impl Checkpoints {
    async fn start(options: SqliteConnectOptions, writer: &GroupCommit) -> Result<Self> {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let committed = writer.committed().await;
        Ok(Self(tokio::spawn(async move {
            loop {
                committed.notified().await;
                tokio::time::sleep(CHECKPOINT_AFTER).await;
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&pool)
                    .await
                {
                    tracing::debug!(error = %e, "checkpoint postponed");
                }
            }
        })))
    }
}

impl Drop for Checkpoints {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Connections that only read: the calendar feed, the outbox sender's queries.
const READERS: u32 = 4;

impl SqliteStore {
    pub async fn connect(url: &str) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?;
        let wal = WalSync::new(options.get_filename());
        if let Some(dir) = options.get_filename().parent()
            && !dir.as_os_str().is_empty()
        {
            super::create_private_dir(dir).map_err(sqlx::Error::Io)?;
        }
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL: a commit is in the log when it returns, safe from a crash of the daemon;
            // the log is synced before anything that depends on it is sent (`wal_sync`), and
            // at every checkpoint. FULL would sync inside every commit.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        // One connection: SQLite has one writer anyway, and queueing in the pool is fairer and
        // cheaper than writers spinning on the busy handler.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await?;
        sqlx::migrate!("../migrations/sqlite").run(&pool).await?;
        let writer = GroupCommit::new(pool.clone());
        let checkpoints = Checkpoints::start(options.clone(), &writer).await?;
        let read_pool = SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self {
            writer,
            pool,
            read_pool,
            _checkpoints: checkpoints,
            wal,
        })
    }

    /// One daemon per SQLite file.
    pub(crate) const SHARED_WITH_OTHER_DAEMONS: bool = false;

    async fn sync_commits(&self) -> Result<()> {
        self.wal.sync().await.map_err(sqlx::Error::Io)?;
        Ok(())
    }

    /// A consistent copy while the daemon runs: `VACUUM INTO` reads one snapshot (readers
    /// beside the writer, as WAL allows) and writes a compact database file.
    async fn write_backup(&self, to: &std::path::Path) -> Result<super::Backup> {
        let to = to.to_str().ok_or_else(|| {
            super::StoreError::Corrupt(format!("backup path {} is not UTF-8", to.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(to)
            .execute(&self.read_pool)
            .await?;
        Ok(super::Backup::Written)
    }

    /// One daemon per SQLite file: the lock is always free.
    async fn acquire_sender_lock(
        &self,
        _platform: crate::domain::Platform,
    ) -> Result<Option<super::SenderLock>> {
        Ok(Some(super::SenderLock::local()))
    }

    async fn begin_tx(&self) -> Result<SqliteWork> {
        Ok(SqliteWork::Write(self.writer.begin().await?))
    }

    async fn begin_read_tx(&self) -> Result<SqliteWork> {
        Ok(SqliteWork::Read(self.read_pool.begin().await?))
    }
}

/// A transaction on SQLite: a turn in the writer's group, or a reader's own.
pub enum SqliteWork {
    Write(GroupTx),
    Read(Transaction<'static, Sqlite>),
}

impl SqliteWork {
    async fn commit(self) -> Result<()> {
        match self {
            SqliteWork::Write(turn) => turn.commit().await,
            SqliteWork::Read(tx) => Ok(tx.commit().await?),
        }
    }
}

impl std::ops::Deref for SqliteWork {
    type Target = sqlx::SqliteConnection;

    fn deref(&self) -> &Self::Target {
        match self {
            SqliteWork::Write(turn) => turn,
            SqliteWork::Read(tx) => tx,
        }
    }
}

impl std::ops::DerefMut for SqliteWork {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            SqliteWork::Write(turn) => turn,
            SqliteWork::Read(tx) => tx,
        }
    }
}

impl_sql_store!(SqliteStore, SqliteTx, SqliteWork);

// A write transaction holds the whole file: no row locks needed (nor known to SQLite).
impl_events_sql!(SqliteTx, "");
impl_personal_sql!(SqliteTx, Sqlite);
// SQLite runs several statements of one query in one round trip to its worker thread, with
// `$N` numbered across all of them: audit rows and outbox rows go together.
impl_journal_sql!(
    SqliteTx,
    |audit, outbox| { format!("{audit}; {outbox}") },
    true
);
impl_members_sql!(SqliteTx);
impl_initiatives_sql!(SqliteTx);
impl_channels_sql!(SqliteTx);
impl_announcements_sql!(SqliteTx);
impl_topics_sql!(SqliteTx);
impl_vacancies_sql!(SqliteTx);
impl_agenda_sql!(SqliteTx);
impl_questions_sql!(SqliteTx);
impl_polls_sql!(SqliteTx);
impl_budget_sql!(SqliteTx, "", "");
