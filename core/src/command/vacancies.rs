//! `/leerstand`: share a vacant place, list and find them, and look after one's own.

use super::args::split_args;
use super::initiatives::{contact_choice, read_place};
use super::parse::err;
use super::table::CommandId;
use super::types::{Command, ParseError, ParseProblem, VacancyAction};
use crate::domain::text::{fold, tidy};
use crate::domain::vacancy::{VacancyDraft, VacancyProblem};

/// `L3` or `3`.
fn number(word: &str) -> Option<i64> {
    word.strip_prefix(['L', 'l'])
        .unwrap_or(word)
        .parse()
        .ok()
        .filter(|n| *n > 0)
}

pub(super) fn parse_vacancy(rest: &str) -> Result<Command, ParseError> {
    let id = CommandId::Vacancy;
    let rest = rest.trim();
    let (first, tail) = match rest.split_once(char::is_whitespace) {
        Some((first, tail)) => (first, tail.trim()),
        None => (rest, ""),
    };
    match fold(first).as_str() {
        "" => return Ok(Command::Vacancies { query: None }),
        "neu" | "new" | "melden" | "teilen" => {
            let values = split_args(tail)
                .ok_or_else(|| err(id, "vacancy-new", ParseProblem::UnclosedQuote))?;
            if !tail.contains('|') {
                return Err(err(
                    id,
                    "vacancy-new",
                    ParseProblem::Vacancy(VacancyProblem::Parts),
                ));
            }
            return VacancyDraft::from_values(&values)
                .map(Command::VacancyNew)
                .map_err(|p| err(id, "vacancy-new", ParseProblem::Vacancy(p)));
        }
        _ => {}
    }
    // `L3 …` names a listing; a plain word is a search (`/leerstand Suhl`, `/leerstand laden`).
    let by_number = first.starts_with(['L', 'l']) || first.chars().all(|c| c.is_ascii_digit());
    let Some(vacancy) = number(first).filter(|_| by_number) else {
        if first.starts_with(['L', 'l']) && first[1..].chars().all(|c| c.is_ascii_digit()) {
            return Err(err(
                id,
                "vacancy",
                ParseProblem::BadVacancyNumber(first.to_string()),
            ));
        }
        return Ok(Command::Vacancies {
            query: Some(tidy(rest)),
        });
    };
    let (word, after) = match tail.split_once(char::is_whitespace) {
        Some((word, after)) => (word, after.trim()),
        None => (tail, ""),
    };
    let action = match fold(word).as_str() {
        "" => return Ok(Command::VacancyShow { id: vacancy }),
        "vergeben" | "weg" | "taken" | "erledigt" | "vermietet" | "verkauft" => {
            VacancyAction::Taken
        }
        "verlaengern" | "extend" | "renew" => VacancyAction::Extend,
        "ort" | "standort" | "karte" | "place" | "location" | "map" => {
            match read_place(Some(after)) {
                Some(Ok(place)) => VacancyAction::Place(place),
                Some(Err(_)) | None if !after.is_empty() => {
                    return Err(err(
                        id,
                        "vacancy-place",
                        ParseProblem::BadPlace(after.to_string()),
                    ));
                }
                _ => VacancyAction::Place(super::types::PlaceInput::Pin),
            }
        }
        "kontakt" | "contact" => match contact_choice(after) {
            Some(public) => VacancyAction::ContactPublic(public),
            None => {
                return Err(err(
                    id,
                    "vacancy",
                    ParseProblem::UnknownVacancyAction(tail.to_string()),
                ));
            }
        },
        _ => {
            return Err(err(
                id,
                "vacancy",
                ParseProblem::UnknownVacancyAction(word.to_string()),
            ));
        }
    };
    Ok(Command::VacancyAct {
        id: vacancy,
        action,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::types::PlaceInput;
    use crate::domain::GeoPoint;

    #[test]
    fn the_forms_of_the_command_are_told_apart() {
        assert_eq!(
            parse_vacancy("").unwrap(),
            Command::Vacancies { query: None }
        );
        assert_eq!(
            parse_vacancy("Zella-Mehlis").unwrap(),
            Command::Vacancies {
                query: Some("Zella-Mehlis".into())
            }
        );
        assert_eq!(parse_vacancy("L3").unwrap(), Command::VacancyShow { id: 3 });
        assert_eq!(
            parse_vacancy("l3 vergeben").unwrap(),
            Command::VacancyAct {
                id: 3,
                action: VacancyAction::Taken
            }
        );
        assert_eq!(
            parse_vacancy("L3 ort 50.6, 10.7").unwrap(),
            Command::VacancyAct {
                id: 3,
                action: VacancyAction::Place(PlaceInput::At(GeoPoint::new(50.6, 10.7).unwrap()))
            }
        );
        assert_eq!(
            parse_vacancy("L3 ort").unwrap(),
            Command::VacancyAct {
                id: 3,
                action: VacancyAction::Place(PlaceInput::Pin)
            }
        );
        assert!(parse_vacancy("L3 ort Marktplatz").is_err());
        assert!(parse_vacancy("L3 tanzen").is_err());
        assert!(parse_vacancy("Lx").is_ok(), "a word, searched for");
        assert!(parse_vacancy("neu Alte Post | Suhl").is_err());
    }
}
