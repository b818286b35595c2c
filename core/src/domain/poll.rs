//! Quick polls ("Umfragen") in a chat: a question, two to ten answers, one choice per person
//! – a member, so linked accounts on several messengers still have one voice – changeable
//! until the poll is closed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;
use super::text::tidy;
use crate::message::ChatRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PollId(pub i64);

impl std::fmt::Display for PollId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_QUESTION: usize = 200;
/// Answers become button labels: short enough for a phone screen.
pub const MAX_OPTION: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollDraft {
    pub question: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollError {
    NoQuestion,
    QuestionTooLong,
    TooFewOptions,
    TooManyOptions,
    OptionTooLong(String),
    DuplicateOption(String),
}

impl PollDraft {
    /// The question, then the answers, as typed between `|`.
    pub fn parse(values: &[String]) -> Result<PollDraft, PollError> {
        let mut values = values.iter().map(|v| tidy(v));
        let question = values.next().unwrap_or_default();
        if question.is_empty() {
            return Err(PollError::NoQuestion);
        }
        if question.chars().count() > MAX_QUESTION {
            return Err(PollError::QuestionTooLong);
        }
        let options: Vec<String> = values.filter(|v| !v.is_empty()).collect();
        if options.len() < MIN_OPTIONS {
            return Err(PollError::TooFewOptions);
        }
        if options.len() > MAX_OPTIONS {
            return Err(PollError::TooManyOptions);
        }
        for (i, option) in options.iter().enumerate() {
            if option.chars().count() > MAX_OPTION {
                return Err(PollError::OptionTooLong(option.clone()));
            }
            let folded = super::text::fold(option);
            if options[..i].iter().any(|o| super::text::fold(o) == folded) {
                return Err(PollError::DuplicateOption(option.clone()));
            }
        }
        Ok(PollDraft { question, options })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: PollId,
    /// Where the poll was asked; its message with the counts lives there.
    pub chat: ChatRef,
    /// The language of the poll's message in the chat (its creator's).
    pub lang: super::Lang,
    /// Members, or (asked in a confidential channel) only there.
    pub visibility: super::Visibility,
    pub question: String,
    pub options: Vec<String>,
    pub created_by: Option<MemberId>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Poll {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    /// The answer with this 1-based number, if there is one.
    pub fn option(&self, number: u32) -> Option<&str> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.options.get(index).map(String::as_str)
    }
}

/// The reaction that stands for answer `number` (1️⃣ … 9️⃣, 🔟), for messengers without buttons.
pub fn reaction_key(number: u32) -> Option<String> {
    match number {
        1..=9 => Some(format!("{number}\u{fe0f}\u{20e3}")),
        10 => Some("🔟".to_string()),
        _ => None,
    }
}

/// The answer number a reaction stands for; also without the emoji variation selector.
pub fn number_of_reaction(key: &str) -> Option<u32> {
    if key == "🔟" {
        return Some(10);
    }
    let mut chars = key.chars();
    let digit = chars.next()?.to_digit(10)?;
    let rest: String = chars.filter(|c| *c != '\u{fe0f}').collect();
    (rest == "\u{20e3}" && (1..=9).contains(&digit)).then_some(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_poll_needs_a_question_and_two_to_ten_distinct_answers() {
        let ok = PollDraft::parse(&values(&["Wann?", " Dienstag ", "Mittwoch", ""])).unwrap();
        assert_eq!(ok.question, "Wann?");
        assert_eq!(ok.options, ["Dienstag", "Mittwoch"]);
        assert_eq!(
            PollDraft::parse(&values(&["Wann?", "Dienstag"])),
            Err(PollError::TooFewOptions)
        );
        assert_eq!(
            PollDraft::parse(&values(&["", "a", "b"])),
            Err(PollError::NoQuestion)
        );
        let eleven: Vec<String> = std::iter::once("Q".to_string())
            .chain((1..=11).map(|i| format!("Option {i}")))
            .collect();
        assert_eq!(PollDraft::parse(&eleven), Err(PollError::TooManyOptions));
        assert_eq!(
            PollDraft::parse(&values(&["Q", "Ja", "ja"])),
            Err(PollError::DuplicateOption("ja".into()))
        );
    }

    #[test]
    fn reactions_name_an_answer() {
        for n in 1..=10 {
            assert_eq!(number_of_reaction(&reaction_key(n).unwrap()), Some(n));
        }
        assert_eq!(number_of_reaction("3\u{20e3}"), Some(3));
        assert_eq!(number_of_reaction("👍"), None);
        assert_eq!(number_of_reaction("0\u{fe0f}\u{20e3}"), None);
    }
}
