//! Money in euro cents. Parsed from what people write (`250,50 €`, `1.250 EUR`, `99`),
//! shown the German way (`1.250,00 €`).

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount {
    cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("„{0}“ ist kein Betrag; erwartet z. B. 250,50 €")]
    Invalid(String),
    /// `1.5 €`, `1,250 €`: a decimal point or a thousands comma? Asked back, never guessed.
    #[error("„{0}“ ist nicht eindeutig; bitte z. B. 1,50 € oder 1.500 € schreiben")]
    Ambiguous(String),
}

// Either German grouping (1.250,50) or plain digits with an optional decimal comma/point.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{1,3}(?:\.\d{3})+)|(\d{1,12}))(?:,(\d{1,2}))?$").expect("valid regex")
});

// A point before one or two digits (`1.5`, `12.50`) or a comma before three (`1,250`): the
// English and the German reading differ by a factor of 100 or 1,000.
static AMBIGUOUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:\.\d{1,2}|,\d{3})$").expect("valid regex"));

impl Amount {
    pub fn from_cents(cents: i64) -> Self {
        Self { cents }
    }

    pub fn cents(self) -> i64 {
        self.cents
    }

    pub fn parse(input: &str) -> Result<Self, AmountError> {
        let err = || AmountError::Invalid(input.trim().to_string());
        let mut cleaned = input.trim();
        for unit in ["€", "EUR", "Euro", "eur", "euro"] {
            cleaned = cleaned.trim_end_matches(unit).trim_end();
        }
        // `800,-` and `800,–`: whole euros.
        let cleaned = cleaned
            .trim_start_matches('€')
            .trim()
            .trim_end_matches([',', '-', '–', '—'].as_slice())
            .trim();
        if AMBIGUOUS.is_match(cleaned) {
            return Err(AmountError::Ambiguous(input.trim().to_string()));
        }
        let caps = AMOUNT.captures(cleaned).ok_or_else(err)?;
        let euros: i64 = caps
            .get(1)
            .or(caps.get(2))
            .ok_or_else(err)?
            .as_str()
            .replace('.', "")
            .parse()
            .map_err(|_| err())?;
        let cents = match caps.get(3).map(|m| m.as_str()) {
            None => 0,
            Some(d) if d.len() == 1 => d.parse::<i64>().map_err(|_| err())? * 10,
            Some(d) => d.parse::<i64>().map_err(|_| err())?,
        };
        euros
            .checked_mul(100)
            .and_then(|c| c.checked_add(cents))
            .map(Self::from_cents)
            .ok_or_else(err)
    }

    /// `1.250,00 €`
    pub fn german(self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        format!("{sign}{},{:02} €", group(abs / 100, '.'), abs % 100)
    }

    /// `€1,250.00`
    pub fn english(self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        format!("{sign}€{}.{:02}", group(abs / 100, ','), abs % 100)
    }
}

fn group(mut n: u64, sep: char) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(&sep.to_string())
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.german())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_amounts_the_german_way() {
        assert_eq!(Amount::from_cents(125_000).german(), "1.250,00 €");
        assert_eq!(Amount::from_cents(5).german(), "0,05 €");
        assert_eq!(Amount::from_cents(123_456_789).german(), "1.234.567,89 €");
        assert_eq!(Amount::from_cents(125_000).english(), "€1,250.00");
    }

    #[test]
    fn parses_what_people_write() {
        assert_eq!(Amount::parse("250,50 €").unwrap().cents(), 25_050);
        assert_eq!(Amount::parse("1.250 EUR").unwrap().cents(), 125_000);
        assert_eq!(Amount::parse("99").unwrap().cents(), 9_900);
        assert_eq!(Amount::parse("12,5").unwrap().cents(), 1_250);
        assert_eq!(Amount::parse("450 €").unwrap().cents(), 45_000);
        assert_eq!(Amount::parse("1.250,50 €").unwrap().cents(), 125_050);
        assert_eq!(Amount::parse("800 EUR").unwrap().cents(), 80_000);
        assert_eq!(Amount::parse("800,-").unwrap().cents(), 80_000);
        assert_eq!(Amount::parse("800,– €").unwrap().cents(), 80_000);
        assert_eq!(Amount::parse("3.000 €").unwrap().cents(), 300_000);
        assert_eq!(Amount::parse("€ 20").unwrap().cents(), 2_000);
        for bad in ["", "abc", "1,2,3", "-5", "12.34.56", "€"] {
            assert!(
                matches!(Amount::parse(bad), Err(AmountError::Invalid(_))),
                "{bad} accepted"
            );
        }
        for unclear in ["1.5 €", "12.50", "1,250 €"] {
            assert!(
                matches!(Amount::parse(unclear), Err(AmountError::Ambiguous(_))),
                "{unclear} guessed"
            );
        }
    }
}
