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
