//! `/meine-daten` and `/vergessen`: a member's own data, exported or deleted.

use serde::Serialize;

use super::turn::{Step, Turn};
use crate::domain::{Initiative, Member, MemberStatus, Role};
use crate::message::{Attachment, Outgoing, RichText};
use crate::store::{AuditRecord, Invitation, LinkedIdentity};
use crate::t;

#[derive(Serialize)]
struct Export {
    member: Member,
    accounts: Vec<LinkedIdentity>,
    initiatives: Vec<Initiative>,
    invitations_created: Vec<Invitation>,
    activity: Vec<AuditRecord>,
}

pub async fn my_data(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    let Some(member) = turn.member.clone() else {
        turn.reply(RichText::plain(t!(lang, "mydata-nothing")));
        return Ok(());
    };
    let export = Export {
        accounts: turn.tx.identities(member.id).await?,
        initiatives: turn.tx.initiatives_of(member.id).await?,
        invitations_created: turn.tx.invitations_by(member.id).await?,
        activity: turn.tx.audit_of(member.id).await?,
        member,
    };
    let json = serde_json::to_string_pretty(&export).unwrap_or_default();
    let summary = t!(
        lang,
        "mydata-summary",
        accounts = export.accounts.len(),
        initiatives = export.initiatives.len(),
        activity = export.activity.len()
    );
    turn.audit(
        "member.export",
        Some(export.member.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    turn.reply_privately(|to| {
        let mut out = Outgoing::new(to, RichText::plain(summary));
        out.attachment = Some(Attachment {
            filename: "meine-daten.json".into(),
            mime: "application/json".into(),
            content: json,
        });
        out
    });
    Ok(())
}

pub async fn forget(turn: &mut Turn<'_>, confirm: bool) -> Step {
    let lang = turn.lang;
    let Some(mut member) = turn.member.clone() else {
        turn.reply(RichText::plain(t!(lang, "mydata-nothing")));
        return Ok(());
    };
    if !confirm {
        turn.reply(RichText::plain(t!(lang, "forget-confirm")));
        return Ok(());
    }
    for linked in turn.tx.identities(member.id).await? {
        turn.tx.delete_account_state(&linked.identity).await?;
    }
    turn.tx.detach_identities(member.id).await?;
    turn.tx.delete_link_codes(member.id).await?;
    turn.tx.disown_initiatives(member.id).await?;
    // The row stays, nameless, so that votes already cast remain counted.
    member.display_name = String::new();
    member.status = MemberStatus::Forgotten;
    member.role = Role::Member;
    member.consent_at = None;
    turn.tx.update_member(&member).await?;
    turn.audit(
        "member.forget",
        Some(member.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    turn.member = None;
    turn.reply(RichText::plain(t!(lang, "forget-done")));
    Ok(())
}
