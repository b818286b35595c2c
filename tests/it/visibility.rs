//! Who may see what: every command × (stranger, member, organiser, admin) × (public,
//! internal, confidential item) × (private chat, open group, confidential room), on both
//! databases. The commands come from the command table through an exhaustive `match`, so a
//! new command does not compile until it is placed here.
//!
//! The expectations are this file's own, written from the rules as members are told them –
//! not by calling the engine's rule – so a wrong rule in core shows up as a failure here.

use allianz_core::command::{COMMANDS, CommandId};
use allianz_core::domain::{Platform, PlatformIdentity};
use allianz_core::message::{ChatRef, Incoming, IncomingKind, Sensitivity};
use allianz_tests::web::Site;
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    no_command_shows_an_item_outside_its_audience,
    an_item_outside_its_audience_does_not_exist,
    reactions_and_buttons_outside_the_audience_change_nothing,
    the_outbox_refuses_confidential_content_for_an_open_group,
    a_confidential_event_goes_public_only_by_an_organiser_who_is_told_what_shows,
    the_web_shows_only_public_items_and_no_person,
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Stranger,
    Member,
    Organiser,
    Admin,
}

impl Who {
    const ALL: [Who; 4] = [Who::Stranger, Who::Member, Who::Organiser, Who::Admin];

    fn name(self) -> &'static str {
        match self {
            Who::Stranger => "fremd",
            Who::Member => "mia",
            Who::Organiser => "olga",
            Who::Admin => "lokal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Private,
    OpenGroup,
    ConfidentialRoom,
}

impl Where {
    const ALL: [Where; 3] = [Where::Private, Where::OpenGroup, Where::ConfidentialRoom];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Public,
    Internal,
    Confidential,
    /// Held back (waiting for release, or hidden): organisers only.
    Held,
}

/// One item planted for the test: what it is, its number, and a word only it contains.
#[derive(Debug, Clone, Copy)]
struct Item {
    kind: Kind,
    number: u32,
    seen: Seen,
    marker: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Event,
    Poll,
    /// A Spendenparlament round with its application of the same number (A1 in round 1).
    Round,
}

const ITEMS: [Item; 8] = [
    Item {
        kind: Kind::Event,
        number: 1,
        seen: Seen::Public,
        marker: "Sommerfest",
    },
    Item {
        kind: Kind::Event,
        number: 2,
        seen: Seen::Internal,
        marker: "Klausurtagung",
    },
    Item {
        kind: Kind::Event,
        number: 3,
        seen: Seen::Confidential,
        marker: "Krisenrunde",
    },
    Item {
        kind: Kind::Event,
        number: 4,
        seen: Seen::Held,
        marker: "Flohmarkttipp",
    },
    Item {
        kind: Kind::Poll,
        number: 1,
        seen: Seen::Internal,
        marker: "Grillabend",
    },
    Item {
        kind: Kind::Poll,
        number: 2,
        seen: Seen::Confidential,
        marker: "Anwaltskosten",
    },
    Item {
        kind: Kind::Round,
        number: 1,
        seen: Seen::Public,
        marker: "Frühjahrstopf",
    },
    Item {
        kind: Kind::Round,
        number: 2,
        seen: Seen::Internal,
        marker: "Herbsttopf",
    },
];

/// The rule as the README tells it: public items everyone sees; internal ones members in
/// their private chat and in the alliance's channels; confidential ones members only inside
/// the confidential room.
fn may_see(who: Who, place: Where, item: &Item) -> bool {
    let member = who != Who::Stranger;
    match item.seen {
        Seen::Public => true,
        Seen::Internal => member,
        Seen::Confidential => member && place == Where::ConfidentialRoom,
        Seen::Held => matches!(who, Who::Organiser | Who::Admin),
    }
}

/// What to type for each command: every command of the table, with `{n}` for the item's
/// number. Only lines that leave the items where they are (the matrix must stay the same
/// while it is walked); changes of visibility have their own test below.
fn lines(id: CommandId) -> (&'static [&'static str], Option<Kind>) {
    match id {
        CommandId::Help => (&["/hilfe", "/hilfe termin"], None),
        CommandId::Start => (&["/start"], None),
        CommandId::Language => (&["/sprache de"], None),
        CommandId::WhoAmI => (&["/ich"], None),
        CommandId::Invite => (&["/einladen"], None),
        CommandId::Join => (&["/beitreten ABCD-EFGH"], None),
        CommandId::Conduct => (&["/kodex"], None),
        CommandId::Role => (&["/rolle console:mia mitglied"], None),
        CommandId::Link => (&["/verknuepfen", "/verknuepfen ABC234"], None),
        CommandId::MyData => (&["/meine-daten"], None),
        CommandId::Forget => (&["/vergessen"], None),
        CommandId::Initiative => (
            &[
                "/initiative Tafel Suhl",
                "/initiative Tafel Suhl ort 50.6098, 10.6934",
            ],
            None,
        ),
        CommandId::Initiatives => (&["/initiativen"], None),
        CommandId::Vacancy => (
            &[
                "/leerstand",
                "/leerstand L1",
                "/leerstand Suhl",
                "/leerstand L1 ort 50.6098, 10.6934",
            ],
            None,
        ),
        CommandId::Channel => (&["/kanal"], None),
        CommandId::Channels => (&["/kanaele"], None),
        CommandId::Announce => (
            &[
                "/ankuendigung Treffen am Freitag",
                "/ankuendigung öffentlich Treffen am Samstag",
                "/ankuendigung vertraulich Treffen im Hinterzimmer",
            ],
            None,
        ),
        CommandId::Announcements => (&["/ankuendigungen"], None),
        CommandId::Topic => (&["/thema T1", "/thema T1 +", "/thema T1 -"], None),
        CommandId::Topics => (&["/themen"], None),
        CommandId::Impulse => (&["/impuls {n} | Kurzvortrag", "/impuls"], Some(Kind::Event)),
        CommandId::Present => (&["/vorstellen {n} Tafel Suhl"], Some(Kind::Event)),
        CommandId::Record => (&["/protokoll {n}"], Some(Kind::Event)),
        CommandId::QuestionRound => (&["/fragerunde"], None),
        CommandId::Question => (&["/frage F1 +"], None),
        CommandId::Questions => (&["/fragen"], None),
        CommandId::Subscribe => (&["/abonnieren {n}"], Some(Kind::Event)),
        CommandId::Unsubscribe => (&["/abbestellen {n}"], Some(Kind::Event)),
        CommandId::Members => (&["/mitglieder", "/mitglieder mia"], None),
        CommandId::Poll => (
            &["/umfrage {n}", "/umfrage {n} 1", "/umfrage {n} 2"],
            Some(Kind::Poll),
        ),
        CommandId::Event => (
            &[
                "/termin {n}",
                "/termin {n} ort Saal 2",
                "/termin {n} plätze 40",
                "/termin {n} erinnerungen 1d",
                "/termin {n} kanal",
                "/termin {n} link https://beispiel.de/raum privat",
                "/termin {n} vorstellungen 2",
                "/termin {n} thema 01.03. Lebendige Orte",
                "/termin {n} doku https://beispiel.de/doku | Notizen",
            ],
            Some(Kind::Event),
        ),
        CommandId::Events => (
            &[
                "/termine",
                "/termine Suhl",
                "/termine vergangen",
                "/termine pruefen",
            ],
            None,
        ),
        CommandId::Register => (&["/anmelden {n}"], Some(Kind::Event)),
        CommandId::Unregister => (&["/abmelden {n}"], Some(Kind::Event)),
        CommandId::Attendees => (&["/teilnehmer {n}"], Some(Kind::Event)),
        CommandId::Round => (&["/runde", "/runde {n}"], Some(Kind::Round)),
        CommandId::Application => (&["/antrag A{n}"], Some(Kind::Round)),
        CommandId::Applications => (&["/antraege", "/antraege {n}"], Some(Kind::Round)),
        CommandId::Voting => (&["/abstimmung start {n}"], Some(Kind::Round)),
        CommandId::Vote => (&["/stimme", "/stimme A{n} ja"], Some(Kind::Round)),
        CommandId::VoteFor => (&["/stimme-fuer mia A{n} nein"], Some(Kind::Round)),
        CommandId::Cancel => (&["/abbrechen"], None),
    }
}

fn chat(place: Where, who: Who) -> ChatRef {
    let (id, is_private, encrypted) = match place {
        Where::Private => (format!("chat-{}", who.name()), true, false),
        Where::OpenGroup => ("gruppe".to_string(), false, false),
        Where::ConfidentialRoom => ("geheim".to_string(), false, true),
    };
    ChatRef {
        platform: Platform::Console,
        id,
        is_private,
        encrypted,
        title: None,
    }
}

fn said(bot: &Bot, who: Who, place: Where, text: &str) -> Incoming {
    let mut incoming = bot.text(who.name(), text);
    incoming.chat = chat(place, who);
    incoming
}

async fn run(bot: &Bot, who: Who, place: Where, text: &str) -> Vec<Reply> {
    bot.handle(&said(bot, who, place, text)).await;
    bot.deliver_all().await
}

/// The alliance of this test: four people, an open group and a confidential room as
/// channels, one public, one internal and one confidential event, an internal and a
/// confidential poll, a public and an internal Spendenparlament round.
async fn alliance(db: &TestDb) -> Bot {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.make_member("olga").await;
    bot.say("lokal", "/rolle console:olga organisator").await;
    let admin = Who::Admin;
    run(&bot, admin, Where::OpenGroup, "/kanal verbinden").await;
    run(
        &bot,
        admin,
        Where::ConfidentialRoom,
        "/kanal verbinden vertraulich",
    )
    .await;
    for (place, line) in [
        (
            Where::OpenGroup,
            "/termin neu in 3 Wochen 18 Uhr | Sommerfest | Suhl | Sommerfest für alle",
        ),
        (
            Where::OpenGroup,
            "/termin neu in 4 Wochen 18 Uhr | Klausurtagung | Suhl | Klausurtagung intern",
        ),
        (
            Where::ConfidentialRoom,
            "/termin neu in 5 Wochen 18 Uhr | Krisenrunde | Suhl | Krisenrunde vertraulich",
        ),
        (
            Where::Private,
            "/termin neu in 6 Wochen 18 Uhr | Flohmarkttipp | Suhl | Flohmarkttipp zum Prüfen",
        ),
        (Where::Private, "/termin 4 verbergen"),
        (Where::OpenGroup, "/umfrage Grillabend? | Ja | Nein"),
        (
            Where::Private,
            "/initiative neu Tafel Suhl | Suhl | Lebensmittel retten | tafel@suhl.de",
        ),
        (
            Where::Private,
            "/leerstand neu Alte Post | Suhl | Laden | Leer seit 2020 | post@suhl.de",
        ),
        (
            Where::OpenGroup,
            "/runde neu Frühjahrstopf | 3.000 € | Anträge bis 31.12.2099",
        ),
        (
            Where::Private,
            "/antrag Kühlschrank | 450 € | Tafel Suhl | Frühjahrstopf für Lebensmittel",
        ),
        (Where::OpenGroup, "/antrag A1 zulassen"),
        (
            Where::OpenGroup,
            "/runde neu Herbsttopf | 2.000 € | Anträge bis 31.12.2099",
        ),
        (Where::OpenGroup, "/runde 2 einstellung sichtbarkeit intern"),
        (
            Where::Private,
            "/antrag Lastenrad | 300 € | Tafel Suhl | Herbsttopf für Lieferungen",
        ),
        (Where::OpenGroup, "/antrag A2 zulassen"),
        (
            Where::ConfidentialRoom,
            "/umfrage Anwaltskosten? | Ja | Nein",
        ),
    ] {
        let replies = run(&bot, admin, place, line).await;
        assert!(!replies.is_empty(), "{line}");
    }
    let internal = run(&bot, admin, Where::OpenGroup, "/termin 2 intern").await;
    assert!(internal[0].text.contains("intern"), "{internal:?}");
    bot
}

/// Fails if a message shows an item to someone outside its audience: the person who asked
/// (a reply in their chat), the person written to privately, or the chat a card went to.
fn check_no_leak(who: Who, place: Where, line: &str, replies: &[Reply]) {
    let here = chat(place, who).id;
    for reply in replies {
        let mut content = reply.text.clone();
        for row in &reply.buttons {
            for button in row {
                content.push_str(&button.label);
            }
        }
        if let Some(file) = &reply.attachment {
            content.push_str(&file.content);
        }
        for item in &ITEMS {
            if !content.contains(item.marker) {
                continue;
            }
            let allowed = match (&reply.private_to, reply.to.as_str()) {
                // Someone's private chat: that person, privately.
                (Some(identity), _) => {
                    let person = PlatformIdentity::parse(identity).unwrap();
                    let reader = Who::ALL
                        .into_iter()
                        .find(|w| w.name() == person.user())
                        .unwrap_or(Who::Stranger);
                    may_see(reader, Where::Private, item)
                }
                (None, to) if to == here => may_see(who, place, item),
                // A card kept up to date in someone's private chat (posted there by them).
                (None, to) if to.starts_with("chat-") => {
                    let reader = Who::ALL
                        .into_iter()
                        .find(|w| to == format!("chat-{}", w.name()))
                        .unwrap_or(Who::Stranger);
                    may_see(reader, Where::Private, item)
                }
                // A card kept up to date in a channel the item lives in.
                (None, "gruppe") => !matches!(item.seen, Seen::Confidential | Seen::Held),
                (None, "geheim") => item.seen != Seen::Held,
                (None, _) => item.seen == Seen::Public,
            };
            assert!(
                allowed,
                "{who:?} in {place:?} typed {line:?}: {:?} shown to {:?}\n{}",
                item.marker, reply.to, reply.text
            );
            if item.seen == Seen::Confidential {
                assert_eq!(
                    reply.sensitivity,
                    Sensitivity::Confidential,
                    "{line:?}: confidential content not marked\n{}",
                    reply.text
                );
            }
        }
    }
}

async fn no_command_shows_an_item_outside_its_audience(db: &TestDb) {
    let bot = alliance(db).await;
    let mut runs = 0;
    for spec in COMMANDS {
        let (lines, kind) = lines(spec.id);
        assert!(!lines.is_empty(), "{:?} has no line to try", spec.id);
        for line in lines {
            let numbers: Vec<u32> = match kind {
                Some(kind) => ITEMS
                    .iter()
                    .filter(|i| i.kind == kind)
                    .map(|i| i.number)
                    .collect(),
                None => vec![0],
            };
            for number in numbers {
                let text = line.replace("{n}", &number.to_string());
                for who in Who::ALL {
                    for place in Where::ALL {
                        let replies = run(&bot, who, place, &text).await;
                        check_no_leak(who, place, &text, &replies);
                        runs += 1;
                    }
                }
            }
        }
    }
    assert!(runs > 300, "{runs}");
    assert_eq!(
        bot.refused(),
        Vec::<String>::new(),
        "the engine relied on the guard"
    );
}

async fn an_item_outside_its_audience_does_not_exist(db: &TestDb) {
    let bot = alliance(db).await;
    for who in Who::ALL {
        for place in Where::ALL {
            for item in &ITEMS {
                let (show, unknown) = match item.kind {
                    Kind::Event => (format!("/termin {}", item.number), "/termin 99"),
                    Kind::Poll => (format!("/umfrage {}", item.number), "/umfrage 99"),
                    Kind::Round => (format!("/runde {}", item.number), "/runde 99"),
                };
                let answer = run(&bot, who, place, &show).await;
                let text = answer.first().map(|r| r.text.clone()).unwrap_or_default();
                if may_see(who, place, item) {
                    assert!(
                        text.contains(item.marker),
                        "{who:?} in {place:?} should see {show}: {text}"
                    );
                } else {
                    let never = run(&bot, who, place, unknown).await;
                    assert_eq!(
                        text,
                        never[0].text.replace("99", &item.number.to_string()),
                        "{who:?} in {place:?}: {show}"
                    );
                }
            }
            // Lists show exactly what may be seen – held-back events only in the organisers'
            // review list (`/termine pruefen`), not in the calendar's.
            let list = run(&bot, who, place, "/termine").await;
            for item in ITEMS.iter().filter(|i| i.kind == Kind::Event) {
                assert_eq!(
                    list[0].text.contains(item.marker),
                    may_see(who, place, item) && item.seen != Seen::Held,
                    "{who:?} in {place:?}: /termine\n{}",
                    list[0].text
                );
            }
        }
    }
}

async fn reactions_and_buttons_outside_the_audience_change_nothing(db: &TestDb) {
    let bot = alliance(db).await;
    // The confidential event's card lives in the confidential room; its button data is no
    // secret (it travels through the platform), so someone may press it elsewhere.
    let card = run(&bot, Who::Admin, Where::ConfidentialRoom, "/termin 3").await;
    let data = card[0].buttons[0][0].data.clone();
    let before = db.fingerprint().await;
    let mut press = said(&bot, Who::Member, Where::OpenGroup, "");
    press.kind = IncomingKind::ButtonPressed {
        message_id: "x".into(),
        data: data.clone(),
    };
    let notice = bot.handle(&press).await.notice().unwrap_or_default();
    assert!(!notice.contains("Krisenrunde"), "{notice}");
    assert_eq!(db.fingerprint().await, before, "a press outside the room");
    assert!(bot.deliver_all().await.is_empty());
    // In the room, the same press counts.
    let mut press = said(&bot, Who::Member, Where::ConfidentialRoom, "");
    press.kind = IncomingKind::ButtonPressed {
        message_id: "x".into(),
        data,
    };
    let notice = bot.handle(&press).await.notice().unwrap_or_default();
    assert!(notice.contains("angemeldet"), "{notice}");
    let replies = bot.deliver_all().await;
    assert!(replies.iter().all(|r| r.to == "geheim"), "{replies:#?}");
    assert!(
        replies
            .iter()
            .all(|r| r.sensitivity == Sensitivity::Confidential)
    );
}

async fn the_outbox_refuses_confidential_content_for_an_open_group(db: &TestDb) {
    use allianz_core::message::{Outgoing, RichText, Target};
    let bot = alliance(db).await;
    let mut message = Outgoing::new(
        Target::Chat {
            chat: chat(Where::OpenGroup, Who::Admin),
        },
        RichText::plain("Krisenrunde: Einzelheiten"),
    );
    message.sensitivity = Sensitivity::Confidential;
    let mut private = message.clone();
    private.target = Target::Direct {
        identity: PlatformIdentity::console("mia").unwrap(),
    };
    let mut room = message.clone();
    room.target = Target::Chat {
        chat: chat(Where::ConfidentialRoom, Who::Admin),
    };
    let mut tx = bot.store.begin().await.unwrap();
    tx.write_effects(&[], &[message, private, room], chrono::Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let delivered = bot.deliver_all().await;
    assert_eq!(delivered.len(), 1, "{delivered:#?}");
    assert_eq!(delivered[0].to, "geheim");
    assert_eq!(bot.refused().len(), 2);
}

async fn a_confidential_event_goes_public_only_by_an_organiser_who_is_told_what_shows(db: &TestDb) {
    let bot = alliance(db).await;
    // The creator's rights do not reach that far: a member who created it may not.
    let refused = run(
        &bot,
        Who::Member,
        Where::ConfidentialRoom,
        "/termin 3 öffentlich",
    )
    .await;
    assert!(refused[0].text.contains("Organisator:innen"), "{refused:?}");
    // Outside the room the event does not exist, not even for the admin.
    let elsewhere = run(&bot, Who::Admin, Where::OpenGroup, "/termin 3 öffentlich").await;
    assert!(elsewhere[0].text.contains("gibt es nicht"), "{elsewhere:?}");
    let done = run(
        &bot,
        Who::Organiser,
        Where::ConfidentialRoom,
        "/termin 3 öffentlich",
    )
    .await;
    assert!(
        done[0].text.contains("Titel, Zeit, Ort, Beschreibung"),
        "{done:?}"
    );
    let list = run(&bot, Who::Stranger, Where::OpenGroup, "/termine").await;
    assert!(list[0].text.contains("Krisenrunde"), "{}", list[0].text);
    // Back to internal; making it confidential again works only in a confidential room.
    run(&bot, Who::Organiser, Where::OpenGroup, "/termin 3 intern").await;
    let no_room = run(
        &bot,
        Who::Organiser,
        Where::OpenGroup,
        "/termin 3 vertraulich",
    )
    .await;
    assert!(
        no_room[0].text.contains("vertraulichen Kanal"),
        "{no_room:?}"
    );
    let again = run(
        &bot,
        Who::Organiser,
        Where::ConfidentialRoom,
        "/termin 3 vertraulich",
    )
    .await;
    assert!(again[0].text.contains("vertraulich"), "{again:?}");
    let list = run(&bot, Who::Member, Where::Private, "/termine").await;
    assert!(!list[0].text.contains("Krisenrunde"), "{}", list[0].text);
}

/// The web is nobody in particular: of the matrix's items only the public ones show, on
/// every page, in the JSON, the GeoJSON, the news feed and the calendar – and no person's
/// name or address, unless an initiative chose to show its contact.
async fn the_web_shows_only_public_items_and_no_person(db: &TestDb) {
    let bot = alliance(db).await;
    let admin = Who::Admin;
    // Both rounds go to the vote, are counted and published: results exist for each, but
    // the internal one's stay with the members.
    for (round, application) in [(1, 1), (2, 2)] {
        for line in [
            format!("/abstimmung start {round}"),
            format!("/stimme A{application} ja"),
            format!("/abstimmung schließen {round}"),
            format!("/runde {round} veröffentlichen"),
        ] {
            let who = if line.starts_with("/stimme") {
                Who::Member
            } else {
                admin
            };
            let replies = run(&bot, who, Where::OpenGroup, &line).await;
            assert!(!replies.is_empty(), "{line}");
        }
    }
    for line in [
        "/initiative Tafel Suhl ort 50.6098, 10.6934",
        "/ankuendigung öffentlich Stadtputz am Samstag – alle sind eingeladen",
        "/ankuendigung Hinterzimmerthema nur für die Kanäle",
    ] {
        let replies = run(&bot, admin, Where::Private, line).await;
        assert!(!replies.is_empty(), "{line}");
    }
    let site = Site::serve(db, bot.engine.clone(), "Bündnis Suhl").await;
    let pages = site.walk().await;
    for (path, page) in &pages {
        for item in &ITEMS {
            if item.seen != Seen::Public {
                assert!(
                    !page.body.contains(item.marker),
                    "{path} shows {:?} ({:?})",
                    item.marker,
                    item.seen
                );
            }
        }
        for private in [
            "Lastenrad",
            "Herbsttopf",
            "Hinterzimmerthema",
            "tafel@suhl.de",
            "console:",
            "olga",
        ] {
            assert!(!page.body.contains(private), "{path} shows {private:?}");
        }
    }
    let body = |wanted: &str| {
        &pages
            .iter()
            .find(|(path, _)| *path == wanted)
            .unwrap_or_else(|| panic!("{wanted} walked"))
            .1
    };
    // The public items are there, where a reader looks for them.
    for path in ["/", "/termine", "/api/termine", "/kalender.ics"] {
        assert!(body(path).body.contains("Sommerfest"), "{path}");
    }
    for path in ["/runden", "/runden/1", "/api/runden/1"] {
        assert!(body(path).body.contains("Frühjahrstopf"), "{path}");
    }
    assert!(body("/runden/1").body.contains("Kühlschrank"));
    assert_eq!(body("/runden/2").status, 404);
    assert_eq!(body("/api/runden/2").status, 404);
    for path in ["/", "/neuigkeiten", "/neuigkeiten.atom", "/api/neuigkeiten"] {
        assert!(body(path).body.contains("Stadtputz"), "{path}");
    }
    let geo = body("/api/initiativen.geojson").json();
    assert_eq!(geo["features"][0]["properties"]["name"], "Tafel Suhl");
    assert_eq!(
        geo["features"][0]["properties"]["contact"],
        serde_json::Value::Null
    );

    // Once the initiative chooses so, its contact is public too.
    let shown = run(
        &bot,
        admin,
        Where::Private,
        "/initiative Tafel Suhl kontakt öffentlich",
    )
    .await;
    assert!(
        shown[0].text.contains("öffentlichen Webseite"),
        "{shown:#?}"
    );
    for path in [
        "/initiativen",
        "/api/initiativen",
        "/api/initiativen.geojson",
    ] {
        assert!(
            site.get(path).await.body.contains("tafel@suhl.de"),
            "{path}"
        );
    }
}
