//! The Matrix adapter: the bot sits in the alliance's rooms, plain and end-to-end encrypted.
//!
//! Intake is exactly-once: the adapter keeps its own sync cursor in the database and moves it
//! only after every event of a sync response is committed to the inbox. After a crash the
//! homeserver sends the same events again and the inbox drops the repeats. (The SDK's own
//! stored token moves before our handlers run, so it cannot be the acknowledgement.)

mod deliver;
mod intake;
pub(crate) mod session;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use allianz_core::domain::Platform;
use allianz_core::message::Incoming;
use allianz_core::store::{Store, WalSync};
use anyhow::Context;
use chrono::Utc;
use matrix_sdk::config::{SyncSettings, SyncToken};
use matrix_sdk::room::MessagesOptions;
use matrix_sdk::ruma::api::client::filter::FilterDefinition;
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;
use matrix_sdk::sync::SyncResponse;
use matrix_sdk::{Client, Room};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::MatrixConfig;
use crate::outbox::Outbox;
use crate::pause::pause;
pub use deliver::MatrixDelivery;
use intake::Me;

/// How long the homeserver may hold a sync open when nothing happens. The loop calls
/// `sync_once` back to back: the SDK's own `sync()` sleeps a second after quick responses,
/// which would add that second to every reply.
const LONG_POLL: Duration = Duration::from_secs(30);
/// Events fetched per room and sync; more arrive via back-pagination.
const TIMELINE_LIMIT: u32 = 100;
/// The longest pause between failed syncs: a returning homeserver is noticed soon.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// How far back a gap is filled after downtime.
const BACKFILL_LIMIT: usize = 1000;

pub struct MatrixAdapter {
    client: Client,
    engine: Arc<Engine>,
    store: Arc<dyn Store>,
    outbox: Arc<Outbox>,
    me: Me,
    cursor_name: String,
    /// The logs of matrix-sdk's stores (room state, encryption keys), synced after each sync.
    sdk_logs: Vec<WalSync>,
}

/// The running adapter's tasks; they end when the shutdown signal turns true.
pub struct Running {
    pub sync: JoinHandle<()>,
    pub sender: JoinHandle<()>,
    /// Turns true after the first sync with the homeserver was taken in.
    pub connected: watch::Receiver<bool>,
}

impl Running {
    pub async fn stopped(self) {
        let _ = self.sync.await;
        let _ = self.sender.await;
    }
}

impl MatrixAdapter {
    /// Logs in (or restores the saved session) and prepares intake and delivery.
    pub async fn connect(
        config: &MatrixConfig,
        engine: Arc<Engine>,
        store: Arc<dyn Store>,
    ) -> anyhow::Result<MatrixAdapter> {
        let dir = PathBuf::from(&config.data_dir);
        let client = session::build_client(config, &dir).await?;
        let sdk_logs = session::STORE_FILES
            .iter()
            .map(|file| WalSync::new(&session::store_dir(&dir).join(file)))
            .collect();
        session::sign_in(&client, config, &dir).await?;
        let user_id = client
            .user_id()
            .context("no user after sign-in")?
            .to_owned();
        let display_name = client.account().get_display_name().await.ok().flatten();
        let outbox = Outbox::new(
            engine.clone(),
            Arc::new(MatrixDelivery {
                client: client.clone(),
            }),
        );
        Ok(MatrixAdapter {
            cursor_name: format!("matrix:{user_id}:sync"),
            me: Me {
                user_id,
                display_name,
            },
            client,
            engine,
            store,
            outbox,
            sdk_logs,
        })
    }

    /// Starts the sync loop and the outbox sender.
    pub fn start(self, shutdown: watch::Receiver<bool>) -> Running {
        let sender = tokio::spawn(self.outbox.clone().run(shutdown.clone()));
        let (connected_tx, connected) = watch::channel(false);
        let sync = tokio::spawn(self.sync_loop(connected_tx, shutdown));
        Running {
            sync,
            sender,
            connected,
        }
    }

    fn settings(token: Option<String>, timeout: Duration) -> SyncSettings {
        let mut filter = FilterDefinition::default();
        // The very first sync is history the bot does not answer: one event per room is
        // enough there, and keeps a new login from holding every room's last hundred.
        let limit = if token.is_some() { TIMELINE_LIMIT } else { 1 };
        filter.room.timeline.limit = Some(limit.into());
        let settings = SyncSettings::default()
            .filter(Filter::FilterDefinition(filter))
            .timeout(timeout);
        match token {
            Some(token) => settings.token(token),
            None => settings.token(SyncToken::NoToken),
        }
    }

    async fn sync_loop(self, connected: watch::Sender<bool>, mut shutdown: watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        loop {
            let token = match self.store.cursor(&self.cursor_name).await {
                Ok(token) => token,
                Err(e) => {
                    tracing::error!(error = %e, "reading the Matrix cursor failed");
                    if pause(&mut shutdown, backoff).await {
                        return;
                    }
                    continue;
                }
            };
            let first_start = token.is_none();
            // The backoff grew: the last sync failed.
            let after_failure = backoff > Duration::from_secs(1);
            // An invite that could not be settled is tried again soon, not after a long poll.
            let timeout = if !*connected.borrow() || after_failure {
                // The first sync after a start, or after the homeserver was unreachable,
                // returns at once: the daemon is ready then, and what could not be sent
                // meanwhile goes out now (a long poll would hold that back while the rooms
                // are quiet).
                Duration::ZERO
            } else if self.settle_invites().await {
                LONG_POLL
            } else {
                Duration::from_secs(1)
            };
            let result = tokio::select! {
                r = self.client.sync_once(Self::settings(token, timeout)) => r,
                _ = shutdown.changed() => return,
            };
            let outcome = match result {
                Ok(response) => self.process(response, first_start).await,
                Err(e) => Err(anyhow::Error::new(e).context("sync")),
            };
            match outcome {
                Ok(()) => {
                    connected.send_replace(true);
                    if after_failure {
                        self.outbox.retry_now().await;
                    }
                    backoff = Duration::from_secs(1);
                }
                Err(e) => {
                    // The cursor did not move: the same events come again after the pause.
                    tracing::warn!(error = %format!("{e:#}"), ?backoff, "Matrix sync failed, retrying");
                    if pause(&mut shutdown, backoff).await {
                        return;
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
    }

    async fn process(&self, response: SyncResponse, first_start: bool) -> anyhow::Result<()> {
        self.settle_invites().await;
        // On the very first start, what is already in the rooms is history: not answered.
        if !first_start {
            for (room_id, update) in &response.rooms.joined {
                let Some(room) = self.client.get_room(room_id) else {
                    continue;
                };
                if update.timeline.limited
                    && let Some(prev) = &update.timeline.prev_batch
                {
                    for incoming in self.backfill(&room, prev).await? {
                        self.take_in(&incoming).await?;
                    }
                }
                for incoming in intake::room_events(&room, &update.timeline.events, &self.me).await
                {
                    self.take_in(&incoming).await?;
                }
            }
        }
        // matrix-sdk's state is on disk before the cursor that skips its events can be.
        self.sync_sdk_logs().await?;
        self.store
            .set_cursor(&self.cursor_name, &response.next_batch, Utc::now())
            .await?;
        Ok(())
    }

    /// matrix-sdk's stores commit without syncing (see `.cargo/config.toml`): their logs are
    /// synced here, once per sync, while the replies to its events are already on their way.
    /// It happens before the adapter's cursor moves past the response (a cursor on disk
    /// without the room state it skipped – say, that a room is now encrypted – would leave
    /// the SDK's view behind for good) and before the next sync request acknowledges it
    /// (only then does the homeserver delete to-device messages such as room keys). A power
    /// cut before this costs nothing the homeserver would not send again.
    async fn sync_sdk_logs(&self) -> anyhow::Result<()> {
        let syncs = self.sdk_logs.iter().map(WalSync::sync);
        for result in futures::future::join_all(syncs).await {
            result.context("syncing matrix-sdk's store")?;
        }
        Ok(())
    }

    async fn take_in(&self, incoming: &Incoming) -> anyhow::Result<()> {
        // Replies are picked up by the outbox sender, which the engine wakes after commit.
        self.engine.handle(incoming).await?;
        Ok(())
    }

    /// Events in a gap (`limited` timeline): paginate back until known events, oldest first.
    async fn backfill(&self, room: &Room, prev_batch: &str) -> anyhow::Result<Vec<Incoming>> {
        let mut collected = Vec::new();
        let mut from = Some(prev_batch.to_string());
        'pages: while let Some(token) = from.take() {
            let page = room
                .messages(MessagesOptions::backward().from(token.as_str()))
                .await
                .context("back-pagination")?;
            for event in page.chunk {
                if let Some(id) = event.event_id()
                    && self
                        .store
                        .inbox_contains(Platform::Matrix, id.as_str())
                        .await?
                {
                    break 'pages;
                }
                collected.push(event);
                if collected.len() >= BACKFILL_LIMIT {
                    tracing::warn!(room = %room.room_id(), "gap larger than {BACKFILL_LIMIT} events");
                    break 'pages;
                }
            }
            from = page.end;
        }
        collected.reverse();
        Ok(intake::room_events(room, &collected, &self.me).await)
    }

    /// Joins the rooms that members or admins invited the bot to. An invite shows up in one
    /// sync response only, so every invite the client knows is looked at each round until it
    /// is settled. Returns `false` if one could not be settled yet (retry soon).
    async fn settle_invites(&self) -> bool {
        let mut settled = true;
        for room in self.client.invited_rooms() {
            let invite = match room.invite_details().await {
                Ok(invite) => invite,
                Err(e) => {
                    tracing::warn!(room = %room.room_id(), error = %e, "invite not readable yet");
                    settled = false;
                    continue;
                }
            };
            let trusted = match intake::identity(&invite.inviter_id) {
                Some(identity) => match self.engine.trusts(&identity).await {
                    Ok(trusted) => trusted,
                    Err(e) => {
                        tracing::warn!(error = %e, "checking an inviter failed");
                        settled = false;
                        continue;
                    }
                },
                None => false,
            };
            if !trusted {
                // Left as it is: if the person becomes a member, the invite is accepted then.
                tracing::debug!(room = %room.room_id(), inviter = %invite.inviter_id, "invite from a non-member");
                continue;
            }
            if let Err(e) = room.join().await {
                tracing::warn!(room = %room.room_id(), error = %e, "joining failed; will retry");
                settled = false;
            }
        }
        settled
    }
}
