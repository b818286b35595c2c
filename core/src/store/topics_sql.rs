//! The SQL of `TopicsTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `TopicsTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_topics_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::TopicsTx for $tx {
            async fn insert_topic(
                &mut self,
                title: &str,
                by: $crate::domain::MemberId,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO topics (title, proposed_by, created_at) VALUES ($1, $2, $3) \
                     RETURNING id",
                )
                .bind(title)
                .bind(by.0)
                .bind($crate::store::to_us(at))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn topic(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Option<$crate::store::Topic>> {
                let row: Option<(i64, String, Option<i64>, i64)> = sqlx::query_as(
                    "SELECT t.id, t.title, t.proposed_by, \
                     CAST(COALESCE((SELECT SUM(p.points) FROM topic_points p \
                     WHERE p.topic_id = t.id), 0) AS BIGINT) FROM topics t WHERE t.id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(row.map(|(id, title, by, points)| $crate::store::Topic {
                    id,
                    title,
                    proposed_by: by.map($crate::domain::MemberId),
                    points,
                }))
            }

            async fn topics(&mut self) -> $crate::store::Result<Vec<$crate::store::Topic>> {
                let rows: Vec<(i64, String, Option<i64>, i64)> = sqlx::query_as(
                    "SELECT t.id, t.title, t.proposed_by, \
                     CAST(COALESCE(SUM(p.points), 0) AS BIGINT) AS total FROM topics t \
                     LEFT JOIN topic_points p ON p.topic_id = t.id \
                     GROUP BY t.id, t.title, t.proposed_by ORDER BY total DESC, t.id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, title, by, points)| $crate::store::Topic {
                        id,
                        title,
                        proposed_by: by.map($crate::domain::MemberId),
                        points,
                    })
                    .collect())
            }

            async fn points_given(
                &mut self,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM topic_points \
                     WHERE member_id = $1",
                )
                .bind(member.0)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn points_on(
                &mut self,
                topic: i64,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "SELECT points FROM topic_points WHERE topic_id = $1 AND member_id = $2",
                )
                .bind(topic)
                .bind(member.0)
                .fetch_optional(&mut *self.tx)
                .await?
                .unwrap_or(0))
            }

            async fn set_points(
                &mut self,
                topic: i64,
                member: $crate::domain::MemberId,
                points: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                if points <= 0 {
                    sqlx::query("DELETE FROM topic_points WHERE topic_id = $1 AND member_id = $2")
                        .bind(topic)
                        .bind(member.0)
                        .execute(&mut *self.tx)
                        .await?;
                    return Ok(());
                }
                sqlx::query(
                    "INSERT INTO topic_points (topic_id, member_id, points, at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (topic_id, member_id) \
                     DO UPDATE SET points = excluded.points, at = excluded.at",
                )
                .bind(topic)
                .bind(member.0)
                .bind(points)
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_topics_sql;
