//! Storage of events, their exceptions and channels, answers, and planned reminders.

use std::sync::LazyLock;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::records::corrupt;
use super::{Result, StoreError, from_us};
use crate::domain::{
    Event, EventId, Lang, MemberId, Platform, PlatformIdentity, Rsvp, RsvpStatus, Visibility,
};
use crate::message::ChatRef;
use crate::schedule::{Exception, Recurrence, Rule, Schedule};

/// A reminder taken by one scheduler: sent now, or skipped because it is too late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedReminder {
    pub id: i64,
    pub event: EventId,
    pub occurrence: NaiveDate,
    pub offset_minutes: u32,
    pub due_at: DateTime<Utc>,
    /// Missed by more than the grace period: logged, not sent.
    pub skipped: bool,
}

#[async_trait]
pub trait EventsTx: Send {
    /// Stores a new event (its `id` is ignored) and returns its id.
    async fn insert_event(&mut self, event: &Event) -> Result<EventId>;
    async fn event(&mut self, id: EventId) -> Result<Option<Event>>;
    /// Writes every field of an existing event.
    async fn update_event(&mut self, event: &Event) -> Result<()>;
    /// Events not cancelled that may still have an occurrence at or after `since`.
    async fn current_events(&mut self, since: DateTime<Utc>) -> Result<Vec<Event>>;
    /// Public events not held back, cancelled ones included, that may have an occurrence
    /// after `since` (the calendar feed shows cancellations).
    async fn public_events(&mut self, since: DateTime<Utc>) -> Result<Vec<Event>>;

    async fn exceptions(&mut self, event: EventId) -> Result<Vec<Exception>>;
    async fn put_exception(&mut self, event: EventId, exception: &Exception) -> Result<()>;

    async fn add_event_channel(&mut self, event: EventId, chat: &ChatRef) -> Result<bool>;
    async fn event_channels(&mut self, event: EventId) -> Result<Vec<ChatRef>>;

    /// Follows an event (all its dates) at `contact`; `false` if already following.
    async fn subscribe(
        &mut self,
        event: EventId,
        member: crate::domain::MemberId,
        contact: &crate::domain::PlatformIdentity,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool>;

    /// `false` if the member did not follow it.
    async fn unsubscribe(
        &mut self,
        event: EventId,
        member: crate::domain::MemberId,
    ) -> Result<bool>;

    /// Who follows an event, and where they are reminded.
    async fn subscribers(
        &mut self,
        event: EventId,
    ) -> Result<Vec<(crate::domain::MemberId, crate::domain::PlatformIdentity)>>;

    /// Sets a member's answer; returns the one it replaced.
    /// Holds the event until the transaction ends, so two answers for its last place are
    /// counted one after the other (PostgreSQL: a row lock; SQLite: every write transaction
    /// holds the database anyway).
    async fn lock_event(&mut self, event: EventId) -> Result<()>;

    async fn set_rsvp(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
        member: MemberId,
        status: RsvpStatus,
        contact: &PlatformIdentity,
        at: DateTime<Utc>,
    ) -> Result<Option<RsvpStatus>>;
    /// Takes back a member's answer if it is one of `statuses`; returns the one taken back.
    async fn withdraw_rsvp(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
        member: MemberId,
        statuses: &[RsvpStatus],
    ) -> Result<Option<RsvpStatus>>;
    /// All answers to an occurrence, earliest first (the waiting list's order).
    async fn rsvps(&mut self, event: EventId, occurrence: NaiveDate) -> Result<Vec<Rsvp>>;
    /// Moves all answers, planned reminders and live messages (cards) from one occurrence
    /// name to another (a one-off event moved to another day keeps its registrations).
    async fn rename_occurrence(
        &mut self,
        event: EventId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<()>;

    /// The latest version of every live message whose key starts with `prefix` (an
    /// occurrence's card in each chat, its reminders), to be rendered anew.
    async fn live_messages(&mut self, prefix: &str) -> Result<Vec<crate::message::Outgoing>>;

    /// Replaces a partner calendar's events with the ones just read (deduplicated by UID).
    async fn replace_partner_events(
        &mut self,
        source: &str,
        events: &[crate::calendar::PartnerEvent],
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Partner events starting at or after `since`, earliest first.
    async fn partner_events(
        &mut self,
        since: DateTime<Utc>,
    ) -> Result<Vec<crate::calendar::PartnerEvent>>;

    /// Plans a reminder; `false` if it was planned (or sent) already.
    async fn plan_reminder(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
        offset_minutes: u32,
        due_at: DateTime<Utc>,
    ) -> Result<bool>;
    /// Forgets the event's reminders that have not gone out (before planning them anew).
    async fn drop_pending_reminders(&mut self, event: EventId) -> Result<u64>;
    /// Claims up to `limit` reminders due by `now`, earliest first; those due before
    /// `skip_before` are claimed as skipped. A reminder another scheduler claimed is not
    /// returned: the claim commits with the messages it causes.
    async fn claim_due_reminders(
        &mut self,
        now: DateTime<Utc>,
        skip_before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedReminder>>;
}

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
    id: i64,
    title: String,
    place: Option<String>,
    description: Option<String>,
    topic: Option<String>,
    speakers: Option<String>,
    region: Option<String>,
    online_link: Option<String>,
    link_private: i64,
    capacity: Option<i64>,
    visibility: String,
    reminders: Option<String>,
    tz: String,
    first_local: String,
    duration_min: Option<i64>,
    rrule: Option<String>,
    until_date: Option<String>,
    platform: String,
    chat_id: String,
    chat_private: i64,
    chat_title: Option<String>,
    lang: String,
    created_by: Option<i64>,
    created_at: i64,
    reminders_from: i64,
    cancelled_at: Option<i64>,
    all_day: i64,
    registration_from: Option<String>,
    held: i64,
}

pub(super) const EVENT_COLUMNS: &str = "id, title, place, description, topic, speakers, region, \
    online_link, link_private, capacity, visibility, reminders, tz, first_local, duration_min, rrule, \
    until_date, platform, chat_id, chat_private, chat_title, lang, created_by, created_at, \
    reminders_from, cancelled_at, all_day, registration_from, held";

const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

fn date(value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| corrupt("date", value))
}

pub(super) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

impl TryFrom<EventRow> for Event {
    type Error = StoreError;
    fn try_from(r: EventRow) -> Result<Self> {
        let tz = r.tz.parse().map_err(|_| corrupt("time zone", &r.tz))?;
        let first = NaiveDateTime::parse_from_str(&r.first_local, LOCAL_FORMAT)
            .map_err(|_| corrupt("local start", &r.first_local))?;
        let recurrence = match r.rrule {
            Some(text) => Some(Recurrence {
                rule: Rule::from_rrule(&text).ok_or_else(|| corrupt("rrule", &text))?,
                until: r.until_date.as_deref().map(date).transpose()?,
            }),
            None => None,
        };
        let reminders = match r.reminders {
            Some(json) => {
                Some(serde_json::from_str(&json).map_err(|_| corrupt("reminders", &json))?)
            }
            None => None,
        };
        Ok(Event {
            id: EventId(r.id),
            title: r.title,
            place: r.place,
            description: r.description,
            topic: r.topic,
            speakers: r.speakers,
            region: r.region,
            online_link: r.online_link,
            link_private: r.link_private != 0,
            capacity: r.capacity.and_then(|c| u32::try_from(c).ok()),
            visibility: Visibility::parse(&r.visibility)
                .ok_or_else(|| corrupt("visibility", &r.visibility))?,
            reminders,
            schedule: Schedule {
                tz,
                first,
                duration: r.duration_min.map(chrono::Duration::minutes),
                recurrence,
                all_day: r.all_day != 0,
            },
            chat: ChatRef {
                platform: Platform::parse(&r.platform)
                    .ok_or_else(|| corrupt("platform", &r.platform))?,
                id: r.chat_id,
                is_private: r.chat_private != 0,
                encrypted: false,
                title: r.chat_title,
            },
            lang: Lang::parse(&r.lang).ok_or_else(|| corrupt("lang", &r.lang))?,
            created_by: r.created_by.map(MemberId),
            created_at: from_us(r.created_at),
            reminders_from: from_us(r.reminders_from),
            cancelled_at: r.cancelled_at.map(from_us),
            registration_from: r.registration_from.as_deref().map(date).transpose()?,
            held: r.held != 0,
        })
    }
}

/// The stored columns of an event besides `id`, in binding order. `last_start` is derived
/// from the schedule, stored so queries can skip events that are over.
const EVENT_FIELDS: [&str; 29] = [
    "title",
    "place",
    "description",
    "topic",
    "speakers",
    "region",
    "online_link",
    "link_private",
    "capacity",
    "visibility",
    "reminders",
    "tz",
    "first_local",
    "duration_min",
    "rrule",
    "until_date",
    "last_start",
    "platform",
    "chat_id",
    "chat_private",
    "chat_title",
    "lang",
    "created_by",
    "created_at",
    "reminders_from",
    "cancelled_at",
    "all_day",
    "registration_from",
    "held",
];

/// Inserts an event: its values are `$1…`, in `EVENT_FIELDS` order.
pub(super) static INSERT_EVENT: LazyLock<String> = LazyLock::new(|| {
    let places: Vec<String> = (1..=EVENT_FIELDS.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO events ({}) VALUES ({}) RETURNING id",
        EVENT_FIELDS.join(", "),
        places.join(", ")
    )
});

/// Rewrites an event: `$1` is its id, its values follow from `$2`.
pub(super) static UPDATE_EVENT: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = EVENT_FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| format!("{field} = ${}", i + 2))
        .collect();
    format!("UPDATE events SET {} WHERE id = $1", sets.join(", "))
});

/// Binds an event's values in `EVENT_FIELDS` order.
pub(super) fn bind_event<'q, DB>(
    query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>,
    e: &Event,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let recurrence = e.schedule.recurrence.as_ref();
    query
        .bind(e.title.clone())
        .bind(e.place.clone())
        .bind(e.description.clone())
        .bind(e.topic.clone())
        .bind(e.speakers.clone())
        .bind(e.region.clone())
        .bind(e.online_link.clone())
        .bind(i64::from(e.link_private))
        .bind(e.capacity.map(i64::from))
        .bind(e.visibility.as_str().to_string())
        .bind(
            e.reminders
                .as_ref()
                .map(|r| serde_json::to_string(r).unwrap_or_else(|_| "[]".into())),
        )
        .bind(e.schedule.tz.name().to_string())
        .bind(e.schedule.first.format(LOCAL_FORMAT).to_string())
        .bind(e.schedule.duration.map(|d| d.num_minutes()))
        .bind(recurrence.map(|r| r.rule.to_rrule()))
        .bind(recurrence.and_then(|r| r.until).map(day_text))
        .bind(e.schedule.last_start().map(super::to_us))
        .bind(e.chat.platform.as_str().to_string())
        .bind(e.chat.id.clone())
        .bind(i64::from(e.chat.is_private))
        .bind(e.chat.title.clone())
        .bind(e.lang.as_str().to_string())
        .bind(e.created_by.map(|m| m.0))
        .bind(super::to_us(e.created_at))
        .bind(super::to_us(e.reminders_from))
        .bind(e.cancelled_at.map(super::to_us))
        .bind(i64::from(e.schedule.all_day))
        .bind(e.registration_from.map(day_text))
        .bind(i64::from(e.held))
}

#[derive(sqlx::FromRow)]
pub(super) struct ExceptionRow {
    occurrence: String,
    cancelled: i64,
    new_start: Option<i64>,
    new_end: Option<i64>,
}

impl TryFrom<ExceptionRow> for Exception {
    type Error = StoreError;
    fn try_from(r: ExceptionRow) -> Result<Self> {
        Ok(Exception {
            key: date(&r.occurrence)?,
            cancelled: r.cancelled != 0,
            start: r.new_start.map(from_us),
            end: r.new_end.map(from_us),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct RsvpRow {
    member_id: i64,
    display_name: String,
    status: String,
    contact: String,
    at: i64,
}

impl TryFrom<RsvpRow> for Rsvp {
    type Error = StoreError;
    fn try_from(r: RsvpRow) -> Result<Self> {
        Ok(Rsvp {
            member: MemberId(r.member_id),
            name: r.display_name,
            status: RsvpStatus::parse(&r.status).ok_or_else(|| corrupt("rsvp", &r.status))?,
            contact: PlatformIdentity::parse(&r.contact)
                .map_err(|_| corrupt("contact", &r.contact))?,
            at: from_us(r.at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ReminderRow {
    id: i64,
    event_id: i64,
    occurrence: String,
    offset_min: i64,
    due_at: i64,
    state: String,
}

impl TryFrom<ReminderRow> for ClaimedReminder {
    type Error = StoreError;
    fn try_from(r: ReminderRow) -> Result<Self> {
        Ok(ClaimedReminder {
            id: r.id,
            event: EventId(r.event_id),
            occurrence: date(&r.occurrence)?,
            offset_minutes: u32::try_from(r.offset_min)
                .map_err(|_| corrupt("offset", &r.offset_min.to_string()))?,
            due_at: from_us(r.due_at),
            skipped: r.state == "skipped",
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PartnerRow {
    uid: String,
    source: String,
    title: String,
    start_at: i64,
    end_at: Option<i64>,
    location: Option<String>,
    url: Option<String>,
    cancelled: i64,
}

impl From<PartnerRow> for crate::calendar::PartnerEvent {
    fn from(r: PartnerRow) -> Self {
        crate::calendar::PartnerEvent {
            source: r.source,
            uid: r.uid,
            title: r.title,
            start: from_us(r.start_at),
            end: r.end_at.map(from_us),
            location: r.location,
            url: r.url,
            cancelled: r.cancelled != 0,
        }
    }
}
