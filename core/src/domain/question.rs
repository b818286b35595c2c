//! Moderated question rounds: a live chat with the mayor or office hours. Members submit
//! questions from any messenger (anonymously if they ask), others upvote them, moderators take
//! them in order of votes and answer or decline them.

use chrono::{DateTime, NaiveDate, Utc};

use super::{EventId, Lang, MemberId, PlatformIdentity};
use crate::message::ChatRef;

/// Longest question.
pub const QUESTION_MAX: usize = 1000;
/// Longest answer or reason.
pub const REPLY_MAX: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRound {
    pub id: i64,
    pub title: String,
    /// Where it was opened: question cards and the digest go there.
    pub chat: ChatRef,
    /// Opened in a confidential channel: its questions stay there.
    pub confidential: bool,
    pub lang: Lang,
    /// The date of an event it belongs to: the digest goes into that date's record.
    pub event: Option<(EventId, NaiveDate)>,
    pub opened_by: Option<MemberId>,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub digest: Option<String>,
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionState {
    Open,
    Answered,
    Declined,
}

impl QuestionState {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionState::Open => "open",
            QuestionState::Answered => "answered",
            QuestionState::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<QuestionState> {
        match text {
            "open" => Some(QuestionState::Open),
            "answered" => Some(QuestionState::Answered),
            "declined" => Some(QuestionState::Declined),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: i64,
    pub round: i64,
    pub member: MemberId,
    /// Where the asker is told what became of it.
    pub contact: PlatformIdentity,
    pub body: String,
    /// Only moderators see who asked.
    pub anonymous: bool,
    pub asked_at: DateTime<Utc>,
    pub state: QuestionState,
    /// The answer, or the reason it was declined.
    pub reply: Option<String>,
    /// Upvotes (people, not accounts).
    pub votes: i64,
}
