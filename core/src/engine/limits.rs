//! Limits per person, so one account (or a script behind it) cannot flood the bot and the
//! groups: commands per minute (kept in memory: a restart forgives), invitations and polls
//! (counted from the audit log, so they hold across restarts and daemons).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use super::turn::{Failure, Step, Turn};
use crate::message::RichText;
use crate::t;

/// How many of what one person may do.
#[derive(Debug, Clone)]
pub struct Limits {
    pub commands_per_minute: u32,
    pub invitations_per_day: u32,
    pub polls_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            commands_per_minute: 20,
            invitations_per_day: 10,
            polls_per_hour: 10,
        }
    }
}

/// Recent commands per person.
#[derive(Default)]
pub(super) struct CommandLimiter {
    state: Mutex<Recent>,
}

#[derive(Default)]
struct Recent {
    by_person: HashMap<String, VecDeque<DateTime<Utc>>>,
    /// People quiet for a minute are forgotten once the map grows past this size; then it is
    /// set to twice what is left, so the sweeps cost nothing per command on average, however
    /// many people are busy at once.
    sweep_at: usize,
}

/// The map is not swept below this size.
const SWEEP_FROM: usize = 1000;

/// What the limiter says about one more command.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Go,
    /// Over the limit: say so (once per burst).
    Refuse,
    /// Over the limit and already told: nothing more (an answer to each would flood the
    /// group just the same).
    Ignore,
}

impl CommandLimiter {
    pub(super) fn check(&self, person: &str, now: DateTime<Utc>, per_minute: u32) -> Verdict {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let since = now - Duration::minutes(1);
        if state.by_person.len() > state.sweep_at.max(SWEEP_FROM) {
            state
                .by_person
                .retain(|_, times| times.back().is_some_and(|t| *t > since));
            state.sweep_at = state.by_person.len() * 2;
        }
        let times = state.by_person.entry(person.to_string()).or_default();
        while times.front().is_some_and(|t| *t <= since) {
            times.pop_front();
        }
        let allowed = per_minute as usize;
        times.push_back(now);
        match times.len() {
            n if n <= allowed => Verdict::Go,
            n if n == allowed + 1 => Verdict::Refuse,
            _ => Verdict::Ignore,
        }
    }
}

/// Refuses if the sender did `action` (an audit action) `limit` times within `window`.
pub async fn at_most(
    turn: &mut Turn<'_>,
    action: &str,
    limit: u32,
    window: Duration,
    key: &str,
) -> Step {
    let Some(member) = turn.member.as_ref().map(|m| m.id) else {
        return Ok(());
    };
    let since = turn.now - window;
    let done = turn.tx.count_actions(member, action, since).await?;
    if done >= i64::from(limit) {
        return Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            key,
            limit = limit
        ))));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_refused_once_and_then_ignored_until_the_minute_is_over() {
        let limiter = CommandLimiter::default();
        let start = Utc::now();
        let at = |s: i64| start + Duration::seconds(s);
        for i in 0..3 {
            assert_eq!(limiter.check("m:1", at(i), 3), Verdict::Go);
        }
        assert_eq!(limiter.check("m:1", at(3), 3), Verdict::Refuse);
        assert_eq!(limiter.check("m:1", at(4), 3), Verdict::Ignore);
        assert_eq!(limiter.check("m:2", at(4), 3), Verdict::Go, "others go on");
        // A minute after the first ones, there is room again.
        assert_eq!(limiter.check("m:1", at(63), 3), Verdict::Go);
    }
}
