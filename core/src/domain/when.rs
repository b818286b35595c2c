//! When an event takes place, as people write it in German: `30.01.2026 17:00`,
//! `30.1.26 17 Uhr`, `morgen 18 Uhr`, `nächsten Montag 17:00`, `Fr 19:30`,
//! `in 2 Wochen 10 Uhr`, with an optional end (`17:00-20:00`, `bis 20 Uhr`) – always in the
//! alliance's time zone. What could mean two days, or a time the clock skips or shows twice,
//! is not guessed: it comes back as a question.

use chrono::{DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::text::fold;

/// A start and an optional end, in the alliance's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub start: DateTime<Tz>,
    pub end: Option<DateTime<Tz>>,
    /// Whole days without times (`25.–26.01.2027`): `start` is the first midnight, `end` the
    /// midnight after the last day.
    pub all_day: bool,
}

/// Why a `<wann>` was not taken, precise enough to ask back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenProblem {
    Empty,
    /// A day but no time of day.
    NoTime,
    /// A time but no day.
    NoDay,
    UnknownWord(String),
    /// A date that does not exist (`31.02.`).
    BadDate(String),
    /// A time that does not exist (`25:00`).
    BadTime(String),
    /// Two different days named (`Fr 30.01.2026` when that is a Tuesday).
    DayMismatch {
        weekday: String,
        date: NaiveDate,
    },
    /// A weekday that is today: today, or in a week?
    TodayOrNextWeek {
        today: NaiveDate,
    },
    InPast,
    EndBeforeStart,
    /// The clock skips this time (the spring change to summer time).
    SkippedByClockChange,
    /// The clock shows this time twice (the autumn change back).
    TwiceByClockChange,
    /// A series without a day (`wöchentlich 10 Uhr`).
    SeriesWithoutDay,
    /// `monatlich am Donnerstag`: which Thursday of the month?
    WhichWeekdayOfMonth(String),
    /// A rule that never or not reliably happens (`jeden 6. Montag`, `alle 0 Wochen`,
    /// `monatlich am 31.`); carries the words.
    ImpossibleRule(String),
    /// The series would end before its first occurrence.
    UntilBeforeStart,
    /// `jeden zweiten Dienstag`: the second of the month, or every other week?
    SecondOrEveryOther(String),
    /// `halb acht` without morning or evening: which of the two? (hours 1–12)
    MorningOrEvening {
        hour: u32,
        minute: u32,
    },
}

const WEEKDAYS: [(&str, &str, chrono::Weekday); 7] = [
    ("mo", "montag", chrono::Weekday::Mon),
    ("di", "dienstag", chrono::Weekday::Tue),
    ("mi", "mittwoch", chrono::Weekday::Wed),
    ("do", "donnerstag", chrono::Weekday::Thu),
    ("fr", "freitag", chrono::Weekday::Fri),
    ("sa", "samstag", chrono::Weekday::Sat),
    ("so", "sonntag", chrono::Weekday::Sun),
];

/// Words that carry no meaning here (`am Freitag um 17 Uhr`).
const FILLERS: [&str; 6] = ["am", "um", "ab", "den", "von", "gegen"];
const NEXT: [&str; 5] = [
    "naechsten",
    "naechster",
    "naechste",
    "kommenden",
    "kommender",
];

pub(super) fn weekday(word: &str) -> Option<chrono::Weekday> {
    let word = word.trim_end_matches('.');
    WEEKDAYS
        .iter()
        .find(|(short, long, _)| word == *short || word == *long)
        .map(|(_, _, day)| *day)
}

/// `17`, `17:30`, `17.30` (with `uhr`), `17uhr`, `17h`.
pub(super) fn time_of(word: &str, has_uhr: bool) -> Option<Result<NaiveTime, WhenProblem>> {
    let bare = word
        .trim_end_matches("uhr")
        .trim_end_matches('h')
        .trim_end_matches('.');
    let suffixed = bare.len() < word.trim_end_matches('.').len();
    let (hours, minutes) = match bare.split_once([':', '.']) {
        Some((h, m)) if !m.is_empty() => (h, m),
        // `17.30` is a date without `uhr`; a bare number is a time only with `uhr`.
        _ if has_uhr || suffixed => (bare, "0"),
        _ => return None,
    };
    if bare.contains('.') && !(has_uhr || suffixed) {
        return None;
    }
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (h, m) = (hours.parse().ok()?, minutes.parse().ok()?);
    Some(NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| WhenProblem::BadTime(word.to_string())))
}

/// `30.01.2026`, `30.1.26`, `30.1.` – without a year, the next such day from `today` on.
pub(crate) fn date_of(word: &str, today: NaiveDate) -> Option<Result<NaiveDate, WhenProblem>> {
    let parts: Vec<&str> = word.split('.').collect();
    let (day, month, year) = match parts.as_slice() {
        [d, m] | [d, m, ""] => (*d, *m, None),
        [d, m, y] => (*d, *m, Some(*y)),
        _ => return None,
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(day, 2)
        || !digits(month, 2)
        || year.is_some_and(|y| !(y.len() == 2 || y.len() == 4) || !digits(y, 4))
    {
        return None;
    }
    let bad = || WhenProblem::BadDate(word.to_string());
    let (d, m): (u32, u32) = (day.parse().ok()?, month.parse().ok()?);
    let date = match year {
        Some(y) => {
            let y: i32 = y.parse().ok()?;
            let y = if y < 100 { 2000 + y } else { y };
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
        }
        None => match NaiveDate::from_ymd_opt(today.year(), m, d) {
            Some(date) if date >= today => Ok(date),
            // 29.02. in a year without one: the next year that has it is far; ask instead.
            _ => NaiveDate::from_ymd_opt(today.year() + 1, m, d).ok_or_else(bad),
        },
    };
    Some(date)
}

/// Parts of the day, and the hour meant when no time is given (`morgen früh`).
const DAYTIMES: [(&str, u32, bool); 12] = [
    ("frueh", 9, false),
    ("morgens", 9, false),
    ("vormittag", 10, false),
    ("vormittags", 10, false),
    ("mittag", 12, false),
    ("mittags", 12, false),
    ("nachmittag", 15, true),
    ("nachmittags", 15, true),
    ("abend", 19, true),
    ("abends", 19, true),
    ("nachts", 21, true),
    ("spaet", 20, true),
];

/// A part of the day: the hour meant without a time, and whether hours 1–11 are afternoon.
fn daytime(word: &str) -> Option<(u32, bool)> {
    DAYTIMES
        .iter()
        .find(|(w, _, _)| *w == word)
        .map(|(_, hour, late)| (*hour, *late))
}

/// The hour words of the clock (`halb acht`).
fn hour_word(word: &str) -> Option<u32> {
    const HOURS: [&str; 12] = [
        "eins", "zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
        "zwoelf",
    ];
    HOURS
        .iter()
        .position(|h| *h == word)
        .and_then(|i| u32::try_from(i + 1).ok())
        .or_else(|| word.parse().ok().filter(|h| (1..=12).contains(h)))
}

/// `halb acht` (7:30), `viertel nach acht` (8:15), `viertel vor acht`, `dreiviertel acht`
/// (7:45): the hour (1–12) and minute, and how many words it took.
fn clock_phrase(words: &[&str]) -> Option<(u32, u32, usize)> {
    match words {
        ["halb", hour, ..] => hour_word(hour).map(|h| (h - 1, 30, 2)),
        ["dreiviertel", hour, ..] => hour_word(hour).map(|h| (h - 1, 45, 2)),
        ["viertel", "nach", hour, ..] => hour_word(hour).map(|h| (h, 15, 3)),
        ["viertel", "vor", hour, ..] => hour_word(hour).map(|h| (h - 1, 45, 3)),
        ["viertel", hour, ..] => hour_word(hour).map(|h| (h - 1, 15, 2)),
        _ => None,
    }
    .map(|(h, m, n)| (if h == 0 { 12 } else { h }, m, n))
}

pub(super) fn number(word: &str) -> Option<u32> {
    match word {
        "einem" | "einer" | "ein" | "eine" => Some(1),
        "zwei" => Some(2),
        "drei" => Some(3),
        "vier" => Some(4),
        _ => word.parse().ok().filter(|n| (1..=366).contains(n)),
    }
}

#[derive(Default)]
struct Parts {
    date: Option<NaiveDate>,
    weekday: Option<(String, chrono::Weekday, bool)>,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    /// A part of the day (`abends`): its default hour and whether 1–11 means afternoon.
    daytime: Option<(u32, bool)>,
    /// A clock phrase (`halb acht`) whose half of the day is still open.
    clock: Option<(u32, u32)>,
    /// `nächste Woche`: the weekday is in the coming calendar week.
    next_week: bool,
    /// The start was a bare hour (`um 7`): morning or evening is open without `abends`.
    bare_hour: bool,
    /// The last day of an event over several days (`bis 26.01.`, `bis So`).
    end_date: Option<NaiveDate>,
    end_weekday: Option<chrono::Weekday>,
}

/// The original words of `input`, split as the folded text is, so problems quote what was
/// typed (`früh`, not `frueh`).
pub(super) fn typed_words(input: &str) -> Vec<String> {
    input
        .replace([',', '–', '—'], " ")
        .replace('-', " - ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Reads `<wann>` relative to `now`, in the time zone `tz`.
/// `25.–26.01.2027` (one month, the first day's month left out) written out as
/// `25.01.2027 bis 26.01.2027`.
fn expand_day_range(input: &str) -> String {
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(\d{1,2})\.\s*[-–—]\s*(\d{1,2})\.(\d{1,2})\.(\d{2,4})?")
            .expect("valid pattern")
    });
    RANGE
        .replace_all(input, |c: &regex::Captures<'_>| {
            let (month, year) = (&c[3], c.get(4).map_or("", |y| y.as_str()));
            format!("{}.{month}.{year} bis {}.{month}.{year}", &c[1], &c[2])
        })
        .into_owned()
}

pub fn parse_when(input: &str, now: DateTime<Utc>, tz: Tz) -> Result<When, WhenProblem> {
    let input = &expand_day_range(input);
    let today = now.with_timezone(&tz).date_naive();
    let text = fold(input)
        .replace([',', '–', '—'], " ")
        .replace('-', " - ");
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err(WhenProblem::Empty);
    }
    let typed = typed_words(input);
    let as_typed = |i: usize, folded: &str| {
        typed
            .get(i)
            .filter(|_| typed.len() == words.len())
            .cloned()
            .unwrap_or_else(|| folded.to_string())
    };
    let mut parts = Parts::default();
    let mut next = false;
    let mut until = false;
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let has_uhr = words.get(i + 1) == Some(&"uhr");
        // `17 - 20 uhr`: the start takes its `uhr` from the end.
        let range_uhr = words.get(i + 1) == Some(&"-") && words.get(i + 3) == Some(&"uhr");
        let mut step = 1;
        if FILLERS.contains(&word) || word == "uhr" {
        } else if NEXT.contains(&word) {
            next = true;
        } else if word == "woche" && next {
            parts.next_week = true;
        } else if let Some(day) = daytime(word) {
            parts.daytime = Some(day);
        } else if let Some((hour, minute, used)) = clock_phrase(&words[i..]) {
            parts.clock = Some((hour, minute));
            step = used;
        } else if word == "-" || word == "bis" {
            until = true;
        } else if word == "heute" || word == "morgen" || word == "uebermorgen" {
            let days = match word {
                "heute" => 0,
                "morgen" => 1,
                _ => 2,
            };
            parts.date = today.checked_add_days(Days::new(days));
        } else if word == "in" {
            let (Some(n), Some(unit)) =
                (words.get(i + 1).and_then(|w| number(w)), words.get(i + 2))
            else {
                return Err(WhenProblem::UnknownWord(words[i..].join(" ")));
            };
            parts.date = match unit.trim_end_matches('n').trim_end_matches('e') {
                "tag" | "tage" => today.checked_add_days(Days::new(u64::from(n))),
                "woch" => today.checked_add_days(Days::new(7 * u64::from(n))),
                "monat" => today.checked_add_months(Months::new(n)),
                _ => return Err(WhenProblem::UnknownWord(unit.to_string())),
            };
            step = 3;
        } else if let Some(day) = weekday(word) {
            if until && parts.weekday.is_some() {
                parts.end_weekday = Some(day);
            } else {
                parts.weekday = Some((word.to_string(), day, next));
            }
        } else if let Some(time) = time_of(
            word,
            has_uhr || range_uhr || is_clock_time(word) || (i > 0 && words[i - 1] == "um"),
        ) {
            let time = time?;
            parts.bare_hour = !has_uhr && !range_uhr && !word.contains([':', '.']);
            // After `bis` the end – unless no start was given yet (`25.–26.01. 10-16 Uhr`).
            if until && parts.start.is_some() {
                parts.end = Some(time);
            } else if parts.start.is_none() {
                parts.start = Some(time);
            } else {
                return Err(WhenProblem::UnknownWord(as_typed(i, word)));
            }
        } else if let Some(date) = date_of(word, today) {
            if until && parts.date.is_some() {
                parts.end_date = Some(date?);
            } else {
                parts.date = Some(date?);
            }
        } else {
            return Err(WhenProblem::UnknownWord(as_typed(i, word)));
        }
        i += step;
    }
    resolve(parts, now, today, tz)
}

/// `19.30` is a time, not a date: there is no 30th month. (`10.11` stays a date.)
fn is_clock_time(word: &str) -> bool {
    match word.split_once('.') {
        Some((h, m)) => {
            m.len() == 2
                && h.len() <= 2
                && h.parse::<u32>().is_ok_and(|h| h < 24)
                && m.parse::<u32>().is_ok_and(|m| (13..60).contains(&m))
        }
        None => false,
    }
}

fn resolve(
    mut parts: Parts,
    now: DateTime<Utc>,
    today: NaiveDate,
    tz: Tz,
) -> Result<When, WhenProblem> {
    // The time of day from a part of the day (`abends`) and a clock phrase (`halb acht`).
    let afternoon = |hour: u32| match parts.daytime {
        Some((_, true)) if (1..12).contains(&hour) => hour + 12,
        _ => hour,
    };
    if let Some((hour, minute)) = parts.clock {
        if parts.start.is_some() {
            return Err(WhenProblem::UnknownWord("halb".into()));
        }
        if parts.daytime.is_none() {
            return Err(WhenProblem::MorningOrEvening { hour, minute });
        }
        parts.start = NaiveTime::from_hms_opt(afternoon(hour) % 24, minute, 0);
    } else if let Some(start) = parts.start {
        use chrono::Timelike;
        if parts.bare_hour && parts.daytime.is_none() && (1..12).contains(&start.hour()) {
            return Err(WhenProblem::MorningOrEvening {
                hour: start.hour(),
                minute: start.minute(),
            });
        }
        parts.start = NaiveTime::from_hms_opt(afternoon(start.hour()), start.minute(), 0);
    } else if let Some((hour, _)) = parts.daytime {
        parts.start = NaiveTime::from_hms_opt(hour, 0, 0);
    }
    if parts.next_week
        && let (None, Some((_, day, _))) = (parts.date, &parts.weekday)
    {
        // The coming calendar week (Monday to Sunday), that weekday.
        let monday = today + Days::new(u64::from(7 - today.weekday().num_days_from_monday()));
        parts.date = Some(monday + Days::new(u64::from(day.num_days_from_monday())));
    }
    let date = match (parts.date, parts.weekday) {
        (Some(date), Some((word, day, _))) if date.weekday() != day => {
            return Err(WhenProblem::DayMismatch {
                weekday: word,
                date,
            });
        }
        (Some(date), _) => date,
        (None, Some((_, day, next))) => {
            let ahead =
                (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
            let ahead = match (ahead, next) {
                (0, true) => 7,
                (0, false) => {
                    // Today is that weekday: only one of the two can still lie ahead.
                    let later_today = parts
                        .start
                        .and_then(|t| local(tz, today, t).ok())
                        .is_some_and(|at| at.with_timezone(&Utc) > now);
                    if later_today {
                        return Err(WhenProblem::TodayOrNextWeek { today });
                    }
                    7
                }
                (n, _) => n,
            };
            today + Days::new(u64::from(ahead))
        }
        (None, None) => return Err(WhenProblem::NoDay),
    };
    // Over several days: the last day named by its date or by its weekday (the first such
    // day after the first one).
    let last_day = match (parts.end_date, parts.end_weekday) {
        (Some(day), _) => Some(day),
        (None, Some(weekday)) => {
            let ahead =
                (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
            Some(date + Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
        }
        (None, None) => None,
    };
    if let Some(last_day) = last_day {
        if last_day <= date {
            return Err(WhenProblem::EndBeforeStart);
        }
        let (start, end, all_day) = match (parts.start, parts.end) {
            // Whole days: from the first midnight to the one after the last day.
            (None, None) => (
                local(tz, date, NaiveTime::MIN)?,
                local(tz, last_day + Days::new(1), NaiveTime::MIN)?,
                true,
            ),
            (Some(from), Some(to)) => (local(tz, date, from)?, local(tz, last_day, to)?, false),
            _ => return Err(WhenProblem::NoTime),
        };
        if start.with_timezone(&Utc) <= now {
            return Err(WhenProblem::InPast);
        }
        return Ok(When {
            start,
            end: Some(end),
            all_day,
        });
    }
    let start_time = parts.start.ok_or(WhenProblem::NoTime)?;
    let start = local(tz, date, start_time)?;
    if start.with_timezone(&Utc) <= now {
        return Err(WhenProblem::InPast);
    }
    let end = match parts.end {
        Some(t) => {
            let end = local(tz, date, t)?;
            if end <= start {
                return Err(WhenProblem::EndBeforeStart);
            }
            Some(end)
        }
        None => None,
    };
    Ok(When {
        start,
        end,
        all_day: false,
    })
}

pub(super) fn local(tz: Tz, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Tz>, WhenProblem> {
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(at) => Ok(at),
        LocalResult::None => Err(WhenProblem::SkippedByClockChange),
        LocalResult::Ambiguous(_, _) => Err(WhenProblem::TwiceByClockChange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    /// Monday, 23 November 2026, 10:00 in Berlin.
    fn now() -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn at(input: &str) -> String {
        match parse_when(input, now(), Berlin) {
            Ok(w) => match w.end {
                Some(end) => format!(
                    "{} – {}",
                    w.start.format("%a %d.%m.%Y %H:%M"),
                    end.format("%H:%M")
                ),
                None => w.start.format("%a %d.%m.%Y %H:%M").to_string(),
            },
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn events_over_several_days() {
        let span = |input: &str| match parse_when(input, now(), Berlin) {
            Ok(w) => format!(
                "{} – {}{}",
                w.start.format("%a %d.%m.%Y %H:%M"),
                w.end.unwrap().format("%a %d.%m.%Y %H:%M"),
                if w.all_day { " all day" } else { "" }
            ),
            Err(e) => format!("{e:?}"),
        };
        for (input, expected) in [
            (
                "25.–26.01.2027",
                "Mon 25.01.2027 00:00 – Wed 27.01.2027 00:00 all day",
            ),
            (
                "25.-26.1.27",
                "Mon 25.01.2027 00:00 – Wed 27.01.2027 00:00 all day",
            ),
            (
                "Fr 18 Uhr bis So 14 Uhr",
                "Fri 27.11.2026 18:00 – Sun 29.11.2026 14:00",
            ),
            (
                "25.01. 10 Uhr bis 26.01. 16 Uhr",
                "Mon 25.01.2027 10:00 – Tue 26.01.2027 16:00",
            ),
            (
                "25.–26.01.2027 10-16 Uhr",
                "Mon 25.01.2027 10:00 – Tue 26.01.2027 16:00",
            ),
            ("26.01.2027 bis 25.01.2027", "EndBeforeStart"),
            ("Fr 18 Uhr bis So", "NoTime"),
        ] {
            assert_eq!(span(input), expected, "{input}");
        }
        // One day with a time range stays one day.
        assert_eq!(
            span("Fr 19:30-21:00"),
            "Fri 27.11.2026 19:30 – Fri 27.11.2026 21:00"
        );
    }

    #[test]
    fn the_ways_people_write_a_date_and_time() {
        for (input, expected) in [
            ("30.01.2027 17:00", "Sat 30.01.2027 17:00"),
            ("30.1.27 17 Uhr", "Sat 30.01.2027 17:00"),
            ("30.1. 17 Uhr", "Sat 30.01.2027 17:00"),
            ("1.12. 18:30", "Tue 01.12.2026 18:30"),
            ("morgen 18 Uhr", "Tue 24.11.2026 18:00"),
            ("übermorgen um 9:15", "Wed 25.11.2026 09:15"),
            ("heute 20 Uhr", "Mon 23.11.2026 20:00"),
            ("nächsten Montag 17:00", "Mon 30.11.2026 17:00"),
            ("Fr 19:30", "Fri 27.11.2026 19:30"),
            ("am Freitag, 19.30 Uhr", "Fri 27.11.2026 19:30"),
            ("Mi. 18h", "Wed 25.11.2026 18:00"),
            ("in 2 Wochen 10 Uhr", "Mon 07.12.2026 10:00"),
            ("in einer Woche 10 Uhr", "Mon 30.11.2026 10:00"),
            ("in 3 Tagen 8:00", "Thu 26.11.2026 08:00"),
            ("Fr 27.11.2026 19:30", "Fri 27.11.2026 19:30"),
        ] {
            assert_eq!(at(input), expected, "{input}");
        }
    }

    #[test]
    fn an_end_can_follow() {
        assert_eq!(at("30.1.27 17:00-20:00"), "Sat 30.01.2027 17:00 – 20:00");
        assert_eq!(at("30.1.27 17 - 20 Uhr"), "Sat 30.01.2027 17:00 – 20:00");
        assert_eq!(
            at("morgen 18 Uhr bis 20 Uhr"),
            "Tue 24.11.2026 18:00 – 20:00"
        );
        assert_eq!(at("morgen 18:00 bis 21:30"), "Tue 24.11.2026 18:00 – 21:30");
        assert_eq!(at("morgen 18 Uhr bis 17 Uhr"), "EndBeforeStart");
    }

    #[test]
    fn unclear_or_impossible_input_is_a_question_not_a_guess() {
        assert_eq!(at(""), "Empty");
        assert_eq!(at("morgen"), "NoTime");
        assert_eq!(at("17 Uhr"), "NoDay");
        assert_eq!(at("Freitag morgens 7 - 9"), "UnknownWord(\"7\")");
        assert_eq!(at("Fx 17 Uhr"), "UnknownWord(\"Fx\")");
        assert_eq!(at("31.02.2027 10:00"), "BadDate(\"31.02.2027\")");
        assert_eq!(at("morgen 25:00"), "BadTime(\"25:00\")");
        assert_eq!(at("01.01.2026 10:00"), "InPast");
        assert_eq!(at("heute 9 Uhr"), "InPast");
        assert!(at("Fr 30.01.2027 17:00").starts_with("DayMismatch"));
        // Today is Monday: "Mo 18 Uhr" could be tonight or next week.
        assert!(at("Mo 18 Uhr").starts_with("TodayOrNextWeek"));
        // Monday 9:00 has passed: only next week is left, and "nächsten" says so anyway.
        assert_eq!(at("Mo 9 Uhr"), "Mon 30.11.2026 09:00");
        assert_eq!(at("nächsten Mo 18 Uhr"), "Mon 30.11.2026 18:00");
    }

    #[test]
    fn clock_changes_are_asked_about() {
        // 28 March 2027: 02:00 → 03:00; 31 October 2027: 03:00 → 02:00.
        assert_eq!(at("28.3.2027 02:30"), "SkippedByClockChange");
        assert_eq!(at("31.10.2027 02:30"), "TwiceByClockChange");
        assert_eq!(at("28.3.2027 03:30"), "Sun 28.03.2027 03:30");
        let summer = parse_when("28.3.2027 03:30", now(), Berlin).unwrap();
        assert_eq!(
            summer.start.with_timezone(&Utc).format("%H:%M").to_string(),
            "01:30"
        );
    }

    proptest::proptest! {
        #[test]
        fn no_input_makes_it_panic(input in "\\PC{0,40}") {
            let _ = parse_when(&input, now(), Berlin);
        }

        #[test]
        fn no_mix_of_its_own_words_makes_it_panic(
            input in "((morgen|heute|fr|nächsten|30\\.1\\.|29\\.2\\.|31\\.12\\.99|17:00|24:00|9|uhr|bis|-|in|2|0|400|wochen|monaten) ){0,8}"
        ) {
            if let Ok(when) = parse_when(&input, now(), Berlin) {
                proptest::prop_assert!(when.start.with_timezone(&Utc) > now());
                proptest::prop_assert!(when.end.is_none_or(|end| end > when.start));
            }
        }
    }

    /// How people write times in German chat (seen on Monday, 23.11.2026, 10:00).
    #[test]
    fn everyday_phrases_for_the_time_of_day() {
        for (input, expected) in [
            ("morgen früh", "Tue 24.11.2026 09:00"),
            ("morgen abend 19.30 Uhr", "Tue 24.11.2026 19:30"),
            ("morgen abend 19.30", "Tue 24.11.2026 19:30"),
            ("morgen abend", "Tue 24.11.2026 19:00"),
            ("Freitag abend", "Fri 27.11.2026 19:00"),
            ("Freitag abends um 7", "Fri 27.11.2026 19:00"),
            ("morgen nachmittag 3 Uhr", "Tue 24.11.2026 15:00"),
            ("morgen vormittag", "Tue 24.11.2026 10:00"),
            ("nächste Woche Mittwoch 18 Uhr", "Wed 02.12.2026 18:00"),
            ("nächste Woche Montag 18 Uhr", "Mon 30.11.2026 18:00"),
            ("morgen halb acht abends", "Tue 24.11.2026 19:30"),
            ("Freitag abend viertel nach sieben", "Fri 27.11.2026 19:15"),
            ("morgen früh halb neun", "Tue 24.11.2026 08:30"),
            ("Do 18.45", "Thu 26.11.2026 18:45"),
        ] {
            assert_eq!(at(input), expected, "{input}");
        }
        assert_eq!(
            at("morgen halb acht"),
            "MorningOrEvening { hour: 7, minute: 30 }"
        );
        assert_eq!(
            at("Freitag um 7"),
            "MorningOrEvening { hour: 7, minute: 0 }"
        );
        // What was typed is quoted as typed.
        assert_eq!(at("morgen früh 9 Uhr später"), "UnknownWord(\"später\")");
    }

    #[test]
    fn a_date_without_a_year_is_the_next_such_day() {
        assert_eq!(at("23.11. 18 Uhr"), "Mon 23.11.2026 18:00");
        assert_eq!(at("22.11. 18 Uhr"), "Mon 22.11.2027 18:00");
    }
}
