//! Polls, their choices, and the reactions on the bot's live messages.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{NewReaction, Result};
use crate::domain::{Lang, MemberId, Platform, Poll, PollDraft, PollId, Visibility};
use crate::message::ChatRef;

#[async_trait]
pub trait PollsTx: Send {
    /// The live key (as stored, with its target) of the bot's message that the platform
    /// knows by this id in this chat, if it is a live message. (Telegram counts message ids
    /// per chat: the id alone names a different message in every group.)
    async fn live_key_of(
        &mut self,
        platform: Platform,
        chat_id: &str,
        platform_message_id: &str,
    ) -> Result<Option<String>>;

    async fn insert_poll(
        &mut self,
        chat: &ChatRef,
        draft: &PollDraft,
        lang: Lang,
        visibility: Visibility,
        created_by: Option<MemberId>,
        at: DateTime<Utc>,
    ) -> Result<PollId>;

    async fn poll(&mut self, id: PollId) -> Result<Option<Poll>>;

    /// Polls asked between two moments, the oldest first.
    async fn polls_between(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Poll>>;

    /// Sets a member's choice (1-based answer number); returns the one it replaced.
    async fn choose(
        &mut self,
        poll: PollId,
        member: MemberId,
        number: u32,
        at: DateTime<Utc>,
    ) -> Result<Option<u32>>;

    /// How many people chose each answer that has any choices, by answer number.
    async fn poll_counts(&mut self, poll: PollId) -> Result<Vec<(u32, i64)>>;

    /// Takes back a member's choice if it is still `number`; `true` if it was.
    async fn withdraw_choice(
        &mut self,
        poll: PollId,
        member: MemberId,
        number: u32,
    ) -> Result<bool>;

    /// `false` if it was closed already.
    async fn close_poll(&mut self, poll: PollId, at: DateTime<Utc>) -> Result<bool>;

    /// Records a reaction; a repeat of the same reaction id changes nothing.
    async fn add_reaction(&mut self, reaction: &NewReaction) -> Result<()>;

    /// Removes one reaction by the platform's id, only if `person` made it (a moderator's
    /// redaction is not the person taking their answer back); returns the chat, message and
    /// key it was on.
    async fn remove_reaction_by_id(
        &mut self,
        platform: Platform,
        reaction_id: &str,
        person: &str,
    ) -> Result<Option<(String, String, String)>>;

    /// Removes a person's reactions with this key on a message.
    async fn remove_reactions(
        &mut self,
        platform: Platform,
        chat_id: &str,
        message_id: &str,
        key: &str,
        person: &str,
    ) -> Result<u64>;

    /// How many people reacted with each key on a message (a person counts once per key).
    async fn reaction_counts(
        &mut self,
        platform: Platform,
        chat_id: &str,
        message_id: &str,
    ) -> Result<Vec<(String, i64)>>;
}
