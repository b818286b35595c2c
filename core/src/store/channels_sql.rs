//! The SQL of `ChannelsTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `ChannelsTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_channels_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::ChannelsTx for $tx {
            async fn connect_channel(
                &mut self,
                c: &$crate::store::Channel,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO channels (platform, chat_id, title, confidential, connected_by, \
                     connected_at) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (platform, chat_id) DO UPDATE SET title = excluded.title, \
                     confidential = excluded.confidential, unreachable_since = NULL",
                )
                .bind(c.platform.as_str())
                .bind(&c.chat_id)
                .bind(&c.title)
                .bind(i64::from(c.confidential))
                .bind(c.connected_by.map(|m| m.0))
                .bind($crate::store::to_us(c.connected_at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn disconnect_channel(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query("DELETE FROM channels WHERE platform = $1 AND chat_id = $2")
                    .bind(platform.as_str())
                    .bind(chat_id)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn channel(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
            ) -> $crate::store::Result<Option<$crate::store::Channel>> {
                let row: Option<$crate::store::records::ChannelRow> = sqlx::query_as(
                    "SELECT platform, chat_id, title, confidential, connected_by, connected_at, \
                     unreachable_since, region, events FROM channels WHERE platform = $1 AND chat_id = $2",
                )
                .bind(platform.as_str())
                .bind(chat_id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn channels(&mut self) -> $crate::store::Result<Vec<$crate::store::Channel>> {
                let rows: Vec<$crate::store::records::ChannelRow> = sqlx::query_as(
                    "SELECT platform, chat_id, title, confidential, connected_by, connected_at, \
                     unreachable_since, region, events FROM channels ORDER BY platform, title, chat_id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn move_chat(
                &mut self,
                platform: $crate::domain::Platform,
                from: &str,
                to: &str,
            ) -> $crate::store::Result<bool> {
                for statement in [
                    "UPDATE polls SET chat_id = $3 WHERE platform = $1 AND chat_id = $2",
                    "UPDATE events SET chat_id = $3 WHERE platform = $1 AND chat_id = $2",
                    "UPDATE event_channels SET chat_id = $3 WHERE platform = $1 AND chat_id = $2",
                ] {
                    sqlx::query(statement)
                        .bind(platform.as_str())
                        .bind(from)
                        .bind(to)
                        .execute(&mut *self.tx)
                        .await?;
                }
                // If the new chat was connected already, that connection stays.
                let moved = sqlx::query(
                    "UPDATE channels SET chat_id = $3 WHERE platform = $1 AND chat_id = $2 \
                     AND NOT EXISTS (SELECT 1 FROM channels WHERE platform = $1 AND chat_id = $3)",
                )
                .bind(platform.as_str())
                .bind(from)
                .bind(to)
                .execute(&mut *self.tx)
                .await?;
                sqlx::query("DELETE FROM channels WHERE platform = $1 AND chat_id = $2")
                    .bind(platform.as_str())
                    .bind(from)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(moved.rows_affected() > 0)
            }

            async fn set_channel_reachable(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
                reachable: bool,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                // Only a change counts: an already-marked channel is not reported twice.
                let query = if reachable {
                    sqlx::query(
                        "UPDATE channels SET unreachable_since = NULL \
                         WHERE platform = $1 AND chat_id = $2 AND unreachable_since IS NOT NULL",
                    )
                    .bind(platform.as_str())
                    .bind(chat_id)
                } else {
                    sqlx::query(
                        "UPDATE channels SET unreachable_since = $3 \
                         WHERE platform = $1 AND chat_id = $2 AND unreachable_since IS NULL",
                    )
                    .bind(platform.as_str())
                    .bind(chat_id)
                    .bind($crate::store::to_us(at))
                };
                let done = query.execute(&mut *self.tx).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_channel_events(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
                on: bool,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "UPDATE channels SET events = $3 WHERE platform = $1 AND chat_id = $2",
                )
                .bind(platform.as_str())
                .bind(chat_id)
                .bind(i64::from(on))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_channel_region(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
                region: Option<&str>,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "UPDATE channels SET region = $3 WHERE platform = $1 AND chat_id = $2",
                )
                .bind(platform.as_str())
                .bind(chat_id)
                .bind(region)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(crate) use impl_channels_sql;
