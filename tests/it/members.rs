//! Roles, linked accounts (one person, one member) and the member's own data.

use allianz_tests::{Bot, TestDb};

allianz_tests::on_both_backends!(
    linked_accounts_are_one_person,
    a_guessed_link_code_is_locked_out_and_a_link_can_be_undone,
    invitation_codes_go_privately_and_die_after_wrong_guesses,
    a_flood_of_commands_is_answered_once_and_changes_nothing,
    invitations_and_polls_have_their_own_limits,
    roles_are_set_by_admins_and_announced,
    people_are_named_as_people_write_them,
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
    let replies = bot
        .say(
            "telegram:4711",
            &format!("/verknuepfen {}", code.to_lowercase()),
        )
        .await;
    let linked = &replies
        .iter()
        .find(|r| r.private_to.is_none())
        .unwrap()
        .text;
    assert!(linked.contains("eine Person mit einer Stimme"), "{linked}");
    // Clara's other account hears of it, with the way back.
    let notice = replies
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:clara"))
        .expect("clara is told");
    assert!(
        notice.text.contains("/verknuepfen lösen telegram:4711"),
        "{}",
        notice.text
    );
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

/// A six-character code with unlimited tries could be guessed; now every account has a few
/// tries an hour, every code a few wrong guesses, and the member hears of every new link.
async fn a_guessed_link_code_is_locked_out_and_a_link_can_be_undone(db: &TestDb) {
    let bot = Bot::new(db).await;
    let code = Bot::link_code_in(&bot.ask("lokal", "/verknuepfen").await);
    let handle = &code[..4];
    // An attacker who somehow knows the handle guesses the rest, from two accounts.
    for attempt in 0..3 {
        let guess = format!("{handle}-2222-222{}", ["A", "B", "C", "D", "E"][attempt]);
        let wrong = bot
            .ask("telegram:666", &format!("/verknuepfen {guess}"))
            .await;
        assert!(wrong.contains("unbekannt"), "{wrong}");
    }
    let mut told = Vec::new();
    for attempt in 3..5 {
        let guess = format!("{handle}-2222-222{}", ["A", "B", "C", "D", "E"][attempt]);
        told = bot
            .say("telegram:667", &format!("/verknuepfen {guess}"))
            .await;
    }
    // The fifth wrong guess voids the code, and the admin is told.
    assert!(
        told.iter().any(
            |r| r.private_to.as_deref() == Some("console:lokal") && r.text.contains("gesperrt")
        ),
        "{told:#?}"
    );
    let mut tx = bot.store.begin().await.unwrap();
    assert_eq!(
        tx.link_code_by_handle(handle)
            .await
            .unwrap()
            .unwrap()
            .failed_attempts,
        5
    );
    drop(tx);
    let right = bot
        .ask("telegram:667", &format!("/verknuepfen {code}"))
        .await;
    assert!(right.contains("gesperrt"), "even the right code: {right}");
    let me = bot.ask("telegram:667", "/ich").await;
    assert!(me.contains("noch kein Mitglied"), "{me}");

    // One account typing wrong codes is locked out for an hour, also for a good code.
    let code = Bot::link_code_in(&bot.ask("lokal", "/verknuepfen").await);
    for n in 0..5 {
        let said = bot
            .ask("telegram:668", &format!("/verknuepfen ZZZZ-2222-222{n}"))
            .await;
        assert_eq!(said.contains("eine Stunde"), n == 4, "{said}");
    }
    let locked = bot
        .ask("telegram:668", &format!("/verknuepfen {code}"))
        .await;
    assert!(locked.contains("eine Stunde"), "{locked}");

    // A link the member did not make is undone from one of their own accounts.
    let replies = bot
        .say("telegram:700", &format!("/verknuepfen {code}"))
        .await;
    let notice = replies
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:lokal"))
        .expect("the member is told");
    assert!(notice.text.contains("telegram:700"), "{}", notice.text);
    let own = bot
        .ask("telegram:700", "/verknuepfen lösen telegram:700")
        .await;
    assert!(own.contains("nicht lösen"), "{own}");
    let undone = bot.ask("lokal", "/verknuepfen lösen").await;
    assert!(undone.contains("telegram:700"), "{undone}");
    let me = bot.ask("telegram:700", "/ich").await;
    assert!(me.contains("noch kein Mitglied"), "{me}");
}

/// Codes posted in a group could be redeemed by anyone reading along: they go privately.
/// A code guessed at too often is void, and whoever made it is told.
async fn invitation_codes_go_privately_and_die_after_wrong_guesses(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.handle(&bot.group_text("lokal", "/einladen")).await;
    let replies = bot.deliver_all().await;
    let private = replies
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:lokal"))
        .expect("the code goes privately");
    let code = Bot::code_in(&private.text);
    let in_group: Vec<_> = replies.iter().filter(|r| r.private_to.is_none()).collect();
    assert_eq!(in_group.len(), 1, "{replies:#?}");
    assert!(!in_group[0].text.contains(&code), "{}", in_group[0].text);
    assert!(in_group[0].text.contains("privat"), "{}", in_group[0].text);

    let handle = &code[..4];
    let mut told = Vec::new();
    for n in 0..5 {
        let guesser = format!("telegram:80{n}");
        told = bot
            .say(&guesser, &format!("/beitreten {handle} 2222 2222"))
            .await;
    }
    assert!(
        told.iter().any(
            |r| r.private_to.as_deref() == Some("console:lokal") && r.text.contains("gesperrt")
        ),
        "{told:#?}"
    );
    let mut tx = bot.store.begin().await.unwrap();
    let invitation = tx.invitation_by_handle(handle).await.unwrap().unwrap();
    assert_eq!(invitation.failed_attempts, 5);
    assert_eq!(invitation.used_by, None);
    drop(tx);
    let late = bot.ask("anna", &format!("/beitreten {code}")).await;
    assert!(late.contains("gesperrt"), "{late}");
}

async fn roles_are_set_by_admins_and_announced(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("bert").await;
    let replies = bot.say("lokal", "/rolle console:bert organisator").await;
    assert!(
        replies[0].text.contains("bert ist jetzt Organisator:in"),
        "{replies:#?}"
    );
    assert_eq!(replies[1].private_to.as_deref(), Some("console:bert"));
    let me = bot.ask("bert", "/ich").await;
    assert!(me.contains("Rolle: Organisator:in"), "{me}");
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
    assert_eq!(json["members"]["rows"][0]["display_name"], "clara");
    assert_eq!(
        json["member_identities"]["rows"][0]["identity"],
        "console:clara"
    );
    assert_eq!(json["initiatives"]["rows"][0]["name"], "Chor");
    assert!(json["members"]["rows"][0]["consent_at"].is_string());

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

/// One person (with all their accounts) cannot flood the bot: beyond the limit they are
/// told once, then ignored until the minute is over; nothing beyond it is done, and others
/// go on being answered. Invitations and polls have their own, longer limits.
async fn a_flood_of_commands_is_answered_once_and_changes_nothing(db: &TestDb) {
    let config = allianz_core::EngineConfig {
        admins: vec![allianz_core::domain::PlatformIdentity::console("lokal").unwrap()],
        limits: allianz_core::Limits {
            commands_per_minute: 5,
            invitations_per_day: 2,
            polls_per_hour: 1,
        },
        ..allianz_core::EngineConfig::default()
    };
    let bot = Bot::with_config(db, config).await;
    bot.make_member("clara").await;
    for n in 0..3 {
        let said = bot
            .ask(
                "clara",
                &format!("/initiative neu Chor {n} | Suhl | Singen | c@example.org"),
            )
            .await;
        assert!(said.contains("Eingetragen"), "{said}");
    }
    bot.ask("clara", "/ich").await;
    // The fifth command within the minute (make_member took two) is answered "Moment".
    let before = db.fingerprint().await;
    let told = bot
        .ask(
            "clara",
            "/initiative neu Chor 9 | Suhl | Singen | c@example.org",
        )
        .await;
    assert!(told.contains("Moment, bitte"), "{told}");
    let silent = bot.say("clara", "/ich").await;
    assert!(silent.is_empty(), "told once, then quiet: {silent:#?}");
    assert_eq!(db.fingerprint().await, before, "nothing was done");
    // Someone else is answered as usual.
    assert!(bot.ask("lokal", "/ich").await.contains("lokal"));
}

async fn invitations_and_polls_have_their_own_limits(db: &TestDb) {
    let config = allianz_core::EngineConfig {
        admins: vec![allianz_core::domain::PlatformIdentity::console("lokal").unwrap()],
        limits: allianz_core::Limits {
            commands_per_minute: 100,
            invitations_per_day: 2,
            polls_per_hour: 1,
        },
        ..allianz_core::EngineConfig::default()
    };
    let bot = Bot::with_config(db, config).await;
    // Invitations: two a day.
    bot.ask("lokal", "/einladen").await;
    bot.ask("lokal", "/einladen").await;
    let third = bot.ask("lokal", "/einladen").await;
    assert!(third.contains("2 Einladungen"), "{third}");
    // Polls: one an hour.
    bot.ask("lokal", "/umfrage Grillen? | Ja | Nein").await;
    let second = bot.ask("lokal", "/umfrage Wandern? | Ja | Nein").await;
    assert!(second.contains("eine Umfrage gestellt"), "{second}");
}

/// `/rolle anna organisator` names a person by name; two Annas are asked back with their
/// numbers; a typo gets a suggestion; `/mitglieder` lists names, roles and messengers for
/// organisers only, privately when asked in a group.
async fn people_are_named_as_people_write_them(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("anna").await;
    bot.make_member("bert").await;
    let replies = bot.say("lokal", "/rolle Anna organisator").await;
    assert!(
        replies[0].text.contains("anna ist jetzt Organisator:in"),
        "{replies:#?}"
    );
    let near = bot.ask("lokal", "/rolle ana mitglied").await;
    assert!(near.contains("Meintest du: anna (#2)"), "{near}");

    // A second Anna, on Telegram.
    let code = Bot::code_in(&bot.ask("lokal", "/einladen").await);
    for line in [
        format!("/beitreten {code}"),
        "/kodex akzeptieren".to_string(),
    ] {
        let mut incoming = bot.text("telegram:777", &line);
        incoming.sender_name = Some("Anna".into());
        bot.handle(&incoming).await;
    }
    bot.deliver_all().await;
    // Known on Telegram as @anna_k: named by that handle.
    let mut hello = bot.text("telegram:777", "/ich");
    hello.sender_handle = Some("Anna_K".into());
    bot.handle(&hello).await;
    bot.deliver_all().await;
    let by_handle = bot.say("lokal", "/rolle @anna_k organisator").await;
    assert!(
        by_handle[0].text.contains("Anna ist jetzt Organisator:in"),
        "{by_handle:#?}"
    );
    let which = bot.ask("lokal", "/rolle anna mitglied").await;
    assert!(
        which.contains("mehrere") && which.contains("#2 anna") && which.contains("telegram:777"),
        "{which}"
    );
    let by_number = bot.say("lokal", "/rolle #4 organisator").await;
    assert!(
        by_number[0].text.contains("Anna ist jetzt"),
        "{by_number:#?}"
    );

    // The list: for organisers, with roles and messengers.
    let list = bot.ask("lokal", "/mitglieder").await;
    assert!(list.contains("Mitglieder (4)"), "{list}");
    assert!(list.contains("#3 bert – Mitglied · console:bert"), "{list}");
    let search = bot.ask("lokal", "/mitglieder telegram").await;
    assert!(
        search.contains("Mitglieder (1)") && search.contains("Anna"),
        "{search}"
    );
    let refused = bot.ask("bert", "/mitglieder").await;
    assert!(refused.contains("Organisator:innen"), "{refused}");
    bot.handle(&bot.group_text("lokal", "/mitglieder")).await;
    let replies = bot.deliver_all().await;
    let private = replies
        .iter()
        .find(|r| r.private_to.is_some())
        .expect("privately");
    assert!(private.text.contains("bert"), "{}", private.text);
    assert!(
        replies
            .iter()
            .filter(|r| r.private_to.is_none())
            .all(|r| !r.text.contains("bert")),
        "{replies:#?}"
    );
}
