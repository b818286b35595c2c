//! Announcements: organisers write once, every connected channel (or a region's, or only the
//! confidential ones) gets it, and the organiser sees a delivery report kept up to date in
//! the chat they asked in.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::help;
use super::turn::{Failure, Step, Turn};
use crate::domain::announcement::Scope;
use crate::domain::text::fold;
use crate::domain::{Lang, WhenProblem, parse_when};
use crate::message::{ChatRef, Outgoing, RichText, Sensitivity, Target};
use crate::store::{
    Announcement, Channel, Delivery, DeliveryState, NewAnnouncement, StoreError, StoreTx,
};
use crate::t;

/// The live key of an announcement's delivery report.
pub(super) fn report_key(id: i64) -> String {
    format!("announcement-{id}")
}

/// The channels a scope reaches.
fn reaches(scope: &Scope, channel: &Channel) -> bool {
    match scope {
        Scope::All => true,
        Scope::Region(region) => channel
            .region
            .as_deref()
            .is_some_and(|r| fold(r) == fold(region)),
        Scope::Confidential => channel.confidential,
    }
}

pub async fn announce(
    turn: &mut Turn<'_>,
    scope: Scope,
    scheduled: bool,
    on_web: bool,
    text: String,
) -> Step {
    let member = turn.active_member()?;
    if on_web && scope == Scope::Confidential {
        return Err(turn.refuse("announce-confidential-not-web"));
    }
    let here = turn.incoming.chat.clone();
    let lang = turn.lang;
    let channels = turn.tx.channels().await?;
    if scope == Scope::Confidential && !here.is_private && !is_confidential_room(&channels, &here) {
        // Its text must not show where it does not belong, not even in the report.
        return Err(turn.refuse("announce-confidential-here"));
    }
    let (due, text) = if scheduled {
        let (when, text) = split_when(&text, turn.now, turn.config.timezone)
            .map_err(|p| help::when_refusal(lang, &p, "announce"))?;
        if when <= turn.now {
            return Err(turn.refuse("announce-in-the-past"));
        }
        (Some(when), text.to_string())
    } else {
        (None, text)
    };
    if text.trim().is_empty() {
        return Err(Failure::Refused(help::usage_hint(
            lang,
            t!(lang, "problem-missing"),
            "announce",
        )));
    }
    let reached = channels.iter().filter(|c| reaches(&scope, c)).count();
    if reached == 0 {
        return Err(no_channels(turn, &scope, &channels));
    }
    let report_to = Target::Chat { chat: here.clone() };
    let new = NewAnnouncement {
        author: member.id,
        scope: scope.clone(),
        body: text,
        report_to,
        lang,
        created_at: turn.now,
        due_at: due,
        on_web,
    };
    let id = turn.tx.insert_announcement(&new).await?;
    turn.audit(
        if due.is_some() {
            "announcement.schedule"
        } else {
            "announcement.send"
        },
        Some(id.to_string()),
        serde_json::json!({
            "scope": scope.as_str(),
            "region": scope.region(),
            "due_at": due.map(|d| d.to_rfc3339()),
            "on_web": on_web,
        }),
    )
    .await?;
    match due {
        None => {
            let Some(announcement) = turn.tx.announcement(id).await? else {
                return Ok(());
            };
            let mut out = fan_out(&mut *turn.tx, &announcement).await?;
            if let Some(report) = out.first_mut() {
                report.reply_to = Some(turn.incoming.event_id.clone());
            }
            turn.outgoing.extend(out);
        }
        Some(due) => {
            turn.schedule_changed = true;
            let when = crate::format::datetime(lang, due, turn.config.timezone);
            turn.reply(RichText::plain(t!(
                lang,
                "announce-scheduled",
                id = id,
                when = when.as_str(),
                channels = reached
            )));
        }
    }
    Ok(())
}

fn is_confidential_room(channels: &[Channel], chat: &ChatRef) -> bool {
    channels
        .iter()
        .any(|c| c.confidential && c.platform == chat.platform && c.chat_id == chat.id)
}

fn no_channels(turn: &Turn<'_>, scope: &Scope, channels: &[Channel]) -> Failure {
    match scope {
        Scope::Region(region) => {
            let mut known: Vec<&str> = channels
                .iter()
                .filter_map(|c| c.region.as_deref())
                .collect();
            known.sort_unstable();
            known.dedup();
            let known = if known.is_empty() {
                "–".to_string()
            } else {
                known.join(", ")
            };
            Failure::Refused(RichText::plain(t!(
                turn.lang,
                "announce-no-region",
                region = region.as_str(),
                known = known.as_str()
            )))
        }
        Scope::Confidential => turn.refuse("announce-no-confidential"),
        Scope::All => turn.refuse("announce-no-channels"),
    }
}

/// `<wann> | Text`, or `<wann> Text` where `<wann>` is the longest start of the words that
/// reads as a date and time (`01.02.2027 09:00 Frühjahrsputz` → 01.02.2027 09:00).
fn split_when(
    text: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(DateTime<Utc>, &str), WhenProblem> {
    if let Some((when, rest)) = text.split_once('|') {
        let when = parse_when(when, now, tz)?;
        return Ok((when.start.with_timezone(&Utc), rest.trim()));
    }
    // Where each word ends, so the text after the date keeps its line breaks.
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|(i, c)| {
            !c.is_whitespace()
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let mut first_problem = None;
    for words in (1..=ends.len().min(6)).rev() {
        let end = ends[words - 1];
        match parse_when(&text[..end], now, tz) {
            Ok(when) => return Ok((when.start.with_timezone(&Utc), text[end..].trim())),
            // "date time" is the usual form: its problem is the one to explain.
            Err(problem) if words <= 2 && first_problem.is_none() => {
                first_problem = Some(problem);
            }
            Err(_) => {}
        }
    }
    Err(first_problem.unwrap_or(WhenProblem::Empty))
}

/// An announcement's delivery report to the organiser (first) and the messages that carry
/// it to the channels its scope reaches now. Keeps the report's text.
pub(super) async fn fan_out(
    tx: &mut dyn StoreTx,
    announcement: &Announcement,
) -> Result<Vec<Outgoing>, StoreError> {
    let lang = announcement.lang;
    let channels = tx.channels().await?;
    let mut out = Vec::new();
    for channel in channels.iter().filter(|c| reaches(&announcement.scope, c)) {
        let body = RichText::default()
            .bold(t!(lang, "announcement-title"))
            .text(format!("\n{}", announcement.body));
        let mut message = Outgoing::new(
            Target::Chat {
                chat: ChatRef {
                    platform: channel.platform,
                    id: channel.chat_id.clone(),
                    is_private: false,
                    encrypted: channel.confidential,
                    title: Some(channel.title.clone()),
                },
            },
            body,
        );
        if announcement.scope == Scope::Confidential {
            message.sensitivity = Sensitivity::Confidential;
        }
        message.announcement = Some(announcement.id);
        out.push(message);
    }
    // Nothing is out yet: none sent of all of them.
    let report = RichText::plain(t!(
        lang,
        "announce-report-progress",
        id = announcement.id,
        sent = 0_usize,
        total = out.len()
    ));
    tx.set_announcement_report(announcement.id, &report.to_plain())
        .await?;
    let mut message = Outgoing::new(announcement.report_to.clone(), report);
    message.live_key = Some(report_key(announcement.id));
    // Tied to the announcement (its author's data goes with it), not one of its deliveries.
    message.announcement = Some(announcement.id);
    // First, so the organiser sees at once that it is on its way (the outbox sends in order).
    out.insert(0, message);
    Ok(out)
}

/// `/ankuendigungen`: those still to go out; `absagen N` calls one off.
pub async fn scheduled(turn: &mut Turn<'_>, cancel: Option<i64>) -> Step {
    let lang = turn.lang;
    if let Some(id) = cancel {
        if !turn.tx.cancel_announcement(id, turn.now).await? {
            return Err(Failure::Refused(RichText::plain(t!(
                lang,
                "announce-not-scheduled",
                id = id
            ))));
        }
        turn.audit(
            "announcement.cancel",
            Some(id.to_string()),
            serde_json::json!({}),
        )
        .await?;
        turn.schedule_changed = true;
        turn.reply(RichText::plain(t!(lang, "announce-cancelled", id = id)));
        return Ok(());
    }
    let waiting = turn.tx.scheduled_announcements().await?;
    if waiting.is_empty() {
        turn.reply(RichText::plain(t!(lang, "announcements-none")));
        return Ok(());
    }
    let here = turn.incoming.chat.clone();
    let channels = turn.tx.channels().await?;
    // A confidential one's text shows only where it could have been written.
    let may_show_confidential = here.is_private || is_confidential_room(&channels, &here);
    let mut text = RichText::default().bold(t!(lang, "announcements-title"));
    for a in &waiting {
        let when = a
            .due_at
            .map(|d| crate::format::datetime(lang, d, turn.config.timezone))
            .unwrap_or_default();
        let to = match &a.scope {
            Scope::All => t!(lang, "announce-to-all"),
            Scope::Region(r) => t!(lang, "announce-to-region", region = r.as_str()),
            Scope::Confidential => t!(lang, "announce-to-confidential"),
        };
        let body = if a.scope == Scope::Confidential && !may_show_confidential {
            t!(lang, "announce-text-hidden")
        } else {
            first_line(&a.body)
        };
        text = text.line(format!("{} · {when} · {to}: {body}", a.id));
    }
    turn.reply(text.line(t!(lang, "announcements-cancel-hint", id = waiting[0].id)));
    Ok(())
}

/// The first line, cut to a length that fits a list.
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line.to_string()
    }
}

/// "an 7 von 8 Kanälen zugestellt – Matrix: Suhl ausstehend (Ratenlimit)"; once nothing is
/// pending, the final word with what failed and why.
pub(super) fn report(lang: Lang, id: i64, deliveries: &[Delivery]) -> RichText {
    let total = deliveries.len();
    let sent = deliveries
        .iter()
        .filter(|d| d.state == DeliveryState::Sent)
        .count();
    let waiting = deliveries
        .iter()
        .filter(|d| matches!(d.state, DeliveryState::Pending { .. }))
        .count();
    let key = if waiting == 0 {
        "announce-report-done"
    } else {
        "announce-report-progress"
    };
    let mut text = RichText::plain(t!(lang, key, id = id, sent = sent, total = total));
    for d in deliveries {
        let name = d.title.clone().unwrap_or_else(|| d.chat_id.clone());
        let line = match &d.state {
            DeliveryState::Sent | DeliveryState::Pending { last_error: None } => continue,
            DeliveryState::Pending {
                last_error: Some(why),
            } => t!(
                lang,
                "announce-report-pending",
                platform = d.platform.display_name(),
                channel = name.as_str(),
                why = why.as_str()
            ),
            DeliveryState::Failed { reason } => t!(
                lang,
                "announce-report-failed",
                platform = d.platform.display_name(),
                channel = name.as_str(),
                why = reason.as_str()
            ),
        };
        text = text.line(format!("– {line}"));
    }
    text
}
