//! Alliance channels: the group chats and rooms that announcements and reminders go to.
//! Confidential channels must be end-to-end encrypted.

use super::turn::{Step, Turn};
use crate::message::RichText;
use crate::store::Channel;
use crate::t;

fn title(turn: &Turn<'_>) -> String {
    turn.incoming
        .chat
        .title
        .clone()
        .unwrap_or_else(|| turn.incoming.chat.id.clone())
}

pub async fn connect(turn: &mut Turn<'_>, confidential: bool) -> Step {
    let member = turn.active_member()?;
    let chat = turn.incoming.chat.clone();
    if chat.is_private {
        return Err(turn.refuse("channel-private"));
    }
    if confidential && !chat.encrypted {
        return Err(turn.refuse("channel-not-encrypted"));
    }
    let channel = Channel {
        platform: chat.platform,
        chat_id: chat.id.clone(),
        title: title(turn),
        confidential,
        connected_by: Some(member.id),
        connected_at: turn.now,
    };
    turn.tx.connect_channel(&channel).await?;
    turn.audit(
        "channel.connect",
        Some(format!("{}:{}", chat.platform, chat.id)),
        serde_json::json!({ "confidential": confidential }),
    )
    .await?;
    let key = if confidential {
        "channel-connected-confidential"
    } else {
        "channel-connected"
    };
    turn.reply(RichText::plain(crate::i18n::tr(turn.lang, key, &[])));
    Ok(())
}

pub async fn disconnect(turn: &mut Turn<'_>) -> Step {
    let chat = turn.incoming.chat.clone();
    if !turn.tx.disconnect_channel(chat.platform, &chat.id).await? {
        return Err(turn.refuse("channel-not-connected"));
    }
    turn.audit(
        "channel.disconnect",
        Some(format!("{}:{}", chat.platform, chat.id)),
        serde_json::json!({}),
    )
    .await?;
    turn.reply(RichText::plain(t!(turn.lang, "channel-disconnected")));
    Ok(())
}

pub async fn show(turn: &mut Turn<'_>) -> Step {
    let chat = turn.incoming.chat.clone();
    let key = match turn.tx.channel(chat.platform, &chat.id).await? {
        Some(c) if c.confidential => "channel-is-confidential",
        Some(_) => "channel-is-connected",
        None => "channel-is-not-connected",
    };
    turn.reply(RichText::plain(crate::i18n::tr(turn.lang, key, &[])));
    Ok(())
}

pub async fn list(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    let channels = turn.tx.channels().await?;
    if channels.is_empty() {
        turn.reply(RichText::plain(t!(lang, "channels-none")));
        return Ok(());
    }
    let mut text = RichText::default().bold(t!(lang, "channels-title"));
    for c in &channels {
        text = text.text(format!("\n• {} ({})", c.title, c.platform));
        if c.confidential {
            text = text.text(format!(" – {}", t!(lang, "channels-confidential")));
        }
    }
    turn.reply(text);
    Ok(())
}
