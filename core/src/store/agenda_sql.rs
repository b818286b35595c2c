//! The SQL of `AgendaTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `AgendaTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_agenda_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::AgendaTx for $tx {
            async fn date_notes(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
            ) -> $crate::store::Result<$crate::domain::agenda::DateNotes> {
                let row: Option<$crate::store::agenda::DateRow> = sqlx::query_as(
                    "SELECT occurrence, topic, slots, doc_link, doc_summary, documented_at \
                     FROM event_dates WHERE event_id = $1 AND occurrence = $2",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .fetch_optional(&mut *self.tx)
                .await?;
                match row {
                    Some(row) => {
                        let (_, notes): (chrono::NaiveDate, _) = row.try_into()?;
                        Ok(notes)
                    }
                    None => Ok(Default::default()),
                }
            }

            async fn all_date_notes(
                &mut self,
                event: $crate::domain::EventId,
            ) -> $crate::store::Result<
                Vec<(chrono::NaiveDate, $crate::domain::agenda::DateNotes)>,
            > {
                let rows: Vec<$crate::store::agenda::DateRow> = sqlx::query_as(
                    "SELECT occurrence, topic, slots, doc_link, doc_summary, documented_at \
                     FROM event_dates WHERE event_id = $1 ORDER BY occurrence",
                )
                .bind(event.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_date_topic(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                topic: Option<&str>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO event_dates (event_id, occurrence, topic) VALUES ($1, $2, $3) \
                     ON CONFLICT (event_id, occurrence) DO UPDATE SET topic = excluded.topic",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .bind(topic)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn set_date_slots(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                slots: u32,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO event_dates (event_id, occurrence, slots) VALUES ($1, $2, $3) \
                     ON CONFLICT (event_id, occurrence) DO UPDATE SET slots = excluded.slots",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .bind(i64::from(slots))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn set_documentation(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                documentation: Option<&$crate::domain::agenda::Documentation>,
                by: $crate::domain::MemberId,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO event_dates (event_id, occurrence, doc_link, doc_summary, \
                     documented_at, documented_by) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (event_id, occurrence) DO UPDATE SET \
                     doc_link = excluded.doc_link, doc_summary = excluded.doc_summary, \
                     documented_at = excluded.documented_at, \
                     documented_by = excluded.documented_by",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .bind(documentation.and_then(|d| d.link.as_deref()))
                .bind(documentation.and_then(|d| d.summary.as_deref()))
                .bind(documentation.map(|d| $crate::store::to_us(d.at)))
                .bind(documentation.map(|_| by.0))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn insert_agenda_item(
                &mut self,
                item: &$crate::domain::agenda::AgendaItem,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO agenda_items (kind, member_id, contact, title, topic_id, \
                     event_id, occurrence, initiative_id, offered_at, placed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(item.kind.as_str())
                .bind(item.member.0)
                .bind(item.contact.to_string())
                .bind(&item.title)
                .bind(item.topic)
                .bind(item.event.map(|e| e.0))
                .bind(item.occurrence.map($crate::store::events::day_text))
                .bind(item.initiative.map(|i| i.0))
                .bind($crate::store::to_us(item.offered_at))
                .bind(item.placed_at.map($crate::store::to_us))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn agenda_item(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Option<$crate::domain::agenda::AgendaItem>> {
                let row: Option<$crate::store::agenda::AgendaRow> = sqlx::query_as(
                    "SELECT id, kind, member_id, contact, title, topic_id, event_id, \
                     occurrence, initiative_id, offered_at, placed_at FROM agenda_items WHERE id = $1 AND withdrawn_at IS NULL",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn place_agenda_item(
                &mut self,
                id: i64,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE agenda_items SET event_id = $2, occurrence = $3, placed_at = $4 \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn withdraw_agenda_item(
                &mut self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query("UPDATE agenda_items SET withdrawn_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind($crate::store::to_us(at))
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn open_impulses(
                &mut self,
            ) -> $crate::store::Result<Vec<$crate::domain::agenda::AgendaItem>> {
                let rows: Vec<$crate::store::agenda::AgendaRow> = sqlx::query_as(
                    "SELECT id, kind, member_id, contact, title, topic_id, event_id, \
                     occurrence, initiative_id, offered_at, placed_at FROM agenda_items WHERE kind = 'impulse' \
                     AND occurrence IS NULL AND withdrawn_at IS NULL ORDER BY id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn agenda(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
            ) -> $crate::store::Result<Vec<$crate::domain::agenda::AgendaItem>> {
                let rows: Vec<$crate::store::agenda::AgendaRow> = sqlx::query_as(
                    "SELECT id, kind, member_id, contact, title, topic_id, event_id, \
                     occurrence, initiative_id, offered_at, placed_at FROM agenda_items WHERE event_id = $1 AND occurrence = $2 \
                     AND withdrawn_at IS NULL ORDER BY kind, placed_at, id",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_agenda_sql;
