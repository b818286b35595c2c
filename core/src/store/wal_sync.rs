//! Commits on disk before anything that depends on them leaves the daemon.
//!
//! The SQLite writer commits with `synchronous=NORMAL`: when a commit returns, it is in the
//! write-ahead log in the operating system's cache – it survives the daemon crashing or being
//! killed, and the database is never corrupted, but a power cut could still take the last
//! commits away. So nothing is sent before the log is synced: the outbox sender, the Telegram
//! listener (before it acknowledges updates) and a button's answer call
//! `Store::make_durable`, which syncs the log once for every commit made before the call.
//! Commands arriving together share one sync, and a command's commit costs no sync of its own.
//! (With `synchronous=FULL` every commit would sync by itself, and one chat's commands could not
//! go faster than the disk syncs.)

use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Mutex;

pub struct WalSync {
    /// `<database>-wal`.
    path: PathBuf,
    /// Calls so far (the number of the newest call).
    requested: AtomicU64,
    /// Every call up to this number is covered by a finished sync. The lock makes callers
    /// that arrive during a sync wait for it and then share the next one.
    covered: Mutex<u64>,
}

impl WalSync {
    /// For the SQLite database at `database` (its log is `<database>-wal`).
    pub fn new(database: &std::path::Path) -> Self {
        let mut path = database.as_os_str().to_owned();
        path.push("-wal");
        Self {
            path: path.into(),
            requested: AtomicU64::new(0),
            covered: Mutex::new(0),
        }
    }

    /// Returns once every commit that returned before this call is on disk.
    pub async fn sync(&self) -> std::io::Result<()> {
        let call = self.requested.fetch_add(1, Ordering::SeqCst) + 1;
        let mut covered = self.covered.lock().await;
        if *covered >= call {
            // A sync that started after this call began has finished meanwhile.
            return Ok(());
        }
        // Every call so far is covered by the sync that starts now.
        let newest = self.requested.load(Ordering::SeqCst);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || match std::fs::File::open(&path) {
            // fdatasync flushes the file, not only what this descriptor wrote: the writer's
            // frames are in the page cache of the same file.
            Ok(file) => file.sync_data(),
            // No log: nothing committed since the database was opened.
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        })
        .await
        .map_err(std::io::Error::other)??;
        *covered = newest;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_call_is_covered_by_a_finished_sync() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        std::fs::write(dir.path().join("a.db-wal"), b"frames").unwrap();
        let sync = std::sync::Arc::new(WalSync::new(&db));
        let calls: Vec<_> = (0..8)
            .map(|_| {
                let sync = sync.clone();
                tokio::spawn(async move { sync.sync().await })
            })
            .collect();
        for call in calls {
            call.await.unwrap().unwrap();
        }
        assert_eq!(*sync.covered.lock().await, 8, "every call is covered");
    }

    #[tokio::test]
    async fn a_missing_log_is_nothing_to_sync() {
        let dir = tempfile::tempdir().unwrap();
        let sync = WalSync::new(&dir.path().join("none.db"));
        sync.sync().await.unwrap();
    }
}
