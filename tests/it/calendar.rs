//! The alliance calendar over the daemon's HTTP server, read back with an independent
//! iCalendar parser (the `ical` crate), and partner calendars served by a local HTTP server.

use std::sync::Arc;
use std::time::Duration;

use allianz_bot::config::{CalendarConfig, PartnerFeed};
use allianz_bot::partners::Partners;
use allianz_core::domain::PlatformIdentity;
use allianz_core::{Engine, EngineConfig};
use allianz_tests::{Bot, TestDb, eventually};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use tokio::net::TcpListener;
use tokio::sync::watch;

allianz_tests::on_both_backends!(
    the_feed_is_valid_icalendar_with_zone_rules_and_changes,
    a_loop_of_feed_requests_does_not_hold_up_commands,
    a_dates_topic_and_documentation_are_in_the_feed,
);

/// Calendar apps and scrapers may ask for the feed in a loop: commands are still answered,
/// and every change shows in the next feed.
async fn a_loop_of_feed_requests_does_not_hold_up_commands(db: &TestDb) {
    let bot = Bot::new(db).await;
    for n in 0..30 {
        bot.say(
            "lokal",
            &format!("/termin neu in {} Tagen 18 Uhr | Treffen {n}", n + 2),
        )
        .await;
    }
    let (stop_tx, stop) = watch::channel(false);
    let base = serve(bot.engine.clone(), stop).await;
    let url = format!("{base}/kalender.ics");
    let running = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let mut loops = Vec::new();
    for _ in 0..6 {
        let (url, running) = (url.clone(), running.clone());
        loops.push(tokio::spawn(async move {
            let mut served = 0;
            while running.load(std::sync::atomic::Ordering::Relaxed) {
                let (status, _, _) = get(&url).await;
                assert!(status == 200 || status == 503, "{status}");
                served += usize::from(status == 200);
            }
            served
        }));
    }
    for n in 0..20 {
        let line = format!(
            "/termin neu in 40 Tagen 1{} Uhr | Während der Abfragen {n}",
            n % 10
        );
        let answered = tokio::time::timeout(Duration::from_secs(30), bot.say("lokal", &line))
            .await
            .expect("a command is answered while the feed is read in a loop");
        assert!(!answered.is_empty());
    }
    running.store(false, std::sync::atomic::Ordering::Relaxed);
    let mut served = 0;
    for l in loops {
        served += l.await.unwrap();
    }
    assert!(served > 0);
    // The feed shows the last change.
    let (_, _, ics) = get(&url).await;
    assert!(
        ics.contains("Während der Abfragen 19"),
        "the feed follows changes"
    );
    let _ = stop_tx.send(true);
}

/// Starts the web server on a free port for the bot's engine (as the daemon does: it knows
/// when the engine changes something); returns its base URL.
async fn serve(engine: Arc<Engine>, stop: watch::Receiver<bool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    allianz_bot::web::start(
        listener,
        engine,
        allianz_bot::web::Site::named("Bündnis Suhl"),
        allianz_bot::readiness::Readiness::new(),
        stop,
    );
    url
}

async fn get(url: &str) -> (u16, String, String) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, response.text().await.unwrap())
}

fn parse(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none());
    calendar
}

fn prop<'a>(event: &'a IcalEvent, name: &str) -> Vec<&'a ical::property::Property> {
    event.properties.iter().filter(|p| p.name == name).collect()
}

fn value(event: &IcalEvent, name: &str) -> Option<String> {
    prop(event, name).first().and_then(|p| p.value.clone())
}

fn tzid(p: &ical::property::Property) -> Option<String> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == "TZID")
        .map(|(_, v)| v.join(","))
}

fn by_uid<'a>(calendar: &'a IcalCalendar, uid: &str) -> Vec<&'a IcalEvent> {
    calendar
        .events
        .iter()
        .filter(|e| value(e, "UID").as_deref() == Some(uid))
        .collect()
}

async fn the_feed_is_valid_icalendar_with_zone_rules_and_changes(db: &TestDb) {
    let bot = Bot::new(db).await;
    let say = |line: &'static str| bot.say("lokal", line);
    say("/termin neu in 2 Wochen 18-20 Uhr | Stammtisch Suhl | Gasthaus Linde, Suhl").await;
    say("/termin 1 region Suhl").await;
    say("/termin neu jeden ersten Montag im Monat 17 Uhr | Online-Stammtisch | Jitsi").await;
    say("/termin neu in 3 Wochen 10 Uhr | Abgesagter Termin").await;
    say("/termin 3 absagen").await;
    say("/termin neu in 4 Wochen 10 Uhr | Nur intern").await;
    say("/termin 4 intern").await;
    let series = {
        let mut tx = bot.store.begin().await.unwrap();
        tx.event(allianz_core::domain::EventId(2))
            .await
            .unwrap()
            .unwrap()
    };
    let first = series.schedule.first.date();
    let second = series
        .schedule
        .planned(
            chrono::Utc::now(),
            chrono::Utc::now() + chrono::Duration::days(70),
        )
        .get(1)
        .map(|(day, _)| *day)
        .expect("a second date");
    bot.say(
        "lokal",
        &format!("/termin 2 absagen {}", first.format("%d.%m.%Y")),
    )
    .await;
    bot.say(
        "lokal",
        &format!(
            "/termin 2 verschieben {} auf {} 18:30",
            second.format("%d.%m.%Y"),
            second.format("%d.%m.%Y")
        ),
    )
    .await;

    let (stop_tx, stop) = watch::channel(false);
    let base = serve(bot.engine.clone(), stop).await;
    let (status, kind, text) = get(&format!("{base}/kalender.ics")).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/calendar"), "{kind}");
    assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let calendar = parse(&text);

    // One time zone, described with both 2026 changes.
    assert_eq!(calendar.timezones.len(), 1);
    let zone = &calendar.timezones[0];
    assert!(
        zone.properties
            .iter()
            .any(|p| p.name == "TZID" && p.value.as_deref() == Some("Europe/Berlin"))
    );
    let starts: Vec<String> = zone
        .transitions
        .iter()
        .flat_map(|t| &t.properties)
        .filter(|p| p.name == "DTSTART")
        .filter_map(|p| p.value.clone())
        .collect();
    assert!(
        starts.contains(&"20260329T020000".to_string()),
        "{starts:?}"
    );
    assert!(
        starts.contains(&"20261025T030000".to_string()),
        "{starts:?}"
    );

    // Our own product id, and every event has an end: without one, two hours.
    assert!(
        calendar
            .properties
            .iter()
            .any(|p| p.name == "PRODID"
                && p.value.as_deref() == Some(allianz_core::calendar::PRODID)),
        "{:?}",
        calendar.properties
    );
    let series = by_uid(&calendar, "termin-2@allianz-bot");
    let main = series
        .iter()
        .find(|e| value(e, "RECURRENCE-ID").is_none())
        .expect("the series");
    assert!(value(main, "DTSTART").unwrap().ends_with("T170000"));
    assert!(
        value(main, "DTEND").unwrap().ends_with("T190000"),
        "two hours"
    );

    let one_off = by_uid(&calendar, "termin-1@allianz-bot");
    assert_eq!(one_off.len(), 1);
    let start = prop(one_off[0], "DTSTART")[0];
    assert_eq!(tzid(start).as_deref(), Some("Europe/Berlin"));
    assert!(start.value.as_deref().unwrap().ends_with("T180000"));
    assert!(value(one_off[0], "DTEND").unwrap().ends_with("T200000"));
    assert_eq!(
        value(one_off[0], "SUMMARY").as_deref(),
        Some("Stammtisch Suhl")
    );
    // The comma in the place is escaped in the file and read back intact.
    assert_eq!(
        value(one_off[0], "LOCATION").as_deref(),
        Some("Gasthaus Linde\\, Suhl")
    );

    // The series: its rule, the cancelled first date, the moved second one.
    let series = by_uid(&calendar, "termin-2@allianz-bot");
    assert_eq!(series.len(), 2, "the series and one moved date");
    let main = series
        .iter()
        .find(|e| prop(e, "RECURRENCE-ID").is_empty())
        .unwrap();
    assert_eq!(
        value(main, "RRULE").as_deref(),
        Some("FREQ=MONTHLY;BYDAY=1MO")
    );
    let exdate = prop(main, "EXDATE");
    assert_eq!(exdate.len(), 1);
    assert_eq!(
        exdate[0].value.as_deref(),
        Some(format!("{}T170000", first.format("%Y%m%d")).as_str())
    );
    assert_eq!(tzid(exdate[0]).as_deref(), Some("Europe/Berlin"));
    let moved = series
        .iter()
        .find(|e| !prop(e, "RECURRENCE-ID").is_empty())
        .unwrap();
    assert_eq!(
        value(moved, "RECURRENCE-ID"),
        Some(format!("{}T170000", second.format("%Y%m%d")))
    );
    assert_eq!(
        value(moved, "DTSTART"),
        Some(format!("{}T183000", second.format("%Y%m%d")))
    );

    let cancelled = by_uid(&calendar, "termin-3@allianz-bot");
    assert_eq!(value(cancelled[0], "STATUS").as_deref(), Some("CANCELLED"));
    assert!(
        by_uid(&calendar, "termin-4@allianz-bot").is_empty(),
        "internal"
    );

    // Stable: the same feed twice has the same UIDs.
    let again = parse(&get(&format!("{base}/kalender.ics")).await.2);
    let uids = |c: &IcalCalendar| -> Vec<String> {
        c.events.iter().filter_map(|e| value(e, "UID")).collect()
    };
    assert_eq!(uids(&calendar), uids(&again));

    // Per region.
    let suhl = parse(&get(&format!("{base}/kalender/suhl.ics")).await.2);
    assert_eq!(uids(&suhl), ["termin-1@allianz-bot"]);
    let (status, _, body) = get(&format!("{base}/kalender/suhl")).await;
    assert_eq!(status, 404);
    assert!(body.contains("z. B."));
    let _ = stop_tx.send(true);
}

fn good(day: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tafel//DE\r\n\
BEGIN:VEVENT\r\nUID:tafel-1@tafel.example\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART:{day}T170000Z\r\nSUMMARY:Ausgabe mit Kaffee\r\nLOCATION:Tafel Suhl\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:shared@example\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART;TZID=Europe/Berlin:{day}T100000\r\nSUMMARY:Gemeinsamer Aktionstag\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n"
    )
}

fn also(day: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Verein//DE\r\n\
BEGIN:VEVENT\r\nUID:shared@example\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART;TZID=Europe/Berlin:{day}T100000\r\nSUMMARY:Gemeinsamer Aktionstag\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n"
    )
}

/// Serves partner feeds: good ones, garbage, an oversized one and one that never answers.
async fn partner_server() -> String {
    use axum::routing::get;
    let big = "X".repeat(3 * 1024);
    let day = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y%m%d")
        .to_string();
    let (good, also) = (good(&day), also(&day));
    let slow = good.clone();
    let app = axum::Router::new()
        .route("/tafel.ics", get(move || async move { good }))
        .route("/verein.ics", get(move || async move { also }))
        .route("/kaputt.ics", get(|| async { "<html>Fehler</html>" }))
        .route("/gross.ics", get(move || async move { big }))
        .route(
            "/langsam.ics",
            get(move || async move {
                tokio::time::sleep(Duration::from_secs(30)).await;
                slow
            }),
        );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partner_calendars_are_merged_deduplicated_and_bad_ones_reported_once() {
    let db = TestDb::sqlite();
    let bot = Bot::new(&db).await;
    let server = partner_server().await;
    let feed = |name: &str, path: &str| PartnerFeed {
        name: name.into(),
        url: format!("{server}/{path}"),
    };
    let config = CalendarConfig {
        partners: vec![
            feed("Tafel", "tafel.ics"),
            feed("Verein", "verein.ics"),
            feed("Kaputt", "kaputt.ics"),
            feed("Gross", "gross.ics"),
            feed("Langsam", "langsam.ics"),
        ],
        // Every two seconds, so the test sees several rounds.
        refresh: "*/2 * * * * *".into(),
        timeout_seconds: 1,
        max_kib: 2,
    };
    let engine = Arc::new(Engine::new(
        db.store().await,
        EngineConfig {
            admins: vec![PlatformIdentity::console("lokal").unwrap()],
            limits: allianz_tests::scripted_limits(),
            ..EngineConfig::default()
        },
    ));
    let (stop_tx, stop) = watch::channel(false);
    let partners = Partners::new(&config, engine.clone())
        .unwrap()
        .unwrap()
        .start(stop);
    // Three bad feeds, each reported once; the good ones are in.
    let reports = eventually(
        || async { db.outbox_rows().await },
        |rows| {
            rows.iter()
                .filter(|r| r.contains("Partnerkalender"))
                .count()
                >= 3
        },
    )
    .await;
    assert_eq!(db.count("partner_events").await, 2, "deduplicated by UID");
    // Several more rounds: still one report per bad feed.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let rows = db.outbox_rows().await;
    let reports_now: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("Partnerkalender"))
        .collect();
    assert_eq!(reports_now.len(), 3, "{reports:#?}");
    for (name, why) in [
        ("Kaputt", "kein gültiger iCalendar"),
        ("Gross", "größer als 2 KiB"),
        ("Langsam", "keine Antwort"),
    ] {
        assert!(
            reports_now
                .iter()
                .any(|r| r.contains(&format!("„{name}“")) && r.contains(why)),
            "{name}: {reports_now:#?}"
        );
    }
    let _ = stop_tx.send(true);
    partners.await.unwrap();

    bot.deliver_all().await;
    let list = bot.ask("lokal", "/termine").await;
    assert!(
        list.contains("Ausgabe mit Kaffee (Kalender von Tafel)"),
        "{list}"
    );
    assert_eq!(list.matches("Gemeinsamer Aktionstag").count(), 1, "{list}");
    let ics = engine
        .calendar_feed("Bündnis", None, chrono::Utc::now())
        .await
        .unwrap();
    let calendar = parse(&ics);
    assert_eq!(by_uid(&calendar, "tafel-1@tafel.example").len(), 1);
    assert_eq!(by_uid(&calendar, "shared@example").len(), 1);
    assert_eq!(
        value(by_uid(&calendar, "tafel-1@tafel.example")[0], "SUMMARY").as_deref(),
        Some("Ausgabe mit Kaffee (Tafel)")
    );
}

/// A series' date with its own topic and a past date with documentation each get their own
/// VEVENT (`RECURRENCE-ID`); the documentation's link is an `ATTACH`.
async fn a_dates_topic_and_documentation_are_in_the_feed(db: &TestDb) {
    use chrono::Datelike;
    let bot = Bot::new(db).await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive();
    let first = (today - chrono::Duration::days(14))
        .and_hms_opt(19, 0, 0)
        .unwrap();
    let weekly = allianz_core::schedule::Recurrence {
        rule: allianz_core::schedule::Rule::Weekly {
            interval: 1,
            days: vec![first.weekday()],
        },
        until: None,
    };
    let created = chrono::Utc::now() - chrono::Duration::days(20);
    let event = allianz_tests::test_event(first, Some(weekly), vec![], created);
    let mut tx = bot.store.begin().await.unwrap();
    let id = tx.insert_event(&event).await.unwrap();
    tx.commit().await.unwrap();
    let documented = first + chrono::Duration::days(7);
    let themed = first + chrono::Duration::days(28);
    bot.say(
        "lokal",
        &format!(
            "/termin {id} doku {} https://cloud.example.org/protokoll | Viele neue Gesichter",
            documented.format("%d.%m.%Y")
        ),
    )
    .await;
    bot.say(
        "lokal",
        &format!(
            "/termin {id} thema {} Lebendige Orte",
            themed.format("%d.%m.%Y")
        ),
    )
    .await;
    let ics = bot
        .engine
        .calendar_feed("Bündnis", None, chrono::Utc::now())
        .await
        .unwrap();
    let calendar = parse(&ics);
    let events = by_uid(&calendar, &format!("termin-{id}@allianz-bot"));
    assert_eq!(events.len(), 3, "{ics}");
    let on = |local: chrono::NaiveDateTime| {
        let stamp = local.format("%Y%m%dT%H%M%S").to_string();
        events
            .iter()
            .copied()
            .find(|e| value(e, "RECURRENCE-ID").as_deref() == Some(stamp.as_str()))
            .unwrap_or_else(|| panic!("{stamp}: {ics}"))
    };
    let doc = on(documented);
    assert_eq!(
        value(doc, "ATTACH").as_deref(),
        Some("https://cloud.example.org/protokoll")
    );
    let description = value(doc, "DESCRIPTION").unwrap();
    assert!(
        description.contains("Viele neue Gesichter"),
        "{description:?}"
    );
    assert_eq!(
        value(doc, "DTSTART").as_deref(),
        Some(documented.format("%Y%m%dT%H%M%S").to_string().as_str())
    );
    let topic = on(themed);
    assert!(
        value(topic, "DESCRIPTION")
            .unwrap()
            .contains("Thema: Lebendige Orte"),
        "{ics}"
    );
    assert!(prop(topic, "ATTACH").is_empty());
    // The series itself carries neither.
    let main = events
        .iter()
        .find(|e| prop(e, "RECURRENCE-ID").is_empty())
        .unwrap();
    assert!(prop(main, "ATTACH").is_empty());
    assert!(prop(main, "RRULE").len() == 1);
}
