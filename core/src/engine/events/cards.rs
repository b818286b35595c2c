//! How an occurrence looks in a chat: what, when, where, who comes, and the answer buttons.
//! The card is a live message: answers edit its counts in place. Reminders in groups are
//! cards too (with their own key), so people can answer right there.

use chrono::{DateTime, NaiveDate, Timelike, Utc};

use crate::domain::agenda::DatePlan;
use crate::domain::event::describe_offset;
use crate::domain::keys::{ButtonData, LiveKey};
use crate::domain::{Event, Lang, Rsvp, RsvpStatus};
use crate::format;
use crate::message::{Button, RichText};
use crate::schedule::Occurrence;
use crate::t;

/// What a card is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    /// The event itself (posted when created, or on request).
    Card,
    /// A reminder `minutes` before; `late` if it went out after its time.
    Reminder { minutes: u32, late: bool },
}

impl CardKind {
    /// The live key of this kind of card for an occurrence.
    pub fn key(self, event: &Event, occurrence: NaiveDate) -> LiveKey {
        match self {
            CardKind::Card => LiveKey::EventCard {
                event: event.id,
                occurrence,
            },
            CardKind::Reminder { minutes, .. } => LiveKey::EventReminder {
                event: event.id,
                occurrence,
                minutes,
            },
        }
    }

    /// The kind of card a live key names (`None`: not an event's card).
    pub fn of_key(key: LiveKey) -> Option<CardKind> {
        match key {
            LiveKey::EventCard { .. } => Some(CardKind::Card),
            LiveKey::EventReminder { minutes, .. } => Some(CardKind::Reminder {
                minutes,
                late: false,
            }),
            LiveKey::Poll(_) | LiveKey::Ballot(_) | LiveKey::Topic(_) | LiveKey::Question(_) => {
                None
            }
        }
    }
}

/// Counts of answers to one occurrence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub yes: usize,
    pub maybe: usize,
    pub no: usize,
    pub waiting: usize,
}

impl Counts {
    pub fn of(rsvps: &[Rsvp]) -> Counts {
        let mut counts = Counts::default();
        for r in rsvps {
            match r.status {
                RsvpStatus::Yes => counts.yes += 1,
                RsvpStatus::Maybe => counts.maybe += 1,
                RsvpStatus::No => counts.no += 1,
                RsvpStatus::Waiting => counts.waiting += 1,
            }
        }
        counts
    }
}

/// `Fr, 04.12.2026, 19:30–21:30 Uhr` (an end on another day is written out).
pub fn when_line(lang: Lang, event: &Event, occurrence: &Occurrence) -> String {
    let tz = event.schedule.tz;
    if event.schedule.all_day {
        // Whole days: the first and the last day (the end is the midnight after it).
        let first = occurrence.start.date_naive();
        let last = occurrence
            .end
            .map(|e| e.with_timezone(&tz) - chrono::Duration::hours(12))
            .map_or(first, |e| e.date_naive())
            .max(first);
        let days = if last == first {
            format::date(lang, first)
        } else {
            format!(
                "{} – {}",
                format::date(lang, first),
                format::date(lang, last)
            )
        };
        return format!("{days} ({})", t!(lang, "event-all-day"));
    }
    let start = format::datetime(lang, occurrence.start.with_timezone(&Utc), tz);
    let Some(end) = occurrence.end.map(|e| e.with_timezone(&tz)) else {
        return start;
    };
    if end.date_naive() != occurrence.start.date_naive() {
        let end = format::datetime(lang, end.with_timezone(&Utc), tz);
        return format!("{start} – {end}");
    }
    let until = format!("{:02}:{:02}", end.hour(), end.minute());
    match start.strip_suffix(" Uhr") {
        Some(start) => format!("{start}–{until} Uhr"),
        None => format!("{start}–{until}"),
    }
}

pub fn render(
    lang: Lang,
    event: &Event,
    occurrence: &Occurrence,
    rsvps: &[Rsvp],
    plan: &DatePlan,
    kind: CardKind,
    now: DateTime<Utc>,
) -> (RichText, Vec<Vec<Button>>) {
    let id = event.id.0;
    let cancelled = event.is_cancelled() || occurrence.cancelled;
    let title = &event.title;
    let headline = match (cancelled, kind) {
        (true, _) => t!(lang, "event-card-cancelled", id = id, title = title),
        (false, CardKind::Card) => t!(lang, "event-card-title", id = id, title = title),
        (false, CardKind::Reminder { minutes, late }) => {
            let mut line = t!(
                lang,
                "event-reminder-title",
                title = title,
                offset = &describe_offset(lang, minutes)
            );
            if late {
                line.push_str(&t!(lang, "event-reminder-late"));
            }
            line
        }
    };
    let mut text = RichText::default().bold(headline);
    text = text.line(format!("🗓 {}", when_line(lang, event, occurrence)));
    if occurrence.moved {
        text = text.text(format!(" {}", t!(lang, "event-moved-mark")));
    }
    if let Some(recurrence) = &event.schedule.recurrence {
        let mut rule = recurrence.rule.describe(lang);
        // Every other week: which weeks, counted from the first date.
        if recurrence.rule.skips_weeks() {
            let first = event.schedule.first.format("%d.%m.%Y").to_string();
            rule.push_str(&format!(
                " ({})",
                t!(lang, "event-series-from", date = &first)
            ));
        }
        text = text.line(format!("🔁 {rule}"));
    }
    // A date's own topic says more than the series' general one.
    let topic = plan.notes.topic.as_ref().or(event.topic.as_ref()).cloned();
    let fields = [
        ("📍", None, event.place.clone()),
        ("🏷", Some("event-field-topic"), topic),
        ("🎤", Some("event-field-speakers"), event.speakers.clone()),
        ("🗺", Some("event-field-region"), event.region.clone()),
    ];
    for (icon, label, value) in fields {
        if let Some(value) = value {
            let label = label
                .map(|k| format!("{}: ", t!(lang, k)))
                .unwrap_or_default();
            text = text.line(format!("{icon} {label}{value}"));
        }
    }
    if let Some(from) = event.registration_opens_later(now) {
        text = text.line(format!(
            "📝 {}",
            t!(
                lang,
                "event-registration-from",
                date = &format::date(lang, from)
            )
        ));
    }
    text = programme_lines(lang, event, plan, text);
    match (&event.online_link, event.link_private) {
        (Some(link), false) => text = text.line(format!("🔗 {link}")),
        (Some(_), true) => text = text.line(format!("🔗 {}", t!(lang, "event-link-private"))),
        (None, _) => {}
    }
    if let Some(description) = &event.description {
        text = text.line(description.clone());
    }
    let counts = Counts::of(rsvps);
    let mut tally = format!("✅ {} · 🤔 {} · ❌ {}", counts.yes, counts.maybe, counts.no);
    if let Some(capacity) = event.capacity {
        tally.push_str(&format!(
            " · {}",
            t!(
                lang,
                "event-places",
                taken = counts.yes,
                capacity = capacity
            )
        ));
    }
    if counts.waiting > 0 {
        tally.push_str(&format!(
            " · {}",
            t!(lang, "event-waiting", count = counts.waiting)
        ));
    }
    text = text.line(tally);
    let open = !cancelled && occurrence.start.with_timezone(&Utc) > now;
    let buttons = if open {
        text = text.line(t!(lang, "event-how", id = id));
        let day = occurrence.key;
        vec![vec![
            Button {
                label: t!(lang, "event-button-yes"),
                data: ButtonData::Rsvp {
                    event: event.id,
                    occurrence: day,
                    status: RsvpStatus::Yes,
                }
                .to_string(),
            },
            Button {
                label: t!(lang, "event-button-maybe"),
                data: ButtonData::Rsvp {
                    event: event.id,
                    occurrence: day,
                    status: RsvpStatus::Maybe,
                }
                .to_string(),
            },
            Button {
                label: t!(lang, "event-button-no"),
                data: ButtonData::Rsvp {
                    event: event.id,
                    occurrence: day,
                    status: RsvpStatus::No,
                }
                .to_string(),
            },
        ]]
    } else {
        Vec::new()
    };
    (text, buttons)
}

/// Impulses, presentations with their free slots, and the documentation of a date.
fn programme_lines(lang: Lang, event: &Event, plan: &DatePlan, mut text: RichText) -> RichText {
    for (item, speaker) in plan.impulses() {
        text = text.line(format!(
            "🎤 {}: {speaker} – {}",
            t!(lang, "agenda-impulse"),
            item.title
        ));
    }
    if plan.notes.slots > 0 || plan.presentations().next().is_some() {
        let names: Vec<&str> = plan
            .presentations()
            .map(|(item, _)| item.title.as_str())
            .collect();
        let mut line = format!("🏘 {}:", t!(lang, "agenda-presentations"));
        if !names.is_empty() {
            line.push_str(&format!(" {}", names.join(", ")));
        }
        let free = plan.free_slots();
        if free > 0 {
            line.push_str(&format!(
                " · {}",
                t!(
                    lang,
                    "agenda-slots-free",
                    count = free as usize,
                    id = event.id.0
                )
            ));
        }
        text = text.line(line);
    }
    if let Some(doc) = &plan.notes.documentation {
        let mut line = format!("📎 {}:", t!(lang, "agenda-documentation"));
        if let Some(link) = &doc.link {
            line.push_str(&format!(" {link}"));
        }
        text = text.line(line);
        if let Some(summary) = &doc.summary {
            text = text.line(summary.clone());
        }
    }
    text
}
