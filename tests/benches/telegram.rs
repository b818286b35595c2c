//! Telegram benchmark (prints figures; not a pass/fail test), against the local Bot API
//! stand-in and a SQLite database:
//!
//!     cargo bench -p allianz-tests --bench telegram
//!
//! 1. Intake: a burst of commands from many people; commands per second until every one is
//!    committed with its reply queued.
//! 2. Added latency, one command at a time: update available → reply request received by the
//!    stand-in, p50/p99.
//! 3. Broadcast: one message to 300 chats while the stand-in enforces Telegram's 30 messages
//!    a second (answering 429 beyond that). The floor is 10 s; the target at most 1.1 × that,
//!    with no message lost.
//! 4. Announcement: an organiser's `/ankuendigung` to 300 connected groups, the same limits;
//!    from the command to the last group's message, and the report's edits.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use allianz_core::message::{Outgoing, RichText};
use allianz_tests::TestDb;
use allianz_tests::telegram::{StandIn, TelegramBot, private, private_target, user};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Waits (up to two minutes) until every chat in `wanted` got a message; returns those that
/// did and the time from `started` to the last of their messages.
async fn delivered_to(
    tg: &StandIn,
    wanted: &HashSet<i64>,
    started: Instant,
) -> (HashSet<i64>, Duration) {
    let mut delivered = HashSet::new();
    while delivered.len() < wanted.len() && started.elapsed() < Duration::from_secs(120) {
        delivered = tg
            .successful("sendmessage")
            .await
            .iter()
            .filter_map(|c| c.chat_id())
            .filter(|c| wanted.contains(c))
            .collect();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let last = tg
        .successful("sendmessage")
        .await
        .iter()
        .filter(|c| c.chat_id().is_some_and(|c| wanted.contains(&c)))
        .map(|c| c.at)
        .max()
        .unwrap_or(started);
    (delivered, last.duration_since(started))
}

async fn queued(db: &TestDb) -> usize {
    db.outbox_rows().await.len()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let burst: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);

    // 1. Intake throughput.
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    for i in 0..burst {
        let person = 10_000 + i as i64;
        tg.say(&private(person, "P"), &user(person, "P"), "/hilfe")
            .await;
    }
    let started = Instant::now();
    let mut bot = TelegramBot::start(&tg, &db, &[]).await;
    while queued(&db).await < burst {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    println!(
        "intake: {burst} commands committed with replies queued in {:.2} s = {:.0} commands/s",
        took.as_secs_f64(),
        burst as f64 / took.as_secs_f64()
    );
    bot.kill();

    // 2. Latency, one command at a time (each from its own chat, so Telegram's per-chat
    //    limit does not add its second).
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    let mut bot = TelegramBot::start(&tg, &db, &[]).await;
    let mut latencies = Vec::new();
    for i in 0..200 {
        let person = 20_000 + i;
        let asked = Instant::now();
        tg.say(&private(person, "P"), &user(person, "P"), "/ich")
            .await;
        let reply = tg
            .wait_for(Duration::from_secs(10), |c| {
                c.method == "sendmessage" && c.chat_id() == Some(person)
            })
            .await
            .expect("reply");
        latencies.push(reply.at.duration_since(asked));
        // Apart enough that Telegram's overall limit never holds a reply back.
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    latencies.sort();
    println!(
        "latency (update available → reply request received), {} commands: p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0
    );
    bot.kill();

    // 3. Broadcast to 300 chats at Telegram's 30 a second.
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    tg.limit_per_second(30).await;
    let mut bot = TelegramBot::start(&tg, &db, &[]).await;
    let chats: Vec<i64> = (0..300).map(|i| 30_000 + i).collect();
    for chat in &chats {
        tg.open_private(*chat).await;
    }
    let messages: Vec<Outgoing> = chats
        .iter()
        .map(|id| {
            Outgoing::new(
                private_target(*id),
                RichText::plain("Einladung zum Netzwerktreffen am Freitag"),
            )
        })
        .collect();
    let started = Instant::now();
    bot.queue(&messages).await;
    let wanted: HashSet<i64> = chats.iter().copied().collect();
    let (delivered, took) = delivered_to(&tg, &wanted, started).await;
    let refused = tg
        .calls()
        .await
        .iter()
        .filter(|c| c.method == "sendmessage" && c.status == 429)
        .count();
    let sent = tg.successful("sendmessage").await.len();
    println!(
        "broadcast: {} of {} chats in {:.2} s = {:.2} × the 10 s floor; {} sends, {} answered 429, {} lost",
        delivered.len(),
        chats.len(),
        took.as_secs_f64(),
        took.as_secs_f64() / 10.0,
        sent,
        refused,
        chats.len() - delivered.len()
    );
    bot.kill();

    // 4. An organiser's announcement to 300 connected groups at Telegram's 30 a second.
    const ORGANISER: i64 = 77;
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    tg.limit_per_second(30).await;
    tg.open_private(ORGANISER).await;
    let mut bot = TelegramBot::start(&tg, &db, &[ORGANISER]).await;
    let groups: Vec<i64> = (0..300).map(|i| -5_000 - i).collect();
    let store = bot.engine.store().clone();
    let mut tx = store.begin().await.unwrap();
    for (n, id) in groups.iter().enumerate() {
        tx.connect_channel(&allianz_tests::open_channel(
            allianz_core::domain::Platform::Telegram,
            &id.to_string(),
            &format!("Gruppe {n}"),
        ))
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let started = Instant::now();
    tg.say(
        &private(ORGANISER, "Olga"),
        &user(ORGANISER, "Olga"),
        "/ankuendigung Netzwerktreffen am Freitag",
    )
    .await;
    let wanted: HashSet<i64> = groups.iter().copied().collect();
    let (delivered, took) = delivered_to(&tg, &wanted, started).await;
    let final_report = tg
        .wait_for(Duration::from_secs(30), |c| {
            c.chat_id() == Some(ORGANISER) && c.text().contains("an 300 von 300")
        })
        .await;
    let edits = tg
        .successful("editmessagetext")
        .await
        .iter()
        .filter(|c| c.chat_id() == Some(ORGANISER))
        .count();
    let refused = tg.calls().await.iter().filter(|c| c.status == 429).count();
    println!(
        "announcement: {} of {} groups in {:.2} s = {:.2} × the 10 s floor; {} answered 429, {} lost; report edited {} times, final report {}",
        delivered.len(),
        groups.len(),
        took.as_secs_f64(),
        took.as_secs_f64() / 10.0,
        refused,
        groups.len() - delivered.len(),
        edits,
        if final_report.is_some() {
            "sent"
        } else {
            "missing"
        }
    );
    bot.kill();
}
