//! The SQL of `InitiativesTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `InitiativesTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_initiatives_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::InitiativesTx for $tx {
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
                let row: Option<$crate::store::records::InitiativeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM initiatives \
                     WHERE name_key = $1 AND archived_at IS NULL",
                    $crate::store::records::INITIATIVE_COLUMNS
                )))
                .bind($crate::domain::text::fold(name))
                .fetch_optional(&mut *self.tx)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn initiative(
                &mut self,
                id: $crate::domain::InitiativeId,
            ) -> $crate::store::Result<Option<$crate::domain::Initiative>> {
                let row: Option<$crate::store::records::InitiativeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM initiatives WHERE id = $1",
                    $crate::store::records::INITIATIVE_COLUMNS
                )))
                .bind(id.0)
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
                     archived_at = $11, lat_micro = $12, lon_micro = $13, contact_public = $14 \
                     WHERE id = $1",
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
                .bind(i.place.map(|p| p.lat_micro()))
                .bind(i.place.map(|p| p.lon_micro()))
                .bind(i64::from(i.contact_public))
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
                let rows: Vec<$crate::store::records::InitiativeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM initiatives \
                     WHERE archived_at IS NULL AND search_key LIKE $1 ESCAPE '\\' \
                     ORDER BY name_key LIMIT $2",
                    $crate::store::records::INITIATIVE_COLUMNS
                )))
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
                let rows: Vec<$crate::store::records::InitiativeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM initiatives WHERE owner_id = $1 ORDER BY id",
                    $crate::store::records::INITIATIVE_COLUMNS
                )))
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

        }
    };
}

pub(crate) use impl_initiatives_sql;
