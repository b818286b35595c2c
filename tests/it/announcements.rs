//! Announcements: organisers write once, the channels get it – all, a region's, or only the
//! confidential ones – and the organiser sees how far it got. Events channels get every new
//! public event.

use allianz_core::domain::PlatformIdentity;
use allianz_core::message::{ChatRef, Incoming, Sensitivity};
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    an_announcement_reaches_every_channel_and_the_report_counts_them,
    a_region_gets_it_only_in_its_own_channels,
    a_confidential_announcement_goes_only_to_confidential_rooms,
    only_organisers_announce_and_bad_input_changes_nothing,
    a_scheduled_announcement_goes_out_once_when_due_and_can_be_called_off,
    a_channel_that_shows_events_gets_every_new_public_event,
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

async fn a_scheduled_announcement_goes_out_once_when_due_and_can_be_called_off(db: &TestDb) {
    let bot = alliance(db).await;
    let planned = bot
        .say(
            "lokal",
            "/ankuendigung am 01.02.2099 09:00 Frühjahrsputz\nbitte Handschuhe mitbringen",
        )
        .await;
    assert_eq!(planned.len(), 1, "nothing goes out yet: {planned:#?}");
    assert!(
        planned[0].text.contains("Ankündigung 1") && planned[0].text.contains("01.02.2099"),
        "{}",
        planned[0].text
    );
    let list = bot.ask("lokal", "/ankuendigungen").await;
    assert!(
        list.contains("1 · ") && list.contains("Frühjahrsputz"),
        "{list}"
    );

    let due = chrono::DateTime::parse_from_rfc3339("2099-02-01T08:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let before_due = due - chrono::Duration::seconds(1);
    assert_eq!(
        bot.engine.send_due_announcements(before_due).await.unwrap(),
        Some(due),
        "09:00 in Berlin is 08:00 UTC in winter"
    );
    assert!(bot.deliver_all().await.is_empty());

    assert_eq!(bot.engine.send_due_announcements(due).await.unwrap(), None);
    let sent = bot.deliver_all().await;
    let to_channels = announcements_in(&sent);
    assert_eq!(to_channels.len(), 4, "{sent:#?}");
    assert!(
        to_channels[0]
            .text
            .contains("Frühjahrsputz\nbitte Handschuhe mitbringen"),
        "{}",
        to_channels[0].text
    );
    let report = sent
        .iter()
        .find(|r| r.live_key.is_some())
        .expect("a report");
    assert_eq!(report.to, "chat-lokal");
    // Once: not again, also not after a restart.
    bot.engine.send_due_announcements(due).await.unwrap();
    assert!(bot.deliver_all().await.is_empty());
    let restarted = Bot::new(db).await;
    restarted.engine.send_due_announcements(due).await.unwrap();
    assert!(restarted.deliver_all().await.is_empty());
    assert!(
        bot.ask("lokal", "/ankuendigungen")
            .await
            .contains("Keine geplanten")
    );

    // Called off: it never goes out.
    bot.say(
        "lokal",
        "/ankuendigung region Suhl am 02.02.2099 10:00 | Markt",
    )
    .await;
    let refused = bot
        .ask(
            "lokal",
            "/ankuendigung region Suhl am 02.02.2099 10:00 Markt",
        )
        .await;
    assert!(refused.contains("Region „Suhl“"), "{refused}");
    bot.say_in(&in_chat(&bot, "lokal", "suhl", false, "/kanal region Suhl"))
        .await;
    bot.say(
        "lokal",
        "/ankuendigung region Suhl am 02.02.2099 10:00 | Markt",
    )
    .await;
    let cancelled = bot.ask("lokal", "/ankuendigungen absagen 2").await;
    assert!(cancelled.contains("abgesagt"), "{cancelled}");
    let again = bot.ask("lokal", "/ankuendigungen absagen 2").await;
    assert!(again.contains("nicht (mehr) geplant"), "{again}");
    bot.engine
        .send_due_announcements(due + chrono::Duration::days(2))
        .await
        .unwrap();
    assert!(bot.deliver_all().await.is_empty());

    // A confidential one's text stays out of an open group's list.
    bot.say(
        "lokal",
        "/ankuendigung vertraulich am 03.02.2099 10:00 Kassenbericht",
    )
    .await;
    let in_group = bot
        .say_in(&in_chat(&bot, "lokal", "jena", false, "/ankuendigungen"))
        .await;
    assert!(
        !in_group[0].text.contains("Kassenbericht"),
        "{}",
        in_group[0].text
    );
    assert!(
        bot.ask("lokal", "/ankuendigungen")
            .await
            .contains("Kassenbericht")
    );

    // A moment past, or a date that does not exist: a clear answer, nothing planned.
    let before = db.fingerprint().await;
    let past = bot
        .ask("lokal", "/ankuendigung am 01.01.2020 09:00 Zu spät")
        .await;
    assert!(past.contains("vorbei"), "{past}");
    let bad = bot
        .ask("lokal", "/ankuendigung am 31.02.2099 09:00 Nie")
        .await;
    assert!(bad.contains("31.02"), "{bad}");
    assert_eq!(db.fingerprint().await, before);
}

fn cards_to<'a>(replies: &'a [Reply], chat: &str) -> Vec<&'a Reply> {
    replies
        .iter()
        .filter(|r| r.to == chat && r.live_key.is_some())
        .collect()
}

/// The admin's line in an open group, and the first answer there.
async fn admin_in(bot: &Bot, chat: &str, line: &str) -> String {
    let replies = bot.say_in(&in_chat(bot, "lokal", chat, false, line)).await;
    replies[0].text.clone()
}

async fn a_channel_that_shows_events_gets_every_new_public_event(db: &TestDb) {
    let bot = alliance(db).await;
    let on = admin_in(&bot, "jena", "/kanal termine an").await;
    assert!(on.contains("jeder neue öffentliche Termin"), "{on}");
    let status = admin_in(&bot, "jena", "/kanal").await;
    assert!(status.contains("erscheint hier"), "{status}");
    let status = admin_in(&bot, "suhl", "/kanal").await;
    assert!(status.contains("nicht automatisch"), "{status}");

    // A public event made in Suhl: its card there, and in Jena; not in Erfurt.
    let made = bot
        .say_in(&in_chat(
            &bot,
            "lokal",
            "suhl",
            false,
            "/termin neu in 2 Wochen 18 Uhr | Stammtisch",
        ))
        .await;
    assert_eq!(cards_to(&made, "suhl").len(), 1, "{made:#?}");
    assert_eq!(cards_to(&made, "jena").len(), 1, "{made:#?}");
    assert!(cards_to(&made, "jena")[0].text.contains("Stammtisch"));
    assert!(cards_to(&made, "erfurt").is_empty());

    // Planned in the confidential room: it stays there, until it is made public.
    let made = bot
        .say_in(&in_chat(
            &bot,
            "lokal",
            "!vorstand",
            true,
            "/termin neu in 3 Wochen 18 Uhr | Klausur",
        ))
        .await;
    assert!(cards_to(&made, "jena").is_empty(), "{made:#?}");
    let public = bot
        .say_in(&in_chat(
            &bot,
            "lokal",
            "!vorstand",
            true,
            "/termin 2 öffentlich",
        ))
        .await;
    assert_eq!(cards_to(&public, "jena").len(), 1, "{public:#?}");

    let off = bot
        .say_in(&in_chat(&bot, "lokal", "jena", false, "/kanal termine aus"))
        .await;
    assert!(off[0].text.contains("nicht mehr"), "{}", off[0].text);
    let made = bot
        .say_in(&in_chat(
            &bot,
            "lokal",
            "suhl",
            false,
            "/termin neu in 4 Wochen 18 Uhr | Sommerfest",
        ))
        .await;
    assert!(cards_to(&made, "jena").is_empty(), "{made:#?}");
}
