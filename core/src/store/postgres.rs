//! PostgreSQL for larger deployments.

use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};

use super::sql::impl_sql_store;
use super::{Backend, Result};

pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new().max_connections(8).connect(url).await?;
        sqlx::migrate!("../migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }

    async fn begin_tx(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }
}

impl_sql_store!(PostgresStore, PostgresTx, Postgres, Backend::Postgres);

impl PostgresTx {
    /// PostgreSQL prepares one statement per query, so both inserts become one statement
    /// with a data-modifying CTE.
    async fn write_effects_sql(
        &mut self,
        audits: &[super::AuditEntry],
        outgoing: &[crate::message::Outgoing],
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let sql = match super::effect_inserts(audits.len(), outgoing.len()) {
            (None, None) => return Ok(()),
            (Some(one), None) | (None, Some(one)) => one,
            (Some(audit), Some(outbox)) => format!("WITH audit AS ({audit}) {outbox}"),
        };
        let query = sqlx::query(sqlx::AssertSqlSafe(sql));
        super::bind_effects(query, audits, outgoing, at)?
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}
