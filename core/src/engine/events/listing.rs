//! `/termine` and `/termin N`: listing and showing events.

use chrono::{Duration, Utc};

use super::cards::{CardKind, render, when_line};
use super::lookup::{LIST_DAYS, found, pick_occurrence, sees, upcoming};
use crate::domain::text::loose;
use crate::domain::{EventId, RsvpStatus};
use crate::engine::turn::{Step, Turn};
use crate::message::RichText;
use crate::t;

pub async fn show(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    let event = found(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let plan = super::programme::date_plan(&mut *turn.tx, event.id, occurrence.key).await?;
    let (mut body, buttons) = render(
        turn.lang,
        &event,
        &occurrence,
        &rsvps,
        &plan,
        CardKind::Card,
        turn.now,
    );
    if event.schedule.is_series() {
        let upcoming: Vec<String> = upcoming(turn, &event)
            .await?
            .iter()
            .filter(|o| o.key != occurrence.key)
            .take(4)
            .map(|o| {
                let mut line = when_line(turn.lang, &event, o);
                if o.cancelled {
                    line.push_str(&format!(" ({})", t!(turn.lang, "event-cancelled-mark")));
                }
                line
            })
            .collect();
        if !upcoming.is_empty() {
            body = body.line(t!(turn.lang, "event-next-dates"));
            for line in upcoming {
                body = body.text(format!("\n• {line}"));
            }
        }
    }
    let mut message = crate::engine::turn::reply_to(turn.incoming, body);
    message.buttons = buttons;
    turn.outgoing.push(message);
    Ok(())
}

/// `/termine [region|thema]`: the next occurrences of all events, partner calendars' too.
pub async fn list(turn: &mut Turn<'_>, query: Option<&str>) -> Step {
    let lang = turn.lang;
    let until = turn.now + Duration::days(LIST_DAYS);
    // A region or a topic, written as people write places (`zella mehlis`): the same events
    // as the region's calendar feed.
    let query = query.map(loose).filter(|q| !q.is_empty());
    let matches = |texts: &[Option<&String>]| match &query {
        None => true,
        Some(q) => texts
            .iter()
            .flatten()
            .any(|t| loose(t).contains(q.as_str())),
    };
    let mut rows: Vec<(chrono::DateTime<Utc>, String)> = Vec::new();
    for event in turn.tx.current_events(turn.now).await? {
        // Held-back events are listed for review only (`/termine pruefen`).
        if event.held || !sees(turn, &event).await? {
            continue;
        }
        let texts = [event.region.as_ref(), event.topic.as_ref()];
        if !matches(&texts) {
            continue;
        }
        let exceptions = turn.tx.exceptions(event.id).await?;
        let ahead = event.schedule.occurrences(turn.now, until, &exceptions);
        // A series once: its next date (and, if that one is cancelled, the next that is on),
        // with how many more follow; `/termin N` shows them.
        let shown = match ahead.iter().position(|o| !o.cancelled) {
            Some(on) if event.schedule.is_series() => on + 1,
            _ => ahead.len(),
        };
        let more = ahead[shown..].iter().filter(|o| !o.cancelled).count();
        for (i, occurrence) in ahead.into_iter().take(shown).enumerate() {
            let mut line = format!(
                "{} – {} ({})",
                when_line(lang, &event, &occurrence),
                event.title,
                t!(lang, "event-number", id = event.id.0)
            );
            if let Some(region) = &event.region {
                line.push_str(&format!(" · {region}"));
            }
            if occurrence.cancelled {
                line.push_str(&format!(" · {}", t!(lang, "event-cancelled-mark")));
            } else {
                let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
                let yes = rsvps.iter().filter(|r| r.status == RsvpStatus::Yes).count();
                line.push_str(&format!(" · ✅ {yes}"));
            }
            if i + 1 == shown && more > 0 {
                line.push_str(&format!(
                    " · {}",
                    t!(lang, "events-series-more", count = more)
                ));
            }
            rows.push((occurrence.start.with_timezone(&Utc), line));
        }
    }
    for partner in turn.tx.partner_events(turn.now).await? {
        if partner.start > until || !matches(&[Some(&partner.source)]) {
            continue;
        }
        let mut line = format!(
            "{} – {} ({})",
            crate::format::datetime(lang, partner.start, turn.config.timezone),
            partner.title,
            t!(lang, "event-partner", source = &partner.source)
        );
        if partner.cancelled {
            line.push_str(&format!(" · {}", t!(lang, "event-cancelled-mark")));
        }
        rows.push((partner.start, line));
    }
    rows.sort();
    if rows.is_empty() {
        turn.reply(RichText::plain(match &query {
            Some(q) => t!(lang, "events-none-for", query = q),
            None => t!(lang, "events-none"),
        }));
        return Ok(());
    }
    let mut text = RichText::default().bold(t!(lang, "events-title"));
    for (_, line) in rows.iter().take(LIST_MAX) {
        text = text.text(format!("\n• {line}"));
    }
    if rows.len() > LIST_MAX {
        text = text.line(t!(lang, "events-more", count = rows.len() - LIST_MAX));
    }
    text = text.line(t!(lang, "events-hint"));
    turn.reply(text);
    Ok(())
}

pub(super) const LIST_MAX: usize = 10;

/// `/termine pruefen` (organisers): events held back – members' events waiting for release,
/// and hidden ones.
pub async fn held(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    if !turn.has_role(crate::domain::Role::Organiser) {
        return Err(turn.refuse("event-review-organisers"));
    }
    let mut lines = Vec::new();
    for event in turn.tx.current_events(turn.now).await? {
        if !event.held || !sees(turn, &event).await? {
            continue;
        }
        let exceptions = turn.tx.exceptions(event.id).await?;
        let when = super::next_occurrence(
            &event,
            &exceptions,
            turn.now,
            turn.config.events.default_length,
        )
        .map(|o| when_line(lang, &event, &o))
        .unwrap_or_default();
        let by = match event.created_by {
            Some(id) => turn
                .tx
                .member(id)
                .await?
                .filter(|m| m.is_active())
                .map(|m| m.display_name),
            None => None,
        };
        let mut line = format!(
            "{} – {} ({})",
            when,
            event.title,
            t!(lang, "event-number", id = event.id.0)
        );
        if let Some(by) = by {
            line.push_str(&format!(" · {by}"));
        }
        lines.push(line);
    }
    if lines.is_empty() {
        turn.reply(RichText::plain(t!(lang, "events-held-none")));
        return Ok(());
    }
    let mut text = RichText::default().bold(t!(lang, "events-held-title"));
    for line in lines {
        text = text.text(format!("\n• {line}"));
    }
    turn.reply(text.line(t!(lang, "events-held-hint")));
    Ok(())
}
