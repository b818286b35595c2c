//! Alliance channels and reactions, through the engine, on both databases.

use allianz_core::domain::Platform;
use allianz_core::message::{Incoming, IncomingKind};
use allianz_tests::{Bot, TestDb};

allianz_tests::on_both_backends!(
    organisers_connect_channels_and_confidential_needs_encryption,
    reactions_count_each_person_once_and_can_be_taken_back,
    a_reaction_belongs_to_the_message_in_its_own_chat,
    reactions_on_other_messages_and_other_peoples_redactions_change_nothing,
);

/// Handles one event and returns its single answer.
async fn answer(bot: &Bot, incoming: Incoming) -> String {
    bot.handle(&incoming).await;
    let replies = bot.deliver_all().await;
    assert_eq!(replies.len(), 1, "{replies:#?}");
    replies[0].text.clone()
}

async fn organisers_connect_channels_and_confidential_needs_encryption(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("bert").await;
    let say_in_group = |who: &str, text: &str, encrypted: bool| {
        let mut incoming = bot.group_text(who, text);
        incoming.chat.encrypted = encrypted;
        incoming.chat.title = Some("Bündnis-Orga".into());
        incoming
    };

    let before = db.fingerprint().await;
    let refused = answer(&bot, say_in_group("bert", "/kanal verbinden", false)).await;
    assert!(refused.contains("Organisator"), "{refused}");
    let refused = answer(
        &bot,
        say_in_group("lokal", "/kanal verbinden vertraulich", false),
    )
    .await;
    assert!(
        refused.contains("nicht Ende-zu-Ende verschlüsselt"),
        "{refused}"
    );
    let refused = answer(&bot, bot.text("lokal", "/kanal verbinden")).await;
    assert!(refused.contains("privater Chat"), "{refused}");
    // Asking about the private chat does not suggest connecting it.
    let private = answer(&bot, bot.text("lokal", "/kanal")).await;
    assert!(
        private.contains("in der Gruppe, die ein Kanal werden soll"),
        "{private}"
    );
    assert_eq!(db.fingerprint().await, before, "refusals change nothing");

    let connected = answer(&bot, say_in_group("lokal", "/kanal verbinden", false)).await;
    assert!(connected.contains("Verbunden!"), "{connected}");
    let status = answer(&bot, say_in_group("lokal", "/kanal", false)).await;
    assert!(status.contains("ist ein Kanal"), "{status}");
    // The same chat, now end-to-end encrypted, may become confidential.
    let confidential = answer(
        &bot,
        say_in_group("lokal", "/kanal verbinden vertraulich", true),
    )
    .await;
    assert!(
        confidential.contains("vertraulicher Kanal"),
        "{confidential}"
    );
    let list = bot.ask("lokal", "/kanaele").await;
    assert!(
        list.contains("• Bündnis-Orga (console) – vertraulich"),
        "{list}"
    );
    let gone = answer(&bot, say_in_group("lokal", "/kanal trennen", true)).await;
    assert!(gone.contains("Getrennt"), "{gone}");
    let again = answer(&bot, say_in_group("lokal", "/kanal trennen", true)).await;
    assert!(again.contains("kein Kanal"), "{again}");
}

async fn reactions_count_each_person_once_and_can_be_taken_back(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    // Reactions count on the bot's own live messages: a poll in the group.
    bot.handle(&bot.group_text("lokal", "/umfrage Grillen? | Ja | Nein"))
        .await;
    let poll = bot.deliver_all().await.remove(0).message_id;
    let react = |who: &str, key: &str, reaction_id: Option<&str>| {
        let mut incoming = bot.group_text(who, "");
        incoming.kind = IncomingKind::ReactionAdded {
            message_id: poll.clone(),
            key: key.into(),
            reaction_id: reaction_id.map(str::to_string),
        };
        incoming
    };
    let counts = || async {
        let mut tx = bot.store.begin().await.unwrap();
        tx.reaction_counts(Platform::Console, "gruppe", &poll)
            .await
            .unwrap()
    };
    bot.handle(&react("clara", "✅", Some("r1"))).await;
    bot.handle(&react("clara", "✅", Some("r2"))).await; // the same key again
    bot.handle(&react("bert", "✅", None)).await;
    bot.handle(&react("bert", "✅", None)).await;
    bot.handle(&react("bert", "🤔", None)).await;
    assert_eq!(counts().await, vec![("✅".into(), 2), ("🤔".into(), 1)]);
    assert!(
        bot.deliver_all().await.is_empty(),
        "reactions are not answered"
    );

    // Clara takes back one of her two ✅: she still counts; both gone, she does not.
    let mut withdraw = bot.group_text("clara", "");
    withdraw.kind = IncomingKind::ReactionRemoved {
        reaction_id: Some("r1".into()),
        message_id: None,
        key: None,
    };
    bot.handle(&withdraw).await;
    assert_eq!(counts().await, vec![("✅".into(), 2), ("🤔".into(), 1)]);
    let mut withdraw = withdraw.clone();
    withdraw.event_id = "withdraw-2".into();
    withdraw.kind = IncomingKind::ReactionRemoved {
        reaction_id: Some("r2".into()),
        message_id: None,
        key: None,
    };
    bot.handle(&withdraw).await;
    // Telegram-style removal: by message and key.
    let mut by_key = bot.group_text("bert", "");
    by_key.kind = IncomingKind::ReactionRemoved {
        reaction_id: None,
        message_id: Some(poll.clone()),
        key: Some("🤔".into()),
    };
    bot.handle(&by_key).await;
    assert_eq!(counts().await, vec![("✅".into(), 1)]);
}

/// Telegram counts message ids per chat: message 57 in one group is not message 57 in
/// another. A 1️⃣ on the bot's poll in group B counts for that poll only.
async fn a_reaction_belongs_to_the_message_in_its_own_chat(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let in_chat = |who: &str, chat: &str, text: &str| {
        let mut incoming = bot.group_text(who, text);
        incoming.chat.id = chat.into();
        incoming
    };
    bot.handle(&in_chat(
        "lokal",
        "gruppe-a",
        "/umfrage Grillen? | Ja | Nein",
    ))
    .await;
    bot.handle(&in_chat(
        "lokal",
        "gruppe-b",
        "/umfrage Wandern? | Ja | Nein",
    ))
    .await;
    // Both polls went out and each chat numbered its message 57.
    let now = chrono::Utc::now();
    for item in bot
        .store
        .pending_outbox(Platform::Console, now, 10)
        .await
        .unwrap()
    {
        bot.store.mark_sent(item.id, Some("57"), now).await.unwrap();
    }
    let mut reaction = in_chat("clara", "gruppe-b", "");
    reaction.kind = IncomingKind::ReactionAdded {
        message_id: "57".into(),
        key: "1\u{fe0f}\u{20e3}".into(),
        reaction_id: None,
    };
    bot.handle(&reaction).await;
    let replies = bot.deliver_all().await;
    assert_eq!(replies.len(), 1, "{replies:#?}");
    assert_eq!(replies[0].to, "gruppe-b");
    assert!(replies[0].text.contains("Wandern?"), "{}", replies[0].text);
    assert!(replies[0].text.contains("Ja – 1"), "{}", replies[0].text);
    let shown = bot.ask("lokal", "/umfrage 1").await;
    assert!(shown.contains("Ja – 0"), "{shown}");
    let mut tx = bot.store.begin().await.unwrap();
    assert!(
        tx.reaction_counts(Platform::Console, "gruppe-a", "57")
            .await
            .unwrap()
            .is_empty()
    );
}

/// Reactions on people's own messages are none of the bot's business; a redaction by
/// someone else (a moderator) does not take a person's answer back.
async fn reactions_on_other_messages_and_other_peoples_redactions_change_nothing(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    bot.make_member("dora").await;
    let before = bot_reactions(db).await;
    let mut on_chat_message = bot.group_text("clara", "");
    on_chat_message.kind = IncomingKind::ReactionAdded {
        message_id: "someone-elses".into(),
        key: "👍".into(),
        reaction_id: Some("r0".into()),
    };
    bot.handle(&on_chat_message).await;
    assert_eq!(bot_reactions(db).await, before, "nothing stored");

    bot.handle(&bot.group_text("lokal", "/umfrage Grillen? | Ja | Nein"))
        .await;
    let poll = bot.deliver_all().await.remove(0).message_id;
    let mut vote = bot.group_text("clara", "");
    vote.kind = IncomingKind::ReactionAdded {
        message_id: poll.clone(),
        key: "1\u{fe0f}\u{20e3}".into(),
        reaction_id: Some("r1".into()),
    };
    bot.handle(&vote).await;
    bot.deliver_all().await;
    let mut redaction = bot.group_text("dora", "");
    redaction.kind = IncomingKind::ReactionRemoved {
        reaction_id: Some("r1".into()),
        message_id: None,
        key: None,
    };
    bot.handle(&redaction).await;
    assert!(bot.deliver_all().await.is_empty(), "nothing changed");
    assert!(bot.ask("lokal", "/umfrage 1").await.contains("Ja – 1"));
}

async fn bot_reactions(db: &TestDb) -> i64 {
    db.count("reactions").await
}
