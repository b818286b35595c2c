//! Guided forms: `/initiative neu` and `/termin neu` without arguments ask field by field.
//! Its state is stored per account and chat, so it survives restarts.

use serde::{Deserialize, Serialize};

use super::help::field_problem;
use super::turn::{Failure, Step, Turn};
use super::{events, initiatives};
use crate::domain::{InitiativeDraft, InitiativeField};
use crate::i18n::tr;
use crate::message::RichText;
use crate::t;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
enum FormState {
    Initiative { values: Vec<String> },
    Event { values: Vec<String> },
}

/// The questions of the event form, by localisation key; the last two may be skipped.
const EVENT_STEPS: [&str; 4] = ["when", "title", "place", "description"];

fn question(turn: &Turn<'_>, step: usize) -> RichText {
    let field = InitiativeField::ALL[step];
    let lang = turn.lang;
    let mut text = RichText::plain(format!("({}/{}) ", step + 1, InitiativeField::ALL.len()))
        .text(tr(lang, &format!("form-ask-{}", field.key()), &[]));
    if field.optional() {
        text = text.line(t!(lang, "form-optional"));
    }
    text.line(t!(lang, "form-cancel-hint"))
}

pub async fn start_initiative_form(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    save(turn, Some(FormState::Initiative { values: Vec::new() })).await?;
    let text = RichText::plain(t!(turn.lang, "form-intro"))
        .text("\n")
        .append(question(turn, 0));
    turn.reply(text);
    Ok(())
}

fn event_question(turn: &Turn<'_>, step: usize) -> RichText {
    let lang = turn.lang;
    let mut text = RichText::plain(format!("({}/{}) ", step + 1, EVENT_STEPS.len())).text(tr(
        lang,
        &format!("form-event-ask-{}", EVENT_STEPS[step]),
        &[],
    ));
    if step >= 2 {
        text = text.line(t!(lang, "form-optional"));
    }
    text.line(t!(lang, "form-cancel-hint"))
}

pub async fn start_event_form(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    if !turn.config.events.members_may_create && !turn.has_role(crate::domain::Role::Organiser) {
        return Err(turn.refuse("event-create-denied"));
    }
    save(turn, Some(FormState::Event { values: Vec::new() })).await?;
    let text = RichText::plain(t!(turn.lang, "form-event-intro"))
        .text("\n")
        .append(event_question(turn, 0));
    turn.reply(text);
    Ok(())
}

/// One answer to the event form: checked at once, so a wrong date is asked again.
async fn continue_event_form(turn: &mut Turn<'_>, mut values: Vec<String>, text: &str) -> Step {
    let step = values.len();
    let answer = crate::domain::text::tidy(text);
    let lang = turn.lang;
    let problem = match EVENT_STEPS[step] {
        "when" => crate::domain::parse_schedule(&answer, turn.now, turn.config.timezone)
            .err()
            .map(|p| match events::when_refusal(lang, &p, "event-new") {
                Failure::Refused(text) => text,
                Failure::Store(_) => RichText::default(),
            }),
        "title" if answer.is_empty() || answer == "-" => {
            Some(RichText::plain(t!(lang, "event-problem-title")))
        }
        _ => None,
    };
    if let Some(problem) = problem {
        let retry = problem.text("\n").append(event_question(turn, step));
        turn.reply(retry);
        return Ok(());
    }
    values.push(if answer == "-" { String::new() } else { answer });
    if values.len() < EVENT_STEPS.len() {
        save(turn, Some(FormState::Event { values })).await?;
        let next = event_question(turn, step + 1);
        turn.reply(next);
        return Ok(());
    }
    save(turn, None).await?;
    let draft = crate::domain::EventDraft::parse(&values)
        .map_err(|e| Failure::Refused(RichText::plain(events::draft_problem(turn.lang, &e))))?;
    events::create(turn, draft).await
}

async fn save(turn: &mut Turn<'_>, state: Option<FormState>) -> Step {
    let sender = turn.sender().clone();
    let key = turn.chat_key();
    let value = state.map(|s| serde_json::to_value(s).unwrap_or_default());
    turn.tx
        .set_conversation(&sender, &key, value.as_ref(), turn.now)
        .await?;
    Ok(())
}

async fn load(turn: &mut Turn<'_>) -> Step<Option<FormState>> {
    let sender = turn.sender().clone();
    let key = turn.chat_key();
    let state = turn.tx.conversation(&sender, &key).await?;
    Ok(state.and_then(|s| serde_json::from_value(s).ok()))
}

/// Plain text from someone in the middle of a form is their answer; otherwise chat is left
/// alone (in a private chat the bot points to `/hilfe`).
pub async fn continue_form(turn: &mut Turn<'_>, text: &str) -> Step {
    let mut values = match load(turn).await? {
        Some(FormState::Initiative { values }) => values,
        Some(FormState::Event { values }) => return continue_event_form(turn, values, text).await,
        None => {
            if turn.incoming.chat.is_private {
                turn.reply(RichText::plain(t!(turn.lang, "private-hint")));
            }
            return Ok(());
        }
    };
    let step = values.len();
    let field = InitiativeField::ALL[step];
    if let Err(e) = InitiativeDraft::check_field(field, text) {
        // The form stays where it is; the answer says what was wrong and asks again.
        let lang = turn.lang;
        let retry = RichText::plain(field_problem(lang, field, &e))
            .text("\n")
            .append(question(turn, step));
        turn.reply(retry);
        return Ok(());
    }
    if field == InitiativeField::Name && turn.tx.initiative_by_name(text).await?.is_some() {
        let lang = turn.lang;
        let retry = RichText::plain(t!(lang, "initiative-name-taken", name = text.trim()))
            .text("\n")
            .append(question(turn, step));
        turn.reply(retry);
        return Ok(());
    }
    values.push(text.to_string());
    if values.len() < InitiativeField::ALL.len() {
        save(turn, Some(FormState::Initiative { values })).await?;
        let next = question(turn, step + 1);
        turn.reply(next);
        return Ok(());
    }
    save(turn, None).await?;
    let draft = InitiativeDraft::from_values(&values).map_err(|(field, e)| {
        Failure::Refused(RichText::plain(field_problem(turn.lang, field, &e)))
    })?;
    initiatives::register(turn, draft).await
}

pub async fn cancel(turn: &mut Turn<'_>) -> Step {
    let key = if load(turn).await?.is_some() {
        save(turn, None).await?;
        "form-cancelled"
    } else {
        "form-nothing-to-cancel"
    };
    turn.reply(RichText::plain(tr(turn.lang, key, &[])));
    Ok(())
}
