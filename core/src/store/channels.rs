//! Chats connected as alliance channels.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Channel, Result};
use crate::domain::Platform;

#[async_trait]
pub trait ChannelsTx: Send {
    /// Connects a chat as an alliance channel (or updates its confidential flag).
    async fn connect_channel(&mut self, channel: &Channel) -> Result<()>;

    /// `false` if the chat was not connected.
    async fn disconnect_channel(&mut self, platform: Platform, chat_id: &str) -> Result<bool>;

    async fn channel(&mut self, platform: Platform, chat_id: &str) -> Result<Option<Channel>>;

    async fn channels(&mut self) -> Result<Vec<Channel>>;

    /// A chat got a new id: its channel and polls follow. `true` if it was a channel.
    async fn move_chat(&mut self, platform: Platform, from: &str, to: &str) -> Result<bool>;

    /// Marks a connected chat as (un)reachable; `true` only if that changed its state.
    async fn set_channel_reachable(
        &mut self,
        platform: Platform,
        chat_id: &str,
        reachable: bool,
        at: DateTime<Utc>,
    ) -> Result<bool>;

    /// Whether a connected chat receives every new public event's card; `false` if it is not
    /// connected.
    async fn set_channel_events(
        &mut self,
        platform: Platform,
        chat_id: &str,
        on: bool,
    ) -> Result<bool>;

    /// Puts a connected chat into a region (or none); `false` if it is not connected.
    async fn set_channel_region(
        &mut self,
        platform: Platform,
        chat_id: &str,
        region: Option<&str>,
    ) -> Result<bool>;
}
