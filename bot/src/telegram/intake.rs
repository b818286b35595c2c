//! From Telegram updates to `Incoming` events.
//!
//! The inbox key of every event starts with the update's `update_id`, which Telegram never
//! reuses. Messages add `#<message id>` so a reply can name the message it answers; a
//! reaction update may change several reactions at once and adds `+key` / `-key` per change.

use std::collections::BTreeSet;

use allianz_core::domain::{GeoPoint, Platform, PlatformIdentity};
use allianz_core::message::{BotStatus, ChatRef, Incoming, IncomingKind};
use teloxide::types::{
    Chat, ChatMemberUpdated, MessageReactionUpdated, ReactionType, Update, UpdateKind, User,
};

/// The bot's own account, to skip its own messages.
#[derive(Debug, Clone)]
pub struct Me {
    pub id: teloxide::types::UserId,
}

pub fn identity(user: &User) -> Option<PlatformIdentity> {
    PlatformIdentity::parse(&format!("telegram:{}", user.id.0)).ok()
}

fn chat_ref(chat: &Chat) -> ChatRef {
    ChatRef {
        platform: Platform::Telegram,
        id: chat.id.0.to_string(),
        is_private: chat.is_private(),
        // Telegram groups are never end-to-end encrypted, so never confidential channels.
        encrypted: false,
        title: chat
            .title()
            .map(str::to_string)
            .or_else(|| chat.username().map(|u| format!("@{u}"))),
    }
}

fn name(user: &User) -> Option<String> {
    let full = user.full_name();
    if full.trim().is_empty() {
        user.username.clone()
    } else {
        Some(full)
    }
}

/// The message id a reply to this event should quote, from its inbox key.
pub fn message_id_of(event_id: &str) -> Option<i32> {
    event_id.split_once('#')?.1.parse().ok()
}

/// The events one update carries (usually one; none for what the bot ignores).
pub fn events(update: &Update, me: &Me) -> Vec<Incoming> {
    let update_id = update.id.0;
    match &update.kind {
        UpdateKind::Message(message) => {
            let Some(from) = message.from.as_ref() else {
                return Vec::new();
            };
            if from.is_bot {
                return Vec::new();
            }
            let kind = if let Some(new_chat) = message.migrate_to_chat_id() {
                IncomingKind::ChatMoved {
                    new_id: new_chat.0.to_string(),
                }
            } else if let Some(text) = message.text() {
                IncomingKind::Text {
                    text: text.to_string(),
                }
            } else if let Some(at) = message.location() {
                match GeoPoint::new(at.latitude, at.longitude) {
                    Some(point) => IncomingKind::location(point),
                    None => return Vec::new(),
                }
            } else {
                return Vec::new();
            };
            let Some(sender) = identity(from) else {
                return Vec::new();
            };
            vec![Incoming {
                event_id: format!("{update_id}#{}", message.id.0),
                chat: chat_ref(&message.chat),
                sender,
                sender_name: name(from),
                sender_handle: from.username.clone(),
                at: message.date,
                kind,
            }]
        }
        UpdateKind::CallbackQuery(query) => {
            let (Some(message), Some(data), Some(sender)) = (
                query.message.as_ref(),
                query.data.as_ref(),
                identity(&query.from),
            ) else {
                return Vec::new();
            };
            vec![Incoming {
                event_id: format!("{update_id}#{}", message.id().0),
                chat: chat_ref(message.chat()),
                sender,
                sender_name: name(&query.from),
                sender_handle: query.from.username.clone(),
                at: chrono::Utc::now(),
                kind: IncomingKind::ButtonPressed {
                    message_id: message.id().0.to_string(),
                    data: data.clone(),
                },
            }]
        }
        UpdateKind::MessageReaction(reaction) => reactions(update_id, reaction),
        UpdateKind::MyChatMember(change) => {
            bot_membership(update_id, change, me).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

fn reaction_key(reaction: &ReactionType) -> Option<String> {
    match reaction {
        ReactionType::Emoji { emoji } => Some(emoji.clone()),
        ReactionType::CustomEmoji { custom_emoji_id } => {
            Some(format!("custom:{}", custom_emoji_id.0))
        }
        ReactionType::Paid => None,
    }
}

/// Telegram sends a person's whole reaction list before and after; the difference is what
/// was added and taken back.
fn reactions(update_id: u32, update: &MessageReactionUpdated) -> Vec<Incoming> {
    // Anonymous group admins react as the group: there is no person to count.
    let Some(user) = update.user() else {
        return Vec::new();
    };
    let Some(sender) = identity(user) else {
        return Vec::new();
    };
    let old: BTreeSet<String> = update
        .old_reaction
        .iter()
        .filter_map(reaction_key)
        .collect();
    let new: BTreeSet<String> = update
        .new_reaction
        .iter()
        .filter_map(reaction_key)
        .collect();
    let message_id = update.message_id.0.to_string();
    let event = |sign: char, key: &str, kind: IncomingKind| Incoming {
        event_id: format!("{update_id}{sign}{key}"),
        chat: chat_ref(&update.chat),
        sender: sender.clone(),
        sender_name: name(user),
        sender_handle: user.username.clone(),
        at: update.date,
        kind,
    };
    let removed = old.difference(&new).map(|key| {
        event(
            '-',
            key,
            IncomingKind::ReactionRemoved {
                reaction_id: None,
                message_id: Some(message_id.clone()),
                key: Some(key.clone()),
            },
        )
    });
    let added = new.difference(&old).map(|key| {
        event(
            '+',
            key,
            IncomingKind::ReactionAdded {
                message_id: message_id.clone(),
                key: key.clone(),
                reaction_id: None,
            },
        )
    });
    removed.chain(added).collect()
}

fn bot_membership(update_id: u32, change: &ChatMemberUpdated, me: &Me) -> Option<Incoming> {
    if change.new_chat_member.user.id != me.id {
        return None;
    }
    let sender = identity(&change.from)?;
    let chat = chat_ref(&change.chat);
    let new = &change.new_chat_member.kind;
    let status = if !new.is_present() {
        BotStatus::Removed
    } else if chat.is_private || new.is_privileged() {
        BotStatus::Member
    } else {
        // In groups, Telegram shows reactions only to administrators.
        BotStatus::MemberWithoutReactions
    };
    let was_present = change.old_chat_member.kind.is_present();
    // Promotion and demotion both keep the bot in the chat; only a change of what it sees
    // is worth an event.
    if was_present
        && status != BotStatus::Removed
        && change.old_chat_member.kind.is_privileged() == new.is_privileged()
    {
        return None;
    }
    Some(Incoming {
        event_id: update_id.to_string(),
        chat,
        sender,
        sender_name: name(&change.from),
        sender_handle: change.from.username.clone(),
        at: change.date,
        kind: IncomingKind::BotMembership {
            status,
            joined: !was_present,
        },
    })
}
