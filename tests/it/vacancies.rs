//! `/leerstand`: vacant places members share, found by place and kind, looked after by their
//! owner, reminded before they expire, and shown on the web view and its map.

use allianz_core::engine::public::VacancyFilter;
use allianz_tests::web::Site;
use allianz_tests::{Bot, TestDb};
use chrono::{Duration, Utc};

allianz_tests::on_both_backends!(
    a_vacant_place_is_listed_found_and_taken,
    owners_are_reminded_once_before_a_listing_expires_and_may_extend_it,
);

const BAKERY: &str = "/leerstand neu Ehemalige Bäckerei | Suhl, Steinweg 12 | Laden | 80 m² mit Schaufenster | 0170 123456";
const WORKSHOP: &str = "/leerstand neu Tischlerei am Bach | Zella-Mehlis | Werkstatt | Halle mit Starkstrom | ben@zm.example";

async fn a_vacant_place_is_listed_found_and_taken(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.make_member("ben").await;
    let listed = bot.ask("mia", BAKERY).await;
    assert!(listed.contains("L1"), "{listed}");
    assert!(listed.contains("Eingetragen bis"), "{listed}");
    bot.ask("ben", WORKSHOP).await;

    // Bad listings get an answer with an example and change nothing.
    let before = db.fingerprint().await;
    for (line, said) in [
        ("/leerstand neu Alte Post | Suhl", "fünf Angaben"),
        (
            "/leerstand neu Alte Post | Suhl | Schloss | schön | post@suhl.example",
            "Laden, Wohnung",
        ),
        ("/leerstand L7", "L7 gibt es nicht"),
        ("/leerstand L1 tanzen", "vergeben, verlängern"),
    ] {
        let answer = bot.ask("mia", line).await;
        assert!(answer.contains(said), "{line}: {answer}");
    }
    let refused = bot.ask("fremd", BAKERY).await;
    assert!(refused.contains("Mitglied"), "{refused}");
    let not_hers = bot.ask("mia", "/leerstand L2 vergeben").await;
    assert!(not_hers.contains("eingetragen hat"), "{not_hers}");
    assert_eq!(
        db.fingerprint().await,
        before,
        "refused input changed nothing"
    );

    // Found by kind and by place, as people write them.
    let all = bot.ask("fremd", "/leerstand").await;
    assert!(
        all.contains("Ehemalige Bäckerei") && all.contains("Tischlerei"),
        "{all}"
    );
    let shops = bot.ask("fremd", "/leerstand läden").await;
    assert!(
        shops.contains("Bäckerei") && !shops.contains("Tischlerei"),
        "{shops}"
    );
    let zella = bot.ask("fremd", "/leerstand zella mehlis").await;
    assert!(
        !zella.contains("Bäckerei") && zella.contains("Tischlerei"),
        "{zella}"
    );
    // The contact for members; for everyone only once the owner says so.
    assert!(!bot.ask("fremd", "/leerstand L1").await.contains("0170"));
    assert!(
        bot.ask("ben", "/leerstand L1")
            .await
            .contains("0170 123456")
    );

    bot.ask("mia", "/leerstand L1 ort 50.6098, 10.6934").await;
    let site = Site::serve(db, bot.engine.clone(), "Bündnis Suhl").await;
    let page = site.get("/leerstand").await;
    for shown in [
        "Ehemalige Bäckerei",
        "Tischlerei am Bach",
        "Werkstatt",
        "<circle",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    assert!(!page.body.contains("0170"), "contact not public yet");
    let shops = site.get("/api/leerstand?art=laden").await.json();
    assert_eq!(shops.as_array().unwrap().len(), 1);
    assert_eq!(shops[0]["kind"], "shop");
    assert!(shops[0]["contact"].is_null());
    let geo = site.get("/api/leerstand.geojson").await.json();
    assert_eq!(geo["features"].as_array().unwrap().len(), 1);
    assert_eq!(
        geo["features"][0]["geometry"]["coordinates"],
        serde_json::json!([10.6934, 50.6098])
    );
    bot.ask("mia", "/leerstand L1 kontakt öffentlich").await;
    assert!(site.get("/leerstand").await.body.contains("0170 123456"));

    // Taken: off the board, in the chat and on the web.
    let taken = bot.ask("mia", "/leerstand L1 vergeben").await;
    assert!(taken.contains("vergeben"), "{taken}");
    assert!(!bot.ask("fremd", "/leerstand").await.contains("Bäckerei"));
    assert!(!site.get("/leerstand").await.body.contains("Bäckerei"));
    assert!(
        bot.ask("fremd", "/leerstand L1")
            .await
            .contains("gibt es nicht")
    );
    let again = bot.ask("mia", "/leerstand L1 vergeben").await;
    assert!(again.contains("schon vergeben"), "{again}");
}

async fn owners_are_reminded_once_before_a_listing_expires_and_may_extend_it(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.make_member("ben").await;
    bot.ask("mia", BAKERY).await;
    bot.ask("ben", WORKSHOP).await;
    let now = Utc::now();
    // Nothing to say while the end is far.
    assert_eq!(bot.engine.remind_vacancies(now).await.unwrap(), 0);
    // A week before the 90 days end, each owner hears it once, privately.
    let week_before = now + Duration::days(84);
    assert_eq!(bot.engine.remind_vacancies(week_before).await.unwrap(), 2);
    let told = bot.deliver_all().await;
    let mia = told
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:mia"))
        .expect("mia is told");
    assert!(
        mia.text.contains("L1") && mia.text.contains("verlängern"),
        "{}",
        mia.text
    );
    assert_eq!(told.len(), 2, "{told:#?}");
    assert_eq!(
        bot.engine
            .remind_vacancies(week_before + Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    // Mia extends hers; Ben's ends.
    let extended = bot.ask("mia", "/leerstand L1 verlängern").await;
    assert!(extended.contains("bleibt eingetragen bis"), "{extended}");
    let after = now + Duration::days(91);
    let listed = bot
        .engine
        .public_vacancies(&VacancyFilter::default(), after)
        .await
        .unwrap();
    let titles: Vec<&str> = listed.iter().map(|v| v.title.as_str()).collect();
    assert_eq!(titles, vec!["Ehemalige Bäckerei"]);
}
