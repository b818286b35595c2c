//! The SQL of `VacanciesTx`, shared by both backends (see `sql.rs` for why it is one text).

/// Implements `VacanciesTx` for a transaction type made by `impl_sql_store!`.
macro_rules! impl_vacancies_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::store::VacanciesTx for $tx {
            async fn insert_vacancy(
                &mut self,
                owner: $crate::domain::MemberId,
                d: &$crate::domain::vacancy::VacancyDraft,
                at: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO vacancies (owner_id, title, place, kind, description, contact, \
                     search_key, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(owner.0)
                .bind(&d.title)
                .bind(&d.place)
                .bind(d.kind.key())
                .bind(&d.description)
                .bind(&d.contact)
                .bind(d.search_key())
                .bind($crate::store::to_us(at))
                .bind($crate::store::to_us(expires_at))
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn vacancy(
                &mut self,
                id: i64,
            ) -> $crate::store::Result<Option<$crate::domain::vacancy::Vacancy>> {
                let row: Option<$crate::store::vacancies::VacancyRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM vacancies WHERE id = $1",
                        $crate::store::vacancies::VACANCY_COLUMNS
                    )))
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn update_vacancy(
                &mut self,
                v: &$crate::domain::vacancy::Vacancy,
            ) -> $crate::store::Result<()> {
                sqlx::query(
                    "UPDATE vacancies SET lat_micro = $2, lon_micro = $3, contact_public = $4, \
                     expires_at = $5, reminded_at = $6, taken_at = $7 WHERE id = $1",
                )
                .bind(v.id)
                .bind(v.location.map(|p| p.lat_micro()))
                .bind(v.location.map(|p| p.lon_micro()))
                .bind(i64::from(v.contact_public))
                .bind($crate::store::to_us(v.expires_at))
                .bind(v.reminded_at.map($crate::store::to_us))
                .bind(v.taken_at.map($crate::store::to_us))
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn open_vacancies(
                &mut self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::domain::vacancy::Vacancy>> {
                let rows: Vec<$crate::store::vacancies::VacancyRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM vacancies WHERE taken_at IS NULL AND expires_at > $1 \
                         ORDER BY id DESC",
                        $crate::store::vacancies::VACANCY_COLUMNS
                    )))
                    .bind($crate::store::to_us(now))
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn vacancies_to_remind(
                &mut self,
                now: chrono::DateTime<chrono::Utc>,
                by: chrono::DateTime<chrono::Utc>,
            ) -> $crate::store::Result<Vec<$crate::domain::vacancy::Vacancy>> {
                let rows: Vec<$crate::store::vacancies::VacancyRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT {} FROM vacancies WHERE taken_at IS NULL AND reminded_at IS NULL \
                         AND owner_id IS NOT NULL AND expires_at > $1 AND expires_at <= $2 \
                         ORDER BY expires_at, id",
                        $crate::store::vacancies::VACANCY_COLUMNS
                    )))
                    .bind($crate::store::to_us(now))
                    .bind($crate::store::to_us(by))
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}

pub(crate) use impl_vacancies_sql;
