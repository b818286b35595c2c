//! Finding the event and the occurrence a command means, if the sender may see it.

use chrono::{Duration, NaiveDate, Utc};

use crate::domain::text::fold;
use crate::domain::when::date_of;
use crate::domain::{Audience, Event, EventId, Platform, Role, Visibility};
use crate::engine::turn::{Failure, Step, Turn};
use crate::message::RichText;
use crate::schedule::{Exception, Occurrence};
use crate::t;

/// The event with this number, if the sender may see it here. Outside its audience an
/// event does not exist: the answer is the same as for a number never given.
pub async fn found(turn: &mut Turn<'_>, id: EventId) -> Step<Event> {
    match turn.tx.event(id).await? {
        Some(event) if sees(turn, &event).await? => Ok(event),
        _ => Err(not_found(turn, id)),
    }
}

pub(super) fn not_found(turn: &Turn<'_>, id: EventId) -> Failure {
    Failure::Refused(RichText::plain(t!(turn.lang, "event-not-found", id = id.0)))
}

/// The chats an event lives in: where it was created and every chat it was announced in.
pub async fn chats_of(
    tx: &mut dyn crate::store::StoreTx,
    event: &Event,
) -> Result<Vec<(Platform, String)>, crate::store::StoreError> {
    let mut chats = vec![(event.chat.platform, event.chat.id.clone())];
    for chat in tx.event_channels(event.id).await? {
        chats.push((chat.platform, chat.id));
    }
    Ok(chats)
}

/// Whether the sender may see the event here (see `domain::visibility`). An event held
/// back (waiting for release, or hidden) exists only for its creator and the organisers.
pub async fn sees(turn: &mut Turn<'_>, event: &Event) -> Step<bool> {
    if event.held && !may_manage(turn, event) {
        return Ok(false);
    }
    let chats = match event.visibility {
        // Everyone sees it: no need to look up where it lives.
        Visibility::Public => Vec::new(),
        Visibility::Members | Visibility::Confidential => chats_of(&mut *turn.tx, event).await?,
    };
    turn.sees(Audience {
        visibility: event.visibility,
        chats: &chats,
    })
    .await
}

/// The creator and organisers may change an event.
pub(super) fn may_manage(turn: &Turn<'_>, event: &Event) -> bool {
    turn.has_role(Role::Organiser)
        || (event.created_by.is_some() && event.created_by == turn.member.as_ref().map(|m| m.id))
}

/// The event, if the sender may change it.
pub(super) async fn managed(turn: &mut Turn<'_>, id: EventId) -> Step<Event> {
    let event = found(turn, id).await?;
    turn.active_member()?;
    if may_manage(turn, &event) {
        Ok(event)
    } else {
        Err(turn.refuse("event-manage-denied"))
    }
}

/// Writes a changed event with its audit row.
pub(super) async fn save(
    turn: &mut Turn<'_>,
    event: &Event,
    action: &'static str,
    details: serde_json::Value,
) -> Step {
    turn.tx.update_event(event).await?;
    turn.audit(action, Some(event.id.to_string()), details)
        .await
}

/// The occurrences `/termine` and the organisers' changes look at.
pub(super) async fn upcoming(turn: &mut Turn<'_>, event: &Event) -> Step<Vec<Occurrence>> {
    let exceptions = turn.tx.exceptions(event.id).await?;
    Ok(event
        .schedule
        .occurrences(turn.now, turn.now + Duration::days(LIST_DAYS), &exceptions))
}

/// The occurrence a command means: the named day, or the next one still ahead.
pub async fn pick_occurrence(
    turn: &mut Turn<'_>,
    event: &Event,
    date: Option<&str>,
) -> Step<Occurrence> {
    let exceptions = turn.tx.exceptions(event.id).await?;
    let lang = turn.lang;
    match date {
        Some(text) => {
            let day = read_day(turn, text)?;
            occurrence_on(turn, event, day, &exceptions)
        }
        None => next_occurrence(
            event,
            &exceptions,
            turn.now,
            turn.config.events.default_length,
        )
        .ok_or_else(|| Failure::Refused(RichText::plain(t!(lang, "event-over", id = event.id.0)))),
    }
}

/// The next occurrence that has not ended (or, for one that is over, the last one).
/// An event without an end lasts `default_length` (`[events] default_length_minutes`, as in
/// the calendar feed).
pub fn next_occurrence(
    event: &Event,
    exceptions: &[Exception],
    now: chrono::DateTime<Utc>,
    default_length: Duration,
) -> Option<Occurrence> {
    let from = now - event.schedule.duration.unwrap_or(default_length);
    let ahead = event
        .schedule
        .occurrences(from, now + Duration::days(800), exceptions);
    if let Some(next) = ahead.iter().find(|o| !o.cancelled).or(ahead.first()) {
        return Some(next.clone());
    }
    // A one-off event that is over is still shown.
    if !event.schedule.is_series() {
        return event
            .schedule
            .occurrence(event.schedule.first.date(), exceptions);
    }
    None
}

/// Which way a date without a year is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Looking {
    /// The next such day from today on (a date being planned).
    Ahead,
    /// The last such day up to today (a date being documented has taken place).
    Back,
}

pub(super) fn read_day(turn: &Turn<'_>, text: &str) -> Step<NaiveDate> {
    read_day_looking(turn, text, Looking::Ahead)
}

pub(super) fn read_day_looking(turn: &Turn<'_>, text: &str, looking: Looking) -> Step<NaiveDate> {
    let today = turn.now.with_timezone(&turn.config.timezone).date_naive();
    let word = fold(text);
    let day = match (word.as_str(), looking) {
        ("heute" | "today", _) => Some(Ok(today)),
        ("morgen" | "tomorrow", _) => Some(Ok(today + Duration::days(1))),
        ("gestern" | "yesterday", _) => Some(Ok(today - Duration::days(1))),
        (_, Looking::Ahead) => date_of(&word, today),
        // The next such day counted from a year ago less a day: the latest up to today.
        (_, Looking::Back) => date_of(&word, today - Duration::days(365) + Duration::days(1)),
    };
    match day {
        Some(Ok(day)) => Ok(day),
        _ => Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "event-bad-day",
            word = text
        )))),
    }
}

/// The occurrence on a day, or the answer that the event has none then.
pub(super) fn occurrence_on(
    turn: &Turn<'_>,
    event: &Event,
    day: NaiveDate,
    exceptions: &[Exception],
) -> Step<Occurrence> {
    event.schedule.occurrence(day, exceptions).ok_or_else(|| {
        Failure::Refused(RichText::plain(t!(
            turn.lang,
            "event-no-occurrence",
            id = event.id.0,
            date = &day.format("%d.%m.%Y").to_string()
        )))
    })
}

/// How far `/termine` looks ahead.
pub(super) const LIST_DAYS: i64 = 120;
