//! What the bot says about a date or an event it cannot take as it is.

use chrono::Duration;

use crate::domain::event::EventDraftError;
use crate::domain::parse_schedule;
use crate::domain::{Event, Lang, Visibility, WhenProblem};
use crate::engine::turn::Turn;
use crate::t;

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

/// A private message about an event. Private chats are not confidential channels: for a
/// confidential event it only says where to look.
pub fn private_text(lang: Lang, event: &Event, text: String) -> String {
    match event.visibility {
        Visibility::Confidential => t!(lang, "event-confidential-private", id = event.id.0),
        Visibility::Public | Visibility::Members => text,
    }
}
