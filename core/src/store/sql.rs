//! The SQL both backends share. SQLite and PostgreSQL accept the same statements here
//! (`$1` placeholders, `RETURNING`, `ON CONFLICT`, partial indexes), so the text is written
//! once and the macro instantiates it per database type.

/// Implements `StoreTx` for `$tx` (wrapping a `Transaction<'static, $db>`) and the shared
/// parts of `Store` for `$store` (which provides `pool`, `read_pool` and `begin_tx`); the
/// `Store` methods that only read use `read_pool`. `$combine` joins the
/// audit INSERT and the outbox INSERT into one query, the way the database allows.
macro_rules! impl_sql_store {
    ($store:ident, $tx:ident, $db:ty, $combine:expr) => {
        pub struct $tx {
            tx: sqlx::Transaction<'static, $db>,
        }

        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn begin(&self) -> $crate::store::Result<Box<dyn $crate::store::StoreTx>> {
                Ok(Box::new($tx {
                    tx: self.begin_tx().await?,
                }))
            }

            async fn begin_read(
                &self,
            ) -> $crate::store::Result<Box<dyn $crate::store::StoreTx>> {
                Ok(Box::new($tx {
                    tx: self.read_pool.begin().await?,
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
                    .map(|(platform, event_id, kind, error, at)| $crate::store::DeadLetter {
                        platform,
                        event_id,
                        kind,
                        error,
                        at: $crate::store::from_us(at),
                    })
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
                Ok(sqlx::query_scalar("SELECT value FROM cursors WHERE name = $1")
                    .bind(name)
                    .fetch_optional(&self.read_pool)
                    .await?)
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

            async fn member_by_identity(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
            ) -> $crate::store::Result<Option<$crate::domain::Member>> {
                let row: Option<$crate::store::records::MemberRow> = sqlx::query_as(
                    "SELECT m.id, m.display_name, m.role, m.status, m.lang, m.invited_by, \
                     m.joined_at, m.consent_at FROM members m \
                     JOIN member_identities i ON i.member_id = m.id WHERE i.identity = $1",
                )
                .bind(identity.to_string())
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn member(
                &mut self,
                id: $crate::domain::MemberId,
            ) -> $crate::store::Result<Option<$crate::domain::Member>> {
                let row: Option<$crate::store::records::MemberRow> = sqlx::query_as(
                    "SELECT id, display_name, role, status, lang, invited_by, joined_at, \
                     consent_at FROM members WHERE id = $1",
                )
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn insert_member(
                &mut self,
                m: &$crate::store::NewMember,
            ) -> $crate::store::Result<$crate::domain::MemberId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO members (display_name, role, status, lang, invited_by, \
                     joined_at, consent_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(&m.display_name)
                .bind(m.role.as_str())
                .bind(m.status.as_str())
                .bind(m.lang.as_str())
                .bind(m.invited_by.map(|i| i.0))
                .bind($crate::store::to_us(m.joined_at))
                .bind(m.consent_at.map($crate::store::to_us))
                .fetch_one(&mut *self.tx)
                .await?;
                Ok($crate::domain::MemberId(id))
            }

            async fn update_member(
                &mut self,
                m: &$crate::domain::Member,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE members SET display_name = $2, role = $3, status = $4, lang = $5, \
                     consent_at = $6 WHERE id = $1",
                )
                .bind(m.id.0)
                .bind(&m.display_name)
                .bind(m.role.as_str())
                .bind(m.status.as_str())
                .bind(m.lang.as_str())
                .bind(m.consent_at.map($crate::store::to_us))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn note_handle(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
                handle: &str,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE member_identities SET handle = $2 WHERE identity = $1 \
                     AND (handle IS NULL OR handle <> $2)",
                )
                .bind(identity.to_string())
                .bind(handle)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn member_by_handle(
                &mut self,
                handle: &str,
            ) -> $crate::store::Result<Option<$crate::domain::Member>> {
                let id: Option<i64> = sqlx::query_scalar(
                    "SELECT member_id FROM member_identities WHERE handle = $1 LIMIT 1",
                )
                .bind(handle)
                .fetch_optional(&mut *self.tx)
                .await?;
                match id {
                    Some(id) => self.member($crate::domain::MemberId(id)).await,
                    None => Ok(None),
                }
            }

            async fn members(
                &mut self,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::domain::Member>> {
                let rows: Vec<$crate::store::records::MemberRow> = sqlx::query_as(
                    "SELECT id, display_name, role, status, lang, invited_by, joined_at, \
                     consent_at FROM members WHERE status <> 'forgotten' ORDER BY id LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn count_members(&mut self) -> $crate::store::Result<i64> {
                Ok(
                    sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE status = 'active'")
                        .fetch_one(&mut *self.tx)
                        .await?,
                )
            }

            async fn identities(
                &mut self,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<Vec<$crate::store::LinkedIdentity>> {
                let rows: Vec<$crate::store::records::IdentityRow> = sqlx::query_as(
                    "SELECT identity, linked_at FROM member_identities WHERE member_id = $1 \
                     ORDER BY linked_at, identity",
                )
                .bind(member.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn attach_identity(
                &mut self,
                member: $crate::domain::MemberId,
                identity: &$crate::domain::PlatformIdentity,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO member_identities (identity, member_id, linked_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (identity) \
                     DO UPDATE SET member_id = excluded.member_id, linked_at = excluded.linked_at",
                )
                .bind(identity.to_string())
                .bind(member.0)
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn detach_identities(
                &mut self,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<u64> {
                Ok(sqlx::query("DELETE FROM member_identities WHERE member_id = $1")
                    .bind(member.0)
                    .execute(&mut *self.tx)
                    .await?
                    .rows_affected())
            }

            async fn detach_identity(
                &mut self,
                member: $crate::domain::MemberId,
                identity: &$crate::domain::PlatformIdentity,
            ) -> $crate::store::Result<bool> {
                Ok(sqlx::query(
                    "DELETE FROM member_identities WHERE member_id = $1 AND identity = $2",
                )
                .bind(member.0)
                .bind(identity.to_string())
                .execute(&mut *self.tx)
                .await?
                .rows_affected()
                    == 1)
            }

            async fn insert_invitation(
                &mut self,
                inv: &$crate::store::Invitation,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "INSERT INTO invitations (code, created_by, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&inv.code)
                .bind(inv.created_by.0)
                .bind($crate::store::to_us(inv.created_at))
                .bind($crate::store::to_us(inv.expires_at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn invitation_by_handle(
                &mut self,
                handle: &str,
            ) -> $crate::store::Result<Option<$crate::store::Invitation>> {
                let row: Option<$crate::store::records::InvitationRow> = sqlx::query_as(
                    "SELECT code, created_by, created_at, expires_at, used_by, used_at, \
                     failed_attempts FROM invitations WHERE substr(code, 1, 4) = $1 \
                     ORDER BY created_at DESC LIMIT 1",
                )
                .bind(handle)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn invitation_failed(&mut self, code: &str) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "UPDATE invitations SET failed_attempts = failed_attempts + 1 \
                     WHERE code = $1 RETURNING failed_attempts",
                )
                .bind(code)
                .fetch_optional(&mut *self.tx)
                .await?
                .unwrap_or(0))
            }

            async fn link_code_by_handle(
                &mut self,
                handle: &str,
            ) -> $crate::store::Result<Option<$crate::store::LinkCode>> {
                let row: Option<(String, i64, i64, i64)> = sqlx::query_as(
                    "SELECT code, member_id, expires_at, failed_attempts FROM link_codes \
                     WHERE substr(code, 1, 4) = $1 ORDER BY expires_at DESC LIMIT 1",
                )
                .bind(handle)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(row.map(|(code, member, expires, failed)| $crate::store::LinkCode {
                    code,
                    member: $crate::domain::MemberId(member),
                    expires_at: $crate::store::from_us(expires),
                    failed_attempts: failed,
                }))
            }

            async fn link_code_failed(&mut self, code: &str) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "UPDATE link_codes SET failed_attempts = failed_attempts + 1 \
                     WHERE code = $1 RETURNING failed_attempts",
                )
                .bind(code)
                .fetch_optional(&mut *self.tx)
                .await?
                .unwrap_or(0))
            }

            async fn record_code_failure(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
                at: chrono::DateTime<chrono::Utc>,
                keep_since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query("DELETE FROM code_failures WHERE at < $1")
                    .bind($crate::store::to_us(keep_since))
                    .execute(&mut *self.tx)
                    .await?;
                sqlx::query("INSERT INTO code_failures (identity, at) VALUES ($1, $2)")
                    .bind(identity.to_string())
                    .bind($crate::store::to_us(at))
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn code_failures_since(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "SELECT COUNT(*) FROM code_failures WHERE identity = $1 AND at >= $2",
                )
                .bind(identity.to_string())
                .bind($crate::store::to_us(since))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn use_invitation(
                &mut self,
                code: &str,
                member: $crate::domain::MemberId,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<bool> {
                let done = sqlx::query(
                    "UPDATE invitations SET used_by = $2, used_at = $3 \
                     WHERE code = $1 AND used_by IS NULL",
                )
                .bind(code)
                .bind(member.0)
                .bind($crate::store::to_us(at))
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn invitations_by(
                &mut self,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<Vec<$crate::store::Invitation>> {
                let rows: Vec<$crate::store::records::InvitationRow> = sqlx::query_as(
                    "SELECT code, created_by, created_at, expires_at, used_by, used_at, \
                     failed_attempts FROM invitations WHERE created_by = $1 ORDER BY created_at",
                )
                .bind(member.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn put_link_code(
                &mut self,
                code: &str,
                member: $crate::domain::MemberId,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                sqlx::query("DELETE FROM link_codes WHERE member_id = $1")
                    .bind(member.0)
                    .execute(&mut *self.tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO link_codes (code, member_id, expires_at) VALUES ($1, $2, $3)",
                )
                .bind(code)
                .bind(member.0)
                .bind($crate::store::to_us(expires_at))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn take_link_code(
                &mut self,
                code: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Option<$crate::domain::MemberId>> {
                let row: Option<(i64, i64)> = sqlx::query_as(
                    "DELETE FROM link_codes WHERE code = $1 RETURNING member_id, expires_at",
                )
                .bind(code)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(row
                    .filter(|(_, expires)| *expires > $crate::store::to_us(now))
                    .map(|(m, _)| $crate::domain::MemberId(m)))
            }

            async fn delete_link_codes(
                &mut self,
                member: $crate::domain::MemberId,
            ) -> $crate::store::Result<()> {
                sqlx::query("DELETE FROM link_codes WHERE member_id = $1")
                    .bind(member.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn insert_initiative(
                &mut self,
                owner: $crate::domain::MemberId,
                d: &$crate::domain::InitiativeDraft,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<$crate::domain::InitiativeId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO initiatives (owner_id, name, name_key, region, description, \
                     contact, website, topics, search_key, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(owner.0)
                .bind(&d.name)
                .bind(d.name_key())
                .bind(&d.region)
                .bind(&d.description)
                .bind(&d.contact)
                .bind(&d.website)
                .bind(serde_json::to_string(&d.topics).unwrap_or_else(|_| "[]".into()))
                .bind(d.search_key())
                .bind($crate::store::to_us(at))
                .fetch_one(&mut *self.tx)
                .await?;
                Ok($crate::domain::InitiativeId(id))
            }

            async fn initiative_by_name(
                &mut self,
                name: &str,
            ) -> $crate::store::Result<Option<$crate::domain::Initiative>> {
                let row: Option<$crate::store::records::InitiativeRow> = sqlx::query_as(
                    "SELECT id, owner_id, name, region, description, contact, website, topics, \
                     created_at, archived_at FROM initiatives \
                     WHERE name_key = $1 AND archived_at IS NULL",
                )
                .bind($crate::domain::text::fold(name))
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn update_initiative(
                &mut self,
                i: &$crate::domain::Initiative,
            ) -> $crate::store::Result<()> {
                let d = &i.draft;
                sqlx::query(
                    "UPDATE initiatives SET owner_id = $2, name = $3, name_key = $4, region = $5, \
                     description = $6, contact = $7, website = $8, topics = $9, search_key = $10, \
                     archived_at = $11 WHERE id = $1",
                )
                .bind(i.id.0)
                .bind(i.owner.map(|o| o.0))
                .bind(&d.name)
                .bind(d.name_key())
                .bind(&d.region)
                .bind(&d.description)
                .bind(&d.contact)
                .bind(&d.website)
                .bind(serde_json::to_string(&d.topics).unwrap_or_else(|_| "[]".into()))
                .bind(d.search_key())
                .bind(i.archived_at.map($crate::store::to_us))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn search_initiatives(
                &mut self,
                query: Option<&str>,
                limit: i64,
            ) -> $crate::store::Result<Vec<$crate::domain::Initiative>> {
                // The folded query is matched literally: LIKE's wildcards are escaped.
                let pattern = match query {
                    Some(q) => {
                        let folded = $crate::domain::text::fold(q).replace('|', " ");
                        let escaped = folded
                            .replace('\\', "\\\\")
                            .replace('%', "\\%")
                            .replace('_', "\\_");
                        format!("%{escaped}%")
                    }
                    None => "%".to_string(),
                };
                let rows: Vec<$crate::store::records::InitiativeRow> = sqlx::query_as(
                    "SELECT id, owner_id, name, region, description, contact, website, topics, \
                     created_at, archived_at FROM initiatives \
                     WHERE archived_at IS NULL AND search_key LIKE $1 ESCAPE '\\' \
                     ORDER BY name_key LIMIT $2",
                )
                .bind(pattern)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn initiatives_of(
                &mut self,
                owner: $crate::domain::MemberId,
            ) -> $crate::store::Result<Vec<$crate::domain::Initiative>> {
                let rows: Vec<$crate::store::records::InitiativeRow> = sqlx::query_as(
                    "SELECT id, owner_id, name, region, description, contact, website, topics, \
                     created_at, archived_at FROM initiatives WHERE owner_id = $1 ORDER BY id",
                )
                .bind(owner.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn disown_initiatives(
                &mut self,
                owner: $crate::domain::MemberId,
            ) -> $crate::store::Result<()> {
                sqlx::query("UPDATE initiatives SET owner_id = NULL WHERE owner_id = $1")
                    .bind(owner.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn conversation(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
                chat_key: &str,
            ) -> $crate::store::Result<Option<serde_json::Value>> {
                let state: Option<String> = sqlx::query_scalar(
                    "SELECT state FROM conversations WHERE identity = $1 AND chat_key = $2",
                )
                .bind(identity.to_string())
                .bind(chat_key)
                .fetch_optional(&mut *self.tx)
                .await?;
                state
                    .map(|s| {
                        serde_json::from_str(&s).map_err(|_| {
                            $crate::store::StoreError::Corrupt(format!("conversation: {s}"))
                        })
                    })
                    .transpose()
            }

            async fn set_conversation(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
                chat_key: &str,
                state: Option<&serde_json::Value>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<()> {
                match state {
                    Some(state) => {
                        sqlx::query(
                            "INSERT INTO conversations (identity, chat_key, state, updated_at) \
                             VALUES ($1, $2, $3, $4) ON CONFLICT (identity, chat_key) \
                             DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                        )
                        .bind(identity.to_string())
                        .bind(chat_key)
                        .bind(state.to_string())
                        .bind($crate::store::to_us(at))
                        .execute(&mut *self.tx)
                        .await?;
                    }
                    None => {
                        sqlx::query(
                            "DELETE FROM conversations WHERE identity = $1 AND chat_key = $2",
                        )
                        .bind(identity.to_string())
                        .bind(chat_key)
                        .execute(&mut *self.tx)
                        .await?;
                    }
                }
                Ok(())
            }

            async fn delete_account_state(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
            ) -> $crate::store::Result<()> {
                for table in ["conversations", "code_failures"] {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DELETE FROM {table} WHERE identity = $1"
                    )))
                    .bind(identity.to_string())
                    .execute(&mut *self.tx)
                    .await?;
                }
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
                     unreachable_since FROM channels WHERE platform = $1 AND chat_id = $2",
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
                     unreachable_since FROM channels ORDER BY platform, title, chat_id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

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

            async fn commit(self: Box<Self>) -> $crate::store::Result<()> {
                self.tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_sql_store;
