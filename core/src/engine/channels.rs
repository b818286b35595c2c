//! Alliance channels: the group chats and rooms that announcements and reminders go to.
//! Confidential channels must be end-to-end encrypted.

use chrono::{DateTime, Utc};

use super::EngineConfig;
use super::turn::{Step, Turn};
use crate::domain::{Lang, MemberId, PlatformIdentity};
use crate::message::{BotStatus, Outgoing, RichText, Target};
use crate::store::{AuditEntry, Channel, StoreError, StoreTx};
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
        unreachable_since: None,
        region: None,
        events: false,
    };
    turn.tx.connect_channel(&channel).await?;
    turn.audit(
        "channel.connect",
        Some(format!("{}:{}", chat.platform, chat.id)),
        serde_json::json!({ "confidential": confidential }),
    )
    .await?;
    // What it receives now (a channel connected again keeps its region and events).
    let channel = turn
        .tx
        .channel(chat.platform, &chat.id)
        .await?
        .unwrap_or(channel);
    let text = RichText::plain(t!(turn.lang, "channel-connected"))
        .line(receives(turn.lang, &channel).to_plain());
    turn.reply(text);
    Ok(())
}

/// What a channel receives, as its members are told (`/kanal`, and after connecting).
fn receives(lang: crate::domain::Lang, channel: &Channel) -> RichText {
    let mut text = RichText::plain(if channel.confidential {
        t!(lang, "channel-is-confidential")
    } else {
        t!(lang, "channel-is-connected")
    });
    if let Some(region) = &channel.region {
        text = text.line(t!(
            lang,
            "channel-receives-region",
            region = region.as_str()
        ));
    }
    text = text.line(if channel.events {
        t!(lang, "channel-receives-events")
    } else {
        t!(lang, "channel-no-events")
    });
    text.line(t!(lang, "channel-receives-reminders"))
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

/// Puts this channel into a region (`None`: out of any), for announcements to a region.
pub async fn set_region(turn: &mut Turn<'_>, region: Option<String>) -> Step {
    let chat = turn.incoming.chat.clone();
    if chat.is_private {
        return Err(turn.refuse("channel-private"));
    }
    if !turn
        .tx
        .set_channel_region(chat.platform, &chat.id, region.as_deref())
        .await?
    {
        return Err(turn.refuse("channel-not-connected"));
    }
    turn.audit(
        "channel.region",
        Some(format!("{}:{}", chat.platform, chat.id)),
        serde_json::json!({ "region": region }),
    )
    .await?;
    let text = match &region {
        Some(region) => t!(turn.lang, "channel-region-set", region = region.as_str()),
        None => t!(turn.lang, "channel-region-cleared"),
    };
    turn.reply(RichText::plain(text));
    Ok(())
}

/// Whether this channel gets the card of every new public event.
pub async fn set_events(turn: &mut Turn<'_>, on: bool) -> Step {
    let chat = turn.incoming.chat.clone();
    if chat.is_private {
        return Err(turn.refuse("channel-private"));
    }
    if !turn
        .tx
        .set_channel_events(chat.platform, &chat.id, on)
        .await?
    {
        return Err(turn.refuse("channel-not-connected"));
    }
    turn.audit(
        "channel.events",
        Some(format!("{}:{}", chat.platform, chat.id)),
        serde_json::json!({ "on": on }),
    )
    .await?;
    let key = if on {
        "channel-events-on"
    } else {
        "channel-events-off"
    };
    turn.reply(RichText::plain(crate::i18n::tr(turn.lang, key, &[])));
    Ok(())
}

pub async fn show(turn: &mut Turn<'_>) -> Step {
    let chat = turn.incoming.chat.clone();
    if chat.is_private {
        return Err(turn.refuse("channel-private"));
    }
    let lang = turn.lang;
    let Some(channel) = turn.tx.channel(chat.platform, &chat.id).await? else {
        turn.reply(RichText::plain(t!(lang, "channel-is-not-connected")));
        return Ok(());
    };
    turn.reply(receives(lang, &channel));
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
        if let Some(region) = &c.region {
            text = text.text(format!(
                " – {}",
                t!(lang, "channels-region", region = region.as_str())
            ));
        }
        if c.confidential {
            text = text.text(format!(" – {}", t!(lang, "channels-confidential")));
        }
        if c.unreachable_since.is_some() {
            text = text.text(format!(" – {}", t!(lang, "channels-unreachable")));
        }
    }
    turn.reply(text);
    Ok(())
}

/// The chat got a new id: its channel and polls move along.
pub async fn moved(turn: &mut Turn<'_>, new_id: &str) -> Step {
    let chat = turn.incoming.chat.clone();
    if turn.tx.move_chat(chat.platform, &chat.id, new_id).await? {
        turn.audit(
            "channel.move",
            Some(format!("{}:{}", chat.platform, chat.id)),
            serde_json::json!({ "new_id": new_id }),
        )
        .await?;
    }
    Ok(())
}

/// The bot was added to, promoted or demoted in, or removed from a chat.
pub async fn bot_membership(turn: &mut Turn<'_>, status: BotStatus, joined: bool) -> Step {
    let chat = turn.incoming.chat.clone();
    if status == BotStatus::Removed {
        if let Some(channel) = turn.tx.channel(chat.platform, &chat.id).await? {
            let (audit, notices) =
                mark_unreachable(&mut *turn.tx, &channel, turn.config, turn.now, "removed").await?;
            if let Some(audit) = audit {
                turn.audit(audit.action, audit.subject, audit.details)
                    .await?;
                turn.outgoing.extend(notices);
            }
        }
        return Ok(());
    }
    if chat.is_private {
        return Ok(());
    }
    // Back in a connected group: it receives announcements again.
    if turn
        .tx
        .set_channel_reachable(chat.platform, &chat.id, true, turn.now)
        .await?
    {
        turn.audit(
            "channel.reachable",
            Some(format!("{}:{}", chat.platform, chat.id)),
            serde_json::json!({}),
        )
        .await?;
    }
    let lang = turn.lang;
    let text = match (status, joined) {
        (BotStatus::Member, true) => t!(lang, "bot-welcome-group"),
        (BotStatus::MemberWithoutReactions, true) => format!(
            "{} {}",
            t!(lang, "bot-welcome-group"),
            t!(lang, "bot-needs-admin")
        ),
        (BotStatus::MemberWithoutReactions, false) => t!(lang, "bot-needs-admin"),
        (BotStatus::Member, false) => t!(lang, "bot-sees-reactions"),
        (BotStatus::Removed, _) => return Ok(()),
    };
    turn.outgoing
        .push(Outgoing::new(Target::Chat { chat }, RichText::plain(text)));
    Ok(())
}

/// Marks a connected chat unreachable and, if that is news, tells the organiser who connected
/// it (or the configured admins) privately. Returns the audit row and the messages to queue.
pub(super) async fn mark_unreachable(
    tx: &mut dyn StoreTx,
    channel: &Channel,
    config: &EngineConfig,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<(Option<AuditEntry>, Vec<Outgoing>), StoreError> {
    if !tx
        .set_channel_reachable(channel.platform, &channel.chat_id, false, now)
        .await?
    {
        return Ok((None, Vec::new()));
    }
    let audit = AuditEntry {
        at: now,
        actor: None,
        action: "channel.unreachable",
        subject: Some(format!("{}:{}", channel.platform, channel.chat_id)),
        details: serde_json::json!({ "reason": reason }),
    };
    let mut notices = Vec::new();
    for (identity, lang) in organisers_to_tell(tx, channel, config).await? {
        let text = t!(
            lang,
            "channel-unreachable-notice",
            title = &channel.title,
            platform = channel.platform.as_str()
        );
        notices.push(Outgoing::new(
            Target::Direct { identity },
            RichText::plain(text),
        ));
    }
    Ok((Some(audit), notices))
}

/// Who hears about a lost channel: the organiser who connected it, reached on the same
/// messenger if possible; if they are gone, the configured admins.
async fn organisers_to_tell(
    tx: &mut dyn StoreTx,
    channel: &Channel,
    config: &EngineConfig,
) -> Result<Vec<(PlatformIdentity, Lang)>, StoreError> {
    if let Some(id) = channel.connected_by
        && let Some(found) = reachable_identity(tx, id, channel).await?
    {
        return Ok(vec![found]);
    }
    let mut out = Vec::new();
    for admin in &config.admins {
        let lang = match tx.member_by_identity(admin).await? {
            Some(m) => m.lang,
            None => Lang::De,
        };
        out.push((admin.clone(), lang));
    }
    Ok(out)
}

async fn reachable_identity(
    tx: &mut dyn StoreTx,
    id: MemberId,
    channel: &Channel,
) -> Result<Option<(PlatformIdentity, Lang)>, StoreError> {
    let Some(member) = tx.member(id).await? else {
        return Ok(None);
    };
    if !member.is_active() {
        return Ok(None);
    }
    let identities = tx.identities(id).await?;
    let same_platform = identities
        .iter()
        .find(|l| l.identity.platform() == channel.platform);
    Ok(same_platform
        .or(identities.first())
        .map(|l| (l.identity.clone(), member.lang)))
}
