//! Topics for the meetups: members suggest them and spread a few points over them (a dot
//! vote); `/themen` ranks them. A person's points are counted once, whichever messenger they
//! give them from (they belong to the member, not the account).

use std::collections::HashSet;

use super::turn::{Failure, Step, Turn};
use crate::domain::Lang;
use crate::domain::text::fold;
use crate::message::{Outgoing, RichText, Target};
use crate::store::Topic;
use crate::t;

/// The live key of a topic's card.
fn card_key(id: i64) -> String {
    format!("thema:{id}")
}

fn card(lang: Lang, topic: &Topic) -> RichText {
    RichText::default()
        .bold(t!(
            lang,
            "topic-card-title",
            id = topic.id,
            title = topic.title.as_str()
        ))
        .line(t!(
            lang,
            "topic-card-points",
            id = topic.id,
            points = topic.points
        ))
}

/// Two titles that say much the same: the same words for the most part, or one inside the
/// other.
fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    if a == b || (a.len().min(b.len()) >= 5 && (a.contains(&b) || b.contains(&a))) {
        return true;
    }
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(&a), words(&b));
    let shared = a.intersection(&b).count();
    let all = a.union(&b).count();
    all > 0 && shared * 10 >= all * 6
}

pub async fn suggest(turn: &mut Turn<'_>, title: String, force: bool) -> Step {
    let member = turn.active_member()?;
    let lang = turn.lang;
    if !force
        && let Some(existing) = turn
            .tx
            .topics()
            .await?
            .into_iter()
            .find(|t| similar(&t.title, &title))
    {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "topic-similar",
            id = existing.id,
            title = existing.title.as_str(),
            new = title.as_str()
        ))));
    }
    let id = turn.tx.insert_topic(&title, member.id, turn.now).await?;
    turn.audit("topic.new", Some(id.to_string()), serde_json::json!({}))
        .await?;
    let topic = Topic {
        id,
        title,
        proposed_by: Some(member.id),
        points: 0,
    };
    post_card(turn, &topic);
    Ok(())
}

/// The card in this chat, as a reply, kept up to date as points come and go.
fn post_card(turn: &mut Turn<'_>, topic: &Topic) {
    let mut message = Outgoing::new(
        Target::Chat {
            chat: turn.incoming.chat.clone(),
        },
        card(turn.lang, topic),
    );
    message.reply_to = Some(turn.incoming.event_id.clone());
    message.live_key = Some(card_key(topic.id));
    turn.outgoing.push(message);
}

pub async fn show(turn: &mut Turn<'_>, id: i64) -> Step {
    turn.active_member()?;
    let topic = known(turn, id).await?;
    post_card(turn, &topic);
    Ok(())
}

async fn known(turn: &mut Turn<'_>, id: i64) -> Step<Topic> {
    match turn.tx.topic(id).await? {
        Some(topic) => Ok(topic),
        None => Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "topic-unknown",
            id = id
        )))),
    }
}

pub async fn list(turn: &mut Turn<'_>) -> Step {
    let member = turn.active_member()?;
    let lang = turn.lang;
    let topics = turn.tx.topics().await?;
    if topics.is_empty() {
        turn.reply(RichText::plain(t!(lang, "topics-none")));
        return Ok(());
    }
    let mut text = RichText::default().bold(t!(lang, "topics-title"));
    for topic in &topics {
        text = text.line(t!(
            lang,
            "topics-line",
            id = topic.id,
            title = topic.title.as_str(),
            points = topic.points
        ));
    }
    let left = left(turn, member.id).await?;
    let budget = i64::from(turn.config.events.topic_points);
    turn.reply(text.line(t!(lang, "topics-points-left", left = left, budget = budget)));
    Ok(())
}

/// The points a member has not given yet.
async fn left(turn: &mut Turn<'_>, member: crate::domain::MemberId) -> Step<i64> {
    let given = turn.tx.points_given(member).await?;
    Ok((i64::from(turn.config.events.topic_points) - given).max(0))
}

/// `/thema T5 +` or `-`.
pub async fn point(turn: &mut Turn<'_>, id: i64, up: bool) -> Step {
    let lang = turn.lang;
    match change(turn, id, up).await? {
        Changed::Yes { left } => {
            let key = if up {
                "topic-point-given"
            } else {
                "topic-point-taken"
            };
            turn.reply(RichText::plain(t!(lang, key, id = id, left = left)));
            Ok(())
        }
        Changed::NoneLeft => Err(Failure::Refused(RichText::plain(t!(
            lang,
            "topic-no-points-left",
            budget = i64::from(turn.config.events.topic_points)
        )))),
        Changed::NoneHere => Err(Failure::Refused(RichText::plain(t!(
            lang,
            "topic-no-point-here",
            id = id
        )))),
    }
}

enum Changed {
    Yes { left: i64 },
    NoneLeft,
    NoneHere,
}

async fn change(turn: &mut Turn<'_>, id: i64, up: bool) -> Step<Changed> {
    let member = turn.active_member()?;
    known(turn, id).await?;
    let on = turn.tx.points_on(id, member.id).await?;
    let left = left(turn, member.id).await?;
    let on = match (up, left, on) {
        (true, 0, _) => return Ok(Changed::NoneLeft),
        (false, _, 0) => return Ok(Changed::NoneHere),
        (true, _, on) => on + 1,
        (false, _, on) => on - 1,
    };
    turn.tx.set_points(id, member.id, on, turn.now).await?;
    turn.audit(
        "topic.point",
        Some(id.to_string()),
        serde_json::json!({ "up": up }),
    )
    .await?;
    refresh(turn, id).await?;
    Ok(Changed::Yes {
        left: if up { left - 1 } else { left + 1 },
    })
}

/// Edits every card of the topic to its new points.
async fn refresh(turn: &mut Turn<'_>, id: i64) -> Step {
    let Some(topic) = turn.tx.topic(id).await? else {
        return Ok(());
    };
    let prefix = format!("{}@", card_key(id));
    for old in turn.tx.live_messages(&prefix).await? {
        let mut message = Outgoing::new(old.target.clone(), card(turn.lang, &topic));
        message.live_key = Some(card_key(id));
        turn.outgoing.push(message);
    }
    Ok(())
}

/// 👍 on a topic's card gives a point (if the person has one left); taking it back takes
/// it back. No reply: the card's count is the answer.
pub async fn reaction(turn: &mut Turn<'_>, id: i64, key: &str, added: bool) -> Step {
    if !key.starts_with('👍') || turn.member.as_ref().is_none_or(|m| !m.is_active()) {
        return Ok(());
    }
    change(turn, id, added).await.map(|_| ())
}
