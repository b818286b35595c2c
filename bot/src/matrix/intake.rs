//! From a Matrix sync response to `Incoming` events, in timeline order.

use allianz_core::domain::{GeoPoint, Platform, PlatformIdentity};
use allianz_core::message::{ChatRef, Incoming, IncomingKind};
use chrono::{DateTime, Utc};
use matrix_sdk::Room;
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::MessageType;
use matrix_sdk::ruma::events::room::redaction::SyncRoomRedactionEvent;
use matrix_sdk::ruma::events::{
    AnySyncMessageLikeEvent, AnySyncStateEvent, AnySyncTimelineEvent, SyncMessageLikeEvent,
    SyncStateEvent,
};
use matrix_sdk::ruma::{MilliSecondsSinceUnixEpoch, UserId};

/// Who the bot is, to recognise its own events and mentions of it.
pub struct Me {
    pub user_id: matrix_sdk::ruma::OwnedUserId,
    pub display_name: Option<String>,
}

pub fn identity(user: &UserId) -> Option<PlatformIdentity> {
    PlatformIdentity::parse(&format!("matrix:{user}")).ok()
}

fn time(ts: MilliSecondsSinceUnixEpoch) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(i64::from(ts.get())).unwrap_or_else(Utc::now)
}

/// Removes the quoted fallback of a reply (`> <@x> …` lines and the blank line after them).
fn strip_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    match body.find("\n\n") {
        Some(i) => &body[i + 2..],
        None => body,
    }
}

/// `@bot: hilfe` or `Allianz-Bot: hilfe` is the command `!hilfe`; other text stays as it is.
fn as_command(body: &str, me: &Me) -> String {
    let trimmed = body.trim_start();
    let mut names = vec![me.user_id.to_string(), me.user_id.localpart().to_string()];
    if let Some(name) = &me.display_name {
        names.push(name.clone());
    }
    for name in names {
        let Some(head) = trimmed.get(..name.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(&name) {
            continue;
        }
        let rest = &trimmed[name.len()..];
        if let Some(rest) = rest.strip_prefix([':', ',']) {
            let rest = rest.trim_start();
            if rest.starts_with(['!', '/']) {
                return rest.to_string();
            }
            return format!("!{rest}");
        }
    }
    body.to_string()
}

/// Whether a room is a private chat: marked direct *and* holding exactly the bot and one
/// person (joined or invited). matrix-sdk's own notion of a direct room ignores the member
/// count, so a direct chat that gained members – or a group joined from an `is_direct`
/// invite – would otherwise receive codes, data exports and attendee names.
pub async fn is_private(room: &Room) -> bool {
    if !room.is_direct().await.unwrap_or(false) {
        return false;
    }
    // The member list from the synced state (the bot does not lazy-load members); the
    // summary's counts are not sent by every homeserver.
    room.members_no_sync(matrix_sdk::RoomMemberships::ACTIVE)
        .await
        .is_ok_and(|members| members.len() == 2)
}

/// Whether a bridge (mautrix-signal, mautrix-whatsapp, …) carries the room to another
/// network: bridges announce themselves with an `m.bridge` state event (MSC2346; older ones
/// as `uk.half-shot.bridge`). The bridge reads every message in the clear on its server, so
/// such a room is not end-to-end encrypted between the people in it, whatever its Matrix
/// encryption: never a confidential channel.
pub async fn is_bridged(room: &Room) -> bool {
    for kind in ["m.bridge", "uk.half-shot.bridge"] {
        let found = room.get_state_events(kind.into()).await;
        // Unreadable state: assume a bridge rather than promise confidentiality.
        if found.map_or(true, |events| !events.is_empty()) {
            return true;
        }
    }
    false
}

/// The events of one room's timeline that the engine should see. Events before the bot's own
/// join in the same timeline are history from before it was there: never answered.
pub async fn room_events(room: &Room, events: &[TimelineEvent], me: &Me) -> Vec<Incoming> {
    let is_private = is_private(room).await;
    let encrypted = room
        .latest_encryption_state()
        .await
        .is_ok_and(|state| state.is_encrypted())
        && !is_bridged(room).await;
    let chat = ChatRef {
        platform: Platform::Matrix,
        id: room.room_id().to_string(),
        is_private,
        encrypted,
        title: room.name(),
    };
    let start = events
        .iter()
        .rposition(|ev| is_own_join(ev, me))
        .map(|i| i + 1)
        .unwrap_or(0);
    let mut out = Vec::new();
    for ev in &events[start..] {
        let Ok(event) = ev.raw().deserialize() else {
            continue;
        };
        if event.sender() == me.user_id {
            continue;
        }
        let Some(sender) = identity(event.sender()) else {
            continue;
        };
        let kind = match &event {
            AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::RoomMessage(
                SyncMessageLikeEvent::Original(m),
            )) => match &m.content.msgtype {
                MessageType::Text(text) => IncomingKind::Text {
                    text: as_command(strip_reply_fallback(&text.body), me),
                },
                // `geo:50.6098,10.6934;u=35` (RFC 5870).
                MessageType::Location(pin) => match GeoPoint::parse(&pin.geo_uri) {
                    Some(point) => IncomingKind::location(point),
                    None => continue,
                },
                _ => continue,
            },
            AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::Reaction(
                SyncMessageLikeEvent::Original(r),
            )) => IncomingKind::ReactionAdded {
                message_id: r.content.relates_to.event_id.to_string(),
                key: r.content.relates_to.key.clone(),
                reaction_id: Some(r.event_id.to_string()),
            },
            // Taking a reaction back is a redaction of the reaction event.
            AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::RoomRedaction(
                SyncRoomRedactionEvent::Original(r),
            )) => match r.redacts.clone().or_else(|| r.content.redacts.clone()) {
                Some(redacted) => IncomingKind::ReactionRemoved {
                    reaction_id: Some(redacted.to_string()),
                    message_id: None,
                    key: None,
                },
                None => continue,
            },
            AnySyncTimelineEvent::State(AnySyncStateEvent::RoomMember(
                SyncStateEvent::Original(m),
            )) => match m.content.membership {
                MembershipState::Join if m.state_key == *event.sender() => {
                    IncomingKind::MemberJoined
                }
                MembershipState::Leave if m.state_key == *event.sender() => {
                    IncomingKind::MemberLeft
                }
                _ => continue,
            },
            AnySyncTimelineEvent::MessageLike(AnySyncMessageLikeEvent::RoomEncrypted(_)) => {
                tracing::warn!(event = %event.event_id(), room = %room.room_id(), "could not decrypt");
                continue;
            }
            _ => continue,
        };
        let sender_name = room
            .get_member_no_sync(event.sender())
            .await
            .ok()
            .flatten()
            .and_then(|m| m.display_name().map(str::to_string))
            .or_else(|| Some(event.sender().localpart().to_string()));
        out.push(Incoming {
            event_id: event.event_id().to_string(),
            chat: chat.clone(),
            sender,
            sender_name,
            sender_handle: None,
            at: time(event.origin_server_ts()),
            kind,
        });
    }
    out
}

fn is_own_join(ev: &TimelineEvent, me: &Me) -> bool {
    matches!(
        ev.raw().deserialize(),
        Ok(AnySyncTimelineEvent::State(AnySyncStateEvent::RoomMember(SyncStateEvent::Original(m))))
            if m.state_key == me.user_id && m.content.membership == MembershipState::Join
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Me {
        Me {
            user_id: "@allianz:example.org".try_into().unwrap(),
            display_name: Some("Allianz-Bot".into()),
        }
    }

    #[test]
    fn mentions_become_commands() {
        assert_eq!(as_command("@allianz:example.org: hilfe", &me()), "!hilfe");
        assert_eq!(
            as_command("Allianz-Bot: initiativen Suhl", &me()),
            "!initiativen Suhl"
        );
        assert_eq!(as_command("allianz, !ich", &me()), "!ich");
        assert_eq!(as_command("Hallo zusammen", &me()), "Hallo zusammen");
        assert_eq!(
            as_command("Allianz-Botschaft: hm", &me()),
            "Allianz-Botschaft: hm"
        );
    }

    #[test]
    fn reply_fallbacks_are_removed() {
        assert_eq!(
            strip_reply_fallback("> <@a:b> alt\n> zwei\n\n!hilfe"),
            "!hilfe"
        );
        assert_eq!(strip_reply_fallback("!hilfe"), "!hilfe");
    }
}
