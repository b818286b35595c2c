//! The public web view as a reader and a program meet it: pages, JSON, GeoJSON for uMap, the
//! news as Atom (read back with an independent parser, `atom_syndication`), and the server's
//! own guards. What the web must never show is walked in `visibility.rs`.

use allianz_core::domain::Visibility;
use allianz_tests::web::Site;
use allianz_tests::{Bot, TestDb};
use chrono::{Datelike, Duration, Utc};
use chrono_tz::Europe::Berlin;

allianz_tests::on_both_backends!(
    a_reader_finds_coming_and_past_meetups_with_their_documentation,
    initiatives_are_found_by_region_topic_and_text_and_stand_on_the_map,
    public_announcements_are_news_on_the_page_and_in_feed_readers,
);

/// A weekly Stammtisch in Zella-Mehlis that began two weeks ago (last week's documented) and
/// a Repair-Café in Suhl in ten days; an internal meeting that must not show.
async fn meetups(db: &TestDb) -> Bot {
    let bot = Bot::new(db).await;
    let today = Utc::now().with_timezone(&Berlin).date_naive();
    let first = (today - Duration::days(14)).and_hms_opt(19, 0, 0).unwrap();
    let weekly = allianz_core::schedule::Recurrence {
        rule: allianz_core::schedule::Rule::Weekly {
            interval: 1,
            days: vec![first.weekday()],
        },
        until: None,
    };
    let created = Utc::now() - Duration::days(20);
    let mut stammtisch = allianz_tests::test_event(first, Some(weekly), vec![], created);
    stammtisch.region = Some("Zella-Mehlis".into());
    stammtisch.place = Some("Bürgerhaus".into());
    let mut cafe = allianz_tests::test_event(
        (today + Duration::days(10)).and_hms_opt(15, 0, 0).unwrap(),
        None,
        vec![],
        created,
    );
    cafe.title = "Repair-Café".into();
    cafe.region = Some("Suhl".into());
    let mut internal = allianz_tests::test_event(
        (today + Duration::days(3)).and_hms_opt(18, 0, 0).unwrap(),
        None,
        vec![],
        created,
    );
    internal.title = "Vorstandsklausur".into();
    internal.visibility = Visibility::Members;
    let mut tx = bot.store.begin().await.unwrap();
    let id = tx.insert_event(&stammtisch).await.unwrap();
    tx.insert_event(&cafe).await.unwrap();
    tx.insert_event(&internal).await.unwrap();
    tx.commit().await.unwrap();
    let documented = first + Duration::days(7);
    let done = bot
        .ask(
            "lokal",
            &format!(
                "/termin {id} doku {} https://cloud.example.org/protokoll | Viele neue Gesichter\nNächstes Mal: Leerstand",
                documented.format("%d.%m.%Y")
            ),
        )
        .await;
    assert!(done.contains("Dokumentation"), "{done}");
    bot
}

async fn a_reader_finds_coming_and_past_meetups_with_their_documentation(db: &TestDb) {
    let bot = meetups(db).await;
    let site = Site::serve(db, bot.engine.clone(), "Bündnis Suhl").await;

    let coming = site.get("/termine").await;
    assert_eq!(coming.status, 200);
    assert!(coming.header("content-type").starts_with("text/html"));
    for shown in ["Stammtisch", "Repair-Café", "Bürgerhaus", "/kalender.ics"] {
        assert!(coming.body.contains(shown), "{shown}: {}", coming.body);
    }
    assert!(!coming.body.contains("Vorstandsklausur"));
    // The Stammtisch's next date comes before the Repair-Café, as in a calendar.
    assert!(coming.body.find("Stammtisch") < coming.body.find("Repair-Café"));

    // A region as people write it, with its own calendar to subscribe to.
    let zella = site.get("/termine?region=zella%20mehlis").await;
    assert!(zella.body.contains("Stammtisch"), "{}", zella.body);
    assert!(!zella.body.contains("Repair-Café"));
    assert!(zella.body.contains("/kalender/zella%20mehlis.ics"));
    let feed = site.get("/kalender/zella%20mehlis.ics").await;
    assert!(feed.body.contains("BEGIN:VCALENDAR") && feed.body.contains("Stammtisch"));
    assert!(!feed.body.contains("Repair-Café"));

    let past = site.get("/termine/vergangen").await;
    for shown in [
        "Viele neue Gesichter",
        "Nächstes Mal: Leerstand",
        "https://cloud.example.org/protokoll",
    ] {
        assert!(past.body.contains(shown), "{shown}: {}", past.body);
    }
    assert!(!past.body.contains("Repair-Café"), "not yet past");

    // The same as data: local times with their offset, the next date first.
    let api = site.get("/api/termine").await.json();
    let dates = api.as_array().unwrap();
    assert_eq!(dates[0]["title"], "Stammtisch");
    let start = chrono::DateTime::parse_from_rfc3339(dates[0]["start"].as_str().unwrap())
        .expect("RFC 3339");
    assert!(start > Utc::now());
    assert_eq!(start.time().format("%H:%M").to_string(), "19:00");
    assert!(
        dates
            .iter()
            .all(|d| d["title"] != "Vorstandsklausur" && d["documentation"].is_null())
    );
    let past = site.get("/api/termine/vergangen").await.json();
    let documented = past
        .as_array()
        .unwrap()
        .iter()
        .find(|d| !d["documentation"].is_null())
        .expect("the documented date");
    assert_eq!(
        documented["documentation"]["link"],
        "https://cloud.example.org/protokoll"
    );
    // Latest first.
    assert!(past[0]["start"].as_str() > past[1]["start"].as_str());
}

async fn initiatives_are_found_by_region_topic_and_text_and_stand_on_the_map(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.make_member("ben").await;
    for line in [
        "/initiative neu Tafel Suhl | Suhl | Wir retten Lebensmittel | tafel@suhl.example | https://tafel-suhl.example | Armut, Ernährung",
        "/initiative neu Dorfladen Plus | Zella-Mehlis | Ein Laden für alle im Dorf | laden@zm.example | - | Nahversorgung",
        "/initiative neu Jugendclub Nord | Suhl | Treffpunkt für Jugendliche | jc@suhl.example | - | Jugend",
    ] {
        let said = bot.ask("mia", line).await;
        assert!(said.contains("Eingetragen"), "{said}");
    }
    // Places as they are handed over: coordinates, an OpenStreetMap link.
    let placed = bot
        .ask("mia", "/initiative Tafel Suhl ort 50.6098, 10.6934")
        .await;
    assert!(placed.contains("auf der Karte"), "{placed}");
    assert!(placed.contains("openstreetmap.org"), "{placed}");
    let placed = bot
        .ask(
            "mia",
            "/initiative Dorfladen Plus ort https://www.openstreetmap.org/?mlat=50.6533&mlon=10.6644#map=16/50.6533/10.6644",
        )
        .await;
    assert!(placed.contains("auf der Karte"), "{placed}");

    // Not a place, or not theirs: an answer, and nothing changes.
    let before = db.fingerprint().await;
    let bad = bot
        .ask("mia", "/initiative Jugendclub Nord ort 95.1, 200")
        .await;
    assert!(bad.contains("kein Ort") && bad.contains("50.6098"), "{bad}");
    let not_theirs = bot
        .ask("ben", "/initiative Jugendclub Nord ort 50.61, 10.70")
        .await;
    assert!(!not_theirs.contains("auf der Karte"), "{not_theirs}");
    assert_eq!(
        db.fingerprint().await,
        before,
        "refused input changed nothing"
    );
    // A name with the word "Ort" in it is still a name.
    let shown = bot.ask("mia", "/initiative Jugendclub Nord").await;
    assert!(shown.contains("Treffpunkt"), "{shown}");

    bot.ask("mia", "/initiative Dorfladen Plus kontakt öffentlich")
        .await;
    let site = Site::serve(db, bot.engine.clone(), "Bündnis Suhl").await;
    let all = site.get("/initiativen").await;
    for shown in [
        "Tafel Suhl",
        "Dorfladen Plus",
        "Jugendclub Nord",
        "<svg",
        "laden@zm.example",
    ] {
        assert!(all.body.contains(shown), "{shown}: {}", all.body);
    }
    assert!(
        !all.body.contains("tafel@suhl.example"),
        "contact not chosen public"
    );
    // Two dots on the drawing, one per placed initiative, each leading to its entry.
    assert_eq!(all.body.matches("<circle").count(), 2);
    assert!(
        all.body
            .contains("openstreetmap.org/?mlat=50.609800&amp;mlon=10.693400")
    );

    for (query, wanted, not) in [
        ("?region=suhl", "Jugendclub Nord", "Dorfladen Plus"),
        ("?thema=ernaehrung", "Tafel Suhl", "Jugendclub Nord"),
        ("?q=laden", "Dorfladen Plus", "Tafel Suhl"),
    ] {
        let page = site.get(&format!("/initiativen{query}")).await;
        assert!(page.body.contains(wanted), "{query}: {}", page.body);
        assert!(
            !page.body.contains(&format!("<h2>{not}</h2>")),
            "{query} shows {not}"
        );
        let data = site.get(&format!("/api/initiativen{query}")).await.json();
        let names: Vec<&str> = data
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&wanted) && !names.contains(&not),
            "{query}: {names:?}"
        );
    }

    // GeoJSON as uMap imports it: longitude first, only what has a place.
    let geo = site.get("/api/initiativen.geojson").await;
    assert_eq!(geo.header("content-type"), "application/geo+json");
    assert_eq!(geo.header("access-control-allow-origin"), "*");
    let geo = geo.json();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let tafel = features
        .iter()
        .find(|f| f["properties"]["name"] == "Tafel Suhl")
        .unwrap();
    assert_eq!(tafel["geometry"]["type"], "Point");
    assert_eq!(
        tafel["geometry"]["coordinates"],
        serde_json::json!([10.6934, 50.6098])
    );
    assert!(
        tafel["properties"]["description"]
            .as_str()
            .unwrap()
            .contains("Wir retten Lebensmittel")
    );
    assert!(tafel["properties"]["contact"].is_null());

    // Taken off the map again.
    bot.ask("mia", "/initiative Tafel Suhl ort -").await;
    let geo = site.get("/api/initiativen.geojson").await.json();
    assert_eq!(geo["features"].as_array().unwrap().len(), 1);
}

async fn public_announcements_are_news_on_the_page_and_in_feed_readers(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.say_in(&bot.group_text("lokal", "/kanal verbinden"))
        .await;
    let sent = bot
        .say(
            "lokal",
            "/ankuendigung öffentlich Stadtputz am Samstag\nTreffpunkt 10 Uhr am Markt, Handschuhe gibt es vor Ort.",
        )
        .await;
    assert!(
        sent.iter().any(|r| r.text.contains("Stadtputz")),
        "{sent:#?}"
    );
    bot.say("lokal", "/ankuendigung Nur für die Gruppen: Kassenprüfung")
        .await;
    let refused = bot
        .ask("lokal", "/ankuendigung öffentlich vertraulich Geheimes")
        .await;
    assert!(refused.contains("nie auf der Webseite"), "{refused}");
    bot.say("lokal", "/ankuendigung öffentlich Sommerfest im Juli")
        .await;

    let site = Site::serve(db, bot.engine.clone(), "Bündnis Suhl").await;
    let page = site.get("/neuigkeiten").await;
    assert!(
        page.body.contains("Treffpunkt 10 Uhr am Markt"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Kassenprüfung"));
    assert!(!page.body.contains("Geheimes"));
    // Newest first.
    assert!(page.body.find("Sommerfest") < page.body.find("Stadtputz"));

    let atom = site.get("/neuigkeiten.atom").await;
    assert!(
        atom.header("content-type")
            .starts_with("application/atom+xml")
    );
    let feed = atom_syndication::Feed::read_from(atom.body.as_bytes()).expect("valid Atom");
    assert_eq!(feed.title().as_str(), "Bündnis Suhl – Neuigkeiten");
    let entries = feed.entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].title().as_str(), "Stadtputz am Samstag");
    assert!(
        entries[1]
            .content()
            .and_then(|c| c.value())
            .unwrap()
            .contains("Handschuhe gibt es vor Ort")
    );
    assert_ne!(entries[0].id(), entries[1].id());
    assert!(entries[0].id().starts_with("http://127.0.0.1:"));

    let data = site.get("/api/neuigkeiten").await.json();
    assert_eq!(data.as_array().unwrap().len(), 2);
    assert!(data[0]["text"].as_str().unwrap().contains("Sommerfest"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_guards_itself_and_answers_in_german() {
    let db = TestDb::sqlite();
    let bot = Bot::new(&db).await;
    let site = Site::serve(&db, bot.engine.clone(), "Bündnis Suhl").await;
    for path in [
        "/",
        "/termine",
        "/api/termine",
        "/kalender.ics",
        "/gibt-es-nicht",
    ] {
        let page = site.get(path).await;
        let policy = page.header("content-security-policy");
        assert!(policy.contains("default-src 'none'"), "{path}: {policy}");
        assert!(policy.contains("frame-ancestors *"), "{path}: embeddable");
        assert_eq!(page.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(page.header("referrer-policy"), "no-referrer", "{path}");
    }
    let missing = site.get("/gibt-es-nicht").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Diese Seite gibt es hier nicht"));
    // A page loads nothing from elsewhere: its only stylesheet is ours.
    let home = site.get("/").await;
    assert!(home.body.contains("<html lang=\"de\">"));
    assert!(!home.body.contains("<script"));
    for link in regex::Regex::new(r#"(?:href|src)="([^"]+)""#)
        .unwrap()
        .captures_iter(&home.body)
    {
        assert!(link[1].starts_with('/'), "{}", &link[1]);
    }
    assert_eq!(site.get("/stil.css").await.status, 200);
    // Only reading: no other method, no long address, no body.
    let client = reqwest::Client::new();
    let posted = client
        .post(format!("{}/termine", site.url))
        .body("x".repeat(10_000))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status().as_u16(), 405);
    let long = site
        .get(&format!("/termine?region={}", "a".repeat(5000)))
        .await;
    assert_eq!(long.status, 414);
    assert_eq!(site.get("/runden/abc").await.status, 404);
    db.cleanup().await;
}

/// Pages wait while a command is under way, but a chat that is never done does not stop the
/// web view: a reader still gets every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chat_that_never_rests_still_leaves_the_web_its_answers() {
    let db = TestDb::sqlite();
    let bot = Bot::new(&db).await;
    bot.make_member("mia").await;
    bot.say("lokal", "/termin neu in 3 Tagen 19 Uhr | Stammtisch | Suhl")
        .await;
    let site = Site::serve(&db, bot.engine.clone(), "Bündnis Suhl").await;
    let under_way = bot.engine.chat_first().begin();
    for path in ["/termine", "/api/termine", "/kalender.ics", "/healthz"] {
        let page = site.get(path).await;
        assert_eq!(page.status, 200, "{path}");
    }
    assert!(site.get("/termine").await.body.contains("Stammtisch"));
    // Commands go on meanwhile, and so does the web after them.
    bot.say(
        "lokal",
        "/termin neu in 4 Tagen 19 Uhr | Kleidertausch | Suhl",
    )
    .await;
    drop(under_way);
    assert!(!bot.engine.chat_first().busy());
    assert!(site.get("/termine").await.body.contains("Kleidertausch"));
    db.cleanup().await;
}

/// `/metrics` for Prometheus: counts of what the bot did and what waits, in the OpenMetrics
/// text format, behind a bearer token when one is set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_commands_outcomes_and_what_waits_in_the_outbox() {
    let db = TestDb::sqlite();
    let bot = Bot::new(&db).await;
    bot.make_member("mia").await;
    bot.say("mia", "/termin neu in 3 Tagen 18 Uhr | Stammtisch")
        .await;
    bot.say("mia", "/termin neu gestern | Zu spät").await;
    // A reply that waits in the outbox (not taken out by the test's delivery).
    bot.handle(&bot.text("mia", "/termine")).await;
    let site = Site::serve_as(
        &db,
        bot.engine.clone(),
        allianz_bot::web::Site {
            name: "Bündnis Suhl".into(),
            public_url: None,
            metrics_token: Some(allianz_bot::secret::Secret::new("geheim-123")),
            database_url: None,
        },
    )
    .await;
    let refused = site.get("/metrics").await;
    assert_eq!(refused.status, 401);
    let scraped = reqwest::Client::new()
        .get(format!("{}/metrics", site.url))
        .bearer_auth("geheim-123")
        .send()
        .await
        .unwrap();
    assert!(
        scraped.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let text = scraped.text().await.unwrap();
    let value = |series: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("{series} not in:\n{text}"))
    };
    assert!(value(r#"allianz_commands_total{command="event"}"#) >= 2.0);
    assert_eq!(value(r#"allianz_commands_total{command="events"}"#), 1.0);
    assert!(value(r#"allianz_event_outcomes_total{outcome="refused"}"#) >= 1.0);
    assert!(value(r#"allianz_event_outcomes_total{outcome="processed"}"#) >= 4.0);
    assert!(value(r#"allianz_events_total{kind="text"}"#) >= 5.0);
    assert_eq!(value(r#"allianz_outbox_pending{messenger="console"}"#), 1.0);
    assert!(value(r#"allianz_outbox_oldest_age_seconds{messenger="console"}"#) >= 0.0);
    assert_eq!(value("allianz_dead_letters"), 0.0);
    assert!(text.contains("# TYPE allianz_reminder_lateness_seconds histogram"));
    assert!(text.contains(r#"allianz_reminder_lateness_seconds_bucket{le="+Inf"} 0"#));
    assert!(
        text.trim_end().ends_with("# EOF"),
        "OpenMetrics ends with # EOF"
    );
    // Nothing personal: no names, nothing anyone wrote.
    for private in ["mia", "Stammtisch", "console:"] {
        assert!(!text.contains(private), "{private} in /metrics");
    }
    db.cleanup().await;
}
