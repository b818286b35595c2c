//! Waiting: pauses that give way to a shutdown, and how long idle loops sleep.

use tokio::sync::watch;

/// Sleeps for `pause`, unless the daemon is told to stop first (then returns true). The
/// adapters' retry loops wait with it, so a shutdown never waits out a backoff.
pub(crate) async fn pause(
    shutdown: &mut watch::Receiver<bool>,
    pause: std::time::Duration,
) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(pause) => false,
        _ = shutdown.changed() => true,
    }
}

/// How long an idle loop (outbox sender, scheduler) sleeps without a signal. Every change made
/// in this process wakes it at once; with other daemons on the same database (PostgreSQL)
/// their changes are only seen by looking, so it looks every few seconds. Alone on a SQLite
/// file the long pause only catches a jump of the wall clock, and an idle daemon stays asleep.
pub(crate) fn idle_recheck(store: &dyn allianz_core::store::Store) -> std::time::Duration {
    if store.shared_with_other_daemons() {
        std::time::Duration::from_secs(10)
    } else {
        std::time::Duration::from_secs(300)
    }
}
