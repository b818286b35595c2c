//! When an event happens: once, or by a recurrence rule (RFC 5545 RRULE, expanded by the
//! `rrule` crate) in an IANA time zone. Occurrences are named by the local date the rule gives
//! them, so a series has at most one occurrence a day, and that name survives a move, a clock
//! change and a restart.
//!
//! Clock changes: a local time the clock skips (02:30 on the spring day in Berlin) becomes the
//! same time after the gap (03:30 summer time); a local time the clock shows twice (02:30 on
//! the autumn day) is the first of the two. Either way the occurrence happens exactly once.

use std::str::FromStr;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;

use crate::domain::Lang;

/// The few recurrence patterns people use for meetings, each an RRULE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Daily {
        interval: u16,
    },
    Weekly {
        interval: u16,
        days: Vec<Weekday>,
    },
    /// `nth` 1…5 counts from the start of the month, -1 is the last.
    MonthlyByWeekday {
        interval: u16,
        nth: i8,
        day: Weekday,
    },
    MonthlyByDay {
        interval: u16,
        day: u8,
    },
}

const RRULE_DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn rrule_day(day: Weekday) -> &'static str {
    RRULE_DAYS[day.num_days_from_monday() as usize]
}

fn day_of_rrule(code: &str) -> Option<Weekday> {
    let i = RRULE_DAYS.iter().position(|d| *d == code)?;
    Weekday::try_from(u8::try_from(i).ok()?).ok()
}

impl Rule {
    /// The RRULE value (without `UNTIL`), e.g. `FREQ=MONTHLY;BYDAY=1MO`.
    pub fn to_rrule(&self) -> String {
        let interval = |n: u16| {
            if n > 1 {
                format!(";INTERVAL={n}")
            } else {
                String::new()
            }
        };
        match self {
            Rule::Daily { interval: n } => format!("FREQ=DAILY{}", interval(*n)),
            Rule::Weekly { interval: n, days } => {
                let days: Vec<&str> = days.iter().map(|d| rrule_day(*d)).collect();
                format!("FREQ=WEEKLY{};BYDAY={}", interval(*n), days.join(","))
            }
            Rule::MonthlyByWeekday {
                interval: n,
                nth,
                day,
            } => format!(
                "FREQ=MONTHLY{};BYDAY={nth}{}",
                interval(*n),
                rrule_day(*day)
            ),
            Rule::MonthlyByDay { interval: n, day } => {
                format!("FREQ=MONTHLY{};BYMONTHDAY={day}", interval(*n))
            }
        }
    }

    /// Reads back what `to_rrule` wrote.
    pub fn from_rrule(text: &str) -> Option<Rule> {
        let mut freq = None;
        let mut interval = 1u16;
        let mut by_day = None;
        let mut by_month_day = None;
        for part in text.split(';') {
            let (name, value) = part.split_once('=')?;
            match name {
                "FREQ" => freq = Some(value),
                "INTERVAL" => interval = value.parse().ok()?,
                "BYDAY" => by_day = Some(value),
                "BYMONTHDAY" => by_month_day = Some(value.parse::<u8>().ok()?),
                _ => return None,
            }
        }
        match (freq?, by_day, by_month_day) {
            ("DAILY", None, None) => Some(Rule::Daily { interval }),
            ("WEEKLY", Some(days), None) => Some(Rule::Weekly {
                interval,
                days: days
                    .split(',')
                    .map(day_of_rrule)
                    .collect::<Option<Vec<_>>>()?,
            }),
            ("MONTHLY", Some(day), None) => {
                let split = day.len().checked_sub(2)?;
                let (nth, code) = day.split_at(split);
                Some(Rule::MonthlyByWeekday {
                    interval,
                    nth: nth.parse().ok()?,
                    day: day_of_rrule(code)?,
                })
            }
            ("MONTHLY", None, Some(day)) => Some(Rule::MonthlyByDay { interval, day }),
            _ => None,
        }
    }

    /// How people say it: `jeden 1. Montag im Monat`, `alle 2 Wochen dienstags`.
    /// A weekly rule that leaves weeks out: which weeks it means depends on its first date.
    pub fn skips_weeks(&self) -> bool {
        matches!(self, Rule::Weekly { interval, .. } if *interval > 1)
    }

    pub fn describe(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        let name = |d: &Weekday| day_name(lang, *d);
        match self {
            Rule::Daily { interval: 1 } => if de { "täglich" } else { "daily" }.to_string(),
            Rule::Daily { interval: n } => {
                if de {
                    format!("alle {n} Tage")
                } else {
                    format!("every {n} days")
                }
            }
            Rule::Weekly { interval, days } => {
                let names: Vec<&str> = days.iter().map(name).collect();
                let names = names.join(if de { " und " } else { " and " });
                match (interval, de) {
                    (1, true) => format!("jeden {names}"),
                    (1, false) => format!("every {names}"),
                    (n, true) => format!("alle {n} Wochen am {names}"),
                    (n, false) => format!("every {n} weeks on {names}"),
                }
            }
            Rule::MonthlyByWeekday { interval, nth, day } => {
                let which = match (nth, de) {
                    (-1, true) => "letzten".to_string(),
                    (-1, false) => "last".to_string(),
                    (n, true) => format!("{n}."),
                    (1, false) => "1st".to_string(),
                    (2, false) => "2nd".to_string(),
                    (3, false) => "3rd".to_string(),
                    (n, false) => format!("{n}th"),
                };
                let day = name(day);
                match (interval, de) {
                    (1, true) => format!("jeden {which} {day} im Monat"),
                    (1, false) => format!("every {which} {day} of the month"),
                    (n, true) => format!("alle {n} Monate am {which} {day}"),
                    (n, false) => format!("every {n} months on the {which} {day}"),
                }
            }
            Rule::MonthlyByDay { interval, day } => match (interval, de) {
                (1, true) => format!("monatlich am {day}."),
                (1, false) => format!("monthly on day {day}"),
                (n, true) => format!("alle {n} Monate am {day}."),
                (n, false) => format!("every {n} months on day {day}"),
            },
        }
    }
}

pub fn day_name(lang: Lang, day: Weekday) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::De => [
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
        ][i],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

/// A rule with its optional last day (inclusive, local).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub rule: Rule,
    pub until: Option<NaiveDate>,
}

/// The time plan of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub tz: Tz,
    /// Local start of the first (or only) occurrence.
    pub first: NaiveDateTime,
    pub duration: Option<Duration>,
    pub recurrence: Option<Recurrence>,
    /// Whole days (`25.–26.01.2027`): `first` is midnight and `duration` whole days; shown
    /// and exported as dates without times.
    pub all_day: bool,
}

/// One occurrence, as planned or as changed by an organiser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The local date the rule gives it; it keeps this name when it is moved.
    pub key: NaiveDate,
    pub start: DateTime<Tz>,
    pub end: Option<DateTime<Tz>>,
    pub cancelled: bool,
    pub moved: bool,
}

/// An organiser's change to one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub key: NaiveDate,
    pub cancelled: bool,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
}

/// Bounds the expansion of endless series in one call (some years of weekly meetings).
const EXPANSION_LIMIT: u16 = 1000;

/// A local date and time as an instant: skipped times move forward by the gap, repeated
/// times take the first.
pub fn resolve_local(tz: Tz, at: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&at) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => {
            // Count the time from midnight: in the gap this lands just after it.
            let midnight = at.date().and_time(NaiveTime::MIN);
            let base = match tz.from_local_datetime(&midnight) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
                LocalResult::None => tz.from_utc_datetime(&midnight),
            };
            base + (at - midnight)
        }
    }
}

impl Schedule {
    pub fn is_series(&self) -> bool {
        self.recurrence.is_some()
    }

    /// The rule as RRULE text with `UNTIL` (end of the last day, in UTC), for storage-free
    /// expansion and for calendar feeds.
    pub fn rrule(&self) -> Option<String> {
        let recurrence = self.recurrence.as_ref()?;
        let mut text = recurrence.rule.to_rrule();
        if let Some(until) = recurrence.until {
            let end_of_day =
                resolve_local(self.tz, until.and_hms_opt(23, 59, 59).unwrap_or_default())
                    .with_timezone(&Utc);
            text.push_str(&format!(";UNTIL={}", end_of_day.format("%Y%m%dT%H%M%SZ")));
        }
        Some(text)
    }

    fn rrule_set(&self) -> Option<rrule::RRuleSet> {
        let text = format!(
            "DTSTART;TZID={}:{}\nRRULE:{}",
            self.tz.name(),
            self.first.format("%Y%m%dT%H%M%S"),
            self.rrule()?
        );
        match rrule::RRuleSet::from_str(&text) {
            Ok(set) => Some(set),
            Err(e) => {
                tracing::error!(rule = %text, error = %e, "stored recurrence cannot be expanded");
                None
            }
        }
    }

    /// Occurrences as the rule gives them, starting within `[from, to]`, earliest first.
    pub fn planned(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(NaiveDate, DateTime<Tz>)> {
        if from > to {
            return Vec::new();
        }
        if self.recurrence.is_none() {
            let start = resolve_local(self.tz, self.first);
            let utc = start.with_timezone(&Utc);
            return if utc >= from && utc <= to {
                vec![(self.first.date(), start)]
            } else {
                Vec::new()
            };
        }
        let Some(set) = self.rrule_set() else {
            return Vec::new();
        };
        let bound = |at: DateTime<Utc>| at.with_timezone(&rrule::Tz::UTC);
        set.after(bound(from))
            .before(bound(to))
            .all(EXPANSION_LIMIT)
            .dates
            .into_iter()
            .map(|at| {
                // The rule works on local dates; read the date in the event's zone.
                let local = at.with_timezone(&self.tz);
                (local.date_naive(), local)
            })
            .collect()
    }

    /// Occurrences with organisers' changes applied, starting within `[from, to]`.
    pub fn occurrences(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        exceptions: &[Exception],
    ) -> Vec<Occurrence> {
        let mut found: Vec<Occurrence> = self
            .planned(from, to)
            .into_iter()
            .map(|(key, start)| self.apply(key, start, exceptions))
            .filter(|o| {
                let start = o.start.with_timezone(&Utc);
                start >= from && start <= to
            })
            .collect();
        // Occurrences moved into the window from outside it.
        for exception in exceptions {
            let Some(start) = exception.start else {
                continue;
            };
            if start >= from
                && start <= to
                && !found.iter().any(|o| o.key == exception.key)
                && self.is_planned_on(exception.key)
            {
                found.push(self.apply(exception.key, start.with_timezone(&self.tz), exceptions));
            }
        }
        found.sort_by_key(|o| o.start);
        found
    }

    fn apply(&self, key: NaiveDate, start: DateTime<Tz>, exceptions: &[Exception]) -> Occurrence {
        let mut occurrence = Occurrence {
            key,
            start,
            end: self.duration.map(|d| start + d),
            cancelled: false,
            moved: false,
        };
        if let Some(exception) = exceptions.iter().find(|e| e.key == key) {
            occurrence.cancelled = exception.cancelled;
            if let Some(moved) = exception.start {
                occurrence.moved = true;
                occurrence.start = moved.with_timezone(&self.tz);
                occurrence.end = exception
                    .end
                    .map(|e| e.with_timezone(&self.tz))
                    .or_else(|| self.duration.map(|d| occurrence.start + d));
            }
        }
        occurrence
    }

    /// Whether the rule gives an occurrence on this local date.
    pub fn is_planned_on(&self, day: NaiveDate) -> bool {
        let from = resolve_local(self.tz, day.and_time(NaiveTime::MIN)).with_timezone(&Utc);
        let to = from + Duration::hours(26);
        self.planned(from, to).iter().any(|(key, _)| *key == day)
    }

    /// The occurrence named by a local date, with changes applied.
    pub fn occurrence(&self, key: NaiveDate, exceptions: &[Exception]) -> Option<Occurrence> {
        let from = resolve_local(self.tz, key.and_time(NaiveTime::MIN)).with_timezone(&Utc);
        let to = from + Duration::hours(26);
        let (key, start) = self
            .planned(from, to)
            .into_iter()
            .find(|(found, _)| *found == key)?;
        Some(self.apply(key, start, exceptions))
    }

    /// The last moment an occurrence can start, if the schedule ends.
    pub fn last_start(&self) -> Option<DateTime<Utc>> {
        match &self.recurrence {
            None => Some(resolve_local(self.tz, self.first).with_timezone(&Utc)),
            Some(Recurrence {
                until: Some(until), ..
            }) => Some(
                resolve_local(self.tz, until.and_hms_opt(23, 59, 59).unwrap_or_default())
                    .with_timezone(&Utc),
            ),
            Some(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    fn series(rule: Rule, first: NaiveDateTime, until: Option<NaiveDate>) -> Schedule {
        Schedule {
            tz: Berlin,
            first,
            duration: Some(Duration::hours(2)),
            recurrence: Some(Recurrence { rule, until }),
            all_day: false,
        }
    }

    fn starts(schedule: &Schedule, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
        schedule
            .planned(from, to)
            .iter()
            .map(|(_, s)| s.format("%a %d.%m. %H:%M %z").to_string())
            .collect()
    }

    #[test]
    fn rules_round_trip_through_rrule_text() {
        let rules = [
            Rule::Daily { interval: 1 },
            Rule::Weekly {
                interval: 2,
                days: vec![Weekday::Tue, Weekday::Thu],
            },
            Rule::MonthlyByWeekday {
                interval: 1,
                nth: -1,
                day: Weekday::Thu,
            },
            Rule::MonthlyByWeekday {
                interval: 1,
                nth: 1,
                day: Weekday::Mon,
            },
            Rule::MonthlyByDay {
                interval: 3,
                day: 15,
            },
        ];
        for rule in rules {
            assert_eq!(Rule::from_rrule(&rule.to_rrule()), Some(rule.clone()));
        }
        assert_eq!(
            Rule::MonthlyByWeekday {
                interval: 1,
                nth: 1,
                day: Weekday::Mon
            }
            .to_rrule(),
            "FREQ=MONTHLY;BYDAY=1MO"
        );
    }

    #[test]
    fn first_monday_of_the_month_keeps_local_time_across_clock_changes() {
        let s = series(
            Rule::MonthlyByWeekday {
                interval: 1,
                nth: 1,
                day: Weekday::Mon,
            },
            local(2026, 2, 2, 17, 0),
            None,
        );
        assert_eq!(
            starts(&s, utc(2026, 2, 1), utc(2026, 5, 1)),
            [
                "Mon 02.02. 17:00 +0100",
                "Mon 02.03. 17:00 +0100",
                "Mon 06.04. 17:00 +0200",
            ]
        );
    }

    #[test]
    fn last_thursday_and_until_end_the_series() {
        let s = series(
            Rule::MonthlyByWeekday {
                interval: 1,
                nth: -1,
                day: Weekday::Thu,
            },
            local(2026, 7, 30, 19, 0),
            NaiveDate::from_ymd_opt(2026, 9, 30),
        );
        assert_eq!(
            starts(&s, utc(2026, 1, 1), utc(2027, 12, 31)),
            [
                "Thu 30.07. 19:00 +0200",
                "Thu 27.08. 19:00 +0200",
                "Thu 24.09. 19:00 +0200"
            ]
        );
        assert!(s.last_start().unwrap() < utc(2026, 10, 1));
    }

    #[test]
    fn a_0230_series_happens_once_on_both_clock_change_days() {
        let s = series(Rule::Daily { interval: 1 }, local(2026, 3, 27, 2, 30), None);
        // Spring: 02:30 does not exist on 29 March; it happens at 03:30 summer time.
        assert_eq!(
            starts(&s, utc(2026, 3, 28), utc(2026, 3, 31)),
            [
                "Sat 28.03. 02:30 +0100",
                "Sun 29.03. 03:30 +0200",
                "Mon 30.03. 02:30 +0200"
            ]
        );
        // Autumn: 02:30 exists twice on 25 October; it happens at the first.
        assert_eq!(
            starts(&s, utc(2026, 10, 24), utc(2026, 10, 27)),
            [
                "Sat 24.10. 02:30 +0200",
                "Sun 25.10. 02:30 +0200",
                "Mon 26.10. 02:30 +0100"
            ]
        );
    }

    #[test]
    fn exceptions_cancel_and_move_single_occurrences() {
        let s = series(
            Rule::Weekly {
                interval: 1,
                days: vec![Weekday::Tue],
            },
            local(2026, 12, 1, 10, 0),
            None,
        );
        let moved_to = Berlin
            .with_ymd_and_hms(2026, 12, 10, 18, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let exceptions = [
            Exception {
                key: NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
                cancelled: false,
                start: Some(moved_to),
                end: None,
            },
            Exception {
                key: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
                cancelled: true,
                start: None,
                end: None,
            },
        ];
        let found = s.occurrences(utc(2026, 12, 2), utc(2026, 12, 16), &exceptions);
        let shown: Vec<String> = found
            .iter()
            .map(|o| {
                format!(
                    "{} {}{}",
                    o.key.format("%d.%m."),
                    o.start.format("%d.%m. %H:%M"),
                    if o.cancelled { " abgesagt" } else { "" }
                )
            })
            .collect();
        assert_eq!(
            shown,
            ["08.12. 10.12. 18:00", "15.12. 15.12. 10:00 abgesagt"]
        );
        assert!(s.is_planned_on(NaiveDate::from_ymd_opt(2026, 12, 22).unwrap()));
        assert!(!s.is_planned_on(NaiveDate::from_ymd_opt(2026, 12, 23).unwrap()));
        // Moved out of a window, an occurrence is not in it.
        assert!(
            s.occurrences(utc(2026, 12, 8), utc(2026, 12, 9), &exceptions)
                .is_empty()
        );
    }

    #[test]
    fn a_one_off_event_is_one_occurrence() {
        let s = Schedule {
            tz: Berlin,
            first: local(2026, 12, 4, 19, 30),
            duration: None,
            recurrence: None,
            all_day: false,
        };
        assert_eq!(starts(&s, utc(2026, 1, 1), utc(2027, 1, 1)).len(), 1);
        assert!(starts(&s, utc(2026, 12, 5), utc(2027, 1, 1)).is_empty());
    }
}
