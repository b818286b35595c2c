//! Reminder scheduler benchmark (prints figures; not a pass/fail test), the daemon's own
//! scheduler loop over a real SQLite database (PostgreSQL too when
//! `ALLIANZ_TEST_POSTGRES_URL` is set):
//!
//!     cargo bench -p allianz-tests --bench reminders [-- COUNT SECONDS]
//!
//! 1. Lateness: COUNT reminders (default 100,000) due spread over SECONDS (default 100);
//!    for each, due → claimed with its messages in the outbox, p50/p99/max.
//! 2. Idle: the scheduler's CPU time over 10 s with only far-future reminders pending.
//! 3. Memory: resident set size with 1,000 and with COUNT reminders pending.
//!
//! Targets: p99 ≤ 100 ms, idle CPU ≈ 0, memory not growing with the count.

use std::sync::Arc;
use std::time::Duration;

use allianz_bot::scheduler::Scheduler;
use allianz_core::domain::Event;
use allianz_core::{Engine, EngineConfig};
use allianz_tests::TestDb;
use chrono::{DateTime, Utc};
use tokio::sync::watch;

/// Reminders per event: each (event, date, offset) is one reminder.
const PER_EVENT: usize = 100;

fn event(now: DateTime<Utc>) -> Event {
    let first = (now + chrono::Duration::days(30))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .naive_local();
    // No reminders of their own: planning adds nothing, the bench plans them itself.
    allianz_tests::test_event(first, None, Vec::new(), now)
}

/// Plans `count` reminders, the i-th due at `due(i)`.
async fn plan(engine: &Engine, count: usize, due: impl Fn(usize) -> DateTime<Utc>) {
    let now = Utc::now();
    let mut tx = engine.store().begin().await.unwrap();
    let mut planned = 0;
    while planned < count {
        let e = event(now);
        let id = tx.insert_event(&e).await.unwrap();
        tx.add_event_channel(id, &e.chat).await.unwrap();
        for offset in 0..PER_EVENT.min(count - planned) {
            tx.plan_reminder(id, e.schedule.first.date(), offset as u32 + 1, due(planned))
                .await
                .unwrap();
            planned += 1;
        }
        if planned % 10_000 == 0 {
            tx.commit().await.unwrap();
            tx = engine.store().begin().await.unwrap();
        }
    }
    tx.commit().await.unwrap();
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// CPU time of this process so far.
fn cpu_time() -> Duration {
    allianz_tests::measure::cpu_time(std::process::id())
}

fn rss_mib() -> f64 {
    allianz_tests::measure::rss_kib(std::process::id()) as f64 / 1024.0
}

async fn lateness(db: &TestDb, count: usize, seconds: u64) {
    let engine = Arc::new(Engine::new(db.store().await, EngineConfig::default()));
    // Room for planning them all first (well over 2,000 a second on this machine).
    let start = Utc::now() + chrono::Duration::seconds(5 + count as i64 / 2000);
    let spread = chrono::Duration::milliseconds((seconds * 1000) as i64);
    plan(&engine, count, |i| start + spread * i as i32 / count as i32).await;
    let planned_in = Utc::now();
    assert!(
        planned_in < start,
        "planning took too long: use fewer reminders"
    );
    let (stop_tx, stop) = watch::channel(false);
    let scheduler = Scheduler::new(engine.clone()).start(stop);
    let end = start + spread + chrono::Duration::seconds(3);
    tokio::time::sleep((end - Utc::now()).to_std().unwrap_or_default()).await;
    let _ = stop_tx.send(true);
    scheduler.await.unwrap();
    let store = engine.store().clone();
    drop(engine);
    store.close().await;
    let rows = db.handled_reminders().await;
    let mut late: Vec<i64> = rows.iter().map(|(due, done)| (done - due) / 1000).collect();
    late.sort_unstable();
    println!(
        "{}: {} of {count} reminders (due over {seconds} s) handed to the outbox; lateness \
         p50 {} ms, p99 {} ms, max {} ms",
        db.kind(),
        late.len(),
        percentile(&late, 0.5),
        percentile(&late, 0.99),
        late.last().copied().unwrap_or_default()
    );
}

async fn idle_and_memory(db: &TestDb, count: usize) {
    let engine = Arc::new(Engine::new(db.store().await, EngineConfig::default()));
    let far = Utc::now() + chrono::Duration::days(20);
    let before = rss_mib();
    plan(&engine, 1000, |_| far).await;
    let (stop_tx, stop) = watch::channel(false);
    let scheduler = Scheduler::new(engine.clone()).start(stop);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let with_1000 = rss_mib();
    plan(&engine, count - 1000, |_| far).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let with_count = rss_mib();
    let cpu_before = cpu_time();
    tokio::time::sleep(Duration::from_secs(10)).await;
    let idle = cpu_time() - cpu_before;
    let _ = stop_tx.send(true);
    scheduler.await.unwrap();
    println!(
        "{}: idle with {count} pending: {} ms CPU in 10 s ({:.2} %)",
        db.kind(),
        idle.as_millis(),
        idle.as_secs_f64() / 10.0 * 100.0
    );
    println!(
        "{}: resident memory {:.1} MiB before, {:.1} MiB with 1,000 pending, {:.1} MiB with \
         {count} pending",
        db.kind(),
        before,
        with_1000,
        with_count
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes `--bench`; numbers are ours.
    let numbers: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let count = numbers.first().copied().unwrap_or(100_000) as usize;
    let seconds = numbers.get(1).copied().unwrap_or(100);
    let mut dbs = vec![TestDb::sqlite()];
    if let Some(pg) = TestDb::postgres().await {
        dbs.push(pg);
    }
    for db in &dbs {
        lateness(db, count, seconds).await;
    }
    for db in dbs {
        let fresh = match db {
            TestDb::Postgres { .. } => TestDb::postgres().await.unwrap(),
            _ => TestDb::sqlite(),
        };
        idle_and_memory(&fresh, count).await;
        fresh.cleanup().await;
        db.cleanup().await;
    }
}
