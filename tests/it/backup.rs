//! `allianz-bot backup <datei>`: a consistent copy of the SQLite database taken while the bot
//! keeps writing, which then serves as the database (the restore); PostgreSQL is pointed to
//! `pg_dump`.

use std::process::Output;

use allianz_tests::{Bot, TestDb};

use super::process::daemon;

fn backup(db_url: &str, dir: &std::path::Path, to: &std::path::Path) -> Output {
    daemon(db_url, dir)
        .arg("backup")
        .arg(to)
        .output()
        .expect("allianz-bot backup")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_taken_while_the_bot_writes_is_a_working_database() {
    let db = TestDb::sqlite();
    let bot = Bot::new(&db).await;
    bot.make_member("mia").await;
    bot.say(
        "lokal",
        "/termin neu in 3 Tagen 18 Uhr | Stammtisch vor der Sicherung",
    )
    .await;
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("sicherung.db");

    // The bot keeps taking commands while the copy is made.
    let writer = {
        let bot_engine = bot.engine.clone();
        tokio::spawn(async move {
            let bot = Bot::console_of(bot_engine);
            for n in 0..40 {
                bot.say(
                    "lokal",
                    &format!("/termin neu in 4 Tagen 1{} Uhr | Während {n}", n % 10),
                )
                .await;
            }
        })
    };
    let made = backup(db.url(), work.path(), &copy);
    writer.await.unwrap();
    assert!(made.status.success(), "{}", said(&made));
    assert!(said(&made).contains("sicherung.db"), "{}", said(&made));

    // Restored: the copy is the database of a bot that knows what was there before.
    let restored = TestDb::sqlite_at(&copy);
    let bot = Bot::new(&restored).await;
    // What was waiting to be sent when the copy was taken goes out from the restored bot.
    bot.deliver_all().await;
    let list = bot.ask("lokal", "/termine").await;
    assert!(list.contains("Stammtisch vor der Sicherung"), "{list}");
    assert_eq!(
        restored.count("members").await,
        db.count("members").await,
        "the members are all there"
    );
    let checked = daemon(restored.url(), work.path())
        .arg("check")
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", said(&checked));

    // An existing file is never overwritten.
    let before = std::fs::read(&copy).unwrap();
    let again = backup(db.url(), work.path(), &copy);
    assert!(!again.status.success());
    assert!(said(&again).contains("gibt es schon"), "{}", said(&again));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_is_backed_up_with_pg_dump() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    // The schema exists, as for a running bot.
    db.store().await;
    let work = tempfile::tempdir().unwrap();
    let to = work.path().join("sicherung.dump");
    let answered = backup(db.url(), work.path(), &to);
    assert_eq!(answered.status.code(), Some(1), "{}", said(&answered));
    assert!(said(&answered).contains("pg_dump"), "{}", said(&answered));
    assert!(!to.exists());
    db.cleanup().await;
}
