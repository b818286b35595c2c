//! Invitations, roles, languages and linked accounts.

use super::codes::CodeKind;
use super::turn::{Failure, Step, Turn};
use crate::command::{LinkAction, MemberRef};
use crate::domain::text::{is_near, loose};
use crate::domain::{Lang, Member, MemberStatus, PlatformIdentity, Role};
use crate::format;
use crate::i18n::tr;
use crate::message::{Outgoing, RichText};
use crate::store::Invitation;
use crate::t;

fn role_name(lang: Lang, role: Role) -> String {
    tr(lang, &format!("role-{}", role.as_str()), &[])
}

pub async fn language(turn: &mut Turn<'_>, lang: Option<Lang>) -> Step {
    let Some(lang) = lang else {
        let text = t!(turn.lang, "language-current");
        turn.reply(RichText::plain(text));
        return Ok(());
    };
    let Some(mut member) = turn.member.clone() else {
        // No member row to remember it in; answer in the asked language at least.
        turn.lang = lang;
        return Err(turn.refuse("language-need-membership"));
    };
    member.lang = lang;
    turn.tx.update_member(&member).await?;
    turn.member = Some(member);
    turn.lang = lang;
    turn.reply(RichText::plain(t!(lang, "language-set")));
    Ok(())
}

pub async fn who_am_i(turn: &mut Turn<'_>) -> Step {
    let lang = turn.lang;
    let Some(member) = turn.member.clone() else {
        let text = t!(lang, "whoami-guest", identity = &turn.sender().to_string());
        turn.reply(RichText::plain(text));
        return Ok(());
    };
    let status = tr(lang, &format!("status-{}", member.status.as_str()), &[]);
    let mut text = RichText::default()
        .bold(format!("{} ({})", member.display_name, member.id))
        .line(t!(
            lang,
            "whoami-role",
            role = &role_name(lang, member.role),
            status = &status
        ));
    for linked in turn.tx.identities(member.id).await? {
        text = text.text("\n• ").code(linked.identity.to_string());
    }
    turn.reply(text);
    Ok(())
}

pub async fn invite(turn: &mut Turn<'_>) -> Step {
    let member = turn.active_member()?;
    let per_day = turn.config.limits.invitations_per_day;
    super::limits::at_most(
        turn,
        "invitation.create",
        per_day,
        chrono::Duration::days(1),
        "invite-limit",
    )
    .await?;
    let code = super::codes::fresh(turn, CodeKind::Invitation).await?;
    let invitation = Invitation {
        code,
        created_by: member.id,
        created_at: turn.now,
        expires_at: turn.now + turn.config.invitation_ttl,
        used_by: None,
        used_at: None,
        failed_attempts: 0,
    };
    turn.tx.insert_invitation(&invitation).await?;
    turn.audit(
        "invitation.create",
        Some(invitation.code.clone()),
        serde_json::json!({ "expires_at": invitation.expires_at }),
    )
    .await?;
    let lang = turn.lang;
    let expires = format::datetime(lang, invitation.expires_at, turn.config.timezone);
    let text = RichText::plain(t!(lang, "invite-created-lead"))
        .text(" ")
        .code(invitation.code.clone())
        .line(t!(
            lang,
            "invite-created",
            code = &invitation.code,
            expires = &expires
        ));
    // Whoever reads a code can redeem it: in a group it goes privately.
    turn.reply_privately(|to| Outgoing::new(to, text));
    Ok(())
}

/// How many members a name is looked up among, and a list shows.
const MEMBERS_MAX: i64 = 5000;
const LIST_MAX: usize = 50;

/// The active member someone means: by number, account, Matrix mention or name. A name that
/// fits several people is asked back with their numbers; a near miss gets a suggestion.
pub(super) async fn resolve(turn: &mut Turn<'_>, who: &MemberRef, usage: &str) -> Step<Member> {
    let lang = turn.lang;
    // `@anna_k`: the handle someone has on their messenger.
    if let MemberRef::Name(name) = who
        && let Some(member) = handle_of(turn, name).await?.filter(Member::is_active)
    {
        return Ok(member);
    }
    let found = match who {
        MemberRef::Id(id) => turn.tx.member(*id).await?,
        MemberRef::Identity(identity) => turn.tx.member_by_identity(identity).await?,
        MemberRef::Name(name) => {
            let active: Vec<Member> = turn
                .tx
                .members(MEMBERS_MAX)
                .await?
                .into_iter()
                .filter(Member::is_active)
                .collect();
            let wanted = loose(name);
            let exact: Vec<&Member> = active
                .iter()
                .filter(|m| loose(&m.display_name) == wanted)
                .collect();
            match exact.as_slice() {
                [one] => Some((*one).clone()),
                [] => {
                    let near: Vec<String> = active
                        .iter()
                        .filter(|m| is_near(name, &m.display_name))
                        .map(|m| format!("{} ({})", m.display_name, m.id))
                        .collect();
                    let mut text = t!(lang, "member-not-found", name = name.as_str());
                    if !near.is_empty() {
                        text.push(' ');
                        text.push_str(&t!(lang, "member-did-you-mean", names = &near.join(", ")));
                    }
                    return Err(Failure::Refused(RichText::plain(text)));
                }
                several => {
                    let mut text = RichText::plain(t!(
                        lang,
                        "member-which",
                        name = name.as_str(),
                        usage = usage
                    ));
                    for m in several {
                        let accounts: Vec<String> = turn
                            .tx
                            .identities(m.id)
                            .await?
                            .iter()
                            .map(|l| l.identity.to_string())
                            .collect();
                        text = text.text(format!(
                            "\n• {} {} – {}",
                            m.id,
                            m.display_name,
                            accounts.join(", ")
                        ));
                    }
                    return Err(Failure::Refused(text));
                }
            }
        }
    };
    match found.filter(|m| m.is_active()) {
        Some(member) => Ok(member),
        None => Err(turn.refuse("role-unknown-member")),
    }
}

/// The member known on a platform by this handle (`@anna_k`), if any.
async fn handle_of(turn: &mut Turn<'_>, name: &str) -> Step<Option<Member>> {
    let handle = name.trim_start_matches('@').to_lowercase();
    if handle.contains(char::is_whitespace) {
        return Ok(None);
    }
    Ok(turn.tx.member_by_handle(&handle).await?)
}

/// `/mitglieder [suche]`: who is in the alliance, with role and messengers (organisers;
/// privately when asked in a group – names and accounts are personal data).
pub async fn list(turn: &mut Turn<'_>, query: Option<&str>) -> Step {
    let lang = turn.lang;
    let wanted = query.map(loose).filter(|q| !q.is_empty());
    let mut shown = Vec::new();
    for member in turn.tx.members(MEMBERS_MAX).await? {
        let accounts: Vec<String> = turn
            .tx
            .identities(member.id)
            .await?
            .iter()
            .map(|l| l.identity.to_string())
            .collect();
        let matches = match &wanted {
            None => true,
            Some(q) => {
                loose(&member.display_name).contains(q.as_str())
                    || accounts.iter().any(|a| loose(a).contains(q.as_str()))
            }
        };
        if matches {
            shown.push((member, accounts));
        }
    }
    let mut text = RichText::default().bold(t!(lang, "members-title", count = shown.len()));
    if shown.is_empty() {
        text = text.line(t!(lang, "members-none"));
    }
    for (member, accounts) in shown.iter().take(LIST_MAX) {
        let mut line = format!(
            "• {} {} – {}",
            member.id,
            member.display_name,
            role_name(lang, member.role)
        );
        if member.status != MemberStatus::Active {
            let status = tr(lang, &format!("status-{}", member.status.as_str()), &[]);
            line.push_str(&format!(" ({status})"));
        }
        if !accounts.is_empty() {
            line.push_str(&format!(" · {}", accounts.join(", ")));
        }
        text = text.line(line);
    }
    if shown.len() > LIST_MAX {
        text = text.line(t!(lang, "events-more", count = shown.len() - LIST_MAX));
    }
    turn.reply_privately(|to| Outgoing::new(to, text));
    Ok(())
}

pub async fn set_role(turn: &mut Turn<'_>, who: MemberRef, role: Role) -> Step {
    let lang = turn.lang;
    let mut target = resolve(turn, &who, "/rolle #NUMMER ROLLE").await?;
    if turn.member.as_ref().is_some_and(|me| me.id == target.id) {
        // An admin demoting themselves could leave the alliance without any admin.
        return Err(turn.refuse("role-not-yourself"));
    }
    let before = target.role;
    target.role = role;
    turn.tx.update_member(&target).await?;
    turn.audit(
        "member.role",
        Some(target.id.to_string()),
        serde_json::json!({ "from": before, "to": role }),
    )
    .await?;
    turn.reply(RichText::plain(t!(
        lang,
        "role-set",
        name = &target.display_name,
        role = &role_name(lang, role)
    )));
    // Tell the person, on their first linked account, in their own language.
    if let Some(first) = turn.tx.identities(target.id).await?.into_iter().next() {
        let text = t!(
            target.lang,
            "role-you-now",
            role = &role_name(target.lang, role)
        );
        turn.direct(&first.identity, |to| {
            Outgoing::new(to, RichText::plain(text))
        });
    }
    Ok(())
}

pub async fn link(turn: &mut Turn<'_>, action: LinkAction) -> Step {
    match action {
        LinkAction::Start => link_start(turn).await,
        LinkAction::Finish(code) => link_finish(turn, &code).await,
        LinkAction::Unlink(account) => unlink(turn, account.as_deref()).await,
    }
}

async fn link_start(turn: &mut Turn<'_>) -> Step {
    let member = turn.active_member()?;
    let code = super::codes::fresh(turn, CodeKind::Link).await?;
    let expires_at = turn.now + turn.config.link_code_ttl;
    turn.tx.put_link_code(&code, member.id, expires_at).await?;
    turn.audit(
        "identity.link_code",
        Some(member.id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    let lang = turn.lang;
    let minutes = turn.config.link_code_ttl.num_minutes();
    let text = RichText::plain(t!(lang, "link-code-lead"))
        .text(" ")
        .code(code.clone())
        .line(t!(lang, "link-code-how", code = &code, minutes = minutes));
    turn.reply_privately(|to| Outgoing::new(to, text));
    Ok(())
}

async fn link_finish(turn: &mut Turn<'_>, code: &str) -> Step {
    let Some(valid) = super::codes::check(turn, CodeKind::Link, code).await? else {
        return Ok(());
    };
    let Some(owner) = turn.tx.take_link_code(&valid.code, turn.now).await? else {
        return Err(turn.refuse("link-bad-code"));
    };
    let sender = turn.sender().clone();
    match &turn.member {
        Some(m) if m.id == owner => return Err(turn.refuse("link-already")),
        // Merging two people's records is not something a code should do silently.
        Some(_) => return Err(turn.refuse("link-other-member")),
        None => {}
    }
    let earlier = turn.tx.identities(owner).await?;
    turn.tx.attach_identity(owner, &sender, turn.now).await?;
    turn.member = turn.tx.member(owner).await?;
    if let Some(m) = &turn.member {
        turn.lang = m.lang;
    }
    turn.audit(
        "identity.link",
        Some(owner.to_string()),
        serde_json::json!({ "platform": sender.platform() }),
    )
    .await?;
    // Whoever holds the member's other accounts hears of it: a stolen code shows at once.
    let account = sender.to_string();
    for linked in earlier {
        let text = t!(turn.lang, "link-notice", identity = &account);
        turn.direct(&linked.identity, |to| {
            Outgoing::new(to, RichText::plain(text))
        });
    }
    let text = t!(turn.lang, "link-done", identity = &account);
    turn.reply(RichText::plain(text));
    Ok(())
}

/// `/verknuepfen lösen [konto]`: takes an account off the member (the one named, or the one
/// linked last). Not the account one writes from: that would lock oneself out mid-sentence.
async fn unlink(turn: &mut Turn<'_>, account: Option<&str>) -> Step {
    let member = turn.active_member()?;
    let sender = turn.sender().clone();
    let linked = turn.tx.identities(member.id).await?;
    let others: Vec<_> = linked.iter().filter(|l| l.identity != sender).collect();
    let target = match account {
        Some(text) => {
            let named = PlatformIdentity::parse(text.trim()).ok();
            match named {
                Some(id) if id == sender => return Err(turn.refuse("unlink-self")),
                Some(id) => others.iter().find(|l| l.identity == id).copied(),
                None => None,
            }
        }
        None => others.iter().max_by_key(|l| l.linked_at).copied(),
    };
    let Some(target) = target.cloned() else {
        return Err(turn.refuse("unlink-unknown"));
    };
    turn.tx.detach_identity(member.id, &target.identity).await?;
    turn.tx.delete_account_state(&target.identity).await?;
    turn.audit(
        "identity.unlink",
        Some(member.id.to_string()),
        serde_json::json!({ "platform": target.identity.platform() }),
    )
    .await?;
    let text = t!(
        turn.lang,
        "unlink-done",
        identity = &target.identity.to_string()
    );
    turn.reply(RichText::plain(text));
    Ok(())
}
