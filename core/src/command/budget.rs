//! `/runde`, `/antrag`, `/antraege`, `/abstimmung`, `/stimme`, `/stimme-fuer`: the words of
//! the Spendenparlament.

use super::args::split_args;
use super::members::member_ref;
use super::parse::err;
use super::table::CommandId;
use super::types::{
    ApplicationAction, ApplicationDraft, ApplicationField, Command, ParseError, ParseProblem,
    RoundAction, RoundDraft, RoundSetting, VotingAction,
};
use crate::domain::budget::{Eligibility, Threshold};
use crate::domain::text::{fold, tidy};
use crate::domain::{Amount, ApplicationId, BallotForm, Choice, EventId, RoundId, Visibility};

/// Splits off the first word; the rest keeps its spacing.
fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (text, ""),
    }
}

fn amount(id: CommandId, usage: &'static str, text: &str) -> Result<Amount, ParseError> {
    Amount::parse(text).map_err(|e| err(id, usage, ParseProblem::Amount(e)))
}

fn round_number(word: &str) -> Option<RoundId> {
    word.trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(RoundId)
}

fn is_number(word: &str) -> bool {
    let digits = word.trim_start_matches('#');
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `/runde`, `/runde neu …`, `/runde 2 …`.
pub(super) fn parse_round(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Round;
    let (word, tail) = first_word(rest);
    match fold(word).as_str() {
        "" => Ok(Command::Rounds),
        "neu" | "new" | "anlegen" if tail.is_empty() => Ok(Command::RoundNew(None)),
        "neu" | "new" | "anlegen" => parse_round_draft(tail).map(|d| Command::RoundNew(Some(d))),
        _ if is_number(word) => {
            let round = round_number(word)
                .ok_or_else(|| err(id, "round", ParseProblem::BadRoundNumber(word.into())))?;
            let action = parse_round_action(tail)?;
            Ok(Command::Round { round, action })
        }
        _ => Err(err(
            id,
            "round",
            ParseProblem::UnknownRoundAction(word.to_string()),
        )),
    }
}

fn parse_round_draft(tail: &str) -> Result<RoundDraft, ParseError> {
    let id = CommandId::Round;
    let usage = "round-new";
    let values = split_args(tail).ok_or_else(|| err(id, usage, ParseProblem::UnclosedQuote))?;
    if !tail.contains('|') || values.len() < 3 {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    }
    if values.len() > 4 {
        return Err(err(id, usage, ParseProblem::TooManyArguments));
    }
    let title = tidy(&values[0]);
    if title.is_empty() {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    }
    let pot = amount(id, usage, &values[1])?;
    // "Anträge bis 15.01.2027", "bis 15.01.2027" or just the date: the last word.
    let deadline = values[2]
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    let meeting = match values.get(3).map(|v| tidy(v)) {
        None => None,
        Some(text) if text.is_empty() => None,
        Some(text) => {
            // "Abstimmung: Termin 7", "Termin 7", "7"
            let last = text.split_whitespace().last().unwrap_or_default();
            let number = last
                .trim_start_matches('#')
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| err(id, usage, ParseProblem::BadEventNumber(text.clone())))?;
            Some(EventId(number))
        }
    };
    Ok(RoundDraft {
        title,
        pot,
        deadline,
        meeting,
    })
}

fn on_off(word: &str) -> Option<bool> {
    match fold(word).as_str() {
        "an" | "ein" | "ja" | "on" | "yes" => Some(true),
        "aus" | "nein" | "off" | "no" => Some(false),
        _ => None,
    }
}

fn parse_round_action(tail: &str) -> Result<RoundAction, ParseError> {
    let id = CommandId::Round;
    let (word, value) = first_word(tail);
    Ok(match fold(word).as_str() {
        "" | "zeigen" | "show" => RoundAction::Show,
        "zuwendung" | "spende" | "contribution" | "donation" => {
            let usage = "round-contribution";
            let values =
                split_args(value).ok_or_else(|| err(id, usage, ParseProblem::UnclosedQuote))?;
            let [amount_text, donor, rest @ ..] = values.as_slice() else {
                return Err(err(id, usage, ParseProblem::MissingArguments));
            };
            if tidy(donor).is_empty() {
                return Err(err(id, usage, ParseProblem::MissingArguments));
            }
            let public = match rest {
                [] => false,
                [flag] => matches!(
                    fold(flag).as_str(),
                    "oeffentlich" | "offentlich" | "public" | "namentlich"
                ),
                _ => return Err(err(id, usage, ParseProblem::TooManyArguments)),
            };
            RoundAction::Contribution {
                amount: amount(id, usage, amount_text)?,
                donor: tidy(donor),
                public,
            }
        }
        "schliessen" | "schlieen" | "close" | "antraege" | "antrage" => {
            RoundAction::CloseApplications
        }
        "veroeffentlichen" | "veroffentlichen" | "publish" => RoundAction::Publish,
        "einstellung" | "einstellungen" | "setting" | "set" => {
            RoundAction::Setting(parse_setting(value)?)
        }
        _ => {
            return Err(err(
                id,
                "round",
                ParseProblem::UnknownRoundAction(word.to_string()),
            ));
        }
    })
}

fn parse_setting(text: &str) -> Result<RoundSetting, ParseError> {
    let id = CommandId::Round;
    let usage = "round-setting";
    let (name, value) = first_word(text);
    if name.is_empty() || value.is_empty() {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    }
    let bad = || err(id, usage, ParseProblem::BadSettingValue(value.to_string()));
    let folded = fold(value);
    let none = matches!(
        folded.as_str(),
        "keine" | "keiner" | "none" | "aus" | "off" | "-"
    );
    let number = || {
        folded
            .trim_end_matches('%')
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
    };
    Ok(match fold(name).as_str() {
        "stimmzettel" | "abstimmungsart" | "ballot" | "verfahren" => {
            let (form, n) = first_word(&folded);
            match form {
                "janein" | "ja/nein" | "yesno" | "yes/no" => {
                    RoundSetting::Ballot(BallotForm::YesNo)
                }
                "punkte" | "points" => {
                    let n = if n.is_empty() {
                        10
                    } else {
                        n.parse::<u32>()
                            .ok()
                            .filter(|n| (1..=100).contains(n))
                            .ok_or_else(bad)?
                    };
                    RoundSetting::Ballot(BallotForm::Points(n))
                }
                _ => return Err(bad()),
            }
        }
        "hoechstbetrag" | "hochstbetrag" | "maximum" | "max" => {
            if none {
                RoundSetting::Maximum(None)
            } else {
                RoundSetting::Maximum(Some(amount(id, usage, value)?))
            }
        }
        "berechtigt" | "stimmberechtigt" | "eligibility" | "eligible" => match folded.as_str() {
            "mitglieder" | "members" => RoundSetting::Eligibility(Eligibility::Members),
            "angemeldete" | "angemeldet" | "registered" | "teilnehmende" => {
                RoundSetting::Eligibility(Eligibility::MeetingRegistered)
            }
            _ => return Err(bad()),
        },
        "quorum" => {
            if none {
                RoundSetting::Quorum(None)
            } else {
                RoundSetting::Quorum(Some(number().ok_or_else(bad)?))
            }
        }
        "schwelle" | "mehrheit" | "threshold" | "majority" => match folded.as_str() {
            "einfach" | "simple" | "mehr-ja" | "standard" => {
                RoundSetting::Threshold(Threshold::Majority)
            }
            _ => match number() {
                Some(p) if p <= 100 => RoundSetting::Threshold(Threshold::Percent(p)),
                _ => return Err(bad()),
            },
        },
        "teilfinanzierung" | "teilweise" | "partial" => {
            RoundSetting::PartialFunding(on_off(value).ok_or_else(bad)?)
        }
        "geheim" | "secret" => RoundSetting::Secret(on_off(value).ok_or_else(bad)?),
        "sichtbarkeit" | "sichtbar" | "visibility" | "visible" => match folded.as_str() {
            "oeffentlich" | "offentlich" | "public" => RoundSetting::Visibility(Visibility::Public),
            "intern" | "internal" | "mitglieder" | "members" => {
                RoundSetting::Visibility(Visibility::Members)
            }
            _ => return Err(bad()),
        },
        _ => {
            return Err(err(
                id,
                usage,
                ParseProblem::UnknownSetting(name.to_string()),
            ));
        }
    })
}

/// `/antrag Titel | 450 € | Initiative | Wofür`, `/antrag A3 …`.
pub(super) fn parse_application(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Application;
    let (word, tail) = first_word(rest);
    if word.is_empty() {
        return Ok(Command::ApplicationNew(None));
    }
    let digits = word.trim_start_matches(['A', 'a', '#'].as_slice());
    let looks_numbered = word.len() - digits.len() <= 1
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    if looks_numbered && !rest.contains('|') {
        let application = ApplicationId::parse(word).ok_or_else(|| {
            err(
                id,
                "application",
                ParseProblem::BadApplicationNumber(word.to_string()),
            )
        })?;
        let action = parse_application_action(tail)?;
        return Ok(Command::Application {
            application,
            action,
        });
    }
    let usage = "application-new";
    let values = split_args(rest).ok_or_else(|| err(id, usage, ParseProblem::UnclosedQuote))?;
    if !rest.contains('|') || values.len() < 4 {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    }
    if values.len() > 4 {
        return Err(err(id, usage, ParseProblem::TooManyArguments));
    }
    let title = tidy(&values[0]);
    let initiative = tidy(&values[2]);
    let purpose = tidy(&values[3]);
    if title.is_empty() || initiative.is_empty() || purpose.is_empty() {
        return Err(err(id, usage, ParseProblem::MissingArguments));
    }
    Ok(Command::ApplicationNew(Some(ApplicationDraft {
        title,
        amount: amount(id, usage, &values[1])?,
        initiative,
        purpose,
    })))
}

fn parse_application_action(tail: &str) -> Result<ApplicationAction, ParseError> {
    let id = CommandId::Application;
    let (word, value) = first_word(tail);
    let needs_value = |usage: &'static str| -> Result<String, ParseError> {
        let value = tidy(value);
        if value.is_empty() {
            Err(err(id, usage, ParseProblem::MissingArguments))
        } else {
            Ok(value)
        }
    };
    Ok(match fold(word).as_str() {
        "" | "zeigen" | "show" => ApplicationAction::Show,
        "zulassen" | "admit" | "annehmen" => ApplicationAction::Admit,
        "ablehnen" | "reject" => ApplicationAction::Reject(needs_value("application-reject")?),
        "zurueckziehen" | "zuruckziehen" | "withdraw" => ApplicationAction::Withdraw,
        "kuerzen" | "kurzen" | "reduce" => ApplicationAction::Reduce(amount(
            id,
            "application-reduce",
            &needs_value("application-reduce")?,
        )?),
        "platz" | "position" | "reihenfolge" => {
            let text = needs_value("application-position")?;
            let n = text.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                err(
                    id,
                    "application-position",
                    ParseProblem::BadSettingValue(text.clone()),
                )
            })?;
            ApplicationAction::Position(n)
        }
        "titel" | "title" => {
            ApplicationAction::Edit(ApplicationField::Title, needs_value("application-edit")?)
        }
        "betrag" | "amount" => {
            let text = needs_value("application-edit")?;
            amount(id, "application-edit", &text)?;
            ApplicationAction::Edit(ApplicationField::Amount, text)
        }
        "zweck" | "wofuer" | "wofur" | "purpose" | "beschreibung" => {
            ApplicationAction::Edit(ApplicationField::Purpose, needs_value("application-edit")?)
        }
        _ => {
            return Err(err(
                id,
                "application",
                ParseProblem::UnknownApplicationAction(word.to_string()),
            ));
        }
    })
}

/// `/antraege [runde]`
pub(super) fn parse_applications(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Applications;
    match args {
        [] => Ok(Command::Applications { round: None }),
        [round] => Ok(Command::Applications {
            round: Some(round_number(round).ok_or_else(|| {
                err(
                    id,
                    "applications",
                    ParseProblem::BadRoundNumber(round.clone()),
                )
            })?),
        }),
        _ => Err(err(id, "applications", ParseProblem::TooManyArguments)),
    }
}

/// `/abstimmung start|naechster|schliessen [runde]`
pub(super) fn parse_voting(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Voting;
    let Some(word) = args.first() else {
        return Err(err(id, "voting", ParseProblem::MissingArguments));
    };
    let action = match fold(word).as_str() {
        "start" | "starten" | "beginnen" | "oeffnen" | "offnen" | "open" => VotingAction::Start,
        "naechster" | "nachster" | "naechste" | "nachste" | "weiter" | "next" => VotingAction::Next,
        "schliessen" | "schlieen" | "beenden" | "ende" | "close" | "end" | "auszaehlen" => {
            VotingAction::Close
        }
        _ => {
            return Err(err(
                id,
                "voting",
                ParseProblem::UnknownRoundAction(word.clone()),
            ));
        }
    };
    let round = match &args[1..] {
        [] => None,
        [round] => Some(
            round_number(round)
                .ok_or_else(|| err(id, "voting", ParseProblem::BadRoundNumber(round.clone())))?,
        ),
        _ => return Err(err(id, "voting", ParseProblem::TooManyArguments)),
    };
    Ok(Command::Voting { round, action })
}

fn vote_of(
    id: CommandId,
    usage: &'static str,
    app: &str,
    choice: &str,
) -> Result<(ApplicationId, Choice), ParseError> {
    let application = ApplicationId::parse(app).ok_or_else(|| {
        err(
            id,
            usage,
            ParseProblem::BadApplicationNumber(app.to_string()),
        )
    })?;
    let choice = Choice::parse(choice)
        .ok_or_else(|| err(id, usage, ParseProblem::BadChoice(choice.to_string())))?;
    Ok((application, choice))
}

/// `/stimme`, `/stimme A3 ja`, `/stimme A3 4`
pub(super) fn parse_vote(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Vote;
    match args {
        [] => Ok(Command::Vote(None)),
        [_] => Err(err(id, "vote", ParseProblem::MissingArguments)),
        [app, choice] => Ok(Command::Vote(Some(vote_of(id, "vote", app, choice)?))),
        _ => Err(err(id, "vote", ParseProblem::TooManyArguments)),
    }
}

/// `/stimme-fuer <wer> A3 ja`
pub(super) fn parse_vote_for(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::VoteFor;
    let [who @ .., app, choice] = args else {
        return Err(err(id, "vote-for", ParseProblem::MissingArguments));
    };
    if who.is_empty() {
        return Err(err(id, "vote-for", ParseProblem::MissingArguments));
    }
    let (application, choice) = vote_of(id, "vote-for", app, choice)?;
    let who = member_ref(&who.join(" "))
        .ok_or_else(|| err(id, "vote-for", ParseProblem::BadMember(who.join(" "))))?;
    Ok(Command::VoteFor {
        who,
        application,
        choice,
    })
}
