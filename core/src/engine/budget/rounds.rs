//! `/runde`: opening a round, its pot, its procedure, closing applications, publishing.

use super::cards::{money, result_table, round_card, settings_text};
use super::{found_round, round_chats, state_name, tell_member};
use crate::command::{RoundAction, RoundDraft, RoundSetting};
use crate::domain::budget::{Outcome, RoundSettings};
use crate::domain::when::date_of;
use crate::domain::{Application, Role, Round, RoundId, RoundState, Visibility};
use crate::engine::turn::{Failure, Step, Turn};
use crate::message::{Outgoing, RichText, Target};
use crate::store::Contribution;
use crate::t;

fn organiser(turn: &Turn<'_>) -> Step {
    crate::engine::access::require(turn, Role::Organiser)
}

/// `/runde`: the rounds, newest first.
pub async fn list(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    let mut text = RichText::default().bold(t!(lang, "rounds-title"));
    let mut shown = 0;
    for round in turn.tx.rounds(10).await? {
        if super::visible_round(turn, round.id).await?.is_none() {
            continue;
        }
        text = text.line(t!(
            lang,
            "rounds-line",
            id = round.id.0,
            title = &round.title,
            pot = &money(lang, round.pot()),
            state = &state_name(lang, round.state)
        ));
        shown += 1;
    }
    if shown == 0 {
        text = text.line(t!(lang, "rounds-none"));
    }
    turn.reply(text);
    Ok(())
}

/// `/runde neu Titel | Betrag | Anträge bis <Datum> | Abstimmung: Termin N`
pub async fn create(turn: &mut Turn<'_>, draft: RoundDraft) -> Step {
    organiser(turn)?;
    let lang = turn.lang;
    let today = turn.now.with_timezone(&turn.config.timezone).date_naive();
    let deadline = match date_of(&draft.deadline, today) {
        Some(Ok(day)) => day,
        _ => {
            return Err(Failure::Refused(super::super::help::usage_hint(
                lang,
                t!(lang, "problem-date", word = &draft.deadline),
                "round-new",
            )));
        }
    };
    if deadline < today {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "round-deadline-past",
            date = &deadline.format("%d.%m.%Y").to_string()
        ))));
    }
    if let Some(meeting) = draft.meeting {
        crate::engine::events::found(turn, meeting).await?;
    }
    if draft.pot.cents() <= 0 {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "round-pot-empty"
        ))));
    }
    let round = Round {
        id: RoundId(0),
        title: draft.title,
        base: draft.pot,
        contributions: crate::domain::Amount::from_cents(0),
        deadline,
        meeting: draft.meeting,
        state: RoundState::Open,
        settings: turn.config.budget,
        // The alliance's own money: who applies, what is funded and why is public.
        visibility: Visibility::Public,
        lang,
        created_by: turn.member.as_ref().map(|m| m.id),
        created_at: turn.now,
        counted_at: None,
    };
    let id = turn.tx.insert_round(&round).await?;
    turn.audit(
        "budget.round_open",
        Some(id.to_string()),
        serde_json::json!({ "pot": round.base.cents(), "deadline": deadline.to_string() }),
    )
    .await?;
    let round = Round { id, ..round };
    // The scheduler closes applications when the deadline day ends.
    turn.schedule_changed = true;
    let card = round_card(lang, &round, &[], 0).line(t!(lang, "round-opened-how", id = id.0));
    announce(turn, card).await
}

/// Posts a message about a round in every chat of the round (this one included).
async fn announce(turn: &mut Turn<'_>, body: RichText) -> Step {
    for chat in round_chats(turn).await? {
        turn.outgoing
            .push(Outgoing::new(Target::Chat { chat }, body.clone()));
    }
    Ok(())
}

pub async fn act(turn: &mut Turn<'_>, id: RoundId, action: RoundAction) -> Step {
    match action {
        RoundAction::Show => show(turn, id).await,
        RoundAction::Contribution {
            amount,
            donor,
            public,
        } => contribute(turn, id, amount, donor, public).await,
        RoundAction::CloseApplications => close_applications(turn, id).await,
        RoundAction::Setting(setting) => set(turn, id, setting).await,
        RoundAction::Publish => publish(turn, id).await,
    }
}

async fn show(turn: &mut Turn<'_>, id: RoundId) -> Step {
    let round = found_round(turn, id).await?;
    let contributions = turn.tx.contributions(id).await?;
    let applications = turn.tx.applications(id).await?;
    let card = round_card(turn.lang, &round, &contributions, applications.len());
    turn.reply(card);
    Ok(())
}

/// The round, if an organiser may change it in its present state.
async fn managed(turn: &mut Turn<'_>, id: RoundId, before: RoundState) -> Step<Round> {
    organiser(turn)?;
    let round = found_round(turn, id).await?;
    if round.state >= before {
        return Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "round-too-late",
            id = id.0,
            state = &state_name(turn.lang, round.state)
        ))));
    }
    Ok(round)
}

async fn contribute(
    turn: &mut Turn<'_>,
    id: RoundId,
    amount: crate::domain::Amount,
    donor: String,
    public: bool,
) -> Step {
    // The pot is fixed once the votes are counted: a recount must find the same pot.
    let round = managed(turn, id, RoundState::Counted).await?;
    if amount.cents() <= 0 {
        return Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "round-pot-empty"
        ))));
    }
    let contribution = Contribution {
        amount,
        donor,
        public,
        at: turn.now,
    };
    let by = turn.member.as_ref().map(|m| m.id);
    turn.tx.add_contribution(id, &contribution, by).await?;
    turn.audit(
        "budget.contribution",
        Some(id.to_string()),
        serde_json::json!({ "amount": amount.cents(), "public": public }),
    )
    .await?;
    let lang = turn.lang;
    let pot = crate::domain::Amount::from_cents(round.pot().cents() + amount.cents());
    turn.reply(RichText::plain(t!(
        lang,
        "round-contribution-done",
        amount = &money(lang, amount),
        pot = &money(lang, pot),
        id = id.0
    )));
    Ok(())
}

async fn close_applications(turn: &mut Turn<'_>, id: RoundId) -> Step {
    let mut round = managed(turn, id, RoundState::Closed).await?;
    round.state = RoundState::Closed;
    turn.tx.update_round(&round).await?;
    turn.audit(
        "budget.applications_closed",
        Some(id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    let count = turn.tx.applications(id).await?.len();
    let text = t!(
        round.lang,
        "round-applications-closed",
        id = id.0,
        title = &round.title,
        count = count
    );
    announce(turn, RichText::plain(text)).await
}

async fn set(turn: &mut Turn<'_>, id: RoundId, setting: RoundSetting) -> Step {
    // The procedure is fixed once the plenary votes.
    let mut round = managed(turn, id, RoundState::Voting).await?;
    let settings: &mut RoundSettings = &mut round.settings;
    let (name, value) = match setting {
        RoundSetting::Ballot(form) => {
            settings.ballot = form;
            ("ballot", serde_json::json!(form))
        }
        RoundSetting::Maximum(max) => {
            settings.max_per_application = max;
            ("maximum", serde_json::json!(max.map(|m| m.cents())))
        }
        RoundSetting::Eligibility(e) => {
            if e == crate::domain::budget::Eligibility::MeetingRegistered && round.meeting.is_none()
            {
                return Err(turn.refuse("round-needs-meeting"));
            }
            settings.eligibility = e;
            ("eligibility", serde_json::json!(e))
        }
        RoundSetting::Quorum(q) => {
            settings.quorum = q;
            ("quorum", serde_json::json!(q))
        }
        RoundSetting::Threshold(t) => {
            settings.threshold = t;
            ("threshold", serde_json::json!(t))
        }
        RoundSetting::PartialFunding(on) => {
            settings.partial_funding = on;
            ("partial_funding", serde_json::json!(on))
        }
        RoundSetting::Secret(on) => {
            settings.secret = on;
            ("secret", serde_json::json!(on))
        }
        RoundSetting::Visibility(visibility) => {
            round.visibility = visibility;
            ("visibility", serde_json::json!(visibility.as_str()))
        }
    };
    turn.tx.update_round(&round).await?;
    turn.audit(
        "budget.setting",
        Some(id.to_string()),
        serde_json::json!({ name: value }),
    )
    .await?;
    let lang = turn.lang;
    turn.reply(
        RichText::plain(t!(lang, "round-setting-done", id = id.0))
            .line(settings_text(lang, &round)),
    );
    Ok(())
}

/// The round's applications with their initiatives' names.
pub(super) async fn with_initiatives(
    turn: &mut Turn<'_>,
    applications: Vec<Application>,
) -> Step<Vec<(Application, String)>> {
    let mut out = Vec::new();
    for application in applications {
        let name = super::applications::initiative_name(&mut *turn.tx, &application).await?;
        out.push((application, name));
    }
    Ok(out)
}

async fn publish(turn: &mut Turn<'_>, id: RoundId) -> Step {
    organiser(turn)?;
    let mut round = found_round(turn, id).await?;
    let lang = turn.lang;
    if round.state != RoundState::Counted {
        return Err(Failure::Refused(RichText::plain(match round.state {
            RoundState::Published => t!(lang, "round-published-already", id = id.0),
            _ => t!(lang, "round-not-counted", id = id.0),
        })));
    }
    round.state = RoundState::Published;
    turn.tx.update_round(&round).await?;
    turn.audit(
        "budget.published",
        Some(id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    let rows = turn.tx.results(id).await?;
    let applications = turn.tx.applications(id).await?;
    let applications = with_initiatives(turn, applications).await?;
    let seal = turn.tx.log_seal(id).await?;
    let table = result_table(round.lang, &round, &applications, &rows, seal.as_deref());
    announce(turn, table).await?;
    // Each applicant hears what their application got, privately.
    for row in &rows {
        let Some((application, _)) = applications.iter().find(|(a, _)| a.id == row.decision.id)
        else {
            continue;
        };
        let Some(applicant) = application.applicant else {
            continue;
        };
        let (id_text, title) = (application.id.to_string(), application.title.clone());
        let granted = row.decision.granted;
        let outcome = row.decision.outcome;
        tell_member(turn, applicant, |lang| {
            let key = match outcome {
                Outcome::Funded | Outcome::Partly => "application-told-funded",
                _ => "application-told-not-funded",
            };
            RichText::plain(t!(
                lang,
                key,
                id = &id_text,
                title = &title,
                amount = &money(lang, granted)
            ))
        })
        .await?;
    }
    Ok(())
}
