//! Roles, linked accounts (one person, one member) and the member's own data.

use allianz_tests::{Bot, TestDb};

allianz_tests::on_both_backends!(
    linked_accounts_are_one_person,
    roles_are_set_by_admins_and_announced,
    my_data_and_forgetting,
);

async fn linked_accounts_are_one_person(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    // In a group the code goes to the private chat.
    let group = bot.group_text("clara", "/verknuepfen");
    bot.handle(&group).await;
    let replies = bot.deliver_all().await;
    assert_eq!(replies.len(), 2, "{replies:#?}");
    let private = replies.iter().find(|r| r.private_to.is_some()).unwrap();
    assert_eq!(private.private_to.as_deref(), Some("console:clara"));
    assert!(replies.iter().any(|r| r.text.contains("privat geschickt")));
    let code = Bot::link_code_in(&private.text);

    let wrong = bot.ask("telegram:4711", "/verknuepfen 222222").await;
    assert!(wrong.contains("unbekannt oder abgelaufen"), "{wrong}");
    let linked = bot
        .ask(
            "telegram:4711",
            &format!("/verknuepfen {}", code.to_lowercase()),
        )
        .await;
    assert!(linked.contains("eine Person mit einer Stimme"), "{linked}");
    // The Telegram account now acts as Clara: same member, same rights.
    let me = bot.ask("telegram:4711", "/ich").await;
    assert!(
        me.contains("console:clara") && me.contains("telegram:4711"),
        "{me}"
    );
    let again = bot
        .ask("telegram:4711", &format!("/verknuepfen {code}"))
        .await;
    assert!(again.contains("unbekannt"), "a code works once: {again}");
    let mut tx = bot.store.begin().await.unwrap();
    assert_eq!(
        tx.count_members().await.unwrap(),
        2,
        "lokal and clara, not three"
    );
    drop(tx);

    // Someone else's account cannot be taken over with a code.
    bot.make_member("bert").await;
    let code = Bot::link_code_in(&bot.ask("clara", "/verknuepfen").await);
    let refused = bot.ask("bert", &format!("/verknuepfen {code}")).await;
    assert!(refused.contains("anderen Mitglied"), "{refused}");
}

async fn roles_are_set_by_admins_and_announced(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("bert").await;
    let replies = bot.say("lokal", "/rolle console:bert organisator").await;
    assert!(
        replies[0].text.contains("bert ist jetzt Organisator*in"),
        "{replies:#?}"
    );
    assert_eq!(replies[1].private_to.as_deref(), Some("console:bert"));
    let me = bot.ask("bert", "/ich").await;
    assert!(me.contains("Rolle: Organisator*in"), "{me}");
    // Organisers may archive any initiative.
    bot.make_member("clara").await;
    bot.ask(
        "clara",
        "/initiative neu Chor | Suhl | Singen | c@example.org",
    )
    .await;
    let archived = bot.ask("bert", "/initiative archivieren chor").await;
    assert!(archived.contains("archiviert"), "{archived}");
    let mine = bot.ask("lokal", "/rolle #1 mitglied").await;
    assert!(mine.contains("eigene Rolle"), "{mine}");
    let unknown = bot.ask("lokal", "/rolle telegram:999 admin").await;
    assert!(
        unknown.contains("finde ich nicht") && unknown.contains("Beispiel"),
        "{unknown}"
    );
}

async fn my_data_and_forgetting(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    bot.ask(
        "clara",
        "/initiative neu Chor | Suhl | Singen | c@example.org",
    )
    .await;
    let export = bot.say("clara", "/meine-daten").await;
    let file = export[0].attachment.as_ref().expect("a JSON file");
    let json: serde_json::Value = serde_json::from_str(&file.content).unwrap();
    assert_eq!(json["member"]["display_name"], "clara");
    assert_eq!(json["accounts"][0]["identity"], "console:clara");
    assert_eq!(json["initiatives"][0]["name"], "Chor");
    assert!(json["member"]["consent_at"].is_string());

    let ask = bot.ask("clara", "/vergessen").await;
    assert!(ask.contains("/vergessen bestätigen"), "{ask}");
    let done = bot.ask("clara", "/vergessen bestätigen").await;
    assert!(done.contains("gelöscht"), "{done}");
    let me = bot.ask("clara", "/ich").await;
    assert!(me.contains("noch kein Mitglied"), "{me}");
    let nothing = bot.ask("clara", "/meine-daten").await;
    assert!(nothing.contains("nichts gespeichert"), "{nothing}");
    let rows = db.fingerprint().await;
    assert!(!rows.iter().any(|r| r.contains("clara")), "{rows:#?}");
    // The initiative stays on the map, without a link to the person.
    let card = bot.ask("lokal", "/initiative Chor").await;
    assert!(card.contains("Chor"), "{card}");
}
