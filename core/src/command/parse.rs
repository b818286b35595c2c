//! From a chat line to a `Command`, or to a precise complaint about what was expected.

use std::sync::LazyLock;

use regex::Regex;

use super::args::split_args;
use super::events::{EventAction, parse_attendees, parse_event, parse_rsvp};
use super::table::{CommandId, find_command};
use crate::domain::event::{EventDraftError, OffsetError};
use crate::domain::initiative::FieldError;
use crate::domain::text::{fold, tidy};
use crate::domain::{
    EventDraft, EventId, InitiativeDraft, InitiativeField, Lang, MemberId, PlatformIdentity,
    PollDraft, PollError, PollId, Role, RsvpStatus,
};

/// Names a member in `/rolle`: by platform identity or by member number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberRef {
    Identity(PlatformIdentity),
    Id(MemberId),
    /// A name as people write it (`anna`, `@anna`): found among the members' names.
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help {
        topic: Option<String>,
    },
    Start,
    Language(Option<Lang>),
    WhoAmI,
    Invite,
    Join {
        code: String,
    },
    Conduct {
        accept: bool,
    },
    Role {
        who: MemberRef,
        role: Role,
    },
    Link(LinkAction),
    MyData,
    Forget {
        confirm: bool,
    },
    /// `None`: start the guided form.
    InitiativeNew(Option<InitiativeDraft>),
    InitiativeEdit {
        name: String,
        field: InitiativeField,
        value: String,
    },
    InitiativeArchive {
        name: String,
    },
    InitiativeShow {
        name: String,
    },
    Initiatives {
        query: Option<String>,
    },
    /// Connect this chat as an alliance channel.
    ChannelConnect {
        confidential: bool,
    },
    ChannelDisconnect,
    ChannelShow,
    Channels,
    /// `/mitglieder [suche]`: members with roles and messengers (organisers).
    Members {
        query: Option<String>,
    },
    PollNew(PollDraft),
    PollShow {
        poll: PollId,
    },
    PollChoose {
        poll: PollId,
        number: u32,
    },
    PollClose {
        poll: PollId,
    },
    /// `None`: start the guided form.
    EventNew(Option<EventDraft>),
    Event {
        event: EventId,
        action: EventAction,
    },
    Events {
        query: Option<String>,
    },
    Rsvp {
        event: EventId,
        date: Option<String>,
        status: RsvpStatus,
    },
    Attendees {
        event: EventId,
        date: Option<String>,
    },
    Cancel,
}

/// `/verknuepfen`: get a code, use one, or undo a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkAction {
    /// A code for linking another account (sent privately).
    Start,
    /// The code typed on the account to be linked.
    Finish(String),
    /// Undo a link: the named account, or the one linked last.
    Unlink(Option<String>),
}

impl Command {
    /// The table entry this command belongs to (for access rules and help).
    pub fn id(&self) -> CommandId {
        match self {
            Command::Help { .. } => CommandId::Help,
            Command::Start => CommandId::Start,
            Command::Language(_) => CommandId::Language,
            Command::WhoAmI => CommandId::WhoAmI,
            Command::Invite => CommandId::Invite,
            Command::Join { .. } => CommandId::Join,
            Command::Conduct { .. } => CommandId::Conduct,
            Command::Role { .. } => CommandId::Role,
            Command::Link(_) => CommandId::Link,
            Command::MyData => CommandId::MyData,
            Command::Forget { .. } => CommandId::Forget,
            Command::InitiativeNew(_)
            | Command::InitiativeEdit { .. }
            | Command::InitiativeArchive { .. }
            | Command::InitiativeShow { .. } => CommandId::Initiative,
            Command::Initiatives { .. } => CommandId::Initiatives,
            Command::ChannelConnect { .. } | Command::ChannelDisconnect | Command::ChannelShow => {
                CommandId::Channel
            }
            Command::Channels => CommandId::Channels,
            Command::Members { .. } => CommandId::Members,
            Command::PollNew(_)
            | Command::PollShow { .. }
            | Command::PollChoose { .. }
            | Command::PollClose { .. } => CommandId::Poll,
            Command::EventNew(_) | Command::Event { .. } => CommandId::Event,
            Command::Events { .. } => CommandId::Events,
            Command::Rsvp {
                status: RsvpStatus::No,
                ..
            } => CommandId::Unregister,
            Command::Rsvp { .. } => CommandId::Register,
            Command::Attendees { .. } => CommandId::Attendees,
            Command::Cancel => CommandId::Cancel,
        }
    }
}

/// What went wrong, precise enough for a helpful answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    MissingArguments,
    TooManyArguments,
    UnclosedQuote,
    UnknownRole(String),
    UnknownLanguage(String),
    BadMember(String),
    UnknownField(String),
    Field(InitiativeField, FieldError),
    Poll(PollError),
    /// Not a poll number (`/umfrage 3`).
    BadPollNumber(String),
    EventDraft(EventDraftError),
    BadEventNumber(String),
    UnknownEventAction(String),
    /// Not a number of places from 1 on.
    BadCapacity(String),
    Offsets(OffsetError),
    BadLink(String),
}

/// `usage` names the localisation keys `usage-<usage>` / `example-<usage>` to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub command: CommandId,
    pub usage: &'static str,
    pub problem: ParseProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Ordinary chat text.
    NotACommand,
    /// `/befehl@anderer_bot`: meant for another bot in the same group.
    ForOtherBot,
    /// An unknown command word; `addressed` if it named this bot (`/xyz@allianz_bot`).
    Unknown {
        word: String,
        addressed: bool,
    },
    Command(Command),
    Error(ParseError),
}

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

fn err(command: CommandId, usage: &'static str, problem: ParseProblem) -> ParseError {
    ParseError {
        command,
        usage,
        problem,
    }
}

fn parse_args(id: CommandId, rest: &str) -> Result<Command, ParseError> {
    let key = id.spec().key;
    let args = split_args(rest).ok_or_else(|| err(id, key, ParseProblem::UnclosedQuote))?;
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
                _ => return Err(err(id, key, ParseProblem::TooManyArguments)),
            }
        }
        CommandId::Members => Command::Members {
            query: Some(tidy(rest)).filter(|q| !q.is_empty()),
        },
        CommandId::Channels => {
            no_args(&args)?;
            Command::Channels
        }
        CommandId::Poll => parse_poll(rest, &args)?,
        CommandId::Event => parse_event(rest)?,
        CommandId::Events => Command::Events {
            query: Some(tidy(rest)).filter(|q| !q.is_empty()),
        },
        CommandId::Register | CommandId::Unregister => parse_rsvp(id, &args)?,
        CommandId::Attendees => parse_attendees(&args)?,
        CommandId::Cancel => Command::Cancel,
    })
}

/// `/umfrage Frage | A | B`, `/umfrage 3`, `/umfrage 3 2`, `/umfrage 3 beenden`.
fn parse_poll(rest: &str, args: &[String]) -> Result<Command, ParseError> {
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

fn parse_role(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Role;
    // The role is the last word; who comes before it, as people write a name.
    let [who @ .., role] = args else {
        return Err(err(id, "role", ParseProblem::MissingArguments));
    };
    if who.is_empty() {
        return Err(err(id, "role", ParseProblem::MissingArguments));
    }
    let who = member_ref(&who.join(" "))
        .ok_or_else(|| err(id, "role", ParseProblem::BadMember(who.join(" "))))?;
    let role = Role::from_word(role)
        .ok_or_else(|| err(id, "role", ParseProblem::UnknownRole(role.clone())))?;
    Ok(Command::Role { who, role })
}

/// A person as people name them: `#12`, `telegram:123456`, a Matrix mention
/// `@anna:example.org`, or a name (`anna`, `@anna`).
pub fn member_ref(text: &str) -> Option<MemberRef> {
    let text = text.trim();
    if let Some(n) = text.strip_prefix('#') {
        return n
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(|n| MemberRef::Id(MemberId(n)));
    }
    if let Ok(identity) = PlatformIdentity::parse(text) {
        return Some(MemberRef::Identity(identity));
    }
    if text.starts_with('@')
        && text.contains(':')
        && let Ok(identity) = PlatformIdentity::parse(&format!("matrix:{text}"))
    {
        return Some(MemberRef::Identity(identity));
    }
    let name = text.trim_start_matches('@').trim();
    (!name.is_empty() && !name.contains(':')).then(|| MemberRef::Name(name.to_string()))
}

fn parse_initiative(rest: &str) -> Result<Command, ParseError> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
