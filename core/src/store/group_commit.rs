//! Group commit for the single SQLite writer. Turns that queue for the writer while one is at
//! work join the transaction that is open, each after the first inside its own savepoint, and
//! one `COMMIT` ends them together. Nobody's `commit` returns before that `COMMIT` has
//! finished (and no reply goes out before the log is synced, see `wal_sync`); a turn that
//! fails or is dropped is rolled back alone (to its savepoint, or the whole transaction if it
//! is the only one in it). Without a queue (one command at a time) this is a plain
//! transaction.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection, SqlitePool};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

use super::{Result, StoreError};

/// A group is committed after this many turns, or once it is this old, even while more wait:
/// it bounds how long the first turn of a busy moment waits for its reply.
const MAX_TURNS: usize = 48;
const MAX_AGE: Duration = Duration::from_millis(10);

/// How the open group ended, for the turns that wait on it.
type Outcome = Option<std::result::Result<(), String>>;

#[derive(Clone)]
pub(crate) struct GroupCommit {
    pool: SqlitePool,
    writer: Arc<Mutex<Writer>>,
    /// Turns waiting for the writer: while there are some, a finished turn hands over instead
    /// of committing.
    waiting: Arc<AtomicUsize>,
}

#[derive(Default)]
struct Writer {
    open: Option<Group>,
    /// Told after every commit (the checkpoints wait for it).
    committed: Arc<tokio::sync::Notify>,
    /// A turn was dropped before it committed: it is undone before anything else happens.
    abandoned: Option<Undo>,
}

/// How a turn's writes are undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Undo {
    /// It wrote nothing yet.
    Nothing,
    /// It opened the group and is alone in it: the whole transaction (no savepoint needed,
    /// which saves two round trips whenever commands come one at a time).
    Group,
    /// Back to its savepoint; the turns before it stay.
    Savepoint,
}

struct Group {
    conn: PoolConnection<Sqlite>,
    outcome: watch::Sender<Outcome>,
    turns: usize,
    since: Instant,
}

impl GroupCommit {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self {
            pool,
            writer: Arc::new(Mutex::new(Writer::default())),
            waiting: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A signal after commits, for work that follows them (checkpoints).
    pub(crate) async fn committed(&self) -> Arc<tokio::sync::Notify> {
        self.writer.lock().await.committed.clone()
    }

    /// A turn of its own inside the open group (or a new one).
    pub(crate) async fn begin(&self) -> Result<GroupTx> {
        let writer = {
            let mut queued = Queued::new(self);
            let writer = self.writer.clone().lock_owned().await;
            queued.served = true;
            writer
        };
        // From here on, a turn given up half-way (its future dropped) still lets the group
        // end: see `Drop for GroupTx`.
        let mut turn = GroupTx {
            writer: Some(writer),
            owner: self.clone(),
            undo: Undo::Nothing,
        };
        let writer = turn.writer.as_mut().expect("just taken");
        undo_abandoned(writer).await?;
        if writer.open.is_none() {
            let mut conn = self.pool.acquire().await?;
            start_group(&mut conn).await?;
            writer.open = Some(Group {
                conn,
                outcome: watch::channel(None).0,
                turns: 0,
                since: Instant::now(),
            });
            turn.undo = Undo::Group;
            return Ok(turn);
        }
        let group = writer.open.as_mut().expect("a group is open");
        if let Err(e) = sqlx::query("SAVEPOINT turn")
            .execute(&mut *group.conn)
            .await
        {
            fail(writer, &e.to_string()).await;
            return Err(e.into());
        }
        turn.undo = Undo::Savepoint;
        Ok(turn)
    }

    /// Ends the open group if nobody is left to end it: after a turn was given up while
    /// others waited for the group's commit.
    fn end_orphaned_group(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let owner = self.clone();
        runtime.spawn(async move {
            let mut writer = owner.writer.clone().lock_owned().await;
            if writer.open.is_some()
                && undo_abandoned(&mut writer).await.is_ok()
                && owner.waiting.load(Ordering::SeqCst) == 0
            {
                let _ = finish(&mut writer, "COMMIT").await;
            }
        });
    }
}

/// Counts a turn as waiting for the writer for as long as it waits. One that gives up
/// waiting may have been counted on to continue the group: it ends the group then.
struct Queued<'a> {
    owner: &'a GroupCommit,
    served: bool,
}

impl<'a> Queued<'a> {
    fn new(owner: &'a GroupCommit) -> Self {
        owner.waiting.fetch_add(1, Ordering::SeqCst);
        Self {
            owner,
            served: false,
        }
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        let left = self.owner.waiting.fetch_sub(1, Ordering::SeqCst) - 1;
        if !self.served && left == 0 {
            self.owner.end_orphaned_group();
        }
    }
}

/// Opens a group's transaction on the writer connection. IMMEDIATE takes the write lock up
/// front: a second process on the same file waits (busy timeout) instead of failing half-way
/// with "database is locked".
///
/// A turn given up while its `BEGIN` or its group's `COMMIT` was on the way to SQLite (the
/// task was aborted, say) returns the connection to the pool inside a transaction, and every
/// later `BEGIN` would fail. What that transaction holds was never committed and nobody waits
/// for it (the group's turns were told it failed, their events come again): it is rolled back.
async fn start_group(conn: &mut SqliteConnection) -> Result<()> {
    match sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await {
        Ok(_) => Ok(()),
        Err(e) if left_inside_a_transaction(&e) => {
            tracing::debug!("the writer connection was left inside a transaction: rolled back");
            sqlx::query("ROLLBACK; BEGIN IMMEDIATE")
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

fn left_inside_a_transaction(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| {
        e.message()
            .contains("cannot start a transaction within a transaction")
    })
}

/// Rolls back what a dropped turn left. The mark is cleared only once that is done: a task
/// interrupted here leaves it for the next turn.
async fn undo_abandoned(writer: &mut Writer) -> Result<()> {
    let Some(undo) = writer.abandoned else {
        return Ok(());
    };
    let Some(group) = writer.open.as_mut() else {
        writer.abandoned = None;
        return Ok(());
    };
    let undone = match undo {
        Undo::Nothing => {
            writer.abandoned = None;
            return Ok(());
        }
        Undo::Savepoint => {
            sqlx::query("ROLLBACK TO turn; RELEASE turn")
                .execute(&mut *group.conn)
                .await
        }
        Undo::Group => {
            // Alone in its group: nobody waits on the group's outcome.
            let result = sqlx::query("ROLLBACK").execute(&mut *group.conn).await;
            if result.is_ok() {
                writer.open = None;
            }
            result
        }
    };
    if let Err(e) = undone {
        fail(writer, &e.to_string()).await;
        return Err(e.into());
    }
    writer.abandoned = None;
    Ok(())
}

/// Ends the open group with `COMMIT` (in one round trip with what precedes it) and tells
/// every turn in it how that went.
async fn finish(writer: &mut Writer, commit: &'static str) -> Result<()> {
    let Some(mut group) = writer.open.take() else {
        return Ok(());
    };
    let result = sqlx::query(commit).execute(&mut *group.conn).await;
    match result {
        Ok(_) => {
            group.outcome.send_replace(Some(Ok(())));
            writer.committed.notify_one();
            Ok(())
        }
        Err(e) => {
            let _ = sqlx::query("ROLLBACK").execute(&mut *group.conn).await;
            group.outcome.send_replace(Some(Err(e.to_string())));
            Err(e.into())
        }
    }
}

/// Gives up the open group after an error: everything in it is rolled back and the turns
/// waiting on it are told (their events are taken in again when the platform repeats them).
async fn fail(writer: &mut Writer, error: &str) {
    writer.abandoned = None;
    if let Some(mut group) = writer.open.take() {
        let _ = sqlx::query("ROLLBACK").execute(&mut *group.conn).await;
        group.outcome.send_replace(Some(Err(error.to_string())));
    }
}

/// One turn's part of a group: the writer connection, held until the turn commits or drops.
pub(crate) struct GroupTx {
    writer: Option<OwnedMutexGuard<Writer>>,
    owner: GroupCommit,
    /// How dropping the turn undoes its writes.
    undo: Undo,
}

impl GroupTx {
    fn group(&mut self) -> &mut Group {
        self.writer
            .as_mut()
            .and_then(|w| w.open.as_mut())
            .expect("a turn always has its group open")
    }

    /// Ends the turn (releases its savepoint) and waits until its group is committed.
    pub(crate) async fn commit(mut self) -> Result<()> {
        let mut writer = self.writer.take().expect("not committed twice");
        let group = writer
            .open
            .as_mut()
            .expect("a turn always has its group open");
        group.turns += 1;
        let more_waiting = self.owner.waiting.load(Ordering::SeqCst) > 0;
        let savepoint = self.undo == Undo::Savepoint;
        if more_waiting && group.turns < MAX_TURNS && group.since.elapsed() < MAX_AGE {
            if savepoint && let Err(e) = sqlx::query("RELEASE turn").execute(&mut *group.conn).await
            {
                fail(&mut writer, &e.to_string()).await;
                return Err(e.into());
            }
            // Someone queues behind: they continue the group, and whoever ends it commits
            // for everyone in it.
            let mut outcome = group.outcome.subscribe();
            drop(writer);
            let ended = outcome
                .wait_for(Option::is_some)
                .await
                .map(|o| o.clone())
                .unwrap_or_else(|_| Some(Err("the group commit ended without a word".into())));
            return match ended {
                Some(Ok(())) => Ok(()),
                Some(Err(e)) => Err(StoreError::GroupCommit(e)),
                None => Err(StoreError::GroupCommit("no outcome".into())),
            };
        }
        finish(
            &mut writer,
            if savepoint {
                "RELEASE turn; COMMIT"
            } else {
                "COMMIT"
            },
        )
        .await
    }
}

impl Drop for GroupTx {
    fn drop(&mut self) {
        let Some(mut writer) = self.writer.take() else {
            return;
        };
        // Dropped without commit: its writes are undone by whoever takes the writer next.
        // If nobody queues, the group must still end, or the turns in it would wait forever.
        writer.abandoned = Some(self.undo);
        let nobody_waiting = self.owner.waiting.load(Ordering::SeqCst) == 0;
        drop(writer);
        if nobody_waiting {
            self.owner.end_orphaned_group();
        }
    }
}

impl Deref for GroupTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        self.writer
            .as_ref()
            .and_then(|w| w.open.as_ref())
            .expect("a turn always has its group open")
            .conn
            .deref()
    }
}

impl DerefMut for GroupTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.group().conn
    }
}

#[cfg(test)]
mod tests {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

    use super::*;

    async fn rows(pool: &SqlitePool) -> Vec<i64> {
        sqlx::query_scalar("SELECT x FROM t ORDER BY x")
            .fetch_all(pool)
            .await
            .unwrap()
    }

    /// A daemon killed while a turn's `BEGIN` was under way leaves the writer connection in
    /// the pool inside a transaction; the next turns must still go through (they used to fail
    /// with "cannot start a transaction within a transaction", and nothing was taken in).
    #[tokio::test]
    async fn a_connection_left_inside_a_transaction_does_not_stall_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("t.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&pool)
            .await
            .unwrap();
        let writer = GroupCommit::new(pool.clone());
        {
            let mut conn = pool.acquire().await.unwrap();
            sqlx::query("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        for x in [2, 3] {
            let mut turn = writer.begin().await.expect("a turn begins");
            sqlx::query("INSERT INTO t VALUES (?)")
                .bind(x)
                .execute(&mut *turn)
                .await
                .unwrap();
            turn.commit().await.expect("the turn commits");
        }
        assert_eq!(
            rows(&pool).await,
            vec![2, 3],
            "the interrupted write is gone"
        );
    }
}
