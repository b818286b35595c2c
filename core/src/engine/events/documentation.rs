//! After a meetup: its documentation (`/termin 12 doku <link> | Kurzprotokoll`), the past
//! dates with theirs (`/termine vergangen`), and a Markdown record of a date (`/protokoll 12`).

use chrono::{Duration, Utc};

use super::cards::when_line;
use super::lookup::{Looking, found, managed, occurrence_on, read_day_looking, sees};
use super::posting::refresh_cards;
use super::programme::date_plan;
use crate::domain::agenda::Documentation;
use crate::domain::text::loose;
use crate::domain::{Event, EventId, Role, RsvpStatus};
use crate::engine::turn::{Failure, Step, Turn};
use crate::message::{Attachment, RichText};
use crate::schedule::Occurrence;
use crate::t;

/// How far back past dates are looked for.
const PAST_DAYS: i64 = 400;
const PAST_MAX: usize = 10;

/// The date a documentation or record is about: the named day, or the last one that has
/// begun.
async fn past_occurrence(
    turn: &mut Turn<'_>,
    event: &Event,
    date: Option<&str>,
) -> Step<Occurrence> {
    let exceptions = turn.tx.exceptions(event.id).await?;
    let lang = turn.lang;
    if let Some(text) = date {
        let day = read_day_looking(turn, text, Looking::Back)?;
        return occurrence_on(turn, event, day, &exceptions);
    }
    event
        .schedule
        .occurrences(
            turn.now - Duration::days(PAST_DAYS),
            turn.now + Duration::seconds(1),
            &exceptions,
        )
        .into_iter()
        .rfind(|o| !o.cancelled && o.start.with_timezone(&Utc) <= turn.now)
        .ok_or_else(|| {
            Failure::Refused(RichText::plain(t!(
                lang,
                "agenda-doc-not-yet",
                id = event.id.0
            )))
        })
}

/// `/termin 12 doku [datum] <link> | Kurzprotokoll`; both `None`: removed.
pub(super) async fn document(
    turn: &mut Turn<'_>,
    id: EventId,
    date: Option<&str>,
    link: Option<String>,
    summary: Option<String>,
) -> Step {
    let event = managed(turn, id).await?;
    let occurrence = past_occurrence(turn, &event, date).await?;
    let member = turn.active_member()?;
    let lang = turn.lang;
    let when = when_line(lang, &event, &occurrence);
    let documentation = (link.is_some() || summary.is_some()).then_some(Documentation {
        link,
        summary,
        at: turn.now,
    });
    turn.tx
        .set_documentation(id, occurrence.key, documentation.as_ref(), member.id)
        .await?;
    turn.audit(
        "event.document",
        Some(id.to_string()),
        serde_json::json!({
            "occurrence": occurrence.key.to_string(),
            "removed": documentation.is_none(),
        }),
    )
    .await?;
    refresh_cards(turn, &event, &occurrence).await?;
    let Some(documentation) = documentation else {
        turn.reply(RichText::plain(t!(
            lang,
            "agenda-doc-removed",
            when = &when
        )));
        return Ok(());
    };
    // Those who came are told, in their language, where to find it.
    let extra: String = [&documentation.link, &documentation.summary]
        .into_iter()
        .flatten()
        .map(|line| format!("\n{line}"))
        .collect();
    let told = super::manage::tell_answered(
        turn,
        &event,
        &occurrence,
        &[RsvpStatus::Yes],
        "agenda-doc-notice",
        &extra,
    )
    .await?;
    turn.reply(RichText::plain(t!(
        lang,
        "agenda-doc-saved",
        title = event.title.as_str(),
        when = &when,
        count = told
    )));
    Ok(())
}

/// `/termine vergangen [region|thema]`: the latest past dates the sender may see, with their
/// documentation.
pub async fn past(turn: &mut Turn<'_>, query: Option<&str>) -> Step {
    let lang = turn.lang;
    let typed = query;
    let query = query.map(loose).filter(|q| !q.is_empty());
    let since = turn.now - Duration::days(PAST_DAYS);
    let mut rows = Vec::new();
    for event in turn.tx.current_events(since).await? {
        if event.held || !sees(turn, &event).await? {
            continue;
        }
        let exceptions = turn.tx.exceptions(event.id).await?;
        let dates = turn.tx.all_date_notes(event.id).await?;
        for occurrence in event.schedule.occurrences(since, turn.now, &exceptions) {
            if occurrence.cancelled || occurrence.start.with_timezone(&Utc) > turn.now {
                continue;
            }
            let notes = dates
                .iter()
                .find(|(d, _)| *d == occurrence.key)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let topic = notes.topic.as_ref().or(event.topic.as_ref());
            if let Some(q) = &query {
                let texts = [event.region.as_ref(), topic, Some(&event.title)];
                if !texts
                    .iter()
                    .flatten()
                    .any(|t| loose(t).contains(q.as_str()))
                {
                    continue;
                }
            }
            let mut line = format!(
                "{} – {} ({})",
                when_line(lang, &event, &occurrence),
                event.title,
                t!(lang, "event-number", id = event.id.0)
            );
            if let Some(topic) = topic {
                line.push_str(&format!(" · {topic}"));
            }
            match &notes.documentation {
                Some(doc) => {
                    if let Some(link) = &doc.link {
                        line.push_str(&format!("\n  📎 {link}"));
                    }
                    if let Some(summary) = &doc.summary {
                        line.push_str(&format!("\n  {}", first_words(summary, 120)));
                    }
                }
                None => line.push_str(&format!(" · {}", t!(lang, "agenda-no-doc"))),
            }
            for round in turn.tx.rounds_of_date(event.id, occurrence.key).await? {
                if round.confidential && !turn.place().await?.is_confidential() {
                    continue;
                }
                line.push_str(&format!(
                    "\n  ❓ {}: {} ({})",
                    t!(lang, "record-questions"),
                    round.title,
                    t!(lang, "record-see", id = event.id.0)
                ));
            }
            rows.push((occurrence.start.with_timezone(&Utc), line));
        }
    }
    if rows.is_empty() {
        turn.reply(RichText::plain(match (typed, &query) {
            (Some(typed), Some(_)) => t!(lang, "events-past-none-for", query = typed),
            _ => t!(lang, "events-past-none"),
        }));
        return Ok(());
    }
    // The latest first.
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    let mut text = RichText::default().bold(t!(lang, "events-past-title"));
    for (_, line) in rows.iter().take(PAST_MAX) {
        text = text.text(format!("\n• {line}"));
    }
    if rows.len() > PAST_MAX {
        text = text.line(t!(lang, "events-more", count = rows.len() - PAST_MAX));
    }
    turn.reply(text);
    Ok(())
}

/// A summary cut after about `max` characters, at a word.
fn first_words(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= max && !text.contains('\n') {
        return line.to_string();
    }
    let mut cut: String = line.chars().take(max).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{cut} …")
}

/// `/protokoll 12 [datum]`: the record of a date as Markdown, in the chat and as a file.
/// Names of those who came only for organisers, and only in a private chat.
pub async fn record(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    turn.active_member()?;
    let event = found(turn, id).await?;
    let occurrence = match date {
        Some(_) => past_occurrence(turn, &event, date).await?,
        None => match past_occurrence(turn, &event, None).await {
            Ok(o) => o,
            // Nothing has taken place yet: the record of the next date (its programme).
            Err(_) => super::pick_occurrence(turn, &event, None).await?,
        },
    };
    let names = turn.has_role(Role::Organiser) && turn.incoming.chat.is_private;
    let markdown = record_markdown(turn, &event, &occurrence, names).await?;
    let filename = format!(
        "protokoll-termin-{}-{}.md",
        event.id.0,
        occurrence.key.format("%Y-%m-%d")
    );
    let mut message = crate::engine::turn::reply_to(turn.incoming, RichText::plain(&markdown));
    message.attachment = Some(Attachment {
        filename,
        mime: "text/markdown".to_string(),
        content: markdown,
    });
    message.sensitivity = event.visibility.sensitivity();
    turn.showing(event.visibility);
    turn.outgoing.push(message);
    Ok(())
}

async fn record_markdown(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    names: bool,
) -> Step<String> {
    let lang = turn.lang;
    let plan = date_plan(&mut *turn.tx, event.id, occurrence.key).await?;
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let mut md = format!(
        "# {} – {}\n\n",
        event.title,
        when_line(lang, event, occurrence)
    );
    let mut facts = vec![t!(lang, "event-number", id = event.id.0)];
    if let Some(place) = &event.place {
        facts.push(format!("{}: {place}", t!(lang, "event-field-place")));
    }
    if let Some(region) = &event.region {
        facts.push(format!("{}: {region}", t!(lang, "event-field-region")));
    }
    if occurrence.cancelled || event.is_cancelled() {
        facts.push(t!(lang, "event-cancelled-mark"));
    }
    md.push_str(&format!("{}\n\n", facts.join(" · ")));

    let counts = super::cards::Counts::of(&rsvps);
    md.push_str(&format!("## {}\n\n", t!(lang, "record-attendance")));
    md.push_str(&t!(
        lang,
        "record-counts",
        yes = counts.yes,
        maybe = counts.maybe,
        no = counts.no
    ));
    md.push('\n');
    if names {
        let mut came = Vec::new();
        for rsvp in rsvps.iter().filter(|r| r.status == RsvpStatus::Yes) {
            if let Some(m) = turn.tx.member(rsvp.member).await?
                && m.is_active()
            {
                came.push(m.display_name);
            }
        }
        if !came.is_empty() {
            md.push_str(&format!(
                "\n{}: {}\n",
                t!(lang, "record-names"),
                came.join(", ")
            ));
        }
    }

    if let Some(topic) = plan.notes.topic.as_ref().or(event.topic.as_ref()) {
        md.push_str(&format!(
            "\n## {}\n\n{topic}\n",
            t!(lang, "event-field-topic")
        ));
    }
    let impulses: Vec<String> = plan
        .impulses()
        .map(|(item, speaker)| format!("- {speaker}: {}", item.title))
        .chain(event.speakers.iter().map(|s| format!("- {s}")))
        .collect();
    if !impulses.is_empty() {
        md.push_str(&format!(
            "\n## {}\n\n{}\n",
            t!(lang, "record-impulses"),
            impulses.join("\n")
        ));
    }
    let presentations: Vec<String> = plan
        .presentations()
        .map(|(item, _)| format!("- {}", item.title))
        .collect();
    if !presentations.is_empty() {
        md.push_str(&format!(
            "\n## {}\n\n{}\n",
            t!(lang, "agenda-presentations"),
            presentations.join("\n")
        ));
    }

    let decisions = decisions(turn, event, occurrence).await?;
    if !decisions.is_empty() {
        md.push_str(&format!(
            "\n## {}\n\n{}\n",
            t!(lang, "record-decisions"),
            decisions.join("\n")
        ));
    }

    // Question rounds held at the date, by their digests.
    for round in turn.tx.rounds_of_date(event.id, occurrence.key).await? {
        if round.confidential && event.visibility != crate::domain::Visibility::Confidential {
            continue;
        }
        md.push_str(&format!(
            "\n## {}: {}\n\n{}\n",
            t!(lang, "record-questions"),
            round.title,
            round.digest.unwrap_or_default()
        ));
    }

    md.push_str(&format!("\n## {}\n\n", t!(lang, "agenda-documentation")));
    match &plan.notes.documentation {
        Some(doc) => {
            if let Some(link) = &doc.link {
                md.push_str(&format!("- <{link}>\n"));
            }
            if let Some(summary) = &doc.summary {
                md.push_str(&format!("\n{summary}\n"));
            }
        }
        None => md.push_str(&format!("{}\n", t!(lang, "agenda-no-doc"))),
    }
    Ok(md)
}

/// Polls asked in the event's chats on the day of the date, with their results.
async fn decisions(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
) -> Step<Vec<String>> {
    let chats = super::lookup::chats_of(&mut *turn.tx, event).await?;
    let from = occurrence.start.with_timezone(&Utc) - Duration::hours(12);
    let to = occurrence
        .end
        .map_or(occurrence.start.with_timezone(&Utc), |e| {
            e.with_timezone(&Utc)
        })
        + Duration::hours(12);
    let mut lines = Vec::new();
    for poll in turn.tx.polls_between(from, to).await? {
        if !chats
            .iter()
            .any(|(p, c)| *p == poll.chat.platform && *c == poll.chat.id)
        {
            continue;
        }
        // A confidential poll goes into the record of a confidential event only.
        if poll.visibility == crate::domain::Visibility::Confidential
            && event.visibility != crate::domain::Visibility::Confidential
        {
            continue;
        }
        let counts = turn.tx.poll_counts(poll.id).await?;
        let results: Vec<String> = poll
            .options
            .iter()
            .enumerate()
            .map(|(i, option)| {
                let n = counts
                    .iter()
                    .find(|(number, _)| *number as usize == i + 1)
                    .map_or(0, |(_, n)| *n);
                format!("{option} {n}")
            })
            .collect();
        lines.push(format!("- {}: {}", poll.question, results.join(" · ")));
    }
    Ok(lines)
}
