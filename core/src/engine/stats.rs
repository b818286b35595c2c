//! Counters of what the engine did since the daemon started, for the operator's `/metrics`
//! (the daemon exposes them in Prometheus format). Plain atomics: counting costs a command
//! nothing worth measuring, and nothing here names a person or holds what anyone wrote.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::domain::Platform;

/// The upper bounds (seconds) of the reminder-lateness buckets: on time, a few seconds, a
/// minute, … up to the grace period's scale.
pub const LATENESS_BUCKETS: [f64; 8] = [1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 1800.0, 3600.0];

#[derive(Default)]
pub struct Stats {
    commands: Mutex<BTreeMap<&'static str, u64>>,
    events: Mutex<BTreeMap<&'static str, u64>>,
    outcomes: Mutex<BTreeMap<&'static str, u64>>,
    delivered: Mutex<BTreeMap<&'static str, u64>>,
    delivery_failures: Mutex<BTreeMap<&'static str, u64>>,
    lateness: Lateness,
}

#[derive(Default)]
struct Lateness {
    /// One more than the buckets: the last counts what is later than every bound.
    counts: [AtomicU64; LATENESS_BUCKETS.len() + 1],
    sum_ms: AtomicU64,
}

/// A copy of the counters at one moment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsSnapshot {
    /// Commands by their key (`event`, `vote`, …).
    pub commands: BTreeMap<&'static str, u64>,
    /// Incoming events by kind (`text`, `reaction_added`, …).
    pub events: BTreeMap<&'static str, u64>,
    /// How events ended: `processed`, `refused` (answered with an error, nothing changed),
    /// `duplicate`, `failed` (not committed; the platform repeats it), `set_aside`.
    pub outcomes: BTreeMap<&'static str, u64>,
    pub delivered: BTreeMap<&'static str, u64>,
    /// Sends that failed (retried later or given up), by messenger.
    pub delivery_failures: BTreeMap<&'static str, u64>,
    /// Reminders sent, counted per bucket (not cumulative; the last: later than all bounds).
    pub lateness_counts: Vec<u64>,
    pub lateness_sum_seconds: f64,
}

fn bump(map: &Mutex<BTreeMap<&'static str, u64>>, key: &'static str) {
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    *map.entry(key).or_default() += 1;
}

fn copy(map: &Mutex<BTreeMap<&'static str, u64>>) -> BTreeMap<&'static str, u64> {
    map.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

impl Stats {
    pub(crate) fn command(&self, key: &'static str) {
        bump(&self.commands, key);
    }

    pub(crate) fn event(&self, kind: &'static str) {
        bump(&self.events, kind);
    }

    pub(crate) fn outcome(&self, outcome: &'static str) {
        bump(&self.outcomes, outcome);
    }

    /// The outbox sender delivered a message.
    pub fn delivered(&self, platform: Platform) {
        bump(&self.delivered, platform.as_str());
    }

    /// The outbox sender could not deliver a message (it is tried again, or given up).
    pub fn delivery_failed(&self, platform: Platform) {
        bump(&self.delivery_failures, platform.as_str());
    }

    /// A reminder went out this long after it was due.
    pub(crate) fn reminder_late(&self, late: chrono::Duration) {
        let seconds = late.num_milliseconds().max(0) as f64 / 1000.0;
        let bucket = LATENESS_BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(LATENESS_BUCKETS.len());
        self.lateness.counts[bucket].fetch_add(1, Ordering::Relaxed);
        self.lateness
            .sum_ms
            .fetch_add(late.num_milliseconds().max(0) as u64, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            commands: copy(&self.commands),
            events: copy(&self.events),
            outcomes: copy(&self.outcomes),
            delivered: copy(&self.delivered),
            delivery_failures: copy(&self.delivery_failures),
            lateness_counts: self
                .lateness
                .counts
                .iter()
                .map(|c| c.load(Ordering::Relaxed))
                .collect(),
            lateness_sum_seconds: self.lateness.sum_ms.load(Ordering::Relaxed) as f64 / 1000.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lateness_falls_into_the_first_bucket_that_holds_it() {
        let stats = Stats::default();
        stats.reminder_late(chrono::Duration::milliseconds(300));
        stats.reminder_late(chrono::Duration::seconds(61));
        stats.reminder_late(chrono::Duration::hours(2));
        let snap = stats.snapshot();
        assert_eq!(snap.lateness_counts[0], 1);
        assert_eq!(snap.lateness_counts[4], 1, "61 s: up to 300 s");
        assert_eq!(snap.lateness_counts[8], 1, "later than every bound");
        assert!((snap.lateness_sum_seconds - 7261.3).abs() < 0.01);
    }
}
