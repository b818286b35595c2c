//! Events through the engine, on both databases: creating, listing, answering by button,
//! command and reaction, capacity with a waiting list, bad input, and reminders that go out
//! exactly once – also with two schedulers on one database and on clock-change days.

use allianz_core::domain::{Event, EventId};
use allianz_core::message::{Incoming, IncomingKind};
use allianz_core::schedule::{Recurrence, Rule, resolve_local};
use allianz_core::{Engine, EngineConfig};
use allianz_tests::{Bot, Reply, TestDb};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

allianz_tests::on_both_backends!(
    following_a_series_reminds_of_every_date_until_unsubscribed,
    an_event_is_created_listed_and_answered_by_button_and_command,
    an_online_meetup_created_with_its_link_shows_it_as_the_link,
    a_full_event_keeps_a_waiting_list_that_moves_up,
    reactions_on_the_card_answer_and_taking_them_back_withdraws,
    bad_event_input_gets_an_example_and_changes_nothing,
    a_reminder_goes_out_once_to_the_group_and_to_registered_people,
    late_reminders_are_marked_and_old_ones_skipped,
    two_schedulers_on_one_database_send_each_reminder_once,
    a_0230_series_is_reminded_once_on_both_clock_change_days_of_2026,
    cancelling_and_moving_tell_registered_people,
    the_guided_form_asks_until_the_date_is_clear,
    an_answer_belongs_to_the_person_not_the_account,
    two_people_at_once_for_the_last_place_one_gets_it,
    a_moved_date_keeps_its_answers_on_its_card,
    a_question_the_bot_asks_is_answered_with_the_words_it_suggests,
    events_over_days_and_registration_that_opens_later,
    a_members_event_waits_for_release_and_organisers_can_hide_events,
);

/// Members may add events (`events.members_may_create`); with review on (the default) they
/// show only once an organiser releases them, and organisers can hide any event again.
async fn a_members_event_waits_for_release_and_organisers_can_hide_events(db: &TestDb) {
    let mut config = EngineConfig {
        admins: vec![allianz_core::domain::PlatformIdentity::console("lokal").unwrap()],
        limits: allianz_tests::scripted_limits(),
        ..EngineConfig::default()
    };
    config.events.members_may_create = true;
    let bot = Bot::with_config(db, config).await;
    for name in ["mia", "ben", "olga"] {
        bot.make_member(name).await;
    }
    bot.say("lokal", "/rolle console:olga organisator").await;
    let feed = || async {
        bot.engine
            .calendar_feed("Bündnis", None, Utc::now())
            .await
            .unwrap()
    };
    let held = bot
        .ask(
            "mia",
            "/termin neu in 5 Tagen 18 Uhr | Flohmarkt-Tipp | Marktplatz",
        )
        .await;
    assert!(held.contains("sobald Organisator:innen"), "{held}");
    // Only its creator and the organisers see it; it is in no list and not in the feed.
    assert!(bot.ask("ben", "/termin 1").await.contains("gibt es nicht"));
    assert!(!bot.ask("ben", "/termine").await.contains("Flohmarkt"));
    assert!(!bot.ask("olga", "/termine").await.contains("Flohmarkt"));
    assert!(!feed().await.contains("Flohmarkt"));
    assert!(bot.ask("mia", "/termin 1").await.contains("Flohmarkt-Tipp"));
    let review = bot.ask("olga", "/termine pruefen").await;
    assert!(review.contains("Flohmarkt-Tipp (Nr. 1) · mia"), "{review}");
    let before = db.fingerprint().await;
    let not_hers = bot.ask("mia", "/termin 1 freigeben").await;
    assert!(not_hers.contains("Organisator:innen"), "{not_hers}");
    assert!(
        bot.ask("ben", "/termine pruefen")
            .await
            .contains("Organisator:innen")
    );
    assert_eq!(db.fingerprint().await, before);

    let released = bot.say("olga", "/termin 1 freigeben").await;
    assert!(
        released
            .iter()
            .any(|r| r.to == "chat-mia" && r.text.contains("Flohmarkt-Tipp")),
        "{released:#?}"
    );
    assert!(feed().await.contains("Flohmarkt-Tipp"));
    assert!(bot.ask("ben", "/termine").await.contains("Flohmarkt-Tipp"));
    assert!(
        bot.ask("olga", "/termine pruefen")
            .await
            .contains("Kein Termin")
    );

    // Any event can be hidden again.
    let hidden = bot.ask("olga", "/termin 1 verbergen").await;
    assert!(hidden.contains("verborgen"), "{hidden}");
    assert!(bot.ask("ben", "/termin 1").await.contains("gibt es nicht"));
    assert!(!feed().await.contains("Flohmarkt"));
    // An organiser's own event is not held.
    let own = bot
        .say("olga", "/termin neu in 6 Tagen 18 Uhr | Netzwerktreffen")
        .await;
    assert!(own[0].text.contains("Termin 2"), "{own:#?}");
    assert!(feed().await.contains("Netzwerktreffen"));
}

/// A weekend seminar over two whole days, a Friday-to-Sunday retreat, and an event announced
/// before its registration opens.
async fn events_over_days_and_registration_that_opens_later(db: &TestDb) {
    use chrono::Datelike;
    let bot = Bot::new(db).await;
    let berlin = chrono_tz::Europe::Berlin;
    let today = Utc::now().with_timezone(&berlin).date_naive();
    let first = today + Duration::days(60);
    let second = first + Duration::days(1);
    let range = format!(
        "{:02}.–{:02}.{:02}.{}",
        first.day(),
        second.day(),
        second.month(),
        second.year()
    );
    // Across a month's end the short form cannot be written: both dates in full.
    let range = if first.month() == second.month() {
        range
    } else {
        format!(
            "{} bis {}",
            first.format("%d.%m.%Y"),
            second.format("%d.%m.%Y")
        )
    };
    let created = bot
        .say(
            "lokal",
            &format!("/termin neu {range} | Klausur | Jugendherberge"),
        )
        .await;
    let card = &created[0].text;
    let days = format!(
        "{} – {} (ganztägig)",
        allianz_core::format::date(allianz_core::domain::Lang::De, first),
        allianz_core::format::date(allianz_core::domain::Lang::De, second)
    );
    assert!(card.contains(&days), "{card}");
    let ics = bot
        .engine
        .calendar_feed("Bündnis", None, Utc::now())
        .await
        .unwrap();
    assert!(
        ics.contains(&format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d"))),
        "{ics}"
    );
    assert!(
        ics.contains(&format!(
            "DTEND;VALUE=DATE:{}",
            (second + Duration::days(1)).format("%Y%m%d")
        )),
        "{ics}"
    );

    let weekend = bot
        .say(
            "lokal",
            "/termin neu Fr 18 Uhr bis So 14 Uhr | Vernetzungswochenende",
        )
        .await;
    let card = &weekend[0].text;
    assert!(
        card.contains("18:00 Uhr – So, ") && card.contains("14:00 Uhr"),
        "{card}"
    );

    // Announced now, registration from a later day: no answers before, the card says when.
    bot.make_member("mia").await;
    let opens = today + Duration::days(10);
    let set = bot
        .say(
            "lokal",
            &format!("/termin 1 anmeldung ab {}", opens.format("%d.%m.%Y")),
        )
        .await;
    assert!(
        set.iter().any(|r| r.text.contains("Anmeldung ab")),
        "{set:#?}"
    );
    let before = db.fingerprint().await;
    let early = bot.ask("mia", "/anmelden 1").await;
    assert!(
        early.contains("beginnt am") && early.contains(&opens.format("%d.%m.%Y").to_string()),
        "{early}"
    );
    assert_eq!(db.fingerprint().await, before);
    let shown = bot.ask("mia", "/termin 1").await;
    assert!(shown.contains("📝 Anmeldung ab"), "{shown}");
    // Opened at once: the answer is taken.
    bot.say("lokal", "/termin 1 anmeldung -").await;
    let yes = bot.say("mia", "/anmelden 1").await;
    assert!(
        yes.iter().any(|r| r.text.contains("✅ 1"))
            && yes.iter().all(|r| !r.text.contains("beginnt am")),
        "{yes:#?}"
    );
}

/// The bot asks back (morning or evening?) and the next message answers it with the words
/// it suggested – also inside the step-by-step form, which keeps what was typed.
async fn a_question_the_bot_asks_is_answered_with_the_words_it_suggests(db: &TestDb) {
    let bot = Bot::new(db).await;
    let asked = answer(&bot, "lokal", "/termin neu morgen um 7 | Frühstück | Café").await;
    assert!(asked.contains("„morgens“ oder „abends“"), "{asked}");
    assert!(
        !asked.contains("So geht's"),
        "a question, not an error: {asked}"
    );
    let unclear = answer(&bot, "lokal", "vielleicht").await;
    assert!(unclear.contains("nicht als Antwort"), "{unclear}");
    bot.handle(&bot.text("lokal", "abends")).await;
    let shown = card(&bot.deliver_all().await, "termin:1:").clone();
    assert!(
        shown.text.contains("Frühstück") && shown.text.contains("19:00"),
        "{}",
        shown.text
    );

    // In the form: the time already given is kept while the question is answered.
    answer(&bot, "lokal", "/termin neu").await;
    let asked = answer(&bot, "lokal", "morgen halb acht").await;
    assert!(asked.contains("07:30 oder 19:30"), "{asked}");
    let next = answer(&bot, "lokal", "morgens").await;
    assert!(next.contains("(2/5)"), "{next}");
    answer(&bot, "lokal", "Frühsport").await;
    answer(&bot, "lokal", "-").await;
    answer(&bot, "lokal", "-").await;
    bot.handle(&bot.text("lokal", "-")).await;
    let shown = card(&bot.deliver_all().await, "termin:2:").clone();
    assert!(
        shown.text.contains("Frühsport") && shown.text.contains("07:30"),
        "{}",
        shown.text
    );

    // A question left unanswered for more than half an hour is forgotten, and that is said.
    answer(&bot, "lokal", "/termin neu morgen um 8 | Spaziergang").await;
    {
        let identity = allianz_core::domain::PlatformIdentity::console("lokal").unwrap();
        let key = "console:chat-lokal";
        let mut tx = bot.store.begin().await.unwrap();
        let mut state = tx
            .conversation(&identity, key)
            .await
            .unwrap()
            .expect("asked");
        state["asked_at"] = serde_json::json!("2020-01-01T00:00:00Z");
        tx.set_conversation(&identity, key, Some(&state), chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let late = answer(&bot, "lokal", "abends").await;
    assert!(late.contains("vergessen"), "{late}");
    let after = answer(&bot, "lokal", "abends").await;
    assert!(
        after.contains("/hilfe"),
        "no question is open any more: {after}"
    );

    // Every other week or the month's second?
    let asked = answer(
        &bot,
        "lokal",
        "/termin neu jeden zweiten Dienstag 18 Uhr | Plenum",
    )
    .await;
    assert!(asked.contains("„alle zwei Wochen“"), "{asked}");
    bot.handle(&bot.text("lokal", "alle zwei Wochen")).await;
    let shown = card(&bot.deliver_all().await, "termin:3:").clone();
    assert!(
        shown.text.contains("alle 2 Wochen am Dienstag"),
        "{}",
        shown.text
    );
}

/// `/termin 1 verschieben …` on a one-off event: the group's card shows the new time with the
/// answers already given (it is edited in place), and answering on it still counts.
async fn a_moved_date_keeps_its_answers_on_its_card(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("anna").await;
    bot.make_member("bert").await;
    let posted = create(&bot, "/termin neu in 10 Tagen 17 Uhr | Werkstatt").await;
    answer(&bot, "anna", "/anmelden 1").await;
    let replies = bot
        .say("lokal", "/termin 1 verschieben in 11 Tagen 18 Uhr")
        .await;
    let moved = replies
        .iter()
        .rev()
        .find(|r| r.live_key.is_some())
        .expect("the card is updated");
    assert!(moved.text.contains("18:00"), "{}", moved.text);
    assert!(moved.text.contains("✅ 1 · 🤔 0 · ❌ 0"), "{}", moved.text);
    // Bert answers with a reaction on the card he sees in the group.
    let mut reaction = bot.group_text("bert", "");
    reaction.kind = IncomingKind::ReactionAdded {
        message_id: posted.message_id.clone(),
        key: "✅".into(),
        reaction_id: None,
    };
    bot.handle(&reaction).await;
    let edited = bot.deliver_all().await;
    let card = edited.iter().rev().find(|r| r.live_key.is_some()).unwrap();
    assert!(card.text.contains("✅ 2"), "{}", card.text);
    let names = answer(&bot, "lokal", "/teilnehmer 1").await;
    assert!(names.contains("Zusagen (2): anna, bert"), "{names}");
}

/// Two "yes" at the same moment for the last place: one gets it, the other waits – on
/// PostgreSQL too, where transactions run side by side.
async fn two_people_at_once_for_the_last_place_one_gets_it(db: &TestDb) {
    let bot = std::sync::Arc::new(Bot::new(db).await);
    bot.make_member("clara").await;
    bot.make_member("dora").await;
    for round in 1..=8 {
        create(&bot, "/termin neu in 10 Tagen 10 Uhr | Werkstatt | Rathaus").await;
        bot.say("lokal", &format!("/termin {round} plätze 1")).await;
        let line = format!("/anmelden {round}");
        let (a, b) = (bot.text("clara", &line), bot.text("dora", &line));
        let (first, second) = (bot.clone(), bot.clone());
        let (x, y) = tokio::join!(
            tokio::spawn(async move { first.engine.handle(&a).await }),
            tokio::spawn(async move { second.engine.handle(&b).await })
        );
        x.unwrap().unwrap();
        y.unwrap().unwrap();
        bot.deliver_all().await;
        let names = answer(&bot, "lokal", &format!("/teilnehmer {round}")).await;
        assert!(
            names.contains("Zusagen (1)") && names.contains("Warteliste (1)"),
            "round {round}: {names}"
        );
    }
}

fn press(bot: &Bot, who: &str, data: &str) -> Incoming {
    let mut incoming = bot.group_text(who, "");
    incoming.kind = IncomingKind::ButtonPressed {
        message_id: "card".into(),
        data: data.into(),
    };
    incoming
}

/// The latest version of the card (or reminder) with this live key prefix.
fn card<'a>(replies: &'a [Reply], prefix: &str) -> &'a Reply {
    replies
        .iter()
        .rev()
        .find(|r| r.live_key.as_deref().is_some_and(|k| k.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no card {prefix} in {replies:#?}"))
}

/// The answer to a command (not the cards it updates on the way).
async fn answer(bot: &Bot, who: &str, line: &str) -> String {
    let replies = bot.say(who, line).await;
    replies
        .iter()
        .find(|r| r.live_key.is_none() && r.private_to.is_none())
        .unwrap_or_else(|| panic!("{line}: no answer in {replies:#?}"))
        .text
        .clone()
}

async fn event(bot: &Bot, id: i64) -> Event {
    let mut tx = bot.store.begin().await.unwrap();
    tx.event(EventId(id)).await.unwrap().expect("event stored")
}

fn first_start(event: &Event) -> DateTime<Utc> {
    resolve_local(event.schedule.tz, event.schedule.first).with_timezone(&Utc)
}

/// An organiser creates an event in the group; returns the card.
async fn create(bot: &Bot, line: &str) -> Reply {
    bot.handle(&bot.group_text("lokal", line)).await;
    let replies = bot.deliver_all().await;
    card(&replies, "termin:").clone()
}

/// "Ort oder Link": a web address in the place's slot is where the meetup takes place online
/// – the card, the calendar feed and the web view show it as the link, not as a place; a
/// place with a dot in its name stays a place.
async fn an_online_meetup_created_with_its_link_shows_it_as_the_link(db: &TestDb) {
    let bot = Bot::new(db).await;
    let posted = create(
        &bot,
        "/termin neu in 2 Wochen 19 Uhr | Online-Stammtisch | https://meet.jit.si/allianz-stammtisch",
    )
    .await;
    assert!(
        posted
            .text
            .contains("🔗 https://meet.jit.si/allianz-stammtisch"),
        "{}",
        posted.text
    );
    assert!(!posted.text.contains("📍"), "{}", posted.text);
    let ics = bot
        .engine
        .calendar_feed("Bündnis", None, chrono::Utc::now())
        .await
        .unwrap();
    assert!(
        ics.contains("URL:https://meet.jit.si/allianz-stammtisch")
            || ics.contains("URL;VALUE=URI:https://meet.jit.si/allianz-stammtisch"),
        "{ics}"
    );
    assert!(!ics.contains("LOCATION:https://"), "{ics}");
    let typed = create(
        &bot,
        "/termin neu in 3 Wochen 19 Uhr | Webinar | www.example.org/webinar",
    )
    .await;
    assert!(
        typed.text.contains("🔗 https://www.example.org/webinar"),
        "{}",
        typed.text
    );
    let church = create(&bot, "/termin neu in 4 Wochen 19 Uhr | Andacht | St.Blasii").await;
    assert!(church.text.contains("📍 St.Blasii"), "{}", church.text);
    assert!(!church.text.contains("🔗"), "{}", church.text);
}

async fn an_event_is_created_listed_and_answered_by_button_and_command(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    bot.make_member("dora").await;
    let posted = create(
        &bot,
        "/termin neu in 2 Wochen 18-20 Uhr | Stammtisch Suhl | Gasthaus Linde | Offene Runde",
    )
    .await;
    assert!(
        posted.text.contains("Termin 1: Stammtisch Suhl"),
        "{}",
        posted.text
    );
    assert!(posted.text.contains("📍 Gasthaus Linde"), "{}", posted.text);
    assert!(posted.text.contains("18:00–20:00 Uhr"), "{}", posted.text);
    assert!(posted.reply_to.is_some());
    let key = posted.live_key.clone().unwrap();
    let data: Vec<&str> = posted.buttons[0].iter().map(|b| b.data.as_str()).collect();
    assert_eq!(data.len(), 3);
    assert!(data[0].starts_with("rsvp:1:") && data[0].ends_with(":yes"));

    // A press answers the presser with a toast and updates the card in place.
    let notice = bot.handle(&press(&bot, "clara", data[0])).await.notice();
    assert!(
        notice.as_deref().unwrap_or_default().contains("angemeldet"),
        "{notice:?}"
    );
    let replies = bot.deliver_all().await;
    let updated = card(&replies, &key);
    assert!(
        updated.text.contains("✅ 1 · 🤔 0 · ❌ 0"),
        "{}",
        updated.text
    );
    // The same press again changes nothing.
    let again = bot.handle(&press(&bot, "clara", data[0])).await.notice();
    assert!(again.unwrap_or_default().contains("schon"));
    assert!(bot.deliver_all().await.is_empty());

    let said = answer(&bot, "dora", "/anmelden 1 vielleicht").await;
    assert!(said.contains("vielleicht"), "{said}");
    let list = answer(&bot, "dora", "/termine").await;
    assert!(list.contains("Stammtisch Suhl (Nr. 1)"), "{list}");
    assert!(list.contains("✅ 1"), "{list}");
    assert!(
        answer(&bot, "dora", "/termine Erfurt")
            .await
            .contains("Keine Termine")
    );
    // Members see counts, organisers names.
    let counts = answer(&bot, "dora", "/teilnehmer 1").await;
    assert!(
        counts.contains("Zusagen (1)") && !counts.contains("clara"),
        "{counts}"
    );
    let names = answer(&bot, "lokal", "/teilnehmer 1").await;
    assert!(names.contains("Zusagen (1): clara"), "{names}");
    assert!(names.contains("Vielleicht (1): dora"), "{names}");
    // Someone who is not a member cannot answer, and nothing is stored.
    let before = db.fingerprint().await;
    let refused = answer(&bot, "fremd", "/anmelden 1").await;
    assert!(refused.contains("/beitreten"), "{refused}");
    assert_eq!(db.fingerprint().await, before);
}

async fn a_full_event_keeps_a_waiting_list_that_moves_up(db: &TestDb) {
    let bot = Bot::new(db).await;
    for name in ["clara", "dora", "emil"] {
        bot.make_member(name).await;
    }
    create(&bot, "/termin neu in 10 Tagen 10 Uhr | Werkstatt | Rathaus").await;
    let one = answer(&bot, "lokal", "/termin 1 plätze 1").await;
    assert!(one.contains("hat jetzt einen Platz."), "{one}");
    assert!(
        answer(&bot, "clara", "/anmelden 1")
            .await
            .contains("angemeldet")
    );
    let waiting = answer(&bot, "dora", "/anmelden 1").await;
    assert!(waiting.contains("Warteliste (Platz 1)"), "{waiting}");
    let waiting = answer(&bot, "emil", "/anmelden 1").await;
    assert!(waiting.contains("Platz 2"), "{waiting}");
    // Clara cannot come: Dora moves up and is told privately; Emil still waits.
    let replies = bot.say("clara", "/abmelden 1").await;
    let told = replies
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:dora"))
        .expect("dora is told");
    assert!(told.text.contains("Platz ist frei"), "{}", told.text);
    let names = answer(&bot, "lokal", "/teilnehmer 1").await;
    assert!(names.contains("Zusagen (1): dora"), "{names}");
    assert!(names.contains("Warteliste (1): 1. emil"), "{names}");
    // More places: Emil moves up too.
    let replies = bot.say("lokal", "/termin 1 plätze 5").await;
    assert!(
        replies
            .iter()
            .any(|r| r.private_to.as_deref() == Some("console:emil"))
    );
    let names = answer(&bot, "lokal", "/teilnehmer 1").await;
    assert!(names.contains("Zusagen (2): dora, emil"), "{names}");
}

async fn reactions_on_the_card_answer_and_taking_them_back_withdraws(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let posted = create(&bot, "/termin neu in 3 Tagen 19 Uhr | Stammtisch").await;
    let react = |key: &str, added: bool| {
        let mut incoming = bot.group_text("clara", "");
        incoming.kind = if added {
            IncomingKind::ReactionAdded {
                message_id: posted.message_id.clone(),
                key: key.into(),
                reaction_id: Some(format!("r-{key}")),
            }
        } else {
            IncomingKind::ReactionRemoved {
                reaction_id: Some(format!("r-{key}")),
                message_id: None,
                key: None,
            }
        };
        incoming
    };
    bot.handle(&react("👍", true)).await;
    let replies = bot.deliver_all().await;
    assert!(card(&replies, "termin:1").text.contains("✅ 1 · 🤔 0"));
    bot.handle(&react("🤔", true)).await;
    let replies = bot.deliver_all().await;
    assert!(card(&replies, "termin:1").text.contains("✅ 0 · 🤔 1"));
    // Taking back the thumbs does nothing: the answer is "maybe" now.
    bot.handle(&react("👍", false)).await;
    assert!(bot.deliver_all().await.is_empty());
    bot.handle(&react("🤔", false)).await;
    let replies = bot.deliver_all().await;
    assert!(
        card(&replies, "termin:1")
            .text
            .contains("✅ 0 · 🤔 0 · ❌ 0")
    );
}

async fn bad_event_input_gets_an_example_and_changes_nothing(db: &TestDb) {
    let bot = Bot::new(db).await;
    create(&bot, "/termin neu in 3 Tagen 19 Uhr | Stammtisch").await;
    let before = db.fingerprint().await;
    let cases = [
        ("/termin neu 01.01.2020 10 Uhr | Alt", "schon vorbei"),
        (
            "/termin neu morgen 20-18 Uhr | Falsch herum",
            "vor dem Beginn",
        ),
        ("/termin neu jeden Mondtag 17 Uhr | X", "„mondtag“"),
        (
            "/termin neu jeden 6. Montag 17 Uhr | X",
            "keine verlässliche Reihe",
        ),
        (
            "/termin neu monatlich am Donnerstag 19 Uhr | X",
            "Welcher Donnerstag",
        ),
        (
            "/termin neu jeden Montag 17 Uhr bis 01.01.2021 | X",
            "enden, bevor",
        ),
        ("/termin neu morgen | X", "Um wie viel Uhr"),
        ("/termin neu 31.02.2027 10 Uhr | X", "gibt es nicht"),
        ("/termin neu morgen 18 Uhr", "fehlt der Titel"),
        ("/termin 1 plätze 0", "keine Platzzahl"),
        ("/termin 1 plätze -3", "keine Platzzahl"),
        ("/termin 1 erinnerungen 3 Jahre", "Abstand"),
        ("/termin 7", "gibt es nicht"),
        ("/termin 1 tanzen", "kann ich mit einem Termin nicht"),
        ("/anmelden 1 30.02.", "kein Datum"),
    ];
    for (line, expected) in cases {
        let said = answer(&bot, "lokal", line).await;
        assert!(said.contains(expected), "{line}: {said}");
        let with_example = said.contains("Beispiel") || said.contains("z. B.");
        assert!(
            with_example || line.starts_with("/termin 7"),
            "{line}: {said}"
        );
    }
    // A member without the organiser role may not create events by default.
    bot.make_member("clara").await;
    let before_member = db.fingerprint().await;
    let denied = answer(&bot, "clara", "/termin neu morgen 18 Uhr | Mein Termin").await;
    assert!(denied.contains("Organisator"), "{denied}");
    assert_eq!(db.fingerprint().await, before_member);
    assert!(before.len() < before_member.len());
}

/// Sets up an event tomorrow 18:00 with one reminder 2 hours before; clara is registered.
async fn event_with_reminder(bot: &Bot) -> (Event, DateTime<Utc>) {
    bot.make_member("clara").await;
    create(
        bot,
        "/termin neu morgen 18 Uhr | Stammtisch | Gasthaus Linde",
    )
    .await;
    answer(bot, "lokal", "/termin 1 erinnerungen 2h").await;
    answer(
        bot,
        "lokal",
        "/termin 1 link https://meet.example.org/x privat",
    )
    .await;
    let replies = bot.say("clara", "/anmelden 1").await;
    let link = replies
        .iter()
        .find(|r| r.text.contains("https://meet.example.org/x"))
        .expect("the private link goes to clara on registering");
    assert_eq!(link.private_to.as_deref(), Some("console:clara"));
    let event = event(bot, 1).await;
    let due = first_start(&event) - Duration::hours(2);
    (event, due)
}

async fn a_reminder_goes_out_once_to_the_group_and_to_registered_people(db: &TestDb) {
    let bot = Bot::new(db).await;
    let (_, due) = event_with_reminder(&bot).await;
    assert_eq!(bot.engine.next_reminder_due().await.unwrap(), Some(due));
    // Not yet.
    let run = bot
        .engine
        .send_due_reminders(due - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(run.sent, 0);
    let run = bot
        .engine
        .send_due_reminders(due + Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(run.sent, 1);
    let replies = bot.deliver_all().await;
    let group = card(&replies, "termin:1:");
    assert!(group.private_to.is_none());
    assert!(
        group.text.contains("Erinnerung: Stammtisch – in 2 Stunden"),
        "{}",
        group.text
    );
    assert!(!group.text.contains("verspätet"));
    assert!(
        !group.text.contains("meet.example.org"),
        "private link stays private"
    );
    assert_eq!(
        group.buttons[0].len(),
        3,
        "people can answer on the reminder"
    );
    let private = replies
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:clara"))
        .expect("clara is reminded privately");
    assert!(private.text.contains("https://meet.example.org/x"));
    assert_eq!(replies.len(), 2);
    // Never again, however often the scheduler runs.
    for later in [2, 60, 600] {
        let run = bot
            .engine
            .send_due_reminders(due + Duration::seconds(later))
            .await
            .unwrap();
        assert_eq!(run.sent + run.skipped, 0);
    }
    bot.engine
        .plan_reminders(due + Duration::seconds(5))
        .await
        .unwrap();
    let run = bot
        .engine
        .send_due_reminders(due + Duration::seconds(6))
        .await
        .unwrap();
    assert_eq!(run.sent, 0);
    assert!(bot.deliver_all().await.is_empty());
    assert_eq!(bot.engine.next_reminder_due().await.unwrap(), None);
}

async fn late_reminders_are_marked_and_old_ones_skipped(db: &TestDb) {
    let bot = Bot::new(db).await;
    let (_, due) = event_with_reminder(&bot).await;
    // Down for 10 minutes: sent late, marked as such.
    let run = bot
        .engine
        .send_due_reminders(due + Duration::minutes(10))
        .await
        .unwrap();
    assert_eq!(run.sent, 1);
    let replies = bot.deliver_all().await;
    assert!(card(&replies, "termin:1:").text.contains("(verspätet)"));

    // A second event whose reminder is missed by more than the grace period: skipped.
    create(&bot, "/termin neu morgen 19 Uhr | Zweiter Termin").await;
    answer(&bot, "lokal", "/termin 2 erinnerungen 2h").await;
    let second = event(&bot, 2).await;
    let due = first_start(&second) - Duration::hours(2);
    let run = bot
        .engine
        .send_due_reminders(due + Duration::minutes(31))
        .await
        .unwrap();
    assert_eq!((run.sent, run.skipped), (0, 1));
    assert!(bot.deliver_all().await.is_empty());
    assert_eq!(db.audit_details("reminder.skipped", "2").await.len(), 1);
}

async fn two_schedulers_on_one_database_send_each_reminder_once(db: &TestDb) {
    let bot = Bot::new(db).await;
    let (_, due) = event_with_reminder(&bot).await;
    let outbox_before = db.count("outbox").await;
    // A second daemon: its own engine and connection pool on the same database.
    let other = Engine::new(db.store().await, EngineConfig::default());
    let at = due + Duration::seconds(1);
    let (a, b) = tokio::join!(
        bot.engine.send_due_reminders(at),
        other.send_due_reminders(at)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 1, "{a:?} {b:?}");
    assert_eq!(db.count("outbox").await - outbox_before, 2);
    assert_eq!(db.audit_details("reminder.sent", "1").await.len(), 1);
}

/// A daily 02:30 series in Berlin, reminded an hour before, run through both 2026 clock
/// changes with the scheduler's own loop (sleep until the next due reminder, send).
async fn a_0230_series_is_reminded_once_on_both_clock_change_days_of_2026(db: &TestDb) {
    let bot = Bot::new(db).await;
    let created = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let first = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(2, 30, 0)
        .unwrap();
    let daily = Recurrence {
        rule: Rule::Daily { interval: 1 },
        until: None,
    };
    let mut event = allianz_tests::test_event(first, Some(daily), vec![60], created);
    event.title = "Nachtschicht".into();
    let mut tx = bot.store.begin().await.unwrap();
    let id = tx.insert_event(&event).await.unwrap();
    tx.add_event_channel(id, &event.chat).await.unwrap();
    tx.commit().await.unwrap();

    for (from, day, due) in [
        // Spring: 02:30 does not exist; the occurrence is 03:30 summer time (01:30 UTC).
        (
            Utc.with_ymd_and_hms(2026, 3, 27, 12, 0, 0).unwrap(),
            "2026-03-29",
            Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap(),
        ),
        // Autumn: 02:30 exists twice; the occurrence is the first (00:30 UTC).
        (
            Utc.with_ymd_and_hms(2026, 10, 23, 12, 0, 0).unwrap(),
            "2026-10-25",
            Utc.with_ymd_and_hms(2026, 10, 24, 23, 30, 0).unwrap(),
        ),
    ] {
        let until = from + Duration::days(4);
        let mut now = from;
        let mut next_plan = from;
        while now < until {
            if now >= next_plan {
                bot.engine.plan_reminders(now).await.unwrap();
                next_plan = now + Duration::hours(1);
            }
            bot.engine.send_due_reminders(now).await.unwrap();
            let next_due = bot.engine.next_reminder_due().await.unwrap();
            now = next_due
                .map_or(next_plan, |d| d.min(next_plan))
                .max(now + Duration::seconds(1));
        }
        let sent: Vec<serde_json::Value> = db
            .audit_details("reminder.sent", &id.to_string())
            .await
            .into_iter()
            .map(|(_, d)| serde_json::from_str(&d).unwrap())
            .collect();
        let that_day: Vec<&serde_json::Value> =
            sent.iter().filter(|d| d["occurrence"] == day).collect();
        assert_eq!(that_day.len(), 1, "{day}: {sent:#?}");
        assert_eq!(
            that_day[0]["due"].as_str().unwrap(),
            due.to_rfc3339(),
            "{day}"
        );
        // Each day of the window once, none twice.
        let mut days: Vec<&str> = sent
            .iter()
            .map(|d| d["occurrence"].as_str().unwrap())
            .collect();
        let all = days.len();
        days.sort_unstable();
        days.dedup();
        assert_eq!(days.len(), all, "{sent:#?}");
    }
}

async fn cancelling_and_moving_tell_registered_people(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    create(
        &bot,
        "/termin neu jeden ersten Montag im Monat 17 Uhr | Online-Stammtisch",
    )
    .await;
    let event = event(&bot, 1).await;
    assert!(event.schedule.is_series());
    let next = answer(&bot, "clara", "/termin 1").await;
    assert!(next.contains("jeden 1. Montag im Monat"), "{next}");
    assert!(next.contains("Weitere Termine"), "{next}");
    answer(&bot, "clara", "/anmelden 1").await;
    // The list shows the series once, with how many dates follow.
    let list = answer(&bot, "clara", "/termine").await;
    assert_eq!(list.matches("Online-Stammtisch").count(), 1, "{list}");
    assert!(list.contains("weitere"), "{list}");
    let day = event.schedule.first.date().format("%d.%m.%Y").to_string();
    // Move one date of the series: clara is told, the series stays.
    let replies = bot
        .say(
            "lokal",
            &format!("/termin 1 verschieben {day} auf {day} 18 Uhr"),
        )
        .await;
    let told = replies
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:clara"))
        .expect("clara is told of the move");
    assert!(told.text.contains("18:00"), "{}", told.text);
    assert!(told.text.contains("statt"), "{}", told.text);
    // Cancel that date: clara is told; the next date is still on.
    let replies = bot.say("lokal", &format!("/termin 1 absagen {day}")).await;
    assert!(
        replies.iter().any(
            |r| r.private_to.as_deref() == Some("console:clara") && r.text.contains("Abgesagt")
        )
    );
    let refused = answer(&bot, "clara", &format!("/anmelden 1 {day}")).await;
    assert!(refused.contains("abgesagt"), "{refused}");
    let list = answer(&bot, "clara", "/termine").await;
    assert!(list.contains("abgesagt"), "{list}");
    // Cancel the whole series: asked back first, nothing changes until confirmed.
    let before = db.fingerprint().await;
    let asked = answer(&bot, "lokal", "/termin 1 absagen").await;
    assert!(asked.contains("/termin 1 absagen alle"), "{asked}");
    assert_eq!(db.fingerprint().await, before);
    let done = bot.say("lokal", "/termin 1 absagen alle").await;
    assert!(done.iter().any(|r| r.text.contains("ist abgesagt")));
    assert!(
        answer(&bot, "clara", "/termine")
            .await
            .contains("keine Termine")
    );
    assert_eq!(bot.engine.next_reminder_due().await.unwrap(), None);
}

async fn the_guided_form_asks_until_the_date_is_clear(db: &TestDb) {
    let bot = Bot::new(db).await;
    assert!(
        answer(&bot, "lokal", "/termin neu")
            .await
            .contains("(1/5) Wann?")
    );
    let again = answer(&bot, "lokal", "nächsten Mondtag 17 Uhr").await;
    assert!(
        again.contains("„Mondtag“") && again.contains("(1/5) Wann?"),
        "{again}"
    );
    assert!(
        answer(&bot, "lokal", "jeden zweiten Dienstag im Monat 18 Uhr")
            .await
            .contains("(2/5)")
    );
    assert!(answer(&bot, "lokal", "-").await.contains("fehlt der Titel"));
    assert!(
        answer(&bot, "lokal", "Sprechstunde")
            .await
            .contains("(3/5)")
    );
    assert!(
        answer(&bot, "lokal", "-")
            .await
            .contains("(4/5) Welche Region?")
    );
    assert!(
        answer(&bot, "lokal", "Zella-Mehlis")
            .await
            .contains("(5/5)")
    );
    let replies = bot.say("lokal", "Fragen an den Vorstand").await;
    let posted = card(&replies, "termin:1:");
    assert!(
        posted.text.contains("Termin 1: Sprechstunde"),
        "{}",
        posted.text
    );
    assert!(
        posted.text.contains("jeden 2. Dienstag im Monat"),
        "{}",
        posted.text
    );
    assert!(posted.text.contains("Fragen an den Vorstand"));
    assert!(!posted.text.contains("📍"), "no place was given");
    // The region asked is the one the list and the region's calendar go by.
    let list = answer(&bot, "lokal", "/termine zella mehlis").await;
    assert!(list.contains("Sprechstunde"), "{list}");
}

async fn an_answer_belongs_to_the_person_not_the_account(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("clara").await;
    let code = Bot::link_code_in(&bot.ask("clara", "/verknuepfen").await);
    bot.say("telegram:4711", &format!("/verknuepfen {code}"))
        .await;
    create(&bot, "/termin neu in 5 Tagen 18 Uhr | Stammtisch").await;
    assert!(
        answer(&bot, "clara", "/anmelden 1")
            .await
            .contains("angemeldet")
    );
    // The same person on another messenger: already registered, still one answer.
    let again = answer(&bot, "telegram:4711", "/anmelden 1").await;
    assert!(again.contains("schon"), "{again}");
    let changed = answer(&bot, "telegram:4711", "/abmelden 1").await;
    assert!(changed.contains("Abgemeldet"), "{changed}");
    let counts = answer(&bot, "lokal", "/teilnehmer 1").await;
    assert!(counts.contains("Zusagen (0)"), "{counts}");
    assert!(counts.contains("Absagen (1): clara"), "{counts}");
}

async fn following_a_series_reminds_of_every_date_until_unsubscribed(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    create(&bot, "/termin neu jeden Dienstag 18 Uhr | Stammtisch").await;
    answer(&bot, "lokal", "/termin 1 erinnerungen 2h").await;
    let yes = answer(&bot, "mia", "/abonnieren 1").await;
    assert!(yes.contains("an jeden Termin von „Stammtisch“"), "{yes}");
    let again = answer(&bot, "mia", "/abonnieren 1").await;
    assert!(again.contains("schon"), "{again}");

    let first = first_start(&event(&bot, 1).await);
    let reminded = |week: i64| {
        let bot = &bot;
        async move {
            let due = first + Duration::weeks(week) - Duration::hours(2);
            bot.engine
                .plan_reminders(due - Duration::hours(1))
                .await
                .unwrap();
            bot.engine
                .send_due_reminders(due + Duration::seconds(1))
                .await
                .unwrap();
            bot.deliver_all()
                .await
                .into_iter()
                .any(|r| r.private_to.as_deref() == Some("console:mia"))
        }
    };
    assert!(reminded(0).await, "the first date, without registering");
    assert!(reminded(1).await, "and the next one");
    // A date she said no to is not reminded.
    let date = (first + Duration::weeks(2))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%d.%m.%Y")
        .to_string();
    bot.say("mia", &format!("/abmelden 1 {date}")).await;
    assert!(!reminded(2).await, "she said no to that one");
    let stop = answer(&bot, "mia", "/abbestellen 1").await;
    assert!(stop.contains("Abbestellt"), "{stop}");
    assert!(!reminded(3).await);
    let not = answer(&bot, "mia", "/abbestellen 1").await;
    assert!(not.contains("folgst Termin 1 nicht"), "{not}");
}
