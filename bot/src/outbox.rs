//! Drains the outbox: every committed reply is delivered, also after a restart. A message
//! is marked sent only after the platform accepted it; failures are retried with backoff.

use std::sync::Arc;
use std::time::Duration;

use allianz_core::domain::Platform;
use allianz_core::store::{OutboxItem, Store};
use async_trait::async_trait;
use chrono::Utc;
use tokio::sync::{Mutex, Notify, watch};

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Try again later (`after`, if the platform said how long to wait).
    #[error("delivery failed, will retry: {reason}")]
    Retry {
        after: Option<Duration>,
        reason: String,
    },
}

/// What an adapter implements to send one rendered message.
#[async_trait]
pub trait Deliver: Send + Sync {
    fn platform(&self) -> Platform;
    /// Sends one outbox row. Returns the platform's message id, if it has one (to edit the
    /// message later). The row id is stable across restarts: adapters derive idempotency keys
    /// (Matrix transaction ids) from it, so a resend after a crash does not post twice.
    async fn deliver(&self, item: &OutboxItem) -> Result<Option<String>, DeliveryError>;
}

pub struct Outbox {
    store: Arc<dyn Store>,
    adapter: Arc<dyn Deliver>,
    /// One drain at a time, so no message is handed to the platform twice concurrently.
    draining: Mutex<()>,
    /// Fired by the engine after commits that queued messages (see `Engine::outbox_listener`).
    wake: Arc<Notify>,
}

/// How many messages one query fetches.
const BATCH: i64 = 100;
/// The longest idle pause: messages committed by another process (a second daemon on the
/// same PostgreSQL) are picked up within this time even without a signal.
const MAX_IDLE: Duration = Duration::from_secs(10);

fn backoff(attempts: i64) -> Duration {
    Duration::from_secs(1u64 << attempts.clamp(0, 12)).min(Duration::from_secs(3600))
}

impl Outbox {
    pub fn new(store: Arc<dyn Store>, adapter: Arc<dyn Deliver>, wake: Arc<Notify>) -> Arc<Self> {
        Arc::new(Self {
            store,
            adapter,
            draining: Mutex::new(()),
            wake,
        })
    }

    pub fn platform(&self) -> Platform {
        self.adapter.platform()
    }

    /// Tells the background loop that new messages were committed.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Delivers everything that is due now; returns how many messages went out.
    pub async fn drain(&self) -> anyhow::Result<usize> {
        let _guard = self.draining.lock().await;
        let mut sent = 0;
        loop {
            let due = self
                .store
                .pending_outbox(self.platform(), Utc::now(), BATCH)
                .await?;
            if due.is_empty() {
                return Ok(sent);
            }
            for item in due {
                match self.adapter.deliver(&item).await {
                    Ok(platform_id) => {
                        self.store
                            .mark_sent(item.id, platform_id.as_deref(), Utc::now())
                            .await?;
                        sent += 1;
                    }
                    Err(DeliveryError::Retry { after, reason }) => {
                        let wait = after.unwrap_or_else(|| backoff(item.attempts));
                        tracing::warn!(id = item.id, %reason, ?wait, "delivery failed, will retry");
                        let retry_at = Utc::now()
                            + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
                        self.store.mark_failed(item.id, &reason, retry_at).await?;
                    }
                }
            }
        }
    }

    /// Sends until `shutdown` turns true: woken by new messages, or sleeping until the next
    /// retry is due (never polling in a tight loop). A final drain runs before it returns.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        loop {
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
            let sleep = next_due
                .map(|due| (due - Utc::now()).to_std().unwrap_or(Duration::ZERO))
                .unwrap_or(MAX_IDLE)
                .min(MAX_IDLE);
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(sleep) => {}
                _ = shutdown.changed() => {
                    let _ = self.drain().await;
                    return;
                }
            }
        }
    }
}
