//! Spendenparlament vote benchmark (prints figures; not a pass/fail test).
//!
//! 64 members vote at once (`/stimme A3 ja` in the plenary's group, each vote a committed
//! transaction that also queues the card's edit), changing their votes as they go, on SQLite
//! (always) and PostgreSQL (when `ALLIANZ_TEST_POSTGRES_URL` is set). Prints votes/s, p50 and
//! p99, and the tally error against what every voter last chose (must be 0).
//!
//!     cargo bench -p allianz-core --bench votes [-- VOTES_PER_VOTER [VOTERS]]

mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use allianz_core::domain::{ApplicationId, Platform, PlatformIdentity, RoundId};
use allianz_core::message::{ChatRef, Incoming, IncomingKind};
use allianz_core::store::{self, Store};
use allianz_core::{Engine, EngineConfig};
use chrono::Utc;

const APPLICATIONS: usize = 5;
const CHOICES: [&str; 3] = ["ja", "nein", "enthaltung"];

fn line(who: &str, seq: &str, text: &str, group: bool) -> Incoming {
    Incoming {
        event_id: format!("bench-{seq}"),
        chat: ChatRef {
            platform: Platform::Console,
            id: if group {
                "plenum".into()
            } else {
                format!("chat-{who}")
            },
            is_private: !group,
            encrypted: false,
            title: None,
        },
        sender: PlatformIdentity::console(who).unwrap(),
        sender_name: Some(who.to_string()),
        sender_handle: None,
        at: Utc::now(),
        kind: IncomingKind::Text {
            text: text.to_string(),
        },
    }
}

/// Runs one command and returns the texts it queued (marking them delivered).
async fn say(
    engine: &Engine,
    store: &Arc<dyn Store>,
    who: &str,
    seq: &str,
    text: &str,
) -> Vec<String> {
    engine
        .handle(&line(who, seq, text, false))
        .await
        .expect("handle");
    let mut texts = Vec::new();
    for item in store
        .pending_outbox(Platform::Console, Utc::now(), 1000)
        .await
        .unwrap()
    {
        store.mark_sent(item.id, None, Utc::now()).await.unwrap();
        texts.push(item.message.body.to_plain());
    }
    texts
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn bench(label: &str, url: &str, voters: usize, per_voter: usize) {
    let store = store::connect(url).await.expect("store");
    let config = EngineConfig {
        admins: vec![PlatformIdentity::console("lokal").unwrap()],
        limits: allianz_core::Limits {
            commands_per_minute: u32::MAX,
            invitations_per_day: u32::MAX,
            polls_per_hour: u32::MAX,
        },
        ..EngineConfig::default()
    };
    let engine = Arc::new(Engine::new(store.clone(), config));
    // The plenary: members, an initiative, a round with admitted applications, voting open.
    for n in 0..voters {
        let texts = say(&engine, &store, "lokal", &format!("inv{n}"), "/einladen").await;
        let code = texts
            .iter()
            .flat_map(|t| t.split_whitespace())
            .find(|w| w.len() == 14 && w.as_bytes()[4] == b'-')
            .expect("a code")
            .to_string();
        let who = format!("v{n}");
        say(
            &engine,
            &store,
            &who,
            &format!("join{n}"),
            &format!("/beitreten {code}"),
        )
        .await;
        say(
            &engine,
            &store,
            &who,
            &format!("ok{n}"),
            "/kodex akzeptieren",
        )
        .await;
    }
    say(
        &engine,
        &store,
        "lokal",
        "ini",
        "/initiative neu Tafel Suhl | Suhl | Lebensmittel retten | tafel@suhl.de",
    )
    .await;
    say(
        &engine,
        &store,
        "lokal",
        "round",
        "/runde neu Topf | 10.000 € | Anträge bis 31.12.2099",
    )
    .await;
    for a in 1..=APPLICATIONS {
        say(
            &engine,
            &store,
            "lokal",
            &format!("a{a}"),
            &format!("/antrag Antrag {a} | 100 € | Tafel Suhl | Zweck"),
        )
        .await;
        say(
            &engine,
            &store,
            "lokal",
            &format!("z{a}"),
            &format!("/antrag A{a} zulassen"),
        )
        .await;
    }
    engine
        .handle(&line("lokal", "start", "/abstimmung start", true))
        .await
        .unwrap();

    // Everyone votes at once, changing their mind as they go.
    let start = Instant::now();
    let tasks: Vec<_> = (0..voters)
        .map(|n| {
            let engine = engine.clone();
            tokio::spawn(async move {
                let who = format!("v{n}");
                let mut last: HashMap<usize, usize> = HashMap::new();
                let mut times = Vec::with_capacity(per_voter);
                for i in 0..per_voter {
                    let application = 1 + (n + i) % APPLICATIONS;
                    let choice = (n * 7 + i * 3) % CHOICES.len();
                    let text = format!("/stimme A{application} {}", CHOICES[choice]);
                    let incoming = line(&who, &format!("{n}-{i}"), &text, true);
                    let t = Instant::now();
                    engine.handle(&incoming).await.expect("vote");
                    times.push(t.elapsed());
                    last.insert(application, choice);
                }
                (times, last)
            })
        })
        .collect();
    let mut times = Vec::new();
    let mut expected = [[0u32; 3]; APPLICATIONS];
    for task in tasks {
        let (mut t, last) = task.await.unwrap();
        times.append(&mut t);
        for (application, choice) in last {
            expected[application - 1][choice] += 1;
        }
    }
    let elapsed = start.elapsed();
    times.sort();

    // Tally error: live counts and the recount from the log against every voter's last choice.
    let mut error = 0i64;
    let mut tx = store.begin_read().await.unwrap();
    for (i, want) in expected.iter().enumerate() {
        let tally = tx.tally(ApplicationId(i as i64 + 1)).await.unwrap();
        error += (i64::from(tally.yes) - i64::from(want[0])).abs()
            + (i64::from(tally.no) - i64::from(want[1])).abs()
            + (i64::from(tally.abstain) - i64::from(want[2])).abs();
    }
    let recount = allianz_core::engine::recount(&mut *tx, RoundId(1))
        .await
        .unwrap()
        .unwrap();
    drop(tx);
    println!(
        "\n{label}: {voters} voters at once, {} votes in {:.2?}: {:.0} votes/s; p50 {:.2?}, p99 {:.2?}; \
         tally error {error}; recount {}",
        times.len(),
        elapsed,
        times.len() as f64 / elapsed.as_secs_f64(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        if recount.agrees() {
            "agrees"
        } else {
            "DIFFERS"
        }
    );
    store.close().await;
}

#[tokio::main]
async fn main() {
    // Arguments: [VOTES_PER_VOTER] [VOTERS]
    let numbers = support::numbers();
    let per_voter = numbers.first().copied().unwrap_or(100);
    let voters = numbers.get(1).copied().unwrap_or(64).max(1);
    let (_dir, url) = support::fresh_sqlite();
    bench("SQLite", &url, voters, per_voter).await;

    support::on_fresh_postgres("allianz_votes", |url| async move {
        bench("PostgreSQL", &url, voters, per_voter).await;
    })
    .await;
}
