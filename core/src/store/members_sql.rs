//! The SQL of `MembersTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `MembersTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_members_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::MembersTx for $tx {
            async fn member_by_identity(
                &mut self,
                identity: &$crate::domain::PlatformIdentity,
            ) -> $crate::store::Result<Option<$crate::domain::Member>> {
                let row: Option<$crate::store::records::MemberRow> =
                    sqlx::query_as($crate::store::records::MEMBER_BY_IDENTITY)
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

        }
    };
}

pub(crate) use impl_members_sql;
