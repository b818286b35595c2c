//! The Spendenparlament: rounds and their pot, grant applications, the plenary vote and
//! the allocation, one file per job.

mod applications;
mod cards;
mod deadlines;
pub mod forms;
pub mod ledger;
pub(super) mod refresher;
mod rounds;
mod voting;

pub use applications::{act as application, list as applications, submit};
pub(crate) use cards::outcome_text;
pub use deadlines::DeadlineRun;
pub use rounds::{act as round, create as new_round, list as rounds};
pub use voting::{button, hand_vote, reaction_added, reaction_removed, vote, voting};

use super::turn::{Failure, Step, Turn};
use crate::domain::{
    Application, ApplicationId, Audience, Lang, MemberId, Round, RoundId, RoundState,
};
use crate::message::{ChatRef, Outgoing, RichText};
use crate::store::{StoreError, StoreTx};
use crate::t;

/// A plain refusal with this text.
fn refused(text: String) -> Failure {
    Failure::Refused(RichText::plain(text))
}

/// The round with this number, if the sender may see it here (else it does not exist).
async fn found_round(turn: &mut Turn<'_>, id: RoundId) -> Step<Round> {
    match visible_round(turn, id).await? {
        Some(round) => Ok(round),
        None => Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "round-not-found",
            id = id.0
        )))),
    }
}

async fn visible_round(turn: &mut Turn<'_>, id: RoundId) -> Step<Option<Round>> {
    match turn.tx.round(id).await? {
        Some(round) => visible(turn, round).await,
        None => Ok(None),
    }
}

/// The round, if the sender may see it here.
async fn visible(turn: &mut Turn<'_>, round: Round) -> Step<Option<Round>> {
    // Everyone, everywhere sees a public round: no need to look at the chat.
    if round.visibility == crate::domain::Visibility::Public {
        return Ok(Some(round));
    }
    let seen = turn
        .sees(Audience {
            visibility: round.visibility,
            chats: &[],
        })
        .await?;
    Ok(seen.then_some(round))
}

/// The round a command without a number means: the newest one not yet published.
async fn current_round(turn: &mut Turn<'_>, id: Option<RoundId>) -> Step<Round> {
    if let Some(id) = id {
        return found_round(turn, id).await;
    }
    for round in turn.tx.rounds(20).await? {
        if round.state < RoundState::Published
            && let Some(round) = visible_round(turn, round.id).await?
        {
            return Ok(round);
        }
    }
    Err(turn.refuse("round-none"))
}

/// The application with this number and its round, if the sender may see them here.
async fn found_application(turn: &mut Turn<'_>, id: ApplicationId) -> Step<(Application, Round)> {
    let found = turn.tx.application_and_round(id).await?;
    seen_application(turn, id, found).await
}

/// An application and its round as found, if the sender may see them here (else it does
/// not exist).
async fn seen_application(
    turn: &mut Turn<'_>,
    id: ApplicationId,
    found: Option<(Application, Round)>,
) -> Step<(Application, Round)> {
    let not_found = |lang: Lang| {
        Failure::Refused(RichText::plain(t!(
            lang,
            "application-not-found",
            id = &id.to_string()
        )))
    };
    let Some((application, round)) = found else {
        return Err(not_found(turn.lang));
    };
    match visible(turn, round).await? {
        Some(round) => Ok((application, round)),
        None => Err(not_found(turn.lang)),
    }
}

/// The chats a round speaks in: every connected channel the bot can reach, and the chat
/// the command came from.
async fn round_chats(turn: &mut Turn<'_>) -> Step<Vec<ChatRef>> {
    let mut chats = channel_chats(&mut *turn.tx).await?;
    let here = &turn.incoming.chat;
    if !chats
        .iter()
        .any(|c| c.platform == here.platform && c.id == here.id)
    {
        chats.push(here.clone());
    }
    Ok(chats)
}

/// Every connected channel the bot can reach.
async fn channel_chats(tx: &mut dyn StoreTx) -> Result<Vec<ChatRef>, StoreError> {
    Ok(tx
        .channels()
        .await?
        .into_iter()
        .filter(|channel| channel.unreachable_since.is_none())
        .map(|channel| ChatRef {
            platform: channel.platform,
            id: channel.chat_id,
            is_private: false,
            encrypted: channel.confidential,
            title: Some(channel.title),
        })
        .collect())
}

/// A private message to a member on their first linked account, in their language.
async fn tell_member(
    turn: &mut Turn<'_>,
    member: MemberId,
    text: impl FnOnce(Lang) -> RichText,
) -> Step {
    let Some(person) = turn.tx.member(member).await? else {
        return Ok(());
    };
    if let Some(first) = turn.tx.identities(member).await?.into_iter().next() {
        let body = text(person.lang);
        turn.direct(&first.identity, |to| Outgoing::new(to, body));
    }
    Ok(())
}

/// The name of a state, as the round's cards show it.
fn state_name(lang: Lang, state: RoundState) -> String {
    crate::i18n::tr(lang, &format!("round-state-{}", state.as_str()), &[])
}
