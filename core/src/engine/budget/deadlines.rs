//! Applications close by themselves when a round's deadline day has ended (in the alliance's
//! time zone): the scheduler asks after that midnight, and each round is closed, audited and
//! announced in the alliance's channels in one transaction, so it happens once, also with
//! two daemons on one database.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::channel_chats;
use crate::domain::{RoundId, RoundState};
use crate::engine::{Engine, EngineError};
use crate::message::{Outgoing, RichText, Target};
use crate::schedule::resolve_local;
use crate::store::AuditEntry;
use crate::t;

/// More rounds than an alliance opens in decades; the list is read newest first.
const ROUNDS: i64 = 1_000;

/// What one look at the deadlines did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeadlineRun {
    /// Rounds closed for applications now.
    pub closed: usize,
    /// When the next open round's deadline day ends.
    pub next: Option<DateTime<Utc>>,
}

/// The first instant after the deadline day, in the alliance's time zone.
fn end_of(deadline: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = (deadline + Duration::days(1)).and_time(chrono::NaiveTime::MIN);
    resolve_local(tz, midnight).with_timezone(&Utc)
}

impl Engine {
    /// Closes applications for every open round whose deadline day has ended by `now`.
    pub async fn close_past_deadlines(
        &self,
        now: DateTime<Utc>,
    ) -> Result<DeadlineRun, EngineError> {
        let tz = self.config.timezone;
        let mut run = DeadlineRun::default();
        // Looking is a read: the writer is taken only when a round is due.
        let rounds = self.store.begin_read().await?.rounds(ROUNDS).await?;
        let mut due: Vec<RoundId> = Vec::new();
        for round in rounds {
            if round.state != RoundState::Open {
                continue;
            }
            let ends = end_of(round.deadline, tz);
            if ends <= now {
                due.push(round.id);
            } else {
                run.next = Some(run.next.map_or(ends, |next| next.min(ends)));
            }
        }
        if due.is_empty() {
            return Ok(run);
        }
        let mut tx = self.store.begin().await?;
        let chats = channel_chats(&mut *tx).await?;
        let mut audits = Vec::new();
        let mut outgoing = Vec::new();
        for id in due {
            // Read again under the round's lock: an organiser or another daemon may have
            // closed it since.
            tx.lock_round(id).await?;
            let Some(mut round) = tx.round(id).await? else {
                continue;
            };
            if round.state != RoundState::Open {
                continue;
            }
            round.state = RoundState::Closed;
            tx.update_round(&round).await?;
            audits.push(AuditEntry {
                at: now,
                actor: None,
                action: "budget.applications_closed",
                subject: Some(id.to_string()),
                details: serde_json::json!({ "deadline": round.deadline.to_string() }),
            });
            let count = tx.applications(id).await?.len();
            let text = RichText::plain(t!(
                round.lang,
                "round-deadline-passed",
                id = id.0,
                title = &round.title,
                date = &round.deadline.format("%d.%m.%Y").to_string(),
                count = count
            ));
            for chat in &chats {
                outgoing.push(Outgoing::new(
                    Target::Chat { chat: chat.clone() },
                    text.clone(),
                ));
            }
            run.closed += 1;
        }
        // Queued now: `now` may be ahead of the clock when a test drives the scheduler.
        self.commit_effects(tx, &audits, &outgoing, now.min(Utc::now()))
            .await?;
        if run.closed > 0 {
            tracing::info!(rounds = run.closed, "applications closed at the deadline");
        }
        Ok(run)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_ends_at_midnight_berlin_time() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let winter = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        assert_eq!(end_of(winter, tz).to_rfc3339(), "2027-01-15T23:00:00+00:00");
        let summer = NaiveDate::from_ymd_opt(2027, 7, 15).unwrap();
        assert_eq!(end_of(summer, tz).to_rfc3339(), "2027-07-15T22:00:00+00:00");
    }
}
