//! Joining: an invitation code, then agreeing to the code of conduct.

use super::codes::{CodeKind, check};
use super::turn::{Failure, Step, Turn};
use crate::domain::{Lang, MemberStatus, Role};
use crate::format;
use crate::message::RichText;
use crate::store::NewMember;
use crate::t;

pub async fn join(turn: &mut Turn<'_>, code: &str) -> Step {
    if let Some(m) = &turn.member {
        return Err(match m.status {
            MemberStatus::Pending => Failure::Refused(conduct_text(turn, "join-pending")),
            _ => turn.refuse("join-already-member"),
        });
    }
    let Some(invitation) = check(turn, CodeKind::Invitation, code).await? else {
        return Ok(());
    };
    if invitation.used {
        return Err(turn.refuse("join-used-code"));
    }
    if invitation.expired {
        return Err(turn.refuse("join-expired-code"));
    }
    let code = invitation.code;
    let name = turn
        .incoming
        .sender_name
        .clone()
        .unwrap_or_else(|| turn.sender().user().to_string());
    let new = NewMember {
        display_name: name,
        role: Role::Member,
        status: MemberStatus::Pending,
        lang: Lang::De,
        invited_by: Some(invitation.owner),
        joined_at: turn.now,
        consent_at: None,
    };
    let id = turn.tx.insert_member(&new).await?;
    let sender = turn.sender().clone();
    turn.tx.attach_identity(id, &sender, turn.now).await?;
    if !turn.tx.use_invitation(&code, id, turn.now).await? {
        return Err(turn.refuse("join-used-code"));
    }
    turn.member = Some(new.into_member(id));
    turn.audit(
        "member.join",
        Some(id.to_string()),
        serde_json::json!({ "invited_by": invitation.owner, "platform": sender.platform() }),
    )
    .await?;
    let text = conduct_text(turn, "join-welcome");
    turn.reply(text);
    Ok(())
}

/// A lead-in message, the code of conduct, and how to accept it.
fn conduct_text(turn: &Turn<'_>, lead: &str) -> RichText {
    let lang = turn.lang;
    RichText::plain(crate::i18n::tr(lang, lead, &[]))
        .text("\n\n")
        .bold(t!(lang, "conduct-title"))
        .line(turn.config.code_of_conduct.trim().to_string())
        .text("\n\n")
        .text(t!(lang, "conduct-how-to-accept"))
}

pub async fn conduct(turn: &mut Turn<'_>, accept: bool) -> Step {
    let lang = turn.lang;
    if !accept {
        let text = conduct_text(turn, "conduct-intro");
        turn.reply(text);
        return Ok(());
    }
    let Some(mut member) = turn.member.clone() else {
        return Err(turn.refuse("conduct-join-first"));
    };
    if let Some(at) = member.consent_at {
        let when = format::datetime(lang, at, turn.config.timezone);
        turn.reply(RichText::plain(t!(lang, "conduct-already", when = &when)));
        return Ok(());
    }
    member.consent_at = Some(turn.now);
    if member.status == MemberStatus::Pending {
        member.status = MemberStatus::Active;
    }
    turn.tx.update_member(&member).await?;
    turn.member = Some(member.clone());
    turn.audit(
        "member.consent",
        Some(member.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    turn.reply(RichText::plain(t!(lang, "conduct-accepted")));
    Ok(())
}
