//! The SQL of `QuestionsTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `QuestionsTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_questions_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::QuestionsTx for $tx {
            async fn insert_question_round(
                &mut self,
                round: &$crate::domain::question::QuestionRound,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO question_rounds (title, platform, chat_id, chat_private, \
                     confidential, lang, event_id, occurrence, opened_by, opened_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(&round.title)
                .bind(round.chat.platform.as_str())
                .bind(&round.chat.id)
                .bind(i64::from(round.chat.is_private))
                .bind(i64::from(round.confidential))
                .bind(round.lang.as_str())
                .bind(round.event.map(|(e, _)| e.0))
                .bind(round.event.map(|(_, d)| $crate::store::events::day_text(d)))
                .bind(round.opened_by.map(|m| m.0))
                .bind($crate::store::to_us(round.opened_at))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn question_round(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Option<$crate::domain::question::QuestionRound>> {
                let row: Option<$crate::store::questions::RoundRow> = sqlx::query_as(
                    "SELECT id, title, platform, chat_id, chat_private, confidential, lang, \
                     event_id, occurrence, opened_by, opened_at, closed_at, digest \
                     FROM question_rounds WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn open_rounds(
                &mut self,
            ) -> $crate::store::Result<Vec<$crate::domain::question::QuestionRound>> {
                let rows: Vec<$crate::store::questions::RoundRow> = sqlx::query_as(
                    "SELECT id, title, platform, chat_id, chat_private, confidential, lang, \
                     event_id, occurrence, opened_by, opened_at, closed_at, digest \
                     FROM question_rounds WHERE closed_at IS NULL ORDER BY id DESC",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn rounds_of_date(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
            ) -> $crate::store::Result<Vec<$crate::domain::question::QuestionRound>> {
                let rows: Vec<$crate::store::questions::RoundRow> = sqlx::query_as(
                    "SELECT id, title, platform, chat_id, chat_private, confidential, lang, \
                     event_id, occurrence, opened_by, opened_at, closed_at, digest \
                     FROM question_rounds WHERE event_id = $1 AND occurrence = $2 \
                     AND closed_at IS NOT NULL ORDER BY id",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn close_round(
                &mut self,
                id: i64,
                digest: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query("UPDATE question_rounds SET closed_at = $2, digest = $3 WHERE id = $1")
                    .bind(id)
                    .bind($crate::store::to_us(at))
                    .bind(digest)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn insert_question(
                &mut self,
                question: &$crate::domain::question::Question,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO questions (round_id, member_id, contact, body, anonymous, \
                     asked_at, state) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(question.round)
                .bind(question.member.0)
                .bind(question.contact.to_string())
                .bind(&question.body)
                .bind(i64::from(question.anonymous))
                .bind($crate::store::to_us(question.asked_at))
                .bind(question.state.as_str())
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn question(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Option<$crate::domain::question::Question>> {
                let row: Option<$crate::store::questions::QuestionRow> = sqlx::query_as(
                    "SELECT q.id, q.round_id, q.member_id, q.contact, q.body, q.anonymous, \
                     q.asked_at, q.state, q.reply, CAST((SELECT COUNT(*) FROM question_votes v \
                     WHERE v.question_id = q.id) AS BIGINT) AS votes \
                     FROM questions q WHERE q.id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn questions(
                &mut self,
                round: i64,
            ) -> $crate::store::Result<Vec<$crate::domain::question::Question>> {
                let rows: Vec<$crate::store::questions::QuestionRow> = sqlx::query_as(
                    "SELECT q.id, q.round_id, q.member_id, q.contact, q.body, q.anonymous, \
                     q.asked_at, q.state, q.reply, CAST((SELECT COUNT(*) FROM question_votes v \
                     WHERE v.question_id = q.id) AS BIGINT) AS votes \
                     FROM questions q WHERE q.round_id = $1 ORDER BY votes DESC, q.id",
                )
                .bind(round)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn decide_question(
                &mut self,
                id: i64,
                state: $crate::domain::question::QuestionState,
                reply: Option<&str>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE questions SET state = $2, reply = $3, decided_at = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(state.as_str())
                .bind(reply)
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn set_question_vote(
                &mut self,
                id: i64,
                member: $crate::domain::MemberId,
                on: bool,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                let done = if on {
                    sqlx::query(
                        "INSERT INTO question_votes (question_id, member_id, at) \
                         VALUES ($1, $2, $3) ON CONFLICT (question_id, member_id) DO NOTHING",
                    )
                    .bind(id)
                    .bind(member.0)
                    .bind($crate::store::to_us(at))
                    .execute(&mut *self.tx)
                    .await?
                } else {
                    sqlx::query(
                        "DELETE FROM question_votes WHERE question_id = $1 AND member_id = $2",
                    )
                    .bind(id)
                    .bind(member.0)
                    .execute(&mut *self.tx)
                    .await?
                };
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(crate) use impl_questions_sql;
