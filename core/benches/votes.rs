//! Spendenparlament vote benchmark (prints figures; not a pass/fail test).
//!
//! 64 members vote at once (`/stimme A3 ja` in the plenary's group, each vote committed
//! before its reply, the cards edited after), changing their votes as they go, on SQLite
//! (always) and PostgreSQL (when `ALLIANZ_TEST_POSTGRES_URL` is set). Two phases: as fast as
//! the engine takes them (votes/s; the latency there is mostly the queue of 64), then paced
//! at a target rate (2,000/s on SQLite, 3,000/s on PostgreSQL), where p50 and p99 count from
//! the moment each vote was due. Then the tally error against what every voter last chose and
//! the recount from the log (must be 0 and "agrees").
//!
//!     cargo bench -p allianz-core --bench votes [-- VOTES_PER_VOTER [VOTERS [SQLITE_RATE [POSTGRES_RATE]]]]

mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use allianz_core::Engine;
use allianz_core::domain::{ApplicationId, Platform, PlatformIdentity, RoundId};
use allianz_core::message::{ChatRef, Incoming, IncomingKind};
use allianz_core::store::{self, Store};
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

/// One phase of voting: each voter casts `per_voter` votes (numbered from `first`), at once
/// or paced so that all voters together offer `rate` votes per second. Returns the time the
/// phase took and each vote's latency; `last` keeps every voter's latest choices.
async fn phase(
    engine: &Arc<Engine>,
    voters: usize,
    per_voter: usize,
    rate: Option<u32>,
    first: usize,
    last: &mut [HashMap<usize, usize>],
) -> (Duration, Vec<Duration>) {
    let start = Instant::now();
    let tasks: Vec<_> = (0..voters)
        .map(|n| {
            let engine = engine.clone();
            tokio::spawn(async move {
                let who = format!("v{n}");
                let mut chosen: HashMap<usize, usize> = HashMap::new();
                let mut times = Vec::with_capacity(per_voter);
                // Paced: this voter's votes are due every `voters / rate` seconds, the voters
                // spread evenly over that interval.
                let every = rate.map(|r| Duration::from_secs_f64(voters as f64 / f64::from(r)));
                for k in 0..per_voter {
                    let i = first + k;
                    let due = match every {
                        Some(every) => {
                            let due = start + every.mul_f64(k as f64 + n as f64 / voters as f64);
                            tokio::time::sleep_until(due.into()).await;
                            due
                        }
                        None => Instant::now(),
                    };
                    let application = 1 + (n + i) % APPLICATIONS;
                    let choice = (n * 7 + i * 3) % CHOICES.len();
                    let text = format!("/stimme A{application} {}", CHOICES[choice]);
                    let incoming = line(&who, &format!("{n}-{i}"), &text, true);
                    engine.handle(&incoming).await.expect("vote");
                    times.push(due.elapsed());
                    chosen.insert(application, choice);
                }
                (times, chosen)
            })
        })
        .collect();
    let mut times = Vec::new();
    for (n, task) in tasks.into_iter().enumerate() {
        let (mut t, chosen) = task.await.unwrap();
        times.append(&mut t);
        last[n].extend(chosen);
    }
    (start.elapsed(), times)
}

async fn bench(label: &str, url: &str, voters: usize, per_voter: usize, rate: u32) {
    let store = store::connect(url).await.expect("store");
    let engine = Arc::new(Engine::new(store.clone(), support::bench_config()));
    // The plenary: members, an initiative, a round with admitted applications, voting open.
    for n in 0..voters {
        let texts = say(&engine, &store, "lokal", &format!("inv{n}"), "/einladen").await;
        let code = texts
            .iter()
            .find_map(|t| support::invitation_code(t))
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

    // Everyone votes at once, changing their mind as they go: as fast as the engine takes
    // them (throughput), then paced at the target rate (latency, measured from the moment
    // each vote was due, so a queue that builds up counts).
    let mut last: Vec<HashMap<usize, usize>> = vec![HashMap::new(); voters];
    let (elapsed, mut flat) = phase(&engine, voters, per_voter, None, 0, &mut last).await;
    let saturated = flat.len() as f64 / elapsed.as_secs_f64();
    flat.sort();
    let (_, mut paced) = phase(&engine, voters, per_voter, Some(rate), per_voter, &mut last).await;
    paced.sort();
    engine.settled().await;
    let mut expected = [[0u32; 3]; APPLICATIONS];
    for choices in &last {
        for (application, choice) in choices {
            expected[application - 1][*choice] += 1;
        }
    }

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
        "\n{label}: {voters} voters at once, {} votes each way; tally error {error}; recount {}\n  \
         as fast as they come: {saturated:.0} votes/s (p50 {:.2?}, p99 {:.2?} with {voters} waiting)\n  \
         paced at {rate} votes/s: p50 {:.2?}, p99 {:.2?}",
        flat.len(),
        if recount.agrees() {
            "agrees"
        } else {
            "DIFFERS"
        },
        percentile(&flat, 0.5),
        percentile(&flat, 0.99),
        percentile(&paced, 0.5),
        percentile(&paced, 0.99),
    );
    store.close().await;
}

fn main() {
    support::run_like_the_daemon("Votes benchmark", run());
}

async fn run() {
    // Arguments: [VOTES_PER_VOTER] [VOTERS] [SQLITE_RATE] [POSTGRES_RATE]
    let numbers = support::numbers();
    let per_voter = numbers.first().copied().unwrap_or(100);
    let voters = numbers.get(1).copied().unwrap_or(64).max(1);
    let sqlite_rate = numbers.get(2).copied().unwrap_or(2_000) as u32;
    let postgres_rate = numbers.get(3).copied().unwrap_or(3_000) as u32;
    let (_dir, url) = support::fresh_sqlite();
    bench("SQLite", &url, voters, per_voter, sqlite_rate).await;

    support::on_fresh_postgres("allianz_votes", |url| async move {
        bench("PostgreSQL", &url, voters, per_voter, postgres_rate).await;
    })
    .await;
}
