//! How rounds, applications, ballot cards and results look in a chat.

use crate::domain::budget::{Decision, Eligibility, Outcome, Tally, Threshold};
use crate::domain::keys::ButtonData;
use crate::domain::{
    Amount, Application, ApplicationState, BallotForm, BallotState, Choice, Lang, Round,
    RoundSettings,
};
use crate::message::{Button, RichText};
use crate::store::{Contribution, ResultRow};
use crate::t;

/// An amount the way the reader writes it.
pub fn money(lang: Lang, amount: Amount) -> String {
    match lang {
        Lang::De => amount.german(),
        Lang::En => amount.english(),
    }
}

/// The procedure in short lines: printed with the round and on every result.
pub fn settings_text(lang: Lang, round: &Round) -> String {
    let settings: &RoundSettings = &round.settings;
    let mut lines = Vec::new();
    lines.push(match settings.ballot {
        BallotForm::YesNo => t!(lang, "round-setting-yes-no"),
        BallotForm::Points(n) => t!(lang, "round-setting-points", points = n),
    });
    lines.push(match settings.eligibility {
        Eligibility::Members => t!(lang, "round-setting-eligible-members"),
        Eligibility::MeetingRegistered => t!(lang, "round-setting-eligible-registered"),
    });
    if let BallotForm::YesNo = settings.ballot {
        lines.push(match settings.threshold {
            Threshold::Majority => t!(lang, "round-setting-majority"),
            Threshold::Percent(p) => t!(lang, "round-setting-percent", percent = p),
        });
    }
    lines.push(match settings.quorum {
        None => t!(lang, "round-setting-no-quorum"),
        Some(q) => t!(lang, "round-setting-quorum", voters = q),
    });
    if let Some(max) = settings.max_per_application {
        lines.push(t!(
            lang,
            "round-setting-maximum",
            amount = &money(lang, max)
        ));
    }
    lines.push(if settings.partial_funding {
        t!(lang, "round-setting-partial-on")
    } else {
        t!(lang, "round-setting-partial-off")
    });
    lines.push(if settings.secret {
        t!(lang, "round-setting-secret")
    } else {
        t!(lang, "round-setting-open")
    });
    lines.push(match round.visibility {
        crate::domain::Visibility::Public => t!(lang, "round-setting-public"),
        crate::domain::Visibility::Members | crate::domain::Visibility::Confidential => {
            t!(lang, "round-setting-internal")
        }
    });
    lines
        .into_iter()
        .map(|l| format!("• {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The round with its pot, deadline, state and procedure.
pub fn round_card(
    lang: Lang,
    round: &Round,
    contributions: &[Contribution],
    applications: usize,
) -> RichText {
    let mut text = RichText::default().bold(t!(
        lang,
        "round-title",
        id = round.id.0,
        title = &round.title
    ));
    text = text.line(t!(
        lang,
        "round-state",
        state = &super::state_name(lang, round.state)
    ));
    text = text.line(t!(lang, "round-pot", pot = &money(lang, round.pot())));
    let donors: Vec<String> = contributions
        .iter()
        .filter(|c| c.public)
        .map(|c| format!("{} ({})", c.donor, money(lang, c.amount)))
        .collect();
    if !donors.is_empty() {
        text = text.line(t!(lang, "round-donors", donors = &donors.join(", ")));
    }
    text = text.line(t!(
        lang,
        "round-deadline",
        date = &round.deadline.format("%d.%m.%Y").to_string()
    ));
    if let Some(meeting) = round.meeting {
        text = text.line(t!(lang, "round-meeting", event = meeting.0));
    }
    text = text.line(t!(lang, "round-applications", count = applications));
    text.line(t!(lang, "round-procedure"))
        .line(settings_text(lang, round))
}

fn application_state_name(lang: Lang, state: ApplicationState) -> String {
    crate::i18n::tr(lang, &format!("application-state-{}", state.as_str()), &[])
}

/// One line of the agenda.
pub fn agenda_line(lang: Lang, application: &Application, initiative: &str) -> String {
    let amount = match application.reduced_to {
        Some(reduced) => format!(
            "{} ({})",
            money(lang, reduced),
            t!(
                lang,
                "application-asked",
                amount = &money(lang, application.amount)
            )
        ),
        None => money(lang, application.amount),
    };
    format!(
        "{} {} – {} – {} · {}",
        application.id,
        application.title,
        initiative,
        amount,
        application_state_name(lang, application.state)
    )
}

/// The full card of an application.
pub fn application_card(lang: Lang, application: &Application, initiative: &str) -> RichText {
    let mut text = RichText::default().bold(format!("{} {}", application.id, application.title));
    text = text.line(t!(lang, "application-initiative", name = initiative));
    text = text.line(t!(
        lang,
        "application-amount",
        amount = &money(lang, application.amount)
    ));
    if let Some(reduced) = application.reduced_to {
        text = text.line(t!(
            lang,
            "application-reduced",
            amount = &money(lang, reduced)
        ));
    }
    text = text.line(application.purpose.clone());
    text = text.line(t!(
        lang,
        "application-state",
        state = &application_state_name(lang, application.state)
    ));
    if let Some(reason) = &application.reason {
        text = text.line(t!(lang, "application-reason", reason = reason));
    }
    text
}

/// The ballot card the plenary votes on: the live count of voters, the counts unless the
/// ballot is secret, and (while open, not secret) one button per choice. `None` for the
/// tally: a private ballot, which is not kept up to date and shows no count.
pub fn ballot_card(
    round: &Round,
    application: &Application,
    initiative: &str,
    tally: Option<&Tally>,
) -> (RichText, Vec<Vec<Button>>) {
    let lang = round.lang;
    let mut text = RichText::default().bold(t!(
        lang,
        "ballot-title",
        id = &application.id.to_string(),
        title = &application.title
    ));
    text = text.line(format!(
        "{} · {}",
        initiative,
        money(lang, application.voted_amount())
    ));
    text = text.line(application.purpose.clone());
    if let Some(tally) = tally {
        text = text.line(t!(lang, "ballot-voters", count = tally.voters));
    }
    if let Some(tally) = tally.filter(|_| !round.settings.secret) {
        text = text.text(" · ").text(match round.settings.ballot {
            BallotForm::YesNo => {
                format!("👍 {} · 👎 {} · 🤷 {}", tally.yes, tally.no, tally.abstain)
            }
            BallotForm::Points(_) => t!(lang, "ballot-points", points = tally.points as i64),
        });
    }
    let id = application.id.to_string();
    let open = application.ballot == BallotState::Open;
    text = text.line(match (open, round.settings.secret, round.settings.ballot) {
        (false, _, _) => t!(lang, "ballot-closed"),
        (true, true, _) => t!(lang, "ballot-how-secret", id = &id),
        (true, false, BallotForm::YesNo) => t!(lang, "ballot-how", id = &id),
        (true, false, BallotForm::Points(n)) => t!(lang, "ballot-how-points", id = &id, points = n),
    });
    let buttons = if open && !round.settings.secret {
        vote_buttons(lang, application, round.settings.ballot)
    } else {
        Vec::new()
    };
    (text, buttons)
}

/// The buttons under a ballot: ja / nein / enthalten, or 1–5 points.
pub fn vote_buttons(lang: Lang, application: &Application, ballot: BallotForm) -> Vec<Vec<Button>> {
    let button = |label: String, choice: Choice| Button {
        label,
        data: ButtonData::Vote {
            application: application.id,
            choice,
        }
        .to_string(),
    };
    match ballot {
        BallotForm::YesNo => vec![vec![
            button(t!(lang, "ballot-button-yes"), Choice::Yes),
            button(t!(lang, "ballot-button-no"), Choice::No),
            button(t!(lang, "ballot-button-abstain"), Choice::Abstain),
        ]],
        BallotForm::Points(_) => vec![
            (1..=5)
                .map(|n| button(n.to_string(), Choice::Points(n)))
                .collect(),
        ],
    }
}

pub(crate) fn outcome_text(lang: Lang, decision: &Decision) -> String {
    let key = match decision.outcome {
        Outcome::Funded => "result-funded",
        Outcome::Partly => "result-partly",
        Outcome::NoQuorum => "result-no-quorum",
        Outcome::NotApproved => "result-not-approved",
        Outcome::PotExhausted => "result-pot-exhausted",
        Outcome::NoPoints => "result-no-points",
    };
    crate::i18n::tr(lang, key, &[])
}

/// The result table: one line per application (funded first), the sums, the procedure.
pub fn result_table(
    lang: Lang,
    round: &Round,
    applications: &[(Application, String)],
    rows: &[ResultRow],
    seal: Option<&str>,
) -> RichText {
    let mut text = RichText::default().bold(t!(
        lang,
        "result-title",
        id = round.id.0,
        title = &round.title
    ));
    let mut tie = false;
    for row in rows {
        let Some((application, initiative)) =
            applications.iter().find(|(a, _)| a.id == row.decision.id)
        else {
            continue;
        };
        let votes = match round.settings.ballot {
            BallotForm::YesNo => format!(
                "👍 {} 👎 {} 🤷 {}",
                row.tally.yes, row.tally.no, row.tally.abstain
            ),
            BallotForm::Points(_) => t!(lang, "ballot-points", points = row.tally.points as i64),
        };
        let rank = row
            .decision
            .rank
            .map(|r| format!("{r}. "))
            .unwrap_or_default();
        text = text.line(format!(
            "{rank}{} {} ({}) – {} – {} / {} – {}",
            application.id,
            application.title,
            initiative,
            votes,
            money(lang, row.decision.granted),
            money(lang, application.voted_amount()),
            outcome_text(lang, &row.decision)
        ));
        if row.decision.tie_broken_by_time {
            text = text.text(" *");
            tie = true;
        }
    }
    let granted: i64 = rows.iter().map(|r| r.decision.granted.cents()).sum();
    text = text.line(t!(
        lang,
        "result-sum",
        granted = &money(lang, Amount::from_cents(granted)),
        pot = &money(lang, round.pot()),
        left = &money(lang, Amount::from_cents(round.pot().cents() - granted))
    ));
    if tie {
        text = text.line(t!(lang, "result-tie"));
    }
    text = text
        .line(t!(lang, "round-procedure"))
        .line(settings_text(lang, round))
        .line(t!(lang, "result-check", id = round.id.0));
    // The seal as announced: a recount of a changed log shows a different one.
    if let Some(seal) = seal {
        text = text.line(t!(lang, "result-seal", seal = seal));
    }
    text
}
