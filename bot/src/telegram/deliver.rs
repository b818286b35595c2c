//! Sending outbox messages to Telegram: HTML, as a reply to the command, buttons as an
//! inline keyboard; live messages are edited in place. Every send waits for its moment under
//! Telegram's limits (see `limits`); a 429 holds all sends for its `retry_after`.

use std::sync::Arc;

use allianz_core::domain::Platform;
use allianz_core::message::{Button, Inline, RichText, Target};
use allianz_core::store::{OutboxItem, Store};
use async_trait::async_trait;
use teloxide::payloads::{EditMessageTextSetters, SendDocumentSetters, SendMessageSetters};
use teloxide::prelude::Requester;
use teloxide::types::{
    ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ParseMode,
    ReplyParameters,
};
use teloxide::{ApiError, Bot, RequestError};

use super::intake::message_id_of;
use super::limits::SendLimiter;
use crate::outbox::{Deliver, DeliveryError};

/// Waits for one chat's limit longer than this put its message back into the outbox.
const HOLD_BACK: std::time::Duration = std::time::Duration::from_millis(250);

/// Telegram's longest message text, in characters.
const MAX_TEXT: usize = 4096;

pub struct TelegramDelivery {
    pub bot: Bot,
    pub limiter: SendLimiter,
    /// Notes each part of a message sent in parts, so a failure half-way resumes there.
    pub store: Arc<dyn Store>,
}

/// What a failed request means for the message.
fn classify(error: RequestError) -> DeliveryError {
    match error {
        RequestError::RetryAfter(after) => DeliveryError::Retry {
            after: Some(after.duration()),
            reason: "429 Too Many Requests".into(),
        },
        RequestError::Api(api) => {
            let reason = api.to_string();
            let lower = reason.to_lowercase();
            let gone = matches!(
                api,
                ApiError::BotBlocked
                    | ApiError::BotKicked
                    | ApiError::BotKickedFromSupergroup
                    | ApiError::BotKickedFromChannel
                    | ApiError::ChatNotFound
                    | ApiError::GroupDeactivated
                    | ApiError::UserDeactivated
                    | ApiError::CantInitiateConversation
                    | ApiError::CantTalkWithBots
            ) || lower.contains("forbidden")
                || lower.contains("kicked")
                || lower.contains("not a member")
                || lower.contains("chat not found");
            if gone {
                DeliveryError::Unreachable { reason }
            } else if lower.contains("bad request") {
                DeliveryError::Rejected { reason }
            } else {
                // Server trouble (5xx) and the like: worth another try.
                DeliveryError::Retry {
                    after: None,
                    reason,
                }
            }
        }
        other => DeliveryError::Retry {
            after: None,
            reason: other.to_string(),
        },
    }
}

fn keyboard(buttons: &[Vec<Button>]) -> Option<InlineKeyboardMarkup> {
    if buttons.is_empty() {
        return None;
    }
    Some(InlineKeyboardMarkup::new(buttons.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    })))
}

/// Splits a text into pieces of at most `MAX_TEXT` characters, between formatting runs and
/// preferably at line ends, so no HTML tag is cut.
fn chunks(text: &RichText) -> Vec<String> {
    let mut pieces: Vec<Vec<Inline>> = vec![Vec::new()];
    let mut len = 0;
    for inline in &text.0 {
        let (content, rebuild): (&str, fn(String) -> Inline) = match inline {
            Inline::Text(s) => (s, Inline::Text),
            Inline::Bold(s) => (s, Inline::Bold),
            Inline::Code(s) => (s, Inline::Code),
        };
        let mut rest = content;
        while !rest.is_empty() {
            let room = MAX_TEXT.saturating_sub(len);
            if room == 0 {
                pieces.push(Vec::new());
                len = 0;
                continue;
            }
            let take = split_point(rest, room, len == 0);
            if take == 0 {
                pieces.push(Vec::new());
                len = 0;
                continue;
            }
            let (head, tail) = rest.split_at(take);
            if let Some(piece) = pieces.last_mut() {
                piece.push(rebuild(head.to_string()));
            }
            len += head.chars().count();
            rest = tail;
        }
    }
    pieces
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| RichText(p).to_html())
        .collect()
}

/// How many bytes of `s` fit into `room` characters: all of it, or up to the last line end
/// that fits. With no line end in reach, nothing (start a new message) – unless the message
/// is still `empty`: a single very long line is cut where it must be.
fn split_point(s: &str, room: usize, empty: bool) -> usize {
    let mut fit = s.len();
    for (count, (i, _)) in s.char_indices().enumerate() {
        if count == room {
            fit = i;
            break;
        }
    }
    if fit == s.len() {
        return fit;
    }
    match s[..fit].rfind('\n') {
        Some(nl) => nl + 1,
        None if empty => fit,
        None => 0,
    }
}

/// A reply that is still sent if the message it answers was deleted meanwhile.
fn reply_to(message_id: i32) -> ReplyParameters {
    ReplyParameters::new(MessageId(message_id)).allow_sending_without_reply()
}

fn chat_of(target: &Target) -> Result<ChatId, DeliveryError> {
    let raw = match target {
        Target::Chat { chat } => chat.id.as_str(),
        // A person's private chat with the bot has their user id.
        Target::Direct { identity } => identity.user(),
    };
    raw.parse::<i64>()
        .map(ChatId)
        .map_err(|_| DeliveryError::Rejected {
            reason: format!("not a Telegram chat id: {raw}"),
        })
}

impl TelegramDelivery {
    /// Sends a message in its parts – the text (split if long), then its file – skipping the
    /// parts a failed attempt already sent, and noting each part as it goes out. Returns the
    /// id of the text's last part (the one the buttons are on).
    async fn send_parts(
        &self,
        chat: ChatId,
        item: &OutboxItem,
    ) -> Result<Option<String>, RequestError> {
        let message = &item.message;
        let pieces = chunks(&message.body);
        let count = pieces.len();
        let done = usize::try_from(item.parts_sent).unwrap_or(0);
        let mut last = item.last_part_id.clone();
        for (i, html) in pieces.into_iter().enumerate().skip(done) {
            let mut request = self
                .bot
                .send_message(chat, html)
                .parse_mode(ParseMode::Html);
            if i == 0
                && let Some(id) = message.reply_to.as_deref().and_then(message_id_of)
            {
                request = request.reply_parameters(reply_to(id));
            }
            if i + 1 == count
                && let Some(markup) = keyboard(&message.buttons)
            {
                request = request.reply_markup(markup);
            }
            self.limiter.acquire(chat.0).await;
            let sent = request.await?;
            let id = sent.id.0.to_string();
            self.note_part(item, i + 1, &id).await;
            last = Some(id);
        }
        if let Some(file) = &message.attachment
            && done <= count
        {
            let document = InputFile::memory(file.content.clone().into_bytes())
                .file_name(file.filename.clone());
            let mut request = self.bot.send_document(chat, document);
            if let Some(id) = last.as_deref().and_then(|id| id.parse::<i32>().ok()) {
                request = request.reply_parameters(reply_to(id));
            }
            self.limiter.acquire(chat.0).await;
            request.await?;
        }
        Ok(last)
    }

    /// A part went out. If noting it fails, the worst is that it is sent once more.
    async fn note_part(&self, item: &OutboxItem, parts_sent: usize, id: &str) {
        let parts = i64::try_from(parts_sent).unwrap_or(i64::MAX);
        if let Err(e) = self.store.mark_part_sent(item.id, parts, id).await {
            tracing::warn!(error = %format!("{e:#}"), id = item.id, "part not noted");
        }
    }

    /// Edits a live message; if it is gone or cannot be edited, posts it anew.
    async fn edit_text(
        &self,
        chat: ChatId,
        message_id: i32,
        item: &OutboxItem,
    ) -> Result<Option<String>, RequestError> {
        let html = chunks(&item.message.body)
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut request = self
            .bot
            .edit_message_text(chat, MessageId(message_id), html)
            .parse_mode(ParseMode::Html);
        if let Some(markup) = keyboard(&item.message.buttons) {
            request = request.reply_markup(markup);
        }
        self.limiter.acquire(chat.0).await;
        match request.await {
            Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => {
                Ok(Some(message_id.to_string()))
            }
            Err(RequestError::Api(
                ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited,
            )) => self.send_parts(chat, item).await,
            Err(e) => Err(e),
        }
    }

    async fn send(&self, chat: ChatId, item: &OutboxItem) -> Result<Option<String>, RequestError> {
        let edit_of = item
            .edit_of
            .as_deref()
            .and_then(|id| id.parse::<i32>().ok());
        match edit_of {
            Some(message_id) => self.edit_text(chat, message_id, item).await,
            None => self.send_parts(chat, item).await,
        }
    }
}

#[async_trait]
impl Deliver for TelegramDelivery {
    fn platform(&self) -> Platform {
        Platform::Telegram
    }

    async fn deliver(&self, item: &OutboxItem) -> Result<Option<String>, DeliveryError> {
        let chat = chat_of(&item.message.target)?;
        // A chat that has had its share waits in the outbox, not in this drain: the other
        // chats' messages go out meanwhile.
        let wait = self
            .limiter
            .chat_ready_at(chat.0)
            .saturating_duration_since(tokio::time::Instant::now());
        if wait > HOLD_BACK {
            return Err(DeliveryError::NotYet { after: wait });
        }
        match self.send(chat, item).await {
            Ok(id) => Ok(id),
            // The group became a supergroup with a new id: deliver there now. (The channel
            // itself follows when the migration message arrives.)
            Err(RequestError::MigrateToChatId(new_chat)) => {
                self.send(new_chat, item).await.map_err(classify)
            }
            Err(RequestError::RetryAfter(after)) => {
                self.limiter.freeze(after.duration());
                Err(classify(RequestError::RetryAfter(after)))
            }
            Err(e) => Err(classify(e)),
        }
    }

    /// Telegram limits each chat to about one message a second: many chats must be written
    /// to at once to reach the overall limit of about 30 a second.
    fn parallel_chats(&self) -> usize {
        64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_split_between_lines_and_keep_their_markup() {
        let line = "x".repeat(99) + "\n";
        let body = RichText::default()
            .bold("Liste <1>")
            .text(format!("\n{}", line.repeat(60)));
        let pieces = chunks(&body);
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].starts_with("<b>Liste &lt;1&gt;</b>"));
        // Telegram counts the text after reading the markup.
        let shown = |p: &String| {
            p.replace("<b>", "")
                .replace("</b>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .chars()
                .count()
        };
        assert!(pieces.iter().all(|p| shown(p) <= MAX_TEXT));
        assert!(pieces[0].ends_with('\n'), "split at a line end");
        let total: usize = pieces.iter().map(|p| p.matches('x').count()).sum();
        assert_eq!(total, 99 * 60);
    }

    #[test]
    fn short_texts_are_one_message() {
        assert_eq!(
            chunks(&RichText::plain("Hallo & tschüss")),
            vec!["Hallo &amp; tschüss".to_string()]
        );
    }

    #[test]
    fn removal_from_a_chat_is_not_retried() {
        let kicked = RequestError::Api(ApiError::Unknown(
            "Forbidden: bot was kicked from the group chat".into(),
        ));
        assert!(matches!(
            classify(kicked),
            DeliveryError::Unreachable { .. }
        ));
        let too_long = RequestError::Api(ApiError::MessageIsTooLong);
        assert!(matches!(classify(too_long), DeliveryError::Rejected { .. }));
        let server = RequestError::Api(ApiError::Unknown("Internal Server Error".into()));
        assert!(matches!(classify(server), DeliveryError::Retry { .. }));
    }
}
