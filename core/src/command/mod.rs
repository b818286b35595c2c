//! The chat command language: German words with English aliases, one table that the parser,
//! the help texts and the README's command table are all generated from.

mod args;
mod budget;
mod events;
mod initiatives;
mod members;
mod parse;
mod polls;
mod questions;
mod table;
mod types;
mod vacancies;

pub use args::split_args;
pub use members::member_ref;
pub use parse::parse;
pub use table::{
    Access, COMMANDS, CommandId, CommandSpec, closest_command, find_command, markdown_table, menu,
};
pub use types::{
    ApplicationAction, ApplicationDraft, ApplicationField, Command, EventAction, EventField,
    ImpulseAbout, LinkAction, MemberRef, ParseError, ParseProblem, Parsed, PlaceInput,
    QuestionAction, RoundAction, RoundDraft, RoundSetting, VacancyAction, VotingAction,
};
