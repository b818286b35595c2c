//! The SQL of `AnnouncementsTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `AnnouncementsTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_announcements_sql {
    ($tx:ident) => {
        impl $tx {
            /// Those not sent or called off that are due by `by` (microseconds), the next
            /// first.
            async fn unsent_announcements_due_by(
                &mut self,
                by: i64,
            ) -> $crate::store::Result<Vec<$crate::store::Announcement>> {
                let rows: Vec<$crate::store::records::AnnouncementRow> = sqlx::query_as(
                    "SELECT id, author, scope, region, body, report_to, lang, report, \
                     created_at, due_at, sent_at, cancelled_at, on_web FROM announcements \
                     WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= $1 \
                     ORDER BY due_at, id",
                )
                .bind(by)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            /// Runs an update that ends one not sent or called off yet; `true` if it did.
            async fn settle_unsent(
                &mut self,
                update: &'static str,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(update)
                    .bind(id)
                    .bind($crate::store::to_us(at))
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::AnnouncementsTx for $tx {
            async fn insert_announcement(
                &mut self,
                a: &$crate::store::NewAnnouncement,
            ) -> $crate::store::Result<i64> {
                let report_to = serde_json::to_string(&a.report_to)
                    .map_err(|e| $crate::store::StoreError::Corrupt(e.to_string()))?;
                Ok(sqlx::query_scalar(
                    "INSERT INTO announcements (author, scope, region, body, report_to, lang, \
                     created_at, due_at, sent_at, on_web) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(a.author.0)
                .bind(a.scope.as_str())
                .bind(a.scope.region())
                .bind(&a.body)
                .bind(report_to)
                .bind(a.lang.as_str())
                .bind($crate::store::to_us(a.created_at))
                .bind(a.due_at.map($crate::store::to_us))
                // One that goes at once is sent as it is made.
                .bind(a.due_at.is_none().then(|| $crate::store::to_us(a.created_at)))
                .bind(i64::from(a.on_web))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn announcement(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Option<$crate::store::Announcement>> {
                let row: Option<$crate::store::records::AnnouncementRow> = sqlx::query_as(
                    "SELECT id, author, scope, region, body, report_to, lang, report, \
                     created_at, due_at, sent_at, cancelled_at, on_web FROM announcements WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn web_news(
                &mut self,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::store::Announcement>> {
                let rows: Vec<$crate::store::records::AnnouncementRow> = sqlx::query_as(
                    "SELECT id, author, scope, region, body, report_to, lang, report, \
                     created_at, due_at, sent_at, cancelled_at, on_web FROM announcements \
                     WHERE on_web = 1 AND sent_at IS NOT NULL AND cancelled_at IS NULL \
                     AND scope <> 'confidential' ORDER BY sent_at DESC, id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn announcement_deliveries(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Vec<$crate::store::Delivery>> {
                let rows: Vec<$crate::store::records::DeliveryRow> = sqlx::query_as(
                    "SELECT o.platform, o.chat_id, c.title, o.sent_at, o.gave_up_at, \
                     o.last_error FROM outbox o LEFT JOIN channels c \
                     ON c.platform = o.platform AND c.chat_id = o.chat_id \
                     WHERE o.announcement = $1 AND o.live_key IS NULL ORDER BY o.id",
                )
                .bind(id)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_announcement_report(
                &mut self,
                id: i64,
                report: &str,
            ) -> $crate::store::Result<()> {
                sqlx::query("UPDATE announcements SET report = $2 WHERE id = $1")
                    .bind(id)
                    .bind(report)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn scheduled_announcements(
                &mut self,
            ) -> $crate::store::Result<Vec<$crate::store::Announcement>> {
                // Every one still to go out has a due time (one that goes at once is sent as
                // it is made).
                self.unsent_announcements_due_by(i64::MAX).await
            }

            async fn due_announcements(
                &mut self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::store::Announcement>> {
                self.unsent_announcements_due_by($crate::store::to_us(now))
                    .await
            }

            async fn claim_announcement(
                &mut self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                self.settle_unsent(
                    "UPDATE announcements SET sent_at = $2 \
                     WHERE id = $1 AND sent_at IS NULL AND cancelled_at IS NULL",
                    id,
                    at,
                )
                .await
            }

            async fn cancel_announcement(
                &mut self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                self.settle_unsent(
                    "UPDATE announcements SET cancelled_at = $2 \
                     WHERE id = $1 AND sent_at IS NULL AND cancelled_at IS NULL",
                    id,
                    at,
                )
                .await
            }
        }
    };
}

pub(crate) use impl_announcements_sql;
