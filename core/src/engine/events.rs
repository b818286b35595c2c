//! `/termin` and `/termine`: creating, showing, listing and changing events.

use chrono::{Duration, NaiveDate, Utc};

use super::event_card::{CardKind, render, when_line};
use super::turn::{Failure, Step, Turn};
use super::{help, reminders, rsvp};
use crate::command::{EventAction, EventField};
use crate::domain::event::{EventDraftError, TEXT_MAX, TITLE_MAX, check_length};
use crate::domain::keys::LiveKey;
use crate::domain::text::{fold, loose};
use crate::domain::when::date_of;
use crate::domain::{
    Audience, Event, EventDraft, EventId, Lang, Platform, Role, RsvpStatus, Visibility, WhenProblem,
};
use crate::domain::{parse_schedule, parse_when};
use crate::message::{Outgoing, RichText, Target};
use crate::schedule::{Exception, Occurrence};
use crate::t;

/// How far `/termine` looks ahead.
const LIST_DAYS: i64 = 120;
const LIST_MAX: usize = 10;

/// The question back for a date that was not understood, with the usage of `usage`.
pub fn when_refusal(lang: Lang, problem: &WhenProblem, usage: &str) -> Failure {
    Failure::Refused(help::usage_hint(lang, when_question(lang, problem), usage))
}

/// What the bot says about a `<wann>` it cannot take as it is: a question, or what is wrong.
pub fn when_question(lang: Lang, problem: &WhenProblem) -> String {
    match problem {
        WhenProblem::Empty => t!(lang, "when-empty"),
        WhenProblem::NoTime => t!(lang, "when-no-time"),
        WhenProblem::NoDay => t!(lang, "when-no-day"),
        WhenProblem::UnknownWord(w) => t!(lang, "when-unknown-word", word = w),
        WhenProblem::BadDate(w) => t!(lang, "when-bad-date", word = w),
        WhenProblem::BadTime(w) => t!(lang, "when-bad-time", word = w),
        WhenProblem::DayMismatch { weekday, date } => t!(
            lang,
            "when-day-mismatch",
            weekday = weekday,
            date = &date.format("%d.%m.%Y").to_string(),
            actual = crate::schedule::day_name(lang, chrono::Datelike::weekday(date))
        ),
        WhenProblem::TodayOrNextWeek { today } => t!(
            lang,
            "when-today-or-next-week",
            today = &today.format("%d.%m.").to_string(),
            next = &(*today + Duration::days(7)).format("%d.%m.").to_string()
        ),
        WhenProblem::InPast => t!(lang, "when-in-past"),
        WhenProblem::EndBeforeStart => t!(lang, "when-end-before-start"),
        WhenProblem::SkippedByClockChange => t!(lang, "when-skipped"),
        WhenProblem::TwiceByClockChange => t!(lang, "when-twice"),
        WhenProblem::SeriesWithoutDay => t!(lang, "when-series-without-day"),
        WhenProblem::WhichWeekdayOfMonth(day) => t!(lang, "when-which-weekday", day = day),
        WhenProblem::ImpossibleRule(words) => t!(lang, "when-impossible", words = words),
        WhenProblem::UntilBeforeStart => t!(lang, "when-until-before-start"),
        WhenProblem::SecondOrEveryOther(day) => t!(lang, "when-second-or-every-other", day = day),
        WhenProblem::MorningOrEvening { hour, minute } => t!(
            lang,
            "when-morning-or-evening",
            morning = &format!("{hour:02}:{minute:02}"),
            evening = &format!("{:02}:{minute:02}", hour + 12)
        ),
    }
}

/// The pending question asked again, from what was typed (it is asked again from scratch).
pub fn when_question_again(turn: &Turn<'_>, when: &str) -> String {
    match parse_schedule(when, turn.now, turn.config.timezone) {
        Err(problem) => when_question(turn.lang, &problem),
        Ok(_) => String::new(),
    }
}

pub fn draft_problem(lang: Lang, e: &EventDraftError) -> String {
    match e {
        EventDraftError::MissingWhen => t!(lang, "event-problem-when"),
        EventDraftError::MissingTitle => t!(lang, "event-problem-title"),
        EventDraftError::TooManyFields => t!(lang, "problem-too-many"),
        EventDraftError::TooLong { field, max } => t!(
            lang,
            "event-problem-long",
            field = &t!(lang, &format!("event-field-{field}")),
            max = *max
        ),
    }
}

/// The event with this number, if the sender may see it here. Outside its audience an
/// event does not exist: the answer is the same as for a number never given.
pub async fn found(turn: &mut Turn<'_>, id: EventId) -> Step<Event> {
    match turn.tx.event(id).await? {
        Some(event) if sees(turn, &event).await? => Ok(event),
        _ => Err(not_found(turn, id)),
    }
}

fn not_found(turn: &Turn<'_>, id: EventId) -> Failure {
    Failure::Refused(RichText::plain(t!(turn.lang, "event-not-found", id = id.0)))
}

/// The chats an event lives in: where it was created and every chat it was announced in.
pub async fn chats_of(
    tx: &mut dyn crate::store::StoreTx,
    event: &Event,
) -> Result<Vec<(Platform, String)>, crate::store::StoreError> {
    let mut chats = vec![(event.chat.platform, event.chat.id.clone())];
    for chat in tx.event_channels(event.id).await? {
        chats.push((chat.platform, chat.id));
    }
    Ok(chats)
}

/// Whether the sender may see the event here (see `domain::visibility`).
pub async fn sees(turn: &mut Turn<'_>, event: &Event) -> Step<bool> {
    let chats = match event.visibility {
        // Everyone sees it: no need to look up where it lives.
        Visibility::Public => Vec::new(),
        Visibility::Members | Visibility::Confidential => chats_of(&mut *turn.tx, event).await?,
    };
    turn.sees(Audience {
        visibility: event.visibility,
        chats: &chats,
    })
    .await
}

/// The creator and organisers may change an event.
fn may_manage(turn: &Turn<'_>, event: &Event) -> bool {
    turn.has_role(Role::Organiser)
        || (event.created_by.is_some() && event.created_by == turn.member.as_ref().map(|m| m.id))
}

/// The event, if the sender may change it.
async fn managed(turn: &mut Turn<'_>, id: EventId) -> Step<Event> {
    let event = found(turn, id).await?;
    turn.active_member()?;
    if may_manage(turn, &event) {
        Ok(event)
    } else {
        Err(turn.refuse("event-manage-denied"))
    }
}

/// Writes a changed event with its audit row.
async fn save(
    turn: &mut Turn<'_>,
    event: &Event,
    action: &'static str,
    details: serde_json::Value,
) -> Step {
    turn.tx.update_event(event).await?;
    turn.audit(action, Some(event.id.to_string()), details)
        .await
}

/// The occurrences `/termine` and the organisers' changes look at.
async fn upcoming(turn: &mut Turn<'_>, event: &Event) -> Step<Vec<Occurrence>> {
    let exceptions = turn.tx.exceptions(event.id).await?;
    Ok(event
        .schedule
        .occurrences(turn.now, turn.now + Duration::days(LIST_DAYS), &exceptions))
}

/// The occurrence a command means: the named day, or the next one still ahead.
pub async fn pick_occurrence(
    turn: &mut Turn<'_>,
    event: &Event,
    date: Option<&str>,
) -> Step<Occurrence> {
    let exceptions = turn.tx.exceptions(event.id).await?;
    let lang = turn.lang;
    match date {
        Some(text) => {
            let day = read_day(turn, text)?;
            event.schedule.occurrence(day, &exceptions).ok_or_else(|| {
                Failure::Refused(RichText::plain(t!(
                    lang,
                    "event-no-occurrence",
                    id = event.id.0,
                    date = &day.format("%d.%m.%Y").to_string()
                )))
            })
        }
        None => next_occurrence(
            event,
            &exceptions,
            turn.now,
            turn.config.events.default_length,
        )
        .ok_or_else(|| Failure::Refused(RichText::plain(t!(lang, "event-over", id = event.id.0)))),
    }
}

/// The next occurrence that has not ended (or, for one that is over, the last one).
/// An event without an end lasts `default_length` (`[events] default_length_minutes`, as in
/// the calendar feed).
pub fn next_occurrence(
    event: &Event,
    exceptions: &[Exception],
    now: chrono::DateTime<Utc>,
    default_length: Duration,
) -> Option<Occurrence> {
    let from = now - event.schedule.duration.unwrap_or(default_length);
    let ahead = event
        .schedule
        .occurrences(from, now + Duration::days(800), exceptions);
    if let Some(next) = ahead.iter().find(|o| !o.cancelled).or(ahead.first()) {
        return Some(next.clone());
    }
    // A one-off event that is over is still shown.
    if !event.schedule.is_series() {
        return event
            .schedule
            .occurrence(event.schedule.first.date(), exceptions);
    }
    None
}

fn read_day(turn: &Turn<'_>, text: &str) -> Step<NaiveDate> {
    let today = turn.now.with_timezone(&turn.config.timezone).date_naive();
    let word = fold(text);
    let day = match word.as_str() {
        "heute" | "today" => Some(Ok(today)),
        "morgen" | "tomorrow" => Some(Ok(today + Duration::days(1))),
        _ => date_of(&word, today),
    };
    match day {
        Some(Ok(day)) => Ok(day),
        _ => Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "event-bad-day",
            word = text
        )))),
    }
}

pub async fn create(turn: &mut Turn<'_>, draft: EventDraft) -> Step {
    let member = turn.active_member()?;
    if !turn.config.events.members_may_create && !turn.has_role(Role::Organiser) {
        return Err(turn.refuse("event-create-denied"));
    }
    let schedule = match parse_schedule(&draft.when, turn.now, turn.config.timezone) {
        Ok(schedule) => schedule,
        Err(problem) => {
            // A question (today or in a week?) waits for its answer in this chat.
            let rest = [
                Some(draft.title.clone()),
                draft.place.clone(),
                draft.description.clone(),
            ]
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
            if super::form::ask_when(turn, &problem, &draft.when, rest, false).await? {
                return Ok(());
            }
            return Err(when_refusal(turn.lang, &problem, "event-new"));
        }
    };
    let chat = turn.incoming.chat.clone();
    // Events planned in a confidential channel stay there.
    let confidential = turn.place().await?.is_confidential();
    let mut event = Event::new(draft.title, schedule, chat.clone(), turn.lang, turn.now);
    event.place = draft.place;
    event.description = draft.description;
    event.region = draft.region;
    if confidential {
        event.visibility = Visibility::Confidential;
        turn.showing(event.visibility);
    }
    event.created_by = Some(member.id);
    event.id = turn.tx.insert_event(&event).await?;
    if !chat.is_private {
        turn.tx.add_event_channel(event.id, &chat).await?;
    }
    turn.audit(
        "event.create",
        Some(event.id.to_string()),
        // Facts only, no content: the log outlives visibility changes and goes into people's
        // data exports.
        serde_json::json!({
            "first": event.schedule.first.to_string(),
            "rule": event.schedule.rrule(),
        }),
    )
    .await?;
    reminders::plan_event(turn, &event).await?;
    let occurrence = pick_occurrence(turn, &event, None).await?;
    let reply_to = Some(turn.incoming.event_id.clone());
    post_card(turn, &event, &occurrence, Target::Chat { chat }, reply_to).await
}

/// Posts (or, if it is there already, updates) the card of an occurrence.
pub async fn post_card(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    target: Target,
    reply_to: Option<String>,
) -> Step {
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let (body, buttons) = render(
        event.lang,
        event,
        occurrence,
        &rsvps,
        CardKind::Card,
        turn.now,
    );
    let mut message = Outgoing::new(target, body);
    message.buttons = buttons;
    message.reply_to = reply_to;
    message.sensitivity = event.visibility.sensitivity();
    message.live_key = Some(CardKind::Card.key(event, occurrence.key).to_string());
    turn.outgoing.push(message);
    Ok(())
}

/// Renders every card and group reminder of an occurrence anew (edited in place).
pub async fn refresh_cards(turn: &mut Turn<'_>, event: &Event, occurrence: &Occurrence) -> Step {
    let prefix = event.live_prefix(occurrence.key);
    let messages = turn.tx.live_messages(&prefix).await?;
    if messages.is_empty() {
        return Ok(());
    }
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    for old in messages {
        let Some(key) = old.live_key.clone() else {
            continue;
        };
        let Some(kind) = LiveKey::parse(&key).and_then(CardKind::of_key) else {
            continue;
        };
        let (body, buttons) = render(event.lang, event, occurrence, &rsvps, kind, turn.now);
        let mut message = Outgoing::new(old.target.clone(), body);
        message.buttons = buttons;
        message.sensitivity = event.visibility.sensitivity();
        message.live_key = Some(key);
        turn.outgoing.push(message);
    }
    Ok(())
}

pub async fn show(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    let event = found(turn, id).await?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let (mut body, buttons) = render(
        turn.lang,
        &event,
        &occurrence,
        &rsvps,
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
    let mut message = super::turn::reply_to(turn.incoming, body);
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
        if !sees(turn, &event).await? {
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

pub async fn act(turn: &mut Turn<'_>, id: EventId, action: EventAction) -> Step {
    match action {
        EventAction::Show { date } => show(turn, id, date.as_deref()).await,
        EventAction::Cancel { date } => cancel(turn, id, date.as_deref()).await,
        EventAction::Move { date, when } => move_event(turn, id, date.as_deref(), &when).await,
        EventAction::Capacity(capacity) => set_capacity(turn, id, capacity).await,
        EventAction::Reminders(offsets) => set_reminders(turn, id, offsets).await,
        EventAction::Edit(field, value) => edit(turn, id, field, value).await,
        EventAction::Link { url, private } => set_link(turn, id, url, private).await,
        EventAction::Channel => add_channel(turn, id).await,
        EventAction::Visibility(visibility) => set_visibility(turn, id, visibility).await,
    }
}

/// Tells everyone who answered yes, maybe or waits, privately.
async fn tell_registered(
    turn: &mut Turn<'_>,
    event: &Event,
    occurrence: &Occurrence,
    key: &str,
    extra: &str,
) -> Step<usize> {
    let rsvps = turn.tx.rsvps(event.id, occurrence.key).await?;
    let mut told = 0;
    for rsvp in rsvps.iter().filter(|r| r.status != RsvpStatus::No) {
        let lang = match turn.tx.member(rsvp.member).await? {
            Some(m) => m.lang,
            None => continue,
        };
        let text = private_text(
            lang,
            event,
            t!(
                lang,
                key,
                title = &event.title,
                when = &when_line(lang, event, occurrence),
                extra = extra
            ),
        );
        turn.direct(&rsvp.contact, |to| Outgoing::new(to, RichText::plain(text)));
        told += 1;
    }
    Ok(told)
}

async fn cancel(turn: &mut Turn<'_>, id: EventId, date: Option<&str>) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    if event.is_cancelled() {
        return Err(turn.refuse("event-already-cancelled"));
    }
    let mut told = 0;
    // `alle`: the whole series, confirmed.
    let whole = date.is_some_and(|d| {
        ["alle", "ganz", "ja", "bestaetigen", "all", "confirm"].contains(&fold(d).as_str())
    });
    if date.is_none() && event.schedule.is_series() {
        // A whole series is a big step: asked back first.
        let dates = upcoming(turn, &event)
            .await?
            .iter()
            .filter(|o| !o.cancelled)
            .count();
        turn.reply(RichText::plain(t!(
            lang,
            "event-cancel-series-confirm",
            id = id.0,
            title = &event.title,
            count = dates
        )));
        return Ok(());
    }
    if date.is_some() && !whole {
        let occurrence = pick_occurrence(turn, &event, date).await?;
        if occurrence.cancelled {
            return Err(turn.refuse("event-already-cancelled"));
        }
        let mut exception = turn
            .tx
            .exceptions(event.id)
            .await?
            .into_iter()
            .find(|e| e.key == occurrence.key)
            .unwrap_or(Exception {
                key: occurrence.key,
                cancelled: false,
                start: None,
                end: None,
            });
        exception.cancelled = true;
        turn.tx.put_exception(event.id, &exception).await?;
        told += tell_registered(turn, &event, &occurrence, "event-cancelled-notice", "").await?;
        let cancelled = Occurrence {
            cancelled: true,
            ..occurrence.clone()
        };
        refresh_cards(turn, &event, &cancelled).await?;
        turn.audit(
            "event.cancel_occurrence",
            Some(id.to_string()),
            serde_json::json!({ "occurrence": occurrence.key.to_string() }),
        )
        .await?;
        reminders::replan(turn, &event).await?;
        turn.reply(RichText::plain(t!(
            lang,
            "event-occurrence-cancelled-done",
            id = id.0,
            when = &when_line(lang, &event, &occurrence),
            count = told
        )));
        return Ok(());
    }
    event.cancelled_at = Some(turn.now);
    save(turn, &event, "event.cancel", serde_json::json!({})).await?;
    turn.tx.drop_pending_reminders(event.id).await?;
    for occurrence in upcoming(turn, &event)
        .await?
        .iter()
        .filter(|o| !o.cancelled)
        .take(12)
    {
        told += tell_registered(turn, &event, occurrence, "event-cancelled-notice", "").await?;
        refresh_cards(turn, &event, occurrence).await?;
    }
    turn.reply(RichText::plain(t!(
        lang,
        "event-cancelled-done",
        id = id.0,
        title = &event.title,
        count = told
    )));
    Ok(())
}

async fn move_event(turn: &mut Turn<'_>, id: EventId, date: Option<&str>, when: &str) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    if event.is_cancelled() {
        return Err(turn.refuse("event-already-cancelled"));
    }
    if event.schedule.is_series() && date.is_none() {
        return Err(Failure::Refused(help::usage_hint(
            lang,
            t!(lang, "event-move-which"),
            "event-move",
        )));
    }
    let new = parse_when(when, turn.now, turn.config.timezone)
        .map_err(|p| when_refusal(lang, &p, "event-move"))?;
    let occurrence = pick_occurrence(turn, &event, date).await?;
    let old_when = when_line(lang, &event, &occurrence);
    let new_end = new
        .end
        .or_else(|| event.schedule.duration.map(|d| new.start + d));
    let moved = if event.schedule.is_series() {
        let exception = Exception {
            key: occurrence.key,
            cancelled: false,
            start: Some(new.start.with_timezone(&Utc)),
            end: new_end.map(|e| e.with_timezone(&Utc)),
        };
        turn.tx.put_exception(event.id, &exception).await?;
        Occurrence {
            start: new.start,
            end: new_end,
            moved: true,
            cancelled: false,
            key: occurrence.key,
        }
    } else {
        event.schedule.first = new.start.naive_local();
        event.schedule.duration = new_end.map(|e| e - new.start);
        let new_key = event.schedule.first.date();
        if new_key != occurrence.key {
            turn.tx
                .rename_occurrence(event.id, occurrence.key, new_key)
                .await?;
        }
        Occurrence {
            key: new_key,
            start: new.start,
            end: new_end,
            moved: false,
            cancelled: false,
        }
    };
    // Reminders for the new time count from now: none of the old ones are repeated.
    event.reminders_from = turn.now;
    let details = serde_json::json!({
        "occurrence": occurrence.key.to_string(),
        "start": new.start.to_rfc3339(),
    });
    save(turn, &event, "event.move", details).await?;
    reminders::replan(turn, &event).await?;
    let told = tell_registered(turn, &event, &moved, "event-moved-notice", &old_when).await?;
    // The date's cards (renamed with it, see `rename_occurrence`) show the new time and the
    // answers given.
    refresh_cards(turn, &event, &moved).await?;
    turn.reply(RichText::plain(t!(
        lang,
        "event-moved-done",
        id = id.0,
        when = &when_line(lang, &event, &moved),
        count = told
    )));
    Ok(())
}

async fn set_capacity(turn: &mut Turn<'_>, id: EventId, capacity: Option<u32>) -> Step {
    let mut event = managed(turn, id).await?;
    event.capacity = capacity;
    save(
        turn,
        &event,
        "event.capacity",
        serde_json::json!({ "capacity": capacity }),
    )
    .await?;
    // More places: people on the waiting list move up.
    for occurrence in upcoming(turn, &event)
        .await?
        .iter()
        .filter(|o| !o.cancelled)
        .take(12)
    {
        if rsvp::move_up(turn, &event, occurrence).await? > 0 {
            refresh_cards(turn, &event, occurrence).await?;
        }
    }
    let lang = turn.lang;
    turn.reply(RichText::plain(match capacity {
        Some(n) => t!(lang, "event-capacity-done", id = id.0, capacity = n),
        None => t!(lang, "event-capacity-unlimited", id = id.0),
    }));
    Ok(())
}

async fn set_reminders(turn: &mut Turn<'_>, id: EventId, offsets: Option<Vec<u32>>) -> Step {
    let mut event = managed(turn, id).await?;
    event.reminders = offsets;
    let details = serde_json::json!({ "minutes": event.reminders });
    save(turn, &event, "event.reminders", details).await?;
    reminders::replan(turn, &event).await?;
    let lang = turn.lang;
    let offsets = reminders::offsets_of(&event, turn.config);
    turn.reply(RichText::plain(if offsets.is_empty() {
        t!(lang, "event-reminders-none", id = id.0)
    } else {
        let list: Vec<String> = offsets
            .iter()
            .map(|m| crate::domain::event::describe_offset(lang, *m))
            .collect();
        t!(
            lang,
            "event-reminders-done",
            id = id.0,
            list = &list.join(", ")
        )
    }));
    Ok(())
}

async fn edit(turn: &mut Turn<'_>, id: EventId, field: EventField, value: Option<String>) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    let name = t!(lang, &format!("event-field-{}", field.key()));
    if let Some(value) = &value {
        let max = if field == EventField::Title {
            TITLE_MAX
        } else {
            TEXT_MAX
        };
        check_length(field.key(), value, max).map_err(|e| {
            Failure::Refused(help::usage_hint(
                lang,
                draft_problem(lang, &e),
                "event-edit",
            ))
        })?;
    }
    let slot = match field {
        EventField::Title => {
            let Some(title) = value.clone() else {
                return Err(turn.refuse("event-problem-title"));
            };
            event.title = title;
            None
        }
        EventField::Place => Some(&mut event.place),
        EventField::Description => Some(&mut event.description),
        EventField::Topic => Some(&mut event.topic),
        EventField::Speakers => Some(&mut event.speakers),
        EventField::Region => Some(&mut event.region),
    };
    if let Some(slot) = slot {
        *slot = value.clone();
    }
    save(
        turn,
        &event,
        "event.edit",
        serde_json::json!({ "field": field.key(), "cleared": value.is_none() }),
    )
    .await?;
    refresh_upcoming(turn, &event).await?;
    turn.reply(RichText::plain(t!(
        lang,
        "event-edit-done",
        id = id.0,
        field = &name
    )));
    Ok(())
}

async fn refresh_upcoming(turn: &mut Turn<'_>, event: &Event) -> Step {
    let exceptions = turn.tx.exceptions(event.id).await?;
    if let Some(next) = next_occurrence(
        event,
        &exceptions,
        turn.now,
        turn.config.events.default_length,
    ) {
        refresh_cards(turn, event, &next).await?;
    }
    Ok(())
}

async fn set_link(turn: &mut Turn<'_>, id: EventId, url: Option<String>, private: bool) -> Step {
    let mut event = managed(turn, id).await?;
    event.online_link = url;
    event.link_private = private && event.online_link.is_some();
    save(
        turn,
        &event,
        "event.link",
        serde_json::json!({ "set": event.online_link.is_some(), "private": event.link_private }),
    )
    .await?;
    refresh_upcoming(turn, &event).await?;
    let key = match (&event.online_link, event.link_private) {
        (None, _) => "event-link-removed",
        (Some(_), true) => "event-link-private-done",
        (Some(_), false) => "event-link-done",
    };
    turn.reply(RichText::plain(t!(turn.lang, key, id = id.0)));
    Ok(())
}

async fn add_channel(turn: &mut Turn<'_>, id: EventId) -> Step {
    let chat = turn.incoming.chat.clone();
    let place = turn.place().await?;
    // A confidential event is not visible in a room it does not live in yet; those who may
    // change it may still bring it into another confidential channel, and only there.
    let event = match turn.tx.event(id).await? {
        Some(event)
            if event.visibility == Visibility::Confidential
                && place.is_confidential()
                && may_manage(turn, &event) =>
        {
            turn.showing(event.visibility);
            event
        }
        _ => managed(turn, id).await?,
    };
    if chat.is_private {
        return Err(turn.refuse("event-channel-private"));
    }
    if !turn.tx.add_event_channel(event.id, &chat).await? {
        return Err(turn.refuse("event-channel-known"));
    }
    turn.audit(
        "event.channel",
        Some(id.to_string()),
        serde_json::json!({ "chat": format!("{}:{}", chat.platform, chat.id) }),
    )
    .await?;
    let occurrence = pick_occurrence(turn, &event, None).await?;
    let reply_to = Some(turn.incoming.event_id.clone());
    post_card(turn, &event, &occurrence, Target::Chat { chat }, reply_to).await
}

async fn set_visibility(turn: &mut Turn<'_>, id: EventId, visibility: Visibility) -> Step {
    let mut event = managed(turn, id).await?;
    let lang = turn.lang;
    let was = event.visibility;
    if was == visibility {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "event-visibility-unchanged",
            id = id.0
        ))));
    }
    // What was confidential leaves its rooms only by an organiser's decision; what becomes
    // confidential must be bound to the confidential room where that is decided.
    if (was == Visibility::Confidential || visibility == Visibility::Confidential)
        && !turn.has_role(Role::Organiser)
    {
        return Err(turn.refuse("event-visibility-organiser"));
    }
    if visibility == Visibility::Confidential {
        if !turn.place().await?.is_confidential() {
            return Err(turn.refuse("event-confidential-needs-room"));
        }
        let chat = turn.incoming.chat.clone();
        turn.tx.add_event_channel(event.id, &chat).await?;
    }
    event.visibility = visibility;
    save(
        turn,
        &event,
        "event.visibility",
        serde_json::json!({ "from": was.as_str(), "to": visibility.as_str() }),
    )
    .await?;
    let text = match (was, visibility) {
        (Visibility::Confidential, Visibility::Public) => {
            t!(lang, "event-public-from-confidential-done", id = id.0)
        }
        (Visibility::Confidential, _) => {
            t!(lang, "event-internal-from-confidential-done", id = id.0)
        }
        (_, Visibility::Public) => t!(lang, "event-public-done", id = id.0),
        (_, Visibility::Members) => t!(lang, "event-internal-done", id = id.0),
        (_, Visibility::Confidential) => t!(lang, "event-confidential-done", id = id.0),
    };
    turn.reply(RichText::plain(text));
    Ok(())
}

/// A private message about an event. Private chats are not confidential channels: for a
/// confidential event it only says where to look.
pub fn private_text(lang: Lang, event: &Event, text: String) -> String {
    match event.visibility {
        Visibility::Confidential => t!(lang, "event-confidential-private", id = event.id.0),
        Visibility::Public | Visibility::Members => text,
    }
}
