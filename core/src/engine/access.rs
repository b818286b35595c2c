//! Who may run what, checked before a command runs.

use super::turn::{Step, Turn};
use crate::command::{Access, Command, CommandSpec};
use crate::domain::Role;

pub fn check(turn: &Turn<'_>, cmd: &Command) -> Step {
    let access = CommandSpec::spec(command_id(cmd)).access;
    match access {
        Access::Anyone => Ok(()),
        Access::Member => turn.active_member().map(|_| ()),
        Access::Organiser => require(turn, Role::Organiser),
        Access::Admin => require(turn, Role::Admin),
    }
}

fn require(turn: &Turn<'_>, role: Role) -> Step {
    turn.active_member()?;
    if turn.has_role(role) {
        Ok(())
    } else if role == Role::Admin {
        Err(turn.refuse("need-admin"))
    } else {
        Err(turn.refuse("need-organiser"))
    }
}

pub fn command_id(cmd: &Command) -> crate::command::CommandId {
    use crate::command::CommandId as C;
    match cmd {
        Command::Help { .. } => C::Help,
        Command::Start => C::Start,
        Command::Language(_) => C::Language,
        Command::WhoAmI => C::WhoAmI,
        Command::Invite => C::Invite,
        Command::Join { .. } => C::Join,
        Command::Conduct { .. } => C::Conduct,
        Command::Role { .. } => C::Role,
        Command::Link { .. } => C::Link,
        Command::MyData => C::MyData,
        Command::Forget { .. } => C::Forget,
        Command::InitiativeNew(_)
        | Command::InitiativeEdit { .. }
        | Command::InitiativeArchive { .. }
        | Command::InitiativeShow { .. } => C::Initiative,
        Command::Initiatives { .. } => C::Initiatives,
        Command::Cancel => C::Cancel,
    }
}
