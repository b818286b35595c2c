//! Alliance channels and reactions, through the engine, on both databases.

use allianz_core::domain::Platform;
use allianz_core::message::{Incoming, IncomingKind};
use allianz_tests::{Bot, TestDb};

allianz_tests::on_both_backends!(
    organisers_connect_channels_and_confidential_needs_encryption,
    reactions_count_each_person_once_and_can_be_taken_back,
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
    assert!(refused.contains("nicht verschlüsselt"), "{refused}");
    let refused = answer(&bot, bot.text("lokal", "/kanal verbinden")).await;
    assert!(refused.contains("privater Chat"), "{refused}");
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
    let react = |who: &str, key: &str, reaction_id: Option<&str>| {
        let mut incoming = bot.group_text(who, "");
        incoming.kind = IncomingKind::ReactionAdded {
            message_id: "msg-1".into(),
            key: key.into(),
            reaction_id: reaction_id.map(str::to_string),
        };
        incoming
    };
    let counts = || async {
        let mut tx = bot.store.begin().await.unwrap();
        tx.reaction_counts(Platform::Console, "msg-1")
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
        message_id: Some("msg-1".into()),
        key: Some("🤔".into()),
    };
    bot.handle(&by_key).await;
    assert_eq!(counts().await, vec![("✅".into(), 1)]);
}
