//! The events SQL both backends share (see `sql.rs` for why it is one text).

/// Implements `EventsTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_events_sql {
    ($tx:ident, $row_lock:expr) => {
        #[async_trait::async_trait]
        impl $crate::store::EventsTx for $tx {
            async fn lock_event(
                &mut self,
                event: $crate::domain::EventId,
            ) -> $crate::store::Result<()> {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT id FROM events WHERE id = $1{}",
                    $row_lock
                )))
                .bind(event.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn insert_event(
                &mut self,
                event: &$crate::domain::Event,
            ) -> $crate::store::Result<$crate::domain::EventId> {
                use sqlx::Row;
                let query = sqlx::query(sqlx::AssertSqlSafe(
                    $crate::store::events::INSERT_EVENT.as_str(),
                ));
                let row = $crate::store::events::bind_event(query, event)
                    .fetch_one(&mut *self.tx)
                    .await?;
                Ok($crate::domain::EventId(row.try_get(0)?))
            }

            async fn event(
                &mut self,
                id: $crate::domain::EventId,
            ) -> $crate::store::Result<Option<$crate::domain::Event>> {
                let row: Option<$crate::store::events::EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM events WHERE id = $1",
                    $crate::store::events::EVENT_COLUMNS
                )))
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn update_event(
                &mut self,
                event: &$crate::domain::Event,
            ) -> $crate::store::Result<()> {
                let query = sqlx::query(sqlx::AssertSqlSafe(
                    $crate::store::events::UPDATE_EVENT.as_str(),
                ))
                .bind(event.id.0);
                $crate::store::events::bind_event(query, event)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn current_events(
                &mut self,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::domain::Event>> {
                // Moved occurrences may lie after `last_start`; a day's margin covers that
                // for one-off events, whose moves rewrite `last_start` anyway.
                let rows: Vec<$crate::store::events::EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM events WHERE cancelled_at IS NULL \
                     AND (last_start IS NULL OR last_start >= $1) ORDER BY id",
                    $crate::store::events::EVENT_COLUMNS
                )))
                .bind($crate::store::to_us(since - chrono::Duration::days(1)))
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn public_events(
                &mut self,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::domain::Event>> {
                let rows: Vec<$crate::store::events::EventRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM events WHERE visibility = 'public' AND held = 0 \
                         AND (last_start IS NULL OR last_start >= $1) ORDER BY id",
                        $crate::store::events::EVENT_COLUMNS
                    )))
                    .bind($crate::store::to_us(since))
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn exceptions(
                &mut self,
                event: $crate::domain::EventId,
            ) -> $crate::store::Result<Vec<$crate::schedule::Exception>> {
                let rows: Vec<$crate::store::events::ExceptionRow> = sqlx::query_as(
                    "SELECT occurrence, cancelled, new_start, new_end FROM event_exceptions \
                     WHERE event_id = $1 ORDER BY occurrence",
                )
                .bind(event.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn put_exception(
                &mut self,
                event: $crate::domain::EventId,
                exception: &$crate::schedule::Exception,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO event_exceptions (event_id, occurrence, cancelled, new_start, \
                     new_end) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id, occurrence) \
                     DO UPDATE SET cancelled = excluded.cancelled, \
                     new_start = excluded.new_start, new_end = excluded.new_end",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(exception.key))
                .bind(i64::from(exception.cancelled))
                .bind(exception.start.map($crate::store::to_us))
                .bind(exception.end.map($crate::store::to_us))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn add_event_channel(
                &mut self,
                event: $crate::domain::EventId,
                chat: &$crate::message::ChatRef,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "INSERT INTO event_channels (event_id, platform, chat_id, chat_title) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, platform, chat_id) DO NOTHING",
                )
                .bind(event.0)
                .bind(chat.platform.as_str())
                .bind(&chat.id)
                .bind(chat.title.as_deref())
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn subscribe(
                &mut self,
                event: $crate::domain::EventId,
                member: $crate::domain::MemberId,
                contact: &$crate::domain::PlatformIdentity,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "INSERT INTO event_subscriptions (event_id, member_id, contact, at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, member_id) DO NOTHING",
                )
                .bind(event.0)
                .bind(member.0)
                .bind(contact.to_string())
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn unsubscribe(
                &mut self,
                event: $crate::domain::EventId,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM event_subscriptions WHERE event_id = $1 AND member_id = $2",
                )
                .bind(event.0)
                .bind(member.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn subscribers(
                &mut self,
                event: $crate::domain::EventId,
            ) -> $crate::store::Result<
                Vec<($crate::domain::MemberId, $crate::domain::PlatformIdentity)>,
            > {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT member_id, contact FROM event_subscriptions WHERE event_id = $1 \
                     ORDER BY member_id",
                )
                .bind(event.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter()
                    .map(|(member, contact)| {
                        let identity = $crate::domain::PlatformIdentity::parse(&contact)
                            .map_err(|_| {
                                $crate::store::StoreError::Corrupt(format!("contact {contact}"))
                            })?;
                        Ok(($crate::domain::MemberId(member), identity))
                    })
                    .collect()
            }

            async fn event_channels(
                &mut self,
                event: $crate::domain::EventId,
            ) -> $crate::store::Result<Vec<$crate::message::ChatRef>> {
                let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
                    "SELECT platform, chat_id, chat_title FROM event_channels \
                     WHERE event_id = $1 ORDER BY platform, chat_id",
                )
                .bind(event.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter()
                    .map(|(platform, id, title)| {
                        Ok($crate::message::ChatRef {
                            platform: $crate::domain::Platform::parse(&platform).ok_or_else(
                                || $crate::store::StoreError::Corrupt(format!("platform {platform}")),
                            )?,
                            id,
                            is_private: false,
                            encrypted: false,
                            title,
                        })
                    })
                    .collect()
            }

            async fn set_rsvp(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                member: $crate::domain::MemberId,
                status: $crate::domain::RsvpStatus,
                contact: &$crate::domain::PlatformIdentity,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Option<$crate::domain::RsvpStatus>> {
                let day = $crate::store::events::day_text(occurrence);
                let previous: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM rsvps WHERE event_id = $1 AND occurrence = $2 \
                     AND member_id = $3",
                )
                .bind(event.0)
                .bind(&day)
                .bind(member.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                // The time stays when only the contact changes: it is the waiting list's order.
                sqlx::query(
                    "INSERT INTO rsvps (event_id, occurrence, member_id, status, contact, at) \
                     VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (event_id, occurrence, member_id) DO UPDATE SET \
                     at = CASE WHEN rsvps.status = excluded.status THEN rsvps.at \
                     ELSE excluded.at END, status = excluded.status, contact = excluded.contact",
                )
                .bind(event.0)
                .bind(&day)
                .bind(member.0)
                .bind(status.as_str())
                .bind(contact.to_string())
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(previous.as_deref().and_then($crate::domain::RsvpStatus::parse))
            }

            async fn withdraw_rsvp(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                member: $crate::domain::MemberId,
                statuses: &[$crate::domain::RsvpStatus],
            ) -> $crate::store::Result<Option<$crate::domain::RsvpStatus>> {
                let day = $crate::store::events::day_text(occurrence);
                let current: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM rsvps WHERE event_id = $1 AND occurrence = $2 \
                     AND member_id = $3",
                )
                .bind(event.0)
                .bind(&day)
                .bind(member.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                let Some(current) = current.as_deref().and_then($crate::domain::RsvpStatus::parse)
                else {
                    return Ok(None);
                };
                if !statuses.contains(&current) {
                    return Ok(None);
                }
                sqlx::query(
                    "DELETE FROM rsvps WHERE event_id = $1 AND occurrence = $2 AND member_id = $3",
                )
                .bind(event.0)
                .bind(&day)
                .bind(member.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(Some(current))
            }

            async fn rsvps(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
            ) -> $crate::store::Result<Vec<$crate::domain::Rsvp>> {
                let rows: Vec<$crate::store::events::RsvpRow> = sqlx::query_as(
                    "SELECT r.member_id, m.display_name, r.status, r.contact, r.at \
                     FROM rsvps r JOIN members m ON m.id = r.member_id \
                     WHERE r.event_id = $1 AND r.occurrence = $2 ORDER BY r.at, r.member_id",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn rename_occurrence(
                &mut self,
                event: $crate::domain::EventId,
                from: chrono::NaiveDate,
                to: chrono::NaiveDate,
            ) -> $crate::store::Result<()> {
                for table in ["rsvps", "reminders"] {
                    // `table` is one of two constants.
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "UPDATE {table} SET occurrence = $3 WHERE event_id = $1 AND occurrence = $2"
                    )))
                    .bind(event.0)
                    .bind($crate::store::events::day_text(from))
                    .bind($crate::store::events::day_text(to))
                    .execute(&mut *self.tx)
                    .await?;
                }
                // The date's cards and reminders in the chats follow it, so later answers
                // and reactions on them reach the new date.
                let (old, new) = (
                    $crate::domain::keys::LiveKey::occurrence_prefix(event, from),
                    $crate::domain::keys::LiveKey::occurrence_prefix(event, to),
                );
                sqlx::query(
                    "UPDATE outbox SET live_key = $2 || substr(live_key, length($1) + 1), \
                     message = replace(message, $3, $4) WHERE live_key LIKE $1 || '%'",
                )
                .bind(&old)
                .bind(&new)
                .bind(format!("\"live_key\":\"{old}"))
                .bind(format!("\"live_key\":\"{new}"))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn live_messages(
                &mut self,
                prefix: &str,
            ) -> $crate::store::Result<Vec<$crate::message::Outgoing>> {
                let pattern = format!("{}%", prefix.replace('%', "").replace('_', ""));
                let rows: Vec<String> = sqlx::query_scalar(
                    "SELECT message FROM outbox WHERE id IN (SELECT MAX(id) FROM outbox \
                     WHERE live_key LIKE $1 GROUP BY live_key) ORDER BY id",
                )
                .bind(pattern)
                .fetch_all(&mut *self.tx)
                .await?;
                $crate::store::decode_messages(&rows)
            }

            async fn replace_partner_events(
                &mut self,
                source: &str,
                events: &[$crate::calendar::PartnerEvent],
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query("DELETE FROM partner_events WHERE source = $1")
                    .bind(source)
                    .execute(&mut *self.tx)
                    .await?;
                for e in events {
                    sqlx::query(
                        "INSERT INTO partner_events (uid, source, title, start_at, end_at, \
                         location, url, cancelled, fetched_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (uid) DO UPDATE \
                         SET source = excluded.source, title = excluded.title, \
                         start_at = excluded.start_at, end_at = excluded.end_at, \
                         location = excluded.location, url = excluded.url, \
                         cancelled = excluded.cancelled, fetched_at = excluded.fetched_at",
                    )
                    .bind(&e.uid)
                    .bind(source)
                    .bind(&e.title)
                    .bind($crate::store::to_us(e.start))
                    .bind(e.end.map($crate::store::to_us))
                    .bind(e.location.as_deref())
                    .bind(e.url.as_deref())
                    .bind(i64::from(e.cancelled))
                    .bind($crate::store::to_us(at))
                    .execute(&mut *self.tx)
                    .await?;
                }
                Ok(())
            }

            async fn partner_events(
                &mut self,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::calendar::PartnerEvent>> {
                let rows: Vec<$crate::store::events::PartnerRow> = sqlx::query_as(
                    "SELECT uid, source, title, start_at, end_at, location, url, cancelled \
                     FROM partner_events WHERE start_at >= $1 ORDER BY start_at, uid",
                )
                .bind($crate::store::to_us(since))
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn plan_reminder(
                &mut self,
                event: $crate::domain::EventId,
                occurrence: chrono::NaiveDate,
                offset_minutes: u32,
                due_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "INSERT INTO reminders (event_id, occurrence, offset_min, due_at, state) \
                     VALUES ($1, $2, $3, $4, 'pending') \
                     ON CONFLICT (event_id, occurrence, offset_min) DO NOTHING",
                )
                .bind(event.0)
                .bind($crate::store::events::day_text(occurrence))
                .bind(i64::from(offset_minutes))
                .bind($crate::store::to_us(due_at))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn drop_pending_reminders(
                &mut self,
                event: $crate::domain::EventId,
            ) -> $crate::store::Result<u64> {
                let done = sqlx::query(
                    "DELETE FROM reminders WHERE event_id = $1 AND state = 'pending'",
                )
                .bind(event.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected())
            }

            async fn claim_due_reminders(
                &mut self,
                now: chrono::DateTime<chrono::Utc>,
                skip_before: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::store::ClaimedReminder>> {
                // The outer `state = 'pending'` is checked again on PostgreSQL after waiting
                // for another scheduler's claim on the same row: that one wins, this skips it.
                let rows: Vec<$crate::store::events::ReminderRow> = sqlx::query_as(
                    "UPDATE reminders SET done_at = $1, \
                     state = CASE WHEN due_at < $2 THEN 'skipped' ELSE 'sent' END \
                     WHERE state = 'pending' AND id IN (SELECT id FROM reminders \
                     WHERE state = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $3) \
                     RETURNING id, event_id, occurrence, offset_min, due_at, state",
                )
                .bind($crate::store::to_us(now))
                .bind($crate::store::to_us(skip_before))
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                let mut claimed = rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<$crate::store::Result<Vec<$crate::store::ClaimedReminder>>>()?;
                claimed.sort_by_key(|r| (r.due_at, r.id));
                Ok(claimed)
            }
        }
    };
}

pub(crate) use impl_events_sql;
