//! The reminder scheduler: plans reminders a little ahead, sleeps until the next one is due
//! (one index lookup, no scan), and hands due ones to the engine, which claims and queues
//! them in one transaction. Sends scheduled announcements when they are due. Wakes early
//! when an event, a grant round or a scheduled announcement changes; stops on shutdown. It
//! closes a round for applications when its deadline day ends, and once an hour it also
//! reminds owners of vacant places about to expire and deletes what is past the retention
//! period.

use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use allianz_core::engine::PLAN_EVERY;
use chrono::{DateTime, Utc};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// After a database error, wait this long before trying again.
const ERROR_PAUSE: Duration = Duration::from_secs(5);

pub struct Scheduler {
    engine: Arc<Engine>,
}

impl Scheduler {
    pub fn new(engine: Arc<Engine>) -> Self {
        Self { engine }
    }

    pub fn start(self, shutdown: watch::Receiver<bool>) -> JoinHandle<()> {
        tokio::spawn(self.run(shutdown))
    }

    async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let changed = self.engine.schedule_listener();
        let mut next_plan = Utc::now();
        // When the next round's deadline ends; looked up again after every change.
        let mut next_deadline = None;
        let mut deadlines_changed = true;
        // When the next scheduled announcement is due; looked up again after every change.
        let mut next_announcement = None;
        let mut announcements_changed = true;
        loop {
            let now = Utc::now();
            if announcements_changed || next_announcement.is_some_and(|due| now >= due) {
                match self.engine.send_due_announcements(now).await {
                    Ok(next) => {
                        next_announcement = next;
                        announcements_changed = false;
                    }
                    Err(e) => tracing::warn!(error = %e, "sending due announcements failed"),
                }
            }
            if deadlines_changed || next_deadline.is_some_and(|end| now >= end) {
                match self.engine.close_past_deadlines(now).await {
                    Ok(run) => {
                        next_deadline = run.next;
                        deadlines_changed = false;
                    }
                    Err(e) => tracing::warn!(error = %e, "closing rounds at their deadline failed"),
                }
            }
            if now >= next_plan {
                match self.engine.plan_reminders(now).await {
                    Ok(planned) => {
                        tracing::debug!(planned, "reminders planned");
                        next_plan = now + PLAN_EVERY;
                        deadlines_changed = true;
                        // Hourly too: owners hear that their vacant places expire soon.
                        match self.engine.remind_vacancies(now).await {
                            Ok(0) => {}
                            Ok(told) => tracing::info!(told, "vacancy owners reminded"),
                            Err(e) => tracing::warn!(error = %e, "vacancy reminders failed"),
                        }
                        // Hourly too: what is past the retention period goes.
                        match self.engine.prune(now).await {
                            Ok((outbox, inbox)) => tracing::debug!(outbox, inbox, "pruned"),
                            Err(e) => tracing::warn!(error = %format!("{e:#}"), "pruning failed"),
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "planning reminders failed");
                        if crate::pause::pause(&mut shutdown, ERROR_PAUSE).await {
                            return;
                        }
                        continue;
                    }
                }
            }
            if let Err(e) = self.send_due().await {
                tracing::warn!(error = %e, "sending reminders failed");
                if crate::pause::pause(&mut shutdown, ERROR_PAUSE).await {
                    return;
                }
                continue;
            }
            let next_due = match self.engine.next_reminder_due().await {
                Ok(due) => due,
                Err(e) => {
                    tracing::warn!(error = %e, "reading the next reminder failed");
                    None
                }
            };
            let wake_at = [next_due, next_deadline, next_announcement]
                .into_iter()
                .flatten()
                .fold(next_plan, DateTime::min);
            let sleep = (wake_at - Utc::now())
                .to_std()
                .unwrap_or(Duration::ZERO)
                // A clock jump, or an event created through another daemon on the same
                // database, is noticed after the idle pause (one index lookup).
                .min(crate::pause::idle_recheck(self.engine.store().as_ref()));
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = changed.notified() => {
                    deadlines_changed = true;
                    announcements_changed = true;
                }
                _ = shutdown.changed() => return,
            }
        }
    }

    /// Hands every due reminder to the engine, batch by batch.
    async fn send_due(&self) -> Result<(), allianz_core::EngineError> {
        loop {
            let run = self.engine.send_due_reminders(Utc::now()).await?;
            if run.sent + run.skipped > 0 {
                tracing::info!(sent = run.sent, skipped = run.skipped, "reminders handled");
            }
            if !run.more {
                return Ok(());
            }
        }
    }
}
