//! `/initiative`: register, edit, archive, show.

use super::args::split_args;
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, ParseError, ParseProblem, PlaceInput};
use crate::domain::text::{fold, tidy};
use crate::domain::{GeoPoint, InitiativeDraft, InitiativeField};
use regex::Regex;

pub(super) fn parse_initiative(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Initiative;
    let (sub, tail) = match rest.split_once(char::is_whitespace) {
        Some((sub, tail)) => (sub, tail.trim()),
        None => (rest, ""),
    };
    match fold(sub).as_str() {
        "" => Err(err(id, "initiative", ParseProblem::MissingArguments)),
        "neu" | "new" | "anlegen" | "registrieren" | "register" => {
            if tail.is_empty() {
                return Ok(Command::InitiativeNew(None));
            }
            let values = split_args(tail)
                .ok_or_else(|| err(id, "initiative-new", ParseProblem::UnclosedQuote))?;
            if !tail.contains('|') || values.len() < 4 {
                return Err(err(id, "initiative-new", ParseProblem::MissingArguments));
            }
            if values.len() > InitiativeField::ALL.len() {
                return Err(err(id, "initiative-new", ParseProblem::TooManyArguments));
            }
            InitiativeDraft::from_values(&values)
                .map(|d| Command::InitiativeNew(Some(d)))
                .map_err(|(field, e)| err(id, "initiative-new", ParseProblem::Field(field, e)))
        }
        "bearbeiten" | "edit" | "aendern" => {
            let values = split_args(tail)
                .ok_or_else(|| err(id, "initiative-edit", ParseProblem::UnclosedQuote))?;
            let [name, field, value] = values.as_slice() else {
                return Err(err(
                    id,
                    "initiative-edit",
                    if values.len() < 3 || !tail.contains('|') {
                        ParseProblem::MissingArguments
                    } else {
                        ParseProblem::TooManyArguments
                    },
                ));
            };
            let field = InitiativeField::from_word(field).ok_or_else(|| {
                err(
                    id,
                    "initiative-edit",
                    ParseProblem::UnknownField(field.clone()),
                )
            })?;
            // Checked here already, so that a bad value never reaches the store.
            InitiativeDraft::check_field(field, value)
                .map_err(|e| err(id, "initiative-edit", ParseProblem::Field(field, e)))?;
            Ok(Command::InitiativeEdit {
                name: tidy(name),
                field,
                value: value.clone(),
            })
        }
        "archivieren" | "archive" => {
            let name = tidy(tail);
            if name.is_empty() {
                return Err(err(
                    id,
                    "initiative-archive",
                    ParseProblem::MissingArguments,
                ));
            }
            Ok(Command::InitiativeArchive { name })
        }
        _ => {
            if let Some(place) = place_command(rest)? {
                return Ok(place);
            }
            if let Some(contact) = contact_command(rest) {
                return Ok(contact);
            }
            Ok(Command::InitiativeShow { name: tidy(rest) })
        }
    }
}

/// `Name ort [where]`. A name may hold the word `Ort` itself (`Offener Ort Suhl`): only what
/// looks like a place after it (digits, a link, `geo:`) or nothing at all makes it this
/// command.
fn place_command(rest: &str) -> Result<Option<Command>, ParseError> {
    let words = Regex::new(r"(?i)^(.+?)\s+(?:ort|standort|karte|location|place|map)(?:\s+(.+))?$")
        .expect("fixed pattern");
    let Some(c) = words.captures(rest.trim()) else {
        return Ok(None);
    };
    let name = tidy(&c[1]);
    match read_place(c.get(2).map(|m| m.as_str())) {
        Some(Ok(place)) => Ok(Some(Command::InitiativePlace { name, place })),
        Some(Err(bad)) => Err(err(
            CommandId::Initiative,
            "initiative-place",
            ParseProblem::BadPlace(bad),
        )),
        None => Ok(None),
    }
}

/// What follows `ort`: nothing (a pin comes next), `-` (off the map), or a place. `None`
/// if it does not look like a place at all (no digits, no link); `Err` if it looks like
/// one but is none (`95.1, 200`).
pub(super) fn read_place(after: Option<&str>) -> Option<Result<PlaceInput, String>> {
    let Some(w) = after.map(str::trim).filter(|w| !w.is_empty()) else {
        return Some(Ok(PlaceInput::Pin));
    };
    if matches!(
        fold(w).as_str(),
        "-" | "keiner" | "entfernen" | "loeschen" | "remove" | "none"
    ) {
        return Some(Ok(PlaceInput::Remove));
    }
    match GeoPoint::parse(w) {
        Some(point) => Some(Ok(PlaceInput::At(point))),
        None if w.contains(|c: char| c.is_ascii_digit())
            || w.contains("://")
            || w.starts_with("geo:") =>
        {
            Some(Err(w.to_string()))
        }
        None => None,
    }
}

/// `Name kontakt öffentlich|privat`.
fn contact_command(rest: &str) -> Option<Command> {
    let words = Regex::new(r"(?i)^(.+?)\s+(?:kontakt|contact)\s+(\S+)$").expect("fixed pattern");
    let c = words.captures(rest.trim())?;
    Some(Command::InitiativeContact {
        name: tidy(&c[1]),
        public: contact_choice(&c[2])?,
    })
}

/// `öffentlich` (on the web view too) or `privat` (members only) after `kontakt`.
pub(super) fn contact_choice(word: &str) -> Option<bool> {
    match fold(word).as_str() {
        "oeffentlich" | "public" | "zeigen" | "show" => Some(true),
        "privat" | "private" | "intern" | "verbergen" | "hide" => Some(false),
        _ => None,
    }
}
