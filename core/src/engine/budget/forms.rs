//! The guided forms of `/runde neu` and `/antrag` without arguments: one question at a time,
//! each answer checked at once (an ambiguous amount or a past date is asked again).

use serde::{Deserialize, Serialize};

use crate::command::{ApplicationDraft, RoundDraft};
use crate::domain::text::tidy;
use crate::domain::when::date_of;
use crate::domain::{Amount, AmountError, EventId};
use crate::engine::turn::{Step, Turn};
use crate::message::RichText;
use crate::t;

/// Which form is being filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetForm {
    Round,
    Application,
}

impl BudgetForm {
    fn steps(self) -> &'static [&'static str] {
        match self {
            BudgetForm::Round => &["title", "pot", "deadline", "meeting"],
            BudgetForm::Application => &["title", "amount", "initiative", "purpose"],
        }
    }

    pub fn len(self) -> usize {
        self.steps().len()
    }

    fn key(self) -> &'static str {
        match self {
            BudgetForm::Round => "round",
            BudgetForm::Application => "application",
        }
    }
}

/// The question for `step`; for the initiative, the person's own are offered.
pub async fn question(turn: &mut Turn<'_>, form: BudgetForm, step: usize) -> Step<RichText> {
    let lang = turn.lang;
    let name = form.steps()[step];
    let mut text = RichText::plain(format!("({}/{}) ", step + 1, form.len())).text(
        crate::i18n::tr(lang, &format!("form-{}-ask-{name}", form.key()), &[]),
    );
    if name == "initiative"
        && let Some(member) = turn.member.clone()
    {
        let own = super::applications::own_initiatives(turn, member.id).await?;
        if !own.is_empty() {
            text = text.line(t!(lang, "form-application-own", own = &own.join(", ")));
        }
    }
    if name == "meeting" {
        text = text.line(t!(lang, "form-optional"));
    }
    Ok(text.line(t!(lang, "form-cancel-hint")))
}

fn amount_problem(turn: &Turn<'_>, e: AmountError) -> RichText {
    RichText::plain(match e {
        AmountError::Invalid(w) => t!(turn.lang, "problem-amount", word = &w),
        AmountError::Ambiguous(w) => t!(turn.lang, "problem-amount-ambiguous", word = &w),
    })
}

/// Checks one answer: the value to keep, or what is wrong with it.
pub async fn check(
    turn: &mut Turn<'_>,
    form: BudgetForm,
    step: usize,
    text: &str,
) -> Step<Result<String, RichText>> {
    let answer = tidy(text);
    let lang = turn.lang;
    let name = form.steps()[step];
    Ok(match name {
        "meeting" if answer.is_empty() || answer == "-" => Ok(String::new()),
        _ if answer.is_empty() || answer == "-" => {
            Err(RichText::plain(t!(lang, "form-budget-needed")))
        }
        "pot" | "amount" => match Amount::parse(&answer) {
            Ok(amount) if amount.cents() > 0 => Ok(answer),
            Ok(_) => Err(RichText::plain(t!(lang, "round-pot-empty"))),
            Err(e) => Err(amount_problem(turn, e)),
        },
        "deadline" => {
            let today = turn.now.with_timezone(&turn.config.timezone).date_naive();
            let word = answer.split_whitespace().last().unwrap_or_default();
            match date_of(word, today) {
                Some(Ok(day)) if day >= today => Ok(word.to_string()),
                Some(Ok(day)) => Err(RichText::plain(t!(
                    lang,
                    "round-deadline-past",
                    date = &day.format("%d.%m.%Y").to_string()
                ))),
                _ => Err(RichText::plain(t!(lang, "problem-date", word = &answer))),
            }
        }
        "meeting" => {
            let number = answer
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .trim_start_matches('#')
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0);
            match number {
                Some(n) => match crate::engine::events::found(turn, EventId(n)).await {
                    Ok(_) => Ok(n.to_string()),
                    Err(_) => Err(RichText::plain(t!(lang, "event-not-found", id = n))),
                },
                None => Err(RichText::plain(t!(
                    lang,
                    "problem-event-number",
                    word = &answer
                ))),
            }
        }
        "initiative" => match turn.tx.initiative_by_name(&answer).await? {
            Some(initiative) => Ok(initiative.draft.name),
            None => Err(RichText::plain(t!(
                lang,
                "application-initiative-unknown",
                name = &answer
            ))),
        },
        _ => Ok(answer),
    })
}

/// All answers are in: the same path as the one-line command.
pub async fn finish(turn: &mut Turn<'_>, form: BudgetForm, values: Vec<String>) -> Step {
    let amount = |text: &str| Amount::parse(text).unwrap_or(Amount::from_cents(0));
    match form {
        BudgetForm::Round => {
            let draft = RoundDraft {
                title: values[0].clone(),
                pot: amount(&values[1]),
                deadline: values[2].clone(),
                meeting: values[3].parse::<i64>().ok().map(EventId),
            };
            super::new_round(turn, draft).await
        }
        BudgetForm::Application => {
            let draft = ApplicationDraft {
                title: values[0].clone(),
                amount: amount(&values[1]),
                initiative: values[2].clone(),
                purpose: values[3].clone(),
            };
            super::submit(turn, draft).await
        }
    }
}
