//! Waiting that gives way to a shutdown.

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
