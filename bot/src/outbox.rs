//! Drains the outbox: every committed reply is delivered, also after a restart. A message
//! is marked sent only after the platform accepted it; failures are retried with backoff,
//! messages the platform refuses for good are given up (and a lost channel is reported).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use allianz_core::domain::Platform;
use allianz_core::message::Target;
use allianz_core::store::{OutboxItem, SenderLock, Store};
use async_trait::async_trait;
use chrono::Utc;
use futures::StreamExt;
use tokio::sync::{Mutex, Notify, watch};

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Try again later (`after`, if the platform said how long to wait).
    #[error("delivery failed, will retry: {reason}")]
    Retry {
        after: Option<Duration>,
        reason: String,
    },
    /// The platform refuses this message for good (e.g. invalid); retrying cannot help.
    #[error("message refused: {reason}")]
    Rejected { reason: String },
    /// The bot can no longer write to the target chat (removed from the group, blocked by
    /// the person).
    #[error("chat unreachable: {reason}")]
    Unreachable { reason: String },
    /// The chat has had its share for now (platform limits): try again in `after`. Not a
    /// failure; meanwhile other chats are served.
    #[error("chat busy for {after:?}")]
    NotYet { after: Duration },
}

/// What an adapter implements to send one rendered message.
#[async_trait]
pub trait Deliver: Send + Sync {
    fn platform(&self) -> Platform;
    /// Sends one outbox row. Returns the platform's message id, if it has one (to edit the
    /// message later). The row id is stable across restarts: adapters derive idempotency keys
    /// (Matrix transaction ids) from it, so a resend after a crash does not post twice.
    /// With `item.edit_of` set, the adapter edits that message in place instead of posting.
    async fn deliver(&self, item: &OutboxItem) -> Result<Option<String>, DeliveryError>;

    /// How many chats may be written to at the same time. Messages to one chat always go
    /// out one after the other, in order.
    fn parallel_chats(&self) -> usize {
        1
    }
}

pub struct Outbox {
    engine: Arc<Engine>,
    store: Arc<dyn Store>,
    adapter: Arc<dyn Deliver>,
    /// One drain at a time, so no message is handed to the platform twice concurrently.
    draining: Mutex<()>,
    /// Fired by the engine after commits that queued messages (see `Engine::outbox_listener`).
    wake: Arc<Notify>,
}

/// How many messages one query fetches.
const BATCH: i64 = 200;
/// How often a daemon without the sender lock looks whether it is free.
const LOCK_RETRY: Duration = Duration::from_secs(3);
/// How long a shutdown waits for the last deliveries.
const FINAL_DRAIN: Duration = Duration::from_secs(5);
/// A live message (a poll's counts) is edited at most this often; changes in between are
/// coalesced into the next edit.
const LIVE_EDIT_INTERVAL: Duration = Duration::from_secs(2);

/// Why a confidential message was not delivered (kept with the outbox row).
const REFUSED_CONFIDENTIAL: &str =
    "confidential content for a chat that is not a confidential channel";

fn backoff(attempts: i64) -> Duration {
    Duration::from_secs(1u64 << attempts.clamp(0, 12)).min(Duration::from_secs(3600))
}

fn later(wait: Duration) -> chrono::DateTime<Utc> {
    Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX)
}

/// Messages to one chat stay in order; different chats may proceed side by side.
fn by_chat(items: Vec<OutboxItem>) -> Vec<Vec<OutboxItem>> {
    let mut groups: Vec<Vec<OutboxItem>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for item in items {
        // The same chat, however the incoming event described it.
        let key = match &item.message.target {
            Target::Chat { chat } => format!("chat:{}", chat.id),
            Target::Direct { identity } => format!("direct:{identity}"),
        };
        match index.get(&key) {
            Some(&i) => groups[i].push(item),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![item]);
            }
        }
    }
    groups
}

/// What became of one message.
enum Outcome {
    Done,
    /// Not delivered now; later messages to the same chat must wait until `until`.
    Held(chrono::DateTime<Utc>),
}

impl Outbox {
    pub fn new(engine: Arc<Engine>, adapter: Arc<dyn Deliver>) -> Arc<Self> {
        Arc::new(Self {
            store: engine.store().clone(),
            wake: engine.outbox_listener(adapter.platform()),
            engine,
            adapter,
            draining: Mutex::new(()),
        })
    }

    pub fn platform(&self) -> Platform {
        self.adapter.platform()
    }

    /// The platform is reachable again: what failed meanwhile goes out now, not after its own
    /// (longer) backoff.
    pub async fn retry_now(&self) {
        match self
            .store
            .retry_outbox_now(self.platform(), Utc::now())
            .await
        {
            Ok(_) => self.wake.notify_one(),
            Err(e) => tracing::warn!(error = %e, "outbox retry failed"),
        }
    }

    /// Delivers everything that is due now; returns how many messages went out.
    pub async fn drain(&self) -> anyhow::Result<usize> {
        let _guard = self.draining.lock().await;
        let mut sent = 0;
        loop {
            // Looking for replies and syncing them is the chat's work: the web view waits.
            let chat_first = self.engine.chat_first().begin();
            let due = self
                .store
                .pending_outbox(self.platform(), Utc::now(), BATCH)
                .await?;
            if due.is_empty() {
                return Ok(sent);
            }
            // Nothing leaves before the commits that queued it are on disk (one sync for
            // the whole batch).
            self.store.make_durable().await?;
            drop(chat_first);
            let full = due.len() as i64 >= BATCH;
            let results: Vec<anyhow::Result<usize>> = futures::stream::iter(by_chat(due))
                .map(|chat| self.deliver_in_order(chat))
                .buffer_unordered(self.adapter.parallel_chats().max(1))
                .collect()
                .await;
            for result in results {
                sent += result?;
            }
            // A short batch was all that was due; what was queued since has woken the sender
            // again (`wake`), so it is not looked for now.
            if !full {
                return Ok(sent);
            }
        }
    }

    /// Delivers one chat's messages in order. When one is held back, the rest wait with it.
    async fn deliver_in_order(&self, items: Vec<OutboxItem>) -> anyhow::Result<usize> {
        let mut sent = 0;
        let mut items = items.into_iter();
        while let Some(item) = items.next() {
            match self.deliver_one(item).await? {
                Outcome::Done => sent += 1,
                Outcome::Held(until) => {
                    for rest in items {
                        self.store.postpone(rest.id, until).await?;
                    }
                    break;
                }
            }
        }
        Ok(sent)
    }

    /// Delivers one message; an announcement's report then shows how far it got.
    async fn deliver_one(&self, item: OutboxItem) -> anyhow::Result<Outcome> {
        // The report itself (a live message) is not one of the deliveries it reports on.
        let announcement = item
            .message
            .announcement
            .filter(|_| item.message.live_key.is_none());
        let outcome = self.deliver_or_hold(item).await?;
        if let Some(id) = announcement
            && let Err(e) = self.engine.announcement_progress(id).await
        {
            // The message itself is through; only the report lags until the next one.
            tracing::warn!(error = %e, id, "announcement report not updated");
        }
        Ok(outcome)
    }

    async fn deliver_or_hold(&self, mut item: OutboxItem) -> anyhow::Result<Outcome> {
        // The chat's own work, except waiting for the platform (see `deliver`).
        let chat_first = self.engine.chat_first().begin();
        if !self.engine.may_deliver(&item.message).await? {
            // Never expected: the engine marks confidential content only for its own rooms.
            // This is the last guard, so it is loud.
            tracing::error!(
                id = item.id,
                "confidential message addressed to a chat that is not a confidential channel: refused"
            );
            self.store
                .give_up(item.id, REFUSED_CONFIDENTIAL, Utc::now())
                .await?;
            return Ok(Outcome::Done);
        }
        if let Some(key) = item.live_key.clone() {
            let state = self
                .store
                .live_state(self.platform(), &key, item.id)
                .await?;
            if state.superseded {
                // A newer version of the same live message follows: only that one is shown.
                self.store.mark_sent(item.id, None, Utc::now()).await?;
                return Ok(Outcome::Done);
            }
            if let (Some(_), Some(last)) = (&state.message_id, state.last_sent) {
                let next = last + chrono::Duration::from_std(LIVE_EDIT_INTERVAL)?;
                if next > Utc::now() {
                    self.store.postpone(item.id, next).await?;
                    return Ok(Outcome::Held(next));
                }
            }
            item.edit_of = state.message_id;
        }
        drop(chat_first);
        let delivered = self.adapter.deliver(&item).await;
        let _chat_first = self.engine.chat_first().begin();
        match delivered {
            Ok(platform_id) => {
                self.store
                    .mark_sent(item.id, platform_id.as_deref(), Utc::now())
                    .await?;
                self.engine.stats().delivered(self.platform());
                Ok(Outcome::Done)
            }
            Err(DeliveryError::Retry { after, reason }) => {
                self.engine.stats().delivery_failed(self.platform());
                let wait = after.unwrap_or_else(|| backoff(item.attempts));
                tracing::warn!(id = item.id, %reason, ?wait, "delivery failed, will retry");
                let retry_at = later(wait);
                self.store.mark_failed(item.id, &reason, retry_at).await?;
                Ok(Outcome::Held(retry_at))
            }
            Err(DeliveryError::NotYet { after }) => {
                let until = later(after);
                self.store.postpone(item.id, until).await?;
                Ok(Outcome::Held(until))
            }
            Err(DeliveryError::Rejected { reason }) => {
                self.engine.stats().delivery_failed(self.platform());
                tracing::warn!(id = item.id, %reason, "message refused by the platform, given up");
                self.store.give_up(item.id, &reason, Utc::now()).await?;
                Ok(Outcome::Done)
            }
            Err(DeliveryError::Unreachable { reason }) => {
                self.engine.stats().delivery_failed(self.platform());
                tracing::warn!(id = item.id, %reason, "chat unreachable, message given up");
                self.store.give_up(item.id, &reason, Utc::now()).await?;
                match (&item.message.target, &item.message.asked_in) {
                    (Target::Chat { chat }, _) => {
                        self.engine
                            .chat_unreachable(chat.platform, &chat.id, &reason)
                            .await?;
                    }
                    (Target::Direct { identity }, Some(asked_in)) => {
                        self.engine.private_chat_closed(identity, asked_in).await?;
                    }
                    (Target::Direct { .. }, None) => {}
                }
                Ok(Outcome::Done)
            }
        }
    }

    /// Sends until `shutdown` turns true: woken by new messages, or sleeping until the next
    /// retry is due (never polling in a tight loop). A final drain runs before it returns.
    ///
    /// With several daemons on one database, only the one holding the platform's sender lock
    /// delivers; the others wait and take over when it goes away.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        let mut lock: Option<SenderLock> = None;
        loop {
            if let Some(held) = &lock
                && !held.is_held().await
            {
                tracing::warn!(platform = %self.platform(), "outbox sender lock lost");
                lock = None;
            }
            if lock.is_none() {
                lock = match self.store.try_sender_lock(self.platform()).await {
                    Ok(lock) => lock,
                    Err(e) => {
                        tracing::warn!(error = %e, "outbox sender lock not available");
                        None
                    }
                };
                if lock.is_none() {
                    // Another daemon sends; look again in a while.
                    if crate::pause::pause(&mut shutdown, LOCK_RETRY).await {
                        return;
                    }
                    continue;
                }
            }
            if let Err(e) = self.drain().await {
                tracing::error!(error = %format!("{e:#}"), "outbox drain failed");
            }
            let next_due = match self.store.next_outbox_due(self.platform()).await {
                Ok(due) => due,
                Err(e) => {
                    tracing::error!(error = %e, "outbox query failed");
                    Some(Utc::now() + chrono::Duration::seconds(5))
                }
            };
            // Messages committed by another daemon are picked up after the idle pause.
            let max_idle = crate::pause::idle_recheck(self.store.as_ref());
            let sleep = next_due
                .map(|due| (due - Utc::now()).to_std().unwrap_or(Duration::ZERO))
                .unwrap_or(max_idle)
                .min(max_idle);
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(sleep) => {}
                _ = shutdown.changed() => {
                    // What is due goes out, but a long backlog (a broadcast, a group's
                    // per-minute limit) must not hold up the shutdown: it stays in the outbox
                    // for the next start.
                    let _ = tokio::time::timeout(FINAL_DRAIN, self.drain()).await;
                    return;
                }
            }
        }
    }
}
