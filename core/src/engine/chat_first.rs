//! The chat comes first. Work for the chat (a command from intake to commit, a reply from
//! the outbox to the disk sync) marks itself as under way; work that only serves readers –
//! the web view – waits until nothing is under way before it takes its next request. On a
//! daemon with one processor, pages made between a command's steps take the processor (and
//! its caches) between them, although the web thread runs at the lowest priority.
//!
//! The web never waits for ever: a wait ends after `MAX_WAIT`, and after such a wait the
//! web takes its turns without waiting for as long again, so a flood of commands leaves the
//! web at least half of the processor.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The longest the web waits for the chat at a time.
pub const MAX_WAIT: Duration = Duration::from_millis(5);

#[derive(Default)]
pub struct ChatFirst {
    state: Mutex<State>,
    idle: Condvar,
}

#[derive(Default)]
struct State {
    /// Pieces of chat work under way.
    under_way: usize,
    /// Until when waiting is skipped (after a wait that ran out).
    free_until: Option<Instant>,
}

/// How a wait for the chat ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// Nothing was under way (or the web has its turn after a wait that ran out).
    No,
    /// The chat's work was done.
    UntilDone,
    /// The chat was still at work after `MAX_WAIT`.
    RanOut,
}

/// Chat work under way until dropped.
pub struct ChatWork<'a>(&'a ChatFirst);

impl ChatFirst {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Marks chat work as under way until the returned value is dropped.
    pub fn begin(&self) -> ChatWork<'_> {
        self.state().under_way += 1;
        ChatWork(self)
    }

    /// Whether chat work is under way right now.
    pub fn busy(&self) -> bool {
        self.state().under_way > 0
    }

    /// Blocks the calling thread until no chat work is under way, at most `MAX_WAIT` (see
    /// the module). Only for a thread of its own (the web server's): it stops everything
    /// on that thread.
    pub fn wait_for_chat(&self) -> Waited {
        let mut state = self.state();
        if state.under_way == 0 {
            return Waited::No;
        }
        let now = Instant::now();
        if state.free_until.is_some_and(|until| now < until) {
            return Waited::No;
        }
        let deadline = now + MAX_WAIT;
        while state.under_way > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                // The chat keeps the processor busy: the web's turn for as long again.
                state.free_until = Some(Instant::now() + MAX_WAIT);
                return Waited::RanOut;
            }
            state = self
                .idle
                .wait_timeout(state, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        Waited::UntilDone
    }
}

impl Drop for ChatWork<'_> {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.under_way -= 1;
        if state.under_way == 0 {
            drop(state);
            self.0.idle.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_web_waits_while_the_chat_works_and_goes_on_when_it_is_done() {
        let gate = Arc::new(ChatFirst::default());
        let work = gate.begin();
        assert!(gate.busy());
        let waiter = {
            let gate = gate.clone();
            std::thread::spawn(move || gate.wait_for_chat())
        };
        drop(work);
        let waited = waiter.join().unwrap();
        // Either the chat was done before the web looked, or the web waited until it was.
        assert!(
            matches!(waited, Waited::No | Waited::UntilDone),
            "{waited:?}"
        );
        assert!(!gate.busy());
        assert_eq!(gate.wait_for_chat(), Waited::No);
    }

    #[test]
    fn a_chat_that_never_rests_leaves_the_web_its_turns() {
        let gate = ChatFirst::default();
        let _work = gate.begin();
        assert_eq!(gate.wait_for_chat(), Waited::RanOut);
        // Right after a wait that ran out, the web takes its turn without waiting (unless
        // this thread itself was kept off the processor for that long).
        let after = Instant::now();
        let again = gate.wait_for_chat();
        if after.elapsed() < MAX_WAIT {
            assert_eq!(again, Waited::No);
        }
    }
}
