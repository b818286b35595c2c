//! Help, greetings and answers to commands that could not be understood.

use super::access;
use super::turn::{Failure, Step, Turn};
use crate::command::{
    COMMANDS, CommandSpec, ParseError, ParseProblem, closest_command, find_command,
};
use crate::domain::initiative::FieldError;
use crate::domain::{Role, WhenProblem};
use crate::i18n::{Lang, tr};
use crate::message::RichText;
use crate::t;

pub fn help(turn: &mut Turn<'_>, topic: Option<&str>) -> Step {
    let lang = turn.lang;
    let everything =
        topic.is_some_and(|t| ["alle", "all"].contains(&t.trim().to_lowercase().as_str()));
    let body = match topic.filter(|_| !everything) {
        None => {
            // Each person sees what they may use; `/hilfe alle` shows everything.
            let mut text = RichText::default().bold(t!(lang, "help-title"));
            for c in COMMANDS
                .iter()
                .filter(|c| everything || access::allows(turn, c.access))
            {
                let first_usage = tr(lang, &format!("usage-{}", c.key), &[]);
                let first_usage = first_usage.lines().next().unwrap_or_default().to_string();
                text = text
                    .text("\n")
                    .code(first_usage)
                    .text(format!(" – {}", tr(lang, &format!("help-{}", c.key), &[])));
            }
            if !everything {
                text = text.line(t!(lang, "help-all"));
            }
            text.line(t!(lang, "help-footer"))
        }
        Some(topic) => {
            let Some(spec) = find_command(topic) else {
                return Err(unknown_command(turn, topic));
            };
            command_help(lang, spec)
        }
    };
    turn.reply(body);
    Ok(())
}

fn command_help(lang: Lang, spec: &CommandSpec) -> RichText {
    let mut text = RichText::default()
        .bold(format!("/{}", spec.word(lang)))
        .text(format!(
            " – {}",
            tr(lang, &format!("help-{}", spec.key), &[])
        ))
        .line(t!(lang, "help-usage"));
    for line in tr(lang, &format!("usage-{}", spec.key), &[]).lines() {
        text = text.text("\n  ").code(line.to_string());
    }
    text = text.line(t!(lang, "help-example"));
    for line in tr(lang, &format!("example-{}", spec.key), &[]).lines() {
        text = text.text("\n  ").code(line.to_string());
    }
    let other = match lang {
        Lang::De => spec.en,
        Lang::En => spec.de,
    };
    if other != spec.word(lang) {
        text = text.line(t!(lang, "help-alias", word = other));
    }
    text
}

pub fn start(turn: &mut Turn<'_>) -> Step {
    let key = if turn.has_role(Role::Member) {
        "start-member"
    } else {
        "start-guest"
    };
    turn.reply(RichText::plain(tr(turn.lang, key, &[])));
    Ok(())
}

pub fn unknown_command(turn: &Turn<'_>, word: &str) -> Failure {
    let lang = turn.lang;
    let text = match closest_command(word) {
        Some(spec) => t!(
            lang,
            "unknown-command-near",
            word = word,
            command = spec.word(lang)
        ),
        None => t!(lang, "unknown-command", word = word),
    };
    Failure::Refused(RichText::plain(text))
}

/// "What was wrong – how it goes – an example", in the member's language.
pub fn parse_error(turn: &Turn<'_>, e: &ParseError) -> Failure {
    let lang = turn.lang;
    let problem = match &e.problem {
        ParseProblem::MissingArguments => t!(lang, "problem-missing"),
        ParseProblem::TooManyArguments => t!(lang, "problem-too-many"),
        ParseProblem::UnclosedQuote => t!(lang, "problem-quote"),
        ParseProblem::UnknownRole(w) => t!(lang, "problem-role", word = w),
        ParseProblem::UnknownLanguage(w) => t!(lang, "problem-language", word = w),
        ParseProblem::BadMember(w) => t!(lang, "problem-member", word = w),
        ParseProblem::UnknownField(w) => t!(lang, "problem-field", word = w),
        ParseProblem::Field(field, err) => field_problem(lang, *field, err),
        ParseProblem::Poll(err) => poll_problem(lang, err),
        ParseProblem::BadPollNumber(w) => t!(lang, "problem-poll-number", word = w),
        ParseProblem::EventDraft(err) => super::events::draft_problem(lang, err),
        ParseProblem::BadEventNumber(w) => t!(lang, "problem-event-number", word = w),
        ParseProblem::UnknownEventAction(w) => t!(lang, "problem-event-action", word = w),
        ParseProblem::BadCapacity(w) => t!(lang, "problem-capacity", word = w),
        ParseProblem::Offsets(err) => offsets_problem(lang, err),
        ParseProblem::BadLink(w) => t!(lang, "problem-link", word = w),
        ParseProblem::BadPlace(w) => t!(lang, "problem-place", word = w),
        ParseProblem::Vacancy(p) => vacancy_problem(lang, p),
        ParseProblem::BadVacancyNumber(w) => t!(lang, "problem-vacancy-number", word = w),
        ParseProblem::UnknownVacancyAction(w) => t!(lang, "problem-vacancy-action", word = w),
        ParseProblem::Amount(crate::domain::AmountError::Invalid(w)) => {
            t!(lang, "problem-amount", word = w)
        }
        ParseProblem::Amount(crate::domain::AmountError::Ambiguous(w)) => {
            t!(lang, "problem-amount-ambiguous", word = w)
        }
        ParseProblem::BadDate(w) => t!(lang, "problem-date", word = w),
        ParseProblem::BadRoundNumber(w) => t!(lang, "problem-round-number", word = w),
        ParseProblem::BadAnnouncementNumber(w) => {
            t!(lang, "problem-announcement-number", word = w)
        }
        ParseProblem::BadItemNumber(w) => t!(lang, "problem-item-number", word = w),
        ParseProblem::BadSlots(w) => t!(lang, "problem-slots", word = w),
        ParseProblem::BadApplicationNumber(w) => {
            t!(lang, "problem-application-number", word = w)
        }
        ParseProblem::UnknownRoundAction(w) | ParseProblem::UnknownApplicationAction(w) => {
            t!(lang, "problem-budget-action", word = w)
        }
        ParseProblem::UnknownSetting(w) => t!(lang, "problem-setting", word = w),
        ParseProblem::BadSettingValue(w) => t!(lang, "problem-setting-value", word = w),
        ParseProblem::BadChoice(w) => t!(lang, "problem-choice", word = w),
    };
    Failure::Refused(usage_hint(lang, problem, e.usage))
}

fn offsets_problem(lang: Lang, err: &crate::domain::event::OffsetError) -> String {
    use crate::domain::event::{OffsetError, REMINDERS_MAX};
    match err {
        OffsetError::Empty => t!(lang, "problem-missing"),
        OffsetError::Bad(w) => t!(lang, "problem-offset", word = w),
        OffsetError::TooFar(w) => t!(lang, "problem-offset-far", word = w),
        OffsetError::TooMany => t!(lang, "problem-offsets-many", max = REMINDERS_MAX),
    }
}

pub fn field_problem(
    lang: Lang,
    field: crate::domain::InitiativeField,
    err: &FieldError,
) -> String {
    let name = tr(lang, &format!("field-{}", field.key()), &[]);
    match err {
        FieldError::Empty { .. } => t!(lang, "problem-field-empty", field = &name),
        FieldError::TooLong { max, .. } => {
            t!(lang, "problem-field-long", field = &name, max = *max)
        }
        FieldError::BadWebsite => t!(lang, "problem-website"),
        FieldError::TooManyTopics { max } => t!(lang, "problem-topics", max = *max),
    }
}

fn poll_problem(lang: Lang, err: &crate::domain::PollError) -> String {
    use crate::domain::PollError;
    use crate::domain::poll::{MAX_OPTION, MAX_OPTIONS, MAX_QUESTION, MIN_OPTIONS};
    match err {
        PollError::NoQuestion => t!(lang, "problem-poll-question"),
        PollError::QuestionTooLong => t!(lang, "problem-poll-question-long", max = MAX_QUESTION),
        PollError::TooFewOptions => t!(lang, "problem-poll-few", min = MIN_OPTIONS),
        PollError::TooManyOptions => t!(lang, "problem-poll-many", max = MAX_OPTIONS),
        PollError::OptionTooLong(o) => {
            t!(
                lang,
                "problem-poll-option-long",
                option = o,
                max = MAX_OPTION
            )
        }
        PollError::DuplicateOption(o) => t!(lang, "problem-poll-duplicate", option = o),
    }
}

pub fn usage_hint(lang: Lang, problem: String, usage: &str) -> RichText {
    let mut text = RichText::plain(problem).line(t!(lang, "help-usage"));
    for line in tr(lang, &format!("usage-{usage}"), &[]).lines() {
        text = text.text("\n  ").code(line.to_string());
    }
    text = text.line(t!(lang, "help-example"));
    for line in tr(lang, &format!("example-{usage}"), &[]).lines() {
        text = text.text("\n  ").code(line.to_string());
    }
    text
}
/// The question back for a date that was not understood, with the usage of `usage`.
pub fn when_refusal(lang: Lang, problem: &WhenProblem, usage: &str) -> Failure {
    Failure::Refused(usage_hint(
        lang,
        super::events::when_question(lang, problem),
        usage,
    ))
}

fn vacancy_problem(lang: Lang, problem: &crate::domain::vacancy::VacancyProblem) -> String {
    use crate::domain::vacancy::{VacancyKind, VacancyProblem};
    match problem {
        VacancyProblem::Parts => t!(lang, "problem-vacancy-parts"),
        VacancyProblem::Empty(field) => {
            let name = crate::i18n::tr(lang, &format!("vacancy-field-{field}"), &[]);
            t!(lang, "problem-vacancy-empty", field = &name)
        }
        VacancyProblem::TooLong { field, max } => {
            let name = crate::i18n::tr(lang, &format!("vacancy-field-{field}"), &[]);
            t!(lang, "problem-vacancy-long", field = &name, max = *max)
        }
        VacancyProblem::UnknownKind(word) => {
            let kinds: Vec<String> = VacancyKind::ALL
                .iter()
                .map(|k| crate::i18n::tr(lang, &format!("vacancy-kind-{}", k.key()), &[]))
                .collect();
            t!(
                lang,
                "problem-vacancy-kind",
                word = word,
                kinds = &kinds.join(", ")
            )
        }
    }
}
