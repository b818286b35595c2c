//! PostgreSQL for larger deployments.

use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};

use super::Result;
use super::events_sql::impl_events_sql;
use super::sql::impl_sql_store;

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

// PostgreSQL prepares one statement per query, so both inserts become one statement with a
// data-modifying CTE.
impl_sql_store!(PostgresStore, PostgresTx, Postgres, |audit, outbox| {
    format!("WITH audit AS ({audit}) {outbox}")
});

impl_events_sql!(PostgresTx);
