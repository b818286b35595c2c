//! The README cannot drift: its command table is the generated one, and its test command is
//! the one CI runs.

use std::path::PathBuf;

fn repo_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn readme_command_table_is_the_generated_one() {
    let readme = repo_file("README.md");
    let table = allianz_core::command::markdown_table();
    assert!(
        readme.contains(&table),
        "README command table is out of date; replace it with:\n{table}"
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = repo_file("README.md");
    let ci = repo_file(".ci/run");
    let command = "./tests/run.sh";
    assert!(readme.contains(command), "README does not show {command}");
    assert!(
        ci.lines().any(|l| l.trim_start().starts_with(command)),
        ".ci/run does not call {command}"
    );
}
