//! Recurring dates as people write them in German: `jeden ersten Montag im Monat 17 Uhr`,
//! `wöchentlich dienstags 10 Uhr`, `monatlich am letzten Donnerstag 19:00`,
//! `alle 2 Wochen mittwochs 18-20 Uhr`, `täglich 9 Uhr`, with an optional last day
//! (`bis 30.09.2026`) and first day (`ab 5.1.2027`). One-off dates go to `when`.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::text::fold;
use super::when::{WhenProblem, date_of, number, parse_when, time_of, weekday};
use crate::schedule::{Recurrence, Rule, Schedule};

/// Words that only occur in recurring dates.
const SERIES_WORDS: [&str; 11] = [
    "jeden",
    "jede",
    "jedes",
    "jeder",
    "woechentlich",
    "monatlich",
    "taeglich",
    "alle",
    "werktags",
    "zweiwoechentlich",
    "14-taegig",
];

fn words_of(input: &str) -> Vec<String> {
    fold(input)
        .replace([',', '–', '—'], " ")
        .replace('-', " - ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A weekday in the plural form that means "every": `dienstags`.
fn weekday_plural(word: &str) -> Option<Weekday> {
    word.strip_suffix('s')
        .and_then(weekday)
        .filter(|_| word.len() > 3)
}

fn ordinal(word: &str) -> Option<i8> {
    let stem = word
        .trim_end_matches('n')
        .trim_end_matches('r')
        .trim_end_matches('s')
        .trim_end_matches('e');
    match stem {
        "erst" => Some(1),
        "zweit" => Some(2),
        "dritt" => Some(3),
        "viert" => Some(4),
        "fuenft" => Some(5),
        "letzt" => Some(-1),
        "vorletzt" => Some(-2),
        _ => None,
    }
}

/// `3.` as in `am 3. Montag` or `am 15.`
fn numbered(word: &str) -> Option<u32> {
    let digits = word.strip_suffix('.')?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether `<wann>` describes a series rather than one date.
pub fn is_series(input: &str) -> bool {
    words_of(input)
        .iter()
        .any(|w| SERIES_WORDS.contains(&w.as_str()) || weekday_plural(w).is_some())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
}

#[derive(Default)]
struct Parts {
    freq: Option<Freq>,
    interval: Option<u16>,
    days: Vec<Weekday>,
    nth: Option<(i8, String)>,
    month_day: Option<u32>,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    until: Option<NaiveDate>,
    from: Option<NaiveDate>,
}

/// Reads a date or a series; the series starts with its first occurrence after `now`.
pub fn parse_schedule(input: &str, now: DateTime<Utc>, tz: Tz) -> Result<Schedule, WhenProblem> {
    if !is_series(input) {
        let when = parse_when(input, now, tz)?;
        return Ok(Schedule {
            tz,
            first: when.start.naive_local(),
            duration: when.end.map(|end| end - when.start),
            recurrence: None,
            all_day: when.all_day,
        });
    }
    let today = now.with_timezone(&tz).date_naive();
    let words = words_of(input);
    let mut parts = Parts::default();
    let mut to_end = false;
    let mut i = 0;
    while i < words.len() {
        let word = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        let has_uhr = next == Some("uhr");
        let range_uhr = matches!(next, Some("-" | "bis"))
            && words.get(i + 3).map(String::as_str) == Some("uhr");
        let mut step = 1;
        match word {
            "jeden" | "jede" | "jedes" | "jeder" | "am" | "um" | "im" | "des" | "den" | "an"
            | "von" | "gegen" | "und" | "jeweils" | "immer" | "uhr" => {}
            "woechentlich" | "woche" => parts.freq = parts.freq.or(Some(Freq::Weekly)),
            "monatlich" | "monat" | "monats" => parts.freq = parts.freq.or(Some(Freq::Monthly)),
            "taeglich" | "tag" => parts.freq = parts.freq.or(Some(Freq::Daily)),
            "zweiwoechentlich" | "14-taegig" => {
                parts.freq = Some(Freq::Weekly);
                parts.interval = Some(2);
            }
            "werktags" => {
                parts.freq = Some(Freq::Weekly);
                parts.days.extend([
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ]);
            }
            "alle" => {
                let (Some(count), Some(unit)) = (next, words.get(i + 2)) else {
                    return Err(WhenProblem::UnknownWord(words[i..].join(" ")));
                };
                let n = if count == "0" {
                    0
                } else {
                    number(count).ok_or_else(|| WhenProblem::UnknownWord(count.to_string()))?
                };
                let freq = match unit.trim_end_matches('n').trim_end_matches('e') {
                    "woch" => Freq::Weekly,
                    "monat" => Freq::Monthly,
                    "tag" => Freq::Daily,
                    _ => return Err(WhenProblem::UnknownWord(unit.to_string())),
                };
                if n == 0 || n > 52 {
                    return Err(WhenProblem::ImpossibleRule(format!("alle {count} {unit}")));
                }
                parts.freq = Some(freq);
                parts.interval = Some(u16::try_from(n).unwrap_or(1));
                step = 3;
            }
            "-" => to_end = true,
            "bis" => match next.and_then(|w| date_of(w, today)) {
                Some(date) => {
                    parts.until = Some(date?);
                    step = 2;
                }
                None => to_end = true,
            },
            "ab" => {
                if let Some(date) = next.and_then(|w| date_of(w, today)) {
                    parts.from = Some(date?);
                    step = 2;
                }
            }
            _ => {
                if let Some(nth) = ordinal(word) {
                    parts.nth = Some((nth, word.to_string()));
                } else if let Some(n) = numbered(word) {
                    if next.is_some_and(|w| weekday(w).is_some() || weekday_plural(w).is_some()) {
                        let nth = i8::try_from(n).unwrap_or(i8::MAX);
                        parts.nth = Some((nth, word.to_string()));
                    } else {
                        parts.month_day = Some(n);
                    }
                } else if let Some(day) = weekday(word).or_else(|| weekday_plural(word)) {
                    if !parts.days.contains(&day) {
                        parts.days.push(day);
                    }
                } else if let Some(time) = time_of(word, has_uhr || range_uhr) {
                    let time = time?;
                    if to_end {
                        parts.end = Some(time);
                    } else if parts.start.is_none() {
                        parts.start = Some(time);
                    } else {
                        return Err(WhenProblem::UnknownWord(word.to_string()));
                    }
                } else {
                    return Err(WhenProblem::UnknownWord(word.to_string()));
                }
            }
        }
        i += step;
    }
    resolve(parts, now, today, tz)
}

fn rule_of(parts: &Parts) -> Result<Rule, WhenProblem> {
    let interval = parts.interval.unwrap_or(1);
    if let Some((nth, word)) = &parts.nth {
        // `jeden zweiten Dienstag`: the month's second, or every other week? Asked, never
        // guessed; `im Monat` or `alle 2 Wochen` say it.
        if *nth == 2
            && parts.freq.is_none()
            && let [day] = parts.days.as_slice()
        {
            return Err(WhenProblem::SecondOrEveryOther(
                crate::schedule::day_name(super::Lang::De, *day).to_string(),
            ));
        }
        let [day] = parts.days.as_slice() else {
            return Err(if parts.days.is_empty() {
                WhenProblem::SeriesWithoutDay
            } else {
                WhenProblem::ImpossibleRule(word.clone())
            });
        };
        if !(1..=5).contains(nth) && ![-1, -2].contains(nth) || parts.freq == Some(Freq::Weekly) {
            return Err(WhenProblem::ImpossibleRule(format!(
                "{word} {}",
                crate::schedule::day_name(super::Lang::De, *day)
            )));
        }
        return Ok(Rule::MonthlyByWeekday {
            interval,
            nth: *nth,
            day: *day,
        });
    }
    if let Some(day) = parts.month_day {
        // The 29th to 31st are missing in some months: the series would silently skip them.
        if !(1..=28).contains(&day) || !parts.days.is_empty() {
            return Err(WhenProblem::ImpossibleRule(format!("am {day}.")));
        }
        return Ok(Rule::MonthlyByDay {
            interval,
            day: u8::try_from(day).unwrap_or(1),
        });
    }
    match parts.freq {
        Some(Freq::Daily) if parts.days.is_empty() => Ok(Rule::Daily { interval }),
        Some(Freq::Daily) => Err(WhenProblem::ImpossibleRule("täglich".into())),
        Some(Freq::Monthly) if !parts.days.is_empty() => Err(WhenProblem::WhichWeekdayOfMonth(
            crate::schedule::day_name(super::Lang::De, parts.days[0]).to_string(),
        )),
        _ if parts.days.is_empty() => Err(WhenProblem::SeriesWithoutDay),
        _ => Ok(Rule::Weekly {
            interval,
            days: parts.days.clone(),
        }),
    }
}

fn resolve(
    parts: Parts,
    now: DateTime<Utc>,
    today: NaiveDate,
    tz: Tz,
) -> Result<Schedule, WhenProblem> {
    let rule = rule_of(&parts)?;
    let time = parts.start.ok_or(WhenProblem::NoTime)?;
    let duration = match parts.end {
        Some(end) if end <= time => return Err(WhenProblem::EndBeforeStart),
        Some(end) => Some(end - time),
        None => None,
    };
    let from_day = parts.from.unwrap_or(today).max(today);
    if parts.until.is_some_and(|until| until < from_day) {
        return Err(WhenProblem::UntilBeforeStart);
    }
    // RFC 5545 counts the weeks of an every-other-week rule from the week of its first date:
    // starting on a day past this week's match would skip to the week after next. The first
    // date is the first matching day ahead instead.
    let from_day = match &rule {
        Rule::Weekly { days, .. } if rule.skips_weeks() => (0..=7)
            .map(|n| from_day + Duration::days(n))
            .find(|day| {
                days.contains(&day.weekday())
                    && crate::schedule::resolve_local(tz, day.and_time(time)).with_timezone(&Utc)
                        > now
            })
            .unwrap_or(from_day),
        _ => from_day,
    };
    let draft = Schedule {
        tz,
        first: from_day.and_time(time),
        duration,
        recurrence: Some(Recurrence {
            rule,
            until: parts.until,
        }),
        all_day: false,
    };
    // Start with the first occurrence that is still ahead.
    let horizon = now + Duration::days(800);
    let first = draft
        .planned(now, horizon)
        .into_iter()
        .find(|(_, start)| start.with_timezone(&Utc) > now)
        .map(|(day, _)| day);
    let Some(first) = first else {
        return Err(if parts.until.is_some() {
            WhenProblem::UntilBeforeStart
        } else {
            WhenProblem::ImpossibleRule(String::new())
        });
    };
    Ok(Schedule {
        first: first.and_time(time),
        ..draft
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    /// Monday, 23 November 2026, 10:00 in Berlin.
    fn now() -> DateTime<Utc> {
        Berlin
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn rule(input: &str) -> String {
        match parse_schedule(input, now(), Berlin) {
            Ok(s) => {
                let next: Vec<String> = s
                    .planned(now(), now() + Duration::days(400))
                    .iter()
                    .take(3)
                    .map(|(_, at)| at.format("%d.%m.%y %H:%M").to_string())
                    .collect();
                format!(
                    "{} {}{} | {}",
                    s.rrule().unwrap_or_default(),
                    s.first.format("%d.%m. %H:%M"),
                    s.duration
                        .map(|d| format!(" +{}min", d.num_minutes()))
                        .unwrap_or_default(),
                    next.join(", ")
                )
            }
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn the_series_the_alliance_uses() {
        assert_eq!(
            rule("jeden ersten Montag im Monat 17 Uhr"),
            "FREQ=MONTHLY;BYDAY=1MO 07.12. 17:00 | 07.12.26 17:00, 04.01.27 17:00, 01.02.27 17:00"
        );
        assert_eq!(
            rule("wöchentlich dienstags 10 Uhr"),
            "FREQ=WEEKLY;BYDAY=TU 24.11. 10:00 | 24.11.26 10:00, 01.12.26 10:00, 08.12.26 10:00"
        );
        assert_eq!(
            rule("monatlich am letzten Donnerstag 19:00-21:00"),
            "FREQ=MONTHLY;BYDAY=-1TH 26.11. 19:00 +120min | 26.11.26 19:00, 31.12.26 19:00, 28.01.27 19:00"
        );
        assert_eq!(
            rule("alle 2 Wochen mittwochs 18 bis 20 Uhr"),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE 25.11. 18:00 +120min | 25.11.26 18:00, 09.12.26 18:00, 23.12.26 18:00"
        );
        assert_eq!(
            rule("monatlich am 15. 18 Uhr"),
            "FREQ=MONTHLY;BYMONTHDAY=15 15.12. 18:00 | 15.12.26 18:00, 15.01.27 18:00, 15.02.27 18:00"
        );
    }

    #[test]
    fn a_series_ends_on_its_last_day() {
        let r = rule("jeden Montag 9 Uhr bis 14.12.2026");
        assert!(r.starts_with("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261214T225959Z 30.11. 09:00"));
        assert!(
            r.ends_with("30.11.26 09:00, 07.12.26 09:00, 14.12.26 09:00"),
            "{r}"
        );
        assert_eq!(
            rule("jeden Montag 9 Uhr bis 31.12.2025"),
            "UntilBeforeStart"
        );
    }

    #[test]
    fn today_counts_only_if_still_ahead() {
        // It is Monday 10:00: 9:00 has passed, 17:00 has not.
        assert!(rule("montags 9 Uhr").contains(" 30.11. 09:00"));
        assert!(rule("montags 17 Uhr").contains(" 23.11. 17:00"));
    }

    #[test]
    fn unclear_or_impossible_series_are_questions() {
        assert_eq!(rule("wöchentlich 10 Uhr"), "SeriesWithoutDay");
        assert_eq!(rule("jeden Dienstag"), "NoTime");
        assert_eq!(
            rule("monatlich am Donnerstag 19 Uhr"),
            "WhichWeekdayOfMonth(\"Donnerstag\")"
        );
        assert!(rule("jeden 6. Montag 17 Uhr").starts_with("ImpossibleRule"));
        assert!(rule("alle 0 Wochen montags 17 Uhr").starts_with("ImpossibleRule"));
        assert!(rule("monatlich am 31. 17 Uhr").starts_with("ImpossibleRule"));
        assert_eq!(rule("jeden Montag 19-17 Uhr"), "EndBeforeStart");
        assert_eq!(rule("jeden Mondtag 17 Uhr"), "UnknownWord(\"mondtag\")");
    }

    #[test]
    fn one_off_dates_still_work() {
        assert!(!is_series("30.01.2027 17:00"));
        assert!(!is_series("nächsten Montag 17:00"));
        let s = parse_schedule("morgen 18-20 Uhr", now(), Berlin).unwrap();
        assert_eq!(s.first.format("%d.%m. %H:%M").to_string(), "24.11. 18:00");
        assert_eq!(s.duration, Some(Duration::hours(2)));
        assert!(s.recurrence.is_none());
    }

    /// Typed on Friday 27.11.2026: every other Wednesday starts next Wednesday (02.12.),
    /// not the one after (RFC 5545 counts weeks from the first date's week).
    #[test]
    fn every_other_week_starts_with_the_first_such_day_ahead() {
        let friday = Berlin
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        for (input, first) in [
            ("alle zwei Wochen mittwochs 18 Uhr", "02.12.2026"),
            ("alle 2 Wochen dienstags 18 Uhr", "01.12.2026"),
            ("alle 2 Wochen montags 18 Uhr", "30.11.2026"),
            ("alle 2 Wochen freitags 18 Uhr", "27.11.2026"),
            ("alle 2 Wochen freitags 9 Uhr", "04.12.2026"),
        ] {
            let s = parse_schedule(input, friday, Berlin).unwrap();
            let dates: Vec<String> = s
                .planned(friday, friday + Duration::days(30))
                .iter()
                .map(|(day, _)| day.format("%d.%m.%Y").to_string())
                .collect();
            assert_eq!(dates[0], first, "{input}: {dates:?}");
            assert_eq!(s.first.format("%d.%m.%Y").to_string(), first, "{input}");
            let second = (s.first.date() + Duration::days(14))
                .format("%d.%m.%Y")
                .to_string();
            assert_eq!(dates[1], second, "{input}: every other week");
        }
    }

    #[test]
    fn the_second_tuesday_is_asked_back() {
        assert_eq!(
            rule("jeden zweiten Dienstag 18 Uhr"),
            "SecondOrEveryOther(\"Dienstag\")"
        );
        assert!(rule("jeden zweiten Dienstag im Monat 18 Uhr").starts_with("FREQ=MONTHLY"));
        assert!(rule("alle zwei Wochen dienstags 18 Uhr").starts_with("FREQ=WEEKLY;INTERVAL=2"));
    }
}
