//! One-time codes that people read aloud or type on a phone: no 0/O or 1/I/L.
//!
//! A code like `K7M4-Q2XP-9HWN` has two parts: the first group names the code (so a wrong
//! guess can be counted against the code it aimed at, which is void after a few), the other
//! two are its secret (about 40 bits). With a handful of tries per account and per code, a
//! guess succeeds with a chance of about 1 in 10^11 – whatever the code's lifetime.

use rand::Rng;

const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters of the naming part.
pub const HANDLE_LEN: usize = 4;
/// All characters (without dashes).
pub const CODE_LEN: usize = 12;

/// A new code like `K7M4-Q2XP-9HWN`, from the operating system's randomness (rand's
/// thread-local generator is a CSPRNG seeded from it).
pub fn new_code() -> String {
    let mut rng = rand::rng();
    let raw: String = (0..CODE_LEN)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}-{}", &raw[..4], &raw[4..8], &raw[8..])
}

/// A pseudonym nobody types: 128 random bits as hex (a voter's token in a round).
pub fn random_token() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What someone typed, as a code: case, spaces and dashes do not matter. `None` if it cannot
/// be one of ours.
pub fn parse(input: &str) -> Option<TypedCode> {
    let raw: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '_'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (raw.len() == CODE_LEN && raw.bytes().all(|b| ALPHABET.contains(&b))).then(|| TypedCode {
        canonical: format!("{}-{}-{}", &raw[..4], &raw[4..8], &raw[8..]),
    })
}

/// A well-formed code as typed, in the stored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedCode {
    canonical: String,
}

impl TypedCode {
    /// The naming part, to find the code it aims at.
    pub fn handle(&self) -> &str {
        &self.canonical[..HANDLE_LEN]
    }

    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// Whether it is exactly `stored`, compared in constant time (the time taken tells
    /// nothing about how much of the secret was right).
    pub fn matches(&self, stored: &str) -> bool {
        let (a, b) = (self.canonical.as_bytes(), stored.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// The naming part of a stored code.
pub fn handle_of(stored: &str) -> &str {
    stored.get(..HANDLE_LEN).unwrap_or(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_unambiguous_characters_and_read_back_as_typed() {
        for _ in 0..200 {
            let code = new_code();
            assert_eq!(code.len(), 14);
            let typed = parse(&code.to_lowercase().replace('-', " ")).unwrap();
            assert!(typed.matches(&code));
            assert_eq!(typed.handle(), handle_of(&code));
        }
        assert_eq!(parse("k7m4-q2xp-9hwn").unwrap().as_str(), "K7M4-Q2XP-9HWN");
        assert_eq!(parse("K7M4-Q2XP"), None, "too short");
        assert_eq!(parse("K7M4-Q2XP-9HW0"), None, "0 is never used");
        assert!(!parse("K7M4-Q2XP-9HWN").unwrap().matches("K7M4-Q2XP-9HWM"));
    }
}
