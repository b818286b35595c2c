//! Codes people type (invitations, account links). A wrong one counts against the account
//! that typed it – a few within an hour and it is locked out for the rest of that hour – and,
//! if it named a code, against that code, which is void after a few. The counts are written in
//! the turn's own transaction and answered without a rollback, so a refusal cannot undo them.

use chrono::Duration;

use super::turn::{Step, Turn};
use crate::domain::MemberId;
use crate::domain::codes::{self, handle_of};
use crate::message::{Outgoing, RichText};
use crate::t;

/// Wrong codes an account may type within `ACCOUNT_WINDOW`.
pub const MAX_FAILED_PER_ACCOUNT: i64 = 5;
pub const ACCOUNT_WINDOW: Duration = Duration::hours(1);
/// Wrong guesses a code survives; then it is void (its owner is told).
pub const MAX_FAILED_PER_CODE: i64 = 5;

/// Whether the sender has typed too many wrong codes lately.
async fn locked_out(turn: &mut Turn<'_>) -> Step<bool> {
    let since = turn.now - ACCOUNT_WINDOW;
    let sender = turn.sender().clone();
    Ok(turn.tx.code_failures_since(&sender, since).await? >= MAX_FAILED_PER_ACCOUNT)
}

/// Notes a wrong code typed by the sender and answers with `key`. Not a refusal: the note
/// must be committed.
async fn wrong(turn: &mut Turn<'_>, key: &str) -> Step {
    let sender = turn.sender().clone();
    let (now, since) = (turn.now, turn.now - ACCOUNT_WINDOW);
    turn.tx.record_code_failure(&sender, now, since).await?;
    let failures = turn.tx.code_failures_since(&sender, since).await?;
    tracing::info!(
        platform = %sender.platform(),
        failures,
        "wrong code typed"
    );
    let mut text = crate::i18n::tr(turn.lang, key, &[]);
    if failures >= MAX_FAILED_PER_ACCOUNT {
        text = format!("{text}\n{}", t!(turn.lang, "code-locked-out"));
    }
    turn.reply(RichText::plain(text));
    Ok(())
}

/// A code that just became void after too many wrong guesses: its owner hears of it
/// privately, on each of their accounts.
async fn tell_voided(turn: &mut Turn<'_>, owner: MemberId, what: &str) -> Step {
    let Some(member) = turn.tx.member(owner).await? else {
        return Ok(());
    };
    let text = t!(member.lang, what);
    for linked in turn.tx.identities(owner).await? {
        let text = text.clone();
        turn.direct(&linked.identity, |to| {
            Outgoing::new(to, RichText::plain(text))
        });
    }
    turn.audit("code.void", Some(owner.to_string()), serde_json::json!({}))
        .await
}

/// The two kinds of code people type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Invitation,
    Link,
}

/// A stored code, as the checks need it; `check` hands it on when it was typed correctly
/// (whether it can still be used, the caller says, with its own words for why not).
pub struct Stored {
    pub code: String,
    pub owner: MemberId,
    failed: i64,
    /// Used up already (an invitation someone joined with).
    pub used: bool,
    pub expired: bool,
}

impl Stored {
    /// Still usable.
    fn live(&self) -> bool {
        !self.used && !self.expired
    }
}

impl CodeKind {
    async fn stored(self, turn: &mut Turn<'_>, handle: &str) -> Step<Option<Stored>> {
        let now = turn.now;
        Ok(match self {
            CodeKind::Invitation => turn.tx.invitation_by_handle(handle).await?.map(|i| Stored {
                used: i.used_by.is_some(),
                expired: i.expires_at <= now,
                code: i.code,
                owner: i.created_by,
                failed: i.failed_attempts,
            }),
            CodeKind::Link => turn.tx.link_code_by_handle(handle).await?.map(|c| Stored {
                used: false,
                expired: c.expires_at <= now,
                code: c.code,
                owner: c.member,
                failed: c.failed_attempts,
            }),
        })
    }

    async fn count_failure(self, turn: &mut Turn<'_>, code: &str) -> Step<i64> {
        Ok(match self {
            CodeKind::Invitation => turn.tx.invitation_failed(code).await?,
            CodeKind::Link => turn.tx.link_code_failed(code).await?,
        })
    }

    /// The answers: unknown code, the owner's notice when it is voided, a voided code.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            CodeKind::Invitation => ("join-unknown-code", "invite-voided", "join-void-code"),
            CodeKind::Link => ("link-bad-code", "link-voided", "link-void-code"),
        }
    }
}

/// A new code whose handle names no live code of its kind (else a wrong guess at one would
/// count against the other).
pub async fn fresh(turn: &mut Turn<'_>, kind: CodeKind) -> Step<String> {
    loop {
        let code = codes::new_code();
        if !kind
            .stored(turn, handle_of(&code))
            .await?
            .is_some_and(|s| s.live())
        {
            return Ok(code);
        }
    }
}

/// What someone typed as a code of this kind: the stored code it is, or `None` when it was
/// wrong – then it has been counted (against the account, and the code it aimed at) and
/// answered, and the caller ends the turn without a rollback. A locked-out account and a
/// voided code are refused.
pub async fn check(turn: &mut Turn<'_>, kind: CodeKind, input: &str) -> Step<Option<Stored>> {
    let (unknown, voided_notice, void) = kind.words();
    if locked_out(turn).await? {
        return Err(turn.refuse("code-locked-out"));
    }
    let typed = codes::parse(input);
    let stored = match &typed {
        Some(typed) => kind.stored(turn, typed.handle()).await?,
        None => None,
    };
    let (Some(typed), Some(stored)) = (typed, stored) else {
        wrong(turn, unknown).await?;
        return Ok(None);
    };
    if !typed.matches(&stored.code) {
        if kind.count_failure(turn, &stored.code).await? == MAX_FAILED_PER_CODE {
            tell_voided(turn, stored.owner, voided_notice).await?;
        }
        wrong(turn, unknown).await?;
        return Ok(None);
    }
    if stored.failed >= MAX_FAILED_PER_CODE {
        return Err(turn.refuse(void));
    }
    Ok(Some(stored))
}
