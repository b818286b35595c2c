//! `/termin neu` and the organisers' changes: cancel, move, places, reminders, texts, link,
//! channels, visibility.

use chrono::Utc;

use super::cards::when_line;
use super::listing::show;
use super::lookup::{managed, may_manage, pick_occurrence, save, upcoming};
use super::posting::{post_card, post_to_events_channels, refresh_cards, refresh_upcoming};
use super::problems::{draft_problem, private_text};
use super::{documentation, programme};
use crate::command::{EventAction, EventField};
use crate::domain::event::{TEXT_MAX, TITLE_MAX, check_length};
use crate::domain::text::fold;
use crate::domain::{Event, EventDraft, EventId, Role, RsvpStatus, Visibility};
use crate::domain::{parse_schedule, parse_when};
use crate::engine::turn::{Failure, Step, Turn};
use crate::engine::{help, reminders, rsvp};
use crate::message::{Outgoing, RichText, Target};
use crate::schedule::{Exception, Occurrence};
use crate::t;

pub async fn create(turn: &mut Turn<'_>, draft: EventDraft) -> Step {
    let member = turn.active_member()?;
    if !turn.config.events.members_may_create && !turn.has_role(Role::Organiser) {
        return Err(turn.refuse("event-create-denied"));
    }
    let schedule = match parse_schedule(&draft.when, turn.now, turn.config.timezone) {
        Ok(schedule) => schedule,
        Err(problem) => {
            // A question (today or in a week?) waits for its answer in this chat.
            let rest = [
                Some(draft.title.clone()),
                draft.place.clone(),
                draft.description.clone(),
            ]
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
            if crate::engine::form::ask_when(turn, &problem, &draft.when, rest, false).await? {
                return Ok(());
            }
            return Err(help::when_refusal(turn.lang, &problem, "event-new"));
        }
    };
    let chat = turn.incoming.chat.clone();
    // Events planned in a confidential channel stay there.
    let confidential = turn.place().await?.is_confidential();
    let mut event = Event::new(draft.title, schedule, chat.clone(), turn.lang, turn.now);
    // "Ort oder Link": a web address there is where the event takes place online – the
    // card, the calendar and the web view then show it as the event's link.
    match draft
        .place
        .as_deref()
        .and_then(crate::domain::text::written_web_address)
    {
        Some(url) => event.online_link = Some(url),
        None => event.place = draft.place,
    }
    event.description = draft.description;
    event.region = draft.region;
    if confidential {
        event.visibility = Visibility::Confidential;
        turn.showing(event.visibility);
    }
    event.created_by = Some(member.id);
    // A member's event waits for an organiser, if the alliance wants that.
    event.held = turn.config.events.member_events_reviewed && !turn.has_role(Role::Organiser);
    event.id = turn.tx.insert_event(&event).await?;
    if !chat.is_private {
        turn.tx.add_event_channel(event.id, &chat).await?;
    }
    turn.audit(
        "event.create",
        Some(event.id.to_string()),
        // Facts only, no content: the log outlives visibility changes and goes into people's
        // data exports.
        serde_json::json!({
            "first": event.schedule.first.to_string(),
            "rule": event.schedule.rrule(),
        }),
    )
    .await?;
    reminders::plan_event(turn, &event).await?;
    if event.held {
        turn.reply(RichText::plain(t!(
            turn.lang,
            "event-held-for-review",
            id = event.id.0,
            title = &event.title
        )));
        return Ok(());
    }
    let occurrence = pick_occurrence(turn, &event, None).await?;
    let reply_to = Some(turn.incoming.event_id.clone());
    post_card(turn, &event, &occurrence, Target::Chat { chat }, reply_to).await?;
    post_to_events_channels(turn, &event, &occurrence).await
}

/// `/termin N freigeben` (organisers): a held-back event shows, its card goes to its chat
/// and the events channels, and its creator is told. `/termin N verbergen` holds any event
/// back again (out of the calendar, the lists and the channels' new cards).
async fn set_held(turn: &mut Turn<'_>, id: EventId, held: bool) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    if !turn.has_role(Role::Organiser) {
        return Err(turn.refuse("event-review-organisers"));
    }
    if event.held == held {
        let key = if held {
            "event-already-hidden"
        } else {
            "event-already-released"
        };
        return Err(Failure::Refused(RichText::plain(t!(lang, key, id = id.0))));
    }
    event.held = held;
    save(
        turn,
        &event,
        if held { "event.hide" } else { "event.release" },
        serde_json::json!({}),
    )
    .await?;
    if held {
        turn.reply(RichText::plain(t!(lang, "event-hidden", id = id.0)));
        return Ok(());
    }
    let occurrence = pick_occurrence(turn, &event, None).await?;
    let chat = event.chat.clone();
    post_card(turn, &event, &occurrence, Target::Chat { chat }, None).await?;
    post_to_events_channels(turn, &event, &occurrence).await?;
    if let Some(creator) = event.created_by
        && turn.member.as_ref().is_none_or(|m| m.id != creator)
        && let Some(person) = turn.tx.member(creator).await?
        && person.is_active()
    {
        let plang = person.lang;
        let text = t!(
            plang,
            "event-released-notice",
            id = id.0,
            title = &event.title
        );
        for contact in turn.tx.identities(creator).await?.into_iter().take(1) {
            turn.direct(&contact.identity, |to| {
                Outgoing::new(to, RichText::plain(text.clone()))
            });
        }
    }
    turn.reply(RichText::plain(t!(
        lang,
        "event-released",
        id = id.0,
        title = &event.title
    )));
    Ok(())
}

pub async fn act(turn: &mut Turn<'_>, id: EventId, action: EventAction) -> Step {
    match action {
        EventAction::Show { date } => show(turn, id, date.as_deref()).await,
        EventAction::Cancel { date } => cancel(turn, id, date.as_deref()).await,
        EventAction::Move { date, when } => move_event(turn, id, date.as_deref(), &when).await,
        EventAction::Capacity(capacity) => set_capacity(turn, id, capacity).await,
        EventAction::Reminders(offsets) => set_reminders(turn, id, offsets).await,
        EventAction::Edit(field, value) => edit(turn, id, field, value).await,
        EventAction::Link { url, private } => set_link(turn, id, url, private).await,
        EventAction::Channel => add_channel(turn, id).await,
        EventAction::Visibility(visibility) => set_visibility(turn, id, visibility).await,
        EventAction::Held(held) => set_held(turn, id, held).await,
        EventAction::RegistrationFrom(date) => set_registration(turn, id, date.as_deref()).await,
        EventAction::DateTopic { date, topic } => {
            programme::set_date_topic(turn, id, &date, topic).await
        }
        EventAction::AcceptImpulse { item, date } => {
            programme::accept_impulse(turn, id, item, date.as_deref()).await
        }
        EventAction::RemoveItem { item } => programme::remove_item(turn, id, item).await,
        EventAction::Slots { count, date } => {
            programme::set_slots(turn, id, count, date.as_deref()).await
        }
        EventAction::Document {
            date,
            link,
            summary,
        } => documentation::document(turn, id, date.as_deref(), link, summary).await,
    }
}

/// Tells everyone who answered yes, maybe or waits, privately.
pub(super) async fn tell_registered(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    key: &str,
    extra: &str,
) -> Step<usize> {
    let answered = [RsvpStatus::Yes, RsvpStatus::Maybe, RsvpStatus::Waiting];
    tell_answered(turn, event, occurrence, &answered, key, extra).await
}

/// Tells everyone whose answer is one of `statuses`, privately, in their language:
/// `key` with the event's title, the date and `extra`.
pub(super) async fn tell_answered(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    statuses: &[RsvpStatus],
    key: &str,
    extra: &str,
) -> Step<usize> {
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let mut told = 0;
    for rsvp in rsvps.iter().filter(|r| statuses.contains(&r.status)) {
        let lang = match turn.tx.member(rsvp.member).await? {
            Some(m) => m.lang,
            None => continue,
        };
        let text = private_text(
            lang,
            event,
            t!(
                lang,
                key,
                title = &event.title,
                when = &when_line(lang, event, occurrence),
                extra = extra
            ),
        );
        turn.direct(&rsvp.contact, |to| Outgoing::new(to, RichText::plain(text)));
        told += 1;
    }
    Ok(told)
}

pub(super) async fn cancel(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    if event.is_cancelled() {
        return Err(turn.refuse("event-already-cancelled"));
    }
    let mut told = 0;
    // `alle`: the whole series, confirmed.
    let whole = date.is_some_and(|d| {
        ["alle", "ganz", "ja", "bestaetigen", "all", "confirm"].contains(&fold(d).as_str())
    });
    if date.is_none() && event.schedule.is_series() {
        // A whole series is a big step: asked back first.
        let dates = upcoming(turn, &event)
            .await?
            .iter()
            .filter(|o| !o.cancelled)
            .count();
        turn.reply(RichText::plain(t!(
            lang,
            "event-cancel-series-confirm",
            id = id.0,
            title = &event.title,
            count = dates
        )));
        return Ok(());
    }
    if date.is_some() && !whole {
        let occurrence = pick_occurrence(turn, &event, date).await?;
        if occurrence.cancelled {
            return Err(turn.refuse("event-already-cancelled"));
        }
        let mut exception = turn
            .tx
            .exceptions(event.id)
            .await?
            .into_iter()
            .find(|e| e.key == occurrence.key)
            .unwrap_or(Exception {
                key: occurrence.key,
                cancelled: false,
                start: None,
                end: None,
            });
        exception.cancelled = true;
        turn.tx.put_exception(event.id, &exception).await?;
        told += tell_registered(turn, &event, &occurrence, "event-cancelled-notice", "").await?;
        let cancelled = Occurrence {
            cancelled: true,
            ..occurrence.clone()
        };
        refresh_cards(turn, &event, &cancelled).await?;
        turn.audit(
            "event.cancel_occurrence",
            Some(id.to_string()),
            serde_json::json!({ "occurrence": occurrence.key.to_string() }),
        )
        .await?;
        reminders::replan(turn, &event).await?;
        turn.reply(RichText::plain(t!(
            lang,
            "event-occurrence-cancelled-done",
            id = id.0,
            when = &when_line(lang, &event, &occurrence),
            count = told
        )));
        return Ok(());
    }
    event.cancelled_at = Some(turn.now);
    save(turn, &event, "event.cancel", serde_json::json!({})).await?;
    turn.tx.drop_pending_reminders(event.id).await?;
    for occurrence in upcoming(turn, &event)
        .await?
        .iter()
        .filter(|o| !o.cancelled)
        .take(12)
    {
        told += tell_registered(turn, &event, occurrence, "event-cancelled-notice", "").await?;
        refresh_cards(turn, &event, occurrence).await?;
    }
    turn.reply(RichText::plain(t!(
        lang,
        "event-cancelled-done",
        id = id.0,
        title = &event.title,
        count = told
    )));
    Ok(())
}

pub(super) async fn move_event(
    turn: &mut Turn<'_>,
    id: EventId,
    date: Option<&str>,
    when: &str,
) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    if event.is_cancelled() {
        return Err(turn.refuse("event-already-cancelled"));
    }
    if event.schedule.is_series() && date.is_none() {
        return Err(Failure::Refused(help::usage_hint(
            lang,
            t!(lang, "event-move-which"),
            "event-move",
        )));
    }
    let new = parse_when(when, turn.now, turn.config.timezone)
        .map_err(|p| help::when_refusal(lang, &p, "event-move"))?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    let old_when = when_line(lang, &event, &occurrence);
    let new_end = new
        .end
        .or_else(|| event.schedule.duration.map(|d| new.start + d));
    let moved = if event.schedule.is_series() {
        let exception = Exception {
            key: occurrence.key,
            cancelled: false,
            start: Some(new.start.with_timezone(&Utc)),
            end: new_end.map(|e| e.with_timezone(&Utc)),
        };
        turn.tx.put_exception(event.id, &exception).await?;
        Occurrence {
            start: new.start,
            end: new_end,
            moved: true,
            cancelled: false,
            key: occurrence.key,
        }
    } else {
        event.schedule.first = new.start.naive_local();
        event.schedule.duration = new_end.map(|e| e - new.start);
        let new_key = event.schedule.first.date();
        if new_key != occurrence.key {
            turn.tx
                .rename_occurrence(event.id, occurrence.key, new_key)
                .await?;
        }
        Occurrence {
            key: new_key,
            start: new.start,
            end: new_end,
            moved: false,
            cancelled: false,
        }
    };
    // Reminders for the new time count from now: none of the old ones are repeated.
    event.reminders_from = turn.now;
    let details = serde_json::json!({
        "occurrence": occurrence.key.to_string(),
        "start": new.start.to_rfc3339(),
    });
    save(turn, &event, "event.move", details).await?;
    reminders::replan(turn, &event).await?;
    let told = tell_registered(turn, &event, &moved, "event-moved-notice", &old_when).await?;
    // The date's cards (renamed with it, see `rename_occurrence`) show the new time and the
    // answers given.
    refresh_cards(turn, &event, &moved).await?;
    turn.reply(RichText::plain(t!(
        lang,
        "event-moved-done",
        id = id.0,
        when = &when_line(lang, &event, &moved),
        count = told
    )));
    Ok(())
}

pub(super) async fn set_capacity(turn: &mut Turn<'_>, id: EventId, capacity: Option<u32>) -> Step {
    let mut event = managed(turn, id).await?;
    event.capacity = capacity;
    save(
        turn,
        &event,
        "event.capacity",
        serde_json::json!({ "capacity": capacity }),
    )
    .await?;
    // More places: people on the waiting list move up.
    for occurrence in upcoming(turn, &event)
        .await?
        .iter()
        .filter(|o| !o.cancelled)
        .take(12)
    {
        if rsvp::move_up(turn, &event, occurrence).await? > 0 {
            refresh_cards(turn, &event, occurrence).await?;
        }
    }
    let lang = turn.lang;
    turn.reply(RichText::plain(match capacity {
        Some(n) => t!(lang, "event-capacity-done", id = id.0, capacity = n),
        None => t!(lang, "event-capacity-unlimited", id = id.0),
    }));
    Ok(())
}

pub(super) async fn set_reminders(
    turn: &mut Turn<'_>,
    id: EventId,
    offsets: Option<Vec<u32>>,
) -> Step {
    let mut event = managed(turn, id).await?;
    event.reminders = offsets;
    let details = serde_json::json!({ "minutes": event.reminders });
    save(turn, &event, "event.reminders", details).await?;
    reminders::replan(turn, &event).await?;
    let lang = turn.lang;
    let offsets = reminders::offsets_of(&event, turn.config);
    turn.reply(RichText::plain(if offsets.is_empty() {
        t!(lang, "event-reminders-none", id = id.0)
    } else {
        let list: Vec<String> = offsets
            .iter()
            .map(|m| crate::domain::event::describe_offset(lang, *m))
            .collect();
        t!(
            lang,
            "event-reminders-done",
            id = id.0,
            list = &list.join(", ")
        )
    }));
    Ok(())
}

pub(super) async fn edit(
    turn: &mut Turn<'_>,
    id: EventId,
    field: EventField,
    value: Option<String>,
) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    let name = t!(lang, &format!("event-field-{}", field.key()));
    if let Some(value) = &value {
        let max = if field == EventField::Title {
            TITLE_MAX
        } else {
            TEXT_MAX
        };
        check_length(field.key(), value, max).map_err(|e| {
            Failure::Refused(help::usage_hint(
                lang,
                draft_problem(lang, &e),
                "event-edit",
            ))
        })?;
    }
    let slot = match field {
        EventField::Title => {
            let Some(title) = value.clone() else {
                return Err(turn.refuse("event-problem-title"));
            };
            event.title = title;
            None
        }
        EventField::Place => Some(&mut event.place),
        EventField::Description => Some(&mut event.description),
        EventField::Topic => Some(&mut event.topic),
        EventField::Speakers => Some(&mut event.speakers),
        EventField::Region => Some(&mut event.region),
    };
    if let Some(slot) = slot {
        *slot = value.clone();
    }
    save(
        turn,
        &event,
        "event.edit",
        serde_json::json!({ "field": field.key(), "cleared": value.is_none() }),
    )
    .await?;
    refresh_upcoming(turn, &event).await?;
    turn.reply(RichText::plain(t!(
        lang,
        "event-edit-done",
        id = id.0,
        field = &name
    )));
    Ok(())
}

pub(super) async fn set_link(
    turn: &mut Turn<'_>,
    id: EventId,
    url: Option<String>,
    private: bool,
) -> Step {
    let mut event = managed(turn, id).await?;
    event.online_link = url;
    event.link_private = private && event.online_link.is_some();
    save(
        turn,
        &event,
        "event.link",
        serde_json::json!({ "set": event.online_link.is_some(), "private": event.link_private }),
    )
    .await?;
    refresh_upcoming(turn, &event).await?;
    let key = match (&event.online_link, event.link_private) {
        (None, _) => "event-link-removed",
        (Some(_), true) => "event-link-private-done",
        (Some(_), false) => "event-link-done",
    };
    turn.reply(RichText::plain(t!(turn.lang, key, id = id.0)));
    Ok(())
}

pub(super) async fn add_channel(turn: &mut Turn<'_>, id: EventId) -> Step {
    let chat = turn.incoming.chat.clone();
    let place = turn.place().await?;
    // A confidential event is not visible in a room it does not live in yet; those who may
    // change it may still bring it into another confidential channel, and only there.
    let event = match turn.tx.event(id).await? {
        Some(event)
            if event.visibility == Visibility::Confidential
                && place.is_confidential()
                && may_manage(turn, &event) =>
        {
            turn.showing(event.visibility);
            event
        }
        _ => managed(turn, id).await?,
    };
    if chat.is_private {
        return Err(turn.refuse("event-channel-private"));
    }
    if !turn.tx.add_event_channel(event.id, &chat).await? {
        return Err(turn.refuse("event-channel-known"));
    }
    turn.audit(
        "event.channel",
        Some(id.to_string()),
        serde_json::json!({ "chat": format!("{}:{}", chat.platform, chat.id) }),
    )
    .await?;
    if event.held {
        // Its card goes out when it is released.
        turn.reply(RichText::plain(t!(
            turn.lang,
            "event-channel-held",
            id = id.0
        )));
        return Ok(());
    }
    let occurrence = pick_occurrence(turn, &event, None).await?;
    let reply_to = Some(turn.incoming.event_id.clone());
    post_card(turn, &event, &occurrence, Target::Chat { chat }, reply_to).await
}

pub(super) async fn set_visibility(
    turn: &mut Turn<'_>,
    id: EventId,
    visibility: Visibility,
) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    let was = event.visibility;
    if was == visibility {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "event-visibility-unchanged",
            id = id.0
        ))));
    }
    // What was confidential leaves its rooms only by an organiser's decision; what becomes
    // confidential must be bound to the confidential room where that is decided.
    if (was == Visibility::Confidential || visibility == Visibility::Confidential)
        && !turn.has_role(Role::Organiser)
    {
        return Err(turn.refuse("event-visibility-organiser"));
    }
    if visibility == Visibility::Confidential {
        if !turn.place().await?.is_confidential() {
            return Err(turn.refuse("event-confidential-needs-room"));
        }
        let chat = turn.incoming.chat.clone();
        turn.tx.add_event_channel(event.id, &chat).await?;
    }
    event.visibility = visibility;
    save(
        turn,
        &event,
        "event.visibility",
        serde_json::json!({ "from": was.as_str(), "to": visibility.as_str() }),
    )
    .await?;
    let text = match (was, visibility) {
        (Visibility::Confidential, Visibility::Public) => {
            t!(lang, "event-public-from-confidential-done", id = id.0)
        }
        (Visibility::Confidential, _) => {
            t!(lang, "event-internal-from-confidential-done", id = id.0)
        }
        (_, Visibility::Public) => t!(lang, "event-public-done", id = id.0),
        (_, Visibility::Members) => t!(lang, "event-internal-done", id = id.0),
        (_, Visibility::Confidential) => t!(lang, "event-confidential-done", id = id.0),
    };
    turn.reply(RichText::plain(text));
    if visibility == Visibility::Public
        && let Some(occurrence) = super::lookup::next_occurrence(
            &event,
            &turn.tx.exceptions(event.id).await?,
            turn.now,
            turn.config.events.default_length,
        )
    {
        // Made public now: the channels that show new events get it too.
        post_to_events_channels(turn, &event, &occurrence).await?;
    }
    Ok(())
}

/// `/termin 12 anmeldung ab 01.12.`: the date is out, answers are taken from that day on.
async fn set_registration(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    let from = match date {
        Some(text) => Some(super::lookup::read_day(turn, text)?),
        None => None,
    };
    event.registration_from = from;
    save(
        turn,
        &event,
        "event.registration_from",
        serde_json::json!({ "from": from.map(|d| d.to_string()) }),
    )
    .await?;
    refresh_upcoming(turn, &event).await?;
    turn.reply(RichText::plain(match from {
        Some(day) => t!(
            lang,
            "event-registration-set",
            id = id.0,
            date = &crate::format::date(lang, day)
        ),
        None => t!(lang, "event-registration-open", id = id.0),
    }));
    Ok(())
}
