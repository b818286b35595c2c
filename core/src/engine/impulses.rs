//! Impulses: members offer a short talk (`/impuls T5 | Dorfladen Plus, 10 Minuten`) on a topic,
//! for an event or for the meetups in general; organisers put it on a date
//! (`/termin 12 impuls annehmen 3`, see `events::programme`).

use super::events::{found, programme::known_item};
use super::turn::{Failure, Step, Turn};
use crate::command::ImpulseAbout;
use crate::domain::Role;
use crate::domain::agenda::{AgendaItem, AgendaKind};
use crate::message::RichText;
use crate::t;

pub async fn offer(turn: &mut Turn<'_>, about: ImpulseAbout, title: String) -> Step {
    let member = turn.active_member()?;
    let lang = turn.lang;
    let (topic, event, about_text) = match about {
        ImpulseAbout::Topic(id) => match turn.tx.topic(id).await? {
            Some(topic) => (Some(id), None, format!("T{id} {}", topic.title)),
            None => {
                return Err(Failure::Refused(RichText::plain(t!(
                    lang,
                    "topic-unknown",
                    id = id
                ))));
            }
        },
        ImpulseAbout::Event(id) => {
            let event = found(turn, id).await?;
            (
                None,
                Some(id),
                t!(lang, "event-number", id = id.0) + " " + &event.title,
            )
        }
        ImpulseAbout::Meetups => (None, None, t!(lang, "impulse-for-meetups")),
    };
    let item = AgendaItem {
        topic,
        event,
        ..AgendaItem::offered(
            AgendaKind::Impulse,
            member.id,
            turn.sender().clone(),
            title,
            turn.now,
        )
    };
    let number = turn.tx.insert_agenda_item(&item).await?;
    turn.audit(
        "agenda.offer",
        Some(number.to_string()),
        serde_json::json!({ "topic": topic, "event": event.map(|e| e.0) }),
    )
    .await?;
    let accept_on = event.map_or("N".to_string(), |e| e.0.to_string());
    turn.reply(RichText::plain(t!(
        lang,
        "impulse-offered",
        id = number,
        title = item.title.as_str(),
        about = &about_text,
        event = &accept_on
    )));
    Ok(())
}

/// `/impuls`: what is on offer, for organisers to pick from.
pub async fn list(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    let lang = turn.lang;
    let open = turn.tx.open_impulses().await?;
    if open.is_empty() {
        turn.reply(RichText::plain(t!(lang, "impulses-none")));
        return Ok(());
    }
    let mut text = RichText::default().bold(t!(lang, "impulses-title"));
    for item in open.iter().take(LIST_MAX) {
        let speaker = match turn.tx.member(item.member).await? {
            Some(m) if m.is_active() => m.display_name,
            _ => "–".to_string(),
        };
        let mut line = format!("\n• #{}: {} – {speaker}", item.id, item.title);
        if let Some(topic) = item.topic {
            line.push_str(&format!(" · T{topic}"));
        }
        if let Some(event) = item.event {
            line.push_str(&format!(" · {}", t!(lang, "event-number", id = event.0)));
        }
        text = text.text(line);
    }
    if open.len() > LIST_MAX {
        text = text.line(t!(lang, "events-more", count = open.len() - LIST_MAX));
    }
    text = text.line(t!(lang, "impulses-hint"));
    turn.reply(text);
    Ok(())
}

const LIST_MAX: usize = 15;

/// `/impuls zurueckziehen 3`: the speaker, or an organiser.
pub async fn withdraw(turn: &mut Turn<'_>, number: i64) -> Step {
    let member = turn.active_member()?;
    let item = known_item(turn, number).await?;
    if item.member != member.id && !turn.has_role(Role::Organiser) {
        return Err(turn.refuse("impulse-not-yours"));
    }
    turn.tx.withdraw_agenda_item(number, turn.now).await?;
    turn.audit(
        "agenda.withdraw",
        Some(number.to_string()),
        serde_json::json!({}),
    )
    .await?;
    if let (Some(event), Some(day)) = (item.event, item.occurrence)
        && let Some(event) = turn.tx.event(event).await?
    {
        let exceptions = turn.tx.exceptions(event.id).await?;
        if let Some(occurrence) = event.schedule.occurrence(day, &exceptions) {
            super::events::refresh_cards(turn, &event, &occurrence).await?;
        }
    }
    turn.reply(RichText::plain(t!(
        turn.lang,
        "impulse-withdrawn",
        id = number,
        title = item.title.as_str()
    )));
    Ok(())
}
