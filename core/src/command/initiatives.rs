//! `/initiative`: register, edit, archive, show.

use super::args::split_args;
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, ParseError, ParseProblem};
use crate::domain::text::{fold, tidy};
use crate::domain::{InitiativeDraft, InitiativeField};

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
        _ => Ok(Command::InitiativeShow { name: tidy(rest) }),
    }
}
