//! Guided forms: `/initiative neu`, `/termin neu`, `/runde neu` and `/antrag` without
//! arguments ask field by field.
//! Its state is stored per account and chat, so it survives restarts.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::budget::forms::{self as budget_forms, BudgetForm};
use super::help::{self, field_problem};
use super::turn::{Failure, Step, Turn};
use super::{events, initiatives};
use crate::domain::text::fold;
use crate::domain::{InitiativeDraft, InitiativeField, WhenProblem};
use crate::i18n::tr;
use crate::message::RichText;
use crate::t;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
enum FormState {
    Initiative {
        values: Vec<String>,
    },
    Event {
        values: Vec<String>,
    },
    /// A Spendenparlament round or grant application (`engine::budget::forms`).
    Budget {
        budget: BudgetForm,
        values: Vec<String>,
    },
    /// `/initiative X ort` without a place: the next location pin (or typed coordinates) in
    /// this chat is its place.
    AwaitPlace {
        #[serde(rename = "place_for")]
        what: PlaceFor,
        asked_at: DateTime<Utc>,
    },
    /// The bot asked back about a `<wann>` (today or in a week? morning or evening?); the
    /// next message in this chat answers it with the words the question suggested.
    WhenQuestion {
        /// The event's other fields (`title`, `place`, `description`), or, in the guided
        /// form, the answers so far.
        values: Vec<String>,
        /// What was typed for `<wann>`.
        when: String,
        asked: Asked,
        asked_at: DateTime<Utc>,
        /// Asked inside the guided form: it goes on with the next step.
        in_form: bool,
    },
}

/// What a location pin is awaited for.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(tag = "item", content = "id", rename_all = "snake_case")]
pub enum PlaceFor {
    Initiative(i64),
    Vacancy(i64),
}

async fn place_found(turn: &mut Turn<'_>, what: PlaceFor, at: crate::domain::GeoPoint) -> Step {
    match what {
        PlaceFor::Initiative(id) => initiatives::place_found(turn, id, at).await,
        PlaceFor::Vacancy(id) => super::vacancies::place_found(turn, id, at).await,
    }
}

/// The question the bot asked about a `<wann>`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "asked", rename_all = "snake_case")]
enum Asked {
    TodayOrNextWeek { today: NaiveDate },
    MorningOrEvening,
    SecondOrEveryOther,
}

/// How long a question waits for its answer; then the bot forgets it, and says so.
const QUESTION_WAITS: Duration = Duration::minutes(30);

impl Asked {
    fn of(problem: &WhenProblem) -> Option<Asked> {
        match problem {
            WhenProblem::TodayOrNextWeek { today } => {
                Some(Asked::TodayOrNextWeek { today: *today })
            }
            WhenProblem::MorningOrEvening { .. } => Some(Asked::MorningOrEvening),
            WhenProblem::SecondOrEveryOther(_) => Some(Asked::SecondOrEveryOther),
            _ => None,
        }
    }

    /// The `<wann>` with the answer worked in, or `None` if the answer is not one of the
    /// words the question suggested.
    fn answered(&self, when: &str, answer: &str) -> Option<String> {
        let word = fold(answer);
        match self {
            Asked::TodayOrNextWeek { today } => {
                let day = match word.as_str() {
                    "heute" | "today" => *today,
                    "in einer woche" | "in 1 woche" | "naechste woche" | "naechsten"
                    | "in a week" | "next week" => *today + Duration::days(7),
                    _ => return None,
                };
                Some(format!("{} {when}", day.format("%d.%m.%Y")))
            }
            Asked::MorningOrEvening => {
                let part = match word.as_str() {
                    "morgens" | "frueh" | "vormittags" | "am morgen" | "morning" => "morgens",
                    "abends" | "nachmittags" | "am abend" | "evening" => "abends",
                    _ => return None,
                };
                Some(format!("{when} {part}"))
            }
            Asked::SecondOrEveryOther => match word.as_str() {
                "im monat" | "monatlich" | "month" => Some(format!("{when} im Monat")),
                "alle zwei wochen" | "alle 2 wochen" | "zweiwoechentlich" | "every other week" => {
                    let rest = fold(when)
                        .replace("jeden zweiten", "")
                        .replace("jede zweite", "");
                    Some(format!("alle 2 Wochen {}", rest.trim()))
                }
                _ => None,
            },
        }
    }
}

/// Asks back about a `<wann>` and remembers the question, so the next message here can
/// answer it. Returns `false` if the problem is not a question (then it is an error).
pub async fn ask_when(
    turn: &mut Turn<'_>,
    problem: &WhenProblem,
    when: &str,
    values: Vec<String>,
    in_form: bool,
) -> Step<bool> {
    let Some(asked) = Asked::of(problem) else {
        return Ok(false);
    };
    save(
        turn,
        Some(FormState::WhenQuestion {
            values,
            when: when.to_string(),
            asked,
            asked_at: turn.now,
            in_form,
        }),
    )
    .await?;
    // A question, not an error: no usage block (whose example might be the very input).
    let text = events::when_question(turn.lang, problem);
    turn.reply(RichText::plain(text));
    Ok(true)
}

/// The answer to a question about a `<wann>`.
async fn answer_when(
    turn: &mut Turn<'_>,
    (values, when, asked, asked_at, in_form): (Vec<String>, String, Asked, DateTime<Utc>, bool),
    text: &str,
) -> Step {
    let lang = turn.lang;
    if turn.now - asked_at > QUESTION_WAITS {
        save(turn, None).await?;
        turn.reply(RichText::plain(t!(lang, "question-expired")));
        return Ok(());
    }
    let Some(combined) = asked.answered(&when, text) else {
        // Not an answer: the question stays. In a group people talk on: only a private
        // chat hears which words answer it.
        if !turn.incoming.chat.is_private {
            return Ok(());
        }
        let mut retry = RichText::plain(t!(lang, "question-not-an-answer")).text("\n");
        retry = retry.text(events::when_question_again(turn, &when));
        turn.reply(retry);
        return Ok(());
    };
    match crate::domain::parse_schedule(&combined, turn.now, turn.config.timezone) {
        Ok(_) if in_form => {
            let mut values = values;
            values.push(combined);
            save(turn, Some(FormState::Event { values })).await?;
            let next = event_question(turn, 1);
            turn.reply(next);
            Ok(())
        }
        Ok(_) => {
            save(turn, None).await?;
            let mut fields = vec![combined];
            fields.extend(values);
            let draft = crate::domain::EventDraft::parse(&fields)
                .map_err(|e| Failure::Refused(RichText::plain(events::draft_problem(lang, &e))))?;
            events::create(turn, draft).await
        }
        Err(problem) => {
            if ask_when(turn, &problem, &combined, values, in_form).await? {
                return Ok(());
            }
            save(turn, None).await?;
            Err(help::when_refusal(lang, &problem, "event-new"))
        }
    }
}

/// The questions of the event form, by localisation key; the last three may be skipped.
const EVENT_STEPS: [&str; 5] = ["when", "title", "place", "region", "description"];

fn question(turn: &Turn<'_>, step: usize) -> RichText {
    let field = InitiativeField::ALL[step];
    let lang = turn.lang;
    let mut text = RichText::plain(format!("({}/{}) ", step + 1, InitiativeField::ALL.len()))
        .text(tr(lang, &format!("form-ask-{}", field.key()), &[]));
    if field.optional() {
        text = text.line(t!(lang, "form-optional"));
    }
    text.line(t!(lang, "form-cancel-hint"))
}

pub async fn start_initiative_form(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    save(turn, Some(FormState::Initiative { values: Vec::new() })).await?;
    let text = RichText::plain(t!(turn.lang, "form-intro"))
        .text("\n")
        .append(question(turn, 0));
    turn.reply(text);
    Ok(())
}

fn event_question(turn: &Turn<'_>, step: usize) -> RichText {
    let lang = turn.lang;
    let mut text = RichText::plain(format!("({}/{}) ", step + 1, EVENT_STEPS.len())).text(tr(
        lang,
        &format!("form-event-ask-{}", EVENT_STEPS[step]),
        &[],
    ));
    if step >= 2 {
        text = text.line(t!(lang, "form-optional"));
    }
    text.line(t!(lang, "form-cancel-hint"))
}

pub async fn start_event_form(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    if !turn.config.events.members_may_create && !turn.has_role(crate::domain::Role::Organiser) {
        return Err(turn.refuse("event-create-denied"));
    }
    save(turn, Some(FormState::Event { values: Vec::new() })).await?;
    let text = RichText::plain(t!(turn.lang, "form-event-intro"))
        .text("\n")
        .append(event_question(turn, 0));
    turn.reply(text);
    Ok(())
}

pub async fn start_round_form(turn: &mut Turn<'_>) -> Step {
    super::access::require(turn, crate::domain::Role::Organiser)?;
    start_budget_form(turn, BudgetForm::Round, "form-round-intro").await
}

pub async fn start_application_form(turn: &mut Turn<'_>) -> Step {
    turn.active_member()?;
    start_budget_form(turn, BudgetForm::Application, "form-application-intro").await
}

async fn start_budget_form(turn: &mut Turn<'_>, budget: BudgetForm, intro: &str) -> Step {
    save(
        turn,
        Some(FormState::Budget {
            budget,
            values: Vec::new(),
        }),
    )
    .await?;
    let first = budget_forms::question(turn, budget, 0).await?;
    let text = RichText::plain(tr(turn.lang, intro, &[]))
        .text("\n")
        .append(first);
    turn.reply(text);
    Ok(())
}

/// One answer to a budget form, checked at once; a wrong one is asked again.
async fn continue_budget_form(
    turn: &mut Turn<'_>,
    budget: BudgetForm,
    mut values: Vec<String>,
    text: &str,
) -> Step {
    let step = values.len();
    match budget_forms::check(turn, budget, step, text).await? {
        Err(problem) => {
            let again = budget_forms::question(turn, budget, step).await?;
            turn.reply(problem.text("\n").append(again));
            Ok(())
        }
        Ok(value) => {
            values.push(value);
            if values.len() < budget.len() {
                save(turn, Some(FormState::Budget { budget, values })).await?;
                let next = budget_forms::question(turn, budget, step + 1).await?;
                turn.reply(next);
                return Ok(());
            }
            save(turn, None).await?;
            budget_forms::finish(turn, budget, values).await
        }
    }
}

/// One answer to the event form: checked at once, so a wrong date is asked again.
async fn continue_event_form(turn: &mut Turn<'_>, mut values: Vec<String>, text: &str) -> Step {
    let step = values.len();
    let answer = crate::domain::text::tidy(text);
    let lang = turn.lang;
    let problem = match EVENT_STEPS[step] {
        "when" => match crate::domain::parse_schedule(&answer, turn.now, turn.config.timezone) {
            Ok(_) => None,
            // A question (today or next week?) keeps what was typed and waits for the answer.
            Err(p) if ask_when(turn, &p, &answer, values.clone(), true).await? => return Ok(()),
            Err(p) => match help::when_refusal(lang, &p, "event-new") {
                Failure::Refused(text) => Some(text),
                Failure::Store(_) => None,
            },
        },
        "title" if answer.is_empty() || answer == "-" => {
            Some(RichText::plain(t!(lang, "event-problem-title")))
        }
        _ => None,
    };
    if let Some(problem) = problem {
        let retry = problem.text("\n").append(event_question(turn, step));
        turn.reply(retry);
        return Ok(());
    }
    values.push(if answer == "-" { String::new() } else { answer });
    if values.len() < EVENT_STEPS.len() {
        save(turn, Some(FormState::Event { values })).await?;
        let next = event_question(turn, step + 1);
        turn.reply(next);
        return Ok(());
    }
    save(turn, None).await?;
    // The form asks the region too (the command line has no field for it).
    let region = values.remove(3);
    let mut draft = crate::domain::EventDraft::parse(&values)
        .map_err(|e| Failure::Refused(RichText::plain(events::draft_problem(turn.lang, &e))))?;
    draft.region = Some(region).filter(|r| !r.is_empty());
    events::create(turn, draft).await
}

async fn save(turn: &mut Turn<'_>, state: Option<FormState>) -> Step {
    let sender = turn.sender().clone();
    let key = turn.chat_key();
    let value = state.map(|s| serde_json::to_value(s).unwrap_or_default());
    turn.tx
        .set_conversation(&sender, &key, value.as_ref(), turn.now)
        .await?;
    Ok(())
}

async fn load(turn: &mut Turn<'_>) -> Step<Option<FormState>> {
    let sender = turn.sender().clone();
    let key = turn.chat_key();
    let state = turn.tx.conversation(&sender, &key).await?;
    Ok(state.and_then(|s| serde_json::from_value(s).ok()))
}

/// `/initiative X ort` without a place: waits for a pin in this chat.
pub async fn ask_place(turn: &mut Turn<'_>, what: PlaceFor) -> Step {
    save(
        turn,
        Some(FormState::AwaitPlace {
            what,
            asked_at: turn.now,
        }),
    )
    .await?;
    turn.reply(RichText::plain(t!(turn.lang, "place-waiting")));
    Ok(())
}

/// A location pin: the place someone was asked for, if they were. `None`: a pin outside
/// the earth's range (no client sends one; taken in and answered all the same).
pub async fn location_shared(turn: &mut Turn<'_>, at: Option<crate::domain::GeoPoint>) -> Step {
    let waiting = match load(turn).await? {
        Some(FormState::AwaitPlace { what, asked_at }) if turn.now - asked_at <= QUESTION_WAITS => {
            Some(what)
        }
        _ => None,
    };
    match (waiting, at) {
        (Some(what), Some(at)) => {
            save(turn, None).await?;
            place_found(turn, what, at).await
        }
        // A pin in a group is people talking; privately the bot says what a pin is for.
        _ if !turn.incoming.chat.is_private => Ok(()),
        (Some(_), None) => Err(turn.refuse("place-out-of-range")),
        (None, _) => Err(turn.refuse("location-without-question")),
    }
}

/// Coordinates or a map link typed while a pin is awaited.
async fn typed_place(
    turn: &mut Turn<'_>,
    what: PlaceFor,
    asked_at: DateTime<Utc>,
    text: &str,
) -> Step {
    if turn.now - asked_at > QUESTION_WAITS {
        save(turn, None).await?;
        turn.reply(RichText::plain(t!(turn.lang, "question-expired")));
        return Ok(());
    }
    match crate::domain::GeoPoint::parse(text) {
        Some(at) => {
            save(turn, None).await?;
            place_found(turn, what, at).await
        }
        None if turn.incoming.chat.is_private => Err(turn.refuse("place-not-understood")),
        None => Ok(()),
    }
}

/// Plain text from someone in the middle of a form is their answer; otherwise chat is left
/// alone (in a private chat the bot points to `/hilfe`).
pub async fn continue_form(turn: &mut Turn<'_>, text: &str) -> Step {
    let mut values = match load(turn).await? {
        Some(FormState::Initiative { values }) => values,
        Some(FormState::Event { values }) => return continue_event_form(turn, values, text).await,
        Some(FormState::Budget { budget, values }) => {
            return continue_budget_form(turn, budget, values, text).await;
        }
        Some(FormState::WhenQuestion {
            values,
            when,
            asked,
            asked_at,
            in_form,
        }) => {
            let state = (values, when, asked, asked_at, in_form);
            return answer_when(turn, state, text).await;
        }
        Some(FormState::AwaitPlace { what, asked_at }) => {
            return typed_place(turn, what, asked_at, text).await;
        }
        None => {
            if turn.incoming.chat.is_private {
                turn.reply(RichText::plain(t!(turn.lang, "private-hint")));
            }
            return Ok(());
        }
    };
    let step = values.len();
    let field = InitiativeField::ALL[step];
    if let Err(e) = InitiativeDraft::check_field(field, text) {
        // The form stays where it is; the answer says what was wrong and asks again.
        let lang = turn.lang;
        let retry = RichText::plain(field_problem(lang, field, &e))
            .text("\n")
            .append(question(turn, step));
        turn.reply(retry);
        return Ok(());
    }
    if field == InitiativeField::Name && turn.tx.initiative_by_name(text).await?.is_some() {
        let lang = turn.lang;
        let retry = RichText::plain(t!(lang, "initiative-name-taken", name = text.trim()))
            .text("\n")
            .append(question(turn, step));
        turn.reply(retry);
        return Ok(());
    }
    values.push(text.to_string());
    if values.len() < InitiativeField::ALL.len() {
        save(turn, Some(FormState::Initiative { values })).await?;
        let next = question(turn, step + 1);
        turn.reply(next);
        return Ok(());
    }
    save(turn, None).await?;
    let draft = InitiativeDraft::from_values(&values).map_err(|(field, e)| {
        Failure::Refused(RichText::plain(field_problem(turn.lang, field, &e)))
    })?;
    initiatives::register(turn, draft).await
}

pub async fn cancel(turn: &mut Turn<'_>) -> Step {
    let key = if load(turn).await?.is_some() {
        save(turn, None).await?;
        "form-cancelled"
    } else {
        "form-nothing-to-cancel"
    };
    turn.reply(RichText::plain(tr(turn.lang, key, &[])));
    Ok(())
}
