//! The Matrix adapter against a real Synapse, with a second real client as the person.

use std::time::Duration;

use allianz_tests::matrix::{MatrixBot, Person, homeserver, identity};
use allianz_tests::{TestDb, eventually};

/// A person (configured as admin, so the bot follows their invitation) and the bot.
async fn setup(db: &TestDb, dir: &std::path::Path) -> Option<(Person, MatrixBot)> {
    let hs = homeserver().await?;
    let alice = Person::new(&hs, "alice").await;
    let bot = MatrixBot::start(&hs, db, dir, vec![identity(&alice.user_id)]).await;
    Some((alice, bot))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_round_trip_in_a_plain_room() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let room = alice.room_with(&bot.user_id, false).await;

    let asked = alice.say(&room, "!hilfe").await;
    let reply = alice.next_from(&room, &bot.user_id).await;
    assert!(reply.is_notice, "replies are notices: {reply:?}");
    assert!(reply.body.contains("Das kann ich:"), "{}", reply.body);
    assert_eq!(
        reply.reply_to.as_ref(),
        Some(&asked),
        "a reply to the command"
    );
    assert!(reply.formatted.unwrap().contains("<b>Das kann ich:</b>"));

    // A mention works like a command; ordinary chatter gets no answer.
    alice.say(&room, "Hallo zusammen").await;
    let bot_name = bot.user_id.to_string();
    alice.say(&room, &format!("{bot_name}: ich")).await;
    let reply = alice.next_from(&room, &bot.user_id).await;
    assert!(reply.body.contains("Rolle: Admin"), "{}", reply.body);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_round_trip_in_an_encrypted_room() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let room = alice.room_with(&bot.user_id, true).await;
    assert!(room.latest_encryption_state().await.unwrap().is_encrypted());

    alice.say(&room, "!hilfe").await;
    let reply = alice.next_from(&room, &bot.user_id).await;
    assert!(reply.body.contains("Das kann ich:"), "{}", reply.body);

    // After a restart the bot is the same device and still reads the encrypted room.
    bot.stop().await;
    bot.resume().await;
    alice.say(&room, "!ich").await;
    let reply = alice.next_from(&room, &bot.user_id).await;
    assert!(reply.body.contains("Rolle: Admin"), "{}", reply.body);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_sent_while_the_bot_was_down_are_answered_once() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let room = alice.room_with(&bot.user_id, false).await;
    alice.say(&room, "!ich").await;
    alice.next_from(&room, &bot.user_id).await;

    bot.kill();
    for i in 0..12 {
        alice
            .say(
                &room,
                &format!("!initiative neu Gruppe {i} | Suhl | Text | k@example.org"),
            )
            .await;
    }
    bot.resume().await;
    let replies = alice
        .drain_from(&room, &bot.user_id, Duration::from_secs(4))
        .await;
    let registered = replies
        .iter()
        .filter(|r| r.body.contains("Eingetragen"))
        .count();
    assert_eq!(registered, 12, "{replies:#?}");
    assert!(
        !replies.iter().any(|r| r.body.contains("gibt es schon")),
        "{replies:#?}"
    );

    // A second restart answers nothing again.
    bot.stop().await;
    bot.resume().await;
    alice.say(&room, "!initiativen suhl").await;
    let list = alice.next_from(&room, &bot.user_id).await;
    assert_eq!(list.body.matches("• Gruppe").count(), 12, "{}", list.body);
    let extra = alice
        .drain_from(&room, &bot.user_id, Duration::from_secs(2))
        .await;
    assert!(extra.is_empty(), "{extra:#?}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_from_strangers_are_ignored() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some(hs) = homeserver().await else { return };
    let stranger = Person::new(&hs, "fremd").await;
    let mut bot = MatrixBot::start(&hs, &db, dir.path(), vec![]).await;
    let mut request = matrix_sdk::ruma::api::client::room::create_room::v3::Request::new();
    request.invite = vec![bot.user_id.clone()];
    let room = stranger.client.create_room(request).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let member = room
        .get_member_no_sync(&bot.user_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        *member.membership(),
        matrix_sdk::ruma::events::room::member::MembershipState::Invite
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_links_their_matrix_account_to_the_terminal_member() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some(hs) = homeserver().await else { return };
    let admin = Person::new(&hs, "admin").await;
    let clara = Person::new(&hs, "clara").await;
    let mut bot = MatrixBot::start(&hs, &db, dir.path(), vec![identity(&admin.user_id)]).await;
    // Clara is a member from the terminal chat; her Matrix account is new to the bot.
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    console.make_member("clara").await;
    let code_text = console.ask("clara", "/verknuepfen").await;
    let code = allianz_tests::Bot::link_code_in(&code_text);
    // Only members may bring the bot into rooms: Clara's first direct chat waits for the link,
    // so she writes to the bot in a room the admin opened for both of them.
    let room = admin.room_with(&bot.user_id, false).await;
    // The admin becomes a member with their first event; wait for that before counting.
    admin.say(&room, "!ich").await;
    admin.next_from(&room, &bot.user_id).await;
    room.invite_user_by_id(&clara.user_id).await.unwrap();
    // Clara's own view of the shared room: what she sends, she sends from her client.
    let room = clara.client.join_room_by_id(room.room_id()).await.unwrap();

    let members_before = bot
        .engine
        .store()
        .begin()
        .await
        .unwrap()
        .count_members()
        .await
        .unwrap();
    let asked = clara.say(&room, &format!("!verknuepfen {code}")).await;
    let linked = clara.reply_to(&bot.user_id, &asked).await;
    assert!(linked.body.contains("Verknüpft!"), "{}", linked.body);

    // Now Clara is a member on Matrix too: she can open a direct chat with the bot.
    let dm = clara.direct_chat_with(&bot.user_id).await;
    clara.say(&dm, "!ich").await;
    let me = clara.next_from(&dm, &bot.user_id).await;
    assert!(
        me.body.contains("console:clara") && me.body.contains(clara.user_id.as_str()),
        "{}",
        me.body
    );
    // One person, one member: linking added an account, not a member.
    let mut tx = bot.engine.store().begin().await.unwrap();
    assert_eq!(tx.count_members().await.unwrap(), members_before);
    drop(tx);
    // Private things go to the direct chat, not into the shared room.
    let asked = clara.say(&room, "!meine-daten").await;
    let pointer = clara.reply_to(&bot.user_id, &asked).await;
    assert!(pointer.body.contains("privat"), "{}", pointer.body);
    let export = clara.next_from(&dm, &bot.user_id).await;
    assert!(
        export
            .body
            .contains("alles, was ich über dich gespeichert habe"),
        "{}",
        export.body
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reaction_reaches_core_and_its_redaction_withdraws_it() {
    use allianz_core::domain::Platform;
    use matrix_sdk::ruma::events::reaction::ReactionEventContent;
    use matrix_sdk::ruma::events::relation::Annotation;

    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let room = alice.room_with(&bot.user_id, false).await;
    // Reactions count on the bot's own live messages: a poll.
    alice.say(&room, "!umfrage Grillen? | Ja | Nein").await;
    alice.next_from(&room, &bot.user_id).await;
    // The bot's poll, as the platform names it: the outbox stored its event id.
    let message_id = {
        let replies = alice.client.get_room(room.room_id()).unwrap();
        let messages = replies
            .messages(matrix_sdk::room::MessagesOptions::backward())
            .await
            .unwrap();
        messages
            .chunk
            .iter()
            .filter_map(|e| e.raw().deserialize().ok())
            .find(|e: &matrix_sdk::ruma::events::AnySyncTimelineEvent| e.sender() == bot.user_id)
            .unwrap()
            .event_id()
            .to_owned()
    };
    let counts = || async {
        let mut tx = bot.engine.store().begin().await.unwrap();
        tx.reaction_counts(
            Platform::Matrix,
            room.room_id().as_str(),
            message_id.as_str(),
        )
        .await
        .unwrap()
    };
    // The bot knows the message as its own once the send is marked done.
    let known = || async {
        let mut tx = bot.engine.store().begin().await.unwrap();
        tx.live_key_of(
            Platform::Matrix,
            room.room_id().as_str(),
            message_id.as_str(),
        )
        .await
        .unwrap()
    };
    assert!(eventually(known, Option::is_some).await.is_some());
    let react = || ReactionEventContent::new(Annotation::new(message_id.clone(), "✅".into()));
    let reaction = room.send(react()).await.unwrap().response.event_id;
    let seen = eventually(&counts, |c| !c.is_empty()).await;
    assert_eq!(seen, vec![("✅".to_string(), 1)]);

    // Taking it back in the client is a redaction of the reaction event.
    room.redact(&reaction, None, None).await.unwrap();
    let seen = eventually(&counts, |c| c.is_empty()).await;
    assert!(seen.is_empty(), "{seen:?}");
    bot.stop().await;
}

/// Alice says `line` in a plain room with the bot; returns the room and the bot's answer.
/// `/initiative X ort`, then a location pin from a Matrix client: the initiative is on the map.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_location_puts_an_initiative_on_the_map() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let (room, registered) = answer_in_room(
        &alice,
        &bot,
        "!initiative neu Tafel Suhl | Suhl | Wir retten Lebensmittel | info@tafel.de",
    )
    .await;
    assert!(
        registered.body.contains("Eingetragen"),
        "{}",
        registered.body
    );
    alice.say(&room, "!initiative Tafel Suhl ort").await;
    let asked = alice.next_from(&room, &bot.user_id).await;
    assert!(asked.body.contains("Standort"), "{}", asked.body);
    alice
        .share_location(&room, "geo:50.6098,10.6934;u=20")
        .await;
    let placed = alice
        .next_matching_body(&room, &bot.user_id, "auf der Karte")
        .await;
    assert!(
        placed.body.contains("50.60980, 10.69340"),
        "{}",
        placed.body
    );
    bot.stop().await;
}

async fn answer_in_room(
    alice: &Person,
    bot: &MatrixBot,
    line: &str,
) -> (matrix_sdk::Room, allianz_tests::matrix::Seen) {
    let room = alice.room_with(&bot.user_id, false).await;
    alice.say(&room, line).await;
    let answer = alice.next_from(&room, &bot.user_id).await;
    (room, answer)
}

/// Alice reacts with `key` to a message; returns the reaction's event id.
async fn react(
    room: &matrix_sdk::Room,
    to: &matrix_sdk::ruma::OwnedEventId,
    key: &str,
) -> matrix_sdk::ruma::OwnedEventId {
    use matrix_sdk::ruma::events::reaction::ReactionEventContent;
    use matrix_sdk::ruma::events::relation::Annotation;
    let reaction = ReactionEventContent::new(Annotation::new(to.clone(), key.into()));
    room.send(reaction).await.unwrap().response.event_id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_is_answered_by_reaction_and_its_message_edited_in_place() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let line = "!umfrage Wann treffen wir uns? | Dienstag | Mittwoch";
    let (room, poll) = answer_in_room(&alice, &bot, line).await;
    assert!(
        poll.body.contains("Umfrage 1: Wann treffen wir uns?"),
        "{}",
        poll.body
    );
    assert!(poll.body.contains("Reaktion 1️⃣"), "{}", poll.body);
    react(&room, &poll.event_id, "2️⃣").await;
    let edit = alice
        .edit_of(&bot.user_id, &poll.event_id, "2️⃣ Mittwoch – 1")
        .await;
    assert!(edit.body.contains("1 Stimme"), "{}", edit.body);
    bot.stop().await;
}

/// The plenary in a Matrix room: the ballot card is answered by reaction, a changed choice
/// by command replaces it (one person, one vote), and a redacted reaction withdraws it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plenary_votes_by_reaction_on_the_ballot_card() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let room = alice.room_with(&bot.user_id, false).await;
    for line in [
        "!initiative neu Tafel Suhl | Suhl | Lebensmittel retten | tafel@suhl.de",
        "!runde neu Frühjahr 2027 | 1.000 € | Anträge bis 31.12.2099",
        "!antrag Kühlschrank | 400 € | Tafel Suhl | Lebensmittel kühlen",
        "!antrag A1 zulassen",
    ] {
        let asked = alice.say(&room, line).await;
        alice.reply_or_next(&room, &bot.user_id, &asked).await;
    }
    alice.say(&room, "!abstimmung start").await;
    let card = alice
        .next_matching_body(&room, &bot.user_id, "Abstimmung über A1")
        .await;
    assert!(card.body.contains("👍 ja"), "{}", card.body);
    let thumbs = react(&room, &card.event_id, "👍").await;
    alice
        .edit_of(
            &bot.user_id,
            &card.event_id,
            "1 haben abgestimmt · 👍 1 · 👎 0",
        )
        .await;
    alice.say(&room, "!stimme A1 nein").await;
    alice
        .edit_of(
            &bot.user_id,
            &card.event_id,
            "1 haben abgestimmt · 👍 0 · 👎 1",
        )
        .await;
    let shrug = react(&room, &card.event_id, "🤷").await;
    alice
        .edit_of(
            &bot.user_id,
            &card.event_id,
            "1 haben abgestimmt · 👍 0 · 👎 0 · 🤷 1",
        )
        .await;
    // Her 👍 is no longer her vote: redacting it changes nothing; taking back the 🤷 that is
    // her vote withdraws it.
    room.redact(&thumbs, None, None).await.unwrap();
    room.redact(&shrug, None, None).await.unwrap();
    alice
        .edit_of(
            &bot.user_id,
            &card.event_id,
            "0 haben abgestimmt · 👍 0 · 👎 0",
        )
        .await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_is_answered_by_reaction_on_its_card_and_the_card_edited() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let line = "!termin neu in 2 Wochen 18 Uhr | Stammtisch | Gasthaus Linde";
    let (room, card) = answer_in_room(&alice, &bot, line).await;
    assert!(card.body.contains("Termin 1: Stammtisch"), "{}", card.body);
    assert!(card.body.contains("Reaktion ✅"), "{}", card.body);
    let sent = react(&room, &card.event_id, "✅").await;
    alice
        .edit_of(&bot.user_id, &card.event_id, "✅ 1 · 🤔 0 · ❌ 0")
        .await;
    // Taking the reaction back takes the answer back.
    room.redact(&sent, None, None).await.unwrap();
    alice
        .edit_of(&bot.user_id, &card.event_id, "✅ 0 · 🤔 0 · ❌ 0")
        .await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confidential_channels_only_in_encrypted_rooms() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let plain = alice.room_with(&bot.user_id, false).await;
    alice.say(&plain, "!kanal verbinden vertraulich").await;
    let refused = alice.next_from(&plain, &bot.user_id).await;
    assert!(
        refused.body.contains("nicht Ende-zu-Ende verschlüsselt"),
        "{}",
        refused.body
    );
    alice.say(&plain, "!kanal verbinden").await;
    let connected = alice.next_from(&plain, &bot.user_id).await;
    assert!(connected.body.contains("Verbunden!"), "{}", connected.body);

    let secret = alice.room_with(&bot.user_id, true).await;
    alice.say(&secret, "!kanal verbinden vertraulich").await;
    let confidential = alice.next_from(&secret, &bot.user_id).await;
    assert!(
        confidential.body.contains("vertraulicher Kanal"),
        "{}",
        confidential.body
    );

    // An encrypted room that a bridge carries to Signal or WhatsApp is read in the clear on
    // the bridge's server: not confidential.
    let bridged = alice.room_with(&bot.user_id, true).await;
    bridged
        .send_state_event_raw(
            "m.bridge",
            "mautrix-signal://signal/group-1",
            serde_json::json!({
                "bridgebot": "@signalbot:localhost",
                "protocol": { "id": "signal", "displayname": "Signal" },
                "channel": { "id": "group-1" },
            }),
        )
        .await
        .expect("bridge state");
    alice.say(&bridged, "!kanal verbinden vertraulich").await;
    let refused = alice.next_from(&bridged, &bot.user_id).await;
    assert!(refused.body.contains("Brücke"), "{}", refused.body);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_homeserver_outage_of_30_seconds_loses_nothing() {
    use allianz_tests::matrix::OwnSynapse;

    let Some(server) = OwnSynapse::start().await else {
        return;
    };
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let alice = Person::new(&server.url, "alice").await;
    let mut bot =
        MatrixBot::start(&server.url, &db, dir.path(), vec![identity(&alice.user_id)]).await;
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    let dm = alice.direct_chat_with(&bot.user_id).await;
    let asked = alice.say(&dm, "!ich").await;
    alice.reply_to(&bot.user_id, &asked).await;

    // A command goes in, and the server goes down right after.
    let asked = alice.say(&dm, "!hilfe").await;
    server.stop();
    // While it is down, the terminal chat makes Alice an organiser: she is told on Matrix.
    let who = format!("matrix:{}", alice.user_id);
    let promoted = console
        .ask("lokal", &format!("/rolle {who} organisator"))
        .await;
    assert!(promoted.contains("ist jetzt Organisator:in"), "{promoted}");
    tokio::time::sleep(Duration::from_secs(30)).await;
    server.resume();

    let help = alice.reply_to(&bot.user_id, &asked).await;
    assert!(help.body.contains("Das kann ich:"), "{}", help.body);
    let told = alice.next_from(&dm, &bot.user_id).await;
    let told = if told.body.contains("Das kann ich") {
        alice.next_from(&dm, &bot.user_id).await
    } else {
        told
    };
    assert!(
        told.body
            .contains("Deine Rolle in der Allianz ist jetzt: Organisator:in"),
        "{}",
        told.body
    );
    let asked = alice.say(&dm, "!ich").await;
    let me = alice.reply_to(&bot.user_id, &asked).await;
    assert!(me.body.contains("Rolle: Organisator:in"), "{}", me.body);
    // And nothing came twice.
    let extra = alice
        .drain_from(&dm, &bot.user_id, Duration::from_secs(2))
        .await;
    assert!(
        !extra.iter().any(|m| m.body.contains("Das kann ich")),
        "{extra:#?}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gap_larger_than_one_sync_is_back_filled() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some((alice, mut bot)) = setup(&db, dir.path()).await else {
        return;
    };
    let room = alice.room_with(&bot.user_id, false).await;
    let asked = alice.say(&room, "!ich").await;
    alice.reply_to(&bot.user_id, &asked).await;

    bot.stop().await;
    // More than one sync returns per room (100): the rest comes by back-pagination.
    let total = 130;
    for i in 0..total {
        alice
            .say(
                &room,
                &format!("!initiative neu Gruppe {i} | Gotha | Text | k@example.org"),
            )
            .await;
    }
    bot.resume().await;
    let mut replies = Vec::new();
    while replies.len() < total {
        let batch = alice
            .drain_from(&room, &bot.user_id, Duration::from_secs(5))
            .await;
        if batch.is_empty() {
            break;
        }
        replies.extend(batch);
    }
    let registered = replies
        .iter()
        .filter(|r| r.body.contains("Eingetragen"))
        .count();
    assert_eq!(registered, total, "every command answered once");
    let mut tx = bot.engine.store().begin().await.unwrap();
    assert_eq!(
        tx.search_initiatives(Some("gruppe"), 500)
            .await
            .unwrap()
            .len(),
        total
    );
    drop(tx);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_an_access_token_and_the_bot_opens_a_direct_chat_itself() {
    use allianz_bot::config::MatrixConfig;
    use allianz_bot::secret::Secret;
    use allianz_tests::matrix::register_with_token;

    let Some(hs) = homeserver().await else { return };
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let alice = Person::new(&hs, "alice").await;
    let (bot_user, _, token) = register_with_token(&hs, "tokenbot").await;
    let config = MatrixConfig {
        homeserver: hs.clone(),
        user: String::new(),
        password: None,
        access_token: Some(Secret::new(token)),
        store_passphrase: None,
        data_dir: dir.path().display().to_string(),
    };
    let mut bot =
        MatrixBot::start_with(config, bot_user, &db, vec![identity(&alice.user_id)]).await;
    let room = alice.room_with(&bot.user_id, false).await;
    let asked = alice.say(&room, "!ich").await;
    alice.reply_to(&bot.user_id, &asked).await;

    // Alice has no direct chat with the bot; being told her new role, she gets one.
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    console
        .ask(
            "lokal",
            &format!("/rolle matrix:{} organisator", alice.user_id),
        )
        .await;
    let (dm, invited_as_direct_chat) = alice.accept_next_invite().await;
    let told = alice.next_from(&dm, &bot.user_id).await;
    assert!(
        told.body.contains("Deine Rolle in der Allianz ist jetzt"),
        "{}",
        told.body
    );
    assert!(invited_as_direct_chat, "the bot opened a direct chat");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resend_of_the_same_outbox_row_posts_once() {
    use allianz_bot::matrix::MatrixDelivery;
    use allianz_bot::outbox::Deliver;
    use allianz_core::domain::Platform;
    use allianz_core::message::{ChatRef, Outgoing, RichText, Target};
    use allianz_core::store::OutboxItem;

    let Some(hs) = homeserver().await else { return };
    let alice = Person::new(&hs, "alice").await;
    let sender = Person::new(&hs, "sender").await;
    let mut request = matrix_sdk::ruma::api::client::room::create_room::v3::Request::new();
    request.invite = vec![alice.user_id.clone()];
    let room = sender.client.create_room(request).await.unwrap();
    let alice_room = alice.client.join_room_by_id(room.room_id()).await.unwrap();
    sender.wait_for_member(&room, &alice.user_id).await;
    let delivery = MatrixDelivery {
        client: sender.client.clone(),
    };
    let item = OutboxItem {
        id: 4711,
        platform: Platform::Matrix,
        message: Outgoing::new(
            Target::Chat {
                chat: ChatRef {
                    platform: Platform::Matrix,
                    id: room.room_id().to_string(),
                    is_private: false,
                    encrypted: false,
                    title: None,
                },
            },
            RichText::plain("Einmal, bitte"),
        ),
        attempts: 0,
        created_at: chrono::Utc::now(),
        live_key: None,
        edit_of: None,
        parts_sent: 0,
        last_part_id: None,
    };
    // Sent, then the process dies before marking it sent, and sends it again after restart.
    let first = delivery.deliver(&item).await.unwrap();
    let second = delivery.deliver(&item).await.unwrap();
    assert_eq!(
        first, second,
        "the homeserver recognised the transaction id"
    );
    let seen = alice
        .drain_from(&alice_room, &sender.user_id, Duration::from_secs(2))
        .await;
    assert_eq!(
        seen.iter().filter(|m| m.body == "Einmal, bitte").count(),
        1,
        "{seen:#?}"
    );
}

/// A direct chat that gains a third person is no longer private: a data export asked for
/// there goes to a new direct chat with just the person, never into the shared room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_chat_with_a_third_person_is_not_private() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let Some(hs) = homeserver().await else { return };
    let alice = Person::new(&hs, "alice").await;
    let bob = Person::new(&hs, "bob").await;
    let mut bot = MatrixBot::start(&hs, &db, dir.path(), vec![identity(&alice.user_id)]).await;
    let dm = alice.direct_chat_with(&bot.user_id).await;
    dm.invite_user_by_id(&bob.user_id).await.unwrap();
    let (_, _) = bob.accept_next_invite().await;
    alice.wait_for_member(&dm, &bob.user_id).await;

    let asked = alice.say(&dm, "!meine-daten").await;
    let pointer = alice.reply_to(&bot.user_id, &asked).await;
    assert!(pointer.body.contains("privat"), "{}", pointer.body);
    let (private, direct) = alice.accept_next_invite().await;
    assert!(direct, "the bot opened a direct chat");
    assert_ne!(private.room_id(), dm.room_id());
    let export = alice.next_from(&private, &bot.user_id).await;
    assert!(export.body.contains("gespeichert"), "{}", export.body);
    let shared = alice
        .drain_from(&dm, &bot.user_id, Duration::from_secs(2))
        .await;
    assert!(
        shared.iter().all(|m| !m.body.contains("gespeichert")),
        "{shared:#?}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_beyond_synapses_message_limit_reaches_every_room_and_is_reported() {
    use allianz_tests::matrix::OwnSynapse;

    let Some(server) = OwnSynapse::with_stock_message_limit().await else {
        return;
    };
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let alice = Person::new(&server.url, "alice").await;
    let mut bot =
        MatrixBot::start(&server.url, &db, dir.path(), vec![identity(&alice.user_id)]).await;
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    // Synapse counts the bot's joins and messages together: 6 rooms are more than an
    // ordinary account may send at once (10), so the last ones wait for the limit.
    const ROOMS: usize = 6;
    let mut rooms = Vec::new();
    for _ in 0..ROOMS {
        let room = alice.room_with(&bot.user_id, false).await;
        alice.wait_for_member(&room, &bot.user_id).await;
        rooms.push(room);
    }
    bot.connect_rooms(&rooms).await;

    let started = console
        .say("lokal", "/ankuendigung Netzwerktreffen am Freitag")
        .await;
    assert!(
        started
            .iter()
            .any(|r| r.text.contains("an 0 von 6 Kanälen")),
        "{started:#?}"
    );
    for room in &rooms {
        let seen = alice
            .next_matching_body(room, &bot.user_id, "Netzwerktreffen")
            .await;
        assert!(seen.body.contains("Ankündigung"), "{}", seen.body);
    }
    // The report follows the deliveries, edited in place, to its final word.
    let mut reports: Vec<String> = Vec::new();
    for _ in 0..600 {
        reports.extend(console.deliver_all().await.into_iter().map(|r| r.text));
        if reports
            .iter()
            .any(|r| r.contains("an 6 von 6 Kanälen zugestellt."))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        reports
            .iter()
            .any(|r| r.contains("an 6 von 6 Kanälen zugestellt.")),
        "{reports:#?}"
    );
    assert!(
        reports
            .iter()
            .any(|r| r.contains("von 6 Kanälen zugestellt, der Rest folgt")),
        "progress while Synapse holds the rest back: {reports:#?}"
    );
    // Each room got it once.
    for room in &rooms {
        let more = alice
            .drain_from(room, &bot.user_id, Duration::from_millis(500))
            .await;
        assert!(
            !more.iter().any(|m| m.body.contains("Netzwerktreffen")),
            "{more:#?}"
        );
    }
    bot.stop().await;
}

/// `allianz-bot check` asks the homeserver who the configured access token belongs to,
/// without logging in (a login would be a new device), and names a refused token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_asks_the_homeserver_whose_token_it_is() {
    let Some(hs) = homeserver().await else {
        return;
    };
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let alice = Person::new(&hs, "checkalice").await;
    let token = alice.client.access_token().expect("a logged-in client");
    let check = |token: String| {
        let mut command = super::process::daemon(db.url(), dir.path());
        command
            .arg("check")
            .env("ALLIANZ__MATRIX__HOMESERVER", &hs)
            .env("ALLIANZ__MATRIX__USER", alice.user_id.as_str())
            .env("ALLIANZ__MATRIX__ACCESS_TOKEN", token);
        async move {
            let out = tokio::process::Command::from(command)
                .output()
                .await
                .unwrap();
            String::from_utf8_lossy(&out.stdout).to_string()
        }
    };
    let table = check(token.clone()).await;
    let matrix = table
        .lines()
        .find(|l| l.starts_with("Matrix"))
        .unwrap_or_default();
    assert!(
        matrix.contains(&format!("✓ angemeldet als {}", alice.user_id)),
        "{table}"
    );
    let table = check(format!("{token}x")).await;
    let matrix = table
        .lines()
        .find(|l| l.starts_with("Matrix"))
        .unwrap_or_default();
    assert!(
        matrix.contains("✗") && matrix.contains("abgelehnt"),
        "{table}"
    );
}
