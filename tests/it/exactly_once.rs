//! Nothing is lost and nothing counts twice.

use std::sync::Arc;

use allianz_core::Handled;
use allianz_core::domain::Platform;
use allianz_tests::{Bot, TestDb};
use chrono::Utc;

allianz_tests::on_both_backends!(
    the_same_event_twice_has_one_effect,
    a_crash_between_commit_and_delivery_resends_and_never_reruns,
    concurrent_deliveries_of_one_event_count_once,
    concurrent_writers_never_fail,
    commands_at_once_are_each_kept_or_refused_alone,
    control_characters_are_removed_and_the_message_answered,
    an_event_that_keeps_failing_is_set_aside_and_the_next_one_answered,
    a_reply_wakes_the_sender_of_its_own_messenger_only,
);

const REGISTER: &str =
    "/initiative neu Tafel Suhl | Suhl | Essen retten | tafel@example.org | - | Armut";

async fn the_same_event_twice_has_one_effect(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let event = bot.text("clara", REGISTER);
    assert_eq!(
        bot.handle(&event).await,
        Handled::Processed {
            outgoing: 1,
            notice: None
        }
    );
    let after_first = db.fingerprint().await;
    assert_eq!(bot.handle(&event).await, Handled::Duplicate);
    assert_eq!(db.fingerprint().await, after_first);
    let replies = bot.deliver_all().await;
    assert_eq!(replies.len(), 1, "{replies:#?}");
    assert_eq!(
        replies[0].reply_to.as_deref(),
        Some(event.event_id.as_str())
    );
}

async fn a_crash_between_commit_and_delivery_resends_and_never_reruns(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let event = bot.text("clara", REGISTER);
    bot.handle(&event).await;
    // The process dies here: committed, nothing delivered.
    bot.store.close().await;
    drop(bot);

    let bot = Bot::new(db).await;
    let pending = bot
        .store
        .pending_outbox(Platform::Console, Utc::now(), 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1, "the reply waits in the outbox");
    // The platform delivers the event again (it was never acknowledged): no second run.
    assert_eq!(bot.handle(&event).await, Handled::Duplicate);
    let replies = bot.deliver_all().await;
    assert_eq!(replies.len(), 1);
    assert!(replies[0].text.contains("Eingetragen"));
    assert!(bot.deliver_all().await.is_empty(), "sent once");
    let list = bot.ask("clara", "/initiativen suhl").await;
    assert_eq!(list.matches("Tafel Suhl").count(), 1, "{list}");
}

async fn concurrent_deliveries_of_one_event_count_once(db: &TestDb) {
    let bot = Arc::new(Bot::new(db).await);
    bot.make_member("clara").await;
    let event = bot.text("clara", REGISTER);
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let (bot, event) = (bot.clone(), event.clone());
            tokio::spawn(async move { bot.engine.handle(&event).await })
        })
        .collect();
    let mut processed = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(Handled::Processed { .. }) => processed += 1,
            Ok(Handled::Duplicate) => {}
            Ok(Handled::SetAside) => panic!("a good event was set aside"),
            // A loser of the race may fail (PostgreSQL serialises on the inbox key); the
            // platform would deliver again and then get a Duplicate.
            Err(e) => eprintln!("concurrent attempt failed: {e}"),
        }
    }
    assert_eq!(processed, 1);
    assert_eq!(bot.deliver_all().await.len(), 1);
}

async fn concurrent_writers_never_fail(db: &TestDb) {
    // Two independent stores on one database, as two processes would have.
    let first = Arc::new(Bot::new(db).await);
    let second = Arc::new(Bot::new(db).await);
    first.make_member("clara").await;
    let mut tasks = Vec::new();
    for (n, bot) in [first.clone(), second.clone()].into_iter().enumerate() {
        for i in 0..20 {
            let bot = bot.clone();
            tasks.push(tokio::spawn(async move {
                let text = format!(
                    "/initiative neu Gruppe {n}-{i} | Region {n} | Text | k@example.org | - | T"
                );
                bot.engine.handle(&bot.text("clara", &text)).await
            }));
        }
    }
    for task in tasks {
        let result = task.await.unwrap();
        assert!(result.is_ok(), "a writer failed: {result:?}");
    }
    first.deliver_all().await;
    let list = first.ask("lokal", "/initiativen gruppe").await;
    assert_eq!(list.matches("• Gruppe").count(), 30, "{list}");
    assert!(list.contains("und weitere"), "{list}");
}

/// Many commands at once (on SQLite they share commits): every good one is kept and
/// answered, every bad one is answered and changes nothing, also when they are interleaved.
async fn commands_at_once_are_each_kept_or_refused_alone(db: &TestDb) {
    let bot = Arc::new(Bot::new(db).await);
    bot.make_member("clara").await;
    let taken_in = db.count("inbox").await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let bot = bot.clone();
        tasks.push(tokio::spawn(async move {
            // Every other command lacks its region: refused, with an example.
            let text = if i % 2 == 0 {
                format!("/initiative neu Gruppe {i} | Suhl | Text | k@example.org | - | T")
            } else {
                format!("/initiative neu Gruppe {i}")
            };
            bot.handle(&bot.text("clara", &text)).await
        }));
    }
    for task in tasks {
        assert!(matches!(task.await.unwrap(), Handled::Processed { .. }));
    }
    let replies = bot.deliver_all().await;
    assert_eq!(replies.len(), 40, "one answer per command: {replies:#?}");
    assert_eq!(db.count("initiatives").await, 20);
    assert_eq!(db.count("inbox").await, taken_in + 40);
    let list = bot.ask("lokal", "/initiativen gruppe").await;
    let mut listed: Vec<u32> = list
        .lines()
        .filter_map(|l| l.strip_prefix("• Gruppe "))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .collect();
    listed.sort();
    assert_eq!(listed, (0..40).step_by(2).collect::<Vec<u32>>(), "{list}");
}

/// Counts what one daemon's outbox sender hands to "the platform".
struct Counting(std::sync::Mutex<Vec<i64>>);

#[async_trait::async_trait]
impl allianz_bot::outbox::Deliver for Counting {
    fn platform(&self) -> Platform {
        Platform::Console
    }

    async fn deliver(
        &self,
        item: &allianz_core::store::OutboxItem,
    ) -> Result<Option<String>, allianz_bot::outbox::DeliveryError> {
        self.0.lock().unwrap().push(item.id);
        Ok(None)
    }
}

/// Two daemons on one PostgreSQL: only the one holding the sender lock delivers, each
/// message once; when it stops, the other takes over.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_daemons_on_one_database_deliver_each_message_once() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let bot = Bot::new(&db).await;
    let daemon = |stop: tokio::sync::watch::Receiver<bool>| {
        let db = &db;
        async move {
            let engine = Arc::new(allianz_core::Engine::new(
                db.store().await,
                allianz_core::EngineConfig::default(),
            ));
            let counting = Arc::new(Counting(std::sync::Mutex::new(Vec::new())));
            let outbox = allianz_bot::outbox::Outbox::new(engine, counting.clone());
            (counting, tokio::spawn(outbox.run(stop)))
        }
    };
    let (stop_a, a_rx) = tokio::sync::watch::channel(false);
    let (stop_b, b_rx) = tokio::sync::watch::channel(false);
    let (a, a_task) = daemon(a_rx).await;
    let (b, b_task) = daemon(b_rx).await;
    let total = |a: &Counting, b: &Counting| a.0.lock().unwrap().len() + b.0.lock().unwrap().len();
    for i in 0..30 {
        bot.handle(&bot.text(&format!("p{i}"), "/hilfe")).await;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while total(&a, &b) < 30 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A while longer: a second sender would have had time to repeat something.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let (sent_a, sent_b) = (a.0.lock().unwrap().clone(), b.0.lock().unwrap().clone());
    assert_eq!(sent_a.len() + sent_b.len(), 30, "each message once");
    assert!(
        sent_a.is_empty() || sent_b.is_empty(),
        "one sender at a time"
    );

    // The sender stops (its connection and lock go with it): the other one takes over.
    // (Both stop signals stay alive: a dropped one would stop its daemon too.)
    let other = if sent_a.is_empty() {
        stop_b.send(true).unwrap();
        b_task.await.unwrap();
        a.clone()
    } else {
        stop_a.send(true).unwrap();
        a_task.await.unwrap();
        b.clone()
    };
    for i in 0..5 {
        bot.handle(&bot.text(&format!("q{i}"), "/hilfe")).await;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while other.0.lock().unwrap().len() < 5 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(other.0.lock().unwrap().len(), 5);
    let _ = (stop_a, stop_b);
}

/// A NUL byte (PostgreSQL refuses it in text) or an escape sequence from any Telegram user
/// used to stop the bot for everyone: now they are removed before anything is stored.
async fn control_characters_are_removed_and_the_message_answered(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let said = bot
        .ask(
            "clara",
            "/initiative neu Null\u{0}Byte | Suhl | Essen \u{1b}[31mretten | t@example.org",
        )
        .await;
    assert!(said.contains("NullByte"), "{said}");
    let shown = bot.ask("lokal", "/initiative NullByte").await;
    assert!(shown.contains("Essen [31mretten"), "{shown}");
}

/// One event that fails every time (here: the database refuses it) must not stop the bot:
/// after a few tries it is set aside, admins are told, and the next event is answered.
async fn an_event_that_keeps_failing_is_set_aside_and_the_next_one_answered(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    match db {
        TestDb::Sqlite { .. } => {
            db.execute(
                "CREATE TRIGGER kaputt BEFORE INSERT ON initiatives WHEN NEW.name = 'Kaputt' \
                 BEGIN SELECT RAISE(ABORT, 'kaputt'); END;",
            )
            .await
        }
        TestDb::Postgres { .. } => {
            db.execute(
                "CREATE FUNCTION kaputt() RETURNS trigger AS $$ BEGIN \
                 IF NEW.name = 'Kaputt' THEN RAISE EXCEPTION 'kaputt'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER kaputt BEFORE INSERT ON initiatives \
                 FOR EACH ROW EXECUTE FUNCTION kaputt();",
            )
            .await
        }
    }
    let bad = bot.text("clara", "/initiative neu Kaputt | Suhl | x | k@example.org");
    // The platform repeats an event that was not taken in: twice it fails.
    assert!(bot.engine.handle(&bad).await.is_err());
    assert!(bot.engine.handle(&bad).await.is_err());
    assert_eq!(bot.handle(&bad).await, Handled::SetAside);
    assert_eq!(bot.handle(&bad).await, Handled::Duplicate);
    let told = bot.deliver_all().await;
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].private_to.as_deref(), Some("console:lokal"));
    assert!(told[0].text.contains("übersprungen"), "{}", told[0].text);
    let set_aside = bot.store.dead_letters(10).await.unwrap();
    assert_eq!(set_aside.len(), 1);
    assert_eq!(set_aside[0].event_id, bad.event_id);
    assert_eq!(set_aside[0].kind, "text");
    assert!(!set_aside[0].error.contains("Kaputt |"), "no content kept");
    // Everything after it is answered as usual.
    let next = bot.ask("clara", "/ich").await;
    assert!(next.contains("clara"), "{next}");
}

/// Whether the signal fired since it was last looked at (it keeps one that came meanwhile).
fn woken(signal: &tokio::sync::Notify) -> bool {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let notified = std::pin::pin!(signal.notified());
    matches!(
        notified.poll(&mut Context::from_waker(Waker::noop())),
        Poll::Ready(())
    )
}

async fn a_reply_wakes_the_sender_of_its_own_messenger_only(db: &TestDb) {
    let bot = Bot::new(db).await;
    let console = bot.engine.outbox_listener(Platform::Console);
    let telegram = bot.engine.outbox_listener(Platform::Telegram);
    let matrix = bot.engine.outbox_listener(Platform::Matrix);

    bot.handle(&bot.text("telegram:42", "/hilfe")).await;
    assert!(woken(&telegram), "the Telegram sender has a reply to send");
    assert!(
        !woken(&console) && !woken(&matrix),
        "the others have nothing"
    );

    bot.handle(&bot.text("lokal", "/hilfe")).await;
    assert!(woken(&console));
    assert!(!woken(&telegram) && !woken(&matrix));
    // Nothing is kept back: the terminal chat's reply is still there to be sent.
    assert_eq!(bot.deliver_all().await.len(), 2);
}
