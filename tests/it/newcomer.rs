//! A newcomer's path through the real engine: invited, joined, code of conduct accepted,
//! initiative registered, found by another member — every step also with a wrong argument,
//! which gets a German answer with an example and changes nothing.

use allianz_tests::{Bot, TestDb};

allianz_tests::on_both_backends!(
    newcomer_path_with_a_wrong_argument_at_every_step,
    guided_form_survives_a_restart,
    non_members_get_a_hint_and_change_nothing,
    english_on_request,
    what_members_type_is_understood,
);

/// Typos, places and web addresses as members type them.
async fn what_members_type_is_understood(db: &TestDb) {
    let bot = Bot::new(db).await;
    // Help shows what one may use; all of it on request.
    let stranger = bot.ask("fremd", "/hilfe").await;
    assert!(
        !stranger.contains("/rolle") && stranger.contains("/hilfe alle"),
        "{stranger}"
    );
    assert!(bot.ask("lokal", "/hilfe").await.contains("/rolle"));
    assert!(bot.ask("fremd", "/hilfe alle").await.contains("/rolle"));
    let said = bot.ask("lokal", "/hlfe").await;
    assert!(said.contains("Meintest du /hilfe?"), "{said}");
    let said = bot.ask("lokal", "/termien").await;
    assert!(said.contains("Meintest du /termin"), "{said}");
    let said = bot
        .ask(
            "lokal",
            "/initiative neu Jugendclub | Zella-Mehlis | Treff | jc@example.org | www.jugendclub-zm.de",
        )
        .await;
    assert!(said.contains("Eingetragen"), "{said}");
    let card = bot.ask("lokal", "/initiative Jugendclub").await;
    assert!(card.contains("https://www.jugendclub-zm.de"), "{card}");
    bot.ask(
        "lokal",
        "/initiative neu Tafel Sömmerda | Sömmerda | Essen retten | t@example.org",
    )
    .await;
    let found = bot.ask("lokal", "/initiativen zella mehlis").await;
    assert!(found.contains("Jugendclub"), "{found}");
    let found = bot.ask("lokal", "/initiativen sommerda").await;
    assert!(found.contains("Tafel Sömmerda"), "{found}");
    let near = bot.ask("lokal", "/initiative Tafl Sömmerda").await;
    assert!(near.contains("Tafel Sömmerda"), "{near}");
    // Events by region, as the region's calendar has them.
    bot.say(
        "lokal",
        "/termin neu in 9 Tagen 18 Uhr | Stammtisch | Gasthaus in Suhl",
    )
    .await;
    bot.say("lokal", "/termin neu in 8 Tagen 18 Uhr | Jugendtreff")
        .await;
    bot.say("lokal", "/termin 2 region Zella-Mehlis").await;
    let list = bot.ask("lokal", "/termine zella mehlis").await;
    assert!(
        list.contains("Jugendtreff") && !list.contains("Stammtisch"),
        "{list}"
    );
    let none = bot.ask("lokal", "/termine suhl").await;
    assert!(
        none.contains("Keine Termine"),
        "only the region counts: {none}"
    );
}

/// Sends a bad command and checks: one answer, with an example, and no domain change.
async fn refused(bot: &Bot, db: &TestDb, who: &str, text: &str, expect: &str) {
    let before = db.fingerprint().await;
    let answer = bot.ask(who, text).await;
    assert!(answer.contains(expect), "{text} → {answer}");
    assert_eq!(db.fingerprint().await, before, "{text} changed data");
}

async fn newcomer_path_with_a_wrong_argument_at_every_step(db: &TestDb) {
    let bot = Bot::new(db).await;

    // The configured admin becomes a member on first contact.
    let me = bot.ask("lokal", "/ich").await;
    assert!(me.contains("Rolle: Admin"), "{me}");
    // The admin invites.
    refused(
        &bot,
        db,
        "lokal",
        "/einladen sofort",
        "Beispiel:\n  /einladen",
    )
    .await;
    let invite = bot.ask("lokal", "/einladen").await;
    assert!(invite.contains("Gültig bis"), "{invite}");
    let code = Bot::code_in(&invite);

    // The newcomer joins.
    refused(
        &bot,
        db,
        "clara",
        "/beitreten",
        "Beispiel:\n  /beitreten K7M4-Q2XP",
    )
    .await;
    refused(
        &bot,
        db,
        "clara",
        "/beitreten ABCD-EFGH",
        "Beispiel: /beitreten K7M4-Q2XP",
    )
    .await;
    refused(&bot, db, "clara", "/initiative neu", "/beitreten CODE").await;
    // Codes are read as people type them: lower case is fine.
    let welcome = bot
        .ask("clara", &format!("/beitreten {}", code.to_lowercase()))
        .await;
    assert!(welcome.contains("Verhaltenskodex") && welcome.contains("/kodex akzeptieren"));
    refused(
        &bot,
        db,
        "dora",
        &format!("/beitreten {code}"),
        "schon benutzt",
    )
    .await;

    // … accepts the code of conduct.
    refused(
        &bot,
        db,
        "clara",
        "/kodex vielleicht",
        "Beispiel:\n  /kodex akzeptieren",
    )
    .await;
    refused(
        &bot,
        db,
        "clara",
        "/initiative neu A | B | C | D",
        "/kodex akzeptieren",
    )
    .await;
    let welcome = bot.ask("clara", "/kodex akzeptieren").await;
    assert!(welcome.contains("Du bist jetzt Mitglied"), "{welcome}");

    // … registers an initiative.
    refused(
        &bot,
        db,
        "clara",
        "/initiative neu Tafel Sömmerda | Sömmerda",
        "Beispiel:\n  /initiative neu Tafel Suhl",
    )
    .await;
    refused(
        &bot,
        db,
        "clara",
        "/initiative neu Tafel Sömmerda | Sömmerda | Essen retten | tafel@example.org | tafel punkt de",
        "https://",
    )
    .await;
    let registered = bot
        .ask(
            "clara",
            "/initiative neu Tafel Sömmerda | Sömmerda | Wir retten Lebensmittel | \
             tafel@example.org | https://tafel-soemmerda.de | Armut, Ernährung",
        )
        .await;
    assert!(registered.contains("Eingetragen") && registered.contains("Region: Sömmerda"));
    refused(
        &bot,
        db,
        "clara",
        "/initiative neu tafel sömmerda | Erfurt | x | y",
        "gibt es schon",
    )
    .await;

    // … and another member finds it by region, spelled without umlauts.
    bot.make_member("bert").await;
    let found = bot.ask("bert", "/initiativen soemmerda").await;
    assert!(
        found.contains("Tafel Sömmerda (Sömmerda) – Armut, Ernährung"),
        "{found}"
    );
    let none = bot.ask("bert", "/initiativen Gotha").await;
    assert!(none.contains("keine Initiativen"), "{none}");
    let card = bot.ask("bert", "/initiative TAFEL SOEMMERDA").await;
    assert!(card.contains("Kontakt: tafel@example.org"), "{card}");
    refused(
        &bot,
        db,
        "bert",
        "/initiative Tafel Gotha",
        "finde ich nicht",
    )
    .await;
    // Only the owner (or organisers) may change it.
    refused(
        &bot,
        db,
        "bert",
        "/initiative bearbeiten Tafel Sömmerda | region | Erfurt",
        "Das darf nur",
    )
    .await;
    refused(
        &bot,
        db,
        "clara",
        "/initiative bearbeiten Tafel Sömmerda | farbe | blau",
        "kein Feld",
    )
    .await;
    let edited = bot
        .ask(
            "clara",
            "/initiative bearbeiten Tafel Sömmerda | region | Sömmerda-Nord",
        )
        .await;
    assert!(edited.contains("Region: Sömmerda-Nord"), "{edited}");
}

async fn guided_form_survives_a_restart(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let first = bot.ask("clara", "/initiative neu").await;
    assert!(first.contains("Wie heißt die Initiative?"), "{first}");
    bot.ask("clara", "Repair Café Suhl").await;
    // The daemon restarts in the middle of the form.
    let bot = Bot::new(db).await;
    let bad = bot.ask("clara", "   ").await;
    assert!(bad.contains("darf nicht leer sein"), "{bad}");
    bot.ask("clara", "Suhl").await;
    bot.ask("clara", "Wir reparieren gemeinsam").await;
    bot.ask("clara", "repair@example.org").await;
    let website = bot.ask("clara", "keine-url").await;
    assert!(website.contains("https://"), "{website}");
    bot.ask("clara", "-").await;
    let done = bot.ask("clara", "Umwelt, Nachbarschaft").await;
    assert!(done.contains("Eingetragen"), "{done}");
    let found = bot.ask("lokal", "/initiativen suhl").await;
    assert!(found.contains("Repair Café Suhl"), "{found}");
    // Cancelling leaves nothing behind.
    bot.ask("clara", "/initiative neu").await;
    bot.ask("clara", "Noch eine").await;
    let cancelled = bot.ask("clara", "/abbrechen").await;
    assert!(cancelled.contains("Abgebrochen"), "{cancelled}");
    let nothing = bot.ask("clara", "/initiativen noch eine").await;
    assert!(nothing.contains("keine Initiativen"), "{nothing}");
}

async fn non_members_get_a_hint_and_change_nothing(db: &TestDb) {
    let bot = Bot::new(db).await;
    for cmd in [
        "/einladen",
        "/initiative neu A | B | C | D",
        "/verknuepfen",
        "/initiative neu",
    ] {
        refused(&bot, db, "fremd", cmd, "/beitreten CODE").await;
    }
    refused(
        &bot,
        db,
        "fremd",
        "/rolle console:fremd admin",
        "/beitreten CODE",
    )
    .await;
    bot.make_member("bert").await;
    refused(&bot, db, "bert", "/rolle console:bert admin", "Admins").await;
    // Anyone may look at the map.
    let list = bot.ask("fremd", "/initiativen").await;
    assert!(list.contains("Noch keine Initiativen"), "{list}");
    // Unknown commands get an answer in private chats …
    let unknown = bot.ask("fremd", "/quatsch").await;
    assert!(unknown.contains("/hilfe"), "{unknown}");
    // … and chatter in a group is left alone.
    let chatter = bot.group_text("fremd", "Hallo zusammen!");
    bot.handle(&chatter).await;
    assert!(bot.deliver_all().await.is_empty());
}

async fn english_on_request(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("erin").await;
    let set = bot.ask("erin", "/sprache en").await;
    assert!(set.contains("in English"), "{set}");
    let error = bot.ask("erin", "/initiative new Tafel | Suhl").await;
    assert!(
        error.contains("Example:\n  /initiative new Tafel Suhl"),
        "{error}"
    );
    let help = bot.ask("erin", "/help join").await;
    assert!(
        help.contains("/join CODE") && help.contains("In German: /beitreten"),
        "{help}"
    );
    let back = bot.ask("erin", "/language de").await;
    assert!(back.contains("auf Deutsch"), "{back}");
}

/// Whatever arrives, the engine answers or stays silent: it never fails or panics, and
/// every event is taken in exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitrary_input_never_breaks_the_engine() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;

    let db = TestDb::sqlite();
    let bot = Bot::new(&db).await;
    bot.make_member("clara").await;
    let words = [
        "/initiative neu",
        "/initiative bearbeiten",
        "/rolle",
        "/beitreten",
        "/verknuepfen",
        "/kodex",
        "/initiativen",
        "/sprache",
        "/hilfe",
        "/vergessen",
        "/abbrechen",
        "",
    ];
    let strategy = (
        proptest::sample::select(words.to_vec()),
        "[ a-zA-ZäöüßÄÖÜ0-9|\"„“#:@._%\\\\-]{0,80}",
    );
    let mut runner = TestRunner::deterministic();
    for _ in 0..300 {
        let (word, rest) = strategy.new_tree(&mut runner).unwrap().current();
        let text = format!("{word} {rest}");
        let result = bot.engine.handle(&bot.text("clara", &text)).await;
        assert!(result.is_ok(), "{text}: {result:?}");
    }
}
