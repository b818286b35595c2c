//! The SQL of `JournalTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `JournalTx` for a transaction type made by `impl_sql_store!`. `$combine` joins
/// the audit INSERT and the outbox INSERT into one query, the way the database allows;
/// `$several` says whether one query may hold several statements (SQLite).
macro_rules! impl_journal_sql {
    ($tx:ident, $combine:expr, $several:expr) => {
        #[async_trait::async_trait]
        impl $crate::store::JournalTx for $tx {
            async fn record_inbox(
                &mut self,
                incoming: &$crate::message::Incoming,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "INSERT INTO inbox (platform, event_id, received_at) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(incoming.platform().as_str())
                .bind(&incoming.event_id)
                .bind($crate::store::to_us(incoming.at))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn take_in(
                &mut self,
                incoming: &$crate::message::Incoming,
            ) -> $crate::store::Result<Option<Option<$crate::domain::Member>>> {
                use sqlx::{FromRow as _, Row as _};
                let member = $crate::store::records::MEMBER_BY_IDENTITY.replace("$1", "$4");
                let insert = "INSERT INTO inbox (platform, event_id, received_at) \
                     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1";
                let sql = if $several {
                    // SQLite: two statements in one query; the first returns a row only for a
                    // new event, the second the sender's member row if there is one.
                    format!("{insert} AS taken; {member}")
                } else {
                    // PostgreSQL: one statement, the insert in a data-modifying CTE and the
                    // member (if any) joined to one row that says whether it was new.
                    format!(
                        "WITH taken AS ({insert}) \
                         SELECT EXISTS (SELECT 1 FROM taken) AS taken, sender.* \
                         FROM (SELECT 1) AS one LEFT JOIN ({member}) AS sender ON true"
                    )
                };
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(incoming.platform().as_str())
                    .bind(&incoming.event_id)
                    .bind($crate::store::to_us(incoming.at))
                    .bind(incoming.sender.to_string())
                    .fetch_all(&mut *self.tx)
                    .await?;
                let taken = rows
                    .first()
                    .is_some_and(|row| row.try_get::<bool, _>("taken").unwrap_or(false));
                if !taken {
                    return Ok(None);
                }
                let sender = rows.iter().find(|row| {
                    row.try_get::<Option<i64>, _>("id")
                        .is_ok_and(|id| id.is_some())
                });
                match sender {
                    None => Ok(Some(None)),
                    Some(row) => Ok(Some(Some(
                        $crate::store::records::MemberRow::from_row(row)?.try_into()?,
                    ))),
                }
            }

            async fn set_aside(
                &mut self,
                incoming: &$crate::message::Incoming,
                error: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO dead_letters (platform, event_id, kind, error, at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(incoming.platform().as_str())
                .bind(&incoming.event_id)
                .bind(incoming.kind_name())
                .bind(error)
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn count_actions(
                &mut self,
                actor: $crate::domain::MemberId,
                action: &str,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND action = $2 \
                     AND at >= $3",
                )
                .bind(actor.0)
                .bind(action)
                .bind($crate::store::to_us(since))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn audit_of(
                &mut self,
                actor: $crate::domain::MemberId,
            ) -> $crate::store::Result<Vec<$crate::store::AuditRecord>> {
                let rows: Vec<$crate::store::records::AuditRow> = sqlx::query_as(
                    "SELECT id, at, actor_id, action, subject, details FROM audit_log \
                     WHERE actor_id = $1 ORDER BY id",
                )
                .bind(actor.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn live_versions(
                &mut self,
                key: &str,
            ) -> $crate::store::Result<Vec<$crate::message::Outgoing>> {
                let rows: Vec<String> = sqlx::query_scalar(
                    "SELECT message FROM outbox WHERE id IN (SELECT MAX(id) FROM outbox \
                     WHERE live_base = $1 GROUP BY live_key) ORDER BY id",
                )
                .bind(key)
                .fetch_all(&mut *self.tx)
                .await?;
                $crate::store::decode_messages(&rows)
            }

            async fn write_effects(
                &mut self,
                audits: &[$crate::store::AuditEntry],
                outgoing: &[$crate::message::Outgoing],
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                let combine: fn(String, String) -> String = $combine;
                let (mut audits, mut outgoing) = (audits, outgoing);
                // Usually one statement; a turn with very many rows (a series cancelled
                // for hundreds of people) in several, each within the bind-parameter limits.
                while !audits.is_empty() || !outgoing.is_empty() {
                    let a = audits.len().min($crate::store::ROWS_PER_STATEMENT);
                    let o = outgoing.len().min($crate::store::ROWS_PER_STATEMENT - a);
                    let ((these_audits, rest_audits), (these_out, rest_out)) =
                        (audits.split_at(a), outgoing.split_at(o));
                    let sql = match $crate::store::effect_inserts(a, o) {
                        (None, None) => return Ok(()),
                        (Some(one), None) | (None, Some(one)) => one,
                        (Some(audit), Some(outbox)) => combine(audit, outbox),
                    };
                    let query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    $crate::store::bind_effects(query, these_audits, these_out, at)?
                        .execute(&mut *self.tx)
                        .await?;
                    (audits, outgoing) = (rest_audits, rest_out);
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_journal_sql;
