//! Localisation through Project Fluent: German is the default, English per member.
//! Messages live in `de.ftl` / `en.ftl`; both must define the same ids (a test checks).

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::langid;

pub use crate::domain::Lang;

pub const DE_FTL: &str = include_str!("de.ftl");
pub const EN_FTL: &str = include_str!("en.ftl");

type Bundle = FluentBundle<FluentResource>;

fn bundle(source: &'static str, lang: unic_langid::LanguageIdentifier) -> Bundle {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("invalid Fluent file for {lang}: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks around arguments would end up in chats and in copied codes.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("duplicate Fluent messages: {errors:?}"));
    bundle
}

static DE: LazyLock<Bundle> = LazyLock::new(|| bundle(DE_FTL, langid!("de-DE")));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(EN_FTL, langid!("en-GB")));

/// An argument for a message: text or a number.
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(s)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(i64::from(n))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// The alliance's name as replies say it (`alliance.name`), set once at start.
static ALLIANCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the name `{ $alliance }` stands for in every message (the first call wins).
pub fn set_alliance_name(name: &str) {
    let _ = ALLIANCE.set(name.to_string());
}

fn alliance_name() -> &'static str {
    ALLIANCE.get().map(String::as_str).unwrap_or("Allianz")
}

/// Formats message `key` in `lang`. A missing message falls back to German, then to the key
/// itself (and fails loudly in debug builds, so tests catch it).
pub fn tr(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    fluent_args.set("alliance", FluentValue::from(alliance_name()));
    for (name, value) in args {
        match value {
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(*s)),
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let bundles: [&Bundle; 2] = match lang {
        Lang::De => [&DE, &DE],
        Lang::En => [&EN, &DE],
    };
    for bundle in bundles {
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            debug_assert!(errors.is_empty(), "message {key}: {errors:?}");
            return text.into_owned();
        }
    }
    debug_assert!(false, "missing message {key}");
    key.to_string()
}

/// `t!(lang, "key")` or `t!(lang, "key", name = value, …)`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $key:expr) => {
        $crate::i18n::tr($lang, $key, &[])
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr(
            $lang,
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// Message ids defined in a Fluent source (for the completeness test).
pub fn message_ids(source: &str) -> Vec<String> {
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::COMMANDS;

    #[test]
    fn both_languages_define_the_same_messages() {
        let mut de = message_ids(DE_FTL);
        let mut en = message_ids(EN_FTL);
        de.sort();
        en.sort();
        let only_de: Vec<_> = de.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !de.contains(k)).collect();
        assert!(
            only_de.is_empty() && only_en.is_empty(),
            "de only: {only_de:?}, en only: {only_en:?}"
        );
    }

    #[test]
    fn every_command_has_help_usage_and_example() {
        let ids = message_ids(DE_FTL);
        for c in COMMANDS {
            for prefix in ["help", "usage", "example"] {
                let key = format!("{prefix}-{}", c.key);
                assert!(ids.contains(&key), "missing {key}");
            }
        }
    }

    #[test]
    fn arguments_are_inserted_without_isolation_marks() {
        let text = crate::t!(
            Lang::De,
            "invite-created",
            code = "K7M4-Q2XP",
            expires = "Fr"
        );
        assert!(text.contains("K7M4-Q2XP"));
        assert!(!text.contains('\u{2068}'));
    }
}
