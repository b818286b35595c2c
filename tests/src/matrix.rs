//! A real Matrix peer for the tests: users on the local Synapse (started by
//! `tests/synapse.sh`), the bot's real adapter in-process, and a second real matrix-sdk client
//! acting as a person.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use allianz_bot::config::MatrixConfig;
use allianz_bot::matrix::{MatrixAdapter, Running};
use allianz_bot::secret::Secret;
use allianz_core::domain::PlatformIdentity;
use allianz_core::{Engine, EngineConfig};
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::client::room::create_room;
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation, RoomMessageEventContent,
};
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedUserId, UserId};
use matrix_sdk::{Client, Room};
use tokio::sync::{Mutex, mpsc, watch};

use crate::TestDb;

/// The variable that names the test homeserver. Set and not answering: the tests fail.
pub const SYNAPSE_ENV: &str = "ALLIANZ_TEST_SYNAPSE_URL";

/// The homeserver URL, or `None` (with a note) when the Matrix tests are not configured.
pub async fn homeserver() -> Option<String> {
    crate::init_logs();
    let Ok(url) = std::env::var(SYNAPSE_ENV) else {
        eprintln!("{SYNAPSE_ENV} not set: Matrix test skipped");
        return None;
    };
    let health = format!("{url}/health");
    let ok = matrix_sdk::reqwest::get(&health)
        .await
        .is_ok_and(|r| r.status().is_success());
    assert!(ok, "{SYNAPSE_ENV}={url} does not answer");
    Some(url)
}

/// Registers a fresh user (open registration on the test server); returns id and password.
pub async fn register(homeserver: &str, prefix: &str) -> (OwnedUserId, String) {
    let (user, password, _) = register_with_token(homeserver, prefix).await;
    (user, password)
}

/// Like `register`, also returning the access token of the registration's device.
pub async fn register_with_token(homeserver: &str, prefix: &str) -> (OwnedUserId, String, String) {
    let name = format!(
        "{prefix}{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    );
    let password = format!("pw-{name}");
    let body = serde_json::json!({
        "username": name,
        "password": password,
        "auth": { "type": "m.login.dummy" },
    });
    let response = matrix_sdk::reqwest::Client::new()
        .post(format!("{homeserver}/_matrix/client/v3/register"))
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("register");
    let text = response.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("register answer");
    let user_id = json["user_id"]
        .as_str()
        .unwrap_or_else(|| panic!("register: {text}"));
    let token = json["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (UserId::parse(user_id).unwrap(), password, token)
}

pub fn identity(user: &UserId) -> PlatformIdentity {
    PlatformIdentity::parse(&format!("matrix:{user}")).unwrap()
}

/// The bot: the real adapter over a real store, running until dropped or stopped.
pub struct MatrixBot {
    pub user_id: OwnedUserId,
    pub engine: Arc<Engine>,
    pub config: MatrixConfig,
    shutdown: watch::Sender<bool>,
    running: Option<Running>,
}

impl MatrixBot {
    /// Registers a bot user and starts the adapter; `admins` may bring it into rooms.
    pub async fn start(
        homeserver: &str,
        db: &TestDb,
        data_dir: &Path,
        admins: Vec<PlatformIdentity>,
    ) -> MatrixBot {
        let (user_id, password) = register(homeserver, "bot").await;
        let config = MatrixConfig {
            homeserver: homeserver.to_string(),
            user: user_id.to_string(),
            password: Some(Secret::new(password)),
            access_token: None,
            // As a careful deployment runs it: session and keys encrypted on disk.
            store_passphrase: Some(Secret::new("ein langer Satz als Passphrase")),
            data_dir: data_dir.display().to_string(),
        };
        Self::start_with(config, user_id, db, admins).await
    }

    /// Starts the adapter with a given configuration (e.g. an access token instead of a
    /// password).
    pub async fn start_with(
        config: MatrixConfig,
        user_id: OwnedUserId,
        db: &TestDb,
        admins: Vec<PlatformIdentity>,
    ) -> MatrixBot {
        let mut admins = admins;
        admins.push(PlatformIdentity::console("lokal").unwrap());
        let engine_config = EngineConfig {
            admins,
            limits: crate::scripted_limits(),
            ..EngineConfig::default()
        };
        let store = db.store().await;
        let engine = Arc::new(Engine::new(store, engine_config));
        let mut bot = MatrixBot {
            user_id,
            engine,
            config,
            shutdown: watch::channel(false).0,
            running: None,
        };
        bot.resume().await;
        bot
    }

    /// (Re)starts the adapter with the same data directory and database.
    /// Connects these rooms as the alliance's open channels, as `/kanal verbinden` in each
    /// would (for tests with more rooms than typing that is worth).
    pub async fn connect_rooms(&self, rooms: &[Room]) {
        let store = self.engine.store().clone();
        let mut tx = store.begin().await.unwrap();
        for (n, room) in rooms.iter().enumerate() {
            tx.connect_channel(&crate::open_channel(
                allianz_core::domain::Platform::Matrix,
                room.room_id().as_str(),
                &format!("Raum {n}"),
            ))
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }

    pub async fn resume(&mut self) {
        let store = self.engine.store().clone();
        let adapter = MatrixAdapter::connect(&self.config, self.engine.clone(), store)
            .await
            .expect("adapter connects");
        let (tx, rx) = watch::channel(false);
        self.shutdown = tx;
        self.running = Some(adapter.start(rx));
    }

    /// Stops the adapter gracefully.
    pub async fn stop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(running) = self.running.take() {
            running.stopped().await;
        }
    }

    /// Kills the adapter's tasks where they are, as a crash would.
    pub fn kill(&mut self) {
        if let Some(running) = self.running.take() {
            running.sync.abort();
            running.sender.abort();
        }
    }
}

/// A message the person's client saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub room: OwnedRoomId,
    pub sender: OwnedUserId,
    pub body: String,
    pub is_notice: bool,
    pub reply_to: Option<OwnedEventId>,
    pub formatted: Option<String>,
    pub event_id: OwnedEventId,
    /// The message this one replaces in place (an edit), if it is an edit.
    pub replaces: Option<OwnedEventId>,
}

/// A person with a real, end-to-end capable Matrix client.
pub struct Person {
    pub client: Client,
    pub user_id: OwnedUserId,
    /// Messages as the client saw them; ones not yet asked for wait in `unclaimed`.
    inbox: Mutex<(mpsc::UnboundedReceiver<Seen>, Vec<Seen>)>,
    sync: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Drop for Person {
    fn drop(&mut self) {
        self.sync.abort();
    }
}

impl Person {
    pub async fn new(homeserver: &str, name: &str) -> Person {
        let (user_id, password) = register(homeserver, name).await;
        let dir = tempfile::tempdir().unwrap();
        let client = Client::builder()
            .homeserver_url(homeserver)
            .sqlite_store(dir.path(), None)
            .build()
            .await
            .unwrap();
        client
            .matrix_auth()
            .login_username(user_id.as_str(), &password)
            .send()
            .await
            .expect("login");
        client.sync_once(SyncSettings::default()).await.unwrap();
        let (tx, rx) = mpsc::unbounded_channel();
        client.add_event_handler(move |ev: OriginalSyncRoomMessageEvent, room: Room| {
            let tx = tx.clone();
            async move {
                let (body, is_notice, formatted) = match &ev.content.msgtype {
                    MessageType::Notice(n) => (
                        n.body.clone(),
                        true,
                        n.formatted.as_ref().map(|f| f.body.clone()),
                    ),
                    MessageType::Text(t) => (
                        t.body.clone(),
                        false,
                        t.formatted.as_ref().map(|f| f.body.clone()),
                    ),
                    MessageType::File(f) => (f.body.clone(), false, None),
                    _ => return,
                };
                let reply_to = match &ev.content.relates_to {
                    Some(Relation::Reply(reply)) => Some(reply.in_reply_to.event_id.clone()),
                    _ => None,
                };
                let replaces = match &ev.content.relates_to {
                    Some(Relation::Replacement(edit)) => Some(edit.event_id.clone()),
                    _ => None,
                };
                let _ = tx.send(Seen {
                    room: room.room_id().to_owned(),
                    sender: ev.sender,
                    body,
                    is_notice,
                    reply_to,
                    formatted,
                    event_id: ev.event_id,
                    replaces,
                });
            }
        });
        let syncing = client.clone();
        let sync = tokio::spawn(async move {
            loop {
                let settings = SyncSettings::default().timeout(Duration::from_secs(5));
                if syncing.sync_once(settings).await.is_err() {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        });
        Person {
            client,
            user_id,
            inbox: Mutex::new((rx, Vec::new())),
            sync,
            _dir: dir,
        }
    }

    /// Creates a room with the bot invited; waits until the bot has joined.
    pub async fn room_with(&self, bot: &UserId, encrypted: bool) -> Room {
        let mut request = create_room::v3::Request::new();
        request.invite = vec![bot.to_owned()];
        let room = self.client.create_room(request).await.expect("create room");
        if encrypted {
            room.enable_encryption().await.expect("encryption");
        }
        self.wait_for_member(&room, bot).await;
        room
    }

    /// Accepts the next invitation to a room (the bot opening a direct chat); returns the room
    /// and whether the invitation marked it as a direct chat.
    pub async fn accept_next_invite(&self) -> (Room, bool) {
        for _ in 0..300 {
            if let Some(room) = self.client.invited_rooms().into_iter().next() {
                // The client learns the invite's `is_direct` flag with the invite itself.
                let mut direct = false;
                for _ in 0..30 {
                    direct = room.is_direct().await.unwrap_or(false);
                    if direct {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                let joined = self
                    .client
                    .join_room_by_id(room.room_id())
                    .await
                    .expect("join");
                return (joined, direct);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no invitation arrived");
    }

    /// Opens a direct chat with the bot, as a messenger app does; waits for the bot to join.
    pub async fn direct_chat_with(&self, bot: &UserId) -> Room {
        let room = self
            .client
            .create_dm(bot)
            .await
            .expect("create direct chat");
        self.wait_for_member(&room, bot).await;
        room
    }

    pub async fn wait_for_member(&self, room: &Room, user: &UserId) {
        // Generous: on a loaded two-core CI machine a join can take a while.
        for _ in 0..600 {
            if let Ok(Some(member)) = room.get_member_no_sync(user).await
                && *member.membership()
                    == matrix_sdk::ruma::events::room::member::MembershipState::Join
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{user} did not join {}", room.room_id());
    }

    pub async fn say(&self, room: &Room, text: &str) -> OwnedEventId {
        room.send(RoomMessageEventContent::text_plain(text))
            .await
            .expect("send")
            .response
            .event_id
    }

    /// Shares a location pin (`m.location` with a `geo:` URI), as Element's "Location" does.
    pub async fn share_location(&self, room: &Room, geo_uri: &str) -> OwnedEventId {
        use matrix_sdk::ruma::events::room::message::{LocationMessageEventContent, MessageType};
        let pin = LocationMessageEventContent::new(format!("Standort: {geo_uri}"), geo_uri.into());
        room.send(RoomMessageEventContent::new(MessageType::Location(pin)))
            .await
            .expect("send")
            .response
            .event_id
    }

    /// The next message from `from` in `room` (others are kept for later), within 30 s.
    pub async fn next_from(&self, room: &Room, from: &UserId) -> Seen {
        self.next_matching(|s| s.room == room.room_id() && s.sender == from)
            .await
            .unwrap_or_else(|| panic!("no message from {from} in {}", room.room_id()))
    }

    /// The next message from `from` in `room` whose text contains `needle`.
    pub async fn next_matching_body(&self, room: &Room, from: &UserId, needle: &str) -> Seen {
        self.next_matching(|s| {
            s.room == room.room_id() && s.sender == from && s.body.contains(needle)
        })
        .await
        .unwrap_or_else(|| panic!("no message from {from} with {needle:?}"))
    }

    /// `from`'s reply to one particular event (history seen on joining does not count).
    pub async fn reply_to(&self, from: &UserId, event: &OwnedEventId) -> Seen {
        self.next_matching(|s| s.sender == from && s.reply_to.as_ref() == Some(event))
            .await
            .unwrap_or_else(|| panic!("no reply from {from} to {event}"))
    }

    /// `from`'s next edit of message `original` whose text contains `needle`.
    pub async fn edit_of(&self, from: &UserId, original: &OwnedEventId, needle: &str) -> Seen {
        self.next_matching(|s| {
            s.sender == from && s.replaces.as_ref() == Some(original) && s.body.contains(needle)
        })
        .await
        .unwrap_or_else(|| panic!("no edit of {original} from {from} with {needle:?}"))
    }

    /// The reply to `event` if `from` sends replies, else simply `from`'s next message there
    /// (the echo client of the benchmark does not mark its answers as replies).
    pub async fn reply_or_next(&self, room: &Room, from: &UserId, event: &OwnedEventId) -> Seen {
        self.next_matching(|s| {
            s.room == room.room_id()
                && s.sender == from
                && (s.reply_to.is_none() || s.reply_to.as_ref() == Some(event))
        })
        .await
        .unwrap_or_else(|| panic!("no answer from {from} to {event}"))
    }

    async fn next_matching(&self, wanted: impl Fn(&Seen) -> bool) -> Option<Seen> {
        let mut guard = self.inbox.lock().await;
        let (inbox, unclaimed) = &mut *guard;
        if let Some(i) = unclaimed.iter().position(&wanted) {
            return Some(unclaimed.remove(i));
        }
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let seen = tokio::time::timeout_at(deadline, inbox.recv())
                .await
                .ok()??;
            if wanted(&seen) {
                return Some(seen);
            }
            unclaimed.push(seen);
        }
    }

    /// Everything `from` said in `room` until `quiet` passes without a message.
    pub async fn drain_from(&self, room: &Room, from: &UserId, quiet: Duration) -> Vec<Seen> {
        let mut guard = self.inbox.lock().await;
        let (inbox, unclaimed) = &mut *guard;
        let wanted = |s: &Seen| s.room == room.room_id() && s.sender == from;
        let (mut out, rest): (Vec<Seen>, Vec<Seen>) = unclaimed.drain(..).partition(wanted);
        *unclaimed = rest;
        while let Ok(Some(seen)) = tokio::time::timeout(quiet, inbox.recv()).await {
            if wanted(&seen) {
                out.push(seen);
            } else {
                unclaimed.push(seen);
            }
        }
        out
    }
}

/// A homeserver of a test's own (its own port and data), for tests that stop and restart it.
pub struct OwnSynapse {
    pub url: String,
    dir: tempfile::TempDir,
    port: u16,
}

impl OwnSynapse {
    fn script(&self, action: &str) -> std::process::Output {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/synapse.sh");
        std::process::Command::new("bash")
            .arg(script)
            .arg(action)
            .env("ALLIANZ_SYNAPSE_DIR", self.dir.path())
            .env("ALLIANZ_SYNAPSE_PORT", self.port.to_string())
            .output()
            .expect("tests/synapse.sh")
    }

    /// Starts one (the Matrix tests must be enabled: see `homeserver`).
    pub async fn start() -> Option<OwnSynapse> {
        Self::start_limited(false).await
    }

    /// Starts one that limits messages as a stock Synapse does (0.2 a second after a burst
    /// of 10).
    pub async fn with_stock_message_limit() -> Option<OwnSynapse> {
        Self::start_limited(true).await
    }

    async fn start_limited(stock_message_limit: bool) -> Option<OwnSynapse> {
        homeserver().await?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let own = OwnSynapse {
            url: format!("http://127.0.0.1:{port}"),
            dir: tempfile::tempdir().unwrap(),
            port,
        };
        let out = std::process::Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/synapse.sh"))
            .arg("start")
            .env("ALLIANZ_SYNAPSE_DIR", own.dir.path())
            .env("ALLIANZ_SYNAPSE_PORT", own.port.to_string())
            .env(
                "ALLIANZ_SYNAPSE_MESSAGE_LIMIT",
                if stock_message_limit { "default" } else { "" },
            )
            .output()
            .expect("tests/synapse.sh");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(own)
    }

    pub fn stop(&self) {
        self.script("stop");
    }

    pub fn resume(&self) {
        let out = self.script("resume");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for OwnSynapse {
    fn drop(&mut self) {
        self.stop();
    }
}
