//! The command line, in German or English (from `LANG`/`LC_ALL`/`LC_MESSAGES`).

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Command};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Run,
    Migrate,
    CheckConfig,
    Check,
    /// Recount a Spendenparlament round from its vote log.
    Recount(i64),
    /// Write a round's applications, counts and allocation (and voters, if not secret) as CSV.
    Export(i64),
    /// A consistent copy of the database into `Cli::backup_to`.
    Backup,
}

#[derive(Debug, Clone)]
pub struct Cli {
    pub action: Action,
    pub config: Option<PathBuf>,
    pub database_url: Option<String>,
    /// `backup <datei>`: where the copy goes.
    pub backup_to: Option<PathBuf>,
}

/// German unless the environment asks for English.
pub fn help_is_german() -> bool {
    let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    !lang.to_ascii_lowercase().starts_with("en")
}

fn localised(cmd: Command, de: bool) -> Command {
    let template = if de {
        "{about}\n\nAufruf: {usage}\n\n{all-args}"
    } else {
        "{about}\n\nUsage: {usage}\n\n{all-args}"
    };
    let usage = if de { "[OPTIONEN]" } else { "[OPTIONS]" };
    let name = cmd.get_name().to_string();
    let usage = if name == "allianz-bot" {
        format!(
            "allianz-bot {usage} [{}]",
            if de { "BEFEHL" } else { "COMMAND" }
        )
    } else {
        format!("allianz-bot {name} {usage}")
    };
    cmd.help_template(template)
        .override_usage(usage)
        .next_help_heading(if de { "Optionen" } else { "Options" })
        .subcommand_help_heading(if de { "Befehle" } else { "Commands" })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(if de {
                    "Diese Hilfe anzeigen"
                } else {
                    "Show this help"
                }),
        )
}

pub fn command(de: bool) -> Command {
    let t = |g: &'static str, e: &'static str| if de { g } else { e };
    let root = Command::new("allianz-bot")
        .version(env!("CARGO_PKG_VERSION"))
        // Before the options are added: a heading applies to the arguments after it.
        .next_help_heading(if de { "Optionen" } else { "Options" })
        .subcommand_value_name(if de { "BEFEHL" } else { "COMMAND" })
        .about(t(
            "Allianz-Bot: Termine, Initiativen, Spendenparlament und Ankündigungen für regionale \
             Allianzen – in Telegram, Matrix und im Terminal-Chat.",
            "Allianz-Bot: events, initiatives, participatory budget and announcements for \
             regional alliances – in Telegram, Matrix and the terminal chat.",
        ))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("Version anzeigen", "Show the version")),
        )
        .arg(
            Arg::new("config")
                .short('c')
                .long("config")
                .value_name(t("PFAD", "PATH"))
                .value_parser(clap::value_parser!(PathBuf))
                .global(true)
                .help(t(
                    "Konfigurationsdatei (TOML); ohne: eingebaute Standardwerte",
                    "Configuration file (TOML); without: built-in defaults",
                )),
        )
        .arg(
            Arg::new("database-url")
                .long("database-url")
                .value_name("URL")
                .global(true)
                .help(t(
                    "Datenbank, z. B. sqlite://data/allianz.db oder postgres://…",
                    "Database, e.g. sqlite://data/allianz.db or postgres://…",
                )),
        )
        .subcommand(localised(
            Command::new("run").about(t("Den Bot starten (Standard)", "Run the bot (default)")),
            de,
        ))
        .subcommand(localised(
            Command::new("migrate").about(t(
                "Nur die Datenbank-Migrationen anwenden",
                "Only apply the database migrations",
            )),
            de,
        ))
        .subcommand(localised(
            Command::new("check").about(t(
                "Datenbank und Zustand prüfen: wartende Nachrichten, übersprungene Ereignisse \
                 (Rückgabewert 1, wenn es welche gibt)",
                "Check the database and the bot's state: waiting messages, skipped events \
                 (exit code 1 if there are any)",
            )),
            de,
        ))
        .subcommand(localised(
            Command::new("recount")
                .about(t(
                    "Eine Runde des Spendenparlaments aus dem Stimmprotokoll nachzählen \
                     (Rückgabewert 1, wenn es nicht zum gespeicherten Ergebnis passt)",
                    "Recount a participatory budget round from its vote log (exit code 1 if it \
                     does not match the stored result)",
                ))
                .arg(round_arg(de)),
            de,
        ))
        .subcommand(localised(
            Command::new("export")
                .about(t(
                    "Anträge, Stimmen und Verteilung einer Runde als CSV-Dateien schreiben \
                     (Abstimmende nur bei offener Abstimmung)",
                    "Write a round's applications, counts and allocation as CSV files (voters \
                     only for an open ballot)",
                ))
                .arg(round_arg(de)),
            de,
        ))
        .subcommand(localised(
            Command::new("backup")
                .about(t(
                    "Eine konsistente Kopie der Datenbank schreiben, auch während der Bot läuft \
                     (SQLite; für PostgreSQL: pg_dump)",
                    "Write a consistent copy of the database, also while the bot runs (SQLite; \
                     for PostgreSQL: pg_dump)",
                ))
                .arg(
                    Arg::new("file")
                        .value_name(if de { "DATEI" } else { "FILE" })
                        .required(true)
                        .value_parser(clap::value_parser!(PathBuf))
                        .help(if de {
                            "Die neue Datei (darf noch nicht existieren)"
                        } else {
                            "The new file (must not exist yet)"
                        }),
                ),
            de,
        ))
        .subcommand(localised(
            Command::new("check-config").about(t(
                "Konfiguration prüfen und (ohne Geheimnisse) anzeigen",
                "Check the configuration and show it (without secrets)",
            )),
            de,
        ));
    localised(root, de)
}

fn round_arg(de: bool) -> Arg {
    Arg::new("round")
        .value_name(if de { "RUNDE" } else { "ROUND" })
        .required(true)
        .value_parser(clap::value_parser!(i64).range(1..))
        .help(if de {
            "Nummer der Runde (wie bei /runde)"
        } else {
            "Number of the round (as in /round)"
        })
}

/// Reads the command line. Help and version are printed as clap does; a mistake is said in
/// the operator's language, with where to find help, and ends with exit code 2.
pub fn parse(de: bool) -> Cli {
    match command(de).try_get_matches() {
        Ok(matches) => from_matches(&matches),
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp
            | clap::error::ErrorKind::DisplayVersion
            | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            _ => {
                eprintln!("{}", mistake(de, &e));
                std::process::exit(2);
            }
        },
    }
}

/// A command-line mistake in words: what was not understood, and where help is.
fn mistake(de: bool, e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let what = match e
        .get(ContextKind::InvalidArg)
        .or(e.get(ContextKind::InvalidSubcommand))
    {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        _ => String::new(),
    };
    match (de, what.is_empty()) {
        (true, false) => format!(
            "Fehler: „{what}“ verstehe ich nicht. Alle Befehle und Optionen: allianz-bot --help"
        ),
        (true, true) => {
            "Fehler: Diese Angaben verstehe ich nicht. Alle Befehle und Optionen: allianz-bot --help"
                .to_string()
        }
        (false, false) => {
            format!("Error: „{what}“ is not understood. All commands and options: allianz-bot --help")
        }
        (false, true) => {
            "Error: these arguments are not understood. All commands and options: allianz-bot --help"
                .to_string()
        }
    }
}

pub fn from_matches(m: &ArgMatches) -> Cli {
    let round = |name: &str| {
        m.subcommand_matches(name)
            .and_then(|s| s.get_one::<i64>("round").copied())
            .unwrap_or(1)
    };
    let action = match m.subcommand_name() {
        Some("migrate") => Action::Migrate,
        Some("recount") => Action::Recount(round("recount")),
        Some("export") => Action::Export(round("export")),
        Some("check-config") => Action::CheckConfig,
        Some("check") => Action::Check,
        Some("backup") => Action::Backup,
        _ => Action::Run,
    };
    Cli {
        action,
        config: m.get_one::<PathBuf>("config").cloned(),
        database_url: m.get_one::<String>("database-url").cloned(),
        backup_to: m
            .subcommand_matches("backup")
            .and_then(|s| s.get_one::<PathBuf>("file").cloned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_actions_and_global_options() {
        let cli = from_matches(&command(true).get_matches_from([
            "allianz-bot",
            "check-config",
            "--config",
            "x.toml",
        ]));
        assert_eq!(cli.action, Action::CheckConfig);
        assert_eq!(cli.config, Some(PathBuf::from("x.toml")));
        let cli = from_matches(&command(false).get_matches_from(["allianz-bot"]));
        assert_eq!(cli.action, Action::Run);
        let cli = from_matches(&command(true).get_matches_from(["allianz-bot", "recount", "3"]));
        assert_eq!(cli.action, Action::Recount(3));
        let cli = from_matches(&command(true).get_matches_from(["allianz-bot", "backup", "k.db"]));
        assert_eq!(cli.action, Action::Backup);
        assert_eq!(cli.backup_to, Some(PathBuf::from("k.db")));
        assert!(
            command(true)
                .try_get_matches_from(["allianz-bot", "backup"])
                .is_err()
        );
        assert!(
            command(true)
                .try_get_matches_from(["allianz-bot", "export", "null"])
                .is_err()
        );
    }

    #[test]
    fn help_speaks_german_or_english() {
        let de = command(true).render_help().to_string();
        assert!(
            de.contains("Aufruf:") && de.contains("Konfigurationsdatei"),
            "{de}"
        );
        let en = command(false).render_help().to_string();
        assert!(
            en.contains("Usage:") && en.contains("Configuration file"),
            "{en}"
        );
    }
}
