//! PostgreSQL for larger deployments.

use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};

use super::Result;
use super::agenda_sql::impl_agenda_sql;
use super::announcements_sql::impl_announcements_sql;
use super::budget_sql::impl_budget_sql;
use super::channels_sql::impl_channels_sql;
use super::events_sql::impl_events_sql;
use super::initiatives_sql::impl_initiatives_sql;
use super::journal_sql::impl_journal_sql;
use super::members_sql::impl_members_sql;
use super::personal_sql::impl_personal_sql;
use super::polls_sql::impl_polls_sql;
use super::questions_sql::impl_questions_sql;
use super::sql::impl_sql_store;
use super::topics_sql::impl_topics_sql;
use super::vacancies_sql::impl_vacancies_sql;

pub struct PostgresStore {
    pool: PgPool,
    /// The same pool: PostgreSQL readers never wait for writers.
    read_pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> Result<Self> {
        // 16: enough commits in flight for PostgreSQL to sync them together (each waits for
        // its fsync), few enough for two cores.
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect(url)
            .await?;
        sqlx::migrate!("../migrations/postgres").run(&pool).await?;
        Ok(Self {
            read_pool: pool.clone(),
            pool,
        })
    }

    /// A commit returns once it is on disk (`synchronous_commit` on, the server's default).
    async fn sync_commits(&self) -> Result<()> {
        Ok(())
    }

    /// Several daemons may share one PostgreSQL database.
    pub(crate) const SHARED_WITH_OTHER_DAEMONS: bool = true;

    /// PostgreSQL's own tool makes consistent copies of a running database.
    async fn write_backup(&self, _to: &std::path::Path) -> Result<super::Backup> {
        Ok(super::Backup::UseTool("pg_dump"))
    }

    /// A session advisory lock on a connection of its own, taken out of the pool so it lives
    /// as long as the lock is held; if the daemon dies, the server releases it.
    async fn acquire_sender_lock(
        &self,
        platform: crate::domain::Platform,
    ) -> Result<Option<super::SenderLock>> {
        // Two-part lock key: "alli" and the platform.
        const SPACE: i32 = 0x616c_6c69;
        let slot = crate::domain::Platform::ALL
            .iter()
            .position(|p| *p == platform)
            .unwrap_or_default() as i32;
        let mut connection = self.pool.acquire().await?.detach();
        let held: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1, $2)")
            .bind(SPACE)
            .bind(slot)
            .fetch_one(&mut connection)
            .await?;
        Ok(held.then(|| super::SenderLock::held_by(connection)))
    }

    async fn begin_tx(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    async fn begin_read_tx(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.read_pool.begin().await?)
    }
}

impl_sql_store!(PostgresStore, PostgresTx, Transaction<'static, Postgres>);

impl_events_sql!(PostgresTx, " FOR UPDATE");
impl_personal_sql!(PostgresTx, Postgres);
// PostgreSQL prepares one statement per query, so both inserts become one statement with a
// data-modifying CTE.
impl_journal_sql!(
    PostgresTx,
    |audit, outbox| { format!("WITH audit AS ({audit}) {outbox}") },
    false
);
impl_members_sql!(PostgresTx);
impl_initiatives_sql!(PostgresTx);
impl_channels_sql!(PostgresTx);
impl_announcements_sql!(PostgresTx);
impl_topics_sql!(PostgresTx);
impl_vacancies_sql!(PostgresTx);
impl_agenda_sql!(PostgresTx);
impl_questions_sql!(PostgresTx);
impl_polls_sql!(PostgresTx);
impl_budget_sql!(PostgresTx, " FOR UPDATE", " FOR SHARE OF r");
