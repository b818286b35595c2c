//! The systemd unit operators install (`config/allianz-bot.service`): valid for systemd,
//! sandboxed, and its command line and environment accepted by the daemon.

use std::process::Command;

use super::process::binary;

fn unit_text() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("config")
        .join("allianz-bot.service");
    std::fs::read_to_string(path).expect("config/allianz-bot.service")
}

/// The values of a `Key=` line of the unit.
fn values<'a>(unit: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key}=");
    unit.lines()
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .collect()
}

/// `systemd-analyze` checks the unit (with `ExecStart` pointing at this build's binary, as
/// `verify` wants the program to exist) and rates its sandbox. Skipped where systemd's tools
/// are not installed.
#[test]
fn the_systemd_unit_is_valid_and_sandboxed() {
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: systemd-analyze is not installed");
        return;
    }
    let unit = unit_text();
    let [exec] = values(&unit, "ExecStart")[..] else {
        panic!("one ExecStart");
    };
    let program = exec.split_whitespace().next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("allianz-bot.service");
    std::fs::write(
        &file,
        unit.replace(program, binary().to_str().expect("a UTF-8 path")),
    )
    .unwrap();

    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&file)
        .output()
        .unwrap();
    let complaints = String::from_utf8_lossy(&verify.stderr);
    assert!(
        verify.status.success() && !complaints.contains("allianz-bot.service"),
        "{complaints}"
    );

    let security = Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&security.stdout);
    let level: f64 = report
        .lines()
        .find_map(|l| {
            l.split("Overall exposure level for allianz-bot.service:")
                .nth(1)
        })
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no exposure level in:\n{report}"));
    // systemd rates 0–10; up to 2 is "OK", the best of its grades.
    assert!(level <= 2.0, "exposure {level}:\n{report}");
}

/// The unit's command line and environment are what the daemon accepts: the same options,
/// with the example configuration, pass `check-config`.
#[test]
fn the_units_command_line_and_environment_are_accepted() {
    let unit = unit_text();
    let [exec] = values(&unit, "ExecStart")[..] else {
        panic!("one ExecStart");
    };
    let mut words: Vec<&str> = exec.split_whitespace().skip(1).collect();
    assert_eq!(words.pop(), Some("run"), "{exec}");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("config")
        .join("allianz.example.toml");
    let mut command = Command::new(binary());
    for word in words {
        // The configuration file named in the unit is the example one here.
        if word.starts_with("/etc/") {
            command.arg(&example);
        } else {
            command.arg(word);
        }
    }
    for assignment in values(&unit, "Environment") {
        let (key, value) = assignment.split_once('=').expect("KEY=value");
        command.env(key, value);
    }
    let checked = command.arg("check-config").output().unwrap();
    let shown = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "{shown}{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // The terminal chat is off under systemd: there is no terminal.
    assert!(shown.contains("[console]\nenabled = false"), "{shown}");
}
