//! The SQL both backends share. SQLite and PostgreSQL accept the same statements here
//! (`$1` placeholders, `RETURNING`, `ON CONFLICT`, partial indexes), so the text is written
//! once and the macro instantiates it per database type.

/// Implements `StoreTx` for `$tx` (wrapping `$work`: a connection in a transaction, with
/// `commit`) and the shared parts of `Store` for `$store` (which provides `pool`, `read_pool`,
/// `begin_tx` and `begin_read_tx`); the
/// `Store` methods that only read use `read_pool`. The sub-traits of `StoreTx` have a macro
/// each, in the file of their topic (`members_sql.rs`, …).
macro_rules! impl_sql_store {
    ($store:ident, $tx:ident, $work:ty) => {
        pub struct $tx {
            tx: $work,
        }

        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn begin(&self) -> $crate::store::Result<Box<dyn $crate::store::StoreTx>> {
                Ok(Box::new($tx {
                    tx: self.begin_tx().await?,
                }))
            }

            async fn begin_read(&self) -> $crate::store::Result<Box<dyn $crate::store::StoreTx>> {
                Ok(Box::new($tx {
                    tx: self.begin_read_tx().await?,
                }))
            }

            async fn pending_outbox(
                &self,
                platform: $crate::domain::Platform,
                now: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::store::OutboxItem>> {
                let rows: Vec<$crate::store::records::OutboxRow> = sqlx::query_as(
                    "SELECT id, platform, message, attempts, created_at, live_key, parts_sent, \
                     platform_message_id FROM outbox \
                     WHERE sent_at IS NULL AND gave_up_at IS NULL AND platform = $1 \
                     AND next_attempt_at <= $2 ORDER BY id LIMIT $3",
                )
                .bind(platform.as_str())
                .bind($crate::store::to_us(now))
                .bind(limit)
                .fetch_all(&self.read_pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn next_outbox_due(
                &self,
                platform: $crate::domain::Platform,
            ) -> $crate::store::Result<Option<chrono::DateTime<chrono::Utc>>> {
                let due: Option<i64> = sqlx::query_scalar(
                    "SELECT MIN(next_attempt_at) FROM outbox \
                     WHERE sent_at IS NULL AND gave_up_at IS NULL AND platform = $1",
                )
                .bind(platform.as_str())
                .fetch_one(&self.read_pool)
                .await?;
                Ok(due.map($crate::store::from_us))
            }

            async fn mark_sent(
                &self,
                id: i64,
                platform_message_id: Option<&str>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE outbox SET sent_at = $2, platform_message_id = $3, \
                     attempts = attempts + 1 WHERE id = $1",
                )
                .bind(id)
                .bind($crate::store::to_us(at))
                .bind(platform_message_id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn mark_part_sent(
                &self,
                id: i64,
                parts_sent: i64,
                platform_message_id: &str,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE outbox SET parts_sent = $2, platform_message_id = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(parts_sent)
                .bind(platform_message_id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn mark_failed(
                &self,
                id: i64,
                error: &str,
                retry_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, \
                     next_attempt_at = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(error)
                .bind($crate::store::to_us(retry_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn give_up(
                &self,
                id: i64,
                error: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, gave_up_at = $3 \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(error)
                .bind($crate::store::to_us(at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn postpone(
                &self,
                id: i64,
                until: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query("UPDATE outbox SET next_attempt_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind($crate::store::to_us(until))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn live_state(
                &self,
                platform: $crate::domain::Platform,
                live_key: &str,
                id: i64,
            ) -> $crate::store::Result<$crate::store::LiveState> {
                let newer: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM outbox WHERE platform = $1 AND live_key = $2 \
                     AND id > $3 AND sent_at IS NULL AND gave_up_at IS NULL",
                )
                .bind(platform.as_str())
                .bind(live_key)
                .bind(id)
                .fetch_one(&self.read_pool)
                .await?;
                let first: Option<(String,)> = sqlx::query_as(
                    "SELECT platform_message_id FROM outbox WHERE platform = $1 AND live_key = $2 \
                     AND platform_message_id IS NOT NULL ORDER BY id LIMIT 1",
                )
                .bind(platform.as_str())
                .bind(live_key)
                .fetch_optional(&self.read_pool)
                .await?;
                let last: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(sent_at) FROM outbox WHERE platform = $1 AND live_key = $2 \
                     AND platform_message_id IS NOT NULL",
                )
                .bind(platform.as_str())
                .bind(live_key)
                .fetch_one(&self.read_pool)
                .await?;
                Ok($crate::store::LiveState {
                    superseded: newer > 0,
                    message_id: first.map(|(m,)| m),
                    last_sent: last.map($crate::store::from_us),
                })
            }

            async fn retry_outbox_now(
                &self,
                platform: $crate::domain::Platform,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<u64> {
                Ok(sqlx::query(
                    "UPDATE outbox SET next_attempt_at = $2 WHERE sent_at IS NULL \
                     AND gave_up_at IS NULL AND platform = $1 AND next_attempt_at > $2",
                )
                .bind(platform.as_str())
                .bind($crate::store::to_us(now))
                .execute(&self.pool)
                .await?
                .rows_affected())
            }

            async fn inbox_contains(
                &self,
                platform: $crate::domain::Platform,
                event_id: &str,
            ) -> $crate::store::Result<bool> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM inbox WHERE platform = $1 AND event_id = $2",
                )
                .bind(platform.as_str())
                .bind(event_id)
                .fetch_one(&self.read_pool)
                .await?;
                Ok(n > 0)
            }

            async fn outbox_backlog(
                &self,
            ) -> $crate::store::Result<Vec<$crate::store::OutboxBacklog>> {
                let rows: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT platform, COUNT(*), MIN(created_at) FROM outbox \
                     WHERE sent_at IS NULL AND gave_up_at IS NULL GROUP BY platform",
                )
                .fetch_all(&self.read_pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(platform, pending, oldest)| {
                        Some($crate::store::OutboxBacklog {
                            platform: $crate::domain::Platform::parse(&platform)?,
                            pending,
                            oldest: oldest.map($crate::store::from_us),
                        })
                    })
                    .collect())
            }

            async fn dead_letter_count(&self) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM dead_letters")
                    .fetch_one(&self.read_pool)
                    .await?)
            }

            async fn dead_letters(
                &self,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::store::DeadLetter>> {
                let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
                    "SELECT platform, event_id, kind, error, at FROM dead_letters \
                     ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.read_pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(
                        |(platform, event_id, kind, error, at)| $crate::store::DeadLetter {
                            platform,
                            event_id,
                            kind,
                            error,
                            at: $crate::store::from_us(at),
                        },
                    )
                    .collect())
            }

            async fn feed_version(&self) -> $crate::store::Result<(i64, i64)> {
                Ok(sqlx::query_as(
                    "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log), \
                     (SELECT COALESCE(MAX(fetched_at), 0) + COUNT(*) FROM partner_events)",
                )
                .fetch_one(&self.read_pool)
                .await?)
            }

            async fn cursor(&self, name: &str) -> $crate::store::Result<Option<String>> {
                Ok(
                    sqlx::query_scalar("SELECT value FROM cursors WHERE name = $1")
                        .bind(name)
                        .fetch_optional(&self.read_pool)
                        .await?,
                )
            }

            async fn set_cursor(
                &self,
                name: &str,
                value: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO cursors (name, value, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO UPDATE SET value = excluded.value, \
                     updated_at = excluded.updated_at",
                )
                .bind(name)
                .bind(value)
                .bind($crate::store::to_us(at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn try_sender_lock(
                &self,
                platform: $crate::domain::Platform,
            ) -> $crate::store::Result<Option<$crate::store::SenderLock>> {
                self.acquire_sender_lock(platform).await
            }

            async fn backup(
                &self,
                to: &std::path::Path,
            ) -> $crate::store::Result<$crate::store::Backup> {
                self.write_backup(to).await
            }

            async fn make_durable(&self) -> $crate::store::Result<()> {
                self.sync_commits().await
            }

            fn shared_with_other_daemons(&self) -> bool {
                <$store>::SHARED_WITH_OTHER_DAEMONS
            }

            async fn next_reminder_due(
                &self,
            ) -> $crate::store::Result<Option<chrono::DateTime<chrono::Utc>>> {
                let due: Option<i64> =
                    sqlx::query_scalar("SELECT MIN(due_at) FROM reminders WHERE state = 'pending'")
                        .fetch_one(&self.read_pool)
                        .await?;
                Ok(due.map($crate::store::from_us))
            }

            async fn close(&self) {
                self.read_pool.close().await;
                self.pool.close().await;
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::StoreTx for $tx {
            async fn commit(self: Box<Self>) -> $crate::store::Result<()> {
                self.tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_sql_store;
