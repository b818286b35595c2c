//! What the benchmarks read about a process from `/proc`: its resident memory and the CPU
//! time of its threads.

use std::time::Duration;

/// Resident memory of process `pid` in KiB (0 if it cannot be read).
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time of all of process `pid`'s threads so far (`/proc/<pid>/task/*/schedstat`).
pub fn cpu_time(pid: u32) -> Duration {
    let mut total = 0u64;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            if let Ok(text) = std::fs::read_to_string(task.path().join("schedstat"))
                && let Some(ns) = text.split_whitespace().next()
            {
                total += ns.parse::<u64>().unwrap_or(0);
            }
        }
    }
    Duration::from_nanos(total)
}

/// The release daemon next to the running bench (`target/release/deps/..`), or
/// `ALLIANZ_BOT_BIN`.
pub fn release_binary() -> std::path::PathBuf {
    if let Ok(path) = std::env::var("ALLIANZ_BOT_BIN") {
        return path.into();
    }
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("allianz-bot");
    assert!(
        bin.exists(),
        "{} missing: cargo build --release -p allianz-bot",
        bin.display()
    );
    bin
}
