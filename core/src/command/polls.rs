//! `/umfrage`: a new poll, showing one, choosing, closing.

use super::args::split_args;
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, ParseError, ParseProblem};
use crate::domain::text::fold;
use crate::domain::{PollDraft, PollError, PollId};

/// `/umfrage Frage | A | B`, `/umfrage 3`, `/umfrage 3 2`, `/umfrage 3 beenden`.
pub(super) fn parse_poll(rest: &str, args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Poll;
    if rest.contains('|') {
        let values =
            split_args(rest).ok_or_else(|| err(id, "poll", ParseProblem::UnclosedQuote))?;
        return PollDraft::parse(&values)
            .map(Command::PollNew)
            .map_err(|e| err(id, "poll", ParseProblem::Poll(e)));
    }
    let number = |word: &str| -> Result<u32, ParseError> {
        word.trim_start_matches('#')
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| err(id, "poll", ParseProblem::BadPollNumber(word.to_string())))
    };
    // Words, not a number: a question without its answers (`/umfrage Grillen?`).
    let is_number = |w: &str| {
        let digits = w.trim_start_matches('#');
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    };
    if args.first().is_some_and(|w| !is_number(w)) {
        return Err(err(
            id,
            "poll",
            ParseProblem::Poll(PollError::TooFewOptions),
        ));
    }
    match args {
        [] => Err(err(id, "poll", ParseProblem::MissingArguments)),
        [poll] => Ok(Command::PollShow {
            poll: PollId(i64::from(number(poll)?)),
        }),
        [poll, second] => {
            let poll = PollId(i64::from(number(poll)?));
            match fold(second).as_str() {
                "beenden" | "schliessen" | "close" | "end" | "stop" => {
                    Ok(Command::PollClose { poll })
                }
                _ => Ok(Command::PollChoose {
                    poll,
                    number: number(second)?,
                }),
            }
        }
        _ => Err(err(id, "poll", ParseProblem::TooManyArguments)),
    }
}
