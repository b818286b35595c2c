//! Dates and times as the alliance reads them: `Fr, 30.01.2026, 17:00 Uhr`.

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::Lang;

fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::De => ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// A moment in the alliance's time zone, in the member's language.
pub fn datetime(lang: Lang, at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let (d, m, y) = (local.day(), local.month(), local.year());
    let (h, min) = (local.hour(), local.minute());
    let wd = weekday(lang, local.weekday());
    match lang {
        Lang::De => format!("{wd}, {d:02}.{m:02}.{y}, {h:02}:{min:02} Uhr"),
        Lang::En => format!("{wd}, {d:02}/{m:02}/{y}, {h:02}:{min:02}"),
    }
}

/// A day, in the member's language: `Mo, 25.01.2027`.
pub fn date(lang: Lang, day: chrono::NaiveDate) -> String {
    let wd = weekday(lang, day.weekday());
    let (d, m, y) = (day.day(), day.month(), day.year());
    match lang {
        Lang::De => format!("{wd}, {d:02}.{m:02}.{y}"),
        Lang::En => format!("{wd}, {d:02}/{m:02}/{y}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn german_date_format_in_berlin_time() {
        let at = Utc.with_ymd_and_hms(2026, 1, 30, 16, 0, 0).unwrap();
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(datetime(Lang::De, at, tz), "Fr, 30.01.2026, 17:00 Uhr");
        assert_eq!(datetime(Lang::En, at, tz), "Fri, 30/01/2026, 17:00");
        // Summer time: UTC+2.
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 15, 30, 0).unwrap();
        assert_eq!(datetime(Lang::De, summer, tz), "Mi, 01.07.2026, 17:30 Uhr");
    }
}
