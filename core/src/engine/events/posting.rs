//! Posting an occurrence's card and editing the cards already out.

use super::cards::{CardKind, render};
use super::lookup::next_occurrence;
use crate::domain::keys::LiveKey;
use crate::domain::{Event, Visibility};
use crate::engine::turn::{Step, Turn};
use crate::message::{ChatRef, Outgoing, Target};
use crate::schedule::Occurrence;

/// Posts (or, if it is there already, updates) the card of an occurrence.
pub async fn post_card(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    target: Target,
    reply_to: Option<String>,
) -> Step {
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let plan = super::programme::date_plan(&mut *turn.tx, event.id, occurrence.key).await?;
    let (body, buttons) = render(
        event.lang,
        event,
        occurrence,
        &rsvps,
        &plan,
        CardKind::Card,
        turn.now,
    );
    let mut message = Outgoing::new(target, body);
    message.buttons = buttons;
    message.reply_to = reply_to;
    message.sensitivity = event.visibility.sensitivity();
    message.live_key = Some(CardKind::Card.key(event, occurrence.key).to_string());
    turn.outgoing.push(message);
    Ok(())
}

/// A public event's card also goes to every channel that shows new events (`/kanal termine
/// an`), except where the event is announced already.
pub async fn post_to_events_channels(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
) -> Step {
    if event.visibility != Visibility::Public || event.held {
        return Ok(());
    }
    let mut there = turn.tx.event_channels(event.id).await?;
    there.push(event.chat.clone());
    for channel in turn.tx.channels().await? {
        let already = there
            .iter()
            .any(|c| c.platform == channel.platform && c.id == channel.chat_id);
        if !channel.events || channel.unreachable_since.is_some() || already {
            continue;
        }
        let chat = ChatRef {
            platform: channel.platform,
            id: channel.chat_id,
            is_private: false,
            encrypted: channel.confidential,
            title: Some(channel.title),
        };
        post_card(turn, event, occurrence, Target::Chat { chat }, None).await?;
    }
    Ok(())
}

/// Renders every card and group reminder of an occurrence anew (edited in place).
pub async fn refresh_cards(turn: &mut Turn<'_>, event: &Event, occurrence: &Occurrence) -> Step {
    let prefix = event.live_prefix(occurrence.key);
    let messages = turn.tx.live_messages(&prefix).await?;
    if messages.is_empty() {
        return Ok(());
    }
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let plan = super::programme::date_plan(&mut *turn.tx, event.id, occurrence.key).await?;
    for old in messages {
        let Some(key) = old.live_key.clone() else {
            continue;
        };
        let Some(kind) = LiveKey::parse(&key).and_then(CardKind::of_key) else {
            continue;
        };
        let (body, buttons) = render(event.lang, event, occurrence, &rsvps, &plan, kind, turn.now);
        let mut message = Outgoing::new(old.target.clone(), body);
        message.buttons = buttons;
        message.sensitivity = event.visibility.sensitivity();
        message.live_key = Some(key);
        turn.outgoing.push(message);
    }
    Ok(())
}

pub(super) async fn refresh_upcoming(turn: &mut Turn<'_>, event: &Event) -> Step {
    let exceptions = turn.tx.exceptions(event.id).await?;
    if let Some(next) = next_occurrence(
        event,
        &exceptions,
        turn.now,
        turn.config.events.default_length,
    ) {
        refresh_cards(turn, event, &next).await?;
    }
    Ok(())
}
