//! The vote log and the recount. Every vote change is a row whose hash covers the row and
//! the hash of the same voter's previous row in the round (one chain per voter, so voters
//! never wait for each other); the count seals the log with one hash over the last row of
//! every chain and prints it with the result. The recount checks the chains and the seal,
//! replays the log into counts, allocates from them with the very same function as the
//! count, and compares both with what is stored.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::domain::budget::{Allocation, Candidate, Tally, allocate};
use crate::domain::{ApplicationId, ApplicationState, Choice, RoundId};
use crate::store::{StoreError, StoreTx, VoteChain, VoteLogRow};

/// The hash a chain's first row builds on.
pub const GENESIS: &str = "0";

/// The hash of one log row.
pub fn chain_hash(
    prev: &str,
    round: RoundId,
    application: ApplicationId,
    token: &str,
    choice: Option<Choice>,
    at: DateTime<Utc>,
) -> String {
    let choice = choice.map(|c| c.as_str()).unwrap_or_else(|| "-".into());
    let text = format!(
        "{prev}|{}|{}|{token}|{choice}|{}",
        round.0,
        application.0,
        at.timestamp_micros()
    );
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a recount found.
#[derive(Debug, Clone)]
pub struct Recount {
    pub round: RoundId,
    pub log_rows: usize,
    /// The first row whose hash or link does not match, if any.
    pub broken_at: Option<i64>,
    /// The counts replayed from the log, per admitted application.
    pub tallies: BTreeMap<ApplicationId, Tally>,
    /// The allocation that follows from them.
    pub allocation: Allocation,
    /// Where the replayed counts differ from the live ones, or the allocation from the
    /// stored result.
    pub differences: Vec<String>,
    /// Whether a result was stored to compare with.
    pub counted: bool,
    /// The seal of the log as it is now (compared with the one stored at the count).
    pub seal: String,
}

impl Recount {
    pub fn agrees(&self) -> bool {
        self.broken_at.is_none() && self.differences.is_empty()
    }
}

/// Replays a voter's choices: the latest per application counts, a withdrawal removes it.
pub fn replay(rows: &[VoteLogRow]) -> HashMap<ApplicationId, Tally> {
    let mut latest: HashMap<(ApplicationId, &str), Choice> = HashMap::new();
    for row in rows {
        match row.choice {
            Some(choice) => {
                latest.insert((row.application, row.token.as_str()), choice);
            }
            None => {
                latest.remove(&(row.application, row.token.as_str()));
            }
        }
    }
    let mut tallies: HashMap<ApplicationId, Tally> = HashMap::new();
    for ((application, _), choice) in latest {
        tallies.entry(application).or_default().add(choice);
    }
    tallies
}

/// Which chain a row belongs to: its voter's, or (older rows) the round's.
fn chain_of(row: &VoteLogRow) -> String {
    match row.chain {
        VoteChain::Voter => format!("voter:{}", row.token),
        VoteChain::Round => "round".to_string(),
    }
}

/// Checks every chain: the id of the first row that does not follow from the row before it
/// in its chain.
pub fn check_chain(round: RoundId, rows: &[VoteLogRow]) -> Option<i64> {
    let mut heads: HashMap<String, String> = HashMap::new();
    for row in rows {
        let chain = chain_of(row);
        let prev = heads.get(&chain).map_or(GENESIS, String::as_str);
        let expected = chain_hash(prev, round, row.application, &row.token, row.choice, row.at);
        if row.prev_hash != prev || row.hash != expected {
            return Some(row.id);
        }
        heads.insert(chain, row.hash.clone());
    }
    None
}

/// The seal of a log: one hash over the last row of every chain (in a fixed order), so that
/// removing a voter's last rows changes it too.
pub fn seal(rows: &[VoteLogRow]) -> String {
    let mut heads: BTreeMap<String, &str> = BTreeMap::new();
    for row in rows {
        heads.insert(chain_of(row), &row.hash);
    }
    let mut hasher = Sha256::new();
    for (chain, hash) in heads {
        hasher.update(format!("{chain}={hash}\n").as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Recounts a round from its vote log. `None` if there is no such round.
pub async fn recount(tx: &mut dyn StoreTx, id: RoundId) -> Result<Option<Recount>, StoreError> {
    let Some(round) = tx.round(id).await? else {
        return Ok(None);
    };
    let rows = tx.vote_log(id).await?;
    let broken_at = check_chain(id, &rows);
    let replayed = replay(&rows);
    let mut differences = Vec::new();
    let seal = seal(&rows);
    if let Some(stored) = tx.log_seal(id).await?
        && stored != seal
    {
        differences.push(format!(
            "the log's seal is {seal}, the count announced {stored}"
        ));
    }
    let mut tallies = BTreeMap::new();
    let mut candidates = Vec::new();
    for application in tx.applications(id).await? {
        if application.state != ApplicationState::Admitted {
            continue;
        }
        let tally = replayed.get(&application.id).copied().unwrap_or_default();
        let live = tx.tally(application.id).await?;
        if live != tally {
            differences.push(format!(
                "{}: live count {live:?}, from the log {tally:?}",
                application.id
            ));
        }
        tallies.insert(application.id, tally);
        candidates.push(Candidate {
            id: application.id,
            amount: application.voted_amount(),
            submitted_at: application.submitted_at,
            tally,
        });
    }
    let allocation = allocate(&round.settings, round.pot(), &candidates);
    let stored = tx.results(id).await?;
    let counted = !stored.is_empty();
    if counted {
        for decision in &allocation.decisions {
            match stored.iter().find(|r| r.decision.id == decision.id) {
                None => differences.push(format!("{}: not in the stored result", decision.id)),
                Some(row) => {
                    if row.decision != *decision {
                        differences.push(format!(
                            "{}: stored {:?}, recounted {:?}",
                            decision.id, row.decision, decision
                        ));
                    }
                    let tally = tallies.get(&decision.id).copied().unwrap_or_default();
                    if row.tally != tally {
                        differences.push(format!(
                            "{}: stored votes {:?}, from the log {tally:?}",
                            decision.id, row.tally
                        ));
                    }
                }
            }
        }
        for row in &stored {
            if !allocation.decisions.iter().any(|d| d.id == row.decision.id) {
                differences.push(format!("{}: stored but not admitted", row.decision.id));
            }
        }
    }
    Ok(Some(Recount {
        round: id,
        log_rows: rows.len(),
        broken_at,
        tallies,
        allocation,
        differences,
        counted,
        seal,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn row(id: i64, prev: &str, app: i64, token: &str, choice: Option<Choice>) -> VoteLogRow {
        let at = Utc.with_ymd_and_hms(2027, 2, 1, 18, 0, id as u32).unwrap();
        VoteLogRow {
            id,
            application: ApplicationId(app),
            token: token.into(),
            choice,
            at,
            chain: VoteChain::Round,
            prev_hash: prev.into(),
            hash: chain_hash(prev, RoundId(1), ApplicationId(app), token, choice, at),
        }
    }

    #[test]
    fn the_latest_choice_counts_and_a_withdrawal_removes_it() {
        let a = row(1, GENESIS, 3, "t1", Some(Choice::Yes));
        let b = row(2, &a.hash, 3, "t2", Some(Choice::No));
        let c = row(3, &b.hash, 3, "t1", Some(Choice::No));
        let d = row(4, &c.hash, 3, "t2", None);
        let rows = vec![a, b, c, d];
        assert_eq!(check_chain(RoundId(1), &rows), None);
        let tally = replay(&rows)[&ApplicationId(3)];
        assert_eq!((tally.yes, tally.no, tally.voters), (0, 1, 1));
    }

    #[test]
    fn an_altered_row_breaks_the_chain() {
        let a = row(1, GENESIS, 3, "t1", Some(Choice::Yes));
        let b = row(2, &a.hash, 3, "t2", Some(Choice::No));
        let mut rows = vec![a, b];
        rows[0].choice = Some(Choice::No);
        assert_eq!(check_chain(RoundId(1), &rows), Some(1));
        rows[0].choice = Some(Choice::Yes);
        rows.remove(0);
        assert_eq!(check_chain(RoundId(1), &rows), Some(2));
    }

    fn voter_row(id: i64, prev: &str, app: i64, token: &str, choice: Option<Choice>) -> VoteLogRow {
        VoteLogRow {
            chain: VoteChain::Voter,
            ..row(id, prev, app, token, choice)
        }
    }

    #[test]
    fn each_voter_has_a_chain_and_the_seal_covers_every_last_row() {
        let a = voter_row(1, GENESIS, 3, "t1", Some(Choice::Yes));
        let b = voter_row(2, GENESIS, 3, "t2", Some(Choice::No));
        let c = voter_row(3, &a.hash, 4, "t1", Some(Choice::No));
        let rows = vec![a.clone(), b.clone(), c.clone()];
        assert_eq!(check_chain(RoundId(1), &rows), None);
        let sealed = seal(&rows);
        // A voter's last row taken away: every chain still holds, the seal does not.
        let without_last = vec![a.clone(), b.clone()];
        assert_eq!(check_chain(RoundId(1), &without_last), None);
        assert_ne!(seal(&without_last), sealed);
        // A row linked to another voter's chain does not hold.
        let foreign = voter_row(4, &b.hash, 3, "t1", Some(Choice::Abstain));
        assert_eq!(check_chain(RoundId(1), &[a, b, c, foreign]), Some(4));
    }
}
