//! Ballot cards are edited after the votes that changed them, not inside each vote: a vote
//! commits without rendering a card, and while one application's cards are being edited (or
//! were just edited), further votes on it ask for just one more edit after that one, a
//! moment later. So a plenary voting at once costs a few edits per second, not one per vote
//! (messengers would not show more anyway), and the last edit always starts after the last
//! vote was committed: the card ends with the true count. (If the daemon stops in between,
//! the next vote or the count edits the cards again.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;

use crate::domain::ApplicationId;
use crate::store::{Store, StoreError};

/// The least time between two edits of one application's cards.
const BETWEEN_EDITS: Duration = Duration::from_millis(250);

pub struct CardRefresher {
    store: Arc<dyn Store>,
    /// Woken after edits were queued.
    outbox: Arc<dyn Fn() + Send + Sync>,
    /// Applications whose cards are being edited, and whether a vote came in meanwhile.
    running: Mutex<HashMap<ApplicationId, bool>>,
    idle: tokio::sync::Notify,
}

impl CardRefresher {
    pub fn new(store: Arc<dyn Store>, outbox: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self {
            store,
            outbox,
            running: Mutex::new(HashMap::new()),
            idle: tokio::sync::Notify::new(),
        }
    }

    fn running(&self) -> std::sync::MutexGuard<'_, HashMap<ApplicationId, bool>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Votes on these applications were committed: their cards are edited soon.
    pub fn changed(self: &Arc<Self>, applications: &[ApplicationId]) {
        for id in applications {
            let start = {
                let mut running = self.running();
                match running.get_mut(id) {
                    Some(again) => {
                        *again = true;
                        false
                    }
                    None => {
                        running.insert(*id, false);
                        true
                    }
                }
            };
            if start {
                let refresher = self.clone();
                let id = *id;
                tokio::spawn(async move { refresher.run(id).await });
            }
        }
    }

    async fn run(&self, id: ApplicationId) {
        loop {
            if let Err(e) = self.edit(id).await {
                // The next vote or the count edits the cards again.
                tracing::warn!(error = %e, application = %id, "ballot cards not edited");
            }
            if self.running().get(&id) == Some(&true) {
                tokio::time::sleep(BETWEEN_EDITS).await;
            }
            let mut running = self.running();
            match running.get_mut(&id) {
                Some(again) if *again => *again = false,
                _ => {
                    running.remove(&id);
                    if running.is_empty() {
                        self.idle.notify_waiters();
                    }
                    return;
                }
            }
        }
    }

    async fn edit(&self, id: ApplicationId) -> Result<(), StoreError> {
        let mut tx = self.store.begin().await?;
        // A second daemon editing the same cards waits, so the later edit has the later count.
        tx.lock_application(id).await?;
        let Some(application) = tx.application(id).await? else {
            return Ok(());
        };
        let Some(round) = tx.round(application.round).await? else {
            return Ok(());
        };
        let edits = super::voting::card_edits(&mut *tx, &round, &application).await?;
        tx.write_effects(&[], &edits, Utc::now()).await?;
        tx.commit().await?;
        if !edits.is_empty() {
            (self.outbox)();
        }
        Ok(())
    }

    /// Waits until no card is waiting to be edited.
    pub async fn settled(&self) {
        loop {
            let idle = self.idle.notified();
            tokio::pin!(idle);
            idle.as_mut().enable();
            if self.running().is_empty() {
                return;
            }
            idle.await;
        }
    }
}
