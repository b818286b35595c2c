//! `/meine-daten` and `/vergessen`: a member's own data, exported or deleted – both from the
//! one registry of personal data (`store::personal`), so neither can miss a table.

use std::collections::BTreeSet;

use super::turn::{Step, Turn};
use crate::domain::{PlatformIdentity, RsvpStatus};
use crate::message::{Attachment, Outgoing, RichText};
use crate::store::personal::Person;
use crate::t;

pub async fn my_data(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    let Some(member) = turn.member.clone() else {
        turn.reply(RichText::plain(t!(lang, "mydata-nothing")));
        return Ok(());
    };
    let accounts = accounts(turn, &member).await?;
    let person = Person {
        member: member.id,
        accounts: &accounts,
        name: &member.display_name,
    };
    let tables = turn.tx.export_person(&person).await?;
    let count = |table: &str| {
        tables
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, rows)| rows.len())
    };
    let summary = t!(
        lang,
        "mydata-summary",
        accounts = count("member_identities"),
        initiatives = count("initiatives"),
        activity = count("audit_log")
    );
    let mut export = serde_json::Map::new();
    export.insert(
        "exported_at".into(),
        serde_json::Value::String(turn.now.to_rfc3339()),
    );
    for (table, rows) in tables {
        export.insert(
            table.to_string(),
            serde_json::json!({
                "what": t!(lang, &format!("personal-{table}")),
                "rows": rows,
            }),
        );
    }
    let json = serde_json::to_string_pretty(&export).unwrap_or_default();
    // Whose and from when: two people's exports never land in one file.
    let filename = format!(
        "meine-daten-{}-{}.json",
        member.id.0,
        turn.now.format("%Y-%m-%d-%H%M%S")
    );
    turn.audit(
        "member.export",
        Some(member.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    turn.reply_privately(|to| {
        let mut out = Outgoing::new(to, RichText::plain(summary));
        out.attachment = Some(Attachment {
            filename,
            mime: "application/json".into(),
            content: json,
        });
        out
    });
    Ok(())
}

async fn accounts(
    turn: &mut Turn<'_>,
    member: &crate::domain::Member,
) -> Step<Vec<PlatformIdentity>> {
    Ok(turn
        .tx
        .identities(member.id)
        .await?
        .into_iter()
        .map(|l| l.identity)
        .collect())
}

pub async fn forget(turn: &mut Turn<'_>, confirm: bool) -> Step {
    let lang = turn.lang;
    let Some(member) = turn.member.clone() else {
        turn.reply(RichText::plain(t!(lang, "mydata-nothing")));
        return Ok(());
    };
    if !confirm {
        turn.reply(RichText::plain(t!(lang, "forget-confirm")));
        return Ok(());
    }
    let accounts = accounts(turn, &member).await?;
    let answers = turn.tx.answers_of(member.id).await?;
    let person = Person {
        member: member.id,
        accounts: &accounts,
        name: &member.display_name,
    };
    turn.tx.forget_person(&person).await?;
    turn.audit(
        "member.forget",
        Some(member.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    turn.member = None;
    // Their places are free now: waiting lists move up, cards show the new counts.
    let answered: BTreeSet<_> = answers
        .iter()
        .map(|a| (a.event, a.occurrence, a.status == RsvpStatus::Yes))
        .collect();
    for (event, day, held_a_place) in answered {
        let Some(event) = turn.tx.event(event).await? else {
            continue;
        };
        let exceptions = turn.tx.exceptions(event.id).await?;
        let Some(occurrence) = event.schedule.occurrence(day, &exceptions) else {
            continue;
        };
        if occurrence.start.with_timezone(&chrono::Utc) <= turn.now || event.is_cancelled() {
            continue;
        }
        if held_a_place {
            super::rsvp::move_up(turn, &event, &occurrence).await?;
        }
        super::events::refresh_cards(turn, &event, &occurrence).await?;
    }
    turn.reply(RichText::plain(t!(lang, "forget-done")));
    Ok(())
}
