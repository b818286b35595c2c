//! Topics for the meetups: suggested once (a near-duplicate is pointed out), ranked by a dot
//! vote of a few points per person – by command or 👍 on the card, one person's points
//! counted once across messengers.

use allianz_core::message::{Incoming, IncomingKind};
use allianz_tests::{Bot, Reply, TestDb};

allianz_tests::on_both_backends!(
    topics_are_suggested_once_and_ranked_by_points,
    each_person_spreads_their_points_once_across_messengers,
    a_thumbs_up_on_the_card_is_a_point,
);

fn card(replies: &[Reply]) -> &Reply {
    replies
        .iter()
        .rev()
        .find(|r| r.live_key.is_some())
        .expect("a topic card")
}

async fn topics_are_suggested_once_and_ranked_by_points(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    let first = bot.say("mia", "/thema Leerstand im Ortskern beleben").await;
    assert!(
        card(&first)
            .text
            .contains("Thema T1: Leerstand im Ortskern beleben"),
        "{first:#?}"
    );
    bot.say("lokal", "/thema Mobilität auf dem Land").await;
    // Much the same again: pointed to the one there is, nothing added.
    let before = db.fingerprint().await;
    let again = bot.ask("mia", "/thema Ortskern: Leerstand beleben").await;
    assert!(
        again.contains("T1") && again.contains("/thema T1 +"),
        "{again}"
    );
    assert_eq!(db.fingerprint().await, before);
    // Unless she says it is new.
    let forced = bot
        .say("mia", "/thema neu Ortskern: Leerstand beleben")
        .await;
    assert!(card(&forced).text.contains("T3"), "{forced:#?}");

    bot.say("mia", "/thema T2 +").await;
    bot.say("lokal", "/thema T2 +").await;
    bot.say("lokal", "/thema T3 +").await;
    let list = bot.ask("mia", "/themen").await;
    let order: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with('T') && l[1..].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(
        order,
        [
            "T2 · Mobilität auf dem Land · 2 Punkte",
            "T3 · Ortskern: Leerstand beleben · 1 Punkt",
            "T1 · Leerstand im Ortskern beleben · 0 Punkte",
        ],
        "{list}"
    );
    assert!(list.contains("noch 2 von 3"), "{list}");
    // A stranger may not, and bad input is answered.
    let stranger = bot.ask("fremd", "/thema Etwas").await;
    assert!(stranger.contains("Mitglied"), "{stranger}");
    let unknown = bot.ask("mia", "/thema T9 +").await;
    assert!(unknown.contains("T9"), "{unknown}");
    let usage = bot.ask("mia", "/thema").await;
    assert!(usage.contains("/thema Leerstand"), "{usage}");
}

async fn each_person_spreads_their_points_once_across_messengers(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    // Mia on Telegram too.
    let code = Bot::link_code_in(&bot.ask("mia", "/verknuepfen").await);
    bot.say("telegram:77", &format!("/verknuepfen {code}"))
        .await;
    bot.say("mia", "/thema Repair-Café").await;
    bot.say("mia", "/thema Dorfladen").await;
    bot.say("mia", "/thema T1 +").await;
    let given = bot.say("telegram:77", "/thema T1 +").await;
    assert!(
        given.iter().any(|r| r.text.contains("noch 1 übrig")),
        "her points are one pool: {given:#?}"
    );
    bot.say("telegram:77", "/thema T2 +").await;
    let none = bot.ask("mia", "/thema T2 +").await;
    assert!(none.contains("alle 3 Punkte"), "{none}");
    let taken = bot.say("mia", "/thema T1 -").await;
    assert!(
        taken.iter().any(|r| r.text.contains("jetzt 1 übrig")),
        "{taken:#?}"
    );
    let list = bot.ask("mia", "/themen").await;
    assert!(list.contains("T1 · Repair-Café · 1 Punkt"), "{list}");
    assert!(list.contains("T2 · Dorfladen · 1 Punkt"), "{list}");
    // Telegram's point on T1 was hers: taking one more back leaves none there.
    bot.say("mia", "/thema T1 -").await;
    let none_here = bot.ask("mia", "/thema T1 -").await;
    assert!(none_here.contains("keinen Punkt bei T1"), "{none_here}");
}

async fn a_thumbs_up_on_the_card_is_a_point(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.handle(&bot.group_text("mia", "/thema Stadtgarten"))
        .await;
    let message_id = card(&bot.deliver_all().await).message_id.clone();
    let react = |who: &str, added: bool| -> Incoming {
        let mut incoming = bot.group_text(who, "");
        incoming.kind = if added {
            IncomingKind::ReactionAdded {
                message_id: message_id.clone(),
                key: "👍".into(),
                reaction_id: None,
            }
        } else {
            IncomingKind::ReactionRemoved {
                reaction_id: None,
                message_id: Some(message_id.clone()),
                key: Some("👍".into()),
            }
        };
        incoming
    };
    bot.handle(&react("mia", true)).await;
    bot.handle(&react("lokal", true)).await;
    let edits = bot.deliver_all().await;
    assert!(card(&edits).text.contains("2 Punkte"), "{edits:#?}");
    // Someone who is no member changes nothing; a reaction taken back takes the point back.
    bot.handle(&react("fremd", true)).await;
    bot.handle(&react("mia", false)).await;
    let edits = bot.deliver_all().await;
    assert!(card(&edits).text.contains("1 Punkt ·"), "{edits:#?}");
}
