//! Quick polls through the engine, on both databases: one choice per person, changeable,
//! by button, command or reaction; the live message follows; bad input changes nothing.

use std::collections::HashMap;

use allianz_core::message::{Incoming, IncomingKind};
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    a_poll_counts_one_choice_per_person_and_follows_changes,
    bad_poll_input_gets_an_answer_and_changes_nothing,
    reactions_on_the_poll_message_are_choices,
);

fn press(bot: &Bot, who: &str, data: &str) -> Incoming {
    let mut incoming = bot.group_text(who, "");
    incoming.kind = IncomingKind::ButtonPressed {
        message_id: "poll-message".into(),
        data: data.into(),
    };
    incoming
}

async fn pressed(bot: &Bot, who: &str, data: &str) -> (String, Vec<Reply>) {
    let handled = bot.handle(&press(bot, who, data)).await;
    let notice = handled.notice().unwrap_or_default();
    (notice, bot.deliver_all().await)
}

/// The live poll message among the replies (the latest version).
fn live(replies: &[Reply]) -> &Reply {
    replies
        .iter()
        .rev()
        .find(|r| r.live_key.is_some())
        .expect("the poll's message is updated")
}

/// The counts as recounted from the audit log: each member's last choice.
async fn recount(db: &TestDb, poll: &str) -> HashMap<u64, usize> {
    let mut last: HashMap<i64, Option<u64>> = HashMap::new();
    for (actor, details) in db.audit_details("poll.choose", poll).await {
        let details: serde_json::Value = serde_json::from_str(&details).unwrap();
        last.insert(actor.unwrap(), details["choice"].as_u64());
    }
    let mut counts = HashMap::new();
    for choice in last.values().flatten() {
        *counts.entry(*choice).or_default() += 1;
    }
    counts
}

async fn a_poll_counts_one_choice_per_person_and_follows_changes(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    bot.make_member("dora").await;
    bot.handle(&bot.group_text(
        "lokal",
        "/umfrage Wann treffen wir uns? | Dienstag | Mittwoch",
    ))
    .await;
    let posted = bot.deliver_all().await;
    let message = live(&posted);
    assert!(
        message.text.contains("Umfrage 1: Wann treffen wir uns?"),
        "{}",
        message.text
    );
    assert!(
        message.reply_to.is_some(),
        "posted as a reply to the command"
    );
    let data: Vec<&str> = message
        .buttons
        .iter()
        .flatten()
        .map(|b| b.data.as_str())
        .collect();
    assert_eq!(data, ["umfrage:1:1", "umfrage:1:2"]);
    assert_eq!(message.buttons[0][0].label, "Dienstag (0)");

    // By button: only the presser hears back; the poll's message is updated.
    let (notice, replies) = pressed(&bot, "clara", "umfrage:1:1").await;
    assert!(notice.contains("Gezählt: „Dienstag“"), "{notice}");
    assert_eq!(replies.len(), 1, "{replies:#?}");
    assert!(live(&replies).text.contains("1️⃣ Dienstag – 1"));
    assert_eq!(live(&replies).live_key, message.live_key);

    // By command, from a private chat: the answer is private, the group's message updated.
    let replies = bot.say("dora", "/umfrage 1 2").await;
    assert!(
        replies
            .iter()
            .any(|r| r.text.contains("Gezählt: „Mittwoch“"))
    );
    assert!(live(&replies).text.contains("2️⃣ Mittwoch – 1"));

    // Clara changes her mind; pressing the same answer again changes nothing.
    let (notice, replies) = pressed(&bot, "clara", "umfrage:1:2").await;
    assert!(notice.contains("Geändert: jetzt „Mittwoch“"), "{notice}");
    let text = &live(&replies).text;
    assert!(
        text.contains("Dienstag – 0") && text.contains("Mittwoch – 2"),
        "{text}"
    );
    assert!(text.contains("2 Stimmen"), "{text}");
    let (notice, replies) = pressed(&bot, "clara", "umfrage:1:2").await;
    assert!(notice.contains("schon „Mittwoch“"), "{notice}");
    assert!(replies.is_empty());

    // One person, one voice: Clara's second messenger is the same member.
    let code = Bot::link_code_in(&bot.ask("clara", "/verknuepfen").await);
    bot.say("telegram:555", &format!("/verknuepfen {code}"))
        .await;
    // (The poll lives in the console group: from Telegram she answers by command.)
    let replies = bot.say("telegram:555", "/umfrage 1 1").await;
    let said = replies.iter().find(|r| r.live_key.is_none()).unwrap();
    assert!(said.text.contains("Geändert"), "{}", said.text);
    let text = &live(&replies).text;
    assert!(
        text.contains("Dienstag – 1") && text.contains("Mittwoch – 1"),
        "{text}"
    );
    assert!(text.contains("2 Stimmen"), "{text}");

    // The counts equal a recount from the audit log.
    let recounted = recount(db, "1").await;
    assert_eq!(recounted, HashMap::from([(1, 1), (2, 1)]));

    // Closing shows the result and takes the buttons away; later presses change nothing.
    let replies = bot.say("lokal", "/umfrage 1 beenden").await;
    let final_message = live(&replies);
    assert!(final_message.buttons.is_empty());
    assert!(final_message.text.contains("(beendet)"));
    assert!(
        replies
            .iter()
            .any(|r| r.text.contains("Gleichstand: Dienstag, Mittwoch")),
        "{replies:#?}"
    );
    let before = db.fingerprint().await;
    let (notice, replies) = pressed(&bot, "dora", "umfrage:1:1").await;
    assert!(notice.contains("beendet"), "{notice}");
    assert!(replies.is_empty());
    assert_eq!(db.fingerprint().await, before);
}

async fn bad_poll_input_gets_an_answer_and_changes_nothing(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let refused = |who: &'static str, text: &'static str, expect: &'static str| {
        let bot = &bot;
        async move {
            let before = db.fingerprint().await;
            let answer = bot.ask(who, text).await;
            assert!(answer.contains(expect), "{text} → {answer}");
            assert_eq!(db.fingerprint().await, before, "{text} changed data");
            answer
        }
    };
    let answer = refused(
        "lokal",
        "/umfrage Wann? | Dienstag",
        "mindestens 2 Antworten",
    )
    .await;
    assert!(answer.contains("Beispiel:"), "{answer}");
    refused("lokal", "/umfrage", "Beispiel:").await;
    refused("lokal", "/umfrage Wann? | Ja | ja", "steht zweimal da").await;
    refused("lokal", "/umfrage 99", "Umfrage 99 gibt es nicht").await;
    // A question without answers is told what a poll needs.
    refused("lokal", "/umfrage Grillen?", "mindestens 2 Antworten").await;
    refused(
        "lokal",
        "/umfrage Sollen wir grillen?",
        "mindestens 2 Antworten",
    )
    .await;
    refused("lokal", "/umfrage 1 x", "„x“ ist keine Nummer").await;
    refused("bert", "/umfrage Wann? | A | B", "Mitglied").await;

    bot.ask("clara", "/umfrage Pizza? | Ja | Nein").await;
    refused("lokal", "/umfrage 1 3", "Antworten 1 bis 2").await;
    // A non-member's press and an unknown button are answered, and change nothing.
    let before = db.fingerprint().await;
    let (notice, _) = pressed(&bot, "bert", "umfrage:1:1").await;
    assert!(notice.contains("nur Mitglieder"), "{notice}");
    let (notice, _) = pressed(&bot, "clara", "etwas:anderes").await;
    assert!(notice.contains("nicht mehr aktiv"), "{notice}");
    let (notice, _) = pressed(&bot, "clara", "umfrage:7:1").await;
    assert!(notice.contains("nicht mehr aktiv"), "{notice}");
    assert_eq!(db.fingerprint().await, before);

    // Only the one who asked (or an organiser) closes a poll.
    bot.make_member("dora").await;
    refused("dora", "/umfrage 1 beenden", "Beenden dürfen nur").await;
    let closed = bot.say("clara", "/umfrage 1 beenden").await;
    assert!(
        closed.iter().any(|r| r.text.contains("Keine Stimmen")),
        "{closed:#?}"
    );
    refused("clara", "/umfrage 1 beenden", "ist beendet").await;
    refused("clara", "/umfrage 1 1", "ist beendet").await;
}

async fn reactions_on_the_poll_message_are_choices(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    bot.handle(&bot.group_text("lokal", "/umfrage Farbe? | Rot | Grün | Blau"))
        .await;
    let message_id = live(&bot.deliver_all().await).message_id.clone();
    let react = |who: &str, key: &str, added: bool| {
        let mut incoming = bot.group_text(who, "");
        incoming.kind = if added {
            IncomingKind::ReactionAdded {
                message_id: message_id.clone(),
                key: key.into(),
                reaction_id: None,
            }
        } else {
            IncomingKind::ReactionRemoved {
                reaction_id: None,
                message_id: Some(message_id.clone()),
                key: Some(key.into()),
            }
        };
        incoming
    };
    bot.handle(&react("clara", "3️⃣", true)).await;
    let replies = bot.deliver_all().await;
    assert!(live(&replies).text.contains("3️⃣ Blau – 1"), "{replies:#?}");
    // A reaction that is no answer, or from a non-member, counts nothing.
    bot.handle(&react("clara", "👍", true)).await;
    bot.handle(&react("bert", "1️⃣", true)).await;
    assert!(bot.deliver_all().await.is_empty());
    // Taking the reaction back takes the choice back.
    bot.handle(&react("clara", "3️⃣", false)).await;
    let replies = bot.deliver_all().await;
    assert!(live(&replies).text.contains("3️⃣ Blau – 0"), "{replies:#?}");
    assert_eq!(recount(db, "1").await, HashMap::new());
}
