//! The personal-data registry's contract, on both databases: a person planted in every
//! feature gets all of it in `/meine-daten`, and after `/vergessen` no table holds their name
//! or their accounts any more – the transport log (outbox) at the latest after the retention
//! period. Every table is either in the registry or named as holding no personal data.

use allianz_core::domain::PlatformIdentity;
use allianz_core::message::IncomingKind;
use allianz_core::store::personal::{NOT_PERSONAL, REGISTRY};
use allianz_tests::{Bot, TestDb};

allianz_tests::on_both_backends!(
    every_table_is_either_personal_data_or_named_as_not,
    a_person_in_every_feature_gets_it_all_exported_and_then_forgotten,
    delivered_messages_go_after_the_retention_period_but_live_messages_keep_working,
    the_data_directory_is_for_the_bot_alone,
    each_export_is_the_persons_own,
);

/// Two people's exports are two files, and what the bot did for someone else (Bert moving
/// up when Anna withdrew) is not in Anna's activity.
async fn each_export_is_the_persons_own(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("anna").await;
    bot.make_member("bert").await;
    bot.say("lokal", "/termin neu in 10 Tagen 17 Uhr | Werkstatt")
        .await;
    bot.say("lokal", "/termin 1 plätze 1").await;
    bot.say("anna", "/anmelden 1").await;
    bot.say("bert", "/anmelden 1").await;
    bot.say("anna", "/abmelden 1").await;
    let bot = &bot;
    let file = |who: &'static str| async move {
        let replies = bot.say(who, "/meine-daten").await;
        replies[0].attachment.clone().expect("a file")
    };
    let (anna, bert) = (file("anna").await, file("bert").await);
    assert_ne!(anna.filename, bert.filename);
    let json: serde_json::Value = serde_json::from_str(&anna.content).unwrap();
    let activity = json["audit_log"]["rows"].as_array().unwrap();
    let answers: Vec<&serde_json::Value> = activity
        .iter()
        .filter(|row| row["action"] == "event.rsvp")
        .collect();
    assert_eq!(answers.len(), 2, "her yes and her no: {answers:#?}");
    let bert_id = json["members"]["rows"][0]["id"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .unwrap()
        + 1;
    assert!(
        answers
            .iter()
            .all(|row| row["details"]["member"] != bert_id),
        "{answers:#?}"
    );
}

/// A name that occurs nowhere else, and the Telegram account linked to it.
const NAME: &str = "zorazufall";
const TELEGRAM: &str = "telegram:987654";

async fn every_table_is_either_personal_data_or_named_as_not(db: &TestDb) {
    let _bot = Bot::new(db).await;
    for table in db.tables().await {
        let personal = REGISTRY.iter().any(|p| p.table == table);
        let not = NOT_PERSONAL.iter().any(|(t, _)| *t == table);
        assert!(
            personal ^ not,
            "table {table}: add it to store::personal::REGISTRY (with what forgetting does) \
             or to NOT_PERSONAL (with why)"
        );
    }
}

async fn a_person_in_every_feature_gets_it_all_exported_and_then_forgotten(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member(NAME).await;
    bot.make_member("mia").await;
    bot.say("lokal", &format!("/rolle console:{NAME} organisator"))
        .await;
    // A second messenger account, and a wrong code typed from it.
    let code = Bot::link_code_in(&bot.ask(NAME, "/verknuepfen").await);
    bot.say(TELEGRAM, &format!("/verknuepfen {code}")).await;
    bot.say(TELEGRAM, "/verknuepfen ZZZZ-2222-2222").await;
    // An open link code, an invitation, an initiative, a form half filled in.
    bot.ask(NAME, "/verknuepfen").await;
    bot.ask(NAME, "/einladen").await;
    bot.ask(
        NAME,
        "/initiative neu Gemeinschaftsgarten | Suhl | Wir gärtnern | garten@example.org",
    )
    .await;
    bot.say(NAME, "/initiative neu").await;
    // A vacant place she knows of, with her address as the contact, on the map.
    bot.ask(
        NAME,
        &format!("/leerstand neu Gartenhaus | Suhl | Haus | Mit Schuppen | {NAME}@example.org"),
    )
    .await;
    bot.ask(NAME, "/leerstand L1 ort 50.6, 10.7").await;
    // A channel she connected, an event and a poll she made there.
    let in_group = |who: &str, text: &str| {
        let mut incoming = bot.group_text(who, text);
        incoming.chat.id = "garten".into();
        incoming
    };
    bot.handle(&in_group(NAME, "/kanal verbinden")).await;
    // An announcement she sent to the channels, a topic she suggested and a point on it.
    bot.say(NAME, "/ankuendigung Gartenfest am Samstag!").await;
    bot.say(NAME, "/thema Saatgut tauschen").await;
    bot.say(NAME, "/thema T1 +").await;
    bot.handle(&in_group(
        NAME,
        "/termin neu in 2 Wochen 18 Uhr | Gartenfest",
    ))
    .await;
    bot.handle(&in_group(NAME, "/umfrage Gießplan? | Montag | Dienstag"))
        .await;
    // A question round she opens in her group, her question in it and her upvote.
    bot.handle(&in_group(NAME, "/fragerunde start Gartenfragen"))
        .await;
    bot.say(NAME, "/frage Wer gießt im August?").await;
    bot.say(NAME, "/frage F1 +").await;
    // An impulse she offers, and the documentation she adds to her event's date.
    bot.say(NAME, "/impuls T1 | Saatgut-Börse, 5 Minuten").await;
    let fest = (chrono::Utc::now() + chrono::Duration::days(14))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%d.%m.%Y");
    bot.say(
        NAME,
        &format!("/termin 1 doku {fest} https://garten.example.org/fest | Fotos"),
    )
    .await;
    bot.deliver_all().await;
    // She takes the last place of the admin's event; Mia waits.
    bot.handle(&bot.group_text("lokal", "/termin neu in 3 Wochen 18 Uhr | Klausur"))
        .await;
    bot.say("lokal", "/termin 2 plätze 1").await;
    bot.say(NAME, "/anmelden 2").await;
    bot.say(NAME, "/abonnieren 2").await;
    bot.say("mia", "/anmelden 2").await;
    // A choice in a poll, and a reaction on its message.
    bot.handle(&bot.group_text("lokal", "/umfrage Grillen? | Ja | Nein"))
        .await;
    let poll = bot.deliver_all().await.remove(0).message_id;
    bot.say(NAME, "/umfrage 2 1").await;
    let mut reaction = bot.group_text(NAME, "");
    reaction.kind = IncomingKind::ReactionAdded {
        message_id: poll,
        key: "1\u{fe0f}\u{20e3}".into(),
        reaction_id: Some("r-zora".into()),
    };
    bot.handle(&reaction).await;
    bot.deliver_all().await;
    // A Spendenparlament round she opened, a contribution she recorded, her application, her
    // (secret) vote, and the hint that her reaction in the group did not count.
    bot.say(
        NAME,
        "/runde neu Gartentopf | 500 € | Anträge bis 31.12.2099",
    )
    .await;
    bot.say(NAME, "/runde 1 zuwendung 100 € | Stiftung Garten")
        .await;
    bot.say(NAME, "/runde 1 einstellung geheim an").await;
    bot.say(
        NAME,
        "/antrag Gießkannen | 50 € | Gemeinschaftsgarten | Gießen im Sommer",
    )
    .await;
    bot.say("lokal", "/antrag A1 zulassen").await;
    bot.handle(&in_group(NAME, "/abstimmung start")).await;
    let ballot = bot
        .deliver_all()
        .await
        .into_iter()
        .find(|r| r.to == "garten" && r.live_key.is_some())
        .expect("the ballot card")
        .message_id;
    bot.say(NAME, "/stimme A1 ja").await;
    bot.say("mia", "/stimme A1 nein").await;
    let mut reaction = in_group(NAME, "");
    reaction.kind = IncomingKind::ReactionAdded {
        message_id: ballot,
        key: "👍".into(),
        reaction_id: Some("r-zora-2".into()),
    };
    bot.handle(&reaction).await;
    bot.deliver_all().await;

    // Everything is in her export.
    let export = bot.say(NAME, "/meine-daten").await;
    let file = export[0].attachment.as_ref().expect("a JSON file");
    let json: serde_json::Value = serde_json::from_str(&file.content).unwrap();
    for entry in REGISTRY.iter().filter(|p| !p.columns.is_empty()) {
        let rows = json[entry.table]["rows"].as_array();
        assert!(
            rows.is_some_and(|r| !r.is_empty()),
            "{} missing from the export:\n{}",
            entry.table,
            file.content
        );
        assert!(json[entry.table]["what"].is_string());
    }
    assert_eq!(json["members"]["rows"][0]["display_name"], NAME);
    assert_eq!(json["rsvps"]["rows"][0]["status"], "yes");
    assert_eq!(json["poll_choices"]["rows"][0]["choice"], "1");
    // Her own (secret) vote is in her export – and only hers is.
    assert_eq!(json["budget_votes"]["rows"][0]["choice"], "yes");
    assert_eq!(json["budget_votes"]["rows"].as_array().unwrap().len(), 1);
    assert!(
        json["members"]["rows"][0]["joined_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("20")),
        "instants as dates"
    );

    // Forgotten: her place goes to Mia, who is told.
    bot.say(NAME, "/vergessen").await;
    let replies = bot.say(NAME, "/vergessen bestätigen").await;
    assert!(
        replies
            .iter()
            .any(|r| r.private_to.as_deref() == Some("console:mia")
                && r.text.contains("Platz ist frei")),
        "{replies:#?}"
    );
    let list = bot.ask("lokal", "/teilnehmer 2").await;
    assert!(list.contains("Zusagen (1): mia"), "{list}");
    // The poll still counts her choice, anonymously; so does the ballot.
    let poll = bot.ask("lokal", "/umfrage 2").await;
    assert!(poll.contains("Ja – 1"), "{poll}");
    let mut tx = bot.store.begin_read().await.unwrap();
    let recount = allianz_core::engine::recount(&mut *tx, allianz_core::domain::RoundId(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(recount.tallies.values().next().unwrap().yes, 1);
    assert!(recount.agrees(), "{recount:#?}");
    drop(tx);

    let telegram_user = PlatformIdentity::parse(TELEGRAM).unwrap();
    let needles = [NAME, telegram_user.user()];
    for needle in needles {
        let left: Vec<String> = db
            .places_holding(needle)
            .await
            .into_iter()
            .filter(|place| !place.starts_with("outbox."))
            .collect();
        assert!(left.is_empty(), "{needle} is still in {left:#?}");
    }
    // The transport log keeps delivered messages for the retention period, no longer.
    let mut tx = bot.store.begin().await.unwrap();
    tx.prune(chrono::Utc::now() + chrono::Duration::seconds(1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for needle in needles {
        let left = db.places_holding(needle).await;
        assert!(left.is_empty(), "{needle} is still in {left:#?}");
    }
    // The things she made stay, without her; her listing with her contact goes.
    let card = bot.ask("lokal", "/initiative Gemeinschaftsgarten").await;
    assert!(card.contains("Gemeinschaftsgarten"), "{card}");
    let board = bot.ask("lokal", "/leerstand").await;
    assert!(!board.contains("Gartenhaus"), "{board}");
}

async fn delivered_messages_go_after_the_retention_period_but_live_messages_keep_working(
    db: &TestDb,
) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    bot.handle(&bot.group_text("lokal", "/umfrage Grillen? | Ja | Nein"))
        .await;
    let poll = bot.deliver_all().await.remove(0).message_id;
    let before = db.count("outbox").await;
    assert!(before >= 4, "{before}");
    // Within the period nothing goes.
    assert_eq!(bot.engine.prune(chrono::Utc::now()).await.unwrap().0, 0);
    let later = chrono::Utc::now() + chrono::Duration::days(31);
    let (outbox, inbox) = bot.engine.prune(later).await.unwrap();
    assert_eq!(outbox as i64, before - 1, "all but the poll's message");
    assert!(inbox > 0);
    // The poll's message is still known: a reaction on it counts and edits it.
    let mut reaction = bot.group_text("clara", "");
    reaction.kind = IncomingKind::ReactionAdded {
        message_id: poll,
        key: "2\u{fe0f}\u{20e3}".into(),
        reaction_id: None,
    };
    bot.handle(&reaction).await;
    let edited = bot.deliver_all().await;
    assert!(edited[0].text.contains("Nein – 1"), "{edited:#?}");
}

/// The SQLite file and everything beside it holds personal data: only the bot's user may
/// open the directory it creates.
async fn the_data_directory_is_for_the_bot_alone(db: &TestDb) {
    if !matches!(db, TestDb::Sqlite { .. }) {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("daten");
    let url = format!("sqlite://{}/allianz.db", data.display());
    allianz_core::store::connect(&url).await.unwrap();
    let mode = std::fs::metadata(&data).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
}
