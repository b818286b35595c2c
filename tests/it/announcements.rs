//! Announcements: organisers write once, the channels get it – all, a region's, or only the
//! confidential ones – and the organiser sees how far it got.

use allianz_core::domain::PlatformIdentity;
use allianz_core::message::{ChatRef, Incoming, Sensitivity};
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    an_announcement_reaches_every_channel_and_the_report_counts_them,
    a_region_gets_it_only_in_its_own_channels,
    a_confidential_announcement_goes_only_to_confidential_rooms,
    only_organisers_announce_and_bad_input_changes_nothing,
);

/// A text typed in a group chat (on Matrix when `encrypted`, as only rooms there can be).
fn in_chat(bot: &Bot, who: &str, chat: &str, encrypted: bool, text: &str) -> Incoming {
    let mut incoming = bot.group_text(who, text);
    if encrypted {
        incoming.sender = PlatformIdentity::parse(&format!("matrix:@{who}:example.org")).unwrap();
    }
    incoming.chat = ChatRef {
        platform: incoming.sender.platform(),
        id: chat.into(),
        is_private: false,
        encrypted,
        title: Some(format!("Gruppe {chat}")),
    };
    incoming
}

/// The admin connects three open groups and one confidential room.
async fn alliance(db: &TestDb) -> Bot {
    let bot = Bot::new(db).await;
    for chat in ["suhl", "jena", "erfurt"] {
        bot.handle(&in_chat(&bot, "lokal", chat, false, "/kanal verbinden"))
            .await;
    }
    bot.say("lokal", "/ich").await;
    // The admin's Matrix account, linked, connects the encrypted room.
    let code = Bot::link_code_in(&bot.ask("lokal", "/verknuepfen").await);
    bot.say("matrix:@lokal:example.org", &format!("/verknuepfen {code}"))
        .await;
    bot.handle(&in_chat(
        &bot,
        "lokal",
        "!vorstand",
        true,
        "/kanal verbinden vertraulich",
    ))
    .await;
    bot.deliver_all().await;
    bot
}

fn announcements_in(replies: &[Reply]) -> Vec<&Reply> {
    replies
        .iter()
        .filter(|r| r.text.contains("Ankündigung von"))
        .collect()
}

async fn an_announcement_reaches_every_channel_and_the_report_counts_them(db: &TestDb) {
    let bot = alliance(db).await;
    let replies = bot
        .say(
            "lokal",
            "/ankuendigung Netzwerktreffen am Freitag\nAnmeldung: https://beispiel.de/treffen",
        )
        .await;
    let sent = announcements_in(&replies);
    let mut chats: Vec<&str> = sent.iter().map(|r| r.to.as_str()).collect();
    chats.sort_unstable();
    assert_eq!(chats, ["!vorstand", "erfurt", "jena", "suhl"]);
    for r in &sent {
        assert!(
            r.text
                .contains("Netzwerktreffen am Freitag\nAnmeldung: https://beispiel.de/treffen"),
            "line break and link kept: {}",
            r.text
        );
        assert_eq!(r.sensitivity, Sensitivity::Normal);
    }
    let report = replies
        .iter()
        .find(|r| r.live_key.is_some())
        .expect("a report to the organiser");
    assert_eq!(report.to, "chat-lokal");
    assert!(
        report.text.contains("an 0 von 4 Kanälen"),
        "{}",
        report.text
    );
    // The sender reports each outcome; the report is edited in place.
    bot.engine.announcement_progress(1).await.unwrap();
    let updated = bot.deliver_all().await;
    assert_eq!(updated.len(), 1, "{updated:#?}");
    assert_eq!(updated[0].live_key, report.live_key);
    assert!(
        updated[0].text.contains("an 4 von 4 Kanälen zugestellt."),
        "{}",
        updated[0].text
    );
    // Nothing changed since: no edit.
    bot.engine.announcement_progress(1).await.unwrap();
    assert!(bot.deliver_all().await.is_empty());
}

async fn a_region_gets_it_only_in_its_own_channels(db: &TestDb) {
    let bot = alliance(db).await;
    let set = bot
        .say_in(&in_chat(&bot, "lokal", "suhl", false, "/kanal region Suhl"))
        .await;
    assert!(set[0].text.contains("Region Suhl"), "{}", set[0].text);
    let replies = bot
        .say("lokal", "/ankuendigung region suhl Markt am Samstag")
        .await;
    let sent = announcements_in(&replies);
    assert_eq!(sent.len(), 1, "{replies:#?}");
    assert_eq!(sent[0].to, "suhl");
    assert!(sent[0].text.contains("Markt am Samstag"));
    // An unknown region: told which exist, nothing sent.
    let replies = bot.say("lokal", "/ankuendigung region Gotha Markt").await;
    assert_eq!(replies.len(), 1, "{replies:#?}");
    assert!(
        replies[0].text.contains("„Gotha“") && replies[0].text.contains("Suhl"),
        "{}",
        replies[0].text
    );
    let list = bot.ask("lokal", "/kanaele").await;
    assert!(list.contains("Region Suhl"), "{list}");
}

async fn a_confidential_announcement_goes_only_to_confidential_rooms(db: &TestDb) {
    let bot = alliance(db).await;
    // Typed in an open group, the text is not repeated anywhere.
    let before = db.fingerprint().await;
    let replies = bot
        .say_in(&in_chat(
            &bot,
            "lokal",
            "jena",
            false,
            "/ankuendigung vertraulich Vorstandssitzung",
        ))
        .await;
    assert_eq!(replies.len(), 1, "{replies:#?}");
    assert!(!replies[0].text.contains("Vorstandssitzung"));
    assert!(
        replies[0].text.contains("vertraulichen Kanal"),
        "{}",
        replies[0].text
    );
    let replies = bot
        .say(
            "lokal",
            "/ankuendigung vertraulich Vorstandssitzung am Montag",
        )
        .await;
    let sent = announcements_in(&replies);
    assert_eq!(sent.len(), 1, "{replies:#?}");
    assert_eq!(sent[0].to, "!vorstand");
    assert_eq!(sent[0].sensitivity, Sensitivity::Confidential);
    assert!(
        replies
            .iter()
            .filter(|r| r.to != "!vorstand")
            .all(|r| !r.text.contains("Vorstandssitzung")),
        "{replies:#?}"
    );
    assert!(bot.refused().is_empty(), "{:?}", bot.refused());
    // From inside the confidential room it goes too (and only there).
    let replies = bot
        .say_in(&in_chat(
            &bot,
            "lokal",
            "!vorstand",
            true,
            "/ankuendigung vertraulich Kassenprüfung",
        ))
        .await;
    assert!(replies.iter().all(|r| r.to == "!vorstand"), "{replies:#?}");
    assert_ne!(db.fingerprint().await, before);
}

async fn only_organisers_announce_and_bad_input_changes_nothing(db: &TestDb) {
    let bot = alliance(db).await;
    bot.make_member("mia").await;
    let before = db.fingerprint().await;
    let refused = bot.ask("mia", "/ankuendigung Hallo alle").await;
    assert!(refused.contains("Organisator:innen"), "{refused}");
    let usage = bot.ask("lokal", "/ankuendigung").await;
    assert!(usage.contains("/ankuendigung Netzwerktreffen"), "{usage}");
    let usage = bot.ask("lokal", "/ankuendigung region Suhl").await;
    assert!(usage.contains("/ankuendigung region"), "{usage}");
    assert_eq!(db.fingerprint().await, before);
}
