//! `/termin`, `/anmelden`, `/abmelden`, `/teilnehmer`: the words of events and answers.
//! Dates stay text here; the engine reads them against the current time.

use super::args::split_args;
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, EventAction, EventField, ParseError, ParseProblem};
use crate::domain::event::{EventDraft, parse_reminder_offsets};
use crate::domain::text::{fold, tidy};
use crate::domain::{EventId, RsvpStatus, Visibility};

pub(super) fn event_number(word: &str) -> Option<EventId> {
    word.trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(EventId)
}

/// Splits off the first word; the rest keeps its spacing.
fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (text, ""),
    }
}

/// `/termin neu <wann> | Titel | Ort | Beschreibung`, `/termin neu`, `/termin 3 …`.
pub(super) fn parse_event(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Event;
    let (word, tail) = first_word(rest);
    match fold(word).as_str() {
        "" => return Err(err(id, "event", ParseProblem::MissingArguments)),
        "neu" | "new" | "anlegen" => {
            if tail.is_empty() {
                return Ok(Command::EventNew(None));
            }
            let fields = split_args(tail)
                .filter(|_| tail.contains('|'))
                .unwrap_or_else(|| vec![tail.to_string()]);
            return EventDraft::parse(&fields)
                .map(|d| Command::EventNew(Some(d)))
                .map_err(|e| err(id, "event-new", ParseProblem::EventDraft(e)));
        }
        _ => {}
    }
    let event = event_number(word)
        .ok_or_else(|| err(id, "event", ParseProblem::BadEventNumber(word.to_string())))?;
    let (action, value) = first_word(tail);
    let value = tidy(value);
    let action_word = fold(action);
    let usage = "event-edit";
    let action = match action_word.as_str() {
        "" => EventAction::Show { date: None },
        w if w.starts_with(|c: char| c.is_ascii_digit()) => EventAction::Show {
            date: Some(action.to_string()),
        },
        "absagen" | "cancel" | "streichen" => EventAction::Cancel {
            date: Some(value).filter(|v| !v.is_empty()),
        },
        "verschieben" | "move" => {
            if value.is_empty() {
                return Err(err(id, "event-move", ParseProblem::MissingArguments));
            }
            let split = [" auf ", " Auf ", " to "]
                .iter()
                .find_map(|sep| value.split_once(sep));
            match split {
                Some((date, when)) => EventAction::Move {
                    date: Some(date.trim().to_string()),
                    when: when.trim().to_string(),
                },
                None => EventAction::Move {
                    date: None,
                    when: value,
                },
            }
        }
        "plaetze" | "platze" | "kapazitaet" | "kapazitat" | "capacity" | "seats" => {
            match fold(&value).as_str() {
                "" => return Err(err(id, usage, ParseProblem::MissingArguments)),
                "unbegrenzt" | "unlimited" | "-" | "keine" | "none" => EventAction::Capacity(None),
                n => match n.parse::<i64>() {
                    Ok(n) if n >= 1 && n <= i64::from(crate::domain::event::CAPACITY_MAX) => {
                        EventAction::Capacity(u32::try_from(n).ok())
                    }
                    _ => return Err(err(id, usage, ParseProblem::BadCapacity(value))),
                },
            }
        }
        "erinnerungen" | "erinnerung" | "reminders" | "reminder" => match fold(&value).as_str() {
            "keine" | "none" | "aus" | "off" | "-" => EventAction::Reminders(Some(Vec::new())),
            "standard" | "default" => EventAction::Reminders(None),
            _ => EventAction::Reminders(Some(
                parse_reminder_offsets(&value)
                    .map_err(|e| err(id, usage, ParseProblem::Offsets(e)))?,
            )),
        },
        "link" | "zugang" | "zugangslink" => {
            let words: Vec<&str> = value.split_whitespace().collect();
            let private = words.len() > 1
                && ["privat", "private", "intern"].contains(&fold(words[words.len() - 1]).as_str());
            let url = if private { words[0] } else { value.as_str() };
            match url {
                "" => return Err(err(id, usage, ParseProblem::MissingArguments)),
                "-" => EventAction::Link {
                    url: None,
                    private: false,
                },
                other => match crate::domain::text::web_address(other) {
                    Some(url) => EventAction::Link {
                        url: Some(url),
                        private,
                    },
                    None => return Err(err(id, usage, ParseProblem::BadLink(other.to_string()))),
                },
            }
        }
        "kanal" | "channel" | "hier" | "here" => EventAction::Channel,
        "oeffentlich" | "offentlich" | "public" => EventAction::Visibility(Visibility::Public),
        "intern" | "internal" | "nichtoeffentlich" => EventAction::Visibility(Visibility::Members),
        "vertraulich" | "confidential" => EventAction::Visibility(Visibility::Confidential),
        other => match EventField::parse(other) {
            Some(_) if value.is_empty() => {
                return Err(err(id, usage, ParseProblem::MissingArguments));
            }
            Some(field) => EventAction::Edit(field, Some(value).filter(|v| v != "-")),
            None => {
                return Err(err(
                    id,
                    usage,
                    ParseProblem::UnknownEventAction(action.to_string()),
                ));
            }
        },
    };
    Ok(Command::Event { event, action })
}

/// `/anmelden 3 [datum] [vielleicht]`, `/abmelden 3 [datum]`.
pub(super) fn parse_rsvp(id: CommandId, args: &[String]) -> Result<Command, ParseError> {
    let usage = if id == CommandId::Register {
        "register"
    } else {
        "unregister"
    };
    let Some((first, rest)) = args.split_first() else {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    };
    let event = event_number(first)
        .ok_or_else(|| err(id, usage, ParseProblem::BadEventNumber(first.clone())))?;
    let mut status = if id == CommandId::Register {
        RsvpStatus::Yes
    } else {
        RsvpStatus::No
    };
    let mut date = None;
    for word in rest {
        match fold(word).as_str() {
            "vielleicht" | "maybe" if id == CommandId::Register => status = RsvpStatus::Maybe,
            w if w.starts_with(|c: char| c.is_ascii_digit()) && date.is_none() => {
                date = Some(word.clone());
            }
            _ => return Err(err(id, usage, ParseProblem::TooManyArguments)),
        }
    }
    Ok(Command::Rsvp {
        event,
        date,
        status,
    })
}

/// `/teilnehmer 3 [datum]`.
pub(super) fn parse_attendees(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Attendees;
    match args {
        [] => Err(err(id, "attendees", ParseProblem::MissingArguments)),
        [event, rest @ ..] if rest.len() <= 1 => Ok(Command::Attendees {
            event: event_number(event)
                .ok_or_else(|| err(id, "attendees", ParseProblem::BadEventNumber(event.clone())))?,
            date: rest.first().cloned(),
        }),
        _ => Err(err(id, "attendees", ParseProblem::TooManyArguments)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Parsed, parse};

    fn cmd(text: &str) -> Command {
        match parse(text, None) {
            Parsed::Command(c) => c,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn problem(text: &str) -> ParseProblem {
        match parse(text, None) {
            Parsed::Error(e) => e.problem,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn creating_an_event() {
        let Command::EventNew(Some(d)) =
            cmd("/termin neu Fr 19:30 | Stammtisch | Gasthaus Linde | Offene Runde")
        else {
            panic!()
        };
        assert_eq!(d.when, "Fr 19:30");
        assert_eq!(d.place.as_deref(), Some("Gasthaus Linde"));
        assert_eq!(cmd("/termin neu"), Command::EventNew(None));
        assert!(matches!(
            problem("/termin neu morgen 18 Uhr"),
            ParseProblem::EventDraft(_)
        ));
    }

    #[test]
    fn changing_an_event() {
        let e = EventId(3);
        let action = |text: &str| match cmd(text) {
            Command::Event { event, action } if event == e => action,
            other => panic!("{other:?}"),
        };
        assert_eq!(action("/termin 3"), EventAction::Show { date: None });
        assert_eq!(
            action("/termin #3 7.12."),
            EventAction::Show {
                date: Some("7.12.".into())
            }
        );
        assert_eq!(
            action("/termin 3 absagen 7.12."),
            EventAction::Cancel {
                date: Some("7.12.".into())
            }
        );
        assert_eq!(
            action("/termin 3 verschieben 7.12. auf 8.12. 18 Uhr"),
            EventAction::Move {
                date: Some("7.12.".into()),
                when: "8.12. 18 Uhr".into()
            }
        );
        assert_eq!(
            action("/termin 3 verschieben Fr 19 Uhr"),
            EventAction::Move {
                date: None,
                when: "Fr 19 Uhr".into()
            }
        );
        assert_eq!(
            action("/termin 3 plätze 20"),
            EventAction::Capacity(Some(20))
        );
        assert_eq!(
            action("/termin 3 plätze unbegrenzt"),
            EventAction::Capacity(None)
        );
        assert_eq!(
            action("/termin 3 erinnerungen 1d 1h"),
            EventAction::Reminders(Some(vec![1440, 60]))
        );
        assert_eq!(
            action("/termin 3 link https://meet.example/x privat"),
            EventAction::Link {
                url: Some("https://meet.example/x".into()),
                private: true
            }
        );
        assert_eq!(
            action("/termin 3 impuls Dr. A. Beispiel"),
            EventAction::Edit(EventField::Speakers, Some("Dr. A. Beispiel".into()))
        );
        assert_eq!(
            action("/termin 3 thema -"),
            EventAction::Edit(EventField::Topic, None)
        );
        for bad in ["0", "-2", "viele", "100001"] {
            assert!(
                matches!(
                    problem(&format!("/termin 3 plätze {bad}")),
                    ParseProblem::BadCapacity(_)
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            problem("/termin 3 link meet example"),
            ParseProblem::BadLink(_)
        ));
        // A web address as people write it gets its https://.
        assert_eq!(
            action("/termin 3 link meet.example/raum"),
            EventAction::Link {
                url: Some("https://meet.example/raum".into()),
                private: false
            }
        );
        assert!(matches!(
            problem("/termin drei"),
            ParseProblem::BadEventNumber(_)
        ));
        assert!(matches!(
            problem("/termin 3 tanzen"),
            ParseProblem::UnknownEventAction(_)
        ));
    }

    #[test]
    fn answering() {
        assert_eq!(
            cmd("/anmelden 3"),
            Command::Rsvp {
                event: EventId(3),
                date: None,
                status: RsvpStatus::Yes
            }
        );
        assert_eq!(
            cmd("/anmelden 3 7.12. vielleicht"),
            Command::Rsvp {
                event: EventId(3),
                date: Some("7.12.".into()),
                status: RsvpStatus::Maybe
            }
        );
        assert_eq!(
            cmd("/abmelden #3"),
            Command::Rsvp {
                event: EventId(3),
                date: None,
                status: RsvpStatus::No
            }
        );
        assert_eq!(
            cmd("/teilnehmer 3"),
            Command::Attendees {
                event: EventId(3),
                date: None
            }
        );
    }
}
