//! The one table of commands. Help texts, usage lines and examples live in the localisation
//! files under the keys `help-<key>`, `usage-<key>` and `example-<key>`.

use crate::domain::text::fold;
use crate::i18n::{Lang, tr};

/// Who may run a command. Checked by the engine, shown in the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    Anyone,
    Member,
    Organiser,
    Admin,
}

#[derive(Debug)]
pub struct CommandSpec {
    pub id: CommandId,
    /// The German word, shown first.
    pub de: &'static str,
    /// The English word.
    pub en: &'static str,
    /// Further spellings people type (folded: lower case, umlauts spelled out).
    pub aliases: &'static [&'static str],
    pub access: Access,
    /// Stem of the localisation keys.
    pub key: &'static str,
}

/// Declares the commands once: the `CommandId` enum, the table in help order, and the
/// lookup from id to spec as an exhaustive `match`: no command can lack its entry.
macro_rules! commands {
    ($($id:ident { $($field:ident: $value:expr,)* })*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CommandId {
            $($id,)*
        }

        /// One static per command, named like its id.
        #[allow(non_upper_case_globals)]
        mod specs {
            use super::*;
            $(pub static $id: CommandSpec = CommandSpec { id: CommandId::$id, $($field: $value,)* };)*
        }

        pub static COMMANDS: &[&CommandSpec] = &[$(&specs::$id,)*];

        impl CommandId {
            /// This command's entry in the table.
            pub fn spec(self) -> &'static CommandSpec {
                match self {
                    $(CommandId::$id => &specs::$id,)*
                }
            }
        }
    };
}

commands! {
    Help {
        de: "hilfe",
        en: "help",
        aliases: &["h", "befehle", "commands"],
        access: Access::Anyone,
        key: "help",
    }
    Start {
        de: "start",
        en: "start",
        aliases: &[],
        access: Access::Anyone,
        key: "start",
    }
    Language {
        de: "sprache",
        en: "language",
        aliases: &["lang"],
        access: Access::Anyone,
        key: "language",
    }
    WhoAmI {
        de: "ich",
        en: "whoami",
        aliases: &["me", "profil", "profile"],
        access: Access::Anyone,
        key: "whoami",
    }
    Invite {
        de: "einladen",
        en: "invite",
        aliases: &["einladung"],
        access: Access::Member,
        key: "invite",
    }
    Join {
        de: "beitreten",
        en: "join",
        aliases: &[],
        access: Access::Anyone,
        key: "join",
    }
    Conduct {
        de: "kodex",
        en: "conduct",
        aliases: &["verhaltenskodex", "coc"],
        access: Access::Anyone,
        key: "conduct",
    }
    Role {
        de: "rolle",
        en: "role",
        aliases: &[],
        access: Access::Admin,
        key: "role",
    }
    Link {
        de: "verknuepfen",
        en: "link",
        aliases: &["verknupfen", "verbinden-konto"],
        // Completing a link is done from the not-yet-linked account; starting one checks
        // membership itself.
        access: Access::Anyone,
        key: "link",
    }
    MyData {
        de: "meine-daten",
        en: "my-data",
        aliases: &["meinedaten", "mydata", "export"],
        access: Access::Anyone,
        key: "mydata",
    }
    Forget {
        de: "vergessen",
        en: "forget",
        aliases: &["forget-me", "loeschen"],
        access: Access::Anyone,
        key: "forget",
    }
    Initiative {
        de: "initiative",
        en: "initiative",
        aliases: &[],
        access: Access::Anyone,
        key: "initiative",
    }
    Vacancy {
        de: "leerstand",
        en: "vacancy",
        aliases: &["leerstaende", "vacancies", "vacant"],
        access: Access::Anyone,
        key: "vacancy",
    }
    Initiatives {
        de: "initiativen",
        en: "initiatives",
        aliases: &["karte", "map"],
        access: Access::Anyone,
        key: "initiatives",
    }
    Channel {
        de: "kanal",
        en: "channel",
        aliases: &[],
        access: Access::Organiser,
        key: "channel",
    }
    Members {
        de: "mitglieder",
        en: "members",
        aliases: &["mitgliederliste", "leute"],
        access: Access::Organiser,
        key: "members",
    }
    Channels {
        de: "kanaele",
        en: "channels",
        aliases: &["kanale"],
        access: Access::Organiser,
        key: "channels",
    }
    Announce {
        de: "ankuendigung",
        en: "announce",
        aliases: &["ankundigung", "rundruf", "announcement"],
        access: Access::Organiser,
        key: "announce",
    }
    Subscribe {
        de: "abonnieren",
        en: "subscribe",
        aliases: &["folgen", "follow"],
        access: Access::Member,
        key: "subscribe",
    }
    Unsubscribe {
        de: "abbestellen",
        en: "unsubscribe",
        aliases: &["entfolgen", "unfollow"],
        access: Access::Member,
        key: "unsubscribe",
    }
    Topic {
        de: "thema",
        en: "topic",
        aliases: &["vorschlag"],
        access: Access::Member,
        key: "topic",
    }
    Topics {
        de: "themen",
        en: "topics",
        aliases: &[],
        access: Access::Member,
        key: "topics",
    }
    Impulse {
        de: "impuls",
        en: "impulse",
        aliases: &["impulse", "vortrag", "talk"],
        access: Access::Member,
        key: "impulse",
    }
    Present {
        de: "vorstellen",
        en: "present",
        aliases: &["vorstellung"],
        access: Access::Member,
        key: "present",
    }
    Record {
        de: "protokoll",
        en: "record",
        aliases: &["minutes", "nachbericht"],
        access: Access::Member,
        key: "record",
    }
    QuestionRound {
        de: "fragerunde",
        en: "qa",
        aliases: &["fragestunde", "questionround"],
        access: Access::Organiser,
        key: "question-round",
    }
    Question {
        de: "frage",
        en: "question",
        aliases: &["ask"],
        access: Access::Member,
        key: "question",
    }
    Questions {
        de: "fragen",
        en: "questions",
        aliases: &[],
        access: Access::Member,
        key: "questions",
    }
    Announcements {
        de: "ankuendigungen",
        en: "announcements",
        aliases: &["ankundigungen"],
        access: Access::Organiser,
        key: "announcements",
    }
    Poll {
        de: "umfrage",
        en: "poll",
        aliases: &["abfrage", "meinungsbild", "abstimmung-schnell"],
        access: Access::Member,
        key: "poll",
    }
    Event {
        de: "termin",
        en: "event",
        aliases: &["veranstaltung"],
        // Showing is for everyone; creating and changing check roles themselves.
        access: Access::Anyone,
        key: "event",
    }
    Events {
        de: "termine",
        en: "events",
        aliases: &["kalender", "calendar", "veranstaltungen"],
        access: Access::Anyone,
        key: "events",
    }
    Register {
        de: "anmelden",
        en: "register",
        aliases: &["zusagen", "rsvp"],
        access: Access::Member,
        key: "register",
    }
    Unregister {
        de: "abmelden",
        en: "unregister",
        aliases: &["decline"],
        access: Access::Member,
        key: "unregister",
    }
    Attendees {
        de: "teilnehmer",
        en: "attendees",
        aliases: &["teilnehmende", "anmeldungen"],
        access: Access::Member,
        key: "attendees",
    }
    Round {
        de: "runde",
        en: "round",
        aliases: &["runden", "rounds", "spendenparlament"],
        // Showing is for everyone who may see the round; changes need an organiser.
        access: Access::Anyone,
        key: "round",
    }
    Application {
        de: "antrag",
        en: "application",
        aliases: &["grant"],
        // Showing is for everyone; applying and changing check membership and roles.
        access: Access::Anyone,
        key: "application",
    }
    Applications {
        de: "antraege",
        en: "applications",
        aliases: &["antrage", "tagesordnung", "agenda"],
        access: Access::Anyone,
        key: "applications",
    }
    Voting {
        de: "abstimmung",
        en: "voting",
        aliases: &["plenum"],
        access: Access::Organiser,
        key: "voting",
    }
    Vote {
        de: "stimme",
        en: "vote",
        aliases: &["stimmen", "abstimmen"],
        access: Access::Member,
        key: "vote",
    }
    VoteFor {
        de: "stimme-fuer",
        en: "vote-for",
        aliases: &["stimme-fur", "handstimme"],
        access: Access::Organiser,
        key: "vote-for",
    }
    Cancel {
        de: "abbrechen",
        en: "cancel",
        aliases: &["stopp"],
        access: Access::Anyone,
        key: "cancel",
    }
}

/// Finds a command by any of its words, as typed (case and umlauts do not matter).
pub fn find_command(word: &str) -> Option<&'static CommandSpec> {
    // Telegram's command menu allows no hyphens: `/meine_daten` is `/meine-daten`.
    let word = fold(word).replace('_', "-");
    let word = word.trim_start_matches(['/', '!']);
    COMMANDS
        .iter()
        .copied()
        .find(|c| c.de == word || c.en == word || c.aliases.contains(&word))
}

/// The command someone probably meant with a word the bot does not know (`hlfe` → `hilfe`).
pub fn closest_command(word: &str) -> Option<&'static CommandSpec> {
    let word = fold(word).replace('_', "-");
    let word = word.trim_start_matches(['/', '!']);
    let typed = crate::domain::text::loose(word);
    COMMANDS
        .iter()
        .copied()
        .flat_map(|c| {
            std::iter::once(c.de)
                .chain(std::iter::once(c.en))
                .chain(c.aliases.iter().copied())
                .filter(|known| known.len() > 2 && crate::domain::text::is_near(word, known))
                .map(move |known| (c, known))
        })
        .min_by_key(|(_, known)| {
            crate::domain::text::edit_distance(&typed, &crate::domain::text::loose(known))
        })
        .map(|(c, _)| c)
}

impl CommandSpec {
    /// The word shown to a member in their language.
    pub fn word(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.de,
            Lang::En => self.en,
        }
    }
}

fn access_word(lang: Lang, access: Access) -> String {
    let key = match access {
        Access::Anyone => "access-anyone",
        Access::Member => "access-member",
        Access::Organiser => "access-organiser",
        Access::Admin => "access-admin",
    };
    tr(lang, key, &[])
}

/// The command menu a messenger shows (Telegram's `setMyCommands`): each command's word in
/// `lang`, spelled with `_` instead of `-` (the menu allows only `a-z`, `0-9` and `_`), and
/// its one-line help.
pub fn menu(lang: Lang) -> Vec<(String, String)> {
    COMMANDS
        .iter()
        .map(|c| {
            (
                c.word(lang).replace('-', "_"),
                tr(lang, &format!("help-{}", c.key), &[]),
            )
        })
        .collect()
}

/// The command table of the README, generated so it cannot drift from the parser.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| Befehl | English | Wer | Was |\n|--------|---------|-----|-----|\n");
    for c in COMMANDS {
        let help = tr(Lang::De, &format!("help-{}", c.key), &[]).replace('\n', " ");
        let usage = tr(Lang::De, &format!("usage-{}", c.key), &[])
            .lines()
            // A `|` would end the table cell; GitHub reads `\|` as a literal one.
            .map(|l| format!("`{}`", l.replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join("<br>");
        out.push_str(&format!(
            "| {usage} | `/{}` | {} | {help} |\n",
            c.en,
            access_word(Lang::De, c.access)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_uses_names_messengers_accept_and_the_parser_knows() {
        for lang in [Lang::De, Lang::En] {
            let menu = menu(lang);
            assert_eq!(menu.len(), COMMANDS.len());
            for (name, description) in menu {
                assert!(
                    (1..=32).contains(&name.len())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{name}"
                );
                assert!((1..=256).contains(&description.chars().count()), "{name}");
                assert!(find_command(&name).is_some(), "{name} is not parsed");
            }
        }
        assert_eq!(find_command("meine_daten").unwrap().id, CommandId::MyData);
    }
}
