//! Following an event: `/abonnieren 5` and the person is reminded privately of every date of
//! series 5 (as if registered for each), until it ends or they say `/abbestellen 5`.

use super::lookup::found;
use crate::domain::EventId;
use crate::engine::turn::{Failure, Step, Turn};
use crate::message::RichText;
use crate::t;

pub async fn subscribe(turn: &mut Turn<'_>, id: EventId, on: bool) -> Step {
    let member = turn.active_member()?;
    let event = found(turn, id).await?;
    let lang = turn.lang;
    let changed = if on {
        let contact = turn.sender().clone();
        turn.tx.subscribe(id, member.id, &contact, turn.now).await?
    } else {
        turn.tx.unsubscribe(id, member.id).await?
    };
    let key = match (on, changed) {
        (true, true) => "event-subscribed",
        (true, false) => "event-subscribed-already",
        (false, true) => "event-unsubscribed",
        (false, false) => {
            return Err(Failure::Refused(RichText::plain(t!(
                lang,
                "event-not-subscribed",
                id = id.0
            ))));
        }
    };
    if changed {
        turn.audit(
            if on {
                "event.subscribe"
            } else {
                "event.unsubscribe"
            },
            Some(id.to_string()),
            serde_json::json!({}),
        )
        .await?;
    }
    turn.reply(RichText::plain(t!(
        lang,
        key,
        id = id.0,
        title = event.title.as_str()
    )));
    Ok(())
}
