//! The Spendenparlament: a round with a pot of money, grant applications, one equal vote per
//! person, and the allocation that follows from the votes. The procedure is a round's
//! settings, so the counting here is a pure function of settings, pot and votes – the live
//! count and the recount from the log run the very same code.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Amount, EventId, InitiativeId, Lang, MemberId, Visibility};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoundId(pub i64);

impl fmt::Display for RoundId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An application's number, shown as `A3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ApplicationId(pub i64);

impl ApplicationId {
    /// `A3`, `a3`, `#3` or `3`.
    pub fn parse(word: &str) -> Option<ApplicationId> {
        let digits = word
            .trim()
            .trim_start_matches(['A', 'a', '#'].as_slice())
            .trim();
        digits
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(ApplicationId)
    }
}

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "A{}", self.0)
    }
}

/// Where a round stands. It only moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RoundState {
    /// Members submit applications until the deadline.
    Open,
    /// Applications are closed; organisers admit or reject them.
    Closed,
    /// The plenary votes.
    Voting,
    /// The votes are counted and the money allocated.
    Counted,
    /// The result is out in every channel of the round.
    Published,
}

impl RoundState {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Open => "open",
            RoundState::Closed => "closed",
            RoundState::Voting => "voting",
            RoundState::Counted => "counted",
            RoundState::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<RoundState> {
        Some(match text {
            "open" => RoundState::Open,
            "closed" => RoundState::Closed,
            "voting" => RoundState::Voting,
            "counted" => RoundState::Counted,
            "published" => RoundState::Published,
            _ => return None,
        })
    }
}

/// How people vote: yes/no per application, or points spread over all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotForm {
    YesNo,
    /// Each voter gives up to this many points in all.
    Points(u32),
}

/// Who may vote in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Eligibility {
    /// Every active member who accepted the code of conduct.
    Members,
    /// Only those registered (`/anmelden`) for the round's meeting.
    MeetingRegistered,
}

/// When an application counts as approved (yes/no ballots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Threshold {
    /// More yes than no.
    Majority,
    /// At least this percentage of yes among yes and no.
    Percent(u32),
}

/// The procedure of a round; shown with the round and printed on every result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSettings {
    pub ballot: BallotForm,
    /// Most one application may ask for.
    pub max_per_application: Option<Amount>,
    pub eligibility: Eligibility,
    /// Fewest voters (yes, no and abstentions) an application needs to be decided.
    pub quorum: Option<u32>,
    pub threshold: Threshold,
    /// The last fundable application may get what is left, less than it asked.
    pub partial_funding: bool,
    /// Group reactions do not count; everyone votes privately; nobody can list choices.
    pub secret: bool,
}

impl Default for RoundSettings {
    fn default() -> Self {
        Self {
            ballot: BallotForm::YesNo,
            max_per_application: None,
            eligibility: Eligibility::Members,
            quorum: None,
            threshold: Threshold::Majority,
            partial_funding: false,
            secret: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: RoundId,
    pub title: String,
    /// The pot as opened; contributions come on top (`pot`).
    pub base: Amount,
    pub contributions: Amount,
    /// The last day applications are taken (inclusive, alliance time).
    pub deadline: NaiveDate,
    pub meeting: Option<EventId>,
    pub state: RoundState,
    pub settings: RoundSettings,
    pub visibility: Visibility,
    /// The language its public messages (cards, results) are written in.
    pub lang: Lang,
    pub created_by: Option<MemberId>,
    pub created_at: DateTime<Utc>,
    pub counted_at: Option<DateTime<Utc>>,
}

impl Round {
    pub fn pot(&self) -> Amount {
        Amount::from_cents(self.base.cents() + self.contributions.cents())
    }
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationState {
    Submitted,
    Admitted,
    Rejected,
    Withdrawn,
}

impl ApplicationState {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationState::Submitted => "submitted",
            ApplicationState::Admitted => "admitted",
            ApplicationState::Rejected => "rejected",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<ApplicationState> {
        Some(match text {
            "submitted" => ApplicationState::Submitted,
            "admitted" => ApplicationState::Admitted,
            "rejected" => ApplicationState::Rejected,
            "withdrawn" => ApplicationState::Withdrawn,
            _ => return None,
        })
    }
}

/// Whether the plenary may vote on an application now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotState {
    NotYet,
    Open,
    Closed,
}

impl BallotState {
    pub fn as_str(self) -> &'static str {
        match self {
            BallotState::NotYet => "not_yet",
            BallotState::Open => "open",
            BallotState::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<BallotState> {
        Some(match text {
            "not_yet" => BallotState::NotYet,
            "open" => BallotState::Open,
            "closed" => BallotState::Closed,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: ApplicationId,
    pub round: RoundId,
    pub title: String,
    /// What was asked for.
    pub amount: Amount,
    /// What the plenary votes on, if the organisers reduced it.
    pub reduced_to: Option<Amount>,
    pub initiative: InitiativeId,
    pub purpose: String,
    pub applicant: Option<MemberId>,
    pub state: ApplicationState,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// Place on the agenda.
    pub position: i64,
    pub ballot: BallotState,
    pub submitted_at: DateTime<Utc>,
}

impl Application {
    /// The amount the vote is about.
    pub fn voted_amount(&self) -> Amount {
        self.reduced_to.unwrap_or(self.amount)
    }
}

/// A voter's choice on one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Yes,
    No,
    Abstain,
    /// Points mode: this many points.
    Points(u32),
}

impl Choice {
    /// `ja`, `nein`, `enthaltung` (and English), or a number of points.
    pub fn parse(word: &str) -> Option<Choice> {
        let word = super::text::fold(word);
        Some(match word.as_str() {
            "ja" | "yes" | "dafur" | "dafuer" | "+" | "👍" => Choice::Yes,
            "nein" | "no" | "dagegen" | "-" | "👎" => Choice::No,
            "enthaltung" | "enthalten" | "abstain" | "abstention" | "0" | "🤷" => Choice::Abstain,
            other => Choice::Points(other.parse().ok().filter(|n| *n > 0)?),
        })
    }

    /// A reaction on a ballot card: 👍 👎 🤷 for yes/no ballots, 1️⃣–5️⃣ for points.
    pub fn of_reaction(key: &str, ballot: BallotForm) -> Option<Choice> {
        match ballot {
            BallotForm::YesNo => match key.trim_end_matches('\u{fe0f}') {
                "👍" => Some(Choice::Yes),
                "👎" => Some(Choice::No),
                "🤷" | "🤷\u{200d}♀" | "🤷\u{200d}♂" => Some(Choice::Abstain),
                _ => None,
            },
            BallotForm::Points(_) => super::poll::number_of_reaction(key)
                .filter(|n| (1..=5).contains(n))
                .map(Choice::Points),
        }
    }

    pub fn as_str(self) -> String {
        match self {
            Choice::Yes => "yes".into(),
            Choice::No => "no".into(),
            Choice::Abstain => "abstain".into(),
            Choice::Points(n) => n.to_string(),
        }
    }

    pub fn from_stored(text: &str) -> Option<Choice> {
        Some(match text {
            "yes" => Choice::Yes,
            "no" => Choice::No,
            "abstain" => Choice::Abstain,
            n => Choice::Points(n.parse().ok()?),
        })
    }

    /// Whether the choice fits the round's ballot form.
    pub fn fits(self, ballot: BallotForm) -> bool {
        matches!(
            (self, ballot),
            (
                Choice::Yes | Choice::No | Choice::Abstain,
                BallotForm::YesNo
            ) | (Choice::Points(_), BallotForm::Points(_))
        )
    }
}

/// The votes on one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Points mode: all points given.
    pub points: u64,
    /// People who voted at all.
    pub voters: u32,
}

impl Tally {
    pub fn add(&mut self, choice: Choice) {
        self.voters += 1;
        match choice {
            Choice::Yes => self.yes += 1,
            Choice::No => self.no += 1,
            Choice::Abstain => self.abstain += 1,
            Choice::Points(n) => self.points += u64::from(n),
        }
    }
}

/// What the count needs of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: ApplicationId,
    pub amount: Amount,
    pub submitted_at: DateTime<Utc>,
    pub tally: Tally,
}

/// Why an application got what it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Funded,
    /// Got what was left in the pot, less than asked.
    Partly,
    /// Fewer voters than the quorum.
    NoQuorum,
    /// Not enough yes.
    NotApproved,
    /// Approved, but the pot was used up by applications ranked before it.
    PotExhausted,
    /// Points mode: no points.
    NoPoints,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Funded => "funded",
            Outcome::Partly => "partly",
            Outcome::NoQuorum => "no_quorum",
            Outcome::NotApproved => "not_approved",
            Outcome::PotExhausted => "pot_exhausted",
            Outcome::NoPoints => "no_points",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        Some(match text {
            "funded" => Outcome::Funded,
            "partly" => Outcome::Partly,
            "no_quorum" => Outcome::NoQuorum,
            "not_approved" => Outcome::NotApproved,
            "pot_exhausted" => Outcome::PotExhausted,
            "no_points" => Outcome::NoPoints,
            _ => return None,
        })
    }
}

/// One line of the result: in ranking order, funded ones first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: ApplicationId,
    pub granted: Amount,
    pub outcome: Outcome,
    /// 1-based place in the ranking (approved applications only).
    pub rank: Option<u32>,
    /// It shares its approval share and yes count with a neighbour in the ranking: the
    /// earlier submission went first.
    pub tie_broken_by_time: bool,
}

/// The whole allocation of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub decisions: Vec<Decision>,
    pub pot: Amount,
    pub granted: Amount,
}

/// Counts and allocates: quorum and threshold per application, then funding in ranking
/// order (approval share, then more yes, then earlier submission) until the pot is used.
/// An approved application that no longer fits is skipped – a smaller one after it may
/// still fit – unless partial funding is on: then it gets what is left. In points mode
/// each application's share of all points sets its share of the pot, capped at what it
/// asked, and what a cap leaves over is shared again among the others.
pub fn allocate(settings: &RoundSettings, pot: Amount, candidates: &[Candidate]) -> Allocation {
    let mut decisions = match settings.ballot {
        BallotForm::YesNo => allocate_yes_no(settings, pot, candidates),
        BallotForm::Points(_) => allocate_points(settings, pot, candidates),
    };
    // Funded first (in ranking order), then the rest by number.
    decisions.sort_by_key(|d| (d.rank.unwrap_or(u32::MAX), d.id));
    let granted = decisions.iter().map(|d| d.granted.cents()).sum();
    Allocation {
        decisions,
        pot,
        granted: Amount::from_cents(granted),
    }
}

fn meets_quorum(settings: &RoundSettings, tally: &Tally) -> bool {
    settings.quorum.is_none_or(|q| tally.voters >= q)
}

fn approved(threshold: Threshold, tally: &Tally) -> bool {
    match threshold {
        Threshold::Majority => tally.yes > tally.no,
        Threshold::Percent(p) => {
            let decided = u64::from(tally.yes) + u64::from(tally.no);
            decided > 0 && u64::from(tally.yes) * 100 >= u64::from(p) * decided
        }
    }
}

/// Compares approval shares yes/(yes+no) exactly, without floating point.
fn by_share(a: &Tally, b: &Tally) -> Ordering {
    let left = u64::from(a.yes) * (u64::from(b.yes) + u64::from(b.no));
    let right = u64::from(b.yes) * (u64::from(a.yes) + u64::from(a.no));
    right.cmp(&left)
}

fn allocate_yes_no(
    settings: &RoundSettings,
    pot: Amount,
    candidates: &[Candidate],
) -> Vec<Decision> {
    let mut decisions = Vec::new();
    let mut ranked: Vec<&Candidate> = Vec::new();
    for c in candidates {
        let outcome = if !meets_quorum(settings, &c.tally) {
            Some(Outcome::NoQuorum)
        } else if !approved(settings.threshold, &c.tally) {
            Some(Outcome::NotApproved)
        } else {
            None
        };
        match outcome {
            Some(outcome) => decisions.push(Decision {
                id: c.id,
                granted: Amount::from_cents(0),
                outcome,
                rank: None,
                tie_broken_by_time: false,
            }),
            None => ranked.push(c),
        }
    }
    let same = |a: &Candidate, b: &Candidate| {
        by_share(&a.tally, &b.tally) == Ordering::Equal && a.tally.yes == b.tally.yes
    };
    ranked.sort_by(|a, b| {
        by_share(&a.tally, &b.tally)
            .then(b.tally.yes.cmp(&a.tally.yes))
            .then(a.submitted_at.cmp(&b.submitted_at))
            .then(a.id.cmp(&b.id))
    });
    let mut left = pot.cents();
    for (i, c) in ranked.iter().enumerate() {
        let tie =
            (i > 0 && same(ranked[i - 1], c)) || ranked.get(i + 1).is_some_and(|n| same(c, n));
        let asked = c.amount.cents();
        let (granted, outcome) = if asked <= left {
            (asked, Outcome::Funded)
        } else if settings.partial_funding && left > 0 {
            (left, Outcome::Partly)
        } else {
            (0, Outcome::PotExhausted)
        };
        left -= granted;
        decisions.push(Decision {
            id: c.id,
            granted: Amount::from_cents(granted),
            outcome,
            rank: Some(i as u32 + 1),
            tie_broken_by_time: tie,
        });
    }
    decisions
}

fn allocate_points(
    settings: &RoundSettings,
    pot: Amount,
    candidates: &[Candidate],
) -> Vec<Decision> {
    let mut granted: Vec<i64> = vec![0; candidates.len()];
    let eligible: Vec<bool> = candidates
        .iter()
        .map(|c| meets_quorum(settings, &c.tally) && c.tally.points > 0)
        .collect();
    let mut left = pot.cents();
    // Share out what is left among those not yet at their cap, by points; repeat while a
    // cap sets money free. Each pass caps at least one application or shares out all.
    loop {
        let open: Vec<usize> = (0..candidates.len())
            .filter(|&i| eligible[i] && granted[i] < candidates[i].amount.cents())
            .collect();
        let points: u64 = open.iter().map(|&i| candidates[i].tally.points).sum();
        if open.is_empty() || points == 0 || left <= 0 {
            break;
        }
        let shares: Vec<(usize, i64, u64)> = open
            .iter()
            .map(|&i| {
                let exact = u128::from(candidates[i].tally.points) * left as u128;
                let share = (exact / u128::from(points)) as i64;
                let remainder = (exact % u128::from(points)) as u64;
                (i, share, remainder)
            })
            .collect();
        let capped: Vec<usize> = shares
            .iter()
            .filter(|(i, share, _)| granted[*i] + share >= candidates[*i].amount.cents())
            .map(|(i, _, _)| *i)
            .collect();
        if capped.is_empty() {
            // Nobody reaches their cap: everyone gets their share, and the cents lost to
            // rounding go one each to the largest remainders (then the earlier submission).
            let mut given = 0;
            for (i, share, _) in &shares {
                granted[*i] += share;
                given += share;
            }
            let mut rest = left - given;
            let mut order = shares.clone();
            order.sort_by(|a, b| {
                b.2.cmp(&a.2)
                    .then(
                        candidates[a.0]
                            .submitted_at
                            .cmp(&candidates[b.0].submitted_at),
                    )
                    .then(candidates[a.0].id.cmp(&candidates[b.0].id))
            });
            for (i, _, _) in order {
                if rest == 0 {
                    break;
                }
                if granted[i] < candidates[i].amount.cents() {
                    granted[i] += 1;
                    rest -= 1;
                }
            }
            break;
        }
        // Those whose share reaches their cap get exactly what they asked; the rest is
        // shared again in the next pass.
        for i in capped {
            let topped = candidates[i].amount.cents() - granted[i];
            granted[i] += topped;
            left -= topped;
        }
    }
    // Rank by points (then earlier submission) for the table.
    let mut order: Vec<usize> = (0..candidates.len()).filter(|&i| granted[i] > 0).collect();
    order.sort_by(|&a, &b| {
        candidates[b]
            .tally
            .points
            .cmp(&candidates[a].tally.points)
            .then(candidates[a].submitted_at.cmp(&candidates[b].submitted_at))
            .then(candidates[a].id.cmp(&candidates[b].id))
    });
    let mut decisions = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let rank = order.iter().position(|&o| o == i).map(|p| p as u32 + 1);
        let outcome = if !meets_quorum(settings, &c.tally) {
            Outcome::NoQuorum
        } else if c.tally.points == 0 {
            Outcome::NoPoints
        } else if granted[i] >= c.amount.cents() {
            Outcome::Funded
        } else if granted[i] > 0 {
            Outcome::Partly
        } else {
            Outcome::PotExhausted
        };
        decisions.push(Decision {
            id: c.id,
            granted: Amount::from_cents(granted[i]),
            outcome,
            rank,
            tie_broken_by_time: false,
        });
    }
    decisions
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn euros(e: i64) -> Amount {
        Amount::from_cents(e * 100)
    }

    /// Application `n` asks for `amount` euros, submitted n minutes after the first.
    fn cand(n: i64, amount: i64, yes: u32, no: u32, abstain: u32) -> Candidate {
        Candidate {
            id: ApplicationId(n),
            amount: euros(amount),
            submitted_at: Utc.with_ymd_and_hms(2027, 1, 1, 10, n as u32, 0).unwrap(),
            tally: Tally {
                yes,
                no,
                abstain,
                points: 0,
                voters: yes + no + abstain,
            },
        }
    }

    fn points(n: i64, amount: i64, points: u64, voters: u32) -> Candidate {
        Candidate {
            tally: Tally {
                points,
                voters,
                ..Tally::default()
            },
            ..cand(n, amount, 0, 0, 0)
        }
    }

    /// (application, granted euros, outcome) in table order.
    fn result(settings: RoundSettings, pot: i64, cands: &[Candidate]) -> Vec<(i64, i64, Outcome)> {
        let a = allocate(&settings, euros(pot), cands);
        let total: i64 = a.decisions.iter().map(|d| d.granted.cents()).sum();
        assert!(total <= euros(pot).cents(), "more granted than the pot");
        assert_eq!(a.granted.cents(), total);
        a.decisions
            .iter()
            .map(|d| (d.id.0, d.granted.cents() / 100, d.outcome))
            .collect()
    }

    use Outcome::*;

    /// (application, granted euros, outcome), as `result` gives them.
    type Expected = Vec<(i64, i64, Outcome)>;
    /// A named case: settings, pot in euros, applications, expected result.
    type Case = (&'static str, RoundSettings, i64, Vec<Candidate>, Expected);

    #[test]
    fn yes_no_cases() {
        let plain = RoundSettings::default();
        let cases: Vec<Case> = vec![
            (
                "all approved, pot enough",
                plain,
                3000,
                vec![cand(1, 1000, 5, 1, 0), cand(2, 1500, 4, 0, 0)],
                vec![(2, 1500, Funded), (1, 1000, Funded)],
            ),
            (
                "a tie of yes and no is not approved",
                plain,
                3000,
                vec![cand(1, 1000, 3, 3, 2), cand(2, 500, 1, 0, 0)],
                vec![(2, 500, Funded), (1, 0, NotApproved)],
            ),
            (
                "pot exhausted: the next one that fits still gets money",
                plain,
                1000,
                vec![
                    cand(1, 800, 9, 1, 0),
                    cand(2, 500, 8, 2, 0),
                    cand(3, 200, 7, 3, 0),
                ],
                vec![(1, 800, Funded), (2, 0, PotExhausted), (3, 200, Funded)],
            ),
            (
                "partial funding gives the rest to the first that does not fit",
                RoundSettings {
                    partial_funding: true,
                    ..plain
                },
                1000,
                vec![
                    cand(1, 800, 9, 1, 0),
                    cand(2, 500, 8, 2, 0),
                    cand(3, 200, 7, 3, 0),
                ],
                vec![(1, 800, Funded), (2, 200, Partly), (3, 0, PotExhausted)],
            ),
            (
                "quorum counts abstentions as voters",
                RoundSettings {
                    quorum: Some(5),
                    ..plain
                },
                5000,
                vec![cand(1, 100, 2, 0, 3), cand(2, 100, 3, 0, 0)],
                vec![(1, 100, Funded), (2, 0, NoQuorum)],
            ),
            (
                "two-thirds threshold",
                RoundSettings {
                    threshold: Threshold::Percent(67),
                    ..plain
                },
                5000,
                vec![cand(1, 100, 2, 1, 0), cand(2, 100, 3, 1, 0)],
                vec![(2, 100, Funded), (1, 0, NotApproved)],
            ),
            (
                "same share: more yes first",
                plain,
                100,
                vec![cand(1, 100, 2, 0, 0), cand(2, 100, 5, 0, 0)],
                vec![(2, 100, Funded), (1, 0, PotExhausted)],
            ),
            (
                "same share and yes: the earlier submission first",
                plain,
                100,
                vec![cand(2, 100, 4, 1, 0), cand(1, 100, 4, 1, 0)],
                vec![(1, 100, Funded), (2, 0, PotExhausted)],
            ),
            (
                "nobody voted",
                plain,
                100,
                vec![cand(1, 100, 0, 0, 0)],
                vec![(1, 0, NotApproved)],
            ),
        ];
        for (name, settings, pot, cands, expected) in cases {
            assert_eq!(result(settings, pot, &cands), expected, "{name}");
        }
    }

    #[test]
    fn ties_are_written_out() {
        let a = allocate(
            &RoundSettings::default(),
            euros(100),
            &[
                cand(1, 100, 4, 1, 0),
                cand(2, 100, 4, 1, 0),
                cand(3, 50, 9, 0, 0),
            ],
        );
        let tie: Vec<(i64, bool)> = a
            .decisions
            .iter()
            .map(|d| (d.id.0, d.tie_broken_by_time))
            .collect();
        assert_eq!(tie, vec![(3, false), (1, true), (2, true)]);
    }

    #[test]
    fn points_cases() {
        let ten = RoundSettings {
            ballot: BallotForm::Points(10),
            ..RoundSettings::default()
        };
        let cases: Vec<(&str, i64, Vec<Candidate>, Expected)> = vec![
            (
                "shares of the pot by points",
                1000,
                vec![points(1, 1000, 30, 5), points(2, 1000, 10, 3)],
                vec![(1, 750, Partly), (2, 250, Partly)],
            ),
            (
                "a cap frees money for the others",
                1000,
                vec![
                    points(1, 100, 50, 5),
                    points(2, 1000, 25, 3),
                    points(3, 1000, 25, 3),
                ],
                vec![(1, 100, Funded), (2, 450, Partly), (3, 450, Partly)],
            ),
            (
                "everyone capped: money is left over",
                1000,
                vec![points(1, 100, 5, 1), points(2, 200, 1, 1)],
                vec![(1, 100, Funded), (2, 200, Funded)],
            ),
            (
                "no points, no money",
                1000,
                vec![points(1, 500, 10, 2), points(2, 500, 0, 0)],
                vec![(1, 500, Funded), (2, 0, NoPoints)],
            ),
        ];
        for (name, pot, cands, expected) in cases {
            assert_eq!(result(ten, pot, &cands), expected, "{name}");
        }
    }

    #[test]
    fn points_share_every_cent() {
        let ten = RoundSettings {
            ballot: BallotForm::Points(10),
            ..RoundSettings::default()
        };
        let a = allocate(
            &ten,
            Amount::from_cents(100),
            &[
                points(1, 1000, 1, 1),
                points(2, 1000, 1, 1),
                points(3, 1000, 1, 1),
            ],
        );
        let cents: Vec<i64> = a.decisions.iter().map(|d| d.granted.cents()).collect();
        assert_eq!(cents, vec![34, 33, 33]);
        assert_eq!(a.granted.cents(), 100);
    }

    #[test]
    fn choices_read_as_people_write_them() {
        assert_eq!(Choice::parse("Ja"), Some(Choice::Yes));
        assert_eq!(Choice::parse("nein"), Some(Choice::No));
        assert_eq!(Choice::parse("Enthaltung"), Some(Choice::Abstain));
        assert_eq!(Choice::parse("4"), Some(Choice::Points(4)));
        assert_eq!(Choice::parse("vielleicht"), None);
        assert_eq!(
            Choice::of_reaction("👍", BallotForm::YesNo),
            Some(Choice::Yes)
        );
        assert_eq!(
            Choice::of_reaction("🤷\u{200d}♀\u{fe0f}", BallotForm::YesNo),
            Some(Choice::Abstain)
        );
        assert_eq!(Choice::of_reaction("👍", BallotForm::Points(10)), None);
        assert_eq!(ApplicationId::parse("A3"), Some(ApplicationId(3)));
        assert_eq!(ApplicationId::parse("a12"), Some(ApplicationId(12)));
        assert_eq!(ApplicationId::parse("A0"), None);
    }
}
