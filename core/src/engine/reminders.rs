//! Reminders: planned a little ahead as rows with a unique (event, occurrence, offset) key,
//! claimed by exactly one scheduler when due, and sent in the same transaction as that claim
//! (in the event's group chats, and privately to everyone registered or following it).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::events::cards::{CardKind, render, when_line};
use super::turn::{Step, Turn};
use super::{Engine, EngineConfig, EngineError};
use crate::domain::event::describe_offset;
use crate::domain::{Event, EventId, PlatformIdentity, RsvpStatus, Visibility};
use crate::message::{Outgoing, RichText, Target};
use crate::schedule::Exception;
use crate::store::{AuditEntry, ClaimedReminder, StoreError, StoreTx};
use crate::t;

/// How far ahead reminders are planned. The planner runs far more often than this, so a
/// reminder is always planned before it is due; keeping it short keeps the table small.
pub const PLAN_AHEAD: Duration = Duration::days(2);
/// How often the scheduler plans anew (also after every change to an event).
pub const PLAN_EVERY: Duration = Duration::hours(1);
/// Sent later than this after its time, a reminder says it is late.
const LATE_AFTER: Duration = Duration::minutes(2);
/// Reminders handled in one transaction.
const BATCH: i64 = 200;
const PLANNED_UNTIL: &str = "reminders.planned_until";

/// Minutes before each occurrence: the event's own, or the alliance's default.
pub fn offsets_of(event: &Event, config: &EngineConfig) -> Vec<u32> {
    event
        .reminders
        .clone()
        .unwrap_or_else(|| config.events.reminders.clone())
}

/// Plans the event's reminders due within `[from, to]` (never before the event was created
/// or last moved). Returns how many were new.
async fn plan_into(
    tx: &mut dyn StoreTx,
    event: &Event,
    config: &EngineConfig,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let offsets = offsets_of(event, config);
    let Some(furthest) = offsets.iter().max() else {
        return Ok(0);
    };
    if event.is_cancelled() {
        return Ok(0);
    }
    let earliest_due = from.max(event.reminders_from);
    let exceptions: Vec<Exception> = tx.exceptions(event.id).await?;
    let occurrences = event.schedule.occurrences(
        earliest_due,
        to + Duration::minutes(i64::from(*furthest)),
        &exceptions,
    );
    let mut planned = 0;
    for occurrence in occurrences.iter().filter(|o| !o.cancelled) {
        let start = occurrence.start.with_timezone(&Utc);
        for minutes in &offsets {
            let due = start - Duration::minutes(i64::from(*minutes));
            if due >= earliest_due
                && due <= to
                && tx
                    .plan_reminder(event.id, occurrence.key, *minutes, due)
                    .await?
            {
                planned += 1;
            }
        }
    }
    Ok(planned)
}

/// Plans an event's reminders right after it was created or changed.
pub async fn plan_event(turn: &mut Turn<'_>, event: &Event) -> Step {
    let now = turn.now;
    plan_into(&mut *turn.tx, event, turn.config, now, now + PLAN_AHEAD).await?;
    turn.schedule_changed = true;
    Ok(())
}

/// Plans an event's reminders anew after a change to its dates or reminders (those already
/// sent stay sent).
pub async fn replan(turn: &mut Turn<'_>, event: &Event) -> Step {
    turn.tx.drop_pending_reminders(event.id).await?;
    plan_event(turn, event).await
}

/// What one run of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReminderRun {
    pub sent: usize,
    pub skipped: usize,
    /// More reminders were due than one batch holds.
    pub more: bool,
}

impl Engine {
    /// Plans the reminders of all current events up to `PLAN_AHEAD` from `now`, starting
    /// where the last planning ended (after downtime, missed reminders are planned too and
    /// then sent late or skipped by `send_due_reminders`).
    pub async fn plan_reminders(&self, now: DateTime<Utc>) -> Result<usize, EngineError> {
        let planned_until = self
            .store
            .cursor(PLANNED_UNTIL)
            .await?
            .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
            .map(|t| t.with_timezone(&Utc));
        // Never look back further than a week: older reminders would only be skipped.
        let from = planned_until
            .unwrap_or(now)
            .min(now)
            .max(now - Duration::days(7));
        let to = now + PLAN_AHEAD;
        let mut tx = self.store.begin().await?;
        let mut planned = 0;
        for event in tx.current_events(from).await? {
            planned += plan_into(&mut *tx, &event, &self.config, from, to).await?;
        }
        tx.commit().await?;
        let keep = planned_until.map_or(to, |p| p.max(to));
        self.store
            .set_cursor(PLANNED_UNTIL, &keep.to_rfc3339(), now)
            .await?;
        Ok(planned)
    }

    /// When the next planned reminder is due.
    pub async fn next_reminder_due(&self) -> Result<Option<DateTime<Utc>>, EngineError> {
        Ok(self.store.next_reminder_due().await?)
    }

    /// Sends (or skips, if missed by more than the grace period) one batch of due reminders.
    /// Each reminder is claimed and its messages queued in one transaction, so it goes out
    /// once even with two daemons on one database or a crash in between.
    pub async fn send_due_reminders(&self, now: DateTime<Utc>) -> Result<ReminderRun, EngineError> {
        let mut tx = self.store.begin().await?;
        let claimed = tx
            .claim_due_reminders(now, now - self.config.events.grace, BATCH)
            .await?;
        let mut run = ReminderRun {
            more: claimed.len() as i64 == BATCH,
            ..ReminderRun::default()
        };
        let mut events: HashMap<EventId, Option<(Event, Vec<Exception>)>> = HashMap::new();
        let mut audits = Vec::new();
        let mut outgoing = Vec::new();
        for reminder in &claimed {
            if let std::collections::hash_map::Entry::Vacant(slot) = events.entry(reminder.event) {
                let loaded = match tx.event(reminder.event).await? {
                    Some(event) => {
                        let exceptions = tx.exceptions(event.id).await?;
                        Some((event, exceptions))
                    }
                    None => None,
                };
                slot.insert(loaded);
            }
            let Some(Some((event, exceptions))) = events.get(&reminder.event) else {
                continue;
            };
            let outcome = self
                .remind(&mut *tx, event, exceptions, reminder, now, &mut outgoing)
                .await?;
            match outcome {
                Ok(()) => {
                    run.sent += 1;
                    self.stats.reminder_late(now - reminder.due_at);
                }
                Err(reason) => {
                    run.skipped += 1;
                    tracing::warn!(
                        event = %reminder.event,
                        occurrence = %reminder.occurrence,
                        minutes = reminder.offset_minutes,
                        due = %reminder.due_at,
                        reason,
                        "reminder skipped"
                    );
                }
            }
            audits.push(AuditEntry {
                at: now,
                actor: None,
                action: if outcome.is_ok() {
                    "reminder.sent"
                } else {
                    "reminder.skipped"
                },
                subject: Some(reminder.event.to_string()),
                details: serde_json::json!({
                    "occurrence": reminder.occurrence.to_string(),
                    "minutes": reminder.offset_minutes,
                    "due": reminder.due_at.to_rfc3339(),
                    "reason": outcome.err(),
                }),
            });
        }
        if claimed.is_empty() {
            return Ok(run);
        }
        // Queued now: `now` may be ahead of the clock when a test drives the scheduler.
        self.commit_effects(tx, &audits, &outgoing, now.min(Utc::now()))
            .await?;
        Ok(run)
    }

    /// Queues one reminder's messages, or says why it is not sent.
    async fn remind(
        &self,
        tx: &mut dyn StoreTx,
        event: &Event,
        exceptions: &[Exception],
        reminder: &ClaimedReminder,
        now: DateTime<Utc>,
        outgoing: &mut Vec<Outgoing>,
    ) -> Result<Result<(), &'static str>, StoreError> {
        if reminder.skipped {
            return Ok(Err("missed by more than the grace period"));
        }
        if event.is_cancelled() {
            return Ok(Err("event cancelled"));
        }
        if event.held {
            return Ok(Err("event held back"));
        }
        let Some(occurrence) = event.schedule.occurrence(reminder.occurrence, exceptions) else {
            return Ok(Err("no such occurrence"));
        };
        if occurrence.cancelled {
            return Ok(Err("occurrence cancelled"));
        }
        if occurrence.start.with_timezone(&Utc) <= now {
            return Ok(Err("occurrence has begun"));
        }
        let kind = CardKind::Reminder {
            minutes: reminder.offset_minutes,
            late: now - reminder.due_at > LATE_AFTER,
        };
        let rsvps = tx.rsvps(event.id, occurrence.key).await?;
        let plan = super::events::programme::date_plan(tx, event.id, occurrence.key).await?;
        for chat in tx.event_channels(event.id).await? {
            // A confidential event is reminded only in its confidential rooms.
            if event.visibility == Visibility::Confidential
                && !tx
                    .channel(chat.platform, &chat.id)
                    .await?
                    .is_some_and(|c| c.confidential)
            {
                continue;
            }
            let (body, buttons) = render(event.lang, event, &occurrence, &rsvps, &plan, kind, now);
            let mut message = Outgoing::new(Target::Chat { chat }, body);
            message.buttons = buttons;
            message.sensitivity = event.visibility.sensitivity();
            message.live_key = Some(kind.key(event, occurrence.key).to_string());
            outgoing.push(message);
        }
        // Privately: everyone registered for the date, and everyone following the event who
        // has not said no to this date.
        let mut recipients: Vec<(crate::domain::MemberId, PlatformIdentity)> = rsvps
            .iter()
            .filter(|r| r.status == RsvpStatus::Yes)
            .map(|r| (r.member, r.contact.clone()))
            .collect();
        for (member, contact) in tx.subscribers(event.id).await? {
            if !rsvps.iter().any(|r| r.member == member) {
                recipients.push((member, contact));
            }
        }
        // Speakers and presenters are reminded of the date they speak at, answer or not.
        for (item, _) in &plan.items {
            if !recipients.iter().any(|(m, _)| *m == item.member) {
                recipients.push((item.member, item.contact.clone()));
            }
        }
        for (member, contact) in recipients {
            let Some(person) = tx.member(member).await? else {
                continue;
            };
            if !person.is_active() {
                continue;
            }
            let lang = person.lang;
            let mut text = RichText::default().bold(t!(
                lang,
                "event-reminder-title",
                title = &event.title,
                offset = &describe_offset(lang, reminder.offset_minutes)
            ));
            if let CardKind::Reminder { late: true, .. } = kind {
                text = text.text(t!(lang, "event-reminder-late"));
            }
            text = text.line(format!("🗓 {}", when_line(lang, event, &occurrence)));
            if let Some(place) = &event.place {
                text = text.line(format!("📍 {place}"));
            }
            if let Some(link) = &event.online_link {
                text = text.line(format!("🔗 {link}"));
            }
            text = text.line(t!(lang, "event-reminder-private-hint", id = event.id.0));
            if event.visibility == Visibility::Confidential {
                text = RichText::plain(t!(lang, "event-confidential-private", id = event.id.0));
            }
            outgoing.push(Outgoing::new(Target::Direct { identity: contact }, text));
        }
        Ok(Ok(()))
    }
}
