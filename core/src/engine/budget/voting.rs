//! The plenary: ballot cards for every admitted application (all at once, or one after the
//! other while each is presented), votes by reaction, button, command or hand vote, and the
//! count. One person, one vote per application: votes are keyed by the person's token in
//! the round, whatever account or chat they come from; the latest choice counts.

use super::cards::{ballot_card, result_table, vote_buttons};
use super::ledger::{GENESIS, chain_hash};
use super::rounds::with_initiatives;
use super::{current_round, refused, round_chats, seen_application, tell_member};
use crate::command::{MemberRef, VotingAction};
use crate::domain::budget::{Candidate, Eligibility};
use crate::domain::keys::LiveKey;
use crate::domain::{
    Application, ApplicationId, ApplicationState, BallotForm, BallotState, Choice, Member,
    MemberId, Round, RoundId, RoundState, RsvpStatus,
};
use crate::engine::turn::{Failure, Step, Turn};
use crate::message::{Outgoing, RichText, Target};
use crate::store::{ResultRow, StoreError, StoreTx, VoteChain, VoteLogRow};
use crate::t;

/// `/abstimmung start|naechster|schliessen [runde]`
pub async fn voting(turn: &mut Turn<'_>, round: Option<RoundId>, action: VotingAction) -> Step {
    let round = current_round(turn, round).await?;
    turn.tx.lock_round(round.id).await?;
    match action {
        VotingAction::Start => start(turn, round).await,
        VotingAction::Next => next(turn, round).await,
        VotingAction::Close => close(turn, round).await,
    }
}

/// The admitted applications, once none is left undecided.
async fn agenda(turn: &mut Turn<'_>, round: &Round) -> Step<Vec<Application>> {
    let lang = turn.lang;
    if round.state >= RoundState::Counted {
        return Err(refused(t!(lang, "voting-over", id = round.id.0)));
    }
    let applications = turn.tx.applications(round.id).await?;
    let undecided: Vec<String> = applications
        .iter()
        .filter(|a| a.state == ApplicationState::Submitted)
        .map(|a| a.id.to_string())
        .collect();
    if !undecided.is_empty() {
        return Err(refused(t!(
            lang,
            "voting-undecided",
            ids = &undecided.join(", ")
        )));
    }
    let admitted: Vec<Application> = applications
        .into_iter()
        .filter(|a| a.state == ApplicationState::Admitted)
        .collect();
    if admitted.is_empty() {
        return Err(refused(t!(lang, "voting-nothing", id = round.id.0)));
    }
    Ok(admitted)
}

async fn begin_voting(turn: &mut Turn<'_>, round: &mut Round) -> Step {
    if round.state < RoundState::Voting {
        round.state = RoundState::Voting;
        turn.tx.update_round(round).await?;
        turn.audit(
            "budget.voting_open",
            Some(round.id.to_string()),
            serde_json::json!({}),
        )
        .await?;
    }
    Ok(())
}

async fn start(turn: &mut Turn<'_>, mut round: Round) -> Step {
    let admitted = agenda(turn, &round).await?;
    if round.state == RoundState::Voting {
        return Err(refused(t!(turn.lang, "voting-running", id = round.id.0)));
    }
    begin_voting(turn, &mut round).await?;
    for mut application in admitted.clone() {
        application.ballot = BallotState::Open;
        turn.tx.update_application(&application).await?;
        post_ballot(turn, &round, &application).await?;
    }
    turn.reply(RichText::plain(t!(
        turn.lang,
        "voting-started",
        id = round.id.0,
        count = admitted.len()
    )));
    Ok(())
}

/// Live mode: closes the application just voted on and opens the next one.
async fn next(turn: &mut Turn<'_>, mut round: Round) -> Step {
    let admitted = agenda(turn, &round).await?;
    begin_voting(turn, &mut round).await?;
    for mut application in admitted
        .iter()
        .filter(|a| a.ballot == BallotState::Open)
        .cloned()
    {
        application.ballot = BallotState::Closed;
        turn.tx.update_application(&application).await?;
        refresh(turn, &round, &application).await?;
    }
    let Some(mut upcoming) = admitted
        .into_iter()
        .find(|a| a.ballot == BallotState::NotYet)
    else {
        turn.reply(RichText::plain(t!(
            turn.lang,
            "voting-all-done",
            id = round.id.0
        )));
        return Ok(());
    };
    upcoming.ballot = BallotState::Open;
    turn.tx.update_application(&upcoming).await?;
    post_ballot(turn, &round, &upcoming).await?;
    Ok(())
}

/// Posts an application's ballot card in every chat of the round; in a secret ballot each
/// eligible member also gets their own ballot privately.
async fn post_ballot(turn: &mut Turn<'_>, round: &Round, application: &Application) -> Step {
    let initiative = super::applications::initiative_name(&mut *turn.tx, application).await?;
    let tally = turn.tx.tally(application.id).await?;
    let (body, buttons) = ballot_card(round, application, &initiative, Some(&tally));
    let key = LiveKey::Ballot(application.id).to_string();
    for chat in round_chats(turn).await? {
        let mut message = Outgoing::new(Target::Chat { chat }, body.clone());
        message.buttons = buttons.clone();
        message.live_key = Some(key.clone());
        turn.outgoing.push(message);
    }
    if round.settings.secret {
        for member in turn.tx.members(100_000).await? {
            if !eligible(turn, round, &member).await? {
                continue;
            }
            let Some(first) = turn.tx.identities(member.id).await?.into_iter().next() else {
                continue;
            };
            let (ballot, _) = ballot_card(round, application, &initiative, None);
            let mut message = Outgoing::new(
                Target::Direct {
                    identity: first.identity,
                },
                ballot.line(t!(member.lang, "ballot-private")),
            );
            message.buttons = vote_buttons(member.lang, application, round.settings.ballot);
            message.live_key = Some(key.clone());
            turn.outgoing.push(message);
        }
    }
    Ok(())
}

/// Edits every ballot card of an application in place with the current count.
async fn refresh(turn: &mut Turn<'_>, round: &Round, application: &Application) -> Step {
    let edits = card_edits(&mut *turn.tx, round, application).await?;
    turn.outgoing.extend(edits);
    Ok(())
}

/// The new versions of an application's ballot cards. Private ballots show no count: they
/// change only when the ballot closes (one edit per member then, not one per member and vote).
pub(crate) async fn card_edits(
    tx: &mut dyn StoreTx,
    round: &Round,
    application: &Application,
) -> Result<Vec<Outgoing>, StoreError> {
    let key = LiveKey::Ballot(application.id).to_string();
    let messages = tx.live_versions(&key).await?;
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let initiative = super::applications::initiative_name(tx, application).await?;
    let tally = tx.tally(application.id).await?;
    let (body, buttons) = ballot_card(round, application, &initiative, Some(&tally));
    let open = application.ballot == BallotState::Open;
    let mut edits = Vec::new();
    for old in messages {
        let private = matches!(old.target, Target::Direct { .. });
        if private && open {
            continue;
        }
        let mut message = Outgoing::new(old.target.clone(), body.clone());
        message.buttons = if private { Vec::new() } else { buttons.clone() };
        message.live_key = old.live_key.clone();
        edits.push(message);
    }
    Ok(edits)
}

async fn close(turn: &mut Turn<'_>, mut round: Round) -> Step {
    let lang = turn.lang;
    if round.state != RoundState::Voting {
        return Err(refused(match round.state {
            RoundState::Counted | RoundState::Published => {
                t!(lang, "voting-over", id = round.id.0)
            }
            _ => t!(lang, "voting-not-started", id = round.id.0),
        }));
    }
    let admitted: Vec<Application> = turn
        .tx
        .applications(round.id)
        .await?
        .into_iter()
        .filter(|a| a.state == ApplicationState::Admitted)
        .collect();
    let mut candidates = Vec::new();
    let mut tallies = Vec::new();
    for mut application in admitted.clone() {
        let tally = turn.tx.tally(application.id).await?;
        if application.ballot != BallotState::Closed {
            application.ballot = BallotState::Closed;
            turn.tx.update_application(&application).await?;
            refresh(turn, &round, &application).await?;
        }
        tallies.push((application.id, tally));
        candidates.push(Candidate {
            id: application.id,
            amount: application.voted_amount(),
            submitted_at: application.submitted_at,
            tally,
        });
    }
    let allocation = crate::domain::budget::allocate(&round.settings, round.pot(), &candidates);
    let rows: Vec<ResultRow> = allocation
        .decisions
        .iter()
        .map(|decision| ResultRow {
            tally: tallies
                .iter()
                .find(|(id, _)| *id == decision.id)
                .map(|(_, t)| *t)
                .unwrap_or_default(),
            decision: *decision,
        })
        .collect();
    turn.tx.store_results(round.id, &rows).await?;
    let seal = super::ledger::seal(&turn.tx.vote_log(round.id).await?);
    turn.tx.set_log_seal(round.id, &seal).await?;
    round.state = RoundState::Counted;
    round.counted_at = Some(turn.now);
    turn.tx.update_round(&round).await?;
    turn.audit(
        "budget.counted",
        Some(round.id.to_string()),
        serde_json::json!({ "granted": allocation.granted.cents(), "pot": round.pot().cents() }),
    )
    .await?;
    // The channels hear that the vote is closed; the table goes out once it is published.
    let here = turn.incoming.chat.clone();
    for chat in round_chats(turn).await? {
        if chat.platform == here.platform && chat.id == here.id {
            continue;
        }
        let text = t!(
            round.lang,
            "voting-closed-channels",
            id = round.id.0,
            title = &round.title
        );
        turn.outgoing
            .push(Outgoing::new(Target::Chat { chat }, RichText::plain(text)));
    }
    let applications = with_initiatives(turn, admitted).await?;
    let table = result_table(lang, &round, &applications, &rows, Some(&seal));
    turn.reply(table.line(t!(lang, "voting-closed-publish", id = round.id.0)));
    Ok(())
}

/// Whether a member may vote in the round.
async fn eligible(turn: &mut Turn<'_>, round: &Round, member: &Member) -> Step<bool> {
    if !member.is_active() {
        return Ok(false);
    }
    match (round.settings.eligibility, round.meeting) {
        (Eligibility::Members, _) => Ok(true),
        (Eligibility::MeetingRegistered, None) => Ok(true),
        (Eligibility::MeetingRegistered, Some(meeting)) => {
            let Some(event) = turn.tx.event(meeting).await? else {
                return Ok(false);
            };
            let exceptions = turn.tx.exceptions(meeting).await?;
            let Some(occurrence) = crate::engine::events::next_occurrence(
                &event,
                &exceptions,
                turn.now,
                turn.config.events.default_length,
            ) else {
                return Ok(false);
            };
            Ok(turn
                .tx
                .rsvps(meeting, occurrence.key)
                .await?
                .iter()
                .any(|r| r.member == member.id && r.status == RsvpStatus::Yes))
        }
    }
}

/// What happened to a vote.
enum Cast {
    Counted { previous: Option<Choice> },
    Unchanged,
}

/// Why a vote cannot count, as a sentence.
async fn refusal(
    turn: &mut Turn<'_>,
    round: &Round,
    application: &Application,
    voter: &Member,
    choice: Option<Choice>,
) -> Step<Option<String>> {
    let lang = turn.lang;
    let id = application.id.to_string();
    if application.ballot != BallotState::Open || round.state != RoundState::Voting {
        return Ok(Some(t!(lang, "vote-not-open", id = &id)));
    }
    if !eligible(turn, round, voter).await? {
        return Ok(Some(t!(lang, "vote-not-eligible", id = round.id.0)));
    }
    if let Some(choice) = choice
        && !choice.fits(round.settings.ballot)
    {
        return Ok(Some(match round.settings.ballot {
            BallotForm::YesNo => t!(lang, "vote-wants-yes-no", id = &id),
            BallotForm::Points(n) => t!(lang, "vote-wants-points", id = &id, points = n),
        }));
    }
    if let (Some(Choice::Points(n)), BallotForm::Points(max)) = (choice, round.settings.ballot) {
        // Held from here, so two votes of one person at once cannot both fit.
        let token = turn.tx.lock_voter(round.id, voter.id).await?;
        let used: u32 = turn
            .tx
            .votes_of(round.id, &token)
            .await?
            .iter()
            .filter(|(a, _)| *a != application.id)
            .map(|(_, c)| match c {
                Choice::Points(p) => *p,
                _ => 0,
            })
            .sum();
        if used + n > max {
            return Ok(Some(t!(
                lang,
                "vote-points-left",
                left = max.saturating_sub(used),
                points = max
            )));
        }
    }
    Ok(None)
}

/// Counts (or with `None` withdraws) a member's vote: the current choice and one log row
/// chained to the voter's last. The cards are edited after the commit (see `CardRefresher`).
async fn cast(
    turn: &mut Turn<'_>,
    round: &Round,
    application: &Application,
    voter: MemberId,
    choice: Option<Choice>,
) -> Step<Cast> {
    let ballot = turn
        .tx
        .voter_ballot(round.id, voter, application.id)
        .await?;
    let previous = ballot.current;
    if previous == choice {
        return Ok(Cast::Unchanged);
    }
    let prev_hash = ballot.head.unwrap_or_else(|| GENESIS.to_string());
    let hash = chain_hash(
        &prev_hash,
        round.id,
        application.id,
        &ballot.token,
        choice,
        turn.now,
    );
    let row = VoteLogRow {
        id: 0,
        application: application.id,
        token: ballot.token,
        choice,
        at: turn.now,
        chain: VoteChain::Voter,
        prev_hash,
        hash,
    };
    turn.tx.record_vote(round.id, &row).await?;
    turn.ballots_changed.push(application.id);
    Ok(Cast::Counted { previous })
}

/// The application voted on and its round, as they are while this vote is written: a count
/// or the next ballot waits for it, or it for them.
async fn voted_on(turn: &mut Turn<'_>, id: ApplicationId) -> Step<(Application, Round)> {
    let found = turn.tx.application_for_vote(id).await?;
    seen_application(turn, id, found).await
}

/// `voted_on` for a reaction or button: an application not there (or not to be seen) is
/// `None`, a database failure still fails the event.
async fn ballot_if_any(
    turn: &mut Turn<'_>,
    id: ApplicationId,
) -> Step<Option<(Application, Round)>> {
    match voted_on(turn, id).await {
        Ok(found) => Ok(Some(found)),
        Err(Failure::Store(e)) => Err(Failure::Store(e)),
        Err(Failure::Refused(_)) => Ok(None),
    }
}

fn choice_name(lang: crate::domain::Lang, choice: Choice) -> String {
    match choice {
        Choice::Yes => t!(lang, "choice-yes"),
        Choice::No => t!(lang, "choice-no"),
        Choice::Abstain => t!(lang, "choice-abstain"),
        Choice::Points(n) => t!(lang, "choice-points", points = n),
    }
}

fn confirmation(
    lang: crate::domain::Lang,
    id: ApplicationId,
    choice: Choice,
    cast: &Cast,
) -> String {
    let (id, choice) = (id.to_string(), choice_name(lang, choice));
    match cast {
        Cast::Unchanged => t!(lang, "vote-unchanged", id = &id, choice = &choice),
        Cast::Counted { previous: None } => t!(lang, "vote-counted", id = &id, choice = &choice),
        Cast::Counted { previous: Some(_) } => {
            t!(lang, "vote-changed", id = &id, choice = &choice)
        }
    }
}

/// `/stimme A3 ja` anywhere; `/stimme` alone shows the sender's own votes.
pub async fn vote(turn: &mut Turn<'_>, ballot: Option<(ApplicationId, Choice)>) -> Step {
    let member = turn.active_member()?;
    let Some((id, choice)) = ballot else {
        return own_votes(turn, &member).await;
    };
    let (application, round) = voted_on(turn, id).await?;
    if round.settings.secret && !turn.incoming.chat.is_private {
        return Err(turn.refuse("vote-secret-privately"));
    }
    if let Some(why) = refusal(turn, &round, &application, &member, Some(choice)).await? {
        return Err(refused(why));
    }
    let cast = cast(turn, &round, &application, member.id, Some(choice)).await?;
    let text = confirmation(turn.lang, id, choice, &cast);
    turn.reply(RichText::plain(text));
    Ok(())
}

/// A member's own votes in the current round: only ever shown to them.
async fn own_votes(turn: &mut Turn<'_>, member: &Member) -> Step {
    let round = current_round(turn, None).await?;
    let lang = turn.lang;
    let token = turn.tx.voter_token(round.id, member.id).await?;
    let votes = match token {
        Some(token) => turn.tx.votes_of(round.id, &token).await?,
        None => Vec::new(),
    };
    let mut text = RichText::default().bold(t!(lang, "vote-own-title", id = round.id.0));
    if votes.is_empty() {
        text = text.line(t!(lang, "vote-own-none"));
    }
    for (id, choice) in votes {
        text = text.line(format!("{id}: {}", choice_name(lang, choice)));
    }
    turn.reply_privately(|to| Outgoing::new(to, text));
    Ok(())
}

/// `/stimme-fuer <wer> A3 ja`: an organiser enters the vote of someone present without a
/// phone. It counts as that person's vote (replacing any they gave), and they are told.
pub async fn hand_vote(
    turn: &mut Turn<'_>,
    who: MemberRef,
    id: ApplicationId,
    choice: Choice,
) -> Step {
    let voter = crate::engine::members::resolve(turn, &who, "vote-for").await?;
    let (application, round) = voted_on(turn, id).await?;
    let lang = turn.lang;
    if let Some(why) = refusal(turn, &round, &application, &voter, Some(choice)).await? {
        return Err(refused(why));
    }
    let cast = cast(turn, &round, &application, voter.id, Some(choice)).await?;
    // Who entered whose vote is on record; the choice itself is only in the vote log.
    turn.audit(
        "budget.hand_vote",
        Some(application.id.to_string()),
        serde_json::json!({ "for": voter.id.0 }),
    )
    .await?;
    let entered_by = turn
        .member
        .as_ref()
        .map(|m| m.display_name.clone())
        .unwrap_or_default();
    let (id_text, title) = (application.id.to_string(), application.title.clone());
    tell_member(turn, voter.id, |lang| {
        RichText::plain(t!(
            lang,
            "vote-entered-for-you",
            id = &id_text,
            title = &title,
            choice = &choice_name(lang, choice),
            by = &entered_by
        ))
    })
    .await?;
    let text = match cast {
        Cast::Unchanged => t!(
            lang,
            "vote-for-unchanged",
            name = &voter.display_name,
            id = &application.id.to_string()
        ),
        Cast::Counted { .. } => t!(
            lang,
            "vote-for-done",
            name = &voter.display_name,
            id = &application.id.to_string()
        ),
    };
    turn.reply(RichText::plain(text));
    Ok(())
}

/// A button under a ballot answers only the person who pressed it.
pub async fn button(turn: &mut Turn<'_>, id: ApplicationId, choice: Choice) -> Step {
    let lang = turn.lang;
    let Some(member) = turn.member.clone().filter(Member::is_active) else {
        turn.notice = Some(t!(lang, "vote-members-only"));
        return Ok(());
    };
    let Some((application, round)) = ballot_if_any(turn, id).await? else {
        turn.notice = Some(t!(lang, "button-inactive"));
        return Ok(());
    };
    // Group buttons do not exist in a secret ballot; a private ballot's do.
    if round.settings.secret && !turn.incoming.chat.is_private {
        turn.notice = Some(t!(lang, "vote-secret-privately"));
        return Ok(());
    }
    turn.notice = Some(
        match refusal(turn, &round, &application, &member, Some(choice)).await? {
            Some(why) => why,
            None => {
                let cast = cast(turn, &round, &application, member.id, Some(choice)).await?;
                confirmation(lang, id, choice, &cast)
            }
        },
    );
    Ok(())
}

/// Tells a person once per round why their reactions do not count.
async fn hint_once(turn: &mut Turn<'_>, round: &Round, kind: &'static str, text: String) -> Step {
    let person = turn.person();
    if turn.tx.note_hint(round.id, &person, kind).await? {
        let sender = turn.sender().clone();
        turn.direct(&sender, |to| Outgoing::new(to, RichText::plain(text)));
    }
    Ok(())
}

/// A reaction on a ballot card: 👍 👎 🤷 (or 1️⃣–5️⃣ points) is that vote.
pub async fn reaction_added(turn: &mut Turn<'_>, id: ApplicationId, key: &str) -> Step {
    let Some((application, round)) = ballot_if_any(turn, id).await? else {
        return Ok(());
    };
    let Some(choice) = Choice::of_reaction(key, round.settings.ballot) else {
        return Ok(());
    };
    let lang = turn.lang;
    let Some(member) = turn.member.clone().filter(Member::is_active) else {
        return hint_once(turn, &round, "member", t!(lang, "vote-members-only")).await;
    };
    if round.settings.secret && !turn.incoming.chat.is_private {
        return hint_once(turn, &round, "secret", t!(lang, "vote-secret-privately")).await;
    }
    match refusal(turn, &round, &application, &member, Some(choice)).await? {
        None => {
            cast(turn, &round, &application, member.id, Some(choice)).await?;
        }
        Some(why) => {
            // Points over the limit: said each time, since it is about this reaction.
            if let Choice::Points(_) = choice
                && application.ballot == BallotState::Open
                && eligible(turn, &round, &member).await?
            {
                let sender = turn.sender().clone();
                turn.direct(&sender, |to| Outgoing::new(to, RichText::plain(why)));
            } else {
                hint_once(turn, &round, "eligible", why).await?;
            }
        }
    }
    Ok(())
}

/// Taking the reaction back withdraws the vote, if it is still that choice.
pub async fn reaction_removed(turn: &mut Turn<'_>, id: ApplicationId, key: &str) -> Step {
    let Some((application, round)) = ballot_if_any(turn, id).await? else {
        return Ok(());
    };
    let Some(choice) = Choice::of_reaction(key, round.settings.ballot) else {
        return Ok(());
    };
    let Some(member) = turn.member.clone().filter(Member::is_active) else {
        return Ok(());
    };
    if round.settings.secret && !turn.incoming.chat.is_private {
        return Ok(());
    }
    if application.ballot != BallotState::Open || round.state != RoundState::Voting {
        return Ok(());
    }
    let token = turn.tx.lock_voter(round.id, member.id).await?;
    let current = turn
        .tx
        .votes_of(round.id, &token)
        .await?
        .into_iter()
        .find(|(a, _)| *a == application.id)
        .map(|(_, c)| c);
    if current == Some(choice) {
        cast(turn, &round, &application, member.id, None).await?;
    }
    Ok(())
}
