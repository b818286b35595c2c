//! Vacant places members share, and their time on the board.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Result;
use super::StoreError;
use super::from_us;
use super::records::{corrupt, geo_point};
use crate::domain::MemberId;
use crate::domain::vacancy::{Vacancy, VacancyDraft, VacancyKind};

#[async_trait]
pub trait VacanciesTx: Send {
    async fn insert_vacancy(
        &mut self,
        owner: MemberId,
        draft: &VacancyDraft,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<i64>;

    async fn vacancy(&mut self, id: i64) -> Result<Option<Vacancy>>;

    /// Saves what may change: place on the map, contact shown, expiry, reminder, taken.
    async fn update_vacancy(&mut self, vacancy: &Vacancy) -> Result<()>;

    /// Listed ones (not taken, not expired at `now`), newest first.
    async fn open_vacancies(&mut self, now: DateTime<Utc>) -> Result<Vec<Vacancy>>;

    /// Listed ones whose owner has not been reminded yet and that expire before `by`.
    async fn vacancies_to_remind(
        &mut self,
        now: DateTime<Utc>,
        by: DateTime<Utc>,
    ) -> Result<Vec<Vacancy>>;
}

pub(crate) const VACANCY_COLUMNS: &str = "id, owner_id, title, place, kind, description, contact, \
     contact_public, lat_micro, lon_micro, created_at, expires_at, reminded_at, taken_at";

#[derive(sqlx::FromRow)]
pub(crate) struct VacancyRow {
    id: i64,
    owner_id: Option<i64>,
    title: String,
    place: String,
    kind: String,
    description: String,
    contact: String,
    contact_public: i64,
    lat_micro: Option<i64>,
    lon_micro: Option<i64>,
    created_at: i64,
    expires_at: i64,
    reminded_at: Option<i64>,
    taken_at: Option<i64>,
}

impl TryFrom<VacancyRow> for Vacancy {
    type Error = StoreError;
    fn try_from(r: VacancyRow) -> Result<Self, StoreError> {
        Ok(Vacancy {
            id: r.id,
            owner: r.owner_id.map(MemberId),
            draft: VacancyDraft {
                title: r.title,
                place: r.place,
                kind: VacancyKind::from_key(&r.kind).ok_or_else(|| corrupt("kind", &r.kind))?,
                description: r.description,
                contact: r.contact,
            },
            location: geo_point(r.lat_micro, r.lon_micro)?,
            contact_public: r.contact_public != 0,
            created_at: from_us(r.created_at),
            expires_at: from_us(r.expires_at),
            reminded_at: r.reminded_at.map(from_us),
            taken_at: r.taken_at.map(from_us),
        })
    }
}
