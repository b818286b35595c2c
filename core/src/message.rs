//! What adapters hand to the engine (`Incoming`) and what the engine hands back through the
//! outbox (`Outgoing`). Platform-neutral: adapters translate and render.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Platform, PlatformIdentity};

/// A chat on one platform, as the platform names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChatRef {
    pub platform: Platform,
    pub id: String,
    /// A one-to-one chat with the bot (Telegram private chat, Matrix direct room, console).
    pub is_private: bool,
    /// End-to-end encrypted (Matrix rooms with encryption on); only such chats may be
    /// confidential channels.
    #[serde(default)]
    pub encrypted: bool,
    /// The chat's name as the platform shows it, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl ChatRef {
    /// The same chat (platform and id), whatever else is known of either.
    pub fn is(&self, other: &ChatRef) -> bool {
        self.platform == other.platform && self.id == other.id
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incoming {
    /// The platform's own id for this event (Telegram `update_id`, Matrix `event_id`);
    /// together with the platform it is the inbox key that makes intake exactly-once.
    pub event_id: String,
    pub chat: ChatRef,
    pub sender: PlatformIdentity,
    /// The sender's name as the platform shows it, used for new members.
    pub sender_name: Option<String>,
    /// The sender's handle on the platform, if it has one (`anna_k` for Telegram's
    /// @anna_k), so organisers can name people the way they know them there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_handle: Option<String>,
    pub at: DateTime<Utc>,
    pub kind: IncomingKind,
}

impl Incoming {
    pub fn platform(&self) -> Platform {
        self.chat.platform
    }

    /// The event without control characters (a NUL byte, escape sequences) in anything
    /// people typed: PostgreSQL refuses NUL in text, and a refused event would come back
    /// forever. Line breaks and tabs stay. `None` if there was nothing to remove.
    pub fn without_control_characters(&self) -> Option<Incoming> {
        fn clean(text: &str) -> Option<String> {
            let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
            text.contains(bad)
                .then(|| text.chars().filter(|c| !bad(*c)).collect())
        }
        let mut out = self.clone();
        let mut changed = false;
        let mut fix = |field: &mut String| {
            if let Some(cleaned) = clean(field) {
                *field = cleaned;
                changed = true;
            }
        };
        match &mut out.kind {
            IncomingKind::Text { text } => fix(text),
            IncomingKind::ButtonPressed { data, .. } => fix(data),
            IncomingKind::ReactionAdded { key, .. } => fix(key),
            IncomingKind::ReactionRemoved { .. }
            | IncomingKind::MemberJoined
            | IncomingKind::MemberLeft
            | IncomingKind::ChatMoved { .. }
            | IncomingKind::BotMembership { .. }
            | IncomingKind::Location { .. } => {}
        }
        if let Some(name) = &mut out.sender_name {
            fix(name);
        }
        if let Some(title) = &mut out.chat.title {
            fix(title);
        }
        changed.then_some(out)
    }

    /// What kind of event this is, in one word (logs, set-aside events).
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            IncomingKind::Text { .. } => "text",
            IncomingKind::ReactionAdded { .. } => "reaction_added",
            IncomingKind::ReactionRemoved { .. } => "reaction_removed",
            IncomingKind::ButtonPressed { .. } => "button",
            IncomingKind::MemberJoined => "member_joined",
            IncomingKind::MemberLeft => "member_left",
            IncomingKind::ChatMoved { .. } => "chat_moved",
            IncomingKind::BotMembership { .. } => "bot_membership",
            IncomingKind::Location { .. } => "location",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IncomingKind {
    Text {
        text: String,
    },
    ReactionAdded {
        message_id: String,
        key: String,
        /// The platform's id of the reaction itself (Matrix), if it has one.
        #[serde(default)]
        reaction_id: Option<String>,
    },
    /// A reaction taken back: named by the reaction's id (a Matrix redaction names only
    /// that) or by message and key (Telegram's old/new reaction lists).
    ReactionRemoved {
        #[serde(default)]
        reaction_id: Option<String>,
        #[serde(default)]
        message_id: Option<String>,
        #[serde(default)]
        key: Option<String>,
    },
    ButtonPressed {
        message_id: String,
        data: String,
    },
    MemberJoined,
    MemberLeft,
    /// The chat lives on under a new id (a Telegram group upgraded to a supergroup).
    ChatMoved {
        new_id: String,
    },
    /// The bot's own place in the chat changed; the sender is who changed it. `joined`: it
    /// was not in the chat before.
    BotMembership {
        status: BotStatus,
        #[serde(default)]
        joined: bool,
    },
    /// A location pin shared in the chat (a Telegram location, a Matrix `m.location`), in
    /// millionths of a degree as `GeoPoint` keeps it.
    Location {
        lat_micro: i64,
        lon_micro: i64,
    },
}

impl IncomingKind {
    pub fn location(at: crate::domain::GeoPoint) -> IncomingKind {
        IncomingKind::Location {
            lat_micro: at.lat_micro(),
            lon_micro: at.lon_micro(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BotStatus {
    /// In the chat and sees everything the bot needs.
    Member,
    /// In the chat, but the platform hides reactions from it (a Telegram group where the bot
    /// is not an administrator).
    MemberWithoutReactions,
    /// Removed from the chat (kicked, or the group is gone).
    Removed,
}

/// A piece of formatted text. Only the engine decides what is bold; user-typed content is
/// always plain `Text`, so adapters escape it and nobody can inject markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Inline {
    Text(String),
    Bold(String),
    Code(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RichText(pub Vec<Inline>);

impl RichText {
    pub fn plain(text: impl Into<String>) -> Self {
        Self(vec![Inline::Text(text.into())])
    }

    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.0.push(Inline::Text(text.into()));
        self
    }

    pub fn bold(mut self, text: impl Into<String>) -> Self {
        self.0.push(Inline::Bold(text.into()));
        self
    }

    pub fn code(mut self, text: impl Into<String>) -> Self {
        self.0.push(Inline::Code(text.into()));
        self
    }

    /// Appends another formatted text.
    pub fn append(mut self, other: RichText) -> Self {
        self.0.extend(other.0);
        self
    }

    pub fn line(self, text: impl Into<String>) -> Self {
        self.text("\n").text(text)
    }

    /// The text without formatting: console output and plain fallbacks.
    pub fn to_plain(&self) -> String {
        self.0
            .iter()
            .map(|i| match i {
                Inline::Text(s) | Inline::Bold(s) | Inline::Code(s) => s.as_str(),
            })
            .collect()
    }

    /// HTML as Telegram and Matrix accept it, with all content escaped.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        for inline in &self.0 {
            match inline {
                Inline::Text(s) => out.push_str(&escape_html(s)),
                Inline::Bold(s) => {
                    out.push_str("<b>");
                    out.push_str(&escape_html(s));
                    out.push_str("</b>");
                }
                Inline::Code(s) => {
                    out.push_str("<code>");
                    out.push_str(&escape_html(s));
                    out.push_str("</code>");
                }
            }
        }
        out
    }
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    /// Comes back in `IncomingKind::ButtonPressed::data`.
    pub data: String,
}

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Target {
    Chat {
        chat: ChatRef,
    },
    /// The private chat with this account; the adapter opens one if needed.
    Direct {
        identity: PlatformIdentity,
    },
}

impl Target {
    pub fn platform(&self) -> Platform {
        match self {
            Target::Chat { chat } => chat.platform,
            Target::Direct { identity } => identity.platform(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    #[default]
    Normal,
    /// Only ever delivered to channels configured as confidential (end-to-end encrypted).
    Confidential,
}

/// A file sent along, e.g. the JSON of `/meine-daten`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub mime: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub target: Target,
    /// The platform event this answers (rendered as a reply where the platform has replies).
    pub reply_to: Option<String>,
    pub body: RichText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Vec<Button>>,
    #[serde(default)]
    pub sensitivity: Sensitivity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    /// A message kept up to date (a poll with its counts): the first message with a key is
    /// posted, later ones with the same key and target edit it in place. Bursts of changes
    /// are coalesced into few edits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_key: Option<String>,
    /// For a private message asked for in a group: where, so the person can be told there if
    /// the platform does not let the bot write to them privately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_in: Option<AskedIn>,
    /// The announcement this message carries to a channel: its outcome goes into the
    /// announcement's delivery report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announcement: Option<i64>,
}

/// The group message that asked for something private.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedIn {
    pub chat: ChatRef,
    pub event_id: String,
}

impl Outgoing {
    pub fn new(target: Target, body: RichText) -> Self {
        Self {
            target,
            reply_to: None,
            body,
            buttons: Vec::new(),
            sensitivity: Sensitivity::Normal,
            attachment: None,
            live_key: None,
            asked_in: None,
            announcement: None,
        }
    }

    /// The live key qualified by the target, as the outbox stores it: the same poll shown in
    /// two chats is two live messages.
    pub fn live_slot(&self) -> Option<String> {
        let key = self.live_key.as_ref()?;
        Some(match &self.target {
            Target::Chat { chat } => format!("{key}@{}:{}", chat.platform, chat.id),
            Target::Direct { identity } => format!("{key}@direct:{identity}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_content_is_escaped_in_html() {
        let t = RichText::default().bold("<Tafel & Co>").text(" <script>");
        assert_eq!(t.to_html(), "<b>&lt;Tafel &amp; Co&gt;</b> &lt;script&gt;");
        assert_eq!(t.to_plain(), "<Tafel & Co> <script>");
    }
}
