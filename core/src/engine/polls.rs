//! Quick polls: asked in a chat, answered by button (Telegram), by reaction 1️⃣ 2️⃣ … (Matrix)
//! or by command (everywhere). One choice per member, changeable until closed. The poll's
//! message in its chat is a live message: its counts are edited in place.

use super::turn::{Step, Turn};
use crate::domain::keys::{ButtonData, LiveKey};
use crate::domain::poll::{self, Poll, PollDraft, PollId};
use crate::domain::{Audience, Lang, Role, Visibility};
use crate::message::{Button, Outgoing, RichText, Target};
use crate::t;

fn count_of(counts: &[(u32, i64)], number: u32) -> i64 {
    counts
        .iter()
        .find(|(n, _)| *n == number)
        .map(|(_, c)| *c)
        .unwrap_or(0)
}

fn numbered(poll: &Poll) -> impl Iterator<Item = (u32, &String)> {
    (1u32..).zip(poll.options.iter())
}

/// The poll as its chat shows it: question, counts, and (while open) one button per answer.
fn render(poll: &Poll, counts: &[(u32, i64)]) -> (RichText, Vec<Vec<Button>>) {
    let lang = poll.lang;
    let id = poll.id.0;
    let title = if poll.is_open() {
        t!(lang, "poll-title", id = id, question = &poll.question)
    } else {
        t!(
            lang,
            "poll-title-closed",
            id = id,
            question = &poll.question
        )
    };
    let mut text = RichText::default().bold(title);
    for (number, option) in numbered(poll) {
        let marker = poll::reaction_key(number).unwrap_or_else(|| format!("{number}."));
        text = text.text(format!(
            "\n{marker} {option} – {}",
            count_of(counts, number)
        ));
    }
    let total: i64 = counts.iter().map(|(_, c)| c).sum();
    text = text.line(t!(lang, "poll-total", count = total));
    if poll.is_open() {
        text = text.text(" · ").text(t!(lang, "poll-how", id = id));
    } else {
        text = text.line(result_line(lang, poll, counts));
    }
    let buttons = if poll.is_open() {
        numbered(poll)
            .map(|(number, option)| {
                vec![Button {
                    label: format!("{option} ({})", count_of(counts, number)),
                    data: ButtonData::Poll {
                        poll: poll.id,
                        number,
                    }
                    .to_string(),
                }]
            })
            .collect()
    } else {
        Vec::new()
    };
    (text, buttons)
}

fn result_line(lang: Lang, poll: &Poll, counts: &[(u32, i64)]) -> String {
    let best = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
    if best == 0 {
        return t!(lang, "poll-result-none");
    }
    let winners: Vec<&str> = numbered(poll)
        .filter(|(n, _)| count_of(counts, *n) == best)
        .map(|(_, o)| o.as_str())
        .collect();
    if let [one] = winners.as_slice() {
        t!(lang, "poll-result", answer = *one)
    } else {
        t!(lang, "poll-result-tie", answers = &winners.join(", "))
    }
}

/// Queues the poll's message with the current counts: posted the first time, edited after.
async fn refresh(turn: &mut Turn<'_>, poll: &Poll, reply_to: Option<String>) -> Step {
    let counts = turn.tx.poll_counts(poll.id).await?;
    let (body, buttons) = render(poll, &counts);
    let mut message = Outgoing::new(
        Target::Chat {
            chat: poll.chat.clone(),
        },
        body,
    );
    message.buttons = buttons;
    message.reply_to = reply_to;
    message.sensitivity = poll.visibility.sensitivity();
    message.live_key = Some(LiveKey::Poll(poll.id).to_string());
    turn.outgoing.push(message);
    Ok(())
}

pub async fn create(turn: &mut Turn<'_>, draft: PollDraft) -> Step {
    let member = turn.active_member()?;
    let per_hour = turn.config.limits.polls_per_hour;
    super::limits::at_most(
        turn,
        "poll.create",
        per_hour,
        chrono::Duration::hours(1),
        "poll-limit",
    )
    .await?;
    let chat = turn.incoming.chat.clone();
    // A poll asked in a confidential channel stays there; any other is for members.
    let visibility = if turn.place().await?.is_confidential() {
        Visibility::Confidential
    } else {
        Visibility::Members
    };
    let id = turn
        .tx
        .insert_poll(
            &chat,
            &draft,
            turn.lang,
            visibility,
            Some(member.id),
            turn.now,
        )
        .await?;
    turn.audit(
        "poll.create",
        Some(id.to_string()),
        // The number of answers, not their words: the log goes into people's data exports.
        serde_json::json!({ "options": draft.options.len() }),
    )
    .await?;
    let poll = found(turn, id).await?;
    let reply_to = Some(turn.incoming.event_id.clone());
    refresh(turn, &poll, reply_to).await
}

/// The poll with this number, if the sender may see it here (else, as for an unknown
/// number, it does not exist).
async fn found(turn: &mut Turn<'_>, id: PollId) -> Step<Poll> {
    match visible(turn, id).await? {
        Some(poll) => Ok(poll),
        None => Err(super::turn::Failure::Refused(RichText::plain(t!(
            turn.lang,
            "poll-not-found",
            id = id.0
        )))),
    }
}

/// The poll, if it exists and the sender may see it here. It lives in the chat it was
/// asked in.
async fn visible(turn: &mut Turn<'_>, id: PollId) -> Step<Option<Poll>> {
    let Some(poll) = turn.tx.poll(id).await? else {
        return Ok(None);
    };
    let chats = [(poll.chat.platform, poll.chat.id.clone())];
    let seen = turn
        .sees(Audience {
            visibility: poll.visibility,
            chats: &chats,
        })
        .await?;
    Ok(seen.then_some(poll))
}

pub async fn show(turn: &mut Turn<'_>, id: PollId) -> Step {
    let poll = found(turn, id).await?;
    let counts = turn.tx.poll_counts(id).await?;
    let (body, _) = render(&poll, &counts);
    turn.reply(body);
    Ok(())
}

/// Why a choice cannot be counted, as a message key with its arguments filled in.
fn refusal(turn: &Turn<'_>, poll: &Poll, number: u32) -> Option<String> {
    let lang = turn.lang;
    if !turn.member.as_ref().is_some_and(|m| m.is_active()) {
        return Some(t!(lang, "poll-members-only"));
    }
    if !poll.is_open() {
        return Some(t!(lang, "poll-closed", id = poll.id.0));
    }
    if poll.option(number).is_none() {
        return Some(t!(
            lang,
            "poll-no-answer",
            id = poll.id.0,
            max = poll.options.len()
        ));
    }
    None
}

/// Counts a member's choice and refreshes the poll's message; returns the confirmation.
async fn count(turn: &mut Turn<'_>, poll: &Poll, number: u32) -> Step<String> {
    let Some(member) = turn.member.clone() else {
        return Ok(String::new());
    };
    let answer = poll.option(number).unwrap_or_default().to_string();
    let previous = turn.tx.choose(poll.id, member.id, number, turn.now).await?;
    let lang = turn.lang;
    if previous == Some(number) {
        return Ok(t!(lang, "poll-unchanged", answer = &answer));
    }
    turn.audit(
        "poll.choose",
        Some(poll.id.to_string()),
        serde_json::json!({ "choice": number, "previous": previous }),
    )
    .await?;
    refresh(turn, poll, None).await?;
    Ok(match previous {
        None => t!(lang, "poll-chosen", answer = &answer, id = poll.id.0),
        Some(_) => t!(lang, "poll-changed", answer = &answer, id = poll.id.0),
    })
}

pub async fn choose(turn: &mut Turn<'_>, id: PollId, number: u32) -> Step {
    let poll = found(turn, id).await?;
    if let Some(why) = refusal(turn, &poll, number) {
        return Err(super::turn::Failure::Refused(RichText::plain(why)));
    }
    let confirmation = count(turn, &poll, number).await?;
    turn.reply(RichText::plain(confirmation));
    Ok(())
}

/// A button press answers only the person who pressed (a toast), never the whole group.
pub async fn button(turn: &mut Turn<'_>, id: PollId, number: u32) -> Step {
    let lang = turn.lang;
    // Said before looking at the poll: the same answer for every button, so it tells a
    // stranger nothing about polls they may not see.
    if !turn.member.as_ref().is_some_and(|m| m.is_active()) {
        turn.notice = Some(t!(lang, "poll-members-only"));
        return Ok(());
    }
    let Some(poll) = visible(turn, id).await? else {
        turn.notice = Some(t!(lang, "button-inactive"));
        return Ok(());
    };
    turn.notice = Some(match refusal(turn, &poll, number) {
        Some(why) => why,
        None => count(turn, &poll, number).await?,
    });
    Ok(())
}

/// A reaction 1️⃣ 2️⃣ … on a poll's message (named by its stored live key `slot`) counts as
/// that answer (members only, silently).
pub async fn reaction_added(turn: &mut Turn<'_>, id: PollId, key: &str) -> Step {
    let Some(number) = poll::number_of_reaction(key) else {
        return Ok(());
    };
    let Some(poll) = visible(turn, id).await? else {
        return Ok(());
    };
    if refusal(turn, &poll, number).is_none() {
        count(turn, &poll, number).await?;
    }
    Ok(())
}

/// Taking the reaction back takes the choice back, if it is still that answer.
pub async fn reaction_removed(turn: &mut Turn<'_>, id: PollId, key: &str) -> Step {
    let Some(number) = poll::number_of_reaction(key) else {
        return Ok(());
    };
    let (Some(poll), Some(member)) = (visible(turn, id).await?, turn.member.clone()) else {
        return Ok(());
    };
    if !poll.is_open() || !turn.tx.withdraw_choice(poll.id, member.id, number).await? {
        return Ok(());
    }
    turn.audit(
        "poll.choose",
        Some(poll.id.to_string()),
        serde_json::json!({ "choice": null, "previous": number }),
    )
    .await?;
    refresh(turn, &poll, None).await
}

pub async fn close(turn: &mut Turn<'_>, id: PollId) -> Step {
    let member = turn.active_member()?;
    let poll = found(turn, id).await?;
    if poll.created_by != Some(member.id) && !turn.has_role(Role::Organiser) {
        return Err(turn.refuse("poll-close-denied"));
    }
    if !turn.tx.close_poll(id, turn.now).await? {
        return Err(super::turn::Failure::Refused(RichText::plain(t!(
            turn.lang,
            "poll-closed",
            id = id.0
        ))));
    }
    let counts = turn.tx.poll_counts(id).await?;
    turn.audit(
        "poll.close",
        Some(id.to_string()),
        serde_json::json!({ "counts": counts }),
    )
    .await?;
    let poll = found(turn, id).await?;
    refresh(turn, &poll, None).await?;
    let lang = turn.lang;
    turn.reply(RichText::plain(format!(
        "{} {}",
        t!(lang, "poll-closed-done", id = id.0),
        result_line(lang, &poll, &counts)
    )));
    Ok(())
}
