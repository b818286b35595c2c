//! The SQL of `PollsTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `PollsTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_polls_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::PollsTx for $tx {
            async fn live_key_of(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
                platform_message_id: &str,
            ) -> $crate::store::Result<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT live_key FROM outbox WHERE platform = $1 AND chat_id = $2 \
                     AND platform_message_id = $3 AND live_key IS NOT NULL ORDER BY id LIMIT 1",
                )
                .bind(platform.as_str())
                .bind(chat_id)
                .bind(platform_message_id)
                .fetch_optional(&mut *self.tx)
                .await?)
            }

            async fn insert_poll(
                &mut self,
                chat: &$crate::message::ChatRef,
                draft: &$crate::domain::PollDraft,
                lang: $crate::domain::Lang,
                visibility: $crate::domain::Visibility,
                created_by: Option<$crate::domain::MemberId>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<$crate::domain::PollId> {
                let options = serde_json::to_string(&draft.options)
                    .map_err(|e| $crate::store::StoreError::Corrupt(e.to_string()))?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO polls (platform, chat_id, chat_private, chat_title, lang, \
                     question, options, created_by, created_at, visibility) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(chat.platform.as_str())
                .bind(&chat.id)
                .bind(i64::from(chat.is_private))
                .bind(chat.title.as_deref())
                .bind(lang.as_str())
                .bind(&draft.question)
                .bind(options)
                .bind(created_by.map(|m| m.0))
                .bind($crate::store::to_us(at))
                .bind(visibility.as_str())
                .fetch_one(&mut *self.tx)
                .await?;
                Ok($crate::domain::PollId(id))
            }

            async fn poll(
                &mut self,
                id: $crate::domain::PollId,
            ) -> $crate::store::Result<Option<$crate::domain::Poll>> {
                let row: Option<$crate::store::records::PollRow> = sqlx::query_as(
                    "SELECT id, platform, chat_id, chat_private, chat_title, lang, question, \
                     options, created_by, created_at, closed_at, visibility FROM polls WHERE id = $1",
                )
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn polls_between(
                &mut self,
                from: chrono::DateTime<chrono::Utc>,
                to: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::domain::Poll>> {
                let rows: Vec<$crate::store::records::PollRow> = sqlx::query_as(
                    "SELECT id, platform, chat_id, chat_private, chat_title, lang, question, \
                     options, created_by, created_at, closed_at, visibility FROM polls \
                     WHERE created_at >= $1 AND created_at <= $2 ORDER BY id",
                )
                .bind($crate::store::to_us(from))
                .bind($crate::store::to_us(to))
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn choose(
                &mut self,
                poll: $crate::domain::PollId,
                member: $crate::domain::MemberId,
                number: u32,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Option<u32>> {
                let previous: Option<i64> = sqlx::query_scalar(
                    "SELECT choice FROM poll_choices WHERE poll_id = $1 AND member_id = $2",
                )
                .bind(poll.0)
                .bind(member.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                sqlx::query(
                    "INSERT INTO poll_choices (poll_id, member_id, choice, at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (poll_id, member_id) \
                     DO UPDATE SET choice = excluded.choice, at = excluded.at",
                )
                .bind(poll.0)
                .bind(member.0)
                .bind(i64::from(number))
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(previous.and_then(|p| u32::try_from(p).ok()))
            }

            async fn poll_counts(
                &mut self,
                poll: $crate::domain::PollId,
            ) -> $crate::store::Result<Vec<(u32, i64)>> {
                let rows: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT choice, COUNT(*) FROM poll_choices WHERE poll_id = $1 \
                     GROUP BY choice ORDER BY choice",
                )
                .bind(poll.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(c, n)| Some((u32::try_from(c).ok()?, n)))
                    .collect())
            }

            async fn withdraw_choice(
                &mut self,
                poll: $crate::domain::PollId,
                member: $crate::domain::MemberId,
                number: u32,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM poll_choices WHERE poll_id = $1 AND member_id = $2 AND choice = $3",
                )
                .bind(poll.0)
                .bind(member.0)
                .bind(i64::from(number))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn close_poll(
                &mut self,
                poll: $crate::domain::PollId,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "UPDATE polls SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL",
                )
                .bind(poll.0)
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn add_reaction(
                &mut self,
                r: &$crate::store::NewReaction,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO reactions (platform, reaction_id, chat_id, message_id, reaction, \
                     person, at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                )
                .bind(r.platform.as_str())
                .bind(&r.reaction_id)
                .bind(&r.chat_id)
                .bind(&r.message_id)
                .bind(&r.key)
                .bind(&r.person)
                .bind($crate::store::to_us(r.at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn remove_reaction_by_id(
                &mut self,
                platform: $crate::domain::Platform,
                reaction_id: &str,
                person: &str,
            ) -> $crate::store::Result<Option<(String, String, String)>> {
                Ok(sqlx::query_as(
                    "DELETE FROM reactions WHERE platform = $1 AND reaction_id = $2 \
                     AND person = $3 RETURNING chat_id, message_id, reaction",
                )
                .bind(platform.as_str())
                .bind(reaction_id)
                .bind(person)
                .fetch_optional(&mut *self.tx)
                .await?)
            }

            async fn remove_reactions(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
                message_id: &str,
                key: &str,
                person: &str,
            ) -> $crate::store::Result<u64> {
                Ok(sqlx::query(
                    "DELETE FROM reactions WHERE platform = $1 AND chat_id = $2 \
                     AND message_id = $3 AND reaction = $4 AND person = $5",
                )
                .bind(platform.as_str())
                .bind(chat_id)
                .bind(message_id)
                .bind(key)
                .bind(person)
                .execute(&mut *self.tx)
                .await?
                .rows_affected())
            }

            async fn reaction_counts(
                &mut self,
                platform: $crate::domain::Platform,
                chat_id: &str,
                message_id: &str,
            ) -> $crate::store::Result<Vec<(String, i64)>> {
                Ok(sqlx::query_as(
                    "SELECT reaction, COUNT(DISTINCT person) FROM reactions \
                     WHERE platform = $1 AND chat_id = $2 AND message_id = $3 \
                     GROUP BY reaction ORDER BY reaction",
                )
                .bind(platform.as_str())
                .bind(chat_id)
                .bind(message_id)
                .fetch_all(&mut *self.tx)
                .await?)
            }

        }
    };
}

pub(crate) use impl_polls_sql;
