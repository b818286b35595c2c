//! The registry's SQL, written once for both backends from `personal::REGISTRY`: the table and
//! column names come from that static list, never from input.

/// Implements `PersonalTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_personal_sql {
    ($tx:ident, $db:ty) => {
        impl $tx {
            /// Binds a holder's key: a member id as a number, anything else as text.
            fn bind_key<'q>(
                query: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments>,
                key: $crate::store::personal::Key,
            ) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments> {
                match key {
                    $crate::store::personal::Key::Member(id) => query.bind(id),
                    $crate::store::personal::Key::Text(text) => query.bind(text),
                }
            }

            /// Sent messages that name the person keep their target (live messages are
            /// found by it) but lose their text and file.
            async fn blank_messages_naming(&mut self, name: &str) -> $crate::store::Result<()> {
                let pattern = format!("%{}%", $crate::store::personal::like_escaped(name));
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT id, message FROM outbox WHERE sent_at IS NOT NULL \
                     AND message LIKE $1 ESCAPE '\\'",
                )
                .bind(pattern)
                .fetch_all(&mut *self.tx)
                .await?;
                for (id, json) in rows {
                    let Ok(mut message) = serde_json::from_str::<$crate::message::Outgoing>(&json)
                    else {
                        continue;
                    };
                    message.body = $crate::message::RichText::default();
                    message.attachment = None;
                    message.buttons.clear();
                    let json = serde_json::to_string(&message)
                        .map_err(|e| $crate::store::StoreError::Corrupt(e.to_string()))?;
                    sqlx::query("UPDATE outbox SET message = $2 WHERE id = $1")
                        .bind(id)
                        .bind(json)
                        .execute(&mut *self.tx)
                        .await?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::personal::PersonalTx for $tx {
            async fn export_person(
                &mut self,
                person: &$crate::store::personal::Person<'_>,
            ) -> $crate::store::Result<Vec<(&'static str, $crate::store::personal::ExportRows)>>
            {
                use sqlx::Row;
                let mut out = Vec::new();
                for entry in $crate::store::personal::REGISTRY {
                    if entry.columns.is_empty() {
                        continue;
                    }
                    let select: Vec<String> = entry
                        .columns
                        .iter()
                        .map(|c| format!("CAST({c} AS TEXT)"))
                        .collect();
                    let mut rows = Vec::new();
                    for (column, key) in entry.holder.keys(person) {
                        let sql = format!(
                            "SELECT {} FROM {} WHERE {column} = $1",
                            select.join(", "),
                            entry.table
                        );
                        let query = Self::bind_key(sqlx::query(sqlx::AssertSqlSafe(sql)), key);
                        for row in query.fetch_all(&mut *self.tx).await? {
                            let mut object = serde_json::Map::new();
                            for (i, column) in entry.columns.iter().enumerate() {
                                let value: Option<String> = row.try_get(i)?;
                                object.insert(
                                    column.to_string(),
                                    $crate::store::personal::export_value(column, value),
                                );
                            }
                            rows.push(object);
                        }
                    }
                    if !rows.is_empty() {
                        out.push((entry.table, rows));
                    }
                }
                Ok(out)
            }

            async fn answers_of(
                &mut self,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<Vec<$crate::store::personal::GivenAnswer>> {
                let rows: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT event_id, occurrence, status FROM rsvps WHERE member_id = $1",
                )
                .bind(member.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(event, occurrence, status)| {
                        Some($crate::store::personal::GivenAnswer {
                            event: $crate::domain::EventId(event),
                            occurrence: chrono::NaiveDate::parse_from_str(&occurrence, "%Y-%m-%d")
                                .ok()?,
                            status: $crate::domain::RsvpStatus::parse(&status)?,
                        })
                    })
                    .collect())
            }

            async fn forget_person(
                &mut self,
                person: &$crate::store::personal::Person<'_>,
            ) -> $crate::store::Result<()> {
                use $crate::store::personal::{Forget, Holder};
                for entry in $crate::store::personal::REGISTRY {
                    if entry.holder == Holder::Outbox {
                        for account in person.accounts {
                            let pattern = format!(
                                "%\"identity\":\"{}\"%",
                                $crate::store::personal::like_escaped(&account.to_string())
                            );
                            sqlx::query("DELETE FROM outbox WHERE message LIKE $1 ESCAPE '\\'")
                                .bind(pattern)
                                .execute(&mut *self.tx)
                                .await?;
                        }
                        if !person.name.trim().is_empty() {
                            self.blank_messages_naming(person.name).await?;
                        }
                        continue;
                    }
                    let change = match entry.forget {
                        Forget::Keep => continue,
                        Forget::Delete | Forget::DeleteWith(_) => {
                            format!("DELETE FROM {}", entry.table)
                        }
                        Forget::Unlink(columns) => {
                            let sets: Vec<String> =
                                columns.iter().map(|c| format!("{c} = NULL")).collect();
                            format!("UPDATE {} SET {}", entry.table, sets.join(", "))
                        }
                        Forget::Set(values) => {
                            let sets: Vec<String> =
                                values.iter().map(|(c, v)| format!("{c} = {v}")).collect();
                            format!("UPDATE {} SET {}", entry.table, sets.join(", "))
                        }
                    };
                    for (column, key) in entry.holder.keys(person) {
                        if let Forget::DeleteWith(first) = entry.forget {
                            let sql = first.replace("{}", column);
                            Self::bind_key(sqlx::query(sqlx::AssertSqlSafe(sql)), key.clone())
                                .execute(&mut *self.tx)
                                .await?;
                        }
                        let sql = format!("{change} WHERE {column} = $1");
                        Self::bind_key(sqlx::query(sqlx::AssertSqlSafe(sql)), key)
                            .execute(&mut *self.tx)
                            .await?;
                    }
                }
                Ok(())
            }

            async fn prune(
                &mut self,
                before: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<(u64, u64)> {
                let before = $crate::store::to_us(before);
                // A live message's first delivered version names it on the platform: edits
                // and reactions find it by that row, however old – in groups. In someone's
                // private chat it goes with the rest: the row names that person's chat, and
                // it must not outlive their being forgotten (a later edit is a new message).
                let outbox = sqlx::query(
                    "DELETE FROM outbox WHERE (sent_at < $1 OR gave_up_at < $1) \
                     AND (live_key IS NULL OR message LIKE '%\"is_private\":true%' \
                     OR id NOT IN (SELECT MIN(id) FROM outbox \
                     WHERE live_key IS NOT NULL AND platform_message_id IS NOT NULL \
                     GROUP BY platform, live_key))",
                )
                .bind(before)
                .execute(&mut *self.tx)
                .await?
                .rows_affected();
                let inbox = sqlx::query("DELETE FROM inbox WHERE received_at < $1")
                    .bind(before)
                    .execute(&mut *self.tx)
                    .await?
                    .rows_affected();
                Ok((outbox, inbox))
            }
        }
    };
}

pub(crate) use impl_personal_sql;
