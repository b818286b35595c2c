//! The Spendenparlament through the engine, on both databases: a round from applications to
//! the published result, one vote per person across accounts and ways of voting, points
//! ballots, secret ballots, and the recount from the hash-chained vote log.

use allianz_core::domain::RoundId;
use allianz_core::message::{Incoming, IncomingKind};
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    a_round_goes_from_applications_to_a_published_result,
    one_person_has_one_vote_across_accounts_and_ways_of_voting,
    bad_budget_input_gets_an_answer_and_changes_nothing,
    a_points_ballot_shares_the_pot_and_counts_no_point_twice,
    a_secret_ballot_shows_nobody_a_choice,
    the_recount_finds_a_changed_vote_log,
    sixty_four_voters_at_once_with_replays_give_the_exact_count,
    the_guided_forms_ask_step_by_step_and_check_each_answer,
    an_internal_round_exists_only_for_members,
    a_vote_taken_out_of_the_log_shows_against_the_announced_seal,
    applications_close_by_themselves_once_when_the_deadline_day_ends,
);

/// Round 1 recounted from its vote log.
async fn recount(bot: &Bot) -> allianz_core::engine::Recount {
    let mut tx = bot.store.begin_read().await.unwrap();
    allianz_core::engine::recount(&mut *tx, RoundId(1))
        .await
        .unwrap()
        .expect("round 1")
}

/// The newest version of the live card of application `n` among the replies.
fn card(replies: &[Reply], n: i64) -> Option<&Reply> {
    let key = format!("antrag:{n}");
    replies
        .iter()
        .rev()
        .find(|r| r.live_key.as_deref() == Some(key.as_str()) && r.private_to.is_none())
}

fn react(bot: &Bot, who: &str, message_id: &str, key: &str, added: bool) -> Incoming {
    let mut incoming = bot.group_text(who, "");
    incoming.kind = if added {
        IncomingKind::ReactionAdded {
            message_id: message_id.into(),
            key: key.into(),
            reaction_id: None,
        }
    } else {
        IncomingKind::ReactionRemoved {
            reaction_id: None,
            message_id: Some(message_id.into()),
            key: Some(key.into()),
        }
    };
    incoming
}

fn press(bot: &Bot, who: &str, data: &str) -> Incoming {
    let mut incoming = bot.group_text(who, "");
    incoming.kind = IncomingKind::ButtonPressed {
        message_id: "ballot".into(),
        data: data.into(),
    };
    incoming
}

/// Says something in the group and returns what went out.
async fn in_group(bot: &Bot, who: &str, text: &str) -> Vec<Reply> {
    bot.handle(&bot.group_text(who, text)).await;
    bot.deliver_all().await
}

/// An alliance with three members beside the admin, two initiatives and an open round with
/// a pot of 1,000 € (+ 500 € from a foundation).
async fn alliance(db: &TestDb) -> Bot {
    let bot = Bot::new(db).await;
    for name in ["mia", "jonas", "ute"] {
        bot.make_member(name).await;
    }
    bot.ask(
        "lokal",
        "/initiative neu Tafel Suhl | Suhl | Lebensmittel retten | tafel@suhl.de",
    )
    .await;
    bot.ask(
        "mia",
        "/initiative neu Dorfladen Plus | Schleusingen | Ein Laden für alle | laden@example.org",
    )
    .await;
    let opened = in_group(
        &bot,
        "lokal",
        "/runde neu Frühjahr 2027 | 1.000 € | Anträge bis 31.12.2099",
    )
    .await;
    assert!(
        opened[0].text.contains("Runde 1: Frühjahr 2027") && opened[0].text.contains("1.000,00 €"),
        "{opened:#?}"
    );
    let grown = bot
        .ask(
            "lokal",
            "/runde 1 zuwendung 500 € | Stiftung Beispiel | öffentlich",
        )
        .await;
    assert!(grown.contains("1.500,00 €"), "{grown}");
    bot
}

/// Admits the applications and opens the vote in the group; returns the message ids of the
/// cards of `applications` (admitted here or before).
async fn open_vote(bot: &Bot, applications: &[i64]) -> Vec<String> {
    open_vote_with(bot, applications, applications).await
}

async fn open_vote_with(bot: &Bot, admit: &[i64], applications: &[i64]) -> Vec<String> {
    for n in admit {
        let admitted = bot.say("lokal", &format!("/antrag A{n} zulassen")).await;
        assert!(admitted[0].text.contains("zugelassen"), "{admitted:#?}");
    }
    let started = in_group(bot, "lokal", "/abstimmung start").await;
    applications
        .iter()
        .map(|n| {
            card(&started, *n)
                .unwrap_or_else(|| panic!("no card for A{n}: {started:#?}"))
                .message_id
                .clone()
        })
        .collect()
}

/// Mia's application A1 in round 1.
const LASTENRAD: &str = "/antrag Lastenrad | 800 € | Dorfladen Plus | Lieferungen an Ältere";

/// Round 1 with Lastenrad (A1) voted on in the group, in this order, and counted; returns
/// what the count sent.
async fn counted(bot: &Bot, votes: &[(&str, &str)]) -> Vec<Reply> {
    bot.ask("mia", LASTENRAD).await;
    open_vote(bot, &[1]).await;
    for (who, choice) in votes {
        in_group(bot, who, &format!("/stimme A1 {choice}")).await;
    }
    in_group(bot, "lokal", "/abstimmung schließen").await
}

async fn a_round_goes_from_applications_to_a_published_result(db: &TestDb) {
    let bot = alliance(db).await;
    let a1 = bot
        .ask(
            "mia",
            "/antrag Lastenrad | 800 € | Dorfladen Plus | Lieferungen an Ältere",
        )
        .await;
    assert!(a1.contains("Antrag A1") && a1.contains("800,00 €"), "{a1}");
    bot.ask(
        "lokal",
        "/antrag Kühlschrank | 900 € | Tafel Suhl | Lebensmittel kühlen",
    )
    .await;
    bot.ask(
        "jonas",
        "/antrag Zelt | 100 € | Dorfladen Plus | Sommerfest",
    )
    .await;
    let withdrawn = bot.ask("jonas", "/antrag A3 zurückziehen").await;
    assert!(withdrawn.contains("zurückgezogen"), "{withdrawn}");
    // Nobody else may withdraw someone's application.
    let not_yours = bot.ask("jonas", "/antrag A1 zurückziehen").await;
    assert!(
        not_yours.contains("nur, wer den Antrag gestellt hat"),
        "{not_yours}"
    );

    // Voting waits until every application is decided.
    let early = in_group(&bot, "lokal", "/abstimmung start").await;
    assert!(early[0].text.contains("A1, A2"), "{early:#?}");
    let reduced = bot.say("lokal", "/antrag A2 kürzen 700 €").await;
    assert!(
        reduced.iter().any(
            |r| r.private_to.as_deref() == Some("console:lokal") || r.text.contains("700,00 €")
        ),
        "{reduced:#?}"
    );
    let agenda = bot.ask("ute", "/anträge").await;
    assert!(
        agenda.contains("A1 Lastenrad – Dorfladen Plus – 800,00 €")
            && agenda.contains("A3 Zelt")
            && agenda.contains("zurückgezogen"),
        "{agenda}"
    );
    let admitted = bot.say("lokal", "/antrag A1 zulassen").await;
    let told = admitted
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:mia"))
        .expect("the applicant is told");
    assert!(told.text.contains("zugelassen"), "{}", told.text);
    let cards = open_vote_with(&bot, &[2], &[1, 2]).await;
    let (card_a1, card_a2) = (cards[0].clone(), cards[1].clone());
    let again = in_group(&bot, "lokal", "/abstimmung start").await;
    assert!(again[0].text.contains("läuft schon"), "{again:#?}");
    in_group(&bot, "mia", "/stimme A1 ja").await;
    in_group(&bot, "ute", "/stimme A1 ja").await;

    // A1: mia (command), ute (command), jonas (reaction, changed), lokal (button).
    bot.handle(&react(&bot, "jonas", &card_a1, "👎", true))
        .await;
    let after = bot.deliver_all().await;
    assert!(
        card(&after, 1).unwrap().text.contains("3 haben abgestimmt"),
        "{after:#?}"
    );
    bot.handle(&react(&bot, "jonas", &card_a1, "👎", false))
        .await;
    bot.handle(&react(&bot, "jonas", &card_a1, "👍", true))
        .await;
    let notice = bot
        .handle(&press(&bot, "lokal", "stimme:1:no"))
        .await
        .notice()
        .unwrap_or_default();
    assert!(notice.contains("nein"), "{notice}");
    let after = bot.deliver_all().await;
    let a1_text = &card(&after, 1).unwrap().text;
    assert!(
        a1_text.contains("4 haben abgestimmt") && a1_text.contains("👍 3 · 👎 1 · 🤷 0"),
        "{a1_text}"
    );

    // A2: jonas no, mia yes by reaction then withdrawn, then entered by hand for mia.
    bot.handle(&react(&bot, "mia", &card_a2, "👍", true)).await;
    bot.handle(&react(&bot, "mia", &card_a2, "👍", false)).await;
    in_group(&bot, "jonas", "/stimme A2 nein").await;
    let hand = bot.say("lokal", "/stimme-fuer mia A2 ja").await;
    let mia_told = hand
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:mia"))
        .expect("mia hears of the hand vote");
    assert!(
        mia_told.text.contains("ja (von lokal)"),
        "{}",
        mia_told.text
    );
    assert_eq!(
        db.count("audit_log WHERE action = 'budget.hand_vote'")
            .await,
        1
    );

    // Close: A1 (3:1) funded with 800 €; A2 (1:1) has no majority.
    let closed = in_group(&bot, "lokal", "/abstimmung schließen").await;
    let table = closed
        .iter()
        .find(|r| r.text.contains("Ergebnis Runde 1"))
        .expect("the result table");
    assert!(
        table.text.contains(
            "1. A1 Lastenrad (Dorfladen Plus) – 👍 3 👎 1 🤷 0 – 800,00 € / 800,00 € – gefördert"
        ),
        "{}",
        table.text
    );
    assert!(
        table.text.contains("A2 Kühlschrank (Tafel Suhl) – 👍 1 👎 1 🤷 0 – 0,00 € / 700,00 € – nicht gefördert: keine Mehrheit"),
        "{}",
        table.text
    );
    assert!(
        table
            .text
            .contains("Vergeben: 800,00 € von 1.500,00 € · übrig: 700,00 €"),
        "{}",
        table.text
    );
    // A vote after the close changes nothing.
    let before = db.fingerprint().await;
    let late = in_group(&bot, "ute", "/stimme A1 nein").await;
    assert!(late[0].text.contains("nicht abgestimmt"), "{late:#?}");
    bot.handle(&react(&bot, "ute", &card_a1, "👎", true)).await;
    bot.deliver_all().await;
    let after: Vec<String> = db
        .fingerprint()
        .await
        .into_iter()
        .filter(|l| {
            !l.starts_with("inbox")
                && !l.starts_with("outbox")
                && !l.starts_with("reactions")
                && !l.starts_with("budget_hints")
        })
        .collect();
    let before: Vec<String> = before
        .into_iter()
        .filter(|l| {
            !l.starts_with("inbox")
                && !l.starts_with("outbox")
                && !l.starts_with("reactions")
                && !l.starts_with("budget_hints")
        })
        .collect();
    assert_eq!(before, after);

    // Publishing puts the table into the channels and tells the applicants.
    let published = in_group(&bot, "lokal", "/runde 1 veröffentlichen").await;
    assert!(
        published
            .iter()
            .any(|r| r.to == "gruppe" && r.text.contains("Ergebnis Runde 1")),
        "{published:#?}"
    );
    let mia = published
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:mia"))
        .expect("mia is told");
    assert!(mia.text.contains("800,00 €"), "{}", mia.text);
    let lokal = published
        .iter()
        .find(|r| r.private_to.as_deref() == Some("console:lokal"))
        .expect("the other applicant is told");
    assert!(lokal.text.contains("nicht gefördert"), "{}", lokal.text);

    let recount = recount(&bot).await;
    assert!(recount.agrees(), "{recount:#?}");
    assert!(recount.counted);
}

async fn one_person_has_one_vote_across_accounts_and_ways_of_voting(db: &TestDb) {
    let bot = alliance(db).await;
    bot.ask("mia", LASTENRAD).await;
    // Mia links her Telegram account.
    let code = Bot::link_code_in(&bot.ask("mia", "/verknuepfen").await);
    bot.say("telegram:4711", &format!("/verknuepfen {code}"))
        .await;
    let cards = open_vote(&bot, &[1]).await;
    // Her console account votes yes by reaction, her Telegram account no by command, then
    // yes by button; an organiser enters a hand vote for her too: still one voter.
    bot.handle(&react(&bot, "mia", &cards[0], "👍", true)).await;
    bot.handle(&bot.text("telegram:4711", "/stimme A1 nein"))
        .await;
    let mut button = press(&bot, "telegram:4711", "stimme:1:yes");
    button.chat.id = "chat-4711".into();
    bot.handle(&button).await;
    bot.say("lokal", "/stimme-fuer mia A1 enthaltung").await;
    bot.deliver_all().await;
    let tally = bot
        .store
        .begin_read()
        .await
        .unwrap()
        .tally(allianz_core::domain::ApplicationId(1))
        .await
        .unwrap();
    assert_eq!((tally.voters, tally.abstain), (1, 1), "{tally:?}");
    assert_eq!(db.count("budget_voters").await, 1);
    let mine = bot.ask("telegram:4711", "/stimme").await;
    assert!(mine.contains("A1: Enthaltung"), "{mine}");
}

async fn bad_budget_input_gets_an_answer_and_changes_nothing(db: &TestDb) {
    let bot = alliance(db).await;
    bot.ask("mia", LASTENRAD).await;
    let before = db.fingerprint().await;
    let quiet = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| !l.starts_with("inbox") && !l.starts_with("outbox"))
            .collect()
    };
    for (who, line, expected) in [
        (
            "mia",
            "/antrag Zelt | 1.5 € | Dorfladen Plus | x",
            "nicht eindeutig",
        ),
        (
            "mia",
            "/antrag Zelt | viel | Dorfladen Plus | x",
            "kein Betrag",
        ),
        ("mia", "/antrag Zelt | 50 €", "Beispiel"),
        (
            "mia",
            "/antrag Zelt | 50 € | Gibtsnicht | x",
            "kenne ich nicht. Deine Initiativen: Dorfladen Plus",
        ),
        (
            "mia",
            "/antrag Zelt | 5.000 € | Dorfladen Plus | x",
            "mehr als der ganze Topf",
        ),
        (
            "fremd",
            "/antrag Zelt | 50 € | Dorfladen Plus | x",
            "Mitglied",
        ),
        ("mia", "/antrag A9", "gibt es nicht"),
        ("mia", "/antrag A1 zulassen", "Organisator:innen"),
        (
            "mia",
            "/runde neu Herbst | 100 € | Anträge bis 01.01.2100",
            "Organisator:innen",
        ),
        (
            "lokal",
            "/runde neu Herbst | 100 € | Anträge bis 01.01.2020",
            "schon zurück",
        ),
        ("lokal", "/runde neu Herbst | 100 €", "Beispiel"),
        ("lokal", "/runde 1 einstellung farbe blau", "gibt es nicht"),
        ("lokal", "/runde 1 einstellung quorum viele", "passt nicht"),
        ("lokal", "/runde 7", "gibt es nicht"),
        ("mia", "/stimme A1 vielleicht", "keine Stimme"),
        ("mia", "/stimme A1 ja", "nicht abgestimmt"),
        ("mia", "/abstimmung start", "Organisator:innen"),
        ("lokal", "/abstimmung schließen", "läuft keine Abstimmung"),
        ("lokal", "/runde 1 veröffentlichen", "noch nicht ausgezählt"),
    ] {
        let answer = bot.say(who, line).await;
        assert!(
            answer.iter().any(|r| r.text.contains(expected)),
            "{line}: {answer:#?}"
        );
    }
    assert_eq!(quiet(before), quiet(db.fingerprint().await));
}

async fn a_points_ballot_shares_the_pot_and_counts_no_point_twice(db: &TestDb) {
    let bot = alliance(db).await;
    let set = bot
        .ask("lokal", "/runde 1 einstellung stimmzettel punkte 5")
        .await;
    assert!(set.contains("5 Punkte je Person"), "{set}");
    bot.ask(
        "mia",
        "/antrag Lastenrad | 1.000 € | Dorfladen Plus | Lieferungen an Ältere",
    )
    .await;
    bot.ask("lokal", "/antrag Kühlschrank | 200 € | Tafel Suhl | Kühlen")
        .await;
    bot.ask("jonas", "/antrag Zelt | 1.000 € | Dorfladen Plus | Feste")
        .await;
    let cards = open_vote(&bot, &[1, 2, 3]).await;
    // Mia: 3 on A1 by reaction, 2 on A2 by command; 1 more on A3 is one too many.
    bot.handle(&react(&bot, "mia", &cards[0], "3️⃣", true)).await;
    in_group(&bot, "mia", "/stimme A2 2").await;
    let over = in_group(&bot, "mia", "/stimme A3 1").await;
    assert!(over[0].text.contains("noch 0 von 5"), "{over:#?}");
    // Changing A1 from 3 to 1 frees points for A3.
    in_group(&bot, "mia", "/stimme A1 1").await;
    in_group(&bot, "mia", "/stimme A3 2").await;
    // Jonas: 5 on A3.
    in_group(&bot, "jonas", "/stimme A3 5").await;
    let yes = in_group(&bot, "jonas", "/stimme A1 ja").await;
    assert!(yes[0].text.contains("Punkte"), "{yes:#?}");
    let closed = in_group(&bot, "lokal", "/abstimmung schließen").await;
    let table = &closed
        .iter()
        .find(|r| r.text.contains("Ergebnis Runde 1"))
        .expect("result")
        .text;
    // Points: A1 1, A2 2, A3 7 of 10. A2's share (300 €) is capped at 200 €; the other
    // 1,300 € go 1:7 to A1 and A3: 162,50 € and 1.137,50 € (capped at 1.000 €), and the
    // 137,50 € that frees go to A1: 300 €.
    assert!(
        table.contains("A3 Zelt (Dorfladen Plus) – 7 Punkte – 1.000,00 € / 1.000,00 € – gefördert"),
        "{table}"
    );
    assert!(
        table.contains("A2 Kühlschrank (Tafel Suhl) – 2 Punkte – 200,00 € / 200,00 € – gefördert"),
        "{table}"
    );
    assert!(
        table.contains("A1 Lastenrad (Dorfladen Plus) – 1 Punkte – 300,00 € / 1.000,00 €"),
        "{table}"
    );
    let recount = recount(&bot).await;
    assert!(recount.agrees(), "{recount:#?}");
}

async fn a_secret_ballot_shows_nobody_a_choice(db: &TestDb) {
    let bot = alliance(db).await;
    bot.ask("lokal", "/runde 1 einstellung geheim an").await;
    bot.ask("mia", LASTENRAD).await;
    bot.say("lokal", "/antrag A1 zulassen").await;
    let started = in_group(&bot, "lokal", "/abstimmung start").await;
    // Every member gets a private ballot with buttons; the group card has none.
    let group_card = card(&started, 1).expect("group card");
    assert!(group_card.buttons.is_empty(), "{group_card:#?}");
    for name in ["mia", "jonas", "ute", "lokal"] {
        let ballot = started
            .iter()
            .find(|r| r.private_to.as_deref() == Some(&format!("console:{name}")))
            .unwrap_or_else(|| panic!("{name} gets a ballot: {started:#?}"));
        assert_eq!(ballot.buttons[0].len(), 3);
    }
    // A reaction in the group counts nothing; the hint comes once.
    bot.handle(&react(&bot, "jonas", &group_card.message_id, "👍", true))
        .await;
    bot.handle(&react(&bot, "jonas", &group_card.message_id, "👎", true))
        .await;
    let hints = bot.deliver_all().await;
    assert_eq!(hints.len(), 1, "{hints:#?}");
    assert!(hints[0].text.contains("geheim"), "{hints:#?}");
    // In the group, /stimme is refused; privately it counts.
    let public = in_group(&bot, "mia", "/stimme A1 ja").await;
    assert!(public[0].text.contains("geheim"), "{public:#?}");
    let counted = bot.say("mia", "/stimme A1 nein").await;
    assert!(
        counted.iter().any(|r| r.text.contains("nein")),
        "{counted:#?}"
    );
    // Private ballots show no count and are not edited with every vote.
    assert!(
        counted
            .iter()
            .all(|r| r.private_to.is_none() || r.live_key.is_none()),
        "{counted:#?}"
    );
    bot.say("jonas", "/stimme A1 ja").await;
    bot.deliver_all().await;
    // Neither the card nor anyone's commands show who voted what.
    let organiser_view = bot.say("lokal", "/antrag A1").await;
    let card_now = bot.say("lokal", "/stimme").await;
    for reply in organiser_view.iter().chain(card_now.iter()) {
        assert!(
            !reply.text.contains("mia") && !reply.text.contains("jonas"),
            "{reply:#?}"
        );
    }
    let rows = db.outbox_rows().await;
    for row in rows
        .iter()
        .filter(|r| r.contains("antrag:1@console:gruppe"))
    {
        assert!(!row.contains("👍 1") && !row.contains("👎 1"), "{row}");
    }
    // The audit log holds no choice.
    for (_, details) in db.audit_details("budget.hand_vote", "A1").await {
        assert!(
            !details.contains("yes") && !details.contains("no\""),
            "{details}"
        );
    }
    assert_eq!(
        db.count("audit_log WHERE details LIKE '%\"yes\"%' OR details LIKE '%\"no\"%'")
            .await,
        0
    );
    // Another person's data export holds no vote of mia's.
    let export = bot.say("jonas", "/meine-daten").await;
    for reply in &export {
        if let Some(file) = &reply.attachment {
            assert!(!file.content.contains("\"no\""), "{}", file.content);
        }
    }
    let closed = in_group(&bot, "lokal", "/abstimmung schließen").await;
    assert!(
        closed.iter().any(|r| r.text.contains("👍 1 👎 1 🤷 0")),
        "{closed:#?}"
    );
}

async fn the_recount_finds_a_changed_vote_log(db: &TestDb) {
    let bot = alliance(db).await;
    let votes = [
        ("mia", "ja"),
        ("jonas", "nein"),
        ("ute", "ja"),
        ("jonas", "ja"),
    ];
    counted(&bot, &votes).await;
    let fine = recount(&bot).await;
    assert!(fine.agrees(), "{fine:#?}");
    assert_eq!(fine.log_rows, 4);
    assert_eq!(fine.tallies.values().next().unwrap().yes, 3);
    // Someone changes a vote in the log behind the bot's back.
    db.execute(
        "UPDATE budget_vote_log SET choice = 'no' WHERE id = (SELECT MIN(id) FROM budget_vote_log)",
    )
    .await;
    let broken = recount(&bot).await;
    assert!(!broken.agrees());
    assert!(broken.broken_at.is_some(), "{broken:#?}");
}

/// Someone with the database removes a person's last vote and makes the live votes and the
/// stored result agree with what is left: every chain still holds, but the seal announced with
/// the result does not.
async fn a_vote_taken_out_of_the_log_shows_against_the_announced_seal(db: &TestDb) {
    let bot = alliance(db).await;
    let votes = [
        ("mia", "ja"),
        ("ute", "ja"),
        ("jonas", "nein"),
        ("jonas", "ja"),
    ];
    let closed = counted(&bot, &votes).await;
    let fine = recount(&bot).await;
    assert!(fine.agrees(), "{fine:#?}");
    let announced = format!("Prüfsumme des Stimmprotokolls: {}", fine.seal);
    assert!(
        closed.iter().any(|r| r.text.contains(&announced)),
        "{closed:#?}"
    );
    db.execute(
        "UPDATE budget_votes SET choice = 'no' WHERE token = \
         (SELECT token FROM budget_vote_log WHERE id = (SELECT MAX(id) FROM budget_vote_log))",
    )
    .await;
    db.execute("DELETE FROM budget_vote_log WHERE id = (SELECT MAX(id) FROM budget_vote_log)")
        .await;
    db.execute("UPDATE budget_results SET yes = 1, no = 1")
        .await;
    let tampered = recount(&bot).await;
    assert_eq!(tampered.broken_at, None, "{tampered:#?}");
    assert!(!tampered.agrees(), "{tampered:#?}");
    assert!(
        tampered.differences.iter().any(|d| d.contains("seal")),
        "{tampered:#?}"
    );
}

/// 64 people vote at once; a fifth of the events arrive twice; some also vote from their
/// linked second messenger account, and for others an organiser enters the same vote by
/// hand at the same moment. The count is exact: one vote per person.
async fn sixty_four_voters_at_once_with_replays_give_the_exact_count(db: &TestDb) {
    let bot = std::sync::Arc::new(alliance(db).await);
    bot.ask("mia", LASTENRAD).await;
    for n in 0..64 {
        bot.make_member(&format!("p{n}")).await;
        if n % 8 == 1 {
            let code = Bot::link_code_in(&bot.ask(&format!("p{n}"), "/verknuepfen").await);
            bot.say(
                &format!("telegram:{}", 5000 + n),
                &format!("/verknuepfen {code}"),
            )
            .await;
        }
    }
    open_vote(&bot, &[1]).await;
    let mut tasks = Vec::new();
    for n in 0..64 {
        let bot = bot.clone();
        tasks.push(tokio::spawn(async move {
            let choice = if n % 4 == 0 { "nein" } else { "ja" };
            let incoming = bot.group_text(&format!("p{n}"), &format!("/stimme A1 {choice}"));
            let second = match n % 8 {
                // The same person on the other messenger, at the same moment.
                1 => Some(bot.group_text(
                    &format!("telegram:{}", 5000 + n),
                    &format!("/stimme A1 {choice}"),
                )),
                // An organiser enters the same vote by hand, at the same moment.
                2 => Some(bot.text("lokal", &format!("/stimme-fuer p{n} A1 {choice}"))),
                _ => None,
            };
            tokio::join!(bot.handle(&incoming), async {
                if let Some(second) = &second {
                    bot.handle(second).await;
                }
            });
            if n % 5 == 0 {
                // The same event again: a no-op.
                bot.handle(&incoming).await;
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    // The card's edits are coalesced, and the last one has the last count.
    let delivered = bot.deliver_all().await;
    let last = card(&delivered, 1).expect("the card was edited");
    assert!(last.text.contains("64 haben abgestimmt"), "{}", last.text);
    let tally = bot
        .store
        .begin_read()
        .await
        .unwrap()
        .tally(allianz_core::domain::ApplicationId(1))
        .await
        .unwrap();
    assert_eq!(
        (tally.voters, tally.yes, tally.no),
        (64, 48, 16),
        "{tally:?}"
    );
    // Only the first of two equal votes is a change.
    assert_eq!(db.count("budget_vote_log").await, 64);
    assert_eq!(db.count("budget_voters").await, 64);
    let recount = recount(&bot).await;
    assert!(recount.agrees(), "{recount:#?}");
}

async fn the_guided_forms_ask_step_by_step_and_check_each_answer(db: &TestDb) {
    let bot = alliance(db).await;
    let asks = |who: &'static str, text: &'static str, expected: &'static str| {
        let bot = &bot;
        async move {
            let answer = bot.say(who, text).await;
            assert!(
                answer.iter().any(|r| r.text.contains(expected)),
                "{text}: {answer:#?}"
            );
        }
    };
    asks("mia", "/runde neu", "Organisator:innen").await;
    asks("lokal", "/runde neu", "(1/4) Wie heißt die Runde?").await;
    asks("lokal", "Herbst 2027", "(2/4)").await;
    asks("lokal", "1.5 €", "nicht eindeutig").await;
    asks("lokal", "1.500 €", "(3/4)").await;
    asks("lokal", "01.01.2020", "schon zurück").await;
    asks("lokal", "31.12.2099", "(4/4)").await;
    asks("lokal", "-", "Runde 2: Herbst 2027").await;
    asks("mia", "/antrag", "(1/4) Wie heißt dein Vorhaben?").await;
    asks("mia", "Lastenrad", "(2/4)").await;
    asks("mia", "450 €", "Deine Initiativen: Dorfladen Plus").await;
    asks("mia", "Gibtsnicht", "nicht eingetragen").await;
    asks("mia", "Dorfladen Plus", "(4/4)").await;
    asks(
        "mia",
        "Lieferungen an Ältere",
        "Antrag A1 „Lastenrad“ über 450,00 € ist für Herbst 2027 eingereicht",
    )
    .await;
    let shown = bot.ask("ute", "/antrag A1").await;
    assert!(
        shown.contains("Dorfladen Plus") && shown.contains("Lieferungen an Ältere"),
        "{shown}"
    );
}

async fn an_internal_round_exists_only_for_members(db: &TestDb) {
    let bot = alliance(db).await;
    bot.ask("mia", LASTENRAD).await;
    let wrong = bot
        .ask("lokal", "/runde 1 einstellung sichtbarkeit geheim")
        .await;
    assert!(wrong.contains("/runde 1 einstellung"), "{wrong}");
    let set = bot
        .ask("lokal", "/runde 1 einstellung sichtbarkeit intern")
        .await;
    assert!(set.contains("intern: nur Mitglieder"), "{set}");
    let member = bot.ask("ute", "/runde 1").await;
    assert!(member.contains("Frühjahr 2027"), "{member}");
    // Someone from outside: the round, its applications and its votes do not exist.
    for (line, unknown) in [
        ("/runde 1", "/runde 99"),
        ("/antrag A1", "/antrag A99"),
        ("/antraege 1", "/antraege 99"),
        ("/stimme A1 ja", "/stimme A99 ja"),
    ] {
        let seen = bot.ask("fremd", line).await;
        let never = bot.ask("fremd", unknown).await;
        assert_eq!(seen, never.replace("99", "1"), "{line}");
        assert!(
            !seen.contains("Frühjahr") && !seen.contains("Lastenrad"),
            "{seen}"
        );
    }
    // Made public again, everyone sees it.
    bot.ask("lokal", "/runde 1 einstellung sichtbarkeit öffentlich")
        .await;
    let outside = bot.ask("fremd", "/runde 1").await;
    assert!(outside.contains("Frühjahr 2027"), "{outside}");
}

/// A round whose deadline is today: applications stay open until midnight in Berlin, then
/// close by themselves, announced once in the alliance's channel – also with a second daemon
/// looking at the same moment – and later applications are refused.
async fn applications_close_by_themselves_once_when_the_deadline_day_ends(db: &TestDb) {
    use chrono::Utc;
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.ask(
        "mia",
        "/initiative neu Dorfladen Plus | Schleusingen | Ein Laden für alle | laden@example.org",
    )
    .await;
    let connected = in_group(&bot, "lokal", "/kanal verbinden").await;
    assert!(!connected.is_empty());
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%d.%m.%Y")
        .to_string();
    in_group(
        &bot,
        "lokal",
        &format!("/runde neu Herbst | 800 € | Anträge bis {today}"),
    )
    .await;
    let submitted = bot
        .ask(
            "mia",
            "/antrag Lastenrad | 450 € | Dorfladen Plus | Für Einkäufe",
        )
        .await;
    assert!(submitted.contains("A1"), "{submitted}");

    // Before midnight nothing closes; the scheduler learns when to look again.
    let early = bot.engine.close_past_deadlines(Utc::now()).await.unwrap();
    assert_eq!(early.closed, 0);
    let midnight = early.next.expect("the end of the deadline day");
    assert!(midnight > Utc::now());
    assert!(bot.deliver_all().await.is_empty());

    // At midnight two daemons look at once: the round closes once.
    let other = allianz_core::Engine::new(db.store().await, Default::default());
    let (a, b) = tokio::join!(
        bot.engine.close_past_deadlines(midnight),
        other.close_past_deadlines(midnight)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.closed + b.closed, 1, "{a:?} {b:?}");
    assert_eq!((a.next, b.next), (None, None));
    let announced = bot.deliver_all().await;
    assert_eq!(announced.len(), 1, "{announced:#?}");
    assert_eq!(announced[0].to, "gruppe");
    assert!(
        announced[0].text.contains(&format!(
            "Antragsfrist für Runde 1 (Herbst) am {today} abgelaufen: 1 Anträge"
        )),
        "{announced:#?}"
    );
    let audited = db.audit_details("budget.applications_closed", "1").await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(
        audited[0].0, None,
        "closed by the deadline, not by a person"
    );
    let later = bot.engine.close_past_deadlines(midnight).await.unwrap();
    assert_eq!(later.closed, 0);
    assert!(bot.deliver_all().await.is_empty());

    let shown = bot.ask("mia", "/runde 1").await;
    assert!(
        shown.contains("Antragsschluss, Abstimmung folgt"),
        "{shown}"
    );
    let late = bot
        .ask(
            "mia",
            "/antrag Werkzeug | 100 € | Dorfladen Plus | Für die Werkstatt",
        )
        .await;
    assert!(!late.contains("A2"), "{late}");
}
