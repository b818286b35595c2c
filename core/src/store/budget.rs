//! Storage of the Spendenparlament: rounds and their pot, applications, voters (by token),
//! current votes, the hash-chained vote log, and the stored results.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::records::corrupt;
use super::{Result, StoreError, from_us};
use crate::domain::budget::{Decision, Outcome, Tally};
use crate::domain::{
    Amount, Application, ApplicationId, ApplicationState, BallotState, Choice, InitiativeId, Lang,
    MemberId, Round, RoundId, RoundSettings, RoundState, Visibility,
};

/// Money added to a round's pot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub amount: Amount,
    pub donor: String,
    /// Named in results.
    pub public: bool,
    pub at: DateTime<Utc>,
}

/// One row of the vote log, as a recount reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteLogRow {
    pub id: i64,
    pub application: ApplicationId,
    pub token: String,
    /// `None`: withdrawn.
    pub choice: Option<Choice>,
    pub at: DateTime<Utc>,
    pub chain: VoteChain,
    pub prev_hash: String,
    pub hash: String,
}

/// What a voter's next vote on an application builds on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoterBallot {
    pub token: String,
    pub current: Option<Choice>,
    /// The hash of the voter's last log row in the round.
    pub head: Option<String>,
}

/// Which earlier row a log row's hash builds on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteChain {
    /// The same voter's previous row in the round (every row written now).
    Voter,
    /// The round's previous row (rows written before votes were chained per voter).
    Round,
}

impl VoteChain {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteChain::Voter => "voter",
            VoteChain::Round => "round",
        }
    }
}

/// One application's line of a stored result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub tally: Tally,
    pub decision: Decision,
}

#[async_trait]
pub trait BudgetTx: Send {
    /// Stores a new round (its `id`, `contributions` and `counted_at` are ignored).
    async fn insert_round(&mut self, round: &Round) -> Result<RoundId>;
    async fn round(&mut self, id: RoundId) -> Result<Option<Round>>;
    /// The newest rounds first.
    async fn rounds(&mut self, limit: i64) -> Result<Vec<Round>>;
    /// Holds the round until the transaction ends, against votes and other changes: opening
    /// and closing ballots, counting (PostgreSQL: a row lock; SQLite: every write
    /// transaction holds the file).
    async fn lock_round(&mut self, id: RoundId) -> Result<()>;
    /// An application with its round, read for a vote: the round is held against
    /// `lock_round` (not against other votes) until the transaction ends, so a vote sees the
    /// ballot as it is when it is written (PostgreSQL: `FOR SHARE`; SQLite holds the file).
    async fn application_for_vote(
        &mut self,
        id: ApplicationId,
    ) -> Result<Option<(Application, Round)>>;
    /// Holds an application's cards against a second editor (another daemon).
    async fn lock_application(&mut self, id: ApplicationId) -> Result<()>;
    /// Writes state, settings and `counted_at` of an existing round.
    async fn update_round(&mut self, round: &Round) -> Result<()>;

    async fn add_contribution(
        &mut self,
        round: RoundId,
        contribution: &Contribution,
        entered_by: Option<MemberId>,
    ) -> Result<()>;
    async fn contributions(&mut self, round: RoundId) -> Result<Vec<Contribution>>;

    /// Stores a new application at the end of the agenda (its `id` and `position` are
    /// ignored).
    async fn insert_application(&mut self, application: &Application) -> Result<ApplicationId>;
    async fn application(&mut self, id: ApplicationId) -> Result<Option<Application>>;
    /// An application with its round (SQLite: in one round trip).
    async fn application_and_round(
        &mut self,
        id: ApplicationId,
    ) -> Result<Option<(Application, Round)>>;
    /// A round's applications in agenda order.
    async fn applications(&mut self, round: RoundId) -> Result<Vec<Application>>;
    async fn update_application(&mut self, application: &Application) -> Result<()>;

    /// Every voter of a round: token and member (`None` once forgotten).
    async fn voters(&mut self, round: RoundId) -> Result<Vec<(String, Option<MemberId>)>>;
    /// A member's token in a round, if they have one.
    async fn voter_token(&mut self, round: RoundId, member: MemberId) -> Result<Option<String>>;
    /// A member's token in a round, made on their first vote, and held until the transaction
    /// ends: one voter's votes are written one after the other.
    async fn lock_voter(&mut self, round: RoundId, member: MemberId) -> Result<String>;

    /// A member's ballot on one application, held until the transaction ends (see
    /// `lock_voter`): their token (made on their first vote), current choice and the hash of
    /// their last log row in the round.
    async fn voter_ballot(
        &mut self,
        round: RoundId,
        member: MemberId,
        application: ApplicationId,
    ) -> Result<VoterBallot>;
    /// Makes `row.choice` the voter's current choice (`None`: withdrawn) and appends `row` to
    /// the log, in one go.
    async fn record_vote(&mut self, round: RoundId, row: &VoteLogRow) -> Result<()>;
    /// A voter's current choices in a round.
    async fn votes_of(
        &mut self,
        round: RoundId,
        token: &str,
    ) -> Result<Vec<(ApplicationId, Choice)>>;
    /// The current votes on one application.
    async fn tally(&mut self, application: ApplicationId) -> Result<Tally>;

    async fn vote_log(&mut self, round: RoundId) -> Result<Vec<VoteLogRow>>;
    /// The seal of the log stored when the round was counted.
    async fn log_seal(&mut self, round: RoundId) -> Result<Option<String>>;
    async fn set_log_seal(&mut self, round: RoundId, seal: &str) -> Result<()>;

    /// Notes that a person got a hint of this kind in a round; `false` if they had it.
    async fn note_hint(&mut self, round: RoundId, person: &str, kind: &str) -> Result<bool>;

    /// Replaces the stored result of a round.
    async fn store_results(&mut self, round: RoundId, rows: &[ResultRow]) -> Result<()>;
    /// The stored result, in table order.
    async fn results(&mut self, round: RoundId) -> Result<Vec<ResultRow>>;
}

pub(crate) const ROUND_COLUMNS: &str = "r.id, r.title, r.base_cents, r.deadline, r.meeting_id, \
     r.state, r.settings, r.visibility, r.lang, r.created_by, r.created_at, r.counted_at, \
     (SELECT CAST(COALESCE(SUM(c.cents), 0) AS BIGINT) FROM budget_contributions c \
     WHERE c.round_id = r.id) AS contributions";

#[derive(sqlx::FromRow)]
pub(crate) struct RoundRow {
    id: i64,
    title: String,
    base_cents: i64,
    deadline: String,
    meeting_id: Option<i64>,
    state: String,
    settings: String,
    visibility: String,
    lang: String,
    created_by: Option<i64>,
    created_at: i64,
    counted_at: Option<i64>,
    contributions: i64,
}

impl TryFrom<RoundRow> for Round {
    type Error = StoreError;

    fn try_from(row: RoundRow) -> Result<Self> {
        Ok(Round {
            id: RoundId(row.id),
            title: row.title,
            base: Amount::from_cents(row.base_cents),
            contributions: Amount::from_cents(row.contributions),
            deadline: NaiveDate::parse_from_str(&row.deadline, "%Y-%m-%d")
                .map_err(|_| corrupt("budget_rounds.deadline", &row.deadline))?,
            meeting: row.meeting_id.map(crate::domain::EventId),
            state: RoundState::parse(&row.state)
                .ok_or_else(|| corrupt("budget_rounds.state", &row.state))?,
            settings: serde_json::from_str::<RoundSettings>(&row.settings)
                .map_err(|_| corrupt("budget_rounds.settings", &row.settings))?,
            visibility: Visibility::parse(&row.visibility)
                .ok_or_else(|| corrupt("budget_rounds.visibility", &row.visibility))?,
            lang: Lang::parse(&row.lang).ok_or_else(|| corrupt("budget_rounds.lang", &row.lang))?,
            created_by: row.created_by.map(MemberId),
            created_at: from_us(row.created_at),
            counted_at: row.counted_at.map(from_us),
        })
    }
}

pub(crate) const APPLICATION_COLUMNS: &str = "id, round_id, title, amount_cents, reduced_cents, \
     initiative_id, purpose, applicant_id, state, reason, position, ballot, submitted_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ApplicationRow {
    id: i64,
    round_id: i64,
    title: String,
    amount_cents: i64,
    reduced_cents: Option<i64>,
    initiative_id: i64,
    purpose: String,
    applicant_id: Option<i64>,
    state: String,
    reason: Option<String>,
    position: i64,
    ballot: String,
    submitted_at: i64,
}

impl TryFrom<ApplicationRow> for Application {
    type Error = StoreError;

    fn try_from(row: ApplicationRow) -> Result<Self> {
        Ok(Application {
            id: ApplicationId(row.id),
            round: RoundId(row.round_id),
            title: row.title,
            amount: Amount::from_cents(row.amount_cents),
            reduced_to: row.reduced_cents.map(Amount::from_cents),
            initiative: InitiativeId(row.initiative_id),
            purpose: row.purpose,
            applicant: row.applicant_id.map(MemberId),
            state: ApplicationState::parse(&row.state)
                .ok_or_else(|| corrupt("grant_applications.state", &row.state))?,
            reason: row.reason,
            position: row.position,
            ballot: BallotState::parse(&row.ballot)
                .ok_or_else(|| corrupt("grant_applications.ballot", &row.ballot))?,
            submitted_at: from_us(row.submitted_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct VoteLogDbRow {
    id: i64,
    application_id: i64,
    token: String,
    choice: Option<String>,
    at: i64,
    chain: String,
    prev_hash: String,
    hash: String,
}

impl TryFrom<VoteLogDbRow> for VoteLogRow {
    type Error = StoreError;

    fn try_from(row: VoteLogDbRow) -> Result<Self> {
        let choice = match row.choice {
            None => None,
            Some(text) => Some(
                Choice::from_stored(&text)
                    .ok_or_else(|| corrupt("budget_vote_log.choice", &text))?,
            ),
        };
        Ok(VoteLogRow {
            id: row.id,
            application: ApplicationId(row.application_id),
            token: row.token,
            choice,
            at: from_us(row.at),
            chain: match row.chain.as_str() {
                "voter" => VoteChain::Voter,
                "round" => VoteChain::Round,
                other => return Err(corrupt("budget_vote_log.chain", other)),
            },
            prev_hash: row.prev_hash,
            hash: row.hash,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ResultDbRow {
    application_id: i64,
    yes: i64,
    no: i64,
    abstain: i64,
    points: i64,
    voters: i64,
    granted_cents: i64,
    outcome: String,
    rank: Option<i64>,
    tie: i64,
}

impl TryFrom<ResultDbRow> for ResultRow {
    type Error = StoreError;

    fn try_from(row: ResultDbRow) -> Result<Self> {
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(ResultRow {
            tally: Tally {
                yes: count(row.yes),
                no: count(row.no),
                abstain: count(row.abstain),
                points: u64::try_from(row.points).unwrap_or_default(),
                voters: count(row.voters),
            },
            decision: Decision {
                id: ApplicationId(row.application_id),
                granted: Amount::from_cents(row.granted_cents),
                outcome: Outcome::parse(&row.outcome)
                    .ok_or_else(|| corrupt("budget_results.outcome", &row.outcome))?,
                rank: row.rank.map(|r| u32::try_from(r).unwrap_or(u32::MAX)),
                tie_broken_by_time: row.tie != 0,
            },
        })
    }
}

/// Adds up the stored choices of one application.
pub(crate) fn tally_of(choices: Vec<(String, i64)>) -> Result<Tally> {
    let mut tally = Tally::default();
    for (text, count) in choices {
        let choice =
            Choice::from_stored(&text).ok_or_else(|| corrupt("budget_votes.choice", &text))?;
        for _ in 0..count {
            tally.add(choice);
        }
    }
    Ok(tally)
}
