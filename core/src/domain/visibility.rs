//! Who may see an item (an event, a poll; later applications, announcements, topics,
//! questions). One function decides it for every path – lists, cards, commands, reminders,
//! reactions, buttons, the calendar feed – so no path can forget a rule. Outside its
//! audience an item does not exist: callers answer exactly as for an unknown number.

use super::{Member, Platform};
use crate::message::{ChatRef, Sensitivity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Everyone, also the public calendar feed and the website.
    Public,
    /// Members of the alliance, in private chats and in the alliance's own chats.
    Members,
    /// Only inside the confidential channels (end-to-end encrypted rooms) the item is bound
    /// to, for members there.
    Confidential,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Confidential => "confidential",
        }
    }

    /// How messages showing such an item are marked: confidential ones the outbox delivers
    /// only to confidential channels.
    pub fn sensitivity(self) -> Sensitivity {
        match self {
            Visibility::Confidential => Sensitivity::Confidential,
            Visibility::Public | Visibility::Members => Sensitivity::Normal,
        }
    }

    pub fn parse(s: &str) -> Option<Visibility> {
        match s {
            "public" => Some(Visibility::Public),
            "members" => Some(Visibility::Members),
            "confidential" => Some(Visibility::Confidential),
            _ => None,
        }
    }
}

/// The chat someone asks in, as the alliance knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub chat: ChatRef,
    /// Connected as an alliance channel (`/kanal verbinden`).
    pub connected: bool,
    /// Connected as a confidential channel (only end-to-end encrypted chats can be).
    pub confidential: bool,
}

impl Place {
    /// Whether confidential content may be shown here: a confidential channel that is
    /// end-to-end encrypted.
    pub fn is_confidential(&self) -> bool {
        self.connected && self.confidential && self.chat.encrypted && !self.chat.is_private
    }
}

/// An item's audience: its visibility and the chats it lives in (where it was posted; for
/// a confidential item the only chats where it exists).
#[derive(Debug, Clone, Copy)]
pub struct Audience<'a> {
    pub visibility: Visibility,
    pub chats: &'a [(Platform, String)],
}

impl Audience<'_> {
    fn lives_in(&self, chat: &ChatRef) -> bool {
        self.chats
            .iter()
            .any(|(platform, id)| *platform == chat.platform && *id == chat.id)
    }
}

/// May this person, in this chat, see this item? `place` is `None` for the web (the
/// calendar feed, public pages), where nobody is known.
pub fn may_see(viewer: Option<&Member>, place: Option<&Place>, item: Audience<'_>) -> bool {
    let member = viewer.is_some_and(Member::is_active);
    match (item.visibility, place) {
        (Visibility::Public, _) => true,
        (_, None) => false,
        // A reply in a group reaches everyone there: only chats that are the alliance's own
        // (connected, or where the item was posted anyway) and private chats.
        (Visibility::Members, Some(place)) => {
            member && (place.chat.is_private || place.connected || item.lives_in(&place.chat))
        }
        (Visibility::Confidential, Some(place)) => {
            member && place.is_confidential() && item.lives_in(&place.chat)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lang, MemberId, MemberStatus, Role};

    fn chat(id: &str, is_private: bool, encrypted: bool) -> ChatRef {
        ChatRef {
            platform: Platform::Matrix,
            id: id.into(),
            is_private,
            encrypted,
            title: None,
        }
    }

    fn member(status: MemberStatus) -> Member {
        Member {
            id: MemberId(1),
            display_name: "anna".into(),
            role: Role::Member,
            status,
            lang: Lang::De,
            invited_by: None,
            joined_at: chrono::Utc::now(),
            consent_at: None,
        }
    }

    #[test]
    fn each_visibility_reaches_exactly_its_audience() {
        let active = member(MemberStatus::Active);
        let pending = member(MemberStatus::Pending);
        let room = vec![(Platform::Matrix, "!geheim".to_string())];
        let private = Place {
            chat: chat("!dm", true, true),
            connected: false,
            confidential: false,
        };
        let group = Place {
            chat: chat("!offen", false, false),
            connected: true,
            confidential: false,
        };
        let stranger_group = Place {
            chat: chat("!fremd", false, false),
            connected: false,
            confidential: false,
        };
        let confidential = Place {
            chat: chat("!geheim", false, true),
            connected: true,
            confidential: true,
        };
        let other_confidential = Place {
            chat: chat("!anderer", false, true),
            connected: true,
            confidential: true,
        };
        let audience = |visibility| Audience {
            visibility,
            chats: &room,
        };
        for place in [&private, &group, &stranger_group, &confidential] {
            assert!(may_see(None, Some(place), audience(Visibility::Public)));
        }
        let members = audience(Visibility::Members);
        assert!(may_see(Some(&active), Some(&private), members));
        assert!(may_see(Some(&active), Some(&group), members));
        assert!(!may_see(Some(&active), Some(&stranger_group), members));
        assert!(!may_see(Some(&pending), Some(&private), members));
        assert!(!may_see(None, Some(&group), members));
        let secret = audience(Visibility::Confidential);
        assert!(may_see(Some(&active), Some(&confidential), secret));
        assert!(!may_see(None, Some(&confidential), secret));
        assert!(!may_see(Some(&active), Some(&other_confidential), secret));
        assert!(!may_see(Some(&active), Some(&private), secret));
        assert!(!may_see(Some(&active), Some(&group), secret));
        assert!(may_see(None, None, audience(Visibility::Public)));
        assert!(!may_see(Some(&active), None, members));
        assert!(!may_see(Some(&active), None, secret));
    }
}
