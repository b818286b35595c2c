//! What every `Store` implementation must do, run on SQLite and PostgreSQL alike.

use allianz_core::domain::{InitiativeDraft, Lang, MemberStatus, Platform, PlatformIdentity, Role};
use allianz_core::message::{Outgoing, RichText, Target};
use allianz_core::store::{AuditEntry, Invitation, NewMember, StoreTx};
use allianz_tests::{Bot, TestDb};
use chrono::{Duration, Utc};

allianz_tests::on_both_backends!(
    inbox_takes_each_event_once,
    rolled_back_transaction_leaves_no_trace,
    outbox_survives_reopen_and_retries_later,
    initiative_search_ignores_case_and_umlauts,
    identities_move_and_invitations_are_single_use,
    cursors_are_kept_per_adapter,
    refused_messages_are_given_up_and_live_messages_know_their_versions,
    channels_are_marked_unreachable_once,
    a_turn_with_twenty_thousand_rows_is_written_whole,
);

/// PostgreSQL takes at most 65,535 values per statement: a turn that tells 20,000 people
/// something (and logs it) is written in several statements, all in the one transaction.
async fn a_turn_with_twenty_thousand_rows_is_written_whole(db: &TestDb) {
    let store = db.store().await;
    let now = Utc::now();
    let outgoing: Vec<Outgoing> = (0..20_000)
        .map(|i| {
            Outgoing::new(
                Target::Direct {
                    identity: PlatformIdentity::parse(&format!("telegram:{}", 1000 + i)).unwrap(),
                },
                RichText::plain("Der Termin fällt aus."),
            )
        })
        .collect();
    let audits: Vec<AuditEntry> = (0..20_000)
        .map(|i| AuditEntry {
            at: now,
            actor: None,
            action: "event.rsvp",
            subject: Some(i.to_string()),
            details: serde_json::json!({}),
        })
        .collect();
    let mut tx = store.begin().await.unwrap();
    tx.write_effects(&audits, &outgoing, now).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(db.count("outbox").await, 20_000);
    assert_eq!(db.count("audit_log").await, 20_000);
}

async fn cursors_are_kept_per_adapter(db: &TestDb) {
    let store = db.store().await;
    assert_eq!(store.cursor("matrix:sync").await.unwrap(), None);
    store
        .set_cursor("matrix:sync", "s1_2", Utc::now())
        .await
        .unwrap();
    store
        .set_cursor("matrix:sync", "s1_3", Utc::now())
        .await
        .unwrap();
    store.set_cursor("other", "x", Utc::now()).await.unwrap();
    store.close().await;
    let store = db.store().await;
    assert_eq!(
        store.cursor("matrix:sync").await.unwrap().as_deref(),
        Some("s1_3")
    );
    assert_eq!(store.cursor("other").await.unwrap().as_deref(), Some("x"));
}

async fn new_member(tx: &mut dyn StoreTx, name: &str) -> allianz_core::domain::MemberId {
    tx.insert_member(&NewMember {
        display_name: name.into(),
        role: Role::Member,
        status: MemberStatus::Active,
        lang: Lang::De,
        invited_by: None,
        joined_at: Utc::now(),
        consent_at: Some(Utc::now()),
    })
    .await
    .unwrap()
}

async fn inbox_takes_each_event_once(db: &TestDb) {
    let bot = Bot::new(db).await;
    let event = bot.text("anna", "hallo");
    let mut tx = bot.store.begin().await.unwrap();
    assert!(tx.record_inbox(&event).await.unwrap());
    tx.commit().await.unwrap();
    let mut tx = bot.store.begin().await.unwrap();
    assert!(
        !tx.record_inbox(&event).await.unwrap(),
        "second time is a repeat"
    );
    drop(tx);
    assert!(
        bot.store
            .inbox_contains(Platform::Console, &event.event_id)
            .await
            .unwrap()
    );
    // The same id on another platform is another event.
    let mut other = event.clone();
    other.chat.platform = Platform::Telegram;
    let mut tx = bot.store.begin().await.unwrap();
    assert!(tx.record_inbox(&other).await.unwrap());
}

async fn rolled_back_transaction_leaves_no_trace(db: &TestDb) {
    let bot = Bot::new(db).await;
    let event = bot.text("anna", "hallo");
    let mut tx = bot.store.begin().await.unwrap();
    tx.record_inbox(&event).await.unwrap();
    new_member(&mut *tx, "Anna").await;
    drop(tx); // no commit: as if the process died here
    assert!(
        !bot.store
            .inbox_contains(Platform::Console, &event.event_id)
            .await
            .unwrap()
    );
    assert!(db.fingerprint().await.is_empty());
}

async fn outbox_survives_reopen_and_retries_later(db: &TestDb) {
    let bot = Bot::new(db).await;
    let to = Target::Direct {
        identity: PlatformIdentity::parse("telegram:42").unwrap(),
    };
    let console = Target::Direct {
        identity: PlatformIdentity::parse("console:anna").unwrap(),
    };
    let mut tx = bot.store.begin().await.unwrap();
    let member = new_member(&mut *tx, "Anna").await;
    let audits: Vec<AuditEntry> = ["first", "second"]
        .into_iter()
        .map(|action| AuditEntry {
            at: Utc::now(),
            actor: Some(member),
            action,
            subject: Some("x".into()),
            details: serde_json::json!({ "n": 1 }),
        })
        .collect();
    let messages = [
        Outgoing::new(to, RichText::plain("Hallo")),
        Outgoing::new(console, RichText::plain("Moin")),
    ];
    tx.write_effects(&audits, &messages, Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    bot.store.close().await;

    let store = db.store().await;
    let pending = store
        .pending_outbox(Platform::Telegram, Utc::now(), 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].message.body.to_plain(), "Hallo");
    let id = pending[0].id;
    let console = store
        .pending_outbox(Platform::Console, Utc::now(), 10)
        .await
        .unwrap();
    assert_eq!(console[0].message.body.to_plain(), "Moin");
    assert!(
        store
            .pending_outbox(Platform::Matrix, Utc::now(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let mut tx = store.begin().await.unwrap();
    let log = tx.audit_of(member).await.unwrap();
    let actions: Vec<_> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["first", "second"]);
    assert_eq!(log[1].details["n"], 1);
    drop(tx);

    let retry_at = Utc::now() + Duration::minutes(5);
    store.mark_failed(id, "429", retry_at).await.unwrap();
    assert!(
        store
            .pending_outbox(Platform::Telegram, Utc::now(), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let due = store
        .next_outbox_due(Platform::Telegram)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(due.timestamp_micros(), retry_at.timestamp_micros());
    let later = retry_at + Duration::seconds(1);
    let again = store
        .pending_outbox(Platform::Telegram, later, 10)
        .await
        .unwrap();
    assert_eq!(again[0].attempts, 1);
    store.mark_sent(id, Some("msg-1"), later).await.unwrap();
    assert!(
        store
            .pending_outbox(Platform::Telegram, later, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.next_outbox_due(Platform::Telegram).await.unwrap(),
        None
    );
}

fn draft(name: &str, region: &str, topics: &[&str]) -> InitiativeDraft {
    InitiativeDraft {
        name: name.into(),
        region: region.into(),
        description: "Beschreibung".into(),
        contact: "kontakt@example.org".into(),
        website: None,
        topics: topics.iter().map(|t| t.to_string()).collect(),
    }
}

async fn initiative_search_ignores_case_and_umlauts(db: &TestDb) {
    let bot = Bot::new(db).await;
    let mut tx = bot.store.begin().await.unwrap();
    let owner = new_member(&mut *tx, "Anna").await;
    let now = Utc::now();
    tx.insert_initiative(owner, &draft("Tafel Sömmerda", "Sömmerda", &["Armut"]), now)
        .await
        .unwrap();
    tx.insert_initiative(
        owner,
        &draft("Repair Café", "Hildburghausen", &["Umwelt"]),
        now,
    )
    .await
    .unwrap();
    let old = tx
        .insert_initiative(owner, &draft("Alte Gruppe", "Sömmerda", &[]), now)
        .await
        .unwrap();
    let mut archived = tx.initiative_by_name("alte gruppe").await.unwrap().unwrap();
    assert_eq!(archived.id, old);
    archived.archived_at = Some(now);
    tx.update_initiative(&archived).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = bot.store.begin().await.unwrap();
    let names = |v: Vec<allianz_core::domain::Initiative>| {
        v.into_iter().map(|i| i.draft.name).collect::<Vec<_>>()
    };
    for q in ["Soemmerda", "sömmerda", "SÖMMERDA", "sommerda"] {
        let found = names(tx.search_initiatives(Some(q), 10).await.unwrap());
        let expected: Vec<String> = if q == "sommerda" {
            vec![]
        } else {
            vec!["Tafel Sömmerda".into()]
        };
        assert_eq!(found, expected, "query {q}");
    }
    assert_eq!(
        names(
            tx.search_initiatives(Some("hildburghausen"), 10)
                .await
                .unwrap()
        ),
        vec!["Repair Café"]
    );
    assert_eq!(
        names(tx.search_initiatives(Some("umwelt"), 10).await.unwrap()),
        vec!["Repair Café"]
    );
    // LIKE wildcards typed by people are plain characters.
    assert!(
        tx.search_initiatives(Some("%"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        tx.search_initiatives(Some("_"), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(tx.search_initiatives(None, 10).await.unwrap().len(), 2);
    assert!(
        tx.initiative_by_name("REPAIR CAFE")
            .await
            .unwrap()
            .is_some()
    );
}

async fn identities_move_and_invitations_are_single_use(db: &TestDb) {
    let bot = Bot::new(db).await;
    let mut tx = bot.store.begin().await.unwrap();
    let anna = new_member(&mut *tx, "Anna").await;
    let bert = new_member(&mut *tx, "Bert").await;
    let tg = PlatformIdentity::parse("telegram:4711").unwrap();
    let now = Utc::now();
    tx.attach_identity(anna, &tg, now).await.unwrap();
    assert_eq!(tx.member_by_identity(&tg).await.unwrap().unwrap().id, anna);
    tx.attach_identity(bert, &tg, now).await.unwrap();
    assert_eq!(tx.member_by_identity(&tg).await.unwrap().unwrap().id, bert);
    assert!(tx.identities(anna).await.unwrap().is_empty());

    let inv = Invitation {
        code: "K7M4-Q2XP-9HWN".into(),
        created_by: anna,
        created_at: now,
        expires_at: now + Duration::days(1),
        used_by: None,
        used_at: None,
        failed_attempts: 0,
    };
    tx.insert_invitation(&inv).await.unwrap();
    assert!(
        tx.use_invitation("K7M4-Q2XP-9HWN", bert, now)
            .await
            .unwrap()
    );
    assert!(
        !tx.use_invitation("K7M4-Q2XP-9HWN", anna, now)
            .await
            .unwrap()
    );
    assert_eq!(
        tx.invitation_by_handle("K7M4")
            .await
            .unwrap()
            .unwrap()
            .used_by,
        Some(bert)
    );
    // Wrong guesses are counted per code and per account.
    assert_eq!(tx.invitation_failed("K7M4-Q2XP-9HWN").await.unwrap(), 1);
    assert_eq!(tx.invitation_failed("K7M4-Q2XP-9HWN").await.unwrap(), 2);
    assert_eq!(
        tx.invitation_by_handle("K7M4")
            .await
            .unwrap()
            .unwrap()
            .failed_attempts,
        2
    );
    assert!(tx.invitation_by_handle("Q2XP").await.unwrap().is_none());
    let guesser = PlatformIdentity::parse("telegram:666").unwrap();
    for minutes in [90, 30, 10] {
        let at = now - Duration::minutes(minutes);
        tx.record_code_failure(&guesser, at, at - Duration::hours(1))
            .await
            .unwrap();
    }
    let hour_ago = now - Duration::hours(1);
    assert_eq!(tx.code_failures_since(&guesser, hour_ago).await.unwrap(), 2);
    tx.delete_account_state(&guesser).await.unwrap();
    assert_eq!(tx.code_failures_since(&guesser, hour_ago).await.unwrap(), 0);

    tx.put_link_code("ABC2-3456-789A", anna, now + Duration::minutes(5))
        .await
        .unwrap();
    let stored = tx.link_code_by_handle("ABC2").await.unwrap().unwrap();
    assert_eq!((stored.member, stored.failed_attempts), (anna, 0));
    assert_eq!(tx.link_code_failed("ABC2-3456-789A").await.unwrap(), 1);
    assert_eq!(
        tx.take_link_code("ABC2-3456-789A", now).await.unwrap(),
        Some(anna)
    );
    assert_eq!(
        tx.take_link_code("ABC2-3456-789A", now).await.unwrap(),
        None,
        "used up"
    );
    tx.put_link_code("XYZ234", anna, now - Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(
        tx.take_link_code("XYZ234", now).await.unwrap(),
        None,
        "expired"
    );
    tx.commit().await.unwrap();
}

async fn refused_messages_are_given_up_and_live_messages_know_their_versions(db: &TestDb) {
    let store = db.store().await;
    let chat = Target::Chat {
        chat: allianz_core::message::ChatRef {
            platform: Platform::Telegram,
            id: "-5".into(),
            is_private: false,
            encrypted: false,
            title: None,
        },
    };
    let live = |text: &str| {
        let mut m = Outgoing::new(chat.clone(), RichText::plain(text));
        m.live_key = Some("umfrage:1".into());
        m
    };
    let mut tx = store.begin().await.unwrap();
    let messages = [
        Outgoing::new(chat.clone(), RichText::plain("zu lang")),
        live("0 Stimmen"),
        live("1 Stimme"),
        live("2 Stimmen"),
    ];
    tx.write_effects(&[], &messages, Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    let now = Utc::now();
    let pending = store
        .pending_outbox(Platform::Telegram, now, 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 4);

    // Given up: never pending again, never due.
    store
        .give_up(pending[0].id, "Bad Request", now)
        .await
        .unwrap();
    let slot = pending[1].live_key.clone().expect("a live message");
    assert_eq!(slot, "umfrage:1@telegram:-5");
    assert_eq!(pending[3].live_key.as_ref(), Some(&slot));

    // The first version is posted; the second is already outdated by the third.
    let first = store
        .live_state(Platform::Telegram, &slot, pending[1].id)
        .await
        .unwrap();
    assert!(first.superseded && first.message_id.is_none());
    store
        .mark_sent(pending[1].id, Some("77"), now)
        .await
        .unwrap();
    let second = store
        .live_state(Platform::Telegram, &slot, pending[2].id)
        .await
        .unwrap();
    assert!(second.superseded);
    assert_eq!(second.message_id.as_deref(), Some("77"));
    let third = store
        .live_state(Platform::Telegram, &slot, pending[3].id)
        .await
        .unwrap();
    assert!(!third.superseded);
    assert_eq!(third.message_id.as_deref(), Some("77"));
    assert_eq!(
        third.last_sent.map(|t| t.timestamp_micros()),
        Some(now.timestamp_micros())
    );
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        tx.live_key_of(Platform::Telegram, "-5", "77")
            .await
            .unwrap(),
        Some(slot.clone())
    );
    assert_eq!(
        tx.live_key_of(Platform::Telegram, "-5", "78")
            .await
            .unwrap(),
        None
    );
    // Telegram counts message ids per chat: the same id in another chat is another message.
    assert_eq!(
        tx.live_key_of(Platform::Telegram, "-6", "77")
            .await
            .unwrap(),
        None
    );
    drop(tx);

    // A postponed edit is not due before its time and counts no failure.
    let until = now + Duration::seconds(30);
    store.postpone(pending[3].id, until).await.unwrap();
    store.mark_sent(pending[2].id, None, now).await.unwrap();
    assert!(
        store
            .pending_outbox(Platform::Telegram, now, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let due = store
        .next_outbox_due(Platform::Telegram)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(due.timestamp_micros(), until.timestamp_micros());
    let later = store
        .pending_outbox(Platform::Telegram, until, 10)
        .await
        .unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].attempts, 0);
}

async fn channels_are_marked_unreachable_once(db: &TestDb) {
    let store = db.store().await;
    let mut tx = store.begin().await.unwrap();
    let now = Utc::now();
    tx.connect_channel(&allianz_core::store::Channel {
        platform: Platform::Telegram,
        chat_id: "-5".into(),
        title: "Bündnis".into(),
        confidential: false,
        connected_by: None,
        connected_at: now,
        unreachable_since: None,
        region: None,
        events: false,
    })
    .await
    .unwrap();
    assert!(
        tx.set_channel_reachable(Platform::Telegram, "-5", false, now)
            .await
            .unwrap()
    );
    assert!(
        !tx.set_channel_reachable(Platform::Telegram, "-5", false, now)
            .await
            .unwrap()
    );
    assert!(
        !tx.set_channel_reachable(Platform::Telegram, "-6", false, now)
            .await
            .unwrap()
    );
    let channel = tx.channel(Platform::Telegram, "-5").await.unwrap().unwrap();
    assert_eq!(
        channel.unreachable_since.map(|t| t.timestamp_micros()),
        Some(now.timestamp_micros())
    );
    assert!(
        tx.set_channel_reachable(Platform::Telegram, "-5", true, now)
            .await
            .unwrap()
    );
    assert!(
        !tx.set_channel_reachable(Platform::Telegram, "-5", true, now)
            .await
            .unwrap()
    );
    assert_eq!(tx.channels().await.unwrap()[0].unreachable_since, None);
    // A group that became a supergroup keeps its channel under the new id.
    assert!(
        tx.move_chat(Platform::Telegram, "-5", "-1005")
            .await
            .unwrap()
    );
    assert!(
        !tx.move_chat(Platform::Telegram, "-5", "-1005")
            .await
            .unwrap()
    );
    let channels = tx.channels().await.unwrap();
    assert_eq!(channels.len(), 1);
    assert_eq!(channels[0].chat_id, "-1005");
    assert_eq!(channels[0].title, "Bündnis");
    tx.commit().await.unwrap();
}

/// Both databases are migrated in the same steps: every migration exists for each, under the
/// same name, so a deployment can move from SQLite to PostgreSQL at any version.
#[test]
fn both_migration_folders_hold_the_same_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let names = |dialect: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dialect))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
}
