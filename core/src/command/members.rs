//! `/rolle` and how people name a member.

use super::parse::err;
use super::table::CommandId;
use super::types::{Command, MemberRef, ParseError, ParseProblem};
use crate::domain::{MemberId, PlatformIdentity, Role};

pub(super) fn parse_role(args: &[String]) -> Result<Command, ParseError> {
    let id = CommandId::Role;
    // The role is the last word; who comes before it, as people write a name.
    let [who @ .., role] = args else {
        return Err(err(id, "role", ParseProblem::MissingArguments));
    };
    if who.is_empty() {
        return Err(err(id, "role", ParseProblem::MissingArguments));
    }
    let who = member_ref(&who.join(" "))
        .ok_or_else(|| err(id, "role", ParseProblem::BadMember(who.join(" "))))?;
    let role = Role::from_word(role)
        .ok_or_else(|| err(id, "role", ParseProblem::UnknownRole(role.clone())))?;
    Ok(Command::Role { who, role })
}

/// A person as people name them: `#12`, `telegram:123456`, a Matrix mention
/// `@anna:example.org`, or a name (`anna`, `@anna`).
pub fn member_ref(text: &str) -> Option<MemberRef> {
    let text = text.trim();
    if let Some(n) = text.strip_prefix('#') {
        return n
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(|n| MemberRef::Id(MemberId(n)));
    }
    if let Ok(identity) = PlatformIdentity::parse(text) {
        return Some(MemberRef::Identity(identity));
    }
    if text.starts_with('@')
        && text.contains(':')
        && let Ok(identity) = PlatformIdentity::parse(&format!("matrix:{text}"))
    {
        return Some(MemberRef::Identity(identity));
    }
    let name = text.trim_start_matches('@').trim();
    (!name.is_empty() && !name.contains(':')).then(|| MemberRef::Name(name.to_string()))
}
