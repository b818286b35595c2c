//! Reactions on the bot's live messages, kept per person; on a poll's message 1️⃣ 2️⃣ … are
//! choices, on an event's card ✅ 🤔 ❌ are answers, on a topic's card 👍 is a point. Reactions on anyone else's messages are
//! none of the bot's business and are not stored.

use super::turn::{Step, Turn};
use crate::domain::keys::LiveKey;
use crate::store::NewReaction;

pub async fn added(
    turn: &mut Turn<'_>,
    message_id: &str,
    key: &str,
    reaction_id: Option<&str>,
) -> Step {
    let Some(live) = live_key(turn, message_id).await? else {
        return Ok(());
    };
    let person = turn.person();
    // Platforms without reaction ids (Telegram) have one reaction per person, message and key.
    let reaction_id = reaction_id
        .map(str::to_string)
        .unwrap_or_else(|| format!("{message_id}|{key}|{person}"));
    let reaction = NewReaction {
        platform: turn.incoming.platform(),
        reaction_id,
        chat_id: turn.incoming.chat.id.clone(),
        message_id: message_id.to_string(),
        key: key.to_string(),
        person,
        at: turn.now,
    };
    turn.tx.add_reaction(&reaction).await?;
    match live {
        LiveKey::Poll(poll) => super::polls::reaction_added(turn, poll, key).await,
        LiveKey::Ballot(application) => super::budget::reaction_added(turn, application, key).await,
        LiveKey::Topic(topic) => super::topics::reaction(turn, topic, key, true).await,
        LiveKey::Question(question) => super::questions::reaction(turn, question, key, true).await,
        LiveKey::EventCard { event, occurrence }
        | LiveKey::EventReminder {
            event, occurrence, ..
        } => super::rsvp::reaction_added(turn, event, occurrence, key).await,
    }
}

/// What the bot's message in this chat is kept up to date for, if it is a live message.
async fn live_key(turn: &mut Turn<'_>, message_id: &str) -> Step<Option<LiveKey>> {
    let platform = turn.incoming.platform();
    let chat = turn.incoming.chat.id.clone();
    let slot = turn.tx.live_key_of(platform, &chat, message_id).await?;
    Ok(slot.as_deref().and_then(LiveKey::parse))
}

pub async fn removed(
    turn: &mut Turn<'_>,
    reaction_id: Option<&str>,
    message_id: Option<&str>,
    key: Option<&str>,
) -> Step {
    let platform = turn.incoming.platform();
    let person = turn.person();
    let chat = turn.incoming.chat.id.clone();
    let taken_back = if let Some(id) = reaction_id {
        turn.tx
            .remove_reaction_by_id(platform, id, &person)
            .await?
            .filter(|(in_chat, _, _)| *in_chat == chat)
            .map(|(_, message_id, key)| (message_id, key))
    } else if let (Some(message_id), Some(key)) = (message_id, key) {
        // Telegram names the person's own reaction list: it is theirs to take back.
        turn.tx
            .remove_reactions(platform, &chat, message_id, key, &person)
            .await?;
        Some((message_id.to_string(), key.to_string()))
    } else {
        None
    };
    let Some((message_id, key)) = taken_back else {
        return Ok(());
    };
    match live_key(turn, &message_id).await? {
        Some(LiveKey::Poll(poll)) => super::polls::reaction_removed(turn, poll, &key).await,
        Some(LiveKey::Ballot(application)) => {
            super::budget::reaction_removed(turn, application, &key).await
        }
        Some(
            LiveKey::EventCard { event, occurrence }
            | LiveKey::EventReminder {
                event, occurrence, ..
            },
        ) => super::rsvp::reaction_removed(turn, event, occurrence, &key).await,
        Some(LiveKey::Topic(topic)) => super::topics::reaction(turn, topic, &key, false).await,
        Some(LiveKey::Question(question)) => {
            super::questions::reaction(turn, question, &key, false).await
        }
        None => Ok(()),
    }
}
