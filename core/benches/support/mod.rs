//! What the benchmarks share: their numeric arguments and a fresh database for one run.

use std::future::Future;

use sqlx::Connection;

/// Runs `bench` on a database of its own (created and dropped again) when
/// `ALLIANZ_TEST_POSTGRES_URL` names a server; says so when it does not.
pub async fn on_fresh_postgres<F, Fut>(prefix: &str, bench: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let Ok(admin_url) = std::env::var("ALLIANZ_TEST_POSTGRES_URL") else {
        println!("\n(PostgreSQL skipped: set ALLIANZ_TEST_POSTGRES_URL)");
        return;
    };
    let name = format!("{prefix}_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("postgres");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    bench(format!("{base}/{name}")).await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}

/// The numbers on the command line, in order (cargo bench passes its own flags too).
pub fn numbers() -> Vec<usize> {
    std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect()
}

/// A SQLite database in a temporary directory that lives as long as the returned guard.
pub fn fresh_sqlite() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    (dir, url)
}

/// The invitation code in a reply (`ABCD-EFGH-JKLM`), if there is one.
pub fn invitation_code(text: &str) -> Option<&str> {
    text.split_whitespace()
        .find(|w| w.len() == 14 && w.as_bytes()[4] == b'-' && w.as_bytes()[9] == b'-')
}

/// The engine's settings for a benchmark: `lokal` is the admin, and nobody is held back by
/// the per-person limits (a benchmark types faster than any person).
pub fn bench_config() -> allianz_core::EngineConfig {
    allianz_core::EngineConfig {
        admins: vec![allianz_core::domain::PlatformIdentity::console("lokal").unwrap()],
        limits: allianz_core::Limits {
            commands_per_minute: u32::MAX,
            invitations_per_day: u32::MAX,
            polls_per_hour: u32::MAX,
        },
        ..allianz_core::EngineConfig::default()
    }
}

/// Runs a benchmark the way the daemon runs: one runtime thread, and all threads on one
/// processor (`[runtime] one_cpu`, on by default); `ALLIANZ_BENCH_ALL_CPUS=1` lets them
/// spread, for comparison.
pub fn run_like_the_daemon<F: Future<Output = ()>>(name: &str, bench: F) {
    // Before the runtime and the database threads start: they inherit it.
    println!("{name}: one runtime thread, {}", placement());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(bench);
}

fn placement() -> &'static str {
    if std::env::var_os("ALLIANZ_BENCH_ALL_CPUS").is_some() {
        return "threads on every processor";
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::thread::{CpuSet, sched_getcpu, sched_setaffinity};
        let mut set = CpuSet::new();
        set.set(sched_getcpu());
        if sched_setaffinity(None, &set).is_ok() {
            return "threads on one processor";
        }
    }
    "threads on every processor"
}
