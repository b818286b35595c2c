//! The programme of one date of an event: its own topic, impulses (short talks members offer),
//! initiatives presenting themselves in open slots, and afterwards its documentation.

use chrono::{DateTime, NaiveDate, Utc};

use super::{EventId, InitiativeId, MemberId, PlatformIdentity};

/// What an agenda item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaKind {
    /// A short talk a member offers, on a topic or for an event.
    Impulse,
    /// An initiative presenting itself in one of a date's slots.
    Presentation,
}

impl AgendaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgendaKind::Impulse => "impulse",
            AgendaKind::Presentation => "presentation",
        }
    }

    pub fn parse(text: &str) -> Option<AgendaKind> {
        match text {
            "impulse" => Some(AgendaKind::Impulse),
            "presentation" => Some(AgendaKind::Presentation),
            _ => None,
        }
    }
}

/// Longest title of an impulse or presentation.
pub const AGENDA_TITLE_MAX: usize = 200;
/// Most presentation slots on one date.
pub const SLOTS_MAX: u32 = 20;
/// Longest documentation summary.
pub const SUMMARY_MAX: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: i64,
    pub kind: AgendaKind,
    /// Who gives it.
    pub member: MemberId,
    /// Where they are told and reminded.
    pub contact: PlatformIdentity,
    /// What the talk is (`Dorfladen Plus, 10 Minuten`), or the initiative's name.
    pub title: String,
    /// The topic it speaks to (`T5`).
    pub topic: Option<i64>,
    /// The event it was offered for, or is on.
    pub event: Option<EventId>,
    /// The date it is on, once accepted or taken.
    pub occurrence: Option<NaiveDate>,
    pub initiative: Option<InitiativeId>,
    pub offered_at: DateTime<Utc>,
    pub placed_at: Option<DateTime<Utc>>,
}

impl AgendaItem {
    /// Offered now, about nothing in particular and on no date yet (the store gives the id).
    pub fn offered(
        kind: AgendaKind,
        member: MemberId,
        contact: PlatformIdentity,
        title: String,
        at: DateTime<Utc>,
    ) -> AgendaItem {
        AgendaItem {
            id: 0,
            kind,
            member,
            contact,
            title,
            topic: None,
            event: None,
            occurrence: None,
            initiative: None,
            offered_at: at,
            placed_at: None,
        }
    }
}

/// Recording, slides or minutes of a date that took place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documentation {
    pub link: Option<String>,
    pub summary: Option<String>,
    pub at: DateTime<Utc>,
}

/// What one date has beyond its time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateNotes {
    /// The date's own topic (a series' meetups each have one).
    pub topic: Option<String>,
    /// Slots for initiatives to present themselves.
    pub slots: u32,
    pub documentation: Option<Documentation>,
}

/// A date's programme as a card shows it: the notes and who gives what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatePlan {
    pub notes: DateNotes,
    /// Accepted impulses and taken slots, each with its speaker's name.
    pub items: Vec<(AgendaItem, String)>,
}

impl DatePlan {
    pub fn impulses(&self) -> impl Iterator<Item = &(AgendaItem, String)> {
        self.items
            .iter()
            .filter(|(i, _)| i.kind == AgendaKind::Impulse)
    }

    pub fn presentations(&self) -> impl Iterator<Item = &(AgendaItem, String)> {
        self.items
            .iter()
            .filter(|(i, _)| i.kind == AgendaKind::Presentation)
    }

    /// Slots still free.
    pub fn free_slots(&self) -> u32 {
        let taken = u32::try_from(self.presentations().count()).unwrap_or(u32::MAX);
        self.notes.slots.saturating_sub(taken)
    }
}
