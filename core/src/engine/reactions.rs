//! Reactions on messages, kept per person; on a poll's message 1️⃣ 2️⃣ … are choices, on an
//! event's card ✅ 🤔 ❌ are answers.

use super::turn::{Step, Turn};
use crate::store::NewReaction;

/// Who reacted: the member (so linked accounts are one person), or the account.
fn person(turn: &Turn<'_>) -> String {
    match &turn.member {
        Some(m) => format!("m:{}", m.id.0),
        None => turn.sender().to_string(),
    }
}

pub async fn added(
    turn: &mut Turn<'_>,
    message_id: &str,
    key: &str,
    reaction_id: Option<&str>,
) -> Step {
    let person = person(turn);
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
    let Some(slot) = live_slot(turn, message_id).await? else {
        return Ok(());
    };
    super::polls::reaction_added(turn, &slot, key).await?;
    super::rsvp::reaction_added(turn, &slot, key).await
}

/// The stored live key of the bot's message (a poll, an event card), if it is one: looked up
/// once, each feature reads its own keys from it.
async fn live_slot(turn: &mut Turn<'_>, message_id: &str) -> Step<Option<String>> {
    let platform = turn.incoming.platform();
    Ok(turn.tx.live_key_of(platform, message_id).await?)
}

pub async fn removed(
    turn: &mut Turn<'_>,
    reaction_id: Option<&str>,
    message_id: Option<&str>,
    key: Option<&str>,
) -> Step {
    let platform = turn.incoming.platform();
    let taken_back = if let Some(id) = reaction_id {
        turn.tx.remove_reaction_by_id(platform, id).await?
    } else if let (Some(message_id), Some(key)) = (message_id, key) {
        let person = person(turn);
        turn.tx
            .remove_reactions(platform, message_id, key, &person)
            .await?;
        Some((message_id.to_string(), key.to_string()))
    } else {
        None
    };
    match taken_back {
        Some((message_id, key)) => {
            let Some(slot) = live_slot(turn, &message_id).await? else {
                return Ok(());
            };
            super::polls::reaction_removed(turn, &slot, &key).await?;
            super::rsvp::reaction_removed(turn, &slot, &key).await
        }
        None => Ok(()),
    }
}
