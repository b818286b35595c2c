//! `/fragerunde`, `/frage`, `/fragen`: the words of moderated question rounds.

use super::events::event_number;
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, ParseError, ParseProblem, QuestionAction};
use crate::domain::question::{QUESTION_MAX, REPLY_MAX};
use crate::domain::text::{fold, tidy};

/// The first word and the rest after it.
fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (text, ""),
    }
}

fn too_long(id: CommandId, usage: &'static str, text: &str, max: usize) -> Result<(), ParseError> {
    if text.chars().count() > max {
        return Err(err(
            id,
            usage,
            ParseProblem::EventDraft(crate::domain::event::EventDraftError::TooLong {
                field: "text",
                max,
            }),
        ));
    }
    Ok(())
}

/// `/fragerunde`, `/fragerunde start Titel [| TERMIN [datum]]`, `/fragerunde ende [N]`.
pub(super) fn parse_round(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::QuestionRound;
    let usage = "question-round";
    let (word, tail) = first_word(rest);
    match fold(word).as_str() {
        "" => Ok(Command::QuestionRounds),
        "start" | "starten" | "beginnen" | "open" | "neu" | "new" => {
            let (title, event) = match tail.split_once('|') {
                Some((title, event)) => (title, Some(event.trim())),
                None => (tail, None),
            };
            let title = tidy(title);
            if title.is_empty() {
                return Err(err(id, usage, ParseProblem::MissingArguments));
            }
            too_long(id, usage, &title, crate::domain::event::TITLE_MAX)?;
            let (event, date) = match event {
                None | Some("") => (None, None),
                Some(text) => {
                    let (number, date) = first_word(text);
                    // `| Termin 12` reads as well as `| 12`.
                    let (number, date) = match fold(number).as_str() {
                        "termin" | "event" => first_word(date),
                        _ => (number, date),
                    };
                    let event = event_number(number).ok_or_else(|| {
                        err(id, usage, ParseProblem::BadEventNumber(number.to_string()))
                    })?;
                    (
                        Some(event),
                        Some(date.to_string()).filter(|d| !d.is_empty()),
                    )
                }
            };
            Ok(Command::QuestionRoundStart { title, event, date })
        }
        "ende" | "beenden" | "schliessen" | "stop" | "end" | "close" => {
            let round = match tail {
                "" => None,
                n => Some(
                    n.trim_start_matches('#')
                        .parse::<i64>()
                        .map_err(|_| err(id, usage, ParseProblem::BadItemNumber(n.to_string())))?,
                ),
            };
            Ok(Command::QuestionRoundEnd { round })
        }
        _ => Err(err(
            id,
            usage,
            ParseProblem::UnknownEventAction(word.to_string()),
        )),
    }
}

/// `F3` (or `f3`): a question's number.
fn question_number(word: &str) -> Option<i64> {
    word.strip_prefix(['F', 'f', 'Q', 'q'])?
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
}

/// `/frage Text`, `/frage anonym Text`, `/frage F3 +|-`, `/frage F3 beantwortet Antwort`,
/// `/frage F3 ablehnen Grund`.
pub(super) fn parse_question(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Question;
    let usage = "question";
    let rest = rest.trim();
    if rest.is_empty() {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    }
    let (word, tail) = first_word(rest);
    if let Some(question) = question_number(word) {
        let (verb, text) = first_word(tail);
        let text = tidy(text);
        let action = match fold(verb).as_str() {
            "+" | "+1" => QuestionAction::Upvote(true),
            "-" | "-1" => QuestionAction::Upvote(false),
            "beantwortet" | "beantworten" | "antwort" | "answered" | "answer" => {
                too_long(id, usage, &text, REPLY_MAX)?;
                QuestionAction::Answer(Some(text).filter(|t| !t.is_empty()))
            }
            "ablehnen" | "abgelehnt" | "decline" | "declined" => {
                if text.is_empty() {
                    return Err(err(id, "question-decline", ParseProblem::MissingArguments));
                }
                too_long(id, usage, &text, REPLY_MAX)?;
                QuestionAction::Decline(text)
            }
            // A question that starts like a number ("F1-Rennen im Ort?") is a question.
            _ => return ask(rest, false),
        };
        return Ok(Command::QuestionAct { question, action });
    }
    match fold(word).as_str() {
        "anonym" | "anonymous" if !tail.is_empty() => ask(tail, true),
        _ => ask(rest, false),
    }
}

fn ask(text: &str, anonymous: bool) -> Result<Command, ParseError> {
    let text = text.trim().to_string();
    too_long(CommandId::Question, "question", &text, QUESTION_MAX)?;
    Ok(Command::Ask { text, anonymous })
}
