//! Storage of question rounds, their questions and the upvotes.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::records::corrupt;
use super::{Result, from_us};
use crate::domain::question::{Question, QuestionRound, QuestionState};
use crate::domain::{EventId, Lang, MemberId, Platform, PlatformIdentity};
use crate::message::ChatRef;

#[async_trait]
pub trait QuestionsTx: Send {
    /// Stores a new round (its `id` is ignored) and returns its id.
    async fn insert_question_round(&mut self, round: &QuestionRound) -> Result<i64>;

    async fn question_round(&mut self, id: i64) -> Result<Option<QuestionRound>>;

    /// The rounds not yet closed, the newest first.
    async fn open_rounds(&mut self) -> Result<Vec<QuestionRound>>;

    /// Closed rounds of one date of an event, with their digests.
    async fn rounds_of_date(
        &mut self,
        event: EventId,
        occurrence: NaiveDate,
    ) -> Result<Vec<QuestionRound>>;

    async fn close_round(&mut self, id: i64, digest: &str, at: DateTime<Utc>) -> Result<()>;

    async fn insert_question(&mut self, question: &Question) -> Result<i64>;

    async fn question(&mut self, id: i64) -> Result<Option<Question>>;

    /// A round's questions, the most upvoted first (then the oldest).
    async fn questions(&mut self, round: i64) -> Result<Vec<Question>>;

    /// Answers or declines a question (`reply`: the answer or the reason).
    async fn decide_question(
        &mut self,
        id: i64,
        state: QuestionState,
        reply: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<()>;

    /// A member's upvote; `false` if it was there already (or, removing, was not).
    async fn set_question_vote(
        &mut self,
        id: i64,
        member: MemberId,
        on: bool,
        at: DateTime<Utc>,
    ) -> Result<bool>;
}

#[derive(sqlx::FromRow)]
pub(super) struct RoundRow {
    id: i64,
    title: String,
    platform: String,
    chat_id: String,
    chat_private: i64,
    confidential: i64,
    lang: String,
    event_id: Option<i64>,
    occurrence: Option<String>,
    opened_by: Option<i64>,
    opened_at: i64,
    closed_at: Option<i64>,
    digest: Option<String>,
}

impl TryFrom<RoundRow> for QuestionRound {
    type Error = super::StoreError;
    fn try_from(r: RoundRow) -> Result<Self> {
        let platform =
            Platform::parse(&r.platform).ok_or_else(|| corrupt("platform", &r.platform))?;
        let event = match (r.event_id, r.occurrence) {
            (Some(event), Some(day)) => Some((EventId(event), super::agenda::date(&day)?)),
            _ => None,
        };
        Ok(QuestionRound {
            id: r.id,
            title: r.title,
            chat: ChatRef {
                platform,
                id: r.chat_id,
                is_private: r.chat_private != 0,
                encrypted: r.confidential != 0,
                title: None,
            },
            confidential: r.confidential != 0,
            lang: Lang::parse(&r.lang).ok_or_else(|| corrupt("language", &r.lang))?,
            event,
            opened_by: r.opened_by.map(MemberId),
            opened_at: from_us(r.opened_at),
            closed_at: r.closed_at.map(from_us),
            digest: r.digest,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct QuestionRow {
    id: i64,
    round_id: i64,
    member_id: i64,
    contact: String,
    body: String,
    anonymous: i64,
    asked_at: i64,
    state: String,
    reply: Option<String>,
    votes: i64,
}

impl TryFrom<QuestionRow> for Question {
    type Error = super::StoreError;
    fn try_from(r: QuestionRow) -> Result<Self> {
        Ok(Question {
            id: r.id,
            round: r.round_id,
            member: MemberId(r.member_id),
            contact: PlatformIdentity::parse(&r.contact)
                .map_err(|_| corrupt("contact", &r.contact))?,
            body: r.body,
            anonymous: r.anonymous != 0,
            asked_at: from_us(r.asked_at),
            state: QuestionState::parse(&r.state)
                .ok_or_else(|| corrupt("question state", &r.state))?,
            reply: r.reply,
            votes: r.votes,
        })
    }
}
