//! From a chat line to a `Command`, or to a precise complaint about what was expected.

use std::sync::LazyLock;

use regex::Regex;

use super::args::split_args;
use super::budget::{
    parse_application, parse_applications, parse_round, parse_vote, parse_vote_for, parse_voting,
};
use super::events::{parse_attendees, parse_event, parse_rsvp};
use super::initiatives::parse_initiative;
use super::members::parse_role;
use super::polls::parse_poll;
use super::table::{CommandId, find_command};
use super::types::{Command, LinkAction, ParseError, ParseProblem, Parsed};
use crate::domain::Lang;
use crate::domain::announcement::Scope;
use crate::domain::text::{fold, tidy};

// A leading `/` or `!`, a word starting with a letter, an optional `@botname`, then the rest.
static COMMAND_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)^\s*[/!](\p{L}[\p{L}\p{N}_\-]*)(?:@([A-Za-z0-9_]{1,64}))?(?:\s+(.*))?\s*$")
        .expect("valid regex")
});

/// Parses one line. `bot_username` is the bot's own name on the platform, if it has one.
pub fn parse(text: &str, bot_username: Option<&str>) -> Parsed {
    let Some(caps) = COMMAND_LINE.captures(text) else {
        return Parsed::NotACommand;
    };
    let word = &caps[1];
    if let (Some(mention), Some(me)) = (caps.get(2), bot_username)
        && !mention
            .as_str()
            .eq_ignore_ascii_case(me.trim_start_matches('@'))
    {
        return Parsed::ForOtherBot;
    }
    let rest = caps.get(3).map(|m| m.as_str().trim()).unwrap_or("");
    let Some(spec) = find_command(word) else {
        return Parsed::Unknown {
            word: word.to_string(),
            addressed: caps.get(2).is_some(),
        };
    };
    match parse_args(spec.id, rest) {
        Ok(cmd) => Parsed::Command(cmd),
        Err(e) => Parsed::Error(e),
    }
}

/// `[region R | vertraulich] Text`; a region of several words ends with `|`
/// (`region Bad Salzungen | Text`). `None` if there is no text.
fn parse_announce(rest: &str) -> Option<Command> {
    let (first, after) = split_word(rest);
    let (on_web, rest) = match fold(first).as_str() {
        "oeffentlich" | "public" | "web" => (true, after),
        _ => (false, rest),
    };
    let (first, after) = split_word(rest);
    let (scope, text) = match fold(first).as_str() {
        "vertraulich" | "confidential" => (Scope::Confidential, after),
        "region" => {
            let (region, text) = match after.split_once('|') {
                Some((region, text)) => (tidy(region), text),
                None => {
                    let (region, text) = split_word(after);
                    (region.to_string(), text)
                }
            };
            if region.is_empty() {
                return None;
            }
            (Scope::Region(region), text)
        }
        _ => (Scope::All, rest),
    };
    // `am 01.02.2027 09:00 …`: to go out then. Only with a date after it, so an
    // announcement may still begin with "Am Samstag …".
    let (word, after) = split_word(text);
    let scheduled = matches!(fold(word).as_str(), "am" | "on")
        && after.starts_with(|c: char| c.is_ascii_digit());
    let text = if scheduled { after } else { text }.trim();
    (!text.is_empty()).then(|| Command::Announce {
        scope,
        scheduled,
        on_web,
        text: text.to_string(),
    })
}

/// `T5`, `T5 +`, `T5 -`, `neu Vorschlag` or `Vorschlag`.
fn parse_topic(rest: &str) -> Option<Command> {
    let (first, after) = split_word(rest);
    let number = first
        .strip_prefix(['T', 't'])
        .and_then(|n| n.parse::<i64>().ok());
    if let Some(topic) = number {
        return match after.trim() {
            "" => Some(Command::TopicShow { topic }),
            "+" | "+1" => Some(Command::TopicPoint { topic, up: true }),
            "-" | "-1" => Some(Command::TopicPoint { topic, up: false }),
            // A title that starts like a number ("T5 Stadtbahn") is a title.
            _ => Some(Command::TopicNew {
                title: tidy(rest),
                force: false,
            }),
        };
    }
    let (force, title) = match fold(first).as_str() {
        "neu" | "new" => (true, after),
        _ => (false, rest),
    };
    let title = tidy(title);
    (!title.is_empty()).then_some(Command::TopicNew { title, force })
}

/// The first word and the rest after it (without the spaces between).
fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.find(char::is_whitespace) {
        Some(end) => (&text[..end], text[end..].trim_start()),
        None => (text, ""),
    }
}

pub(super) fn err(command: CommandId, usage: &'static str, problem: ParseProblem) -> ParseError {
    ParseError {
        command,
        usage,
        problem,
    }
}

fn parse_args(id: CommandId, rest: &str) -> Result<Command, ParseError> {
    let key = id.spec().key;
    let args = if matches!(
        id,
        CommandId::Announce
            | CommandId::Topic
            | CommandId::Impulse
            | CommandId::Present
            | CommandId::QuestionRound
            | CommandId::Question
    ) {
        // Free text with its line breaks and quotes as written: not split into arguments.
        Vec::new()
    } else {
        split_args(rest).ok_or_else(|| err(id, key, ParseProblem::UnclosedQuote))?
    };
    let none_or_one = |args: &[String]| -> Result<Option<String>, ParseError> {
        match args {
            [] => Ok(None),
            [one] => Ok(Some(one.clone())),
            _ => Err(err(id, key, ParseProblem::TooManyArguments)),
        }
    };
    let no_args = |args: &[String]| -> Result<(), ParseError> {
        if args.is_empty() {
            Ok(())
        } else {
            Err(err(id, key, ParseProblem::TooManyArguments))
        }
    };
    Ok(match id {
        CommandId::Help => Command::Help {
            topic: none_or_one(&args)?,
        },
        CommandId::Start => Command::Start,
        CommandId::Language => match none_or_one(&args)? {
            None => Command::Language(None),
            Some(word) => Command::Language(Some(
                Lang::parse(&word)
                    .ok_or_else(|| err(id, key, ParseProblem::UnknownLanguage(word)))?,
            )),
        },
        CommandId::WhoAmI => {
            no_args(&args)?;
            Command::WhoAmI
        }
        CommandId::Invite => {
            no_args(&args)?;
            Command::Invite
        }
        // A code may be typed with spaces between its groups.
        CommandId::Join if args.is_empty() => {
            return Err(err(id, key, ParseProblem::MissingArguments));
        }
        CommandId::Join => Command::Join {
            code: args.concat(),
        },
        CommandId::Conduct => match none_or_one(&args)?.map(|w| fold(&w)) {
            None => Command::Conduct { accept: false },
            Some(w) if ["akzeptieren", "accept", "annehmen", "ja", "yes"].contains(&w.as_str()) => {
                Command::Conduct { accept: true }
            }
            Some(_) => return Err(err(id, key, ParseProblem::TooManyArguments)),
        },
        CommandId::Role => parse_role(&args)?,
        CommandId::Link => Command::Link(match args.first().map(|w| fold(w)) {
            None => LinkAction::Start,
            Some(w) if ["loesen", "losen", "unlink", "trennen"].contains(&w.as_str()) => {
                LinkAction::Unlink(args.get(1).cloned())
            }
            Some(_) => LinkAction::Finish(args.concat()),
        }),
        CommandId::MyData => {
            no_args(&args)?;
            Command::MyData
        }
        CommandId::Forget => match none_or_one(&args)?.map(|w| fold(&w)) {
            None => Command::Forget { confirm: false },
            Some(w) if ["bestaetigen", "confirm", "ja", "yes"].contains(&w.as_str()) => {
                Command::Forget { confirm: true }
            }
            Some(_) => return Err(err(id, key, ParseProblem::TooManyArguments)),
        },
        CommandId::Initiative => parse_initiative(rest)?,
        CommandId::Vacancy => super::vacancies::parse_vacancy(rest)?,
        CommandId::Initiatives => Command::Initiatives {
            query: Some(tidy(rest)).filter(|q| !q.is_empty()),
        },
        CommandId::Channel => {
            let words: Vec<String> = args.iter().map(|a| fold(a)).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            match words.as_slice() {
                [] => Command::ChannelShow,
                ["verbinden" | "connect"] => Command::ChannelConnect {
                    confidential: false,
                },
                ["verbinden" | "connect", "vertraulich" | "confidential"] => {
                    Command::ChannelConnect { confidential: true }
                }
                ["trennen" | "disconnect"] => Command::ChannelDisconnect,
                ["termine" | "events", "an" | "on" | "ja" | "yes"] => {
                    Command::ChannelEvents { on: true }
                }
                ["termine" | "events", "aus" | "off" | "nein" | "no"] => {
                    Command::ChannelEvents { on: false }
                }
                ["region", "-"] => Command::ChannelRegion { region: None },
                ["region", _, ..] => Command::ChannelRegion {
                    region: Some(tidy(&args[1..].join(" "))),
                },
                _ => return Err(err(id, key, ParseProblem::TooManyArguments)),
            }
        }
        CommandId::Members => Command::Members {
            query: Some(tidy(rest)).filter(|q| !q.is_empty()),
        },
        CommandId::Announce => {
            parse_announce(rest).ok_or_else(|| err(id, key, ParseProblem::MissingArguments))?
        }
        CommandId::Subscribe | CommandId::Unsubscribe => {
            let Some(word) = none_or_one(&args)? else {
                return Err(err(id, key, ParseProblem::MissingArguments));
            };
            let event = super::events::event_number(&word)
                .ok_or_else(|| err(id, key, ParseProblem::BadEventNumber(word.clone())))?;
            Command::Subscribe {
                event,
                on: id == CommandId::Subscribe,
            }
        }
        CommandId::Topic => {
            parse_topic(rest).ok_or_else(|| err(id, key, ParseProblem::MissingArguments))?
        }
        CommandId::Topics => {
            no_args(&args)?;
            Command::Topics
        }
        CommandId::Announcements => {
            let words: Vec<String> = args.iter().map(|a| fold(a)).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            match words.as_slice() {
                [] => Command::Announcements { cancel: None },
                ["absagen" | "cancel" | "loeschen", n] => Command::Announcements {
                    cancel: Some(n.parse().map_err(|_| {
                        err(id, key, ParseProblem::BadAnnouncementNumber(n.to_string()))
                    })?),
                },
                ["absagen" | "cancel" | "loeschen"] => {
                    return Err(err(id, key, ParseProblem::MissingArguments));
                }
                _ => return Err(err(id, key, ParseProblem::TooManyArguments)),
            }
        }
        CommandId::Channels => {
            no_args(&args)?;
            Command::Channels
        }
        CommandId::Poll => parse_poll(rest, &args)?,
        CommandId::Event => parse_event(rest)?,
        CommandId::Events => {
            let (word, after) = split_word(rest);
            let query = |text: &str| Some(tidy(text)).filter(|q| !q.is_empty());
            match fold(word).as_str() {
                "vergangen" | "vergangene" | "past" | "archiv" | "doku" => Command::PastEvents {
                    query: query(after),
                },
                "pruefen" | "prufen" | "freigabe" | "review" if after.is_empty() => {
                    Command::HeldEvents
                }
                _ => Command::Events { query: query(rest) },
            }
        }
        CommandId::Impulse => super::events::parse_impulse(rest)?,
        CommandId::Present => super::events::parse_present(rest)?,
        CommandId::Record => super::events::parse_record(&args)?,
        CommandId::QuestionRound => super::questions::parse_round(rest)?,
        CommandId::Question => super::questions::parse_question(rest)?,
        CommandId::Questions => {
            no_args(&args)?;
            Command::Questions
        }
        CommandId::Register | CommandId::Unregister => parse_rsvp(id, &args)?,
        CommandId::Attendees => parse_attendees(&args)?,
        CommandId::Round => parse_round(rest)?,
        CommandId::Application => parse_application(rest)?,
        CommandId::Applications => parse_applications(&args)?,
        CommandId::Voting => parse_voting(&args)?,
        CommandId::Vote => parse_vote(&args)?,
        CommandId::VoteFor => parse_vote_for(&args)?,
        CommandId::Cancel => Command::Cancel,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::MemberRef;
    use crate::domain::Role;

    fn cmd(text: &str) -> Command {
        match parse(text, Some("allianz_bot")) {
            Parsed::Command(c) => c,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn german_words_english_aliases_and_prefixes() {
        assert_eq!(cmd("/einladen"), Command::Invite);
        assert_eq!(cmd("!invite"), Command::Invite);
        assert_eq!(cmd("/einladen@allianz_bot"), Command::Invite);
        assert_eq!(
            cmd("/Verknüpfen K7M4 Q2XP 9HWN"),
            Command::Link(LinkAction::Finish("K7M4Q2XP9HWN".into()))
        );
        assert_eq!(
            cmd("/verknuepfen lösen telegram:42"),
            Command::Link(LinkAction::Unlink(Some("telegram:42".into())))
        );
        assert_eq!(cmd("/sprache en"), Command::Language(Some(Lang::En)));
        assert_eq!(cmd("/kodex akzeptieren"), Command::Conduct { accept: true });
        assert_eq!(cmd("/conduct accept"), Command::Conduct { accept: true });
    }

    #[test]
    fn other_bots_and_plain_text_are_left_alone() {
        assert_eq!(
            parse("/einladen@other_bot", Some("allianz_bot")),
            Parsed::ForOtherBot
        );
        assert_eq!(parse("Hallo zusammen", None), Parsed::NotACommand);
        assert_eq!(parse("/ ", None), Parsed::NotACommand);
        assert_eq!(
            parse("/quatsch", None),
            Parsed::Unknown {
                word: "quatsch".into(),
                addressed: false
            }
        );
    }

    #[test]
    fn initiative_forms() {
        let Command::InitiativeNew(Some(d)) =
            cmd("/initiative neu Tafel Suhl | Suhl | Essen retten | info@tafel.de | - | Armut")
        else {
            panic!()
        };
        assert_eq!(d.region, "Suhl");
        assert_eq!(cmd("/initiative neu"), Command::InitiativeNew(None));
        assert_eq!(
            cmd("/initiative Tafel  Suhl"),
            Command::InitiativeShow {
                name: "Tafel Suhl".into()
            }
        );
        assert_eq!(
            cmd("/initiativen Sömmerda"),
            Command::Initiatives {
                query: Some("Sömmerda".into())
            }
        );
    }

    #[test]
    fn errors_name_the_usage_to_show() {
        let Parsed::Error(e) = parse("/initiative neu Tafel | Suhl", None) else {
            panic!()
        };
        assert_eq!(
            (e.usage, e.problem),
            ("initiative-new", ParseProblem::MissingArguments)
        );
        let Parsed::Error(e) = parse("/rolle http://x chef", None) else {
            panic!()
        };
        assert_eq!(e.problem, ParseProblem::BadMember("http://x".into()));
        assert_eq!(
            cmd("/rolle Anna Schmidt organisator"),
            Command::Role {
                who: MemberRef::Name("Anna Schmidt".into()),
                role: Role::Organiser
            }
        );
        let Parsed::Error(e) = parse("/rolle console:anna chef", None) else {
            panic!()
        };
        assert_eq!(e.problem, ParseProblem::UnknownRole("chef".into()));
        let Parsed::Error(e) = parse("/beitreten", None) else {
            panic!()
        };
        assert_eq!(e.problem, ParseProblem::MissingArguments);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// No input makes the parser panic, whatever people (or their phones) type.
        #[test]
        fn any_text_parses_without_panicking(text in "\\PC{0,200}") {
            let _ = parse(&text, Some("allianz_bot"));
        }

        /// Command-shaped input with odd arguments, pipes and quotes: still no panic.
        #[test]
        fn command_shaped_text_parses_without_panicking(
            prefix in "[/!]",
            word in prop::sample::select(vec![
                "initiative", "initiativen", "rolle", "beitreten", "kodex", "verknüpfen",
                "sprache", "hilfe", "vergessen", "meine-daten", "einladen", "abbrechen",
            ]),
            rest in "[ a-zA-ZäöüÄÖÜß0-9|\"„“#:@._%-]{0,120}",
        ) {
            let text = format!("{prefix}{word} {rest}");
            let _ = parse(&text, None);
        }
    }
}
