//! `/antrag` and `/antraege`: applying for a grant, changing or withdrawing it until the
//! deadline, and the organisers admitting, rejecting, reducing and ordering the agenda.

use super::cards::{agenda_line, application_card, money};
use super::{current_round, found_application, refused, tell_member};
use crate::command::{ApplicationAction, ApplicationDraft, ApplicationField};
use crate::domain::budget::BallotState;
use crate::domain::{
    Amount, Application, ApplicationId, ApplicationState, Role, Round, RoundId, RoundState,
};
use crate::engine::turn::{Step, Turn};
use crate::message::RichText;
use crate::t;

/// Longest title and purpose: a card must fit a phone screen.
const TITLE_MAX: usize = 120;
const PURPOSE_MAX: usize = 1000;

/// The initiative's name as cards show it.
pub(super) async fn initiative_name(
    tx: &mut dyn crate::store::StoreTx,
    application: &Application,
) -> Result<String, crate::store::StoreError> {
    Ok(tx
        .initiative(application.initiative)
        .await?
        .map(|i| i.draft.name)
        .unwrap_or_else(|| "–".to_string()))
}

/// The names of the initiatives a member registered (offered when theirs is not found).
pub(super) async fn own_initiatives(
    turn: &mut Turn<'_>,
    member: crate::domain::MemberId,
) -> Step<Vec<String>> {
    Ok(turn
        .tx
        .initiatives_of(member)
        .await?
        .into_iter()
        .map(|i| i.draft.name)
        .collect())
}

/// Whether the round still takes applications (and changes to them) today.
fn taking_applications(turn: &Turn<'_>, round: &Round) -> bool {
    let today = turn.now.with_timezone(&turn.config.timezone).date_naive();
    round.state == RoundState::Open && today <= round.deadline
}

fn check_texts(turn: &Turn<'_>, title: &str, purpose: &str) -> Step {
    if title.chars().count() > TITLE_MAX {
        return Err(refused(t!(
            turn.lang,
            "application-title-long",
            max = TITLE_MAX
        )));
    }
    if purpose.chars().count() > PURPOSE_MAX {
        return Err(refused(t!(
            turn.lang,
            "application-purpose-long",
            max = PURPOSE_MAX
        )));
    }
    Ok(())
}

fn check_amount(turn: &Turn<'_>, round: &Round, amount: Amount) -> Step {
    let lang = turn.lang;
    if amount.cents() <= 0 {
        return Err(refused(t!(lang, "application-amount-zero")));
    }
    if let Some(max) = round.settings.max_per_application
        && amount > max
    {
        return Err(refused(t!(
            lang,
            "application-amount-max",
            amount = &money(lang, amount),
            max = &money(lang, max)
        )));
    }
    if amount > round.pot() {
        return Err(refused(t!(
            lang,
            "application-amount-pot",
            amount = &money(lang, amount),
            pot = &money(lang, round.pot())
        )));
    }
    Ok(())
}

/// `/antrag Titel | 450 € | Initiative | Wofür`: for the round taking applications now.
pub async fn submit(turn: &mut Turn<'_>, draft: ApplicationDraft) -> Step {
    let member = turn.active_member()?;
    let lang = turn.lang;
    let mut round = None;
    for candidate in turn.tx.rounds(20).await? {
        if taking_applications(turn, &candidate) {
            round = Some(candidate);
            break;
        }
    }
    let Some(round) = round else {
        return Err(turn.refuse("application-no-round"));
    };
    check_texts(turn, &draft.title, &draft.purpose)?;
    check_amount(turn, &round, draft.amount)?;
    // The initiative must be registered; a person's own are offered when it is not found.
    let Some(initiative) = turn.tx.initiative_by_name(&draft.initiative).await? else {
        let own = own_initiatives(turn, member.id).await?;
        let text = if own.is_empty() {
            t!(
                lang,
                "application-initiative-unknown",
                name = &draft.initiative
            )
        } else {
            t!(
                lang,
                "application-initiative-unknown-own",
                name = &draft.initiative,
                own = &own.join(", ")
            )
        };
        return Err(refused(text));
    };
    let application = Application {
        id: ApplicationId(0),
        round: round.id,
        title: draft.title,
        amount: draft.amount,
        reduced_to: None,
        initiative: initiative.id,
        purpose: draft.purpose,
        applicant: Some(member.id),
        state: ApplicationState::Submitted,
        reason: None,
        position: 0,
        ballot: BallotState::NotYet,
        submitted_at: turn.now,
    };
    let id = turn.tx.insert_application(&application).await?;
    turn.audit(
        "budget.apply",
        Some(id.to_string()),
        serde_json::json!({ "round": round.id.0, "amount": application.amount.cents() }),
    )
    .await?;
    turn.reply(RichText::plain(t!(
        lang,
        "application-submitted",
        id = &id.to_string(),
        title = &application.title,
        amount = &money(lang, application.amount),
        round = &round.title,
        date = &round.deadline.format("%d.%m.%Y").to_string()
    )));
    Ok(())
}

/// `/antraege [runde]`: the agenda with states.
pub async fn list(turn: &mut Turn<'_>, round: Option<RoundId>) -> Step {
    let round = current_round(turn, round).await?;
    let lang = turn.lang;
    let applications = turn.tx.applications(round.id).await?;
    let mut text = RichText::default().bold(t!(
        lang,
        "applications-title",
        id = round.id.0,
        title = &round.title
    ));
    let mut asked = 0;
    for application in &applications {
        let name = initiative_name(&mut *turn.tx, application).await?;
        text = text.line(agenda_line(lang, application, &name));
        if matches!(
            application.state,
            ApplicationState::Submitted | ApplicationState::Admitted
        ) {
            asked += application.voted_amount().cents();
        }
    }
    if applications.is_empty() {
        text = text.line(t!(lang, "applications-none"));
    } else {
        text = text.line(t!(
            lang,
            "applications-sum",
            asked = &money(lang, Amount::from_cents(asked)),
            pot = &money(lang, round.pot())
        ));
    }
    turn.reply(text);
    Ok(())
}

pub async fn act(turn: &mut Turn<'_>, id: ApplicationId, action: ApplicationAction) -> Step {
    let (application, round) = found_application(turn, id).await?;
    match action {
        ApplicationAction::Show => {
            let name = initiative_name(&mut *turn.tx, &application).await?;
            let card = application_card(turn.lang, &application, &name);
            turn.reply(card);
            Ok(())
        }
        ApplicationAction::Withdraw => withdraw(turn, application, &round).await,
        ApplicationAction::Edit(field, value) => {
            edit(turn, application, &round, field, value).await
        }
        ApplicationAction::Admit => decide(turn, application, &round, None).await,
        ApplicationAction::Reject(reason) => decide(turn, application, &round, Some(reason)).await,
        ApplicationAction::Reduce(amount) => reduce(turn, application, &round, amount).await,
        ApplicationAction::Position(place) => reorder(turn, application, &round, place).await,
    }
}

/// The applicant may change or withdraw their application until the deadline.
fn own_and_open(turn: &Turn<'_>, application: &Application, round: &Round) -> Step {
    let member = turn.active_member()?;
    if application.applicant != Some(member.id) {
        return Err(turn.refuse("application-not-yours"));
    }
    if !taking_applications(turn, round)
        || matches!(
            application.state,
            ApplicationState::Withdrawn | ApplicationState::Rejected
        )
    {
        return Err(refused(t!(
            turn.lang,
            "application-locked",
            id = &application.id.to_string()
        )));
    }
    Ok(())
}

async fn withdraw(turn: &mut Turn<'_>, mut application: Application, round: &Round) -> Step {
    own_and_open(turn, &application, round)?;
    application.state = ApplicationState::Withdrawn;
    turn.tx.update_application(&application).await?;
    turn.audit(
        "budget.withdraw",
        Some(application.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    turn.reply(RichText::plain(t!(
        turn.lang,
        "application-withdrawn",
        id = &application.id.to_string()
    )));
    Ok(())
}

async fn edit(
    turn: &mut Turn<'_>,
    mut application: Application,
    round: &Round,
    field: ApplicationField,
    value: String,
) -> Step {
    own_and_open(turn, &application, round)?;
    let name = match field {
        ApplicationField::Title => {
            check_texts(turn, &value, "")?;
            application.title = value;
            "title"
        }
        ApplicationField::Purpose => {
            check_texts(turn, "", &value)?;
            application.purpose = value;
            "purpose"
        }
        ApplicationField::Amount => {
            let amount = Amount::parse(&value)
                .map_err(|_| refused(t!(turn.lang, "problem-amount", word = &value)))?;
            check_amount(turn, round, amount)?;
            application.amount = amount;
            "amount"
        }
    };
    turn.tx.update_application(&application).await?;
    turn.audit(
        "budget.edit",
        Some(application.id.to_string()),
        serde_json::json!({ "field": name }),
    )
    .await?;
    let name = initiative_name(&mut *turn.tx, &application).await?;
    let card = application_card(turn.lang, &application, &name);
    turn.reply(
        RichText::plain(t!(turn.lang, "application-edited"))
            .line("")
            .append(card),
    );
    Ok(())
}

/// Organisers decide applications until the plenary votes.
fn organiser_before_voting(turn: &Turn<'_>, round: &Round) -> Step {
    crate::engine::access::require(turn, Role::Organiser)?;
    if round.state >= RoundState::Voting {
        return Err(refused(t!(
            turn.lang,
            "round-too-late",
            id = round.id.0,
            state = &super::state_name(turn.lang, round.state)
        )));
    }
    Ok(())
}

async fn decide(
    turn: &mut Turn<'_>,
    mut application: Application,
    round: &Round,
    reason: Option<String>,
) -> Step {
    organiser_before_voting(turn, round)?;
    if application.state == ApplicationState::Withdrawn {
        return Err(refused(t!(
            turn.lang,
            "application-withdrawn-already",
            id = &application.id.to_string()
        )));
    }
    let admitted = reason.is_none();
    application.state = if admitted {
        ApplicationState::Admitted
    } else {
        ApplicationState::Rejected
    };
    application.reason = reason.clone();
    turn.tx.update_application(&application).await?;
    turn.audit(
        if admitted {
            "budget.admit"
        } else {
            "budget.reject"
        },
        Some(application.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    let id = application.id.to_string();
    turn.reply(RichText::plain(if admitted {
        t!(turn.lang, "application-admitted", id = &id)
    } else {
        t!(turn.lang, "application-rejected", id = &id)
    }));
    if let Some(applicant) = application.applicant {
        let title = application.title.clone();
        tell_member(turn, applicant, |lang| {
            RichText::plain(match &reason {
                None => t!(lang, "application-told-admitted", id = &id, title = &title),
                Some(reason) => t!(
                    lang,
                    "application-told-rejected",
                    id = &id,
                    title = &title,
                    reason = reason
                ),
            })
        })
        .await?;
    }
    Ok(())
}

async fn reduce(
    turn: &mut Turn<'_>,
    mut application: Application,
    round: &Round,
    amount: Amount,
) -> Step {
    organiser_before_voting(turn, round)?;
    let lang = turn.lang;
    if amount.cents() <= 0 || amount > application.amount {
        return Err(refused(t!(
            lang,
            "application-reduce-bad",
            amount = &money(lang, application.amount)
        )));
    }
    application.reduced_to = (amount != application.amount).then_some(amount);
    turn.tx.update_application(&application).await?;
    turn.audit(
        "budget.reduce",
        Some(application.id.to_string()),
        serde_json::json!({ "amount": amount.cents() }),
    )
    .await?;
    let id = application.id.to_string();
    turn.reply(RichText::plain(t!(
        lang,
        "application-reduced-done",
        id = &id,
        amount = &money(lang, amount)
    )));
    if let Some(applicant) = application.applicant {
        let title = application.title.clone();
        tell_member(turn, applicant, |lang| {
            RichText::plain(t!(
                lang,
                "application-told-reduced",
                id = &id,
                title = &title,
                amount = &money(lang, amount)
            ))
        })
        .await?;
    }
    Ok(())
}

/// Moves an application to a place on the agenda; the others keep their order.
async fn reorder(turn: &mut Turn<'_>, application: Application, round: &Round, place: u32) -> Step {
    organiser_before_voting(turn, round)?;
    let mut agenda = turn.tx.applications(round.id).await?;
    agenda.retain(|a| a.id != application.id);
    let index = (place as usize - 1).min(agenda.len());
    agenda.insert(index, application.clone());
    for (i, mut item) in agenda.into_iter().enumerate() {
        let position = i as i64 + 1;
        if item.position != position {
            item.position = position;
            turn.tx.update_application(&item).await?;
        }
    }
    turn.audit(
        "budget.reorder",
        Some(application.id.to_string()),
        serde_json::json!({ "place": index + 1 }),
    )
    .await?;
    turn.reply(RichText::plain(t!(
        turn.lang,
        "application-moved",
        id = &application.id.to_string(),
        place = index + 1
    )));
    Ok(())
}
