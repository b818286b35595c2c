//! The chat command language: German words with English aliases, one table that the parser,
//! the help texts and the README's command table are all generated from.

mod args;
mod events;
mod parse;
mod table;

pub use args::split_args;
pub use events::{EventAction, EventField};
pub use parse::{Command, LinkAction, MemberRef, ParseError, ParseProblem, Parsed, parse};
pub use table::{
    Access, COMMANDS, CommandId, CommandSpec, closest_command, find_command, markdown_table, menu,
};
