//! Storage of a date's programme: its notes (topic, slots, documentation) and the impulses and
//! presentations offered and placed.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::records::corrupt;
use super::{Result, from_us};
use crate::domain::agenda::{AgendaItem, AgendaKind, DateNotes, Documentation};
use crate::domain::{EventId, InitiativeId, MemberId, PlatformIdentity};

#[async_trait]
pub trait AgendaTx: Send {
    /// A date's notes (empty ones if it has none).
    async fn date_notes(&mut self, event: EventId, occurrence: NaiveDate) -> Result<DateNotes>;

    /// Every date of an event that has notes, in date order.
    async fn all_date_notes(&mut self, event: EventId) -> Result<Vec<(NaiveDate, DateNotes)>>;

    async fn set_date_topic(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
        topic: Option<&str>,
    ) -> Result<()>;

    async fn set_date_slots(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
        slots: u32,
    ) -> Result<()>;

    /// Attaches (or with `None` removes) a date's documentation.
    async fn set_documentation(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
        documentation: Option<&Documentation>,
        by: MemberId,
    ) -> Result<()>;

    /// Stores a new impulse or presentation (its `id` is ignored) and returns its id.
    async fn insert_agenda_item(&mut self, item: &AgendaItem) -> Result<i64>;

    /// An item not taken back.
    async fn agenda_item(&mut self, id: i64) -> Result<Option<AgendaItem>>;

    /// Puts an item on a date.
    async fn place_agenda_item(
        &mut self,
        id: i64,
        event: EventId,
        occurrence: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<()>;

    /// Takes an item back (off its date, if it was on one).
    async fn withdraw_agenda_item(&mut self, id: i64, at: DateTime<Utc>) -> Result<()>;

    /// Impulses offered and not yet on a date, the oldest first.
    async fn open_impulses(&mut self) -> Result<Vec<AgendaItem>>;

    /// What is on a date, impulses before presentations, each in the order placed.
    async fn agenda(&mut self, event: EventId, occurrence: NaiveDate) -> Result<Vec<AgendaItem>>;
}

pub(super) fn date(value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| corrupt("date", value))
}

#[derive(sqlx::FromRow)]
pub(super) struct DateRow {
    occurrence: String,
    topic: Option<String>,
    slots: i64,
    doc_link: Option<String>,
    doc_summary: Option<String>,
    documented_at: Option<i64>,
}

impl TryFrom<DateRow> for (NaiveDate, DateNotes) {
    type Error = super::StoreError;
    fn try_from(r: DateRow) -> Result<Self> {
        Ok((
            date(&r.occurrence)?,
            DateNotes {
                topic: r.topic,
                slots: u32::try_from(r.slots).unwrap_or(0),
                documentation: r.documented_at.map(|at| Documentation {
                    link: r.doc_link,
                    summary: r.doc_summary,
                    at: from_us(at),
                }),
            },
        ))
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AgendaRow {
    id: i64,
    kind: String,
    member_id: i64,
    contact: String,
    title: String,
    topic_id: Option<i64>,
    event_id: Option<i64>,
    occurrence: Option<String>,
    initiative_id: Option<i64>,
    offered_at: i64,
    placed_at: Option<i64>,
}

impl TryFrom<AgendaRow> for AgendaItem {
    type Error = super::StoreError;
    fn try_from(r: AgendaRow) -> Result<Self> {
        Ok(AgendaItem {
            id: r.id,
            kind: AgendaKind::parse(&r.kind).ok_or_else(|| corrupt("agenda kind", &r.kind))?,
            member: MemberId(r.member_id),
            contact: PlatformIdentity::parse(&r.contact)
                .map_err(|_| corrupt("contact", &r.contact))?,
            title: r.title,
            topic: r.topic_id,
            event: r.event_id.map(EventId),
            occurrence: r.occurrence.as_deref().map(date).transpose()?,
            initiative: r.initiative_id.map(InitiativeId),
            offered_at: from_us(r.offered_at),
            placed_at: r.placed_at.map(from_us),
        })
    }
}
