//! Codes people type (invitations, account links). A wrong one counts against the account
//! that typed it – a few within an hour and it is locked out for the rest of that hour – and,
//! if it named a code, against that code, which is void after a few. The counts are written in
//! the turn's own transaction and answered without a rollback, so a refusal cannot undo them.

use chrono::Duration;

use super::turn::{Step, Turn};
use crate::domain::MemberId;
use crate::message::{Outgoing, RichText};
use crate::t;

/// Wrong codes an account may type within `ACCOUNT_WINDOW`.
pub const MAX_FAILED_PER_ACCOUNT: i64 = 5;
pub const ACCOUNT_WINDOW: Duration = Duration::hours(1);
/// Wrong guesses a code survives; then it is void (its owner is told).
pub const MAX_FAILED_PER_CODE: i64 = 5;

/// Whether the sender has typed too many wrong codes lately.
pub async fn locked_out(turn: &mut Turn<'_>) -> Step<bool> {
    let since = turn.now - ACCOUNT_WINDOW;
    let sender = turn.sender().clone();
    Ok(turn.tx.code_failures_since(&sender, since).await? >= MAX_FAILED_PER_ACCOUNT)
}

/// Notes a wrong code typed by the sender and answers with `key`. Not a refusal: the note
/// must be committed.
pub async fn wrong(turn: &mut Turn<'_>, key: &str) -> Step {
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
pub async fn tell_voided(turn: &mut Turn<'_>, owner: MemberId, what: &str) -> Step {
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
