//! The example configuration stays in step with the real config struct.

use std::path::PathBuf;

use allianz_bot::config::{Config, SECRET_KEYS, env_name};

fn example_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/allianz.example.toml")
}

fn keys(prefix: &str, value: &toml::Value, out: &mut Vec<String>) {
    if let toml::Value::Table(table) = value {
        for (k, v) in table {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(_) => keys(&path, v, out),
                _ => out.push(path),
            }
        }
    }
}

#[test]
fn example_file_parses_into_the_config_and_covers_every_key() {
    let text = std::fs::read_to_string(example_path()).unwrap();
    // Parsing with unknown keys denied proves there are no stale keys in the example.
    let parsed: Config = toml::from_str(&text).expect("example parses into Config");
    parsed.validate().expect("example values are valid");

    let mut expected = Vec::new();
    keys(
        "",
        &toml::Value::try_from(Config::default()).unwrap(),
        &mut expected,
    );
    let mut present = Vec::new();
    keys(
        "",
        &toml::from_str::<toml::Value>(&text).unwrap(),
        &mut present,
    );
    for key in &expected {
        assert!(present.contains(key), "example config lacks {key}");
    }
    // Secrets cannot be in the file; the example names their environment variables.
    for (section, key) in SECRET_KEYS {
        let var = env_name(section, key);
        assert!(text.contains(&var), "example config does not mention {var}");
    }
}
