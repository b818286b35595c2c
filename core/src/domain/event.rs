//! Events (network meetings, Stammtisch, webinars, office hours), answers to them, and when
//! to remind of them.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::text::tidy;
use super::{Lang, MemberId, PlatformIdentity, Visibility};
use crate::message::ChatRef;
use crate::schedule::Schedule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub i64);

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 1000;
pub const CAPACITY_MAX: u32 = 100_000;
/// Reminders further ahead than this are not planned.
pub const REMINDER_MAX_MINUTES: u32 = 60 * 24 * 60;
pub const REMINDERS_MAX: usize = 5;

/// What `/termin neu` was given, before the date is read (that needs the current time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub when: String,
    pub title: String,
    pub place: Option<String>,
    pub description: Option<String>,
    /// Asked by the step-by-step form; set later with `/termin N region …` otherwise.
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventDraftError {
    MissingWhen,
    MissingTitle,
    TooLong { field: &'static str, max: usize },
    TooManyFields,
}

fn optional(value: Option<&String>) -> Option<String> {
    value.map(|v| tidy(v)).filter(|v| !v.is_empty())
}

impl EventDraft {
    /// `<wann> | Titel | Ort oder Link | Beschreibung` (the last two optional).
    pub fn parse(fields: &[String]) -> Result<EventDraft, EventDraftError> {
        if fields.len() > 4 {
            return Err(EventDraftError::TooManyFields);
        }
        let when = optional(fields.first()).ok_or(EventDraftError::MissingWhen)?;
        let title = optional(fields.get(1)).ok_or(EventDraftError::MissingTitle)?;
        let draft = EventDraft {
            when,
            title,
            place: optional(fields.get(2)),
            description: optional(fields.get(3)),
            region: None,
        };
        draft.check()?;
        Ok(draft)
    }

    pub fn check(&self) -> Result<(), EventDraftError> {
        check_length("title", &self.title, TITLE_MAX)?;
        for (field, value) in [("place", &self.place), ("description", &self.description)] {
            if let Some(value) = value {
                check_length(field, value, TEXT_MAX)?;
            }
        }
        Ok(())
    }
}

pub fn check_length(field: &'static str, value: &str, max: usize) -> Result<(), EventDraftError> {
    if value.chars().count() > max {
        return Err(EventDraftError::TooLong { field, max });
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: EventId,
    pub title: String,
    pub place: Option<String>,
    pub description: Option<String>,
    pub topic: Option<String>,
    /// Speakers or "Impulse".
    pub speakers: Option<String>,
    pub region: Option<String>,
    pub online_link: Option<String>,
    /// The online link goes only to registered people.
    pub link_private: bool,
    pub capacity: Option<u32>,
    /// Who may see it: public (also the calendar feed), members, or only in its
    /// confidential channels.
    pub visibility: Visibility,
    /// Minutes before each occurrence; `None`: the alliance's default.
    pub reminders: Option<Vec<u32>>,
    pub schedule: Schedule,
    /// Where it was created; replies and the first announcement go there.
    pub chat: ChatRef,
    pub lang: Lang,
    pub created_by: Option<MemberId>,
    pub created_at: DateTime<Utc>,
    /// Reminders due before this moment are never sent.
    pub reminders_from: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Answers are taken from this local day on (`Anmeldung ab 01.12.`); the date is
    /// announced before.
    pub registration_from: Option<NaiveDate>,
    /// Held back: a member's event waiting for release, or hidden by an organiser. Only its
    /// creator and the organisers see it; it is not in the calendar, lists or channels.
    pub held: bool,
}

impl Event {
    /// The day registration opens, while it is still ahead (`now` read in the event's zone).
    pub fn registration_opens_later(&self, now: DateTime<Utc>) -> Option<NaiveDate> {
        let today = now.with_timezone(&self.schedule.tz).date_naive();
        self.registration_from.filter(|from| *from > today)
    }

    /// A new event with nothing but its title and time; the store gives it its id.
    pub fn new(
        title: String,
        schedule: Schedule,
        chat: ChatRef,
        lang: Lang,
        at: DateTime<Utc>,
    ) -> Event {
        Event {
            id: EventId(0),
            title,
            place: None,
            description: None,
            topic: None,
            speakers: None,
            region: None,
            online_link: None,
            link_private: false,
            capacity: None,
            visibility: Visibility::Public,
            reminders: None,
            schedule,
            chat,
            lang,
            created_by: None,
            created_at: at,
            reminders_from: at,
            cancelled_at: None,
            registration_from: None,
            held: false,
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    /// The start of the keys of every live message showing an occurrence (cards and group
    /// reminders, in every chat).
    pub fn live_prefix(&self, occurrence: NaiveDate) -> String {
        super::keys::LiveKey::occurrence_prefix(self.id, occurrence)
    }
}

/// An answer to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RsvpStatus {
    Yes,
    Maybe,
    No,
    /// Wants to come, but the event is full: moves up when a place frees.
    Waiting,
}

impl RsvpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RsvpStatus::Yes => "yes",
            RsvpStatus::Maybe => "maybe",
            RsvpStatus::No => "no",
            RsvpStatus::Waiting => "waiting",
        }
    }

    pub fn parse(s: &str) -> Option<RsvpStatus> {
        match s {
            "yes" => Some(RsvpStatus::Yes),
            "maybe" => Some(RsvpStatus::Maybe),
            "no" => Some(RsvpStatus::No),
            "waiting" => Some(RsvpStatus::Waiting),
            _ => None,
        }
    }

    /// Reactions that answer: ✅ / 👍 yes, 🤔 maybe, ❌ / 👎 no (Telegram offers only the
    /// thumbs, Matrix both).
    pub fn of_reaction(key: &str) -> Option<RsvpStatus> {
        match key.trim_end_matches('\u{fe0f}') {
            "✅" | "👍" | "✔" => Some(RsvpStatus::Yes),
            "🤔" => Some(RsvpStatus::Maybe),
            "❌" | "👎" | "✖" => Some(RsvpStatus::No),
            _ => None,
        }
    }
}

/// One person's answer, with the name organisers see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rsvp {
    pub member: MemberId,
    pub name: String,
    pub status: RsvpStatus,
    pub contact: PlatformIdentity,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffsetError {
    Empty,
    Bad(String),
    TooFar(String),
    TooMany,
}

/// `7d 1d 1h`, `7 Tage, 1 Tag, 2 Stunden`, `30 min`, `1 Woche`: minutes before, largest first.
pub fn parse_reminder_offsets(input: &str) -> Result<Vec<u32>, OffsetError> {
    let text = super::text::fold(input).replace([',', ';'], " ");
    let mut words = text.split_whitespace().peekable();
    let mut minutes = Vec::new();
    while let Some(word) = words.next() {
        if word == "und" || word == "and" {
            continue;
        }
        let split = word
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(word.len());
        let (digits, unit) = word.split_at(split);
        let unit = if unit.is_empty() {
            words.next().unwrap_or_default()
        } else {
            unit
        };
        let n: u32 = digits
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| OffsetError::Bad(word.to_string()))?;
        let per = match unit.trim_end_matches('.') {
            "m" | "min" | "mins" | "minute" | "minuten" | "minutes" => 1,
            "h" | "std" | "stunde" | "stunden" | "hour" | "hours" => 60,
            "d" | "t" | "tag" | "tage" | "tagen" | "day" | "days" => 60 * 24,
            "w" | "woche" | "wochen" | "week" | "weeks" => 60 * 24 * 7,
            other => return Err(OffsetError::Bad(format!("{digits} {other}").trim().into())),
        };
        let total = n
            .checked_mul(per)
            .filter(|m| *m <= REMINDER_MAX_MINUTES)
            .ok_or_else(|| OffsetError::TooFar(format!("{digits} {unit}")))?;
        if !minutes.contains(&total) {
            minutes.push(total);
        }
    }
    if minutes.is_empty() {
        return Err(OffsetError::Empty);
    }
    if minutes.len() > REMINDERS_MAX {
        return Err(OffsetError::TooMany);
    }
    minutes.sort_unstable_by(|a, b| b.cmp(a));
    Ok(minutes)
}

/// `7 Tage`, `1 Stunde`, `30 Minuten` – the largest whole unit.
pub fn describe_offset(lang: Lang, minutes: u32) -> String {
    let (n, one, many) = if minutes.is_multiple_of(60 * 24 * 7) {
        (
            minutes / (60 * 24 * 7),
            ("Woche", "week"),
            ("Wochen", "weeks"),
        )
    } else if minutes.is_multiple_of(60 * 24) {
        (minutes / (60 * 24), ("Tag", "day"), ("Tage", "days"))
    } else if minutes.is_multiple_of(60) {
        (minutes / 60, ("Stunde", "hour"), ("Stunden", "hours"))
    } else {
        (minutes, ("Minute", "minute"), ("Minuten", "minutes"))
    };
    let word = match (lang, n) {
        (Lang::De, 1) => one.0,
        (Lang::De, _) => many.0,
        (Lang::En, 1) => one.1,
        (Lang::En, _) => many.1,
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_read_as_people_write_them() {
        assert_eq!(
            parse_reminder_offsets("7d 1d 1h"),
            Ok(vec![7 * 1440, 1440, 60])
        );
        assert_eq!(
            parse_reminder_offsets("1 Stunde, 2 Tage und 30 min"),
            Ok(vec![2 * 1440, 60, 30])
        );
        assert_eq!(parse_reminder_offsets("1 Woche"), Ok(vec![7 * 1440]));
        assert_eq!(parse_reminder_offsets(""), Err(OffsetError::Empty));
        assert_eq!(
            parse_reminder_offsets("0h"),
            Err(OffsetError::Bad("0h".into()))
        );
        assert!(matches!(
            parse_reminder_offsets("3 Jahre"),
            Err(OffsetError::Bad(_))
        ));
        assert!(matches!(
            parse_reminder_offsets("100 Tage"),
            Err(OffsetError::TooFar(_))
        ));
        assert_eq!(describe_offset(Lang::De, 1440), "1 Tag");
        assert_eq!(describe_offset(Lang::De, 7 * 1440), "1 Woche");
        assert_eq!(describe_offset(Lang::En, 90), "90 minutes");
    }

    #[test]
    fn drafts_need_a_date_and_a_title() {
        let f = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let d = EventDraft::parse(&f(&["morgen 18 Uhr", " Stammtisch ", "", "x"])).unwrap();
        assert_eq!(d.title, "Stammtisch");
        assert_eq!(d.place, None);
        assert_eq!(d.description.as_deref(), Some("x"));
        assert_eq!(
            EventDraft::parse(&f(&["morgen 18 Uhr"])),
            Err(EventDraftError::MissingTitle)
        );
        assert_eq!(
            EventDraft::parse(&f(&["", "T"])),
            Err(EventDraftError::MissingWhen)
        );
    }
}
