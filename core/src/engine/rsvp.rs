//! Answers to events: by button, by reaction on a card, or by `/anmelden` / `/abmelden`.
//! One answer per member (linked accounts are one person) and occurrence. With a capacity,
//! further yeses wait, and move up by themselves when a place frees.

use chrono::{NaiveDate, Utc};

use super::events::cards::{Counts, when_line};
use super::events::{found, pick_occurrence, private_text, refresh_cards, sees};
use super::turn::{Failure, Step, Turn};
use crate::domain::{Event, EventId, Role, RsvpStatus, Visibility};
use crate::message::{Outgoing, RichText};
use crate::schedule::Occurrence;
use crate::t;

/// Why an answer cannot be taken, if it cannot.
fn refusal(turn: &Turn<'_>, event: &Event, occurrence: &Occurrence) -> Option<String> {
    let lang = turn.lang;
    if !turn.member.as_ref().is_some_and(|m| m.is_active()) {
        return Some(t!(lang, "event-members-only"));
    }
    if event.is_cancelled() || occurrence.cancelled {
        return Some(t!(lang, "event-is-cancelled", id = event.id.0));
    }
    if occurrence.start.with_timezone(&Utc) <= turn.now {
        return Some(t!(lang, "event-is-over", id = event.id.0));
    }
    if let Some(from) = event.registration_opens_later(turn.now) {
        return Some(t!(
            lang,
            "event-registration-not-yet",
            date = &crate::format::date(lang, from),
            id = event.id.0
        ));
    }
    None
}

/// Records the answer, moves people up or onto the waiting list, refreshes the cards and
/// returns the confirmation for the person.
async fn answer(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    wanted: RsvpStatus,
) -> Step<String> {
    let Some(member) = turn.member.clone() else {
        return Ok(String::new());
    };
    let lang = turn.lang;
    // Counting places and taking one must not interleave with another answer.
    turn.tx.lock_event(event.id).await?;
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let current = rsvps
        .iter()
        .find(|r| r.member == member.id)
        .map(|r| r.status);
    let when = when_line(lang, event, occurrence);
    // Saying yes again while waiting keeps the place in the queue.
    let status = match (wanted, current) {
        (RsvpStatus::Yes, Some(RsvpStatus::Yes | RsvpStatus::Waiting)) => current.unwrap_or(wanted),
        (RsvpStatus::Yes, _) => {
            let taken = Counts::of(&rsvps).yes;
            if event.capacity.is_some_and(|c| taken >= c as usize) {
                RsvpStatus::Waiting
            } else {
                RsvpStatus::Yes
            }
        }
        (other, _) => other,
    };
    if current == Some(status) {
        return Ok(t!(
            lang,
            "rsvp-unchanged",
            title = &event.title,
            when = &when
        ));
    }
    let sender = turn.sender().clone();
    record(
        turn,
        event,
        occurrence,
        (member.id, &sender),
        status,
        current,
    )
    .await?;
    if current == Some(RsvpStatus::Yes) {
        move_up(turn, event, occurrence).await?;
    }
    if status == RsvpStatus::Yes {
        send_private_link(turn, event, occurrence, &sender);
    }
    refresh_cards(turn, event, occurrence).await?;
    Ok(match status {
        RsvpStatus::Yes => t!(lang, "rsvp-yes", title = &event.title, when = &when),
        RsvpStatus::Maybe => t!(lang, "rsvp-maybe", title = &event.title, when = &when),
        RsvpStatus::No => t!(lang, "rsvp-no", title = &event.title, when = &when),
        RsvpStatus::Waiting => {
            let place = Counts::of(&rsvps).waiting + 1;
            t!(lang, "rsvp-waiting", title = &event.title, place = place)
        }
    })
}

/// Stores an answer with its audit row (the log the counts can be recounted from).
async fn record(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    (member, contact): (crate::domain::MemberId, &crate::domain::PlatformIdentity),
    status: RsvpStatus,
    previous: Option<RsvpStatus>,
) -> Step {
    turn.tx
        .set_rsvp(event.id, occurrence.key, member, status, contact, turn.now)
        .await?;
    // Someone moving up did not act: the row is the bot's, not the sender's activity.
    let actor = turn
        .member
        .as_ref()
        .map(|m| m.id)
        .filter(|id| *id == member);
    turn.audit_by(
        actor,
        "event.rsvp",
        Some(event.id.to_string()),
        serde_json::json!({
            "occurrence": occurrence.key.to_string(),
            "member": member.0,
            "status": status.as_str(),
            "previous": previous.map(RsvpStatus::as_str),
        }),
    );
    Ok(())
}

/// The online link an organiser keeps for registered people, sent privately.
fn send_private_link(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    to: &crate::domain::PlatformIdentity,
) {
    if let (Some(link), true) = (&event.online_link, event.link_private) {
        let lang = turn.lang;
        let text = private_text(
            lang,
            event,
            t!(
                lang,
                "rsvp-link",
                title = &event.title,
                when = &when_line(lang, event, occurrence),
                link = link
            ),
        );
        turn.direct(to, |target| Outgoing::new(target, RichText::plain(text)));
    }
}

/// Fills free places from the waiting list, earliest first, telling each person privately.
/// Returns how many moved up.
pub async fn move_up(turn: &mut Turn<'_>, event: &Event, occurrence: &Occurrence) -> Step<usize> {
    turn.tx.lock_event(event.id).await?;
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let taken = Counts::of(&rsvps).yes;
    let free = match event.capacity {
        Some(capacity) => (capacity as usize).saturating_sub(taken),
        None => usize::MAX,
    };
    let mut moved = 0;
    for waiting in rsvps
        .iter()
        .filter(|r| r.status == RsvpStatus::Waiting)
        .take(free)
    {
        let who = (waiting.member, &waiting.contact);
        let previous = Some(RsvpStatus::Waiting);
        record(turn, event, occurrence, who, RsvpStatus::Yes, previous).await?;
        let lang = turn
            .tx
            .member(waiting.member)
            .await?
            .map(|m| m.lang)
            .unwrap_or_default();
        let mut text = t!(
            lang,
            "rsvp-moved-up",
            title = &event.title,
            when = &when_line(lang, event, occurrence)
        );
        if let (Some(link), true) = (&event.online_link, event.link_private) {
            text.push_str(&format!("\n🔗 {link}"));
        }
        let text = private_text(lang, event, text);
        turn.direct(&waiting.contact, |to| {
            Outgoing::new(to, RichText::plain(text))
        });
        moved += 1;
    }
    Ok(moved)
}

pub async fn command(
    turn: &mut Turn<'_>,
    id: EventId,
    date: Option<&str>,
    status: RsvpStatus,
) -> Step {
    let event = found(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    if let Some(why) = refusal(turn, &event, &occurrence) {
        return Err(Failure::Refused(RichText::plain(why)));
    }
    let confirmation = answer(turn, &event, &occurrence, status).await?;
    turn.reply(RichText::plain(confirmation));
    Ok(())
}

async fn occurrence_of(
    turn: &mut Turn<'_>,
    id: EventId,
    day: NaiveDate,
) -> Step<Option<(Event, Occurrence)>> {
    // A card outside the sender's audience (pressed where it should never have been seen)
    // answers nothing.
    let Some(event) = turn.tx.event(id).await? else {
        return Ok(None);
    };
    if !sees(turn, &event).await? {
        return Ok(None);
    }
    let exceptions = turn.tx.exceptions(id).await?;
    Ok(event
        .schedule
        .occurrence(day, &exceptions)
        .map(|o| (event, o)))
}

/// A button press answers only the person who pressed (a toast).
pub async fn button(turn: &mut Turn<'_>, id: EventId, day: NaiveDate, status: RsvpStatus) -> Step {
    let lang = turn.lang;
    // Said before looking at the event: the same answer for every button, so it tells a
    // stranger nothing about events they may not see.
    if !turn.member.as_ref().is_some_and(|m| m.is_active()) {
        turn.notice = Some(t!(lang, "event-members-only"));
        return Ok(());
    }
    let Some((event, occurrence)) = occurrence_of(turn, id, day).await? else {
        turn.notice = Some(t!(lang, "button-inactive"));
        return Ok(());
    };
    turn.notice = Some(match refusal(turn, &event, &occurrence) {
        Some(why) => why,
        None => answer(turn, &event, &occurrence, status).await?,
    });
    Ok(())
}

/// ✅ 👍 🤔 ❌ 👎 on a card answer (members only, silently).
pub async fn reaction_added(turn: &mut Turn<'_>, id: EventId, day: NaiveDate, key: &str) -> Step {
    let Some(status) = RsvpStatus::of_reaction(key) else {
        return Ok(());
    };
    let Some((event, occurrence)) = occurrence_of(turn, id, day).await? else {
        return Ok(());
    };
    if refusal(turn, &event, &occurrence).is_none() {
        answer(turn, &event, &occurrence, status).await?;
    }
    Ok(())
}

/// Taking the reaction back takes the answer back, if it is still that answer.
pub async fn reaction_removed(turn: &mut Turn<'_>, id: EventId, day: NaiveDate, key: &str) -> Step {
    let Some(status) = RsvpStatus::of_reaction(key) else {
        return Ok(());
    };
    let (Some((event, occurrence)), Some(member)) =
        (occurrence_of(turn, id, day).await?, turn.member.clone())
    else {
        return Ok(());
    };
    if refusal(turn, &event, &occurrence).is_some() {
        return Ok(());
    }
    let statuses: &[RsvpStatus] = match status {
        RsvpStatus::Yes => &[RsvpStatus::Yes, RsvpStatus::Waiting],
        other => &[other],
    };
    let Some(previous) = turn
        .tx
        .withdraw_rsvp(event.id, occurrence.key, member.id, statuses)
        .await?
    else {
        return Ok(());
    };
    turn.audit(
        "event.rsvp",
        Some(event.id.to_string()),
        serde_json::json!({
            "occurrence": occurrence.key.to_string(),
            "status": null,
            "previous": previous.as_str(),
        }),
    )
    .await?;
    if previous == RsvpStatus::Yes {
        move_up(turn, &event, &occurrence).await?;
    }
    refresh_cards(turn, &event, &occurrence).await
}

/// `/teilnehmer <id>`: names for the creator and organisers, counts for everyone else.
pub async fn attendees(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    let event = found(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let lang = turn.lang;
    let counts = Counts::of(&rsvps);
    let when = when_line(lang, &event, &occurrence);
    let mut text = RichText::default().bold(t!(
        lang,
        "attendees-title",
        title = &event.title,
        when = &when
    ));
    let sees_names = turn.has_role(Role::Organiser)
        || (event.created_by.is_some() && event.created_by == turn.member.as_ref().map(|m| m.id));
    let groups = [
        (RsvpStatus::Yes, "attendees-yes", counts.yes),
        (RsvpStatus::Waiting, "attendees-waiting", counts.waiting),
        (RsvpStatus::Maybe, "attendees-maybe", counts.maybe),
        (RsvpStatus::No, "attendees-no", counts.no),
    ];
    for (status, key, count) in groups {
        if count == 0 && status == RsvpStatus::Waiting {
            continue;
        }
        let mut line = format!("{} ({count})", t!(lang, key));
        if sees_names && count > 0 {
            let names: Vec<String> = rsvps
                .iter()
                .filter(|r| r.status == status)
                .enumerate()
                .map(|(i, r)| {
                    if status == RsvpStatus::Waiting {
                        format!("{}. {}", i + 1, r.name)
                    } else {
                        r.name.clone()
                    }
                })
                .collect();
            line.push_str(&format!(": {}", names.join(", ")));
        }
        text = text.line(line);
    }
    if let Some(capacity) = event.capacity {
        text = text.line(t!(
            lang,
            "event-places",
            taken = counts.yes,
            capacity = capacity
        ));
    }
    // A confidential event's names stay in its room (the private chat is not confidential).
    if sees_names && !turn.incoming.chat.is_private && event.visibility != Visibility::Confidential
    {
        // Names are personal data: in a group they go privately to the person who asked.
        turn.reply_privately(|to| Outgoing::new(to, text));
    } else {
        turn.reply(text);
    }
    Ok(())
}
