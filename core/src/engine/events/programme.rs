//! The programme of a date: its own topic, impulses accepted onto it, and slots initiatives
//! take to present themselves. All of it shows on the date's cards, and speakers are reminded
//! like people who registered.

use chrono::NaiveDate;

use super::cards::when_line;
use super::lookup::{found, managed, pick_occurrence};
use super::posting::refresh_cards;
use super::problems::private_text;
use crate::domain::agenda::{AgendaItem, AgendaKind, DatePlan};
use crate::domain::{Event, EventId};
use crate::engine::turn::{Failure, Step, Turn};
use crate::message::{Outgoing, RichText};
use crate::schedule::Occurrence;
use crate::store::{StoreError, StoreTx};
use crate::t;

/// What a card of this date shows beyond the event itself.
pub async fn date_plan(
    tx: &mut dyn StoreTx,
    event: EventId,
    occurrence: NaiveDate,
) -> Result<DatePlan, StoreError> {
    let notes = tx.date_notes(event, occurrence).await?;
    let mut items = Vec::new();
    for item in tx.agenda(event, occurrence).await? {
        let name = match tx.member(item.member).await? {
            Some(m) if m.is_active() => m.display_name,
            // Someone forgotten: the talk stays on the programme, without a name.
            _ => "–".to_string(),
        };
        items.push((item, name));
    }
    Ok(DatePlan { notes, items })
}

/// A date that has not begun: programme changes are for what is still ahead.
fn ahead(turn: &Turn<'_>, event: &Event, occurrence: &Occurrence) -> Step {
    if occurrence.cancelled || event.is_cancelled() {
        return Err(turn.refuse("event-already-cancelled"));
    }
    if occurrence.start.with_timezone(&chrono::Utc) <= turn.now {
        return Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "agenda-date-past",
            id = event.id.0,
            when = &when_line(turn.lang, event, occurrence)
        ))));
    }
    Ok(())
}

/// `/termin 5 thema 24.01. Lebendige Orte`.
pub(super) async fn set_date_topic(
    turn: &mut Turn<'_>,
    id: EventId,
    date: &str,
    topic: Option<String>,
) -> Step {
    let event = managed(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, Some(date)).await?;
    if let Some(topic) = &topic {
        crate::domain::event::check_length("topic", topic, crate::domain::event::TITLE_MAX)
            .map_err(|e| Failure::Refused(RichText::plain(super::draft_problem(turn.lang, &e))))?;
    }
    turn.tx
        .set_date_topic(id, occurrence.key, topic.as_deref())
        .await?;
    turn.audit(
        "event.date_topic",
        Some(id.to_string()),
        serde_json::json!({ "occurrence": occurrence.key.to_string() }),
    )
    .await?;
    refresh_cards(turn, &event, &occurrence).await?;
    let lang = turn.lang;
    let when = when_line(lang, &event, &occurrence);
    turn.reply(RichText::plain(match &topic {
        Some(topic) => t!(
            lang,
            "agenda-topic-set",
            when = &when,
            topic = topic.as_str()
        ),
        None => t!(lang, "agenda-topic-cleared", when = &when),
    }));
    Ok(())
}

/// `/termin 12 vorstellungen 2 [datum]`.
pub(super) async fn set_slots(
    turn: &mut Turn<'_>,
    id: EventId,
    count: u32,
    date: Option<&str>,
) -> Step {
    let event = managed(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    ahead(turn, &event, &occurrence)?;
    let plan = date_plan(&mut *turn.tx, id, occurrence.key).await?;
    let taken = plan.presentations().count();
    let lang = turn.lang;
    if (count as usize) < taken {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-slots-below-taken",
            taken = taken,
            id = id.0
        ))));
    }
    turn.tx.set_date_slots(id, occurrence.key, count).await?;
    turn.audit(
        "event.slots",
        Some(id.to_string()),
        serde_json::json!({ "occurrence": occurrence.key.to_string(), "slots": count }),
    )
    .await?;
    refresh_cards(turn, &event, &occurrence).await?;
    turn.reply(RichText::plain(t!(
        lang,
        "agenda-slots-set",
        count = count as usize,
        when = &when_line(lang, &event, &occurrence),
        id = id.0
    )));
    Ok(())
}

/// An offered item by its number, if it is still on offer or on a date.
pub(crate) async fn known_item(turn: &mut Turn<'_>, item: i64) -> Step<AgendaItem> {
    match turn.tx.agenda_item(item).await? {
        Some(found) => Ok(found),
        None => Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "agenda-unknown",
            id = item
        )))),
    }
}

/// Tells a speaker privately, in their language, about their talk on a date.
async fn tell_speaker(
    turn: &mut Turn<'_>,
    item: &AgendaItem,
    event: &Event,
    occurrence: &Occurrence,
    key: &str,
) -> Step {
    let Some(speaker) = turn.tx.member(item.member).await? else {
        return Ok(());
    };
    if !speaker.is_active() {
        return Ok(());
    }
    let lang = speaker.lang;
    let text = private_text(
        lang,
        event,
        t!(
            lang,
            key,
            title = item.title.as_str(),
            event = event.title.as_str(),
            when = &when_line(lang, event, occurrence),
            id = event.id.0
        ),
    );
    turn.direct(&item.contact, |to| Outgoing::new(to, RichText::plain(text)));
    Ok(())
}

/// `/termin 12 impuls annehmen 3 [datum]`.
pub(super) async fn accept_impulse(
    turn: &mut Turn<'_>,
    id: EventId,
    number: i64,
    date: Option<&str>,
) -> Step {
    let event = managed(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    ahead(turn, &event, &occurrence)?;
    let item = known_item(turn, number).await?;
    let lang = turn.lang;
    if item.kind != AgendaKind::Impulse {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-not-impulse",
            id = number
        ))));
    }
    if item.event == Some(id) && item.occurrence == Some(occurrence.key) {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-already-there",
            id = number
        ))));
    }
    // Moved from another date: that date's cards lose it.
    let before = match (item.event, item.occurrence) {
        (Some(other), Some(day)) => Some((other, day)),
        _ => None,
    };
    turn.tx
        .place_agenda_item(number, id, occurrence.key, turn.now)
        .await?;
    turn.audit(
        "agenda.accept",
        Some(number.to_string()),
        serde_json::json!({ "event": id.0, "occurrence": occurrence.key.to_string() }),
    )
    .await?;
    if let Some((other, day)) = before
        && let Some(other) = turn.tx.event(other).await?
    {
        let exceptions = turn.tx.exceptions(other.id).await?;
        if let Some(old) = other.schedule.occurrence(day, &exceptions) {
            refresh_cards(turn, &other, &old).await?;
        }
    }
    refresh_cards(turn, &event, &occurrence).await?;
    tell_speaker(
        turn,
        &item,
        &event,
        &occurrence,
        "agenda-impulse-accepted-notice",
    )
    .await?;
    turn.reply(RichText::plain(t!(
        lang,
        "agenda-impulse-accepted",
        id = number,
        title = item.title.as_str(),
        when = &when_line(lang, &event, &occurrence)
    )));
    Ok(())
}

/// `/termin 12 impuls entfernen 3`: off the programme for good; the speaker is told and may
/// offer it again.
pub(super) async fn remove_item(turn: &mut Turn<'_>, id: EventId, number: i64) -> Step {
    let event = managed(turn, id).await?;
    let item = known_item(turn, number).await?;
    let lang = turn.lang;
    let Some(day) = item.occurrence.filter(|_| item.event == Some(id)) else {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-not-on-event",
            item = number,
            id = id.0
        ))));
    };
    turn.tx.withdraw_agenda_item(number, turn.now).await?;
    turn.audit(
        "agenda.remove",
        Some(number.to_string()),
        serde_json::json!({ "event": id.0 }),
    )
    .await?;
    let exceptions = turn.tx.exceptions(id).await?;
    if let Some(occurrence) = event.schedule.occurrence(day, &exceptions) {
        refresh_cards(turn, &event, &occurrence).await?;
        tell_speaker(turn, &item, &event, &occurrence, "agenda-removed-notice").await?;
    }
    turn.reply(RichText::plain(t!(
        lang,
        "agenda-removed",
        id = number,
        title = item.title.as_str()
    )));
    Ok(())
}

/// `/vorstellen 12 [datum] [Initiative]`: a member takes a slot for their initiative.
pub async fn present(
    turn: &mut Turn<'_>,
    id: EventId,
    date: Option<&str>,
    name: Option<String>,
) -> Step {
    let member = turn.active_member()?;
    let event = found(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    ahead(turn, &event, &occurrence)?;
    let lang = turn.lang;
    let plan = date_plan(&mut *turn.tx, id, occurrence.key).await?;
    let when = when_line(lang, &event, &occurrence);
    if plan.notes.slots == 0 {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-no-slots",
            id = id.0,
            when = &when
        ))));
    }
    // The member's own initiative, or the one they name (registered or not yet).
    let own = turn.tx.initiatives_of(member.id).await?;
    let (title, initiative) = match name {
        Some(name) => match turn.tx.initiative_by_name(&name).await? {
            Some(i) => (i.draft.name.clone(), Some(i.id)),
            None => (name, None),
        },
        None => match own.as_slice() {
            [one] => (one.draft.name.clone(), Some(one.id)),
            _ => {
                return Err(Failure::Refused(RichText::plain(t!(
                    lang,
                    "agenda-present-which",
                    id = id.0
                ))));
            }
        },
    };
    if let Some((taken, _)) = plan.presentations().find(|(item, _)| {
        crate::domain::text::fold(&item.title) == crate::domain::text::fold(&title)
    }) {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-present-twice",
            title = taken.title.as_str(),
            when = &when
        ))));
    }
    if plan.free_slots() == 0 {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "agenda-slots-full",
            id = id.0,
            when = &when
        ))));
    }
    let item = AgendaItem {
        event: Some(id),
        occurrence: Some(occurrence.key),
        initiative,
        placed_at: Some(turn.now),
        ..AgendaItem::offered(
            AgendaKind::Presentation,
            member.id,
            turn.sender().clone(),
            title,
            turn.now,
        )
    };
    let number = turn.tx.insert_agenda_item(&item).await?;
    turn.audit(
        "agenda.present",
        Some(number.to_string()),
        serde_json::json!({ "event": id.0, "occurrence": occurrence.key.to_string() }),
    )
    .await?;
    refresh_cards(turn, &event, &occurrence).await?;
    turn.reply(RichText::plain(t!(
        lang,
        "agenda-presenting",
        title = item.title.as_str(),
        when = &when,
        item = number,
        id = id.0
    )));
    Ok(())
}
