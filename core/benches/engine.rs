//! Engine benchmark (prints figures; not a pass/fail test).
//!
//! Drives `Engine::handle` with a realistic mix — invite, join, accept the code of conduct,
//! register an initiative, search by region, show one — on SQLite (always) and PostgreSQL
//! (when `ALLIANZ_TEST_POSTGRES_URL` is set; a fresh database is created and dropped).
//! Every command is a committed transaction (SQLite: WAL, synchronous=FULL).
//!
//!     cargo bench -p allianz-core --bench engine [-- PEOPLE]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use allianz_core::domain::{Platform, PlatformIdentity};
use allianz_core::message::{ChatRef, Incoming, IncomingKind};
use allianz_core::store::{self, Store};
use allianz_core::{Engine, EngineConfig};
use chrono::Utc;

const REGIONS: &[&str] = &[
    "Suhl",
    "Sömmerda",
    "Hildburghausen",
    "Gotha",
    "Erfurt",
    "Jena",
];

struct Run {
    engine: Engine,
    store: Arc<dyn Store>,
    seq: u64,
    timings: BTreeMap<&'static str, Vec<Duration>>,
    busy: Duration,
}

impl Run {
    async fn new(url: &str) -> Run {
        let store = store::connect(url).await.expect("store");
        let config = EngineConfig {
            admins: vec![PlatformIdentity::console("lokal").unwrap()],
            ..EngineConfig::default()
        };
        Run {
            engine: Engine::new(store.clone(), config),
            store,
            seq: 0,
            timings: BTreeMap::new(),
            busy: Duration::ZERO,
        }
    }

    async fn cmd(&mut self, label: &'static str, who: &str, text: &str) {
        self.seq += 1;
        let incoming = Incoming {
            event_id: format!("bench-{}", self.seq),
            chat: ChatRef {
                platform: Platform::Console,
                id: "terminal".into(),
                is_private: true,
            },
            sender: PlatformIdentity::console(who).unwrap(),
            sender_name: Some(who.to_string()),
            at: Utc::now(),
            kind: IncomingKind::Text {
                text: text.to_string(),
            },
        };
        let start = Instant::now();
        self.engine.handle(&incoming).await.expect("handle");
        let took = start.elapsed();
        self.busy += took;
        self.timings.entry(label).or_default().push(took);
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

async fn bench(label: &str, url: &str, people: usize) {
    let mut run = Run::new(url).await;
    run.cmd("bootstrap", "lokal", "/ich").await;
    // Invitations first, so the mix can join with real codes.
    for _ in 0..people {
        run.cmd("invite", "lokal", "/einladen").await;
    }
    let codes: Vec<String> = run
        .drain()
        .await
        .iter()
        .filter_map(|t| {
            t.split_whitespace()
                .find(|w| w.len() == 9 && w.as_bytes()[4] == b'-')
        })
        .map(str::to_string)
        .collect();
    assert_eq!(codes.len(), people, "one code per invitation");
    for (i, code) in codes.iter().enumerate() {
        let who = format!("p{i}");
        let region = REGIONS[i % REGIONS.len()];
        run.cmd("join", &who, &format!("/beitreten {code}")).await;
        run.cmd("accept", &who, "/kodex akzeptieren").await;
        run.cmd(
            "register",
            &who,
            &format!(
                "/initiative neu Initiative {i} | {region} | Wir tun Gutes | kontakt{i}@example.org | - | Umwelt, Soziales"
            ),
        )
        .await;
        run.cmd(
            "search",
            &who,
            &format!("/initiativen {}", region.to_lowercase()),
        )
        .await;
        run.cmd("show", &who, &format!("/initiative initiative {i}"))
            .await;
        if i % 500 == 499 {
            run.drain().await;
        }
    }
    run.drain().await;

    let total: usize = run.timings.values().map(Vec::len).sum();
    println!(
        "\n{label}: {total} commands, {:.0} commands/s (one client, each command committed)",
        total as f64 / run.busy.as_secs_f64()
    );
    println!(
        "  {:<10} {:>7} {:>10} {:>10}",
        "command", "count", "p50", "p99"
    );
    let mut all = Vec::new();
    for (name, times) in &mut run.timings {
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
    run.store.close().await;
}

#[tokio::main]
async fn main() {
    let people: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    bench("SQLite", &url, people).await;

    if let Ok(admin_url) = std::env::var("ALLIANZ_TEST_POSTGRES_URL") {
        use sqlx::Connection;
        let name = format!("allianz_bench_{}", std::process::id());
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("postgres");
        let create = format!("CREATE DATABASE {name}");
        sqlx::raw_sql(sqlx::AssertSqlSafe(create))
            .execute(&mut conn)
            .await
            .unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        bench("PostgreSQL", &format!("{base}/{name}"), people).await;
        let drop = format!("DROP DATABASE {name} WITH (FORCE)");
        sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
            .execute(&mut conn)
            .await
            .unwrap();
    } else {
        println!("\n(PostgreSQL skipped: set ALLIANZ_TEST_POSTGRES_URL)");
    }
}
