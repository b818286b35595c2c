//! The Telegram adapter end to end: its real HTTP client and update listener against the
//! local Bot API stand-in, over a real database.

use std::time::{Duration, Instant};

use allianz_core::domain::Platform;
use allianz_tests::telegram::{BOT_USERNAME, StandIn, TelegramBot, group, private, user};
use allianz_tests::{TestDb, eventually};
use serde_json::Value;

const ANNA: i64 = 100;
const GROUP: i64 = -4001;

fn anna() -> Value {
    user(ANNA, "Anna")
}

fn buendnis() -> Value {
    group(GROUP, "Bündnis Suhl")
}

async fn setup(db: &TestDb) -> (StandIn, TelegramBot) {
    let stand_in = StandIn::start().await;
    // Anna, the organiser, uses the bot privately too (Telegram lets a bot write to a person
    // only after they opened the chat with it).
    stand_in.open_private(ANNA).await;
    let bot = TelegramBot::start(&stand_in, db, &[ANNA]).await;
    (stand_in, bot)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_in_a_group_is_answered_in_html_as_a_reply() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;

    let asked = tg
        .say(&buendnis(), &anna(), &format!("/hilfe@{BOT_USERNAME}"))
        .await;
    let reply = tg.message_to(GROUP, "Das kann ich:").await;
    assert_eq!(reply.params["parse_mode"], "HTML");
    assert!(
        reply.text().contains("<b>Das kann ich:</b>"),
        "{}",
        reply.text()
    );
    assert_eq!(reply.reply_to(), Some(asked), "a reply to the command");

    // Meant for another bot: left alone. User content is escaped, never markup.
    tg.say(&buendnis(), &anna(), "/hilfe@anderer_bot").await;
    tg.say(
        &buendnis(),
        &anna(),
        "/initiative neu <Tafel & Co> | Suhl | Wir retten Lebensmittel | info@tafel.de",
    )
    .await;
    let registered = tg.message_to(GROUP, "Eingetragen").await;
    assert!(
        registered.text().contains("&lt;Tafel &amp; Co&gt;"),
        "{}",
        registered.text()
    );
    let helps = tg.posted(|c| c.text().contains("Das kann ich:")).await;
    assert_eq!(helps, 1, "/hilfe@anderer_bot got no answer");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_menu_is_registered_in_german_and_english() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    let names = |menu: Option<Value>| -> Vec<String> {
        menu.and_then(|m| m.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|c| c["command"].as_str().map(str::to_string))
            .collect()
    };
    let german = names(tg.commands("de").await);
    let english = names(tg.commands("en").await);
    let default = names(tg.commands("").await);
    assert!(german.contains(&"hilfe".to_string()), "{german:?}");
    assert!(german.contains(&"meine_daten".to_string()), "{german:?}");
    assert!(english.contains(&"help".to_string()), "{english:?}");
    assert!(english.contains(&"my_data".to_string()), "{english:?}");
    assert_eq!(default, german, "German is the default menu");
    let english_help = tg.commands("en").await.unwrap();
    assert!(
        english_help
            .to_string()
            .contains("Overview of all commands"),
        "{english_help}"
    );

    // A command from the menu, as the client sends it, works.
    let chat = private(ANNA, "Anna");
    tg.say(&chat, &anna(), "/meine_daten").await;
    let export = tg
        .wait_for(Duration::from_secs(10), |c| c.method == "senddocument")
        .await
        .expect("the data export arrives as a file");
    assert_eq!(export.chat_id(), Some(ANNA));
    assert!(
        export.params["file_name"]
            .as_str()
            .unwrap_or_default()
            .ends_with(".json"),
        "{:?}",
        export.params
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_handled_update_kinds_are_requested_and_acknowledged_after_commit() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    tg.say(&private(ANNA, "Anna"), &anna(), "/ich").await;
    tg.message_to(ANNA, "Admin").await;

    let polls = tg.successful("getupdates").await;
    let first = &polls[0];
    let mut kinds: Vec<String> = first.params["allowed_updates"]
        .as_array()
        .expect("allowed_updates named")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "callback_query",
            "message",
            "message_reaction",
            "my_chat_member"
        ]
    );
    assert!(first.params["timeout"].as_u64().unwrap() > 0, "a long poll");
    // The offset moves past the command only after it was committed, and it is kept in the
    // database for the next start (saved when the bot falls quiet or stops).
    let offsets = eventually(|| tg.offsets(), |o| o.iter().flatten().count() > 0).await;
    let acknowledged = offsets.iter().flatten().max().copied().unwrap();
    assert_eq!(tg.unacknowledged().await, 0);
    bot.stop().await;
    let cursor = bot
        .engine
        .store()
        .cursor(&format!(
            "telegram:{}:offset",
            allianz_tests::telegram::BOT_ID
        ))
        .await
        .unwrap();
    assert_eq!(cursor, Some(acknowledged.to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reactions_are_added_and_taken_back() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    // Reactions count on the bot's own live messages: a poll in the group.
    tg.say(&buendnis(), &anna(), "/umfrage Grillen? | Ja | Nein")
        .await;
    let posted = tg.message_to(GROUP, "Umfrage 1").await;
    let bot_message = posted.result["message_id"].as_i64().unwrap();
    // The bot knows the message as its own once the send is marked done.
    let store = bot.engine.store().clone();
    let known = || async {
        let mut tx = store.begin().await.unwrap();
        tx.live_key_of(
            Platform::Telegram,
            &GROUP.to_string(),
            &bot_message.to_string(),
        )
        .await
        .unwrap()
    };
    assert!(eventually(known, Option::is_some).await.is_some());
    let bert = user(200, "Bert");
    tg.react(&buendnis(), &anna(), bot_message, &[], &["👍"])
        .await;
    tg.react(&buendnis(), &bert, bot_message, &[], &["👍", "🤔"])
        .await;
    let counts = || async {
        let mut tx = store.begin().await.unwrap();
        tx.reaction_counts(
            Platform::Telegram,
            &GROUP.to_string(),
            &bot_message.to_string(),
        )
        .await
        .unwrap()
    };
    let seen = eventually(counts, |c| c.len() == 2).await;
    assert_eq!(seen, vec![("👍".into(), 2), ("🤔".into(), 1)]);

    // Bert changes his mind: Telegram sends his whole list before and after.
    tg.react(&buendnis(), &bert, bot_message, &["👍", "🤔"], &["🤔"])
        .await;
    let seen = eventually(counts, |c| c.first() == Some(&("👍".into(), 1))).await;
    assert_eq!(seen, vec![("👍".into(), 1), ("🤔".into(), 1)]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_by_button_are_counted_changed_and_shown_with_few_edits() {
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    // Twenty people who may vote (configured admins become members on first contact).
    let people: Vec<i64> = (201..=220).collect();
    let mut admins = vec![ANNA];
    admins.extend(&people);
    let mut bot = TelegramBot::start(&tg, &db, &admins).await;

    tg.say(
        &buendnis(),
        &anna(),
        "/umfrage Wann treffen wir uns? | Dienstag | Mittwoch",
    )
    .await;
    let posted = tg.message_to(GROUP, "Umfrage 1").await;
    let poll_message = posted.result["message_id"].as_i64().unwrap();
    let keyboard = &posted.params["reply_markup"]["inline_keyboard"];
    assert_eq!(keyboard[0][0]["text"], "Dienstag (0)");
    assert_eq!(keyboard[1][0]["callback_data"], "umfrage:1:2");

    // A burst of presses, then one person changes their mind.
    let mut queries = Vec::new();
    for id in &people {
        let person = user(*id, "P");
        queries.push(
            tg.press(&buendnis(), &person, poll_message, "umfrage:1:1")
                .await,
        );
    }
    let changer = user(people[0], "P");
    let change = tg
        .press(&buendnis(), &changer, poll_message, "umfrage:1:2")
        .await;

    let last_edit = tg
        .wait_for(Duration::from_secs(15), |c| {
            c.method == "editmessagetext"
                && c.text().contains("Dienstag – 19")
                && c.text().contains("Mittwoch – 1")
        })
        .await
        .expect("the poll's message shows the final counts");
    assert_eq!(last_edit.params["message_id"], poll_message);
    assert_eq!(
        last_edit.params["reply_markup"]["inline_keyboard"][1][0]["text"],
        "Mittwoch (1)"
    );
    // Every press is answered to the person who pressed, never in the group.
    let answers = tg.successful("answercallbackquery").await;
    for query in &queries {
        let answer = answers
            .iter()
            .find(|a| a.params["callback_query_id"] == query.as_str())
            .expect("every press answered");
        assert!(
            answer.params["text"]
                .as_str()
                .unwrap_or_default()
                .contains("Gezählt"),
            "{:?}",
            answer.params
        );
    }
    let changed = answers
        .iter()
        .find(|a| a.params["callback_query_id"] == change.as_str())
        .unwrap();
    assert!(
        changed.params["text"]
            .as_str()
            .unwrap()
            .contains("Geändert")
    );
    // Coalesced: 21 presses, a handful of edits (one every two seconds at most, however
    // slowly a loaded machine works through the presses).
    let edits = tg.successful("editmessagetext").await.len();
    assert!(edits <= 5, "{edits} edits for 21 presses");
    let group_posts = tg.posted(|c| c.chat_id() == Some(GROUP)).await;
    assert_eq!(group_posts, 1, "votes are not answered in the group");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_button_is_answered_too() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    let query = tg.press(&buendnis(), &anna(), 1001, "unbekannt:1").await;
    let answered = tg
        .wait_for(Duration::from_secs(10), |c| {
            c.method == "answercallbackquery" && c.params["callback_query_id"] == query.as_str()
        })
        .await
        .expect("the callback query is answered");
    assert!(
        answered.params["text"]
            .as_str()
            .unwrap_or_default()
            .contains("nicht mehr aktiv")
    );
    bot.stop().await;
}

allianz_tests::on_both_backends!(a_restart_mid_batch_takes_each_update_in_exactly_once);

/// Anna registers `n` initiatives in the group, each a command waiting for the bot.
async fn queue_registrations(tg: &StandIn, n: usize) {
    for i in 0..n {
        tg.say(
            &buendnis(),
            &anna(),
            &format!("/initiative neu Gruppe {i} | Suhl | Text | k{i}@example.org"),
        )
        .await;
    }
}

/// Every registration answered once and none handled twice: a second run of one would have
/// answered "gibt es schon". Telegram allows 20 messages a minute into a group, so the answers
/// are read from the outbox rather than waited for.
async fn each_registration_answered_once(db: &TestDb, n: usize) {
    let queued = db.outbox_rows().await;
    assert!(
        !queued.iter().any(|m| m.contains("gibt es schon")),
        "a command ran twice"
    );
    let answers = queued.iter().filter(|m| m.contains("Eingetragen")).count();
    assert_eq!(answers, n);
}

async fn a_restart_mid_batch_takes_each_update_in_exactly_once(db: &TestDb) {
    let tg = StandIn::start().await;
    const N: usize = 150;
    queue_registrations(&tg, N).await;
    // The whole batch is fetched at once; the adapter dies while it is handling it.
    let mut bot = TelegramBot::start(&tg, db, &[ANNA]).await;
    let count = || async { db.count("initiatives").await as usize };
    while count().await < 5 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    bot.kill();
    let before_restart = count().await;
    assert!(
        before_restart < N,
        "killed mid-batch ({before_restart} of {N})"
    );
    assert!(
        tg.unacknowledged().await > 0,
        "the batch was not acknowledged"
    );

    bot.resume().await;
    let done = eventually(count, |n| *n == N).await;
    assert_eq!(done, N, "every update taken in");
    eventually(|| tg.unacknowledged(), |n| *n == 0).await;
    each_registration_answered_once(db, N).await;
    let first = tg.message_to(GROUP, "Gruppe 0").await;
    assert_eq!(first.params["parse_mode"], "HTML");
    bot.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_and_the_message_delivered() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    tg.throttle_next(1, 2).await;
    let started = Instant::now();
    tg.say(&private(ANNA, "Anna"), &anna(), "/ich").await;
    let reply = tg.message_to(ANNA, "Admin").await;
    let refused = tg
        .calls()
        .await
        .into_iter()
        .find(|c| c.method == "sendmessage" && c.status == 429)
        .expect("the first attempt got a 429");
    assert!(
        reply.at.duration_since(refused.at) >= Duration::from_secs(2),
        "retried only after retry_after"
    );
    assert!(reply.at > started);
    let delivered = tg.posted(|c| c.text().contains("Admin")).await;
    assert_eq!(delivered, 1);
    bot.stop().await;
}

/// A send that Telegram's servers refuse (502) is not given up: it goes out once they answer
/// again. (teloxide holds every 5xx answer back for 10 s before it reports it.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_failed_while_telegram_was_down_is_sent_once_it_answers_again() {
    use allianz_core::message::{Outgoing, RichText};

    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    tg.outage(true).await;
    bot.queue(&[Outgoing::new(
        allianz_tests::telegram::private_target(ANNA),
        RichText::plain("Nach der Störung"),
    )])
    .await;
    let failed = || async {
        tg.calls()
            .await
            .iter()
            .filter(|c| c.method == "sendmessage" && c.status == 502)
            .count()
    };
    assert!(
        eventually(failed, |n| *n >= 1).await >= 1,
        "tried while down"
    );
    tg.outage(false).await;
    let delivered = tg
        .wait_for(Duration::from_secs(30), |c| {
            c.method == "sendmessage" && c.status == 200 && c.text().contains("Nach der Störung")
        })
        .await;
    assert!(delivered.is_some(), "sent once Telegram answered again");
    assert_eq!(
        tg.posted(|c| c.text().contains("Nach der Störung")).await,
        1
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_bot_marks_the_channel_and_tells_the_organiser() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    // Added as a plain member: the bot says it needs the admin right to see reactions.
    tg.bot_status(&buendnis(), &anna(), "left", "member").await;
    tg.message_to(GROUP, "Administrator").await;
    tg.say(&buendnis(), &anna(), "/kanal verbinden vertraulich")
        .await;
    tg.message_to(GROUP, "nicht Ende-zu-Ende verschlüsselt")
        .await;
    tg.say(&buendnis(), &anna(), "/kanal verbinden").await;
    tg.message_to(GROUP, "Verbunden!").await;

    tg.bot_status(&buendnis(), &anna(), "member", "kicked")
        .await;
    let told = tg.message_to(ANNA, "Bündnis Suhl").await;
    assert!(told.text().contains("nicht mehr"), "{}", told.text());
    tg.say(&private(ANNA, "Anna"), &anna(), "/kanaele").await;
    let list = tg.message_to(ANNA, "Kanäle der Allianz").await;
    assert!(list.text().contains("nicht erreichbar"), "{}", list.text());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_into_a_group_the_bot_was_kicked_from_is_given_up_and_reported_once() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    tg.say(&buendnis(), &anna(), "/kanal verbinden").await;
    tg.message_to(GROUP, "Verbunden!").await;

    tg.kick(GROUP).await;
    tg.say(&buendnis(), &anna(), "/hilfe").await;
    tg.say(&buendnis(), &anna(), "/ich").await;
    let told = tg.message_to(ANNA, "Bündnis Suhl").await;
    assert!(told.text().contains("nicht erreichbar"), "{}", told.text());
    tokio::time::sleep(Duration::from_secs(1)).await;
    let calls = tg.calls().await;
    let notices = calls
        .iter()
        .filter(|c| c.chat_id() == Some(ANNA) && c.text().contains("Bündnis Suhl"))
        .count();
    assert_eq!(notices, 1, "the organiser is told once");
    let attempts = calls
        .iter()
        .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(GROUP) && c.status == 403)
        .count();
    assert_eq!(attempts, 2, "each refused message tried once, not retried");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_chat_greets_and_links_accounts() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    let clara = user(300, "Clara");
    let chat = private(300, "Clara");
    tg.say(&chat, &clara, "/start").await;
    let hello = tg.message_to(300, "Hallo").await;
    assert!(hello.text().contains("/beitreten"), "{}", hello.text());

    // Clara is a member from the terminal chat and links her Telegram account.
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    console.make_member("clara").await;
    let code = allianz_tests::Bot::link_code_in(&console.ask("clara", "/verknuepfen").await);
    tg.say(&chat, &clara, &format!("/verknuepfen {code}")).await;
    tg.message_to(300, "Verknüpft!").await;
    tg.say(&chat, &clara, "/ich").await;
    let me = tg.message_to(300, "console:clara").await;
    assert!(me.text().contains("telegram:300"), "{}", me.text());
    bot.stop().await;
}

/// `/initiative X ort`, then a location pin: the initiative is on the map. A pin nobody asked
/// for gets a hint in a private chat.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_location_puts_an_initiative_on_the_map() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    let chat = private(ANNA, "Anna");
    tg.say(
        &chat,
        &anna(),
        "/initiative neu Tafel Suhl | Suhl | Wir retten Lebensmittel | info@tafel.de",
    )
    .await;
    tg.message_to(ANNA, "Eingetragen").await;
    tg.say(&chat, &anna(), "/initiative Tafel Suhl ort").await;
    tg.message_to(ANNA, "Standort").await;
    tg.share_location(&chat, &anna(), 50.6098, 10.6934).await;
    let placed = tg.message_to(ANNA, "auf der Karte").await;
    assert!(
        placed.text().contains("50.60980, 10.69340"),
        "{}",
        placed.text()
    );
    // It stays there: the card shows it when asked again.
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    let card = console.ask("lokal", "/initiative Tafel Suhl").await;
    assert!(card.contains("📍 50.60980, 10.69340"), "{card}");
    // Once placed, another pin is not taken for it.
    tg.share_location(&chat, &anna(), 48.0, 11.0).await;
    tg.message_to(ANNA, "Danke für den Standort").await;
    bot.stop().await;
}

/// The real binary with the Telegram adapter on, killed with SIGKILL while it works through a
/// batch, then started again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_of_the_daemon_mid_batch_neither_loses_nor_repeats_an_update() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let tg = StandIn::start().await;
    const N: usize = 400;
    queue_registrations(&tg, N).await;
    let start = || {
        crate::process::daemon(db.url(), dir.path())
            .env("ALLIANZ__TELEGRAM__TOKEN", &tg.token)
            .env("ALLIANZ__TELEGRAM__API_URL", &tg.url)
            .env(
                "ALLIANZ__ALLIANCE__ADMINS",
                format!("[\"telegram:{ANNA}\"]"),
            )
            .spawn()
            .unwrap()
    };
    // The schema exists before the daemon starts, so the count below can read from the start.
    db.store().await.close().await;
    let count = || async { db.count("initiatives").await as usize };
    let mut child = start();
    let deadline = Instant::now() + Duration::from_secs(30);
    while count().await < 5 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before_restart = count().await;
    assert!(
        (5..N).contains(&before_restart),
        "killed mid-batch ({before_restart} of {N})"
    );

    let mut child = start();
    let done = eventually(count, |n| *n == N).await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(done, N, "no update lost");
    each_registration_answered_once(&db, N).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_upgraded_to_a_supergroup_stays_a_channel() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    tg.say(&buendnis(), &anna(), "/kanal verbinden").await;
    tg.message_to(GROUP, "Verbunden!").await;

    const SUPERGROUP: i64 = -1_007_770_001;
    tg.push(
        "message",
        serde_json::json!({
            "message_id": 5000, "date": chrono::Utc::now().timestamp(), "chat": buendnis(),
            "from": anna(), "migrate_to_chat_id": SUPERGROUP,
        }),
    )
    .await;
    let supergroup =
        serde_json::json!({ "id": SUPERGROUP, "type": "supergroup", "title": "Bündnis Suhl" });
    tg.say(&supergroup, &anna(), "/kanal").await;
    let status = tg.message_to(SUPERGROUP, "Kanal").await;
    assert!(status.text().contains("ist ein Kanal"), "{}", status.text());
    let store = bot.engine.store().clone();
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.channel(Platform::Telegram, &GROUP.to_string())
            .await
            .unwrap()
            .is_none()
    );
    drop(tx);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_chat_does_not_hold_up_the_others_and_keeps_its_order() {
    use allianz_core::message::{Outgoing, RichText};

    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    // More messages for Anna than a chat gets at once: after the burst, Telegram allows
    // about one a second into one chat.
    const SENT: usize = 64;
    let anna_chat = allianz_tests::telegram::private_target(ANNA);
    let messages: Vec<Outgoing> = (1..=SENT)
        .map(|i| Outgoing::new(anna_chat.clone(), RichText::plain(format!("Nachricht {i}"))))
        .collect();
    bot.queue(&messages).await;
    tg.message_to(ANNA, "Nachricht 1").await;

    // Bert asks meanwhile and is answered before Anna's queue is through.
    let bert = user(200, "Bert");
    tg.say(&private(200, "Bert"), &bert, "/start").await;
    tg.message_to(200, "Hallo").await;
    let anna_so_far = tg.posted(|c| c.chat_id() == Some(ANNA)).await;
    assert!(anna_so_far < SENT, "Bert waited for all of Anna's messages");

    tg.message_to(ANNA, &format!("Nachricht {SENT}")).await;
    let order: Vec<String> = tg
        .successful("sendmessage")
        .await
        .iter()
        .filter(|c| c.chat_id() == Some(ANNA))
        .map(|c| c.text().to_string())
        .collect();
    let expected: Vec<String> = (1..=SENT).map(|i| format!("Nachricht {i}")).collect();
    assert_eq!(order, expected, "one chat's messages stay in order");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_who_never_opened_a_private_chat_is_told_how_in_the_group() {
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    let mut bot = TelegramBot::start(&tg, &db, &[ANNA]).await;
    let asked = tg.say(&buendnis(), &anna(), "/meine_daten").await;
    tg.message_to(GROUP, "privat geschickt").await;
    let hint = tg.message_to(GROUP, "nicht privat schreiben").await;
    assert!(
        hint.text()
            .contains(&format!("https://t.me/{BOT_USERNAME}")),
        "{}",
        hint.text()
    );
    assert_eq!(hint.reply_to(), Some(asked));

    // After "Start" in the private chat, asking again works.
    tg.say(&private(ANNA, "Anna"), &anna(), "/start").await;
    tg.say(&buendnis(), &anna(), "/meine_daten").await;
    let export = tg
        .wait_for(Duration::from_secs(10), |c| {
            c.method == "senddocument" && c.chat_id() == Some(ANNA)
        })
        .await;
    assert!(export.is_some(), "the export arrives privately");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_unreachable_at_start_is_waited_for_and_a_refused_token_is_an_error() {
    let db = TestDb::sqlite();
    // Nothing answers on this port yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let wrong = TelegramBot::start_at(&url, allianz_tests::telegram::TOKEN, &db, &[ANNA]).await;
    let mut bot = wrong.expect("an unreachable Telegram does not stop the daemon");

    let tg = StandIn::start_on(port).await;
    tg.open_private(ANNA).await;
    tg.say(&buendnis(), &anna(), &format!("/hilfe@{BOT_USERNAME}"))
        .await;
    tg.message_to(GROUP, "Das kann ich:").await;
    assert!(
        tg.commands("de").await.is_some(),
        "the menu is registered once it answers"
    );
    bot.stop().await;

    let refused = TelegramBot::start_at(&tg.url, "7000000001:WRONG", &db, &[ANNA]).await;
    let error = format!("{:#}", refused.err().expect("a refused token is an error"));
    assert!(error.contains("Token"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_is_answered_by_button_and_by_reaction_on_its_card() {
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    // Bert and Cora are members (configured admins become members on first contact).
    let mut bot = TelegramBot::start(&tg, &db, &[ANNA, 300, 301]).await;
    tg.say(
        &buendnis(),
        &anna(),
        "/termin neu in 2 Wochen 18 Uhr | Stammtisch Suhl | Gasthaus Linde",
    )
    .await;
    let card = tg.message_to(GROUP, "Termin 1: Stammtisch Suhl").await;
    let card_id = card.result["message_id"].as_i64().unwrap();
    let yes = card.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(yes.starts_with("rsvp:1:") && yes.ends_with(":yes"), "{yes}");

    let query = tg
        .press(&buendnis(), &user(300, "Bert"), card_id, &yes)
        .await;
    let answered = tg
        .wait_for(Duration::from_secs(10), |c| {
            c.method == "answercallbackquery" && c.params["callback_query_id"] == query.as_str()
        })
        .await
        .expect("the press is answered");
    assert!(
        answered.params["text"]
            .as_str()
            .unwrap_or_default()
            .contains("angemeldet"),
        "{:?}",
        answered.params
    );
    tg.wait_for(Duration::from_secs(10), |c| {
        c.method == "editmessagetext" && c.text().contains("✅ 1 · 🤔 0 · ❌ 0")
    })
    .await
    .expect("the card shows the answer");

    // Telegram offers 👎 but no ❌: a thumbs down on the card is a no.
    tg.react(&buendnis(), &user(301, "Cora"), card_id, &[], &["👎"])
        .await;
    let edit = tg
        .wait_for(Duration::from_secs(10), |c| {
            c.method == "editmessagetext" && c.text().contains("✅ 1 · 🤔 0 · ❌ 1")
        })
        .await
        .expect("the card shows the reaction's answer");
    assert_eq!(edit.params["message_id"], card_id);
    bot.stop().await;
}

/// A long reply goes out in parts (and a data export as text and file). If Telegram refuses
/// a part half-way, the retry starts with that part: nobody reads the first part twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_in_parts_that_fails_half_way_resumes_with_the_failed_part() {
    use allianz_core::message::{Attachment, Outgoing, RichText};

    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    let line = "Eine lange Zeile der Liste.\n";
    let mut message = Outgoing::new(
        allianz_tests::telegram::private_target(ANNA),
        RichText::plain(format!("Teil A\n{}Ende", line.repeat(200))),
    );
    message.attachment = Some(Attachment {
        filename: "liste.json".into(),
        mime: "application/json".into(),
        content: "{}".into(),
    });
    // The first part goes through, the second meets a 429.
    tg.throttle_after(1, 1, 1).await;
    bot.queue(&[message]).await;
    let file = tg
        .wait_for(Duration::from_secs(20), |c| {
            c.method == "senddocument" && c.status == 200
        })
        .await
        .expect("the file arrives in the end");
    let parts: Vec<String> = tg
        .successful("sendmessage")
        .await
        .iter()
        .filter(|c| c.chat_id() == Some(ANNA))
        .map(|c| c.text().to_string())
        .collect();
    assert_eq!(parts.len(), 2, "{parts:#?}");
    assert!(parts[0].starts_with("Teil A") && parts[1].ends_with("Ende"));
    assert_eq!(
        tg.successful("senddocument").await.len(),
        1,
        "the file once: {file:?}"
    );
    let refused = tg.calls().await.iter().filter(|c| c.status == 429).count();
    assert_eq!(refused, 1);
    bot.stop().await;
}

/// A quiet bot answers as fast as a busy one: after a quiet spell longer than the HTTP
/// client's timeout (17 s), no long poll was cut off by the client (so no error and no
/// back-off) and the next command is answered at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_quiet_spell_the_next_command_is_answered_at_once() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    tokio::time::sleep(Duration::from_secs(20)).await;
    assert_eq!(tg.abandoned_polls(), 0, "the client hung up on a held poll");
    let asked = Instant::now();
    tg.say(&private(ANNA, "Anna"), &anna(), "/hilfe").await;
    let reply = tg.message_to(ANNA, "Das kann ich:").await;
    assert!(
        reply.at.duration_since(asked) < Duration::from_secs(5),
        "answered after {:?}",
        reply.at.duration_since(asked)
    );
    bot.stop().await;
}

/// The plenary on Telegram: the ballot card gets buttons, a reaction 👍 and a button press
/// are votes, a reaction taken back withdraws one, and a person who also votes from another
/// messenger (here the terminal chat, linked to her Telegram account) is one voter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plenary_votes_by_reaction_and_button_and_one_person_counts_once() {
    const BERT: i64 = 200;
    let db = TestDb::sqlite();
    let tg = StandIn::start().await;
    tg.open_private(ANNA).await;
    let mut bot = TelegramBot::start(&tg, &db, &[ANNA, BERT]).await;
    // Anna links her terminal account: the code comes to her private chat on Telegram.
    tg.say(&private(ANNA, "Anna"), &anna(), "/verknuepfen")
        .await;
    let code = allianz_tests::Bot::link_code_in(tg.message_to(ANNA, "-").await.text());
    let console = allianz_tests::Bot::console_of(bot.engine.clone());
    let linked = console.say("anna", &format!("/verknuepfen {code}")).await;
    assert!(
        linked.iter().any(|r| r.text.contains("Verknüpft")),
        "{linked:#?}"
    );

    for (line, answer) in [
        (
            "/initiative neu Tafel Suhl | Suhl | Lebensmittel retten | tafel@suhl.de",
            "Eingetragen",
        ),
        (
            "/runde neu Frühjahr 2027 | 1.000 € | Anträge bis 31.12.2099",
            "Runde 1: Frühjahr 2027",
        ),
        (
            "/antrag Kühlschrank | 400 € | Tafel Suhl | Lebensmittel kühlen",
            "Antrag A1",
        ),
        ("/antrag A1 zulassen", "zugelassen"),
        ("/abstimmung start", "Abstimmung über A1"),
    ] {
        tg.say(&buendnis(), &anna(), line).await;
        tg.message_to(GROUP, answer).await;
    }
    let card = tg.message_to(GROUP, "Abstimmung über A1").await;
    let card_id = card.result["message_id"].as_i64().unwrap();
    let keyboard = &card.params["reply_markup"]["inline_keyboard"];
    assert_eq!(keyboard[0][0]["callback_data"], "stimme:1:yes");
    assert_eq!(keyboard[0][1]["callback_data"], "stimme:1:no");
    let store = bot.engine.store().clone();
    let known = || async {
        let mut tx = store.begin().await.unwrap();
        tx.live_key_of(Platform::Telegram, &GROUP.to_string(), &card_id.to_string())
            .await
            .unwrap()
    };
    assert!(eventually(known, Option::is_some).await.is_some());

    // Anna votes yes in the terminal chat, then no by button on Telegram; Bert 👍.
    console.say("anna", "/stimme A1 ja").await;
    tg.press(&buendnis(), &anna(), card_id, "stimme:1:no").await;
    tg.react(&buendnis(), &user(BERT, "Bert"), card_id, &[], &["👍"])
        .await;
    let shown = |needle: &'static str| {
        let tg = &tg;
        async move {
            tg.wait_for(Duration::from_secs(20), |c| {
                c.method == "editmessagetext"
                    && c.params["message_id"] == card_id
                    && c.text().contains(needle)
            })
            .await
            .unwrap_or_else(|| panic!("the card shows {needle:?}"))
        }
    };
    shown("2 haben abgestimmt · 👍 1 · 👎 1 · 🤷 0").await;
    let answers = tg.successful("answercallbackquery").await;
    assert!(
        answers.iter().any(|a| a.params["text"]
            .as_str()
            .unwrap_or_default()
            .contains("nein")),
        "{answers:#?}"
    );
    // Bert takes his reaction back: his vote is withdrawn.
    tg.react(&buendnis(), &user(BERT, "Bert"), card_id, &["👍"], &[])
        .await;
    shown("1 haben abgestimmt · 👍 0 · 👎 1 · 🤷 0").await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_reaches_300_groups_and_its_report_names_the_one_that_failed() {
    let db = TestDb::sqlite();
    let (tg, mut bot) = setup(&db).await;
    const GROUPS: i64 = 300;
    let store = bot.engine.store().clone();
    let mut tx = store.begin().await.unwrap();
    for n in 1..=GROUPS {
        tx.connect_channel(&allianz_tests::open_channel(
            Platform::Telegram,
            &(-1_000_000 - n).to_string(),
            &format!("Gruppe {n}"),
        ))
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    // The bot was removed from one of them without anybody noticing yet.
    tg.kick(-1_000_007).await;

    tg.say(
        &private(ANNA, "Anna"),
        &anna(),
        "/ankuendigung Netzwerktreffen am Freitag\nhttps://beispiel.de/treffen",
    )
    .await;
    let report = tg.message_to(ANNA, "Ankündigung 1").await;
    let report_id = report.result["message_id"].as_i64().unwrap();
    let done = tg
        .wait_for(Duration::from_secs(60), |c| {
            c.method == "editmessagetext"
                && c.chat_id() == Some(ANNA)
                && c.text().contains("an 299 von 300 Kanälen zugestellt.")
        })
        .await
        .expect("the report's final word");
    assert_eq!(
        done.params["message_id"].as_i64(),
        Some(report_id),
        "edited in place"
    );
    assert!(
        done.text().contains("Gruppe 7") && done.text().contains("kicked"),
        "{}",
        done.text()
    );
    let sent = tg.successful("sendmessage").await;
    for n in (1..=GROUPS).filter(|n| *n != 7) {
        let to_group: Vec<_> = sent
            .iter()
            .filter(|c| c.chat_id() == Some(-1_000_000 - n))
            .collect();
        assert_eq!(to_group.len(), 1, "group {n} gets it once");
        assert!(
            to_group[0]
                .text()
                .contains("Netzwerktreffen am Freitag\nhttps://beispiel.de/treffen"),
            "{}",
            to_group[0].text()
        );
    }
    bot.stop().await;
}
