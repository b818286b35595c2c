//! The update listener: long polling with `getUpdates`, acknowledging nothing before it is
//! committed.
//!
//! Telegram forgets updates below the `offset` of the next `getUpdates` call; that call is the
//! acknowledgement. teloxide's stock polling sends it when it fetches the next batch, while
//! handlers may still run, so a crash there loses updates. Here each update is committed to
//! the inbox (with its effects) first, then the new offset is saved in the database, and only
//! then is it sent. A kill at any point leaves either an update that Telegram sends again
//! (and the inbox drops if it was committed) or one that was fully handled.

use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use allianz_core::message::IncomingKind;
use allianz_core::store::Store;
use chrono::Utc;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use teloxide::{Bot, RequestError};
use tokio::sync::watch;

use super::intake::{self, Me};
use crate::outbox::Outbox;
use crate::pause::pause;

/// Exactly the kinds the bot handles; anything else Telegram keeps to itself.
const ALLOWED_UPDATES: [AllowedUpdate; 4] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MessageReaction,
    AllowedUpdate::MyChatMember,
];

/// How long Telegram may hold a `getUpdates` open when nothing happens. Below teloxide's HTTP
/// client timeout (17 s): a longer poll would be cut off by the client whenever the bot is
/// idle, end as a network error and back off – and then a quiet bot answers late.
const LONG_POLL_SECS: u32 = 10;
const MAX_BACKOFF: Duration = Duration::from_secs(30);

pub struct Listener {
    pub bot: Bot,
    pub engine: Arc<Engine>,
    pub store: Arc<dyn Store>,
    pub me: Me,
    /// Whether `getMe` has answered; if not, the listener asks until it does, before taking
    /// anything in (the user name decides which `/befehl@botname` are ours).
    pub identified: bool,
    pub cursor_name: String,
    /// Its waiting messages are retried at once when Telegram answers again after failures.
    pub outbox: Arc<Outbox>,
    /// Set once `getMe` has answered.
    pub connected: watch::Sender<bool>,
}

impl Listener {
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        let mut failing = false;
        if !self.identified {
            loop {
                match super::identify(&self.bot, &self.engine).await {
                    Ok(()) => {
                        self.connected.send_replace(true);
                        break;
                    }
                    Err(RequestError::Api(teloxide::ApiError::InvalidToken)) => {
                        tracing::error!("Telegram refuses the token; the Telegram adapter stops");
                        return;
                    }
                    Err(e) => {
                        failing = true;
                        tracing::warn!(error = %e, ?backoff, "Telegram not reachable, retrying");
                        if pause(&mut shutdown, backoff).await {
                            return;
                        }
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                    }
                }
            }
        }
        // The next getUpdates' offset: read from the database once, then kept here. It is
        // saved when the bot falls idle and when it stops, not after every batch – that
        // would put a write on the single SQLite writer between every update and its reply.
        // A saved offset that lags behind costs nothing: Telegram itself keeps what was
        // acknowledged and sends only later updates, and the inbox drops any it sends again.
        let mut offset = loop {
            match self.store.cursor(&self.cursor_name).await {
                Ok(cursor) => break cursor.and_then(|c| c.parse::<i32>().ok()),
                Err(e) => {
                    tracing::error!(error = %e, "reading the Telegram offset failed");
                    if pause(&mut shutdown, backoff).await {
                        return;
                    }
                }
            }
        };
        let mut saved = offset;
        // The offset the last getUpdates carried.
        let mut acknowledged = None;
        loop {
            // After a failure the first poll returns at once: what could not be sent meanwhile
            // goes out as soon as the Bot API answers, not after a quiet long poll.
            let mut request = self
                .bot
                .get_updates()
                .timeout(if failing { 0 } else { LONG_POLL_SECS })
                .allowed_updates(ALLOWED_UPDATES);
            if let Some(offset) = offset {
                // The offset acknowledges every update before it: Telegram forgets them, so
                // their commits must be on disk first.
                if Some(offset) != acknowledged
                    && let Err(e) = self.store.make_durable().await
                {
                    tracing::error!(error = %e, "syncing the database failed");
                    if pause(&mut shutdown, backoff).await {
                        return;
                    }
                    continue;
                }
                request = request.offset(offset);
            }
            acknowledged = offset;
            let result = tokio::select! {
                r = request.send() => r,
                _ = shutdown.changed() => {
                    self.save(offset, &mut saved).await;
                    return;
                }
            };
            let wait = match result {
                Ok(updates) => {
                    if failing {
                        failing = false;
                        self.outbox.retry_now().await;
                    }
                    backoff = Duration::from_secs(1);
                    if updates.is_empty() {
                        // Quiet: a good moment to save the offset.
                        self.save(offset, &mut saved).await;
                        continue;
                    }
                    let (next, result) = self.take_in(&updates).await;
                    offset = next.or(offset);
                    match result {
                        Ok(()) => continue,
                        Err(e) => {
                            tracing::error!(error = %format!("{e:#}"), "taking in Telegram updates failed");
                            backoff
                        }
                    }
                }
                Err(RequestError::RetryAfter(after)) => after.duration(),
                Err(e) => {
                    failing = true;
                    tracing::warn!(error = %e, ?backoff, "Telegram getUpdates failed, retrying");
                    backoff
                }
            };
            if pause(&mut shutdown, wait).await {
                self.save(offset, &mut saved).await;
                return;
            }
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    }

    /// Saves the offset for the next start, if it moved since it was last saved.
    async fn save(&self, offset: Option<i32>, saved: &mut Option<i32>) {
        let Some(value) = offset.filter(|_| offset != *saved) else {
            return;
        };
        match self
            .store
            .set_cursor(&self.cursor_name, &value.to_string(), Utc::now())
            .await
        {
            Ok(()) => *saved = offset,
            // Telegram keeps the acknowledged offset itself: this only costs a few updates
            // that come again and are dropped.
            Err(e) => tracing::warn!(error = %e, "saving the Telegram offset failed"),
        }
    }

    /// Commits each update in turn. Returns the offset past the last committed one (`None`
    /// if none was), and the error that stopped the batch, if any: the update that failed
    /// and those after it come again.
    async fn take_in(&self, updates: &[Update]) -> (Option<i32>, anyhow::Result<()>) {
        let mut next = None;
        for update in updates {
            if let Err(e) = self.take_in_one(update).await {
                return (next, Err(e));
            }
            next = i32::try_from(update.id.0).ok().map(|id| id + 1);
        }
        (next, Ok(()))
    }

    async fn take_in_one(&self, update: &Update) -> anyhow::Result<()> {
        if let UpdateKind::Error(value) = &update.kind {
            // A shape this teloxide does not know: skipped, but acknowledged like the rest.
            tracing::warn!(update = update.id.0, %value, "unreadable Telegram update skipped");
            return Ok(());
        }
        let events = intake::events(update, &self.me);
        let mut notice = None;
        for incoming in &events {
            let handled = self.engine.handle(incoming).await?;
            if matches!(incoming.kind, IncomingKind::ButtonPressed { .. }) {
                notice = handled.notice();
            }
        }
        if let UpdateKind::CallbackQuery(query) = &update.kind {
            // Every button press is answered, or the person's client keeps spinning. After a
            // restart the answer may come too late; Telegram then refuses it, which is fine.
            // The answer says what the press did: that must be on disk first.
            self.store.make_durable().await?;
            let mut answer = self.bot.answer_callback_query(query.id.clone());
            if let Some(text) = notice {
                answer = teloxide::payloads::AnswerCallbackQuerySetters::text(answer, text);
            }
            if let Err(e) = answer.send().await {
                tracing::debug!(error = %e, "callback query not answered");
            }
        }
        Ok(())
    }
}
