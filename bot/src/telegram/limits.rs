//! Telegram's sending limits (Bot FAQ): about 30 messages a second overall, one a second per
//! chat, 20 a minute per group; beyond that Telegram answers 429 with `retry_after`.
//!
//! Each send reserves the earliest moment that keeps every limit and sleeps until then. An idle
//! bot therefore answers at once, and a broadcast runs at the overall rate. (teloxide's
//! `Throttle` checks its queue every 250 ms, which added up to a quarter second to every
//! reply, and its window drifted past Telegram's so broadcasts met 429s.)

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::ops::Bound;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The smallest gap between two sends anywhere: 1/30 s, and a little more, so no window
    /// of one second ever holds more than 30 (also after the network's jitter).
    pub overall_gap: Duration,
    /// The smallest gap between two sends into one chat.
    pub chat_gap: Duration,
    /// Sends per minute into one group.
    pub group_per_minute: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            overall_gap: Duration::from_millis(35),
            chat_gap: Duration::from_secs(1),
            group_per_minute: 20,
        }
    }
}

#[derive(Default)]
struct State {
    /// Reserved send times, past ones pruned.
    overall: BTreeSet<Instant>,
    chats: HashMap<i64, VecDeque<Instant>>,
    /// After a 429: nothing goes out before this.
    frozen_until: Option<Instant>,
}

pub struct SendLimiter {
    limits: Limits,
    state: Mutex<State>,
}

const MINUTE: Duration = Duration::from_secs(60);

/// Telegram gives groups negative chat ids; people's private chats have positive ones.
fn is_group(chat: i64) -> bool {
    chat < 0
}

impl SendLimiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            state: Mutex::new(State::default()),
        }
    }

    /// Waits until a message to `chat` may go out (the moment is reserved for it).
    pub async fn acquire(&self, chat: i64) {
        let at = self.reserve(chat, Instant::now());
        tokio::time::sleep_until(at).await;
    }

    /// Telegram said "too many requests": hold every send for `after`.
    pub fn freeze(&self, after: Duration) {
        let until = Instant::now() + after;
        if let Ok(mut state) = self.state.lock() {
            state.frozen_until = Some(state.frozen_until.map_or(until, |u| u.max(until)));
        }
    }

    /// The earliest moment a message to `chat` could go, judged by that chat's own limits
    /// and a 429 pause (nothing is reserved). The outbox uses it to put a busy chat's
    /// messages aside instead of waiting for them while other chats could be served.
    pub fn chat_ready_at(&self, chat: i64) -> Instant {
        let now = Instant::now();
        match self.state.lock() {
            Ok(mut guard) => self.chat_earliest(&mut guard, chat, now),
            Err(_) => now,
        }
    }

    fn chat_earliest(&self, state: &mut State, chat: i64, now: Instant) -> Instant {
        let mut at = now.max(state.frozen_until.unwrap_or(now));
        let horizon = now.checked_sub(MINUTE).unwrap_or(now);
        let Some(history) = state.chats.get_mut(&chat) else {
            return at;
        };
        while history.front().is_some_and(|t| *t < horizon) {
            history.pop_front();
        }
        // One chat's reservations only grow, so its limits look at its latest ones.
        if let Some(last) = history.back() {
            at = at.max(*last + self.limits.chat_gap);
        }
        let per_minute = self.limits.group_per_minute;
        if is_group(chat) && history.len() >= per_minute {
            at = at.max(history[history.len() - per_minute] + MINUTE);
        }
        at
    }

    fn reserve(&self, chat: i64, now: Instant) -> Instant {
        let Ok(mut guard) = self.state.lock() else {
            return now;
        };
        let state = &mut *guard;
        // Past reservations no longer constrain anything.
        state.overall = state
            .overall
            .split_off(&now.checked_sub(self.limits.overall_gap).unwrap_or(now));
        if state.chats.len() > 1000 {
            let horizon = now.checked_sub(MINUTE).unwrap_or(now);
            state
                .chats
                .retain(|_, h| h.back().is_some_and(|t| *t >= horizon));
        }
        let mut at = self.chat_earliest(state, chat, now);
        // The earliest moment from `at` on that keeps the overall gap to every reservation.
        let gap = self.limits.overall_gap;
        loop {
            let from = at.checked_sub(gap).unwrap_or(at);
            let near = (Bound::Excluded(from), Bound::Excluded(at + gap));
            match state.overall.range(near).next_back() {
                Some(taken) => at = *taken + gap,
                None => break,
            }
        }
        state.overall.insert(at);
        state.chats.entry(chat).or_default().push_back(at);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> SendLimiter {
        SendLimiter::new(Limits::default())
    }

    #[test]
    fn an_idle_bot_sends_at_once() {
        let l = limiter();
        let now = Instant::now();
        assert_eq!(l.reserve(5, now), now);
        assert_eq!(
            l.reserve(6, now + Duration::from_secs(2)),
            now + Duration::from_secs(2)
        );
    }

    #[test]
    fn no_second_holds_more_than_thirty_sends() {
        let l = limiter();
        let now = Instant::now();
        let mut times: Vec<Instant> = (0..300).map(|chat| l.reserve(chat, now)).collect();
        times.sort();
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
                .count();
            assert!(in_window <= 30, "{in_window} sends within a second");
        }
        let took = times[299].duration_since(now);
        assert!(took < Duration::from_millis(10_500), "{took:?}");
    }

    #[test]
    fn one_chat_gets_one_message_a_second_and_a_group_twenty_a_minute() {
        let l = limiter();
        let now = Instant::now();
        let private: Vec<Instant> = (0..3).map(|_| l.reserve(42, now)).collect();
        assert_eq!(
            private[1].duration_since(private[0]),
            Duration::from_secs(1)
        );
        assert_eq!(
            private[2].duration_since(private[1]),
            Duration::from_secs(1)
        );
        let group: Vec<Instant> = (0..21).map(|_| l.reserve(-42, now)).collect();
        assert_eq!(group[20].duration_since(group[0]), MINUTE);
        // Another chat is not held up by the busy one.
        let other = l.reserve(43, now);
        assert!(other.duration_since(now) < Duration::from_millis(200));
    }

    #[test]
    fn a_busy_chat_is_seen_as_busy_without_reserving() {
        let l = limiter();
        let now = Instant::now();
        l.reserve(42, now);
        l.reserve(42, now);
        let ready = l.chat_ready_at(42);
        assert!(ready.duration_since(now) >= Duration::from_secs(2));
        assert_eq!(l.chat_ready_at(42), ready, "asking reserves nothing");
        assert!(l.chat_ready_at(43) <= Instant::now());
    }

    #[test]
    fn a_429_holds_every_send() {
        let l = limiter();
        l.freeze(Duration::from_secs(3));
        let at = l.reserve(7, Instant::now());
        assert!(at.duration_since(Instant::now()) > Duration::from_millis(2900));
    }
}
