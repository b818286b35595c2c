//! Engine benchmark (prints figures; not a pass/fail test).
//!
//! Drives `Engine::handle` with a realistic mix — invite, join, accept the code of conduct,
//! register an initiative, search by region, show one — on SQLite (always) and PostgreSQL
//! (when `ALLIANZ_TEST_POSTGRES_URL` is set; a fresh database is created and dropped).
//! Every command is a committed transaction (SQLite: WAL, synchronous=NORMAL; the replies
//! are drained after one sync of the log, as the daemon's sender does).
//!
//!     cargo bench -p allianz-core --bench engine [-- PEOPLE [CLIENTS]]

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use allianz_core::Engine;
use allianz_core::domain::{Platform, PlatformIdentity};
use allianz_core::message::{ChatRef, Incoming, IncomingKind};
use allianz_core::store::{self, Store};
use chrono::Utc;

const REGIONS: &[&str] = &[
    "Suhl",
    "Sömmerda",
    "Hildburghausen",
    "Gotha",
    "Erfurt",
    "Jena",
];

/// One client: its own people, its own timings; all clients share one engine.
struct Run {
    engine: Arc<Engine>,
    store: Arc<dyn Store>,
    client: usize,
    seq: u64,
    timings: BTreeMap<&'static str, Vec<Duration>>,
}

impl Run {
    fn new(engine: Arc<Engine>, store: Arc<dyn Store>, client: usize) -> Run {
        Run {
            engine,
            store,
            client,
            seq: 0,
            timings: BTreeMap::new(),
        }
    }

    async fn cmd(&mut self, label: &'static str, who: &str, text: &str) {
        self.seq += 1;
        let incoming = Incoming {
            event_id: format!("bench-{}-{}", self.client, self.seq),
            chat: ChatRef {
                platform: Platform::Console,
                id: "terminal".into(),
                is_private: true,
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
        };
        let start = Instant::now();
        self.engine.handle(&incoming).await.expect("handle");
        self.timings.entry(label).or_default().push(start.elapsed());
    }

    /// Marks every reply delivered, as the daemon's sender would, and returns their texts.
    async fn drain(&self) -> Vec<String> {
        let mut texts = Vec::new();
        loop {
            let items = self
                .store
                .pending_outbox(Platform::Console, Utc::now(), 1000)
                .await
                .unwrap();
            if items.is_empty() {
                return texts;
            }
            // As the daemon's sender: the commits are synced before the replies go out.
            self.store.make_durable().await.unwrap();
            for item in items {
                self.store
                    .mark_sent(item.id, None, Utc::now())
                    .await
                    .unwrap();
                texts.push(item.message.body.to_plain());
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

/// Invites `people` newcomers; returns their invitation codes.
async fn invite(run: &mut Run, people: usize) -> Vec<String> {
    for _ in 0..people {
        run.cmd("invite", "lokal", "/einladen").await;
    }
    let codes: Vec<String> = run
        .drain()
        .await
        .iter()
        .filter_map(|t| support::invitation_code(t))
        .map(str::to_string)
        .collect();
    assert_eq!(codes.len(), people, "one code per invitation");
    codes
}

/// Each newcomer joins, accepts, registers an initiative, searches by region, shows one.
async fn mix(run: &mut Run, codes: &[String]) {
    for (i, code) in codes.iter().enumerate() {
        let who = format!("c{}p{i}", run.client);
        let region = REGIONS[i % REGIONS.len()];
        run.cmd("join", &who, &format!("/beitreten {code}")).await;
        run.cmd("accept", &who, "/kodex akzeptieren").await;
        let register = format!(
            "/initiative neu Initiative {}-{i} | {region} | Wir tun Gutes | k{i}@example.org | - | Umwelt, Soziales",
            run.client
        );
        run.cmd("register", &who, &register).await;
        let search = format!("/initiativen {}", region.to_lowercase());
        run.cmd("search", &who, &search).await;
        let show = format!("/initiative initiative {}-{i}", run.client);
        run.cmd("show", &who, &show).await;
    }
}

/// The floor under every command: one statement's round trip through the database driver
/// (`SELECT 1`, nothing to read or write). Each statement of a turn costs at least this.
async fn round_trip(url: &str) -> (Duration, Duration) {
    use sqlx::Connection;
    // The same loop for either driver's connection type.
    macro_rules! time {
        ($conn:expr) => {{
            let mut conn = $conn;
            let mut times = Vec::with_capacity(ROUND_TRIPS);
            for _ in 0..ROUND_TRIPS {
                let start = Instant::now();
                sqlx::query("SELECT 1").execute(&mut conn).await.unwrap();
                times.push(start.elapsed());
            }
            times
        }};
    }
    let mut times = if url.starts_with("sqlite") {
        time!(sqlx::SqliteConnection::connect(url).await.unwrap())
    } else {
        time!(sqlx::PgConnection::connect(url).await.unwrap())
    };
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

const ROUND_TRIPS: usize = 5000;

async fn bench(label: &str, url: &str, people: usize, clients: usize) {
    let store = store::connect(url).await.expect("store");
    let (trip_p50, trip_p99) = round_trip(url).await;
    let engine = Arc::new(Engine::new(store.clone(), support::bench_config()));
    let mut admin = Run::new(engine.clone(), store.clone(), 0);
    admin.cmd("bootstrap", "lokal", "/ich").await;
    let start = Instant::now();
    let codes = invite(&mut admin, people).await;
    let invite_time = start.elapsed();

    // The mix runs on `clients` concurrent clients, as several chats would.
    let per_client = people.div_ceil(clients);
    let start = Instant::now();
    let tasks: Vec<_> = codes
        .chunks(per_client)
        .enumerate()
        .map(|(client, chunk)| {
            let mut run = Run::new(engine.clone(), store.clone(), client + 1);
            let chunk = chunk.to_vec();
            tokio::spawn(async move {
                mix(&mut run, &chunk).await;
                run.timings
            })
        })
        .collect();
    let mut timings = admin.timings;
    for task in tasks {
        for (name, mut times) in task.await.unwrap() {
            timings.entry(name).or_default().append(&mut times);
        }
    }
    let mix_time = start.elapsed();
    Run::new(engine.clone(), store.clone(), 0).drain().await;

    let total: usize = timings.values().map(Vec::len).sum();
    let mixed = total - people - 1;
    println!(
        "\n{label}, {clients} client(s): {total} commands; invite {:.0}/s (one client), \
         mix {:.0} commands/s; every command committed",
        people as f64 / invite_time.as_secs_f64(),
        mixed as f64 / mix_time.as_secs_f64(),
    );
    println!(
        "  {:<10} {:>7} {:>10} {:>10}",
        "command", "count", "p50", "p99"
    );
    let mut all = Vec::new();
    for (name, times) in &mut timings {
        times.sort();
        all.extend(times.iter().copied());
        println!(
            "  {:<10} {:>7} {:>10.3?} {:>10.3?}",
            name,
            times.len(),
            percentile(times, 0.5),
            percentile(times, 0.99)
        );
    }
    all.sort();
    println!(
        "  {:<10} {:>7} {:>10.3?} {:>10.3?}",
        "all",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99)
    );
    println!(
        "  one statement's round trip through the driver (SELECT 1): p50 {trip_p50:.1?}, p99 {trip_p99:.1?}"
    );
    store.close().await;
}

fn main() {
    support::run_like_the_daemon("Engine benchmark", run());
}

async fn run() {
    // Arguments: [PEOPLE] [CLIENTS]
    let numbers = support::numbers();
    let people = numbers.first().copied().unwrap_or(2000);
    let clients = numbers.get(1).copied().unwrap_or(1).max(1);
    let (_dir, url) = support::fresh_sqlite();
    bench("SQLite", &url, people, clients).await;

    support::on_fresh_postgres("allianz_bench", |url| async move {
        bench("PostgreSQL", &url, people, clients).await;
    })
    .await;
}
