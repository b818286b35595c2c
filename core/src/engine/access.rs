//! Who may run what, checked before a command runs.

use super::turn::{Step, Turn};
use crate::command::{Access, Command};
use crate::domain::Role;

pub fn check(turn: &Turn<'_>, cmd: &Command) -> Step {
    match cmd.id().spec().access {
        Access::Anyone => Ok(()),
        Access::Member => turn.active_member().map(|_| ()),
        Access::Organiser => require(turn, Role::Organiser),
        Access::Admin => require(turn, Role::Admin),
    }
}

/// Whether the sender may use commands of this access level (the help lists only those).
pub fn allows(turn: &Turn<'_>, access: Access) -> bool {
    match access {
        Access::Anyone => true,
        Access::Member => turn.has_role(Role::Member),
        Access::Organiser => turn.has_role(Role::Organiser),
        Access::Admin => turn.has_role(Role::Admin),
    }
}

/// An active member with at least this role, or the refusal that says who may.
pub fn require(turn: &Turn<'_>, role: Role) -> Step {
    turn.active_member()?;
    if turn.has_role(role) {
        Ok(())
    } else if role == Role::Admin {
        Err(turn.refuse("need-admin"))
    } else {
        Err(turn.refuse("need-organiser"))
    }
}
