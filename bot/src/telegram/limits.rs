//! Telegram's sending limits (Bot FAQ): about 30 messages a second overall, 20 a minute per
//! group, and in one chat about one a second, where "short bursts" are tolerated; beyond that
//! Telegram answers 429 with `retry_after`.
//!
//! Each chat has a burst budget refilled at one message a second (a token bucket): a chat
//! that has been quiet takes up to `chat_burst` messages at once, so a person typing several
//! commands in a row is answered at once, and over any longer stretch the chat still gets
//! one a second. Groups also keep 20 in any minute. All chats together keep 30 in any window
//! of a little over a second: a reservation is never earlier than the one before it, so the
//! count is exact. A chat waits for its own budget before it takes a place in that window,
//! so a busy chat never holds up the others. After a 429 nothing goes out for `retry_after`.
//! (teloxide's `Throttle` checks its queue every 250 ms, which added up to a quarter second
//! to every reply, and its window drifted past Telegram's so broadcasts met 429s.)

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Sends allowed anywhere in any `overall_window`.
    pub overall_per_window: usize,
    /// A second and a little more, so no second ever holds more than `overall_per_window`
    /// (also after the network's jitter).
    pub overall_window: Duration,
    /// How many messages a quiet chat takes at once.
    pub chat_burst: u32,
    /// The long-run gap between two messages into one chat.
    pub chat_interval: Duration,
    /// Sends per minute into one group.
    pub group_per_minute: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            overall_per_window: 30,
            overall_window: Duration::from_millis(1050),
            // `telegram.chat_burst` (see its default in `config.rs`).
            chat_burst: 60,
            chat_interval: Duration::from_secs(1),
            group_per_minute: 20,
        }
    }
}

/// One chat's budget.
struct Chat {
    /// When the bucket would be full again if nothing more were sent (the "theoretical
    /// arrival time" of the generic cell rate algorithm).
    full_at: Instant,
    /// A group's sends of the last minute.
    recent: VecDeque<Instant>,
}

#[derive(Default)]
struct State {
    /// Reserved send times, in order; those older than the window pruned.
    overall: VecDeque<Instant>,
    chats: HashMap<i64, Chat>,
    /// After a 429: nothing goes out before this.
    frozen_until: Option<Instant>,
}

pub struct SendLimiter {
    limits: Limits,
    state: Mutex<State>,
}

const MINUTE: Duration = Duration::from_secs(60);
/// Above this many chats, those back at a full budget are forgotten.
const REMEMBERED_CHATS: usize = 1000;

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
        loop {
            match self.reserve(chat, Instant::now()) {
                // A reservation for now goes at once: tokio's timer would round even a
                // deadline already passed up to its next millisecond tick, and that tick was
                // most of an interactive reply's time.
                Ok(at) if at <= Instant::now() => return,
                Ok(at) => return tokio::time::sleep_until(at).await,
                // The chat's own budget is spent: wait for it without holding a place.
                Err(ready) => tokio::time::sleep_until(ready).await,
            }
        }
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
        let Some(budget) = state.chats.get_mut(&chat) else {
            return at;
        };
        // The bucket holds `chat_burst`: a send fits once `full_at` is at most that many
        // intervals minus one ahead.
        let tolerance = self.limits.chat_interval * self.limits.chat_burst.saturating_sub(1);
        if let Some(fits) = budget.full_at.checked_sub(tolerance) {
            at = at.max(fits);
        }
        let horizon = now.checked_sub(MINUTE).unwrap_or(now);
        while budget.recent.front().is_some_and(|t| *t < horizon) {
            budget.recent.pop_front();
        }
        let per_minute = self.limits.group_per_minute;
        if is_group(chat) && budget.recent.len() >= per_minute {
            at = at.max(budget.recent[budget.recent.len() - per_minute] + MINUTE);
        }
        at
    }

    /// Reserves the next moment for a message to `chat` if the chat's own budget allows
    /// one now; else says when it will.
    fn reserve(&self, chat: i64, now: Instant) -> Result<Instant, Instant> {
        let Ok(mut guard) = self.state.lock() else {
            return Ok(now);
        };
        let state = &mut *guard;
        let ready = self.chat_earliest(state, chat, now);
        if ready > now {
            return Err(ready);
        }
        let window = self.limits.overall_window;
        while state.overall.front().is_some_and(|t| *t + window <= now) {
            state.overall.pop_front();
        }
        // Never before the last reservation, and at least a window after the one
        // `overall_per_window` places back: no window then holds more than that.
        let mut at = now.max(state.overall.back().copied().unwrap_or(now));
        let n = self.limits.overall_per_window;
        if n > 0 && state.overall.len() >= n {
            at = at.max(state.overall[state.overall.len() - n] + window);
        }
        state.overall.push_back(at);
        if state.chats.len() > REMEMBERED_CHATS {
            state.chats.retain(|_, c| {
                c.full_at > now || c.recent.back().is_some_and(|t| *t + MINUTE > now)
            });
        }
        let interval = self.limits.chat_interval;
        let budget = state.chats.entry(chat).or_insert(Chat {
            full_at: at,
            recent: VecDeque::new(),
        });
        budget.full_at = budget.full_at.max(at) + interval;
        if is_group(chat) {
            budget.recent.push_back(at);
        }
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> SendLimiter {
        SendLimiter::new(Limits::default())
    }

    /// Reserves as `acquire` would at `now`, waiting (in pretend time) for the chat's budget.
    fn take(l: &SendLimiter, chat: i64, mut now: Instant) -> Instant {
        loop {
            match l.reserve(chat, now) {
                Ok(at) => return at,
                Err(ready) => now = ready,
            }
        }
    }

    fn most_in_a_window(times: &[Instant], window: Duration) -> usize {
        let mut sorted = times.to_vec();
        sorted.sort();
        (0..sorted.len())
            .map(|i| {
                sorted[i..]
                    .iter()
                    .take_while(|u| u.duration_since(sorted[i]) < window)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn an_idle_bot_sends_at_once() {
        let l = limiter();
        let now = Instant::now();
        assert_eq!(take(&l, 5, now), now);
        assert_eq!(
            take(&l, 6, now + Duration::from_secs(2)),
            now + Duration::from_secs(2)
        );
    }

    #[test]
    fn no_second_holds_more_than_thirty_sends() {
        let l = limiter();
        let now = Instant::now();
        let times: Vec<Instant> = (0..300).map(|chat| take(&l, chat, now)).collect();
        assert_eq!(most_in_a_window(&times, Duration::from_secs(1)), 30);
        let took = times.iter().max().unwrap().duration_since(now);
        assert!(took < Duration::from_millis(10_500), "{took:?}");
    }

    #[test]
    fn a_quiet_chat_answers_a_burst_at_once_then_one_a_second() {
        let l = limiter();
        let now = Instant::now();
        // A hundred commands, each typed 5 ms after the reply to the one before.
        let mut asked = now;
        let mut times = Vec::new();
        let mut at_once = 0;
        for _ in 0..100 {
            let at = take(&l, 42, asked);
            if at == asked {
                at_once += 1;
            }
            times.push(at);
            asked = at + Duration::from_millis(5);
        }
        assert!(at_once >= 55, "{at_once} of 100 answered at once");
        assert_eq!(most_in_a_window(&times, Duration::from_secs(1)), 30);
        // Once the budget is spent, one a second.
        let tail = &times[70..];
        for pair in tail.windows(2) {
            assert!(pair[1].duration_since(pair[0]) >= Duration::from_secs(1));
        }
    }

    #[test]
    fn a_group_gets_twenty_a_minute() {
        let l = limiter();
        let now = Instant::now();
        let group: Vec<Instant> = (0..21).map(|_| take(&l, -42, now)).collect();
        assert_eq!(group[19], now, "twenty at once");
        assert_eq!(group[20].duration_since(group[0]), MINUTE);
    }

    /// Sends a group its twenty of this minute.
    fn spend_group_minute(l: &SendLimiter, group: i64, now: Instant) {
        for _ in 0..20 {
            take(l, group, now);
        }
    }

    #[test]
    fn a_busy_chat_holds_up_no_other_chat() {
        let l = limiter();
        let now = Instant::now();
        spend_group_minute(&l, -42, now);
        // The group's minute is used up: it waits, and takes no place meanwhile.
        let ready = l.reserve(-42, now).unwrap_err();
        assert_eq!(ready, now + MINUTE);
        for chat in 1..=10 {
            assert_eq!(l.reserve(chat, now), Ok(now), "chat {chat}");
        }
    }

    #[test]
    fn a_busy_chat_is_seen_as_busy_without_reserving() {
        let l = limiter();
        let now = Instant::now();
        spend_group_minute(&l, -42, now);
        let ready = l.chat_ready_at(-42);
        assert!(ready.duration_since(now) >= Duration::from_secs(59));
        assert_eq!(l.chat_ready_at(-42), ready, "asking reserves nothing");
        assert!(l.chat_ready_at(43) <= Instant::now());
    }

    #[test]
    fn a_429_holds_every_send() {
        let l = limiter();
        l.freeze(Duration::from_secs(3));
        let at = take(&l, 7, Instant::now());
        assert!(at.duration_since(Instant::now()) > Duration::from_millis(2900));
    }

    /// The clock stands still unless the runtime waits for a timer, so it shows whether a
    /// send waited for one.
    #[tokio::test(start_paused = true)]
    async fn a_chat_with_budget_left_sends_without_waiting_for_a_timer() {
        let l = limiter();
        // Between two of the timer's millisecond ticks, as a real reply almost always is.
        tokio::time::advance(Duration::from_micros(300)).await;
        let start = Instant::now();
        for _ in 0..3 {
            l.acquire(4242).await;
        }
        assert_eq!(
            Instant::now(),
            start,
            "three replies in a row go out at once"
        );
        // The overall limit still spaces sends once its window is full.
        for chat in 0..40 {
            l.acquire(chat).await;
        }
        assert!(Instant::now() >= start + Duration::from_millis(1050));
    }
}
