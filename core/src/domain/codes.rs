//! One-time codes that people read aloud or type on a phone: no 0/O or 1/I/L.

use rand::Rng;

const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// An invitation code like `K7M4-Q2XP` (40 bits of randomness).
pub fn invitation_code() -> String {
    let raw = random_chars(8);
    format!("{}-{}", &raw[..4], &raw[4..])
}

/// A short account-linking code like `7KQ2M9`; valid only briefly.
pub fn link_code() -> String {
    random_chars(6)
}

fn random_chars(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Codes are compared the way people type them: case, spaces and dashes do not matter.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '_'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_unambiguous_characters() {
        for _ in 0..100 {
            let code = invitation_code();
            assert_eq!(code.len(), 9);
            assert!(normalize(&code).bytes().all(|b| ALPHABET.contains(&b)));
        }
        assert_eq!(normalize("k7m4-q2xp"), "K7M4Q2XP");
    }
}
