//! The binary's command line as an operator meets it: help, config checks, exit codes.

use std::process::Command;

fn bot() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allianz-bot"));
    for (key, _) in std::env::vars() {
        if key.starts_with("ALLIANZ__") {
            cmd.env_remove(key);
        }
    }
    cmd
}

#[test]
fn help_in_german_by_default_and_english_on_request() {
    let de = bot()
        .env("LANG", "de_DE.UTF-8")
        .arg("--help")
        .output()
        .unwrap();
    let de = String::from_utf8(de.stdout).unwrap();
    assert!(
        de.contains("Aufruf:") && de.contains("check-config"),
        "{de}"
    );
    let en = bot()
        .env("LANG", "en_GB.UTF-8")
        .arg("--help")
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("Usage:") && en.contains("Check the configuration"),
        "{en}"
    );
}

#[test]
fn bad_config_names_key_value_and_what_is_allowed() {
    let out = bot()
        .env("ALLIANZ__ALLIANCE__TIMEZONE", "Europe/Hildburghausen")
        .arg("check-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("alliance.timezone")
            && err.contains("Europe/Hildburghausen")
            && err.contains("Europe/Berlin"),
        "{err}"
    );
}

#[test]
fn secrets_in_the_file_are_refused_and_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("allianz.toml");
    std::fs::write(&file, "[telegram]\ntoken = \"123:geheim\"\n").unwrap();
    let out = bot()
        .arg("--config")
        .arg(&file)
        .arg("check-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("ALLIANZ__TELEGRAM__TOKEN") && !err.contains("geheim"),
        "{err}"
    );

    let out = bot()
        .env("ALLIANZ__TELEGRAM__TOKEN", "123:geheim")
        .env(
            "ALLIANZ__DATABASE__URL",
            "postgres://bot:pw@db.example/allianz",
        )
        .arg("check-config")
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("telegram.token: gesetzt"), "{shown}");
    assert!(
        !shown.contains("geheim") && !shown.contains(":pw@"),
        "{shown}"
    );
}

#[test]
fn environment_wins_over_the_file_which_wins_over_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("allianz.toml");
    std::fs::write(
        &file,
        "[alliance]\ninvitation_valid_days = 3\nname = \"Datei\"\n",
    )
    .unwrap();
    let out = bot()
        .env("ALLIANZ__ALLIANCE__NAME", "Umgebung")
        .arg("--config")
        .arg(&file)
        .arg("check-config")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("name = \"Umgebung\""), "{shown}");
    assert!(shown.contains("invitation_valid_days = 3"), "{shown}");
    assert!(
        shown.contains("url = \"sqlite://data/allianz.db\""),
        "{shown}"
    );
}

#[test]
fn unknown_keys_are_named() {
    let out = bot()
        .env("ALLIANZ__ALLIANCE__ZEITZONE", "Europe/Berlin")
        .arg("check-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("zeitzone"), "{err}");
}

#[test]
fn german_help_is_german_throughout_and_mistakes_are_said_in_german() {
    let help = bot()
        .env("LANG", "de_DE.UTF-8")
        .args(["check-config", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for english in ["Usage", "Options", "OPTIONS", "COMMAND", "Print"] {
        assert!(!help.contains(english), "{english} in:\n{help}");
    }
    let wrong = bot()
        .env("LANG", "de_DE.UTF-8")
        .arg("--gibtsnicht")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8(wrong.stderr).unwrap();
    assert!(
        err.contains("„--gibtsnicht“ verstehe ich nicht") && err.contains("--help"),
        "{err}"
    );
}

#[test]
fn every_bad_value_is_reported_at_once_in_words() {
    let out = bot()
        .env("ALLIANZ__ALLIANCE__TIMEZONE", "Mars/Basis")
        .env("ALLIANZ__EVENTS__GRACE_MINUTES", "5000")
        .env("ALLIANZ__LIMITS__POLLS_PER_HOUR", "0")
        .arg("check-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for key in [
        "alliance.timezone",
        "events.grace_minutes",
        "limits.polls_per_hour",
    ] {
        assert!(err.contains(key), "{key} missing:\n{err}");
    }
    // A value of the wrong kind names the variable it came from, in words.
    let out = bot()
        .env("ALLIANZ__EVENTS__GRACE_MINUTES", "viel")
        .arg("check-config")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("ALLIANZ__EVENTS__GRACE_MINUTES")
            && err.contains("ganze Zahl")
            && err.contains("„viel“")
            && !err.contains("u32"),
        "{err}"
    );
}
