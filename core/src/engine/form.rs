//! The guided registration form: `/initiative neu` without arguments asks field by field.
//! Its state is stored per account and chat, so it survives restarts.

use serde::{Deserialize, Serialize};

use super::help::field_problem;
use super::initiatives;
use super::turn::{Failure, Step, Turn};
use crate::domain::{InitiativeDraft, InitiativeField};
use crate::i18n::tr;
use crate::message::RichText;
use crate::t;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
enum FormState {
    Initiative { values: Vec<String> },
}

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
    let Some(FormState::Initiative { mut values }) = load(turn).await? else {
        if turn.incoming.chat.is_private {
            turn.reply(RichText::plain(t!(turn.lang, "private-hint")));
        }
        return Ok(());
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
