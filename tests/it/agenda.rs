//! The programme and the record of a meetup: impulses offered and put on a date (their
//! speakers reminded), presentation slots taken until full, a date's own topic, its
//! documentation with the participants told, past dates listed, and a Markdown record.

use allianz_core::domain::{
    EventId, MemberId, PlatformIdentity, PollDraft, RsvpStatus, Visibility,
};
use allianz_core::message::ChatRef;
use allianz_core::schedule::{Recurrence, Rule};
use allianz_tests::{Bot, Reply, TestDb};
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;

allianz_tests::on_both_backends!(
    an_impulse_goes_on_a_date_and_its_speaker_is_reminded,
    presentation_slots_are_taken_until_they_are_full,
    a_date_gets_its_topic_and_documentation_and_participants_are_told,
    the_record_of_a_date_names_people_only_for_organisers,
);

/// A weekly Stammtisch at 19:00 Berlin time whose first date was three weeks ago, announced
/// in the group; with mia (member), ben (member) and olga (organiser).
async fn alliance(db: &TestDb) -> (Bot, EventId, NaiveDateTime) {
    let bot = Bot::new(db).await;
    for name in ["mia", "ben", "olga"] {
        bot.make_member(name).await;
    }
    bot.say("lokal", "/rolle console:olga organisator").await;
    let today = Utc::now().with_timezone(&Berlin).date_naive();
    let first = (today - Duration::days(21)).and_hms_opt(19, 0, 0).unwrap();
    let weekly = Recurrence {
        rule: Rule::Weekly {
            interval: 1,
            days: vec![first.date().weekday()],
        },
        until: None,
    };
    let created = Utc::now() - Duration::days(30);
    let event = allianz_tests::test_event(first, Some(weekly), vec![60], created);
    let mut tx = bot.store.begin().await.unwrap();
    let id = tx.insert_event(&event).await.unwrap();
    tx.commit().await.unwrap();
    // Its card in the group, kept up to date.
    bot.say_in(&bot.group_text("olga", &format!("/termin {id} kanal")))
        .await;
    (bot, id, first)
}

fn at(local: NaiveDateTime) -> DateTime<Utc> {
    Berlin
        .from_local_datetime(&local)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// The first date still ahead, and the last one that has begun.
fn next_and_last(first: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    let dates: Vec<NaiveDateTime> = (0..6).map(|k| first + Duration::days(7 * k)).collect();
    let now = Utc::now();
    let next = *dates.iter().find(|d| at(**d) > now).unwrap();
    let last = *dates.iter().rev().find(|d| at(**d) <= now).unwrap();
    (next, last)
}

fn day(date: NaiveDateTime) -> String {
    date.format("%d.%m.%Y").to_string()
}

async fn member_id(bot: &Bot, name: &str) -> MemberId {
    let mut tx = bot.store.begin_read().await.unwrap();
    tx.member_by_identity(&PlatformIdentity::console(name).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

fn group(bot: &Bot, who: &str, text: &str) -> allianz_core::message::Incoming {
    bot.group_text(who, text)
}

fn to<'a>(replies: &'a [Reply], who: &str) -> Vec<&'a Reply> {
    let identity = format!("console:{who}");
    replies
        .iter()
        .filter(|r| r.private_to.as_deref() == Some(identity.as_str()))
        .collect()
}

fn card(replies: &[Reply]) -> &Reply {
    replies
        .iter()
        .rev()
        .find(|r| {
            r.live_key
                .as_deref()
                .is_some_and(|k| k.starts_with("termin:"))
        })
        .unwrap_or_else(|| panic!("a card: {replies:#?}"))
}

async fn an_impulse_goes_on_a_date_and_its_speaker_is_reminded(db: &TestDb) {
    let (bot, id, first) = alliance(db).await;
    let (next, _) = next_and_last(first);
    bot.say("mia", "/thema Dorfladen als Treffpunkt").await;
    let offered = bot
        .ask("mia", "/impuls T1 | Dorfladen Plus, 10 Minuten")
        .await;
    assert!(
        offered.contains("Impuls 1") && offered.contains("impuls annehmen 1"),
        "{offered}"
    );
    let open = bot.ask("ben", "/impuls").await;
    assert!(
        open.contains("#1: Dorfladen Plus, 10 Minuten – mia · T1"),
        "{open}"
    );

    // Only organisers plan the programme.
    let before = db.fingerprint().await;
    let denied = bot
        .ask("mia", &format!("/termin {id} impuls annehmen 1"))
        .await;
    assert!(denied.contains("Organisator"), "{denied}");
    let unknown = bot
        .ask("olga", &format!("/termin {id} impuls annehmen 9"))
        .await;
    assert!(unknown.contains("Nummer 9"), "{unknown}");
    let bad = bot
        .ask("olga", &format!("/termin {id} impuls annehmen x"))
        .await;
    assert!(bad.contains("/termin 12 impuls annehmen 3"), "{bad}");
    assert_eq!(db.fingerprint().await, before);

    let accepted = bot
        .say("olga", &format!("/termin {id} impuls annehmen 1"))
        .await;
    let speaker = to(&accepted, "mia");
    assert_eq!(speaker.len(), 1, "{accepted:#?}");
    assert!(
        speaker[0].text.contains("Dorfladen Plus") && speaker[0].text.contains(&day(next)),
        "{accepted:#?}"
    );
    let edited = card(&accepted);
    assert_eq!(edited.to, "gruppe");
    assert!(
        edited
            .text
            .contains("🎤 Impuls: mia – Dorfladen Plus, 10 Minuten"),
        "{}",
        edited.text
    );
    assert!(bot.ask("ben", "/impuls").await.contains("kein Impuls"));

    // An hour before, mia – who never registered – is reminded privately, as a speaker.
    let due = at(next) - Duration::hours(1);
    bot.engine.plan_reminders(Utc::now()).await.unwrap();
    bot.engine
        .send_due_reminders(due + Duration::seconds(1))
        .await
        .unwrap();
    let reminders = bot.deliver_all().await;
    let reminded = to(&reminders, "mia");
    assert_eq!(reminded.len(), 1, "{reminders:#?}");
    assert!(reminded[0].text.contains("Stammtisch"), "{reminders:#?}");
    assert!(to(&reminders, "ben").is_empty(), "{reminders:#?}");

    // She withdraws it: the card loses it.
    let withdrawn = bot.say("mia", "/impuls zurückziehen 1").await;
    assert!(!card(&withdrawn).text.contains("🎤"), "{withdrawn:#?}");
    let not_hers = bot.ask("ben", "/impuls zurückziehen 1").await;
    assert!(not_hers.contains("Nummer 1"), "{not_hers}");
}

async fn presentation_slots_are_taken_until_they_are_full(db: &TestDb) {
    let (bot, id, first) = alliance(db).await;
    let (next, _) = next_and_last(first);
    let none = bot
        .ask("mia", &format!("/vorstellen {id} Tafel Suhl"))
        .await;
    assert!(none.contains("keine Plätze"), "{none}");
    let opened = bot
        .say("olga", &format!("/termin {id} vorstellungen 1"))
        .await;
    assert!(
        card(&opened)
            .text
            .contains("🏘 Vorstellungen: · 1 Platz frei"),
        "{opened:#?}"
    );
    // Without an initiative of her own she is asked which one.
    let which = bot.ask("mia", &format!("/vorstellen {id}")).await;
    assert!(which.contains(&format!("/vorstellen {id} ")), "{which}");
    let taken = bot
        .say("mia", &format!("/vorstellen {id} Tafel Suhl"))
        .await;
    assert!(
        taken
            .iter()
            .any(|r| r.text.contains("„Tafel Suhl“ stellt sich am") && r.text.contains(&day(next))),
        "{taken:#?}"
    );
    assert!(
        card(&taken).text.contains("🏘 Vorstellungen: Tafel Suhl"),
        "{taken:#?}"
    );
    let before = db.fingerprint().await;
    let full = bot
        .ask("ben", &format!("/vorstellen {id} Jugendclub"))
        .await;
    assert!(full.contains("vergeben"), "{full}");
    let fewer = bot
        .ask("olga", &format!("/termin {id} vorstellungen 0"))
        .await;
    assert!(fewer.contains("schon 1"), "{fewer}");
    let too_many = bot
        .ask("olga", &format!("/termin {id} vorstellungen 99"))
        .await;
    assert!(too_many.contains("0 bis 20"), "{too_many}");
    assert_eq!(db.fingerprint().await, before);
    // One more slot, and ben's club gets it.
    bot.say("olga", &format!("/termin {id} vorstellungen 2"))
        .await;
    let second = bot
        .say("ben", &format!("/vorstellen {id} Jugendclub"))
        .await;
    assert!(
        card(&second)
            .text
            .contains("🏘 Vorstellungen: Tafel Suhl, Jugendclub"),
        "{second:#?}"
    );
}

async fn a_date_gets_its_topic_and_documentation_and_participants_are_told(db: &TestDb) {
    let (bot, id, first) = alliance(db).await;
    let (next, last) = next_and_last(first);
    // mia came to the last date; ben said no.
    let mut tx = bot.store.begin().await.unwrap();
    for (name, status) in [("mia", RsvpStatus::Yes), ("ben", RsvpStatus::No)] {
        let member = tx
            .member_by_identity(&PlatformIdentity::console(name).unwrap())
            .await
            .unwrap()
            .unwrap();
        tx.set_rsvp(
            id,
            last.date(),
            member.id,
            status,
            &PlatformIdentity::console(name).unwrap(),
            at(last) - Duration::days(2),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    // The next date's own topic, on its card only.
    let short = next.format("%d.%m.").to_string();
    let set = bot
        .say(
            "olga",
            &format!("/termin {id} thema {short} Lebendige Orte"),
        )
        .await;
    assert!(
        set.iter().any(|r| r.text.contains("„Lebendige Orte“")),
        "{set:#?}"
    );
    // The group's card is of that date: it shows the topic at once.
    assert!(
        card(&set).text.contains("🏷 Thema: Lebendige Orte"),
        "{set:#?}"
    );
    let that = bot.ask("mia", &format!("/termin {id} {}", day(next))).await;
    assert!(that.contains("🏷 Thema: Lebendige Orte"), "{that}");
    let week_after = day(next + Duration::days(7));
    let other = bot.ask("mia", &format!("/termin {id} {week_after}")).await;
    assert!(!other.contains("Lebendige Orte"), "{other}");

    // Documentation of the last date: only organisers, and bad input changes nothing.
    let before = db.fingerprint().await;
    let denied = bot
        .ask(
            "mia",
            &format!("/termin {id} doku https://cloud.example.org/x"),
        )
        .await;
    assert!(denied.contains("Organisator"), "{denied}");
    let empty = bot.ask("olga", &format!("/termin {id} doku")).await;
    assert!(empty.contains("/termin 12 doku https://"), "{empty}");
    let bad = bot
        .ask("olga", &format!("/termin {id} doku kein-link | Notizen"))
        .await;
    assert!(bad.contains("kein-link"), "{bad}");
    assert_eq!(db.fingerprint().await, before);

    let documented = bot
        .say(
            "olga",
            &format!(
                "/termin {id} doku https://cloud.example.org/stammtisch | 14 Leute, Schwerpunkt Leerstand"
            ),
        )
        .await;
    let told = to(&documented, "mia");
    assert_eq!(told.len(), 1, "{documented:#?}");
    assert!(
        told[0]
            .text
            .contains("https://cloud.example.org/stammtisch")
            && told[0].text.contains("14 Leute")
            && told[0].text.contains(&day(last)),
        "{documented:#?}"
    );
    assert!(to(&documented, "ben").is_empty(), "{documented:#?}");
    assert!(
        documented
            .iter()
            .any(|r| r.text.contains("1 Teilnehmer:in benachrichtigt")),
        "{documented:#?}"
    );

    // Past dates, the latest first, with their documentation.
    let past = bot.ask("ben", "/termine vergangen").await;
    let latest = past.find(&day(last)).expect("the last date");
    let earlier = past
        .find(&day(last - Duration::days(7)))
        .expect("the date before");
    assert!(latest < earlier, "{past}");
    assert!(
        past.contains("📎 https://cloud.example.org/stammtisch"),
        "{past}"
    );
    assert!(past.contains("noch keine Dokumentation"), "{past}");
    let none = bot.ask("ben", "/termine vergangen Erfurt").await;
    assert!(none.contains("Erfurt"), "{none}");

    // A date with no year is the one that was, not next year's.
    let earlier_day = (last - Duration::days(7)).format("%d.%m.").to_string();
    let dated = bot
        .say(
            "olga",
            &format!("/termin {id} doku {earlier_day} Nur ein kurzes Protokoll"),
        )
        .await;
    assert!(
        dated
            .iter()
            .any(|r| r.text.contains(&day(last - Duration::days(7)))),
        "{dated:#?}"
    );
    let past = bot.ask("ben", "/termine vergangen").await;
    assert!(past.contains("Nur ein kurzes Protokoll"), "{past}");

    // A question round held at the last date is pointed to from the list.
    bot.say_in(&group(
        &bot,
        "olga",
        &format!("/fragerunde start Rückfragen | {id} {}", day(last)),
    ))
    .await;
    bot.say_in(&group(&bot, "olga", "/fragerunde ende")).await;
    let past = bot.ask("ben", "/termine vergangen").await;
    assert!(
        past.contains(&format!("❓ Fragerunde: Rückfragen (/protokoll {id})")),
        "{past}"
    );
}

async fn the_record_of_a_date_names_people_only_for_organisers(db: &TestDb) {
    let (bot, id, first) = alliance(db).await;
    let (_, last) = next_and_last(first);
    let mia = member_id(&bot, "mia").await;
    let olga = member_id(&bot, "olga").await;
    let gruppe = ChatRef {
        platform: allianz_core::domain::Platform::Console,
        id: "gruppe".into(),
        is_private: false,
        encrypted: false,
        title: None,
    };
    let mut tx = bot.store.begin().await.unwrap();
    for (member, name) in [(mia, "mia"), (olga, "olga")] {
        tx.set_rsvp(
            id,
            last.date(),
            member,
            RsvpStatus::Yes,
            &PlatformIdentity::console(name).unwrap(),
            at(last) - Duration::days(1),
        )
        .await
        .unwrap();
    }
    // An impulse given that evening, and a poll asked in the group during it.
    tx.insert_agenda_item(&allianz_core::domain::agenda::AgendaItem {
        id: 0,
        kind: allianz_core::domain::agenda::AgendaKind::Impulse,
        member: mia,
        contact: PlatformIdentity::console("mia").unwrap(),
        title: "Dorfladen Plus".into(),
        topic: None,
        event: Some(id),
        occurrence: Some(last.date()),
        initiative: None,
        offered_at: at(last) - Duration::days(5),
        placed_at: Some(at(last) - Duration::days(4)),
    })
    .await
    .unwrap();
    tx.insert_poll(
        &gruppe,
        &PollDraft {
            question: "Nächstes Treffen im Dorfladen?".into(),
            options: vec!["Ja".into(), "Nein".into()],
        },
        allianz_core::domain::Lang::De,
        Visibility::Members,
        Some(olga),
        at(last) + Duration::minutes(30),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let in_group = bot
        .say_in(&group(&bot, "mia", &format!("/protokoll {id}")))
        .await;
    assert_eq!(in_group.len(), 1, "{in_group:#?}");
    let record = &in_group[0];
    let file = record.attachment.as_ref().expect("the record as a file");
    assert_eq!(
        file.filename,
        format!("protokoll-termin-{id}-{}.md", last.format("%Y-%m-%d"))
    );
    assert_eq!(file.mime, "text/markdown");
    let md = &file.content;
    assert!(md.starts_with("# Stammtisch – "), "{md}");
    assert!(md.contains(&day(last)), "{md}");
    assert!(md.contains("Zugesagt: 2 · Vielleicht: 0"), "{md}");
    assert!(md.contains("## Impulse\n\n- mia: Dorfladen Plus"), "{md}");
    assert!(
        md.contains("## Umfragen\n\n- Nächstes Treffen im Dorfladen?: Ja 0 · Nein 0"),
        "{md}"
    );
    assert!(md.contains("noch keine Dokumentation"), "{md}");
    assert!(!md.contains("Zugesagt haben"), "{md}");
    assert!(!md.contains("olga"), "{md}");

    // An organiser in a private chat also sees who came.
    let private = bot.say("olga", &format!("/protokoll {id}")).await;
    let md = &private[0].attachment.as_ref().unwrap().content;
    assert!(md.contains("Zugesagt haben: mia, olga"), "{md}");
    // Not in the group.
    let organiser_in_group = bot
        .say_in(&group(&bot, "olga", &format!("/protokoll {id}")))
        .await;
    assert!(
        !organiser_in_group[0].text.contains("Zugesagt haben"),
        "{organiser_in_group:#?}"
    );
    // An unknown number is answered and nothing is made.
    let unknown = bot.ask("mia", "/protokoll 99").await;
    assert!(unknown.contains("99"), "{unknown}");
}
