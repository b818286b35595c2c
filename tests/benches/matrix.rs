//! Matrix benchmark (prints figures; not a pass/fail test). Needs a homeserver:
//!
//!     ./tests/synapse.sh start
//!     ALLIANZ_TEST_SYNAPSE_URL=http://127.0.0.1:18448 cargo bench -p allianz-tests --bench matrix
//!
//! 1. Reply latency (message sent → reply seen by the other client), p50/p95 over 100
//!    messages, for the bot and for a bare echo client on the same server (the floor).
//! 2. The daemon's RSS (the real `allianz-bot` binary) once it has joined and synced 50 rooms,
//!    and again after a restart.
//! 3. An announcement to 50 rooms (the test homeserver lifts the rate limit): time from the
//!    command until a member's client has seen it in every room, for the bot and for a bare
//!    matrix-sdk client sending the same text to the same 50 rooms one after another.

#![recursion_limit = "256"]

use std::time::{Duration, Instant};

use allianz_tests::TestDb;
use allianz_tests::matrix::{MatrixBot, Person, homeserver, identity, register};
use allianz_tests::measure::rss_kib;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, RoomMessageEventContent,
};
use matrix_sdk::{Client, Room};

const ROUNDS: usize = 100;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// A bare echo bot: answers every text with a notice, nothing else (the floor).
async fn echo_bot(hs: &str) -> (Client, tokio::task::JoinHandle<()>) {
    let client = bare_client(hs, "echo").await;
    let user = client.user_id().unwrap().to_owned();
    client.sync_once(SyncSettings::default()).await.unwrap();
    let me = user.clone();
    client.add_event_handler(move |ev: OriginalSyncRoomMessageEvent, room: Room| {
        let me = me.clone();
        async move {
            if ev.sender == me {
                return;
            }
            if let MessageType::Text(text) = ev.content.msgtype {
                let reply = RoomMessageEventContent::notice_plain(format!("echo {}", text.body));
                let _ = room.send(reply).await;
            }
        }
    });
    client.add_event_handler(
        |ev: matrix_sdk::ruma::events::room::member::StrippedRoomMemberEvent,
         room: Room,
         client: Client| async move {
            if Some(ev.state_key.as_ref()) == client.user_id() {
                let _ = room.join().await;
            }
        },
    );
    let syncing = client.clone();
    // The same tuned loop as the adapter: sync_once back to back, no idle sleep.
    let task = tokio::spawn(async move {
        loop {
            let settings = SyncSettings::default().timeout(Duration::from_secs(30));
            if syncing.sync_once(settings).await.is_err() {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    });
    (client, task)
}

/// A logged-in client that does nothing by itself.
async fn bare_client(hs: &str, name: &str) -> Client {
    let (user, password) = register(hs, name).await;
    let dir = tempfile::tempdir().unwrap().keep();
    let client = Client::builder()
        .homeserver_url(hs)
        .sqlite_store(dir, None)
        .build()
        .await
        .unwrap();
    client
        .matrix_auth()
        .login_username(user.as_str(), &password)
        .send()
        .await
        .unwrap();
    client
}

/// Waits until `watcher` has seen a message with `needle` from `from` in every room.
async fn seen_everywhere(
    watcher: &Person,
    rooms: &[Room],
    from: &matrix_sdk::ruma::UserId,
    needle: &str,
) {
    for room in rooms {
        watcher.next_matching_body(room, from, needle).await;
    }
}

/// Section 3: the same announcement to 50 rooms by a bare client and by the bot.
async fn announcement_to_50_rooms(hs: &str, alice: &Person) -> (Duration, Duration) {
    const ROOMS: usize = 50;
    let herald = bare_client(hs, "herald").await;
    let herald_id = herald.user_id().unwrap().to_owned();
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = MatrixBot::start(hs, &db, dir.path(), vec![identity(&alice.user_id)]).await;
    let mut rooms = Vec::new();
    for _ in 0..ROOMS {
        let mut request = matrix_sdk::ruma::api::client::room::create_room::v3::Request::new();
        request.invite = vec![bot.user_id.clone(), herald_id.clone()];
        let room = alice.client.create_room(request).await.unwrap();
        herald.join_room_by_id(room.room_id()).await.unwrap();
        alice.wait_for_member(&room, &bot.user_id).await;
        rooms.push(room);
    }
    let text = "Ankündigung: Netzwerktreffen am Freitag, 18 Uhr im Rathaus";

    // The floor: one send after the other, as a plain client does.
    let start = Instant::now();
    for room in &rooms {
        let room = herald.get_room(room.room_id()).expect("joined");
        room.send(RoomMessageEventContent::text_plain(text))
            .await
            .unwrap();
    }
    seen_everywhere(alice, &rooms, &herald_id, "Netzwerktreffen").await;
    let floor = start.elapsed();

    // The bot: the 50 rooms connected as channels, the announcement typed in its terminal.
    bot.connect_rooms(&rooms).await;
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    let start = Instant::now();
    console
        .say(
            "lokal",
            "/ankuendigung Netzwerktreffen am Freitag, 18 Uhr im Rathaus",
        )
        .await;
    seen_everywhere(alice, &rooms, &bot.user_id, "Netzwerktreffen").await;
    let ours = start.elapsed();
    bot.stop().await;
    (floor, ours)
}

async fn round_trips(
    person: &Person,
    room: &Room,
    from: &matrix_sdk::ruma::UserId,
    text: &str,
) -> Vec<Duration> {
    let mut times = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let asked = person.say(room, text).await;
        person.reply_or_next(room, from, &asked).await;
        times.push(start.elapsed());
    }
    times.sort();
    times
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Some(hs) = homeserver().await else {
        eprintln!("set ALLIANZ_TEST_SYNAPSE_URL (./tests/synapse.sh start)");
        return;
    };
    let alice = Person::new(&hs, "alice").await;

    // The floor.
    let (echo, echo_task) = echo_bot(&hs).await;
    let echo_id = echo.user_id().unwrap().to_owned();
    let room = alice.room_with(&echo_id, false).await;
    let floor = round_trips(&alice, &room, &echo_id, "ping").await;
    echo_task.abort();

    // The bot: the real adapter, engine and SQLite store.
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = MatrixBot::start(&hs, &db, dir.path(), vec![identity(&alice.user_id)]).await;
    let room = alice.room_with(&bot.user_id, false).await;
    let ours = round_trips(&alice, &room, &bot.user_id, "!ich").await;
    bot.stop().await;

    println!("\nReply latency over {ROUNDS} messages (sent → reply seen by the other client):");
    println!("  {:<22} {:>10} {:>10}", "", "p50", "p95");
    for (label, t) in [("bare echo client", &floor), ("allianz-bot", &ours)] {
        println!(
            "  {label:<22} {:>10.1?} {:>10.1?}",
            percentile(t, 0.5),
            percentile(t, 0.95)
        );
    }
    println!(
        "  p50 ratio bot/floor: {:.2} (target ≤ 1.05)",
        percentile(&ours, 0.5).as_secs_f64() / percentile(&floor, 0.5).as_secs_f64()
    );

    let (floor, ours) = announcement_to_50_rooms(&hs, &alice).await;
    println!("\nAnnouncement to 50 rooms (command → seen in every room by a member's client):");
    println!("  bare matrix-sdk client, one send after the other: {floor:>10.1?}");
    println!("  allianz-bot /ankuendigung:                        {ours:>10.1?}");
    println!(
        "  ratio bot/bare client: {:.2}",
        ours.as_secs_f64() / floor.as_secs_f64()
    );

    // RSS of the daemon in 50 rooms.
    let (bot_user, bot_password) = register(&hs, "rssbot").await;
    let work = tempfile::tempdir().unwrap();
    let binary = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("allianz-bot");
    let spawn = || {
        std::process::Command::new(&binary)
            .current_dir(work.path())
            .env("ALLIANZ__MATRIX__HOMESERVER", &hs)
            .env("ALLIANZ__MATRIX__USER", bot_user.as_str())
            .env("ALLIANZ__MATRIX__PASSWORD", &bot_password)
            .env(
                "ALLIANZ__ALLIANCE__ADMINS",
                format!("[\"matrix:{}\"]", alice.user_id),
            )
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("allianz-bot binary (cargo build --release -p allianz-bot)")
    };
    let mut daemon = spawn();
    let mut rooms = Vec::new();
    for _ in 0..50 {
        let mut request = matrix_sdk::ruma::api::client::room::create_room::v3::Request::new();
        request.invite = vec![bot_user.clone()];
        rooms.push(alice.client.create_room(request).await.unwrap());
    }
    for room in &rooms {
        alice.wait_for_member(room, &bot_user).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let in_50_rooms = rss_kib(daemon.id());
    let _ = std::process::Command::new("kill")
        .arg(daemon.id().to_string())
        .status();
    let _ = daemon.wait();
    let mut daemon = spawn();
    tokio::time::sleep(Duration::from_secs(5)).await;
    let after_restart = rss_kib(daemon.id());
    let _ = std::process::Command::new("kill")
        .arg(daemon.id().to_string())
        .status();
    let _ = daemon.wait();
    println!(
        "\nDaemon RSS with 50 rooms (target ≤ 100 MB; binary: {}):",
        binary.display()
    );
    println!(
        "  after joining and syncing 50 rooms: {:.1} MB",
        in_50_rooms as f64 / 1024.0
    );
    println!(
        "  after a restart (initial sync):     {:.1} MB",
        after_restart as f64 / 1024.0
    );
}
