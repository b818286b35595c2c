//! Moderated question rounds: questions from the group, from private chats and anonymously;
//! upvotes by 👍 and by command, one person once across messengers; moderators answer and
//! decline in order of votes; the digest at the end, also in the record of the event's date;
//! a confidential round stays in its room.

use allianz_core::message::{ChatRef, Incoming, IncomingKind};
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    a_round_takes_questions_from_everywhere_and_moderators_decide_them,
    a_rounds_digest_goes_into_the_record_of_its_event,
    a_confidential_round_stays_in_its_room,
);

fn in_group(bot: &Bot, who: &str, chat: &str, text: &str) -> Incoming {
    let mut incoming = bot.group_text(who, text);
    incoming.chat = ChatRef {
        id: chat.into(),
        encrypted: chat == "geheim",
        ..incoming.chat
    };
    incoming
}

fn question_card(replies: &[Reply], id: u32) -> &Reply {
    let key = format!("frage:{id}");
    replies
        .iter()
        .rev()
        .find(|r| r.live_key.as_deref() == Some(key.as_str()))
        .unwrap_or_else(|| panic!("card of F{id}: {replies:#?}"))
}

fn private_to<'a>(replies: &'a [Reply], who: &str) -> Vec<&'a Reply> {
    let identity = format!("console:{who}");
    replies
        .iter()
        .filter(|r| r.private_to.as_deref() == Some(identity.as_str()))
        .collect()
}

async fn people(db: &TestDb) -> Bot {
    let bot = Bot::new(db).await;
    for name in ["mia", "ben", "olga"] {
        bot.make_member(name).await;
    }
    bot.say("lokal", "/rolle console:olga organisator").await;
    bot
}

async fn a_round_takes_questions_from_everywhere_and_moderators_decide_them(db: &TestDb) {
    let bot = people(db).await;
    let none = bot.ask("mia", "/frage Gibt es eine Runde?").await;
    assert!(none.contains("keine Fragerunde"), "{none}");
    let private = bot.ask("olga", "/fragerunde start Sprechstunde").await;
    assert!(private.contains("Gruppe"), "{private}");
    let denied = bot
        .say_in(&in_group(
            &bot,
            "mia",
            "gruppe",
            "/fragerunde start Meine Runde",
        ))
        .await;
    assert!(denied[0].text.contains("Organisator"), "{denied:#?}");

    let opened = bot
        .say_in(&in_group(
            &bot,
            "olga",
            "gruppe",
            "/fragerunde start Bürgermeister-Sprechstunde",
        ))
        .await;
    assert!(
        opened[0]
            .text
            .contains("Fragerunde „Bürgermeister-Sprechstunde“ ist offen"),
        "{opened:#?}"
    );
    // In the group: the card answers.
    let asked = bot
        .say_in(&in_group(
            &bot,
            "mia",
            "gruppe",
            "/frage Wann wird die Brücke am Bahnhof saniert?",
        ))
        .await;
    assert_eq!(asked.len(), 1, "{asked:#?}");
    let first = question_card(&asked, 1);
    assert_eq!(first.to, "gruppe");
    assert!(first.text.contains("Frage F1 (mia)"), "{first:#?}");
    // Privately and anonymously: the card in the group does not name him.
    let anonymous = bot
        .say("ben", "/frage anonym Warum ist der Bus so teuer?")
        .await;
    let card = question_card(&anonymous, 2);
    assert_eq!(card.to, "gruppe");
    assert!(
        card.text.contains("Frage F2 (anonym)") && !card.text.contains("ben"),
        "{card:#?}"
    );
    assert!(
        anonymous
            .iter()
            .any(|r| r.to == "chat-ben" && r.text.contains("F2") && r.text.contains("anonym")),
        "{anonymous:#?}"
    );

    // Upvotes: 👍 on the card, and by command; one person once, on any messenger.
    let react = |who: &str, message: &str| {
        let mut incoming = in_group(&bot, who, "gruppe", "");
        incoming.kind = IncomingKind::ReactionAdded {
            message_id: message.to_string(),
            key: "👍".into(),
            reaction_id: None,
        };
        incoming
    };
    let voted = bot.say_in(&react("mia", &card.message_id)).await;
    assert!(question_card(&voted, 2).text.contains("👍 1"), "{voted:#?}");
    let code = Bot::link_code_in(&bot.ask("mia", "/verknuepfen").await);
    bot.say("telegram:77", &format!("/verknuepfen {code}"))
        .await;
    let again = bot.ask("telegram:77", "/frage F2 +").await;
    assert!(again.contains("schon"), "{again}");
    bot.say("olga", "/frage F2 +").await;

    // The queue by votes: anonymous for everyone – but the moderators in private.
    let queue = bot
        .say_in(&in_group(&bot, "mia", "gruppe", "/fragen"))
        .await;
    let queue = &queue[0].text;
    let (two, one) = (
        queue.find("F2 · 👍 2").unwrap(),
        queue.find("F1 · 👍 0").unwrap(),
    );
    assert!(two < one, "{queue}");
    assert!(!queue.contains("ben"), "{queue}");
    let moderators = bot.ask("olga", "/fragen").await;
    assert!(moderators.contains("anonym (ben)"), "{moderators}");

    // Only moderators decide; a wrong number is answered; nothing changes.
    let before = db.fingerprint().await;
    let not_yours = bot.ask("mia", "/frage F1 beantwortet Bald.").await;
    assert!(not_yours.contains("Moderation"), "{not_yours}");
    let unknown = bot.ask("olga", "/frage F9 beantwortet Bald.").await;
    assert!(unknown.contains("F9"), "{unknown}");
    let no_reason = bot.ask("olga", "/frage F1 ablehnen").await;
    assert!(no_reason.contains("/frage F3 ablehnen"), "{no_reason}");
    assert_eq!(db.fingerprint().await, before);

    let answered = bot
        .say(
            "olga",
            "/frage F2 beantwortet Der Kreis prüft ein günstigeres Monatsticket.",
        )
        .await;
    assert!(
        question_card(&answered, 2)
            .text
            .contains("✅ beantwortet: Der Kreis prüft"),
        "{answered:#?}"
    );
    let told = private_to(&answered, "ben");
    assert!(
        told.iter()
            .any(|r| r.text.contains("F2") && r.text.contains("Monatsticket")),
        "{answered:#?}"
    );
    let declined = bot
        .say("olga", "/frage F1 ablehnen Das gehört in den Bauausschuss.")
        .await;
    assert!(
        private_to(&declined, "mia")
            .iter()
            .any(|r| r.text.contains("abgelehnt") && r.text.contains("Bauausschuss")),
        "{declined:#?}"
    );
    let late = bot.ask("ben", "/frage F1 +").await;
    assert!(late.contains("entschieden"), "{late}");

    let ended = bot
        .say_in(&in_group(&bot, "olga", "gruppe", "/fragerunde ende"))
        .await;
    let digest = &ended
        .iter()
        .find(|r| r.text.contains("📋"))
        .expect("the digest")
        .text;
    assert!(
        digest.contains("2 Fragen, 1 beantwortet, 1 abgelehnt, 0 offen"),
        "{digest}"
    );
    assert!(digest.contains("Monatsticket") && digest.contains("Bauausschuss"));
    assert!(
        !digest.contains("ben") && !digest.contains("mia"),
        "{digest}"
    );
    let over = bot.ask("mia", "/frage Noch eine?").await;
    assert!(over.contains("keine Fragerunde"), "{over}");
}

async fn a_rounds_digest_goes_into_the_record_of_its_event(db: &TestDb) {
    let bot = people(db).await;
    bot.say_in(&in_group(
        &bot,
        "olga",
        "gruppe",
        "/termin neu in 3 Tagen 18 Uhr | Sprechstunde im Rathaus",
    ))
    .await;
    bot.say_in(&in_group(
        &bot,
        "olga",
        "gruppe",
        "/fragerunde start Fragen an den Bürgermeister | Termin 1",
    ))
    .await;
    bot.say("mia", "/frage Kommt der Radweg?").await;
    bot.say("olga", "/frage F1 beantwortet Ja, im Frühjahr.")
        .await;
    bot.say_in(&in_group(&bot, "olga", "gruppe", "/fragerunde ende"))
        .await;
    let record = bot.say("mia", "/protokoll 1").await;
    let md = &record[0].attachment.as_ref().expect("the record").content;
    assert!(
        md.contains("## Fragerunde: Fragen an den Bürgermeister"),
        "{md}"
    );
    assert!(md.contains("Kommt der Radweg?\n→ Ja, im Frühjahr."), "{md}");
}

async fn a_confidential_round_stays_in_its_room(db: &TestDb) {
    let bot = people(db).await;
    bot.say_in(&in_group(&bot, "lokal", "gruppe", "/kanal verbinden"))
        .await;
    bot.say_in(&in_group(
        &bot,
        "lokal",
        "geheim",
        "/kanal verbinden vertraulich",
    ))
    .await;
    let opened = bot
        .say_in(&in_group(
            &bot,
            "olga",
            "geheim",
            "/fragerunde start Haushalt intern",
        ))
        .await;
    assert!(opened[0].text.contains("Haushalt intern"), "{opened:#?}");
    // Not reachable from elsewhere, and nothing of it shows there.
    for (where_, line) in [
        (None, "/frage Von außen?"),
        (Some("gruppe"), "/frage Aus der Gruppe?"),
        (Some("gruppe"), "/fragen"),
        (Some("gruppe"), "/fragerunde"),
    ] {
        let replies = match where_ {
            None => bot.say("mia", line).await,
            Some(chat) => bot.say_in(&in_group(&bot, "mia", chat, line)).await,
        };
        assert!(
            replies.iter().all(|r| !r.text.contains("Haushalt")),
            "{line}: {replies:#?}"
        );
    }
    let asked = bot
        .say_in(&in_group(
            &bot,
            "mia",
            "geheim",
            "/frage Wie hoch ist die Rücklage?",
        ))
        .await;
    let card = question_card(&asked, 1);
    assert_eq!(card.to, "geheim");
    // The answer's notice says only where to look.
    let answered = bot
        .say_in(&in_group(
            &bot,
            "olga",
            "geheim",
            "/frage F1 beantwortet 120.000 Euro.",
        ))
        .await;
    let notice = private_to(&answered, "mia");
    assert_eq!(notice.len(), 1, "{answered:#?}");
    assert!(!notice[0].text.contains("120.000"), "{answered:#?}");
    // And nothing typed in the confidential room goes to a round elsewhere.
    bot.say_in(&in_group(&bot, "olga", "geheim", "/fragerunde ende"))
        .await;
    bot.say_in(&in_group(
        &bot,
        "olga",
        "gruppe",
        "/fragerunde start Offene Runde",
    ))
    .await;
    let before = db.fingerprint().await;
    let kept = bot
        .say_in(&in_group(
            &bot,
            "mia",
            "geheim",
            "/frage Was kostet die Sanierung intern?",
        ))
        .await;
    assert_eq!(kept.len(), 1, "{kept:#?}");
    assert_eq!(kept[0].to, "geheim");
    assert!(kept[0].text.contains("vertraulichen Kanal"), "{kept:#?}");
    assert_eq!(db.fingerprint().await, before);
    let outside = bot.ask("mia", "/frage F1 +").await;
    assert!(
        outside.contains("F1") && !outside.contains("Rücklage"),
        "{outside}"
    );
    assert!(bot.refused().is_empty(), "{:?}", bot.refused());
}
