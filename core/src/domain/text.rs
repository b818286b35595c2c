//! Text folding for search and uniqueness: `Sömmerda`, `SOEMMERDA` and `soemmerda` are one key.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, spells German umlauts and ß the way people type them without the keys
/// (ä→ae, ö→oe, ü→ue, ß→ss), drops other accents and collapses whitespace.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut last_space = true;
    for c in input.nfc().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' | 'ẞ' => out.push_str("ss"),
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            c => {
                // Other accents (é, č, …) are dropped: `Café` is found as `cafe`.
                out.extend(c.to_string().nfd().filter(|c| !is_combining_mark(*c)));
            }
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A looser key than `fold` for finding what people type: `zella mehlis` is `Zella-Mehlis`,
/// `sommerda` is `Sömmerda` (umlauts to their base letter, spaces and punctuation gone).
pub fn loose(input: &str) -> String {
    fold(input)
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("ue", "u")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// How many single-letter edits (insert, delete, replace, swap two neighbours) turn one word
/// into the other.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

/// Whether `typed` is probably a typo of `known` (compared loosely): one slip in a short
/// word, two in a longer one.
pub fn is_near(typed: &str, known: &str) -> bool {
    let (typed, known) = (loose(typed), loose(known));
    let allowed = if known.chars().count() <= 5 { 1 } else { 2 };
    !typed.is_empty() && edit_distance(&typed, &known) <= allowed
}

/// A web address as people write it: `https://…`, or just `www.jugendclub-zm.de` (then
/// `https://` is added). `None` for what cannot be one (spaces, no dot, an e-mail address).
pub fn web_address(input: &str) -> Option<String> {
    let input = input.trim();
    let lower = input.to_ascii_lowercase();
    if input.is_empty() || input.contains(char::is_whitespace) {
        return None;
    }
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let host = lower.split("://").nth(1).unwrap_or_default();
        return (!host.is_empty()).then(|| input.to_string());
    }
    let host = lower.split('/').next().unwrap_or_default();
    let looks_like_host = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !lower.contains('@')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':');
    looks_like_host.then(|| format!("https://{input}"))
}

/// A web address written out as one (`https://…`, `http://…`, `www.…`), for a field that
/// may hold a place or a link: a place such as "St.Blasii" looks like a host name too.
pub fn written_web_address(input: &str) -> Option<String> {
    let lower = input.trim().to_lowercase();
    ["https://", "http://", "www."]
        .iter()
        .any(|start| lower.starts_with(start))
        .then(|| web_address(input))
        .flatten()
}

/// Trims and collapses inner whitespace of a user-typed value; the stored display form.
pub fn tidy(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_address_written_out_as_one_is_taken_for_a_link_where_a_place_may_stand() {
        assert_eq!(
            written_web_address("https://meet.jit.si/x").as_deref(),
            Some("https://meet.jit.si/x")
        );
        assert_eq!(
            written_web_address("www.example.org/webinar").as_deref(),
            Some("https://www.example.org/webinar")
        );
        assert_eq!(written_web_address("St.Blasii"), None);
        assert_eq!(written_web_address("Gasthaus Linde, Suhl"), None);
    }

    #[test]
    fn umlauts_and_case_fold_to_one_key() {
        assert_eq!(fold("Sömmerda"), "soemmerda");
        assert_eq!(fold("SOEMMERDA"), "soemmerda");
        assert_eq!(fold("Hildburghausen"), fold("hildburghausen"));
        assert_eq!(fold("Straße"), "strasse");
        // A decomposed ö (o + combining diaeresis) is the same letter.
        assert_eq!(fold("So\u{308}mmerda"), "soemmerda");
        assert_eq!(fold("  Café   Müller "), "cafe mueller");
    }

    #[test]
    fn places_match_as_people_write_them_and_typos_are_near() {
        assert_eq!(loose("zella mehlis"), loose("Zella-Mehlis"));
        assert_eq!(loose("sommerda"), loose("Sömmerda"));
        assert_eq!(loose("soemmerda"), loose("Sömmerda"));
        assert!(is_near("hlfe", "hilfe"));
        assert!(is_near("Tafl Suhl", "Tafel Suhl"));
        assert!(is_near("termien", "termine"));
        assert!(!is_near("kanal", "hilfe"));
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn web_addresses_as_people_write_them() {
        assert_eq!(
            web_address("www.jugendclub-zm.de").as_deref(),
            Some("https://www.jugendclub-zm.de")
        );
        assert_eq!(
            web_address("tafel-suhl.de/termine").as_deref(),
            Some("https://tafel-suhl.de/termine")
        );
        assert_eq!(
            web_address("http://example.org").as_deref(),
            Some("http://example.org")
        );
        for bad in ["info@tafel.de", "keine Seite", "suhl", "https://", ""] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }
}
