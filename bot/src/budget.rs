//! `allianz-bot recount <runde>` and `allianz-bot export <runde>`: anyone with the database can
//! check a Spendenparlament round's count and take its figures away as CSV.

use std::fmt::Write as _;

use allianz_core::domain::RoundId;
use allianz_core::engine::recount as recount_round;

use crate::config::Config;
use crate::daemon::open_store;

/// Prints what the recount found; `false` (exit code 1) if it differs from what is stored
/// or the log's chain is broken.
pub async fn recount(config: &Config, round: i64) -> anyhow::Result<bool> {
    let store = open_store(config).await?;
    let mut tx = store.begin_read().await?;
    let Some(found) = recount_round(&mut *tx, RoundId(round)).await? else {
        println!("Runde {round} gibt es nicht / there is no round {round}");
        // The pool closes only once every connection is back.
        drop(tx);
        store.close().await;
        return Ok(false);
    };
    println!(
        "Runde {round}: {} Protokollzeilen / log rows",
        found.log_rows
    );
    match found.broken_at {
        None => println!("Kette / chain: OK"),
        Some(id) => println!("Kette gebrochen bei Zeile / chain broken at row {id}"),
    }
    println!("Prüfsumme / seal: {}", found.seal);
    for decision in &found.allocation.decisions {
        let tally = found.tallies.get(&decision.id).copied().unwrap_or_default();
        println!(
            "  {}: ja/yes {} nein/no {} enthalten/abstain {} Punkte/points {} – {} ({})",
            decision.id,
            tally.yes,
            tally.no,
            tally.abstain,
            tally.points,
            decision.granted,
            decision.outcome.as_str()
        );
    }
    println!(
        "Vergeben / granted: {} von / of {}",
        found.allocation.granted, found.allocation.pot
    );
    if !found.counted {
        println!("Noch nicht ausgezählt / not counted yet: nur Nachzählung / recount only");
    }
    for difference in &found.differences {
        println!("ABWEICHUNG / DIFFERENCE: {difference}");
    }
    drop(tx);
    let agrees = found.agrees();
    println!(
        "{}",
        if agrees {
            "Ergebnis bestätigt / result confirmed"
        } else {
            "Ergebnis NICHT bestätigt / result NOT confirmed"
        }
    );
    store.close().await;
    Ok(agrees)
}

/// A CSV field, quoted when it needs to be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn euros(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Writes `runde-N-antraege.csv` (and, for an open ballot, `runde-N-stimmen.csv`) into the
/// current directory.
pub async fn export(config: &Config, round: i64) -> anyhow::Result<bool> {
    let store = open_store(config).await?;
    let mut tx = store.begin_read().await?;
    let id = RoundId(round);
    let Some(found) = tx.round(id).await? else {
        println!("Runde {round} gibt es nicht / there is no round {round}");
        // The pool closes only once every connection is back.
        drop(tx);
        store.close().await;
        return Ok(false);
    };
    let results = tx.results(id).await?;
    let mut csv = String::from(
        "application,title,initiative,asked_eur,voted_eur,state,yes,no,abstain,points,voters,\
         granted_eur,outcome,rank\n",
    );
    for application in tx.applications(id).await? {
        let initiative = tx
            .initiative(application.initiative)
            .await?
            .map(|i| i.draft.name)
            .unwrap_or_default();
        let result = results.iter().find(|r| r.decision.id == application.id);
        let (tally, granted, outcome, rank) = match result {
            Some(r) => (
                r.tally,
                euros(r.decision.granted.cents()),
                r.decision.outcome.as_str().to_string(),
                r.decision.rank.map(|r| r.to_string()).unwrap_or_default(),
            ),
            None => (
                tx.tally(application.id).await?,
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            application.id,
            field(&application.title),
            field(&initiative),
            euros(application.amount.cents()),
            euros(application.voted_amount().cents()),
            application.state.as_str(),
            tally.yes,
            tally.no,
            tally.abstain,
            tally.points,
            tally.voters,
            granted,
            outcome,
            rank
        );
    }
    let applications_file = format!("runde-{round}-antraege.csv");
    std::fs::write(&applications_file, csv)?;
    println!("{applications_file}");
    if found.settings.secret {
        println!("Geheime Abstimmung: keine Liste der Abstimmenden / secret ballot: no voter list");
    } else {
        // Each voter's votes once, then in the order of the applications.
        let mut rows = Vec::new();
        for (token, member) in tx.voters(id).await? {
            let name = match member {
                Some(m) => tx.member(m).await?.map(|m| m.display_name),
                None => None,
            }
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "(vergessen / forgotten)".into());
            for (application, choice) in tx.votes_of(id, &token).await? {
                rows.push((application, name.clone(), choice));
            }
        }
        rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut csv = String::from("application,voter,choice\n");
        for (application, name, choice) in rows {
            let _ = writeln!(csv, "{application},{},{}", field(&name), choice.as_str());
        }
        let voters_file = format!("runde-{round}-stimmen.csv");
        std::fs::write(&voters_file, csv)?;
        println!("{voters_file}");
    }
    drop(tx);
    store.close().await;
    Ok(true)
}
