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

/// Trims and collapses inner whitespace of a user-typed value; the stored display form.
pub fn tidy(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
