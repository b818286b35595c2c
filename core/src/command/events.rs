//! `/termin`, `/anmelden`, `/abmelden`, `/teilnehmer`: the words of events and answers.
//! Dates stay text here; the engine reads them against the current time.

use super::args::split_args;
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, EventAction, EventField, ImpulseAbout, ParseError, ParseProblem};
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
        "thema" | "topic" if looks_like_date(&value) => {
            let (date, topic) = first_word(&value);
            if topic.is_empty() {
                return Err(err(id, "event-date-topic", ParseProblem::MissingArguments));
            }
            EventAction::DateTopic {
                date: date.to_string(),
                topic: Some(topic.to_string()).filter(|t| t != "-"),
            }
        }
        "impuls" | "impulse" if agenda_verb(&value).is_some() => {
            let usage = "event-impulse";
            let (verb, rest) = first_word(&value);
            let (number, date) = first_word(rest);
            if number.is_empty() {
                return Err(err(id, usage, ParseProblem::MissingArguments));
            }
            let item = item_number(number)
                .ok_or_else(|| err(id, usage, ParseProblem::BadItemNumber(number.to_string())))?;
            match agenda_verb(verb) {
                Some(true) => EventAction::AcceptImpulse {
                    item,
                    date: Some(date.to_string()).filter(|d| !d.is_empty()),
                },
                _ if date.is_empty() => EventAction::RemoveItem { item },
                _ => return Err(err(id, usage, ParseProblem::TooManyArguments)),
            }
        }
        "vorstellungen" | "vorstellung" | "slots" | "presentations" => {
            let usage = "event-slots";
            let (number, date) = first_word(&value);
            if number.is_empty() {
                return Err(err(id, usage, ParseProblem::MissingArguments));
            }
            let count = number
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= crate::domain::agenda::SLOTS_MAX)
                .ok_or_else(|| err(id, usage, ParseProblem::BadSlots(number.to_string())))?;
            EventAction::Slots {
                count,
                date: Some(date.to_string()).filter(|d| !d.is_empty()),
            }
        }
        "doku" | "dokumentation" | "documentation" | "docs" => parse_documentation(&value)?,
        "anmeldung" | "registration" | "anmeldestart" => {
            let (word, rest) = first_word(&value);
            let date = match fold(word).as_str() {
                "ab" | "from" | "am" => rest,
                _ => value.as_str(),
            };
            match fold(date).as_str() {
                "" => {
                    return Err(err(
                        id,
                        "event-registration",
                        ParseProblem::MissingArguments,
                    ));
                }
                "-" | "sofort" | "jetzt" | "now" | "offen" | "open" => {
                    EventAction::RegistrationFrom(None)
                }
                _ => EventAction::RegistrationFrom(Some(date.to_string())),
            }
        }
        "kanal" | "channel" | "hier" | "here" => EventAction::Channel,
        "freigeben" | "release" | "approve" => EventAction::Held(false),
        "verbergen" | "ausblenden" | "hide" => EventAction::Held(true),
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

/// `24.01.`, `24.01.2027`: a date written first, before a date's topic or documentation.
fn looks_like_date(text: &str) -> bool {
    let (word, _) = first_word(text);
    word.contains('.') && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `annehmen` (`Some(true)`) or `entfernen` (`Some(false)`) an impulse.
fn agenda_verb(text: &str) -> Option<bool> {
    match fold(first_word(text).0).as_str() {
        "annehmen" | "accept" | "aufnehmen" => Some(true),
        "entfernen" | "remove" | "streichen" => Some(false),
        _ => None,
    }
}

/// The number of an impulse or presentation (`3`, also written `#3`).
pub(super) fn item_number(word: &str) -> Option<i64> {
    word.trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
}

/// `doku [datum] <link> | Kurzprotokoll`, `doku [datum] Kurzprotokoll`, `doku -`.
fn parse_documentation(value: &str) -> Result<EventAction, ParseError> {
    let usage = "event-doc";
    let fail = |problem| err(CommandId::Event, usage, problem);
    let (head, summary) = match value.split_once('|') {
        Some((head, summary)) => (head.trim(), Some(tidy(summary)).filter(|s| !s.is_empty())),
        None => (value.trim(), None),
    };
    let (date, head) = if looks_like_date(head) {
        let (date, rest) = first_word(head);
        (Some(date.to_string()), rest)
    } else {
        (None, head)
    };
    if head == "-" && summary.is_none() {
        return Ok(EventAction::Document {
            date,
            link: None,
            summary: None,
        });
    }
    let (link, summary) = match (crate::domain::text::web_address(head), summary) {
        (Some(link), summary) => (Some(link), summary),
        (None, None) if head.is_empty() => return Err(fail(ParseProblem::MissingArguments)),
        // No link: the text is the summary (minutes typed in).
        (None, None) => (None, Some(head.to_string())),
        (None, Some(summary)) if head.is_empty() => (None, Some(summary)),
        (None, Some(_)) => return Err(fail(ParseProblem::BadLink(head.to_string()))),
    };
    if summary
        .as_ref()
        .is_some_and(|s| s.chars().count() > crate::domain::agenda::SUMMARY_MAX)
    {
        return Err(fail(ParseProblem::EventDraft(
            crate::domain::event::EventDraftError::TooLong {
                field: "summary",
                max: crate::domain::agenda::SUMMARY_MAX,
            },
        )));
    }
    Ok(EventAction::Document {
        date,
        link,
        summary,
    })
}

/// `/vorstellen 12 [datum] [Initiative]`.
pub(super) fn parse_present(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Present;
    let (word, tail) = first_word(rest);
    if word.is_empty() {
        return Err(err(id, "present", ParseProblem::MissingArguments));
    }
    let event = event_number(word).ok_or_else(|| {
        err(
            id,
            "present",
            ParseProblem::BadEventNumber(word.to_string()),
        )
    })?;
    let (date, name) = if looks_like_date(tail) {
        let (date, name) = first_word(tail);
        (Some(date.to_string()), name)
    } else {
        (None, tail)
    };
    Ok(Command::Present {
        event,
        date,
        name: Some(tidy(name)).filter(|n| !n.is_empty()),
    })
}

/// `/impuls T5 | Titel`, `/impuls 12 | Titel`, `/impuls Titel`, `/impuls`,
/// `/impuls zurueckziehen 3`.
pub(super) fn parse_impulse(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Impulse;
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(Command::Impulses);
    }
    let (word, tail) = first_word(rest);
    if matches!(
        fold(word).as_str(),
        "zurueckziehen" | "zuruckziehen" | "zurueck" | "withdraw"
    ) {
        let item = item_number(tail)
            .ok_or_else(|| err(id, "impulse", ParseProblem::BadItemNumber(tail.to_string())))?;
        return Ok(Command::ImpulseWithdraw { item });
    }
    let (about, title) = match rest.split_once('|') {
        Some((head, title)) => {
            let head = head.trim();
            let about = if let Some(topic) = head
                .strip_prefix(['T', 't'])
                .and_then(|n| n.parse::<i64>().ok())
            {
                ImpulseAbout::Topic(topic)
            } else if let Some(event) = event_number(head) {
                ImpulseAbout::Event(event)
            } else {
                return Err(err(
                    id,
                    "impulse",
                    ParseProblem::BadEventNumber(head.to_string()),
                ));
            };
            (about, tidy(title))
        }
        None => (ImpulseAbout::Meetups, tidy(rest)),
    };
    if title.is_empty() {
        return Err(err(id, "impulse", ParseProblem::MissingArguments));
    }
    if title.chars().count() > crate::domain::agenda::AGENDA_TITLE_MAX {
        return Err(err(
            id,
            "impulse",
            ParseProblem::EventDraft(crate::domain::event::EventDraftError::TooLong {
                field: "title",
                max: crate::domain::agenda::AGENDA_TITLE_MAX,
            }),
        ));
    }
    Ok(Command::ImpulseOffer { about, title })
}

/// `/protokoll 12 [datum]`.
pub(super) fn parse_record(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Record;
    match args {
        [] => Err(err(id, "record", ParseProblem::MissingArguments)),
        [event, rest @ ..] if rest.len() <= 1 => Ok(Command::Record {
            event: event_number(event)
                .ok_or_else(|| err(id, "record", ParseProblem::BadEventNumber(event.clone())))?,
            date: rest.first().cloned(),
        }),
        _ => Err(err(id, "record", ParseProblem::TooManyArguments)),
    }
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
    fn a_dates_programme_and_documentation() {
        let action = |text: &str| match cmd(text) {
            Command::Event { action, .. } => action,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            action("/termin 5 thema 24.01. Lebendige Orte"),
            EventAction::DateTopic {
                date: "24.01.".into(),
                topic: Some("Lebendige Orte".into())
            }
        );
        // Without a date first it is the event's own topic.
        assert_eq!(
            action("/termin 5 thema Lebendige Orte"),
            EventAction::Edit(EventField::Topic, Some("Lebendige Orte".into()))
        );
        assert_eq!(
            action("/termin 12 impuls annehmen 3 24.01."),
            EventAction::AcceptImpulse {
                item: 3,
                date: Some("24.01.".into())
            }
        );
        assert_eq!(
            action("/event 12 impulse remove #3"),
            EventAction::RemoveItem { item: 3 }
        );
        // Any other text after `impuls` names the speakers, as before.
        assert_eq!(
            action("/termin 12 impuls Anna Beispiel"),
            EventAction::Edit(EventField::Speakers, Some("Anna Beispiel".into()))
        );
        assert_eq!(
            action("/termin 12 vorstellungen 2"),
            EventAction::Slots {
                count: 2,
                date: None
            }
        );
        assert!(matches!(
            problem("/termin 12 vorstellungen 21"),
            ParseProblem::BadSlots(_)
        ));
        assert_eq!(
            action("/termin 12 doku https://cloud.example.org/a | 14 Leute"),
            EventAction::Document {
                date: None,
                link: Some("https://cloud.example.org/a".into()),
                summary: Some("14 Leute".into())
            }
        );
        assert_eq!(
            action("/termin 12 doku 24.01. Nur Notizen"),
            EventAction::Document {
                date: Some("24.01.".into()),
                link: None,
                summary: Some("Nur Notizen".into())
            }
        );
        assert_eq!(
            action("/termin 12 doku -"),
            EventAction::Document {
                date: None,
                link: None,
                summary: None
            }
        );
        assert!(matches!(
            problem("/termin 12 doku kein-link | Notizen"),
            ParseProblem::BadLink(_)
        ));
        assert!(matches!(
            problem("/termin 12 doku"),
            ParseProblem::MissingArguments
        ));
    }

    #[test]
    fn impulses_presentations_and_records() {
        assert_eq!(
            cmd("/impuls T5 | Dorfladen Plus, 10 Minuten"),
            Command::ImpulseOffer {
                about: ImpulseAbout::Topic(5),
                title: "Dorfladen Plus, 10 Minuten".into()
            }
        );
        assert_eq!(
            cmd("/impuls 12 | Kurzvortrag"),
            Command::ImpulseOffer {
                about: ImpulseAbout::Event(EventId(12)),
                title: "Kurzvortrag".into()
            }
        );
        assert_eq!(
            cmd("/impuls Kurzvortrag über Leerstand"),
            Command::ImpulseOffer {
                about: ImpulseAbout::Meetups,
                title: "Kurzvortrag über Leerstand".into()
            }
        );
        assert_eq!(cmd("/impuls"), Command::Impulses);
        assert_eq!(
            cmd("/impuls zurückziehen 3"),
            Command::ImpulseWithdraw { item: 3 }
        );
        assert!(matches!(
            problem("/impuls x | Titel"),
            ParseProblem::BadEventNumber(_)
        ));
        assert_eq!(
            cmd("/vorstellen 12 24.01. Tafel Suhl"),
            Command::Present {
                event: EventId(12),
                date: Some("24.01.".into()),
                name: Some("Tafel Suhl".into())
            }
        );
        assert_eq!(
            cmd("/vorstellen 12"),
            Command::Present {
                event: EventId(12),
                date: None,
                name: None
            }
        );
        assert_eq!(
            cmd("/protokoll 12"),
            Command::Record {
                event: EventId(12),
                date: None
            }
        );
        assert_eq!(
            cmd("/termine vergangen Suhl"),
            Command::PastEvents {
                query: Some("Suhl".into())
            }
        );
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
