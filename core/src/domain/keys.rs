//! The names the bot gives its buttons and its live messages, in one typed form. Each names
//! its feature, and the engine matches them exhaustively: a press or a reaction reaches the
//! feature it belongs to, and a new feature's button cannot be routed to another one.

use std::fmt;

use chrono::NaiveDate;

use super::{ApplicationId, Choice, EventId, PollId, RsvpStatus};

const DAY: &str = "%Y-%m-%d";

/// What a button press asks for. Encoded well under Telegram's 64 bytes of callback data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonData {
    /// `rsvp:<event>:<yyyy-mm-dd>:<yes|maybe|no>`: an answer to one occurrence.
    Rsvp {
        event: EventId,
        occurrence: NaiveDate,
        status: RsvpStatus,
    },
    /// `umfrage:<poll>:<answer>`: a choice in a quick poll (answers count from 1).
    Poll { poll: PollId, number: u32 },
    /// `stimme:<application>:<yes|no|abstain|points>`: a vote on a grant application.
    Vote {
        application: ApplicationId,
        choice: Choice,
    },
}

impl ButtonData {
    /// Reads a button's data back; `None` for anything the bot did not write (or no longer
    /// writes): the press is then answered as inactive.
    pub fn parse(data: &str) -> Option<ButtonData> {
        let (feature, rest) = data.split_once(':')?;
        let mut parts = rest.split(':');
        let parsed = match feature {
            "rsvp" => ButtonData::Rsvp {
                event: EventId(parts.next()?.parse().ok()?),
                occurrence: NaiveDate::parse_from_str(parts.next()?, DAY).ok()?,
                status: RsvpStatus::parse(parts.next()?)?,
            },
            "umfrage" => ButtonData::Poll {
                poll: PollId(parts.next()?.parse().ok()?),
                number: parts.next()?.parse().ok()?,
            },
            "stimme" => ButtonData::Vote {
                application: ApplicationId(parts.next()?.parse().ok()?),
                choice: Choice::from_stored(parts.next()?)?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(parsed)
    }
}

impl fmt::Display for ButtonData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ButtonData::Rsvp {
                event,
                occurrence,
                status,
            } => write!(
                f,
                "rsvp:{event}:{}:{}",
                occurrence.format(DAY),
                status.as_str()
            ),
            ButtonData::Poll { poll, number } => write!(f, "umfrage:{poll}:{number}"),
            ButtonData::Vote {
                application,
                choice,
            } => write!(f, "stimme:{}:{}", application.0, choice.as_str()),
        }
    }
}

/// A message the bot keeps up to date in place. The outbox stores the key qualified by its
/// target (`termin:3:2026-12-07@telegram:-5`): the same card in two chats is two messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveKey {
    /// `termin:<event>:<yyyy-mm-dd>`: an occurrence's card with its answers.
    EventCard {
        event: EventId,
        occurrence: NaiveDate,
    },
    /// `termin:<event>:<yyyy-mm-dd>:r<minutes>`: a reminder in a group, answerable too.
    EventReminder {
        event: EventId,
        occurrence: NaiveDate,
        minutes: u32,
    },
    /// `umfrage:<poll>`: a quick poll with its counts.
    Poll(PollId),
    /// `antrag:<application>`: a grant application's ballot card with its count.
    Ballot(ApplicationId),
    /// `thema:<topic>`: a meetup topic's card with its points.
    Topic(i64),
    /// `frage:<question>`: a question in a question round, with its upvotes.
    Question(i64),
}

impl LiveKey {
    /// Reads a stored key (with or without its `@target`).
    pub fn parse(slot: &str) -> Option<LiveKey> {
        let key = slot.split('@').next()?;
        let (feature, rest) = key.split_once(':')?;
        let mut parts = rest.split(':');
        let parsed = match feature {
            "termin" => {
                let event = EventId(parts.next()?.parse().ok()?);
                let occurrence = NaiveDate::parse_from_str(parts.next()?, DAY).ok()?;
                match parts.next() {
                    None => LiveKey::EventCard { event, occurrence },
                    Some(r) => LiveKey::EventReminder {
                        event,
                        occurrence,
                        minutes: r.strip_prefix('r')?.parse().ok()?,
                    },
                }
            }
            "umfrage" => LiveKey::Poll(PollId(parts.next()?.parse().ok()?)),
            "antrag" => LiveKey::Ballot(ApplicationId(parts.next()?.parse().ok()?)),
            "thema" => LiveKey::Topic(parts.next()?.parse().ok()?),
            "frage" => LiveKey::Question(parts.next()?.parse().ok()?),
            _ => return None,
        };
        parts.next().is_none().then_some(parsed)
    }

    /// The start shared by every live message of one occurrence (its cards and reminders, in
    /// every chat), to find them all.
    pub fn occurrence_prefix(event: EventId, occurrence: NaiveDate) -> String {
        format!("termin:{event}:{}", occurrence.format(DAY))
    }
}

impl fmt::Display for LiveKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveKey::EventCard { event, occurrence } => {
                f.write_str(&Self::occurrence_prefix(*event, *occurrence))
            }
            LiveKey::EventReminder {
                event,
                occurrence,
                minutes,
            } => write!(
                f,
                "{}:r{minutes}",
                Self::occurrence_prefix(*event, *occurrence)
            ),
            LiveKey::Poll(poll) => write!(f, "umfrage:{poll}"),
            LiveKey::Ballot(application) => write!(f, "antrag:{}", application.0),
            LiveKey::Topic(topic) => write!(f, "thema:{topic}"),
            LiveKey::Question(question) => write!(f, "frage:{question}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_read_back_what_they_wrote_and_nothing_else() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let all = [
            ButtonData::Rsvp {
                event: EventId(12345),
                occurrence: day,
                status: RsvpStatus::Maybe,
            },
            ButtonData::Poll {
                poll: PollId(12),
                number: 3,
            },
            ButtonData::Vote {
                application: ApplicationId(123_456),
                choice: Choice::Abstain,
            },
            ButtonData::Vote {
                application: ApplicationId(7),
                choice: Choice::Points(5),
            },
        ];
        for data in all {
            let text = data.to_string();
            assert!(text.len() <= 64, "{text}");
            assert_eq!(ButtonData::parse(&text), Some(data));
        }
        for junk in [
            "",
            "rsvp:1",
            "umfrage:1:2:3",
            "antrag:1:ja",
            "stimme:1:vielleicht",
            "rsvp:x:2026-12-07:yes",
        ] {
            assert_eq!(ButtonData::parse(junk), None, "{junk}");
        }
    }

    #[test]
    fn live_keys_name_their_feature_with_or_without_target() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let all = [
            LiveKey::EventCard {
                event: EventId(3),
                occurrence: day,
            },
            LiveKey::EventReminder {
                event: EventId(3),
                occurrence: day,
                minutes: 60,
            },
            LiveKey::Poll(PollId(3)),
            LiveKey::Ballot(ApplicationId(3)),
        ];
        for key in all {
            assert_eq!(LiveKey::parse(&key.to_string()), Some(key));
            assert_eq!(
                LiveKey::parse(&format!("{key}@telegram:-5")),
                Some(key),
                "{key}"
            );
        }
        assert!(all[1].to_string().starts_with(&all[0].to_string()));
        assert_eq!(LiveKey::parse("umfrage:x@telegram:-5"), None);
        assert_eq!(LiveKey::parse("unbekannt:3"), None);
    }
}
