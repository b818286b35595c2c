//! The alliance calendar as iCalendar (RFC 5545), built with the `icalendar` crate: one
//! VEVENT per event with a stable UID, `DTSTART;TZID=…` local times with a generated
//! VTIMEZONE, the series' RRULE, EXDATE for cancelled dates, an overriding VEVENT
//! (`RECURRENCE-ID`) for moved ones and for dates with their own topic or documentation
//! (`ATTACH` carries the documentation's link), `STATUS:CANCELLED` for cancelled events;
//! partner calendars' events beside them, named by their source.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};
use icalendar::{
    Calendar, CalendarDateTime, Component, Event as VEvent, EventLike, EventStatus, Property,
};

use crate::domain::Event;
use crate::domain::agenda::DateNotes;
use crate::schedule::Exception;

/// An event of a partner's calendar, as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerEvent {
    /// The partner's name, from the configuration.
    pub source: String,
    pub uid: String,
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub cancelled: bool,
}

/// Why a partner calendar could not be taken in (told to the admins in their language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedProblem {
    Unreachable,
    NoAnswer,
    /// An HTTP status other than success.
    Status(u16),
    TooLarge {
        kib: u32,
    },
    NotText,
    NotCalendar,
}

/// An event with its changed dates and the notes of single dates.
pub struct Entry {
    pub event: Event,
    pub exceptions: Vec<Exception>,
    pub dates: Vec<(chrono::NaiveDate, DateNotes)>,
}

const LOCAL: &str = "%Y%m%dT%H%M%S";

pub fn event_uid(event: &Event) -> String {
    format!("termin-{}@allianz-bot", event.id)
}

fn local(tz: Tz, at: NaiveDateTime) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: at,
        tzid: tz.name().to_string(),
    }
}

fn at_tz(tz: Tz, at: DateTime<Utc>) -> CalendarDateTime {
    local(tz, at.with_timezone(&tz).naive_local())
}

/// What a calendar shows as the description: text, topic (the date's own, if it has one),
/// speakers, the public link, the date's documentation.
fn description(event: &Event, notes: Option<&DateNotes>) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = &event.description {
        parts.push(d.clone());
    }
    if let Some(t) = notes
        .and_then(|n| n.topic.as_ref())
        .or(event.topic.as_ref())
    {
        parts.push(format!("Thema: {t}"));
    }
    if let Some(s) = &event.speakers {
        parts.push(format!("Impuls: {s}"));
    }
    if let (Some(link), false) = (&event.online_link, event.link_private) {
        parts.push(link.clone());
    }
    if let Some(doc) = notes.and_then(|n| n.documentation.as_ref()) {
        let mut text = "Dokumentation:".to_string();
        if let Some(link) = &doc.link {
            text.push_str(&format!(" {link}"));
        }
        if let Some(summary) = &doc.summary {
            text.push_str(&format!("\n{summary}"));
        }
        parts.push(text);
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

fn base(event: &Event, notes: Option<&DateNotes>) -> VEvent {
    let mut v = VEvent::new();
    v.uid(&event_uid(event))
        .summary(&event.title)
        .timestamp(event.created_at);
    if let Some(place) = &event.place {
        v.location(place);
    }
    if let Some(text) = description(event, notes) {
        v.description(&text);
    }
    // RFC 5545 §3.8.1.1: a document belonging to the event, by its URI.
    if let Some(link) = notes
        .and_then(|n| n.documentation.as_ref())
        .and_then(|d| d.link.as_ref())
    {
        v.append_multi_property(Property::new("ATTACH", link));
    }
    if let (Some(link), false) = (&event.online_link, event.link_private) {
        v.url(link);
    }
    let topic = notes
        .and_then(|n| n.topic.as_ref())
        .or(event.topic.as_ref());
    let categories: Vec<&String> = [event.region.as_ref(), topic]
        .into_iter()
        .flatten()
        .collect();
    if !categories.is_empty() {
        v.categories(categories);
    }
    v
}

fn vevents(entry: &Entry, default_length: chrono::Duration) -> Vec<VEvent> {
    let event = &entry.event;
    let schedule = &event.schedule;
    let tz = schedule.tz;
    let length = schedule.duration.unwrap_or(default_length);
    let notes_of = |day: chrono::NaiveDate| {
        entry
            .dates
            .iter()
            .find(|(d, _)| *d == day)
            .map(|(_, notes)| notes)
    };
    // A one-off event's only date carries its notes itself; a series' dates override.
    let own = (!schedule.is_series())
        .then(|| notes_of(schedule.first.date()))
        .flatten();
    let mut main = base(event, own);
    if schedule.all_day {
        // Dates without times (RFC 5545 §3.6.1: DTEND is the day after the last).
        let days = (length.num_hours() + 12) / 24;
        main.starts(schedule.first.date());
        main.ends(schedule.first.date() + Duration::days(days.max(1)));
    } else {
        main.starts(local(tz, schedule.first));
        main.ends(local(tz, schedule.first + length));
    }
    main.status(if event.is_cancelled() {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    });
    let mut out = Vec::new();
    if let Some(rule) = schedule.rrule() {
        main.add_property("RRULE", rule);
        for exception in &entry.exceptions {
            let original = exception.key.and_time(schedule.first.time());
            if exception.cancelled {
                let mut exdate = Property::new("EXDATE", original.format(LOCAL).to_string());
                exdate.add_parameter("TZID", tz.name());
                main.append_multi_property(exdate);
            } else if let Some(start) = exception.start {
                let mut moved = base(event, notes_of(exception.key));
                let mut id = Property::new("RECURRENCE-ID", original.format(LOCAL).to_string());
                id.add_parameter("TZID", tz.name());
                moved.append_property(id);
                moved.starts(at_tz(tz, start));
                moved.ends(at_tz(tz, exception.end.unwrap_or(start + length)));
                moved.status(EventStatus::Confirmed);
                out.push(moved.done());
            }
        }
        // Dates with their own topic or documentation, at their planned time.
        for (day, notes) in &entry.dates {
            let changed = entry.exceptions.iter().any(|e| e.key == *day);
            let worth = notes.topic.is_some() || notes.documentation.is_some();
            if changed || !worth || !schedule.is_planned_on(*day) {
                continue;
            }
            let original = day.and_time(schedule.first.time());
            let mut dated = base(event, Some(notes));
            let mut id = Property::new("RECURRENCE-ID", original.format(LOCAL).to_string());
            id.add_parameter("TZID", tz.name());
            dated.append_property(id);
            dated.starts(local(tz, original));
            dated.ends(local(tz, original + length));
            dated.status(EventStatus::Confirmed);
            out.push(dated.done());
        }
    }
    out.insert(0, main.done());
    out
}

fn partner_vevent(p: &PartnerEvent) -> VEvent {
    let mut v = VEvent::new();
    v.uid(&p.uid)
        .summary(&format!("{} ({})", p.title, p.source))
        .starts(p.start)
        .timestamp(p.start)
        .status(if p.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if let Some(end) = p.end {
        v.ends(end);
    }
    if let Some(location) = &p.location {
        v.location(location);
    }
    if let Some(url) = &p.url {
        v.url(url);
    }
    v.add_property("X-ALLIANZ-SOURCE", p.source.as_str());
    v.done()
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// A VTIMEZONE for `tz` covering the years `from..=to`: one observance per offset change
/// (found in the zone database), so any IANA zone is described, not only Berlin.
pub fn vtimezone(tz: Tz, from: i32, to: i32) -> String {
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let seconds = |t: DateTime<Utc>| offset(t).fix().local_minus_utc();
    let start = Utc
        .with_ymd_and_hms(from, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let end = Utc
        .with_ymd_and_hms(to + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let observance = |at: DateTime<Utc>, before: i32, after: i32| {
        let kind = if after > before || (after == before && is_daylight(tz, at)) {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let local_start = (at + Duration::seconds(i64::from(before))).naive_utc();
        let name = offset(at).abbreviation().unwrap_or_default().to_string();
        let mut lines = vec![
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", local_start.format(LOCAL)),
            format!("TZOFFSETFROM:{}", offset_text(before)),
            format!("TZOFFSETTO:{}", offset_text(after)),
        ];
        if !name.is_empty() {
            lines.push(format!("TZNAME:{name}"));
        }
        lines.push(format!("END:{kind}"));
        lines
    };
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let mut previous = seconds(start);
    lines.extend(observance(start, previous, previous));
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let now = seconds(next);
        if now != previous {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if seconds(mid) == previous {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lines.extend(observance(hi, previous, now));
            previous = now;
        }
        day = next;
    }
    lines.push("END:VTIMEZONE".to_string());
    lines.join("\r\n") + "\r\n"
}

/// Whether the zone is on its summer offset at `at` (more than in January and July's
/// smaller one).
fn is_daylight(tz: Tz, at: DateTime<Utc>) -> bool {
    let seconds = |month| {
        let t = Utc
            .with_ymd_and_hms(at.year(), month, 1, 12, 0, 0)
            .single()
            .unwrap_or(at);
        tz.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let here = tz
        .offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc();
    here > seconds(1).min(seconds(7))
}

/// The whole feed. `name` is the calendar's name (`X-WR-CALNAME`).
/// Who made the feed.
pub const PRODID: &str = "-//Allianz-Bot//Kalender der Allianz//DE";

/// The feed; events without an end last `default_length` (calendar apps show an event
/// without DTEND as a point in time, or as a whole day).
pub fn feed(
    name: &str,
    tz: Tz,
    entries: &[Entry],
    partners: &[PartnerEvent],
    default_length: chrono::Duration,
    now: DateTime<Utc>,
) -> String {
    // Our own PRODID (RFC 5545 §3.7.3: who made the calendar), not the library's.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar.name(name).timezone(tz.name());
    for entry in entries {
        for v in vevents(entry, default_length) {
            calendar.push(v);
        }
    }
    for p in partners {
        calendar.push(partner_vevent(p));
    }
    let first_year = entries
        .iter()
        .map(|e| e.event.schedule.first.year())
        .min()
        .unwrap_or(now.year())
        .min(now.year());
    let text = refold(&calendar.done().to_string());
    let zone = vtimezone(tz, first_year, now.year() + 5);
    // The zone goes before the first component that refers to it.
    match text.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{zone}{}", &text[..at], &text[at..]),
        None => text.replace("END:VCALENDAR", &format!("{zone}END:VCALENDAR")),
    }
}

/// Folds long lines again (RFC 5545 §3.1: at most 75 octets, continued after CRLF and a
/// space), never next to a space: some parsers trim a line's end or a continuation's start,
/// and a fold beside a space would lose it there ("neue Gesichter" read as "neueGesichter").
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 20);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        // Continuation lines carry the leading space within their 75 octets.
        let mut limit = LIMIT;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let beside_space = |at: usize| {
                rest[..at].ends_with(char::is_whitespace)
                    || rest[at..].starts_with(char::is_whitespace)
            };
            let mut nicer = cut;
            while nicer > limit / 2 && (!rest.is_char_boundary(nicer) || beside_space(nicer)) {
                nicer -= 1;
            }
            if nicer > limit / 2 {
                cut = nicer;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

/// Reads a partner's iCalendar text: its events with their UIDs. Events without UID or start
/// are left out; a text that is no calendar at all is an error.
pub fn parse_partner_feed(
    source: &str,
    text: &str,
    tz: Tz,
) -> Result<Vec<PartnerEvent>, FeedProblem> {
    let calendar: Calendar = text.parse().map_err(|e: String| {
        tracing::debug!(source, error = %e, "partner calendar unreadable");
        FeedProblem::NotCalendar
    })?;
    let mut events = Vec::new();
    for component in &calendar.components {
        let Some(v) = component.as_event() else {
            continue;
        };
        let (Some(uid), Some(start)) = (v.get_uid(), v.get_start()) else {
            continue;
        };
        let Some(start) = to_utc(&start, tz) else {
            continue;
        };
        events.push(PartnerEvent {
            source: source.to_string(),
            uid: uid.to_string(),
            title: v.get_summary().unwrap_or("Termin").to_string(),
            start,
            end: v.get_end().as_ref().and_then(|e| to_utc(e, tz)),
            location: v.get_location().map(str::to_string),
            url: v.get_url().map(str::to_string),
            cancelled: v.get_status() == Some(EventStatus::Cancelled),
        });
    }
    Ok(events)
}

/// A partner's date as an instant; floating times and whole days are read in `tz`.
fn to_utc(at: &icalendar::DatePerhapsTime, tz: Tz) -> Option<DateTime<Utc>> {
    let in_zone = |local: NaiveDateTime, zone: Tz| {
        zone.from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    match at {
        icalendar::DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => Some(*t),
        icalendar::DatePerhapsTime::DateTime(CalendarDateTime::Floating(local)) => {
            in_zone(*local, tz)
        }
        icalendar::DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        }) => in_zone(*date_time, tzid.parse().unwrap_or(tz)),
        icalendar::DatePerhapsTime::Date(day) => in_zone(day.and_hms_opt(0, 0, 0)?, tz),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_within_75_octets_and_never_beside_a_space() {
        let long = format!(
            "BEGIN:VEVENT\r\nDESCRIPTION:{}\r\nEND:VEVENT\r\n",
            "Viele neue Gesichter, Schwerpunkt Leerstand im Ortskern; übrigens: Grüße! "
                .repeat(4)
                .trim_end()
        );
        let folded = refold(&long);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.ends_with(' '), "{line:?}");
            if let Some(rest) = line.strip_prefix(' ') {
                assert!(!rest.starts_with(' '), "{line:?}");
            }
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
        // Folding again changes nothing.
        assert_eq!(refold(&folded), folded);
    }

    #[test]
    fn berlin_has_two_changes_a_year() {
        let zone = vtimezone(chrono_tz::Europe::Berlin, 2026, 2026);
        assert!(zone.contains("DTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"));
        assert!(zone.contains("DTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"));
        assert!(zone.contains("TZNAME:CEST"));
        assert_eq!(zone.matches("BEGIN:DAYLIGHT").count(), 1);
        // The first observance starts on 1 January, in winter time.
        assert!(zone.contains("BEGIN:STANDARD\r\nDTSTART:20260101T010000"));
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let zone = vtimezone(chrono_tz::Asia::Tokyo, 2026, 2027);
        assert_eq!(zone.matches("BEGIN:STANDARD").count(), 1);
        assert!(zone.contains("TZOFFSETTO:+0900"));
    }
}
