//! Moderated question rounds (a live chat with the mayor, office hours): organisers open a
//! round in a chat (`/fragerunde start …`), members ask from any messenger or privately
//! (`/frage [anonym] …`), 👍 on a question's card or `/frage F3 +` upvotes it – one person
//! once, across messengers –, moderators take the queue by votes (`/fragen`) and answer or
//! decline; the end posts a digest, kept with the event's date for its record.

use super::events::{found, pick_occurrence};
use super::turn::{Failure, Step, Turn};
use crate::command::QuestionAction;
use crate::domain::question::{Question, QuestionRound, QuestionState};
use crate::domain::{EventId, Lang, Role, Visibility};
use crate::message::{Outgoing, RichText, Target};
use crate::t;

/// The live key of a question's card.
fn card_key(id: i64) -> String {
    format!("frage:{id}")
}

/// Who asked, as others see it: the name, or "anonym" (moderators in a private chat see
/// both).
async fn asker(turn: &mut Turn<'_>, question: &Question, lang: Lang, reveal: bool) -> Step<String> {
    let name = match turn.tx.member(question.member).await? {
        Some(m) if m.is_active() => m.display_name,
        _ => "–".to_string(),
    };
    Ok(match (question.anonymous, reveal) {
        (false, _) => name,
        (true, false) => t!(lang, "question-anonymous"),
        (true, true) => format!("{} ({name})", t!(lang, "question-anonymous")),
    })
}

fn card(lang: Lang, question: &Question, asker: &str) -> RichText {
    let mut text = RichText::default()
        .bold(t!(
            lang,
            "question-card-title",
            id = question.id,
            asker = asker
        ))
        .line(question.body.clone());
    match (question.state, &question.reply) {
        (QuestionState::Open, _) => {
            text = text.line(t!(
                lang,
                "question-card-votes",
                id = question.id,
                votes = question.votes
            ));
        }
        (QuestionState::Answered, reply) => {
            text = text.line(format!("✅ {}", t!(lang, "question-answered")));
            if let Some(reply) = reply {
                text = text.text(format!(": {reply}"));
            }
        }
        (QuestionState::Declined, reply) => {
            text = text.line(format!(
                "🚫 {}: {}",
                t!(lang, "question-declined"),
                reply.as_deref().unwrap_or("")
            ));
        }
    }
    text
}

fn sensitivity_of(round: &QuestionRound) -> Visibility {
    if round.confidential {
        Visibility::Confidential
    } else {
        Visibility::Members
    }
}

/// Whether this chat may see a round: a confidential round only in its own room.
fn reaches(turn: &Turn<'_>, round: &QuestionRound) -> bool {
    !round.confidential || turn.incoming.chat.is(&round.chat)
}

/// Posts or edits the question's card in the round's chat.
async fn show_card(turn: &mut Turn<'_>, round: &QuestionRound, question: &Question) -> Step {
    let lang = round.lang;
    let who = asker(turn, question, lang, false).await?;
    let mut message = Outgoing::new(
        Target::Chat {
            chat: round.chat.clone(),
        },
        card(lang, question, &who),
    );
    message.live_key = Some(card_key(question.id));
    message.sensitivity = sensitivity_of(round).sensitivity();
    if turn.incoming.chat.is(&round.chat) {
        message.reply_to = Some(turn.incoming.event_id.clone());
    }
    turn.outgoing.push(message);
    Ok(())
}

/// Edits every card of a question to its new state.
async fn refresh(turn: &mut Turn<'_>, round: &QuestionRound, question: &Question) -> Step {
    let lang = round.lang;
    let who = asker(turn, question, lang, false).await?;
    let prefix = format!("{}@", card_key(question.id));
    for old in turn.tx.live_messages(&prefix).await? {
        let mut message = Outgoing::new(old.target.clone(), card(lang, question, &who));
        message.live_key = Some(card_key(question.id));
        message.sensitivity = sensitivity_of(round).sensitivity();
        turn.outgoing.push(message);
    }
    Ok(())
}

/// `/fragerunde start Titel [| TERMIN [datum]]`.
pub async fn start(
    turn: &mut Turn<'_>,
    title: String,
    event: Option<EventId>,
    date: Option<&str>,
) -> Step {
    let member = turn.active_member()?;
    let lang = turn.lang;
    let chat = turn.incoming.chat.clone();
    if chat.is_private {
        return Err(turn.refuse("question-round-in-group"));
    }
    if let Some(open) = turn
        .tx
        .open_rounds()
        .await?
        .into_iter()
        .find(|r| r.chat.is(&chat))
    {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "question-round-running",
            title = open.title.as_str()
        ))));
    }
    let confidential = turn.place().await?.is_confidential();
    let event = match event {
        Some(id) => {
            let event = found(turn, id).await?;
            let occurrence = pick_occurrence(turn, &event, date).await?;
            Some((event.id, occurrence.key))
        }
        None => None,
    };
    let mut round = QuestionRound {
        id: 0,
        title,
        chat,
        confidential,
        lang,
        event,
        opened_by: Some(member.id),
        opened_at: turn.now,
        closed_at: None,
        digest: None,
    };
    round.id = turn.tx.insert_question_round(&round).await?;
    turn.audit(
        "questions.open",
        Some(round.id.to_string()),
        serde_json::json!({ "event": event.map(|(e, d)| format!("{}:{d}", e.0)) }),
    )
    .await?;
    if confidential {
        turn.showing(Visibility::Confidential);
    }
    turn.reply(
        RichText::default()
            .bold(t!(
                lang,
                "question-round-opened",
                title = round.title.as_str()
            ))
            .line(t!(lang, "question-round-how")),
    );
    Ok(())
}

/// The round a question goes to from here: the one in this chat, else the newest this chat
/// may reach.
async fn current_round(turn: &mut Turn<'_>) -> Step<QuestionRound> {
    let rounds = turn.tx.open_rounds().await?;
    let here = rounds.iter().position(|r| r.chat.is(&turn.incoming.chat));
    let round = match here {
        Some(i) => Some(rounds[i].clone()),
        None => rounds.into_iter().find(|r| reaches(turn, r)),
    };
    round.ok_or_else(|| turn.refuse("question-no-round"))
}

/// `/frage [anonym] Text`.
pub async fn ask(turn: &mut Turn<'_>, body: String, anonymous: bool) -> Step {
    let member = turn.active_member()?;
    let round = current_round(turn).await?;
    // What is typed in a confidential room stays there: not carried to a round elsewhere.
    let here = turn.incoming.chat.is(&round.chat);
    if !here && turn.place().await?.is_confidential() {
        return Err(turn.refuse("question-from-confidential"));
    }
    let mut question = Question {
        id: 0,
        round: round.id,
        member: member.id,
        contact: turn.sender().clone(),
        body,
        anonymous,
        asked_at: turn.now,
        state: QuestionState::Open,
        reply: None,
        votes: 0,
    };
    question.id = turn.tx.insert_question(&question).await?;
    turn.audit(
        "questions.ask",
        Some(question.id.to_string()),
        serde_json::json!({ "round": round.id }),
    )
    .await?;
    if round.confidential {
        turn.showing(Visibility::Confidential);
    }
    show_card(turn, &round, &question).await?;
    if !here {
        let key = if anonymous {
            "question-submitted-anonymous"
        } else {
            "question-submitted"
        };
        turn.reply(RichText::plain(t!(
            turn.lang,
            key,
            id = question.id,
            title = round.title.as_str()
        )));
    }
    Ok(())
}

/// A question and its round, if this chat may see them.
async fn known(turn: &mut Turn<'_>, id: i64) -> Step<(Question, QuestionRound)> {
    let lang = turn.lang;
    let unknown = || Failure::Refused(RichText::plain(t!(lang, "question-unknown", id = id)));
    let question = turn.tx.question(id).await?.ok_or_else(unknown)?;
    let round = turn
        .tx
        .question_round(question.round)
        .await?
        .ok_or_else(unknown)?;
    if !reaches(turn, &round) {
        return Err(unknown());
    }
    if round.confidential {
        turn.showing(Visibility::Confidential);
    }
    Ok((question, round))
}

/// `/frage F3 …`.
pub async fn act(turn: &mut Turn<'_>, id: i64, action: QuestionAction) -> Step {
    turn.active_member()?;
    let (question, round) = known(turn, id).await?;
    let lang = turn.lang;
    match action {
        QuestionAction::Upvote(on) => {
            if !vote(turn, &question, &round, on).await? {
                let key = if on {
                    "question-vote-there"
                } else {
                    "question-vote-none"
                };
                return Err(Failure::Refused(RichText::plain(t!(lang, key, id = id))));
            }
            let key = if on {
                "question-vote-given"
            } else {
                "question-vote-taken"
            };
            turn.reply(RichText::plain(t!(lang, key, id = id)));
            Ok(())
        }
        QuestionAction::Answer(reply) => {
            decide(turn, question, &round, QuestionState::Answered, reply).await
        }
        QuestionAction::Decline(reason) => {
            decide(
                turn,
                question,
                &round,
                QuestionState::Declined,
                Some(reason),
            )
            .await
        }
    }
}

/// Gives or takes back the sender's upvote; `false` if nothing changed.
async fn vote(
    turn: &mut Turn<'_>,
    question: &Question,
    round: &QuestionRound,
    on: bool,
) -> Step<bool> {
    let member = turn.active_member()?;
    if round.closed_at.is_some() || question.state != QuestionState::Open {
        return Err(turn.refuse("question-closed"));
    }
    if !turn
        .tx
        .set_question_vote(question.id, member.id, on, turn.now)
        .await?
    {
        return Ok(false);
    }
    turn.audit(
        "questions.vote",
        Some(question.id.to_string()),
        serde_json::json!({ "up": on }),
    )
    .await?;
    if let Some(now) = turn.tx.question(question.id).await? {
        refresh(turn, round, &now).await?;
    }
    Ok(true)
}

async fn decide(
    turn: &mut Turn<'_>,
    mut question: Question,
    round: &QuestionRound,
    state: QuestionState,
    reply: Option<String>,
) -> Step {
    if !turn.has_role(Role::Organiser) {
        return Err(turn.refuse("question-moderators-only"));
    }
    if question.state != QuestionState::Open {
        return Err(turn.refuse("question-decided"));
    }
    turn.tx
        .decide_question(question.id, state, reply.as_deref(), turn.now)
        .await?;
    turn.audit(
        if state == QuestionState::Answered {
            "questions.answer"
        } else {
            "questions.decline"
        },
        Some(question.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    question.state = state;
    question.reply = reply.clone();
    refresh(turn, round, &question).await?;
    // The asker hears what became of it, in their language.
    if let Some(person) = turn.tx.member(question.member).await?
        && person.is_active()
    {
        let plang = person.lang;
        let key = if state == QuestionState::Answered {
            "question-answered-notice"
        } else {
            "question-declined-notice"
        };
        // A private chat is not the confidential room: there it only says where to look.
        let text = if round.confidential {
            t!(plang, "question-confidential-notice", id = question.id)
        } else {
            let mut text = t!(plang, key, id = question.id, title = round.title.as_str());
            if let Some(reply) = &reply {
                text.push_str(&format!("\n{reply}"));
            }
            text
        };
        turn.direct(&question.contact, |to| {
            Outgoing::new(to, RichText::plain(text))
        });
    }
    let key = if state == QuestionState::Answered {
        "question-answered-done"
    } else {
        "question-declined-done"
    };
    turn.reply(RichText::plain(t!(turn.lang, key, id = question.id)));
    Ok(())
}

/// 👍 on a question's card upvotes it; taking the reaction back takes the vote back. No
/// reply: the card's count is the answer.
pub async fn reaction(turn: &mut Turn<'_>, id: i64, key: &str, added: bool) -> Step {
    if !key.starts_with('👍') || turn.member.as_ref().is_none_or(|m| !m.is_active()) {
        return Ok(());
    }
    let Ok((question, round)) = known(turn, id).await else {
        return Ok(());
    };
    if round.closed_at.is_some() || question.state != QuestionState::Open {
        return Ok(());
    }
    vote(turn, &question, &round, added).await.map(|_| ())
}

/// `/fragen`: the open round's questions, the most upvoted first.
pub async fn queue(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    let round = current_round(turn).await?;
    if round.confidential {
        turn.showing(Visibility::Confidential);
    }
    let lang = turn.lang;
    let reveal = turn.has_role(Role::Organiser) && turn.incoming.chat.is_private;
    let questions = turn.tx.questions(round.id).await?;
    let mut text =
        RichText::default().bold(t!(lang, "questions-title", title = round.title.as_str()));
    let open: Vec<&Question> = questions
        .iter()
        .filter(|q| q.state == QuestionState::Open)
        .collect();
    if open.is_empty() {
        text = text.line(t!(lang, "questions-none"));
    }
    for question in open {
        let who = asker(turn, question, lang, reveal).await?;
        text = text.line(format!(
            "F{} · 👍 {} · {who}: {}",
            question.id, question.votes, question.body
        ));
    }
    let done = questions.len()
        - questions
            .iter()
            .filter(|q| q.state == QuestionState::Open)
            .count();
    if done > 0 {
        text = text.line(t!(lang, "questions-done", count = done));
    }
    if turn.has_role(Role::Organiser) {
        text = text.line(t!(lang, "questions-moderate"));
    }
    turn.reply(text);
    Ok(())
}

/// `/fragerunde`: the rounds going on.
pub async fn rounds(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    let rounds: Vec<QuestionRound> = turn
        .tx
        .open_rounds()
        .await?
        .into_iter()
        .filter(|r| reaches(turn, r))
        .collect();
    if rounds.is_empty() {
        turn.reply(RichText::plain(t!(lang, "question-rounds-none")));
        return Ok(());
    }
    let mut text = RichText::default().bold(t!(lang, "question-rounds-title"));
    for round in &rounds {
        let count = turn.tx.questions(round.id).await?.len();
        text = text.line(t!(
            lang,
            "question-rounds-line",
            id = round.id,
            title = round.title.as_str(),
            count = count
        ));
    }
    turn.reply(text);
    Ok(())
}

/// `/fragerunde ende [N]`: closes the round (the one in this chat, or number N) and posts
/// its digest there.
pub async fn end(turn: &mut Turn<'_>, number: Option<i64>) -> Step {
    turn.active_member()?;
    let lang = turn.lang;
    let round = match number {
        Some(n) => turn
            .tx
            .question_round(n)
            .await?
            .filter(|r| r.closed_at.is_none() && reaches(turn, r)),
        None => turn
            .tx
            .open_rounds()
            .await?
            .into_iter()
            .find(|r| r.chat.is(&turn.incoming.chat)),
    };
    let Some(round) = round else {
        return Err(turn.refuse("question-no-round-here"));
    };
    if round.confidential {
        turn.showing(Visibility::Confidential);
    }
    let questions = turn.tx.questions(round.id).await?;
    let digest = digest(&round, &questions);
    turn.tx.close_round(round.id, &digest, turn.now).await?;
    turn.audit(
        "questions.close",
        Some(round.id.to_string()),
        serde_json::json!({ "questions": questions.len() }),
    )
    .await?;
    let mut message = Outgoing::new(
        Target::Chat {
            chat: round.chat.clone(),
        },
        RichText::plain(&digest),
    );
    message.sensitivity = sensitivity_of(&round).sensitivity();
    turn.outgoing.push(message);
    let in_round = turn.incoming.chat.is(&round.chat);
    if !in_round {
        turn.reply(RichText::plain(t!(
            lang,
            "question-round-closed",
            title = round.title.as_str()
        )));
    }
    Ok(())
}

/// The round in short: counts, then each answered question with its answer, the declined
/// ones with the reason, the open ones. Anonymous askers stay anonymous; names are not in it.
fn digest(round: &QuestionRound, questions: &[Question]) -> String {
    let lang = round.lang;
    let count = |state| questions.iter().filter(|q| q.state == state).count();
    let mut text = t!(
        lang,
        "question-digest-title",
        title = round.title.as_str(),
        count = questions.len(),
        answered = count(QuestionState::Answered),
        declined = count(QuestionState::Declined),
        open = count(QuestionState::Open)
    );
    for state in [
        QuestionState::Answered,
        QuestionState::Declined,
        QuestionState::Open,
    ] {
        for question in questions.iter().filter(|q| q.state == state) {
            text.push_str(&format!(
                "\n\nF{} (👍 {}): {}",
                question.id, question.votes, question.body
            ));
            match (state, &question.reply) {
                (QuestionState::Answered, Some(reply)) => text.push_str(&format!("\n→ {reply}")),
                (QuestionState::Answered, None) => {
                    text.push_str(&format!("\n→ {}", t!(lang, "question-answered")));
                }
                (QuestionState::Declined, reply) => text.push_str(&format!(
                    "\n→ {}: {}",
                    t!(lang, "question-declined"),
                    reply.as_deref().unwrap_or("")
                )),
                (QuestionState::Open, _) => {
                    text.push_str(&format!("\n→ {}", t!(lang, "question-still-open")));
                }
            }
        }
    }
    text
}
