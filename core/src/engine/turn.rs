//! One turn of the engine: the open transaction, who is speaking, and what to answer.

use chrono::{DateTime, Utc};

use super::EngineConfig;
use crate::domain::{
    Audience, Lang, Member, MemberStatus, Place, PlatformIdentity, Role, Visibility, may_see,
};
use crate::message::{AskedIn, Incoming, IncomingKind, Outgoing, RichText, Sensitivity, Target};
use crate::store::{AuditEntry, NewMember, StoreError, StoreTx};
use crate::t;

/// Why a command did not go through.
pub enum Failure {
    /// The person gets this answer; everything the command wrote is rolled back.
    Refused(RichText),
    /// The whole event is rolled back and not acknowledged, so it is retried.
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

pub type Step<T = ()> = Result<T, Failure>;

pub struct Turn<'a> {
    pub tx: Box<dyn StoreTx>,
    pub incoming: &'a Incoming,
    pub config: &'a EngineConfig,
    pub now: DateTime<Utc>,
    /// The person behind the sending account, if they are (or are becoming) a member.
    pub member: Option<Member>,
    pub lang: Lang,
    pub outgoing: Vec<Outgoing>,
    /// A short confirmation for the person who pressed a button.
    pub notice: Option<String>,
    /// Reminders were planned: the scheduler should look again.
    pub schedule_changed: bool,
    /// Votes changed these applications: their cards are edited after the commit.
    pub ballots_changed: Vec<crate::domain::ApplicationId>,
    /// The turn showed a confidential item: its replies in this chat are confidential.
    shows_confidential: bool,
    /// The chat as the alliance knows it, looked up when first needed.
    place: Option<Place>,
    /// Written with the outbox rows when the turn commits.
    audits: Vec<AuditEntry>,
}

impl<'a> Turn<'a> {
    /// A turn for an event just taken in, from the member behind its sender (if any).
    pub(super) async fn open(
        tx: Box<dyn StoreTx>,
        incoming: &'a Incoming,
        member: Option<Member>,
        config: &'a EngineConfig,
        now: DateTime<Utc>,
    ) -> Result<Turn<'a>, StoreError> {
        let lang = member.as_ref().map(|m| m.lang).unwrap_or_default();
        let mut turn = Turn {
            tx,
            incoming,
            config,
            now,
            member,
            lang,
            outgoing: Vec::new(),
            notice: None,
            schedule_changed: false,
            ballots_changed: Vec::new(),
            shows_confidential: false,
            place: None,
            audits: Vec::new(),
        };
        if turn.member.is_none() && config.admins.contains(&incoming.sender) {
            turn.bootstrap_admin().await?;
        }
        // A member's handle (Telegram @username), kept current from what they type, so
        // organisers can name them by it.
        if let (Some(_), Some(handle), IncomingKind::Text { .. }) =
            (&turn.member, &incoming.sender_handle, &incoming.kind)
        {
            let handle = handle.trim_start_matches('@').to_lowercase();
            turn.tx.note_handle(&incoming.sender, &handle).await?;
        }
        Ok(turn)
    }

    pub fn sender(&self) -> &PlatformIdentity {
        &self.incoming.sender
    }

    /// The sender as one person: the member (all their accounts together), or the account.
    pub fn person(&self) -> String {
        match &self.member {
            Some(m) => format!("m:{}", m.id.0),
            None => self.sender().to_string(),
        }
    }

    /// Answers in the chat the event came from, as a reply to it.
    pub fn reply(&mut self, body: RichText) {
        self.outgoing.push(reply_to(self.incoming, body));
    }

    /// Writes to one account's private chat.
    pub fn direct(&mut self, identity: &PlatformIdentity, out: impl FnOnce(Target) -> Outgoing) {
        self.outgoing.push(out(Target::Direct {
            identity: identity.clone(),
        }));
    }

    /// Sends something private to the sender; in a group also says where it went.
    pub fn reply_privately(&mut self, out: impl FnOnce(Target) -> Outgoing) {
        if self.incoming.chat.is_private {
            let mut message = out(Target::Chat {
                chat: self.incoming.chat.clone(),
            });
            message.reply_to = Some(self.incoming.event_id.clone());
            self.outgoing.push(message);
        } else {
            let sender = self.incoming.sender.clone();
            let asked_in = AskedIn {
                chat: self.incoming.chat.clone(),
                event_id: self.incoming.event_id.clone(),
            };
            self.direct(&sender, |to| {
                let mut message = out(to);
                message.asked_in = Some(asked_in);
                message
            });
            self.reply(RichText::plain(t!(self.lang, "sent-privately")));
        }
    }

    pub fn refuse(&self, key: &str) -> Failure {
        Failure::Refused(RichText::plain(crate::i18n::tr(self.lang, key, &[])))
    }

    pub async fn audit(
        &mut self,
        action: &'static str,
        subject: Option<String>,
        details: serde_json::Value,
    ) -> Step {
        let actor = self.member.as_ref().map(|m| m.id);
        self.audit_by(actor, action, subject, details);
        Ok(())
    }

    /// An audit row with its own actor: `None` for what the bot did by itself (someone moved
    /// up from a waiting list), which belongs to nobody's activity.
    pub fn audit_by(
        &mut self,
        actor: Option<crate::domain::MemberId>,
        action: &'static str,
        subject: Option<String>,
        details: serde_json::Value,
    ) {
        self.audits.push(AuditEntry {
            at: self.now,
            actor,
            action,
            subject,
            details,
        });
    }

    /// The sender as an active member, or a friendly refusal that says how to become one.
    pub fn active_member(&self) -> Step<Member> {
        match &self.member {
            Some(m) if m.is_active() => Ok(m.clone()),
            Some(m) if m.status == MemberStatus::Pending => Err(self.refuse("need-consent")),
            _ => Err(self.refuse("need-membership")),
        }
    }

    /// Whether the sender may look after something `owner` made: its active owner, or an
    /// organiser.
    pub fn owns_or_organises(&self, owner: Option<crate::domain::MemberId>) -> bool {
        let own = match (&self.member, owner) {
            (Some(m), Some(owner)) => m.id == owner && m.is_active(),
            _ => false,
        };
        own || self.has_role(Role::Organiser)
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.member
            .as_ref()
            .is_some_and(|m| m.is_active() && m.role >= role)
    }

    /// The key under which a guided form remembers its state: one per account and chat.
    pub fn chat_key(&self) -> String {
        format!("{}:{}", self.incoming.chat.platform, self.incoming.chat.id)
    }

    /// The chat this turn came from: connected as a channel, confidential or not.
    pub async fn place(&mut self) -> Step<Place> {
        if let Some(place) = &self.place {
            return Ok(place.clone());
        }
        let chat = self.incoming.chat.clone();
        let channel = self.tx.channel(chat.platform, &chat.id).await?;
        let place = Place {
            connected: channel.is_some(),
            confidential: channel.is_some_and(|c| c.confidential),
            chat,
        };
        self.place = Some(place.clone());
        Ok(place)
    }

    /// Whether the sender, here, may see an item with this audience (the one rule, in
    /// `domain::visibility`). Seeing a confidential item makes this turn's replies here
    /// confidential too.
    pub async fn sees(&mut self, item: Audience<'_>) -> Step<bool> {
        let place = self.place().await?;
        let seen = may_see(self.member.as_ref(), Some(&place), item);
        if seen {
            self.showing(item.visibility);
        }
        Ok(seen)
    }

    /// This turn's replies here show an item of this visibility (a confidential one makes
    /// them confidential).
    pub fn showing(&mut self, visibility: Visibility) {
        if visibility == Visibility::Confidential {
            self.shows_confidential = true;
        }
    }

    /// Whether this turn changed anything the alliance keeps (every such change is audited).
    pub(super) fn changes_something(&self) -> bool {
        !self.audits.is_empty()
    }

    /// Writes the replies to the outbox and commits everything.
    pub(super) async fn finish(mut self) -> Result<usize, StoreError> {
        if self.shows_confidential {
            let here = &self.incoming.chat;
            for message in &mut self.outgoing {
                if matches!(&message.target, Target::Chat { chat } if chat.platform == here.platform && chat.id == here.id)
                {
                    message.sensitivity = Sensitivity::Confidential;
                }
            }
        }
        self.tx
            .write_effects(&self.audits, &self.outgoing, self.now)
            .await?;
        self.tx.commit().await?;
        Ok(self.outgoing.len())
    }

    /// A configured admin's first contact makes them a member.
    async fn bootstrap_admin(&mut self) -> Result<(), StoreError> {
        let incoming = self.incoming;
        let name = incoming
            .sender_name
            .clone()
            .unwrap_or_else(|| incoming.sender.user().to_string());
        let id = self
            .tx
            .insert_member(&NewMember {
                display_name: name,
                role: Role::Admin,
                status: MemberStatus::Active,
                lang: Lang::De,
                invited_by: None,
                joined_at: self.now,
                consent_at: None,
            })
            .await?;
        self.tx
            .attach_identity(id, &incoming.sender, self.now)
            .await?;
        self.member = self.tx.member(id).await?;
        self.audits.push(AuditEntry {
            at: self.now,
            actor: Some(id),
            action: "member.bootstrap_admin",
            subject: Some(id.to_string()),
            details: serde_json::json!({ "platform": incoming.sender.platform() }),
        });
        Ok(())
    }
}

/// A reply in the chat an event came from.
pub fn reply_to(incoming: &Incoming, body: RichText) -> Outgoing {
    let mut out = Outgoing::new(
        Target::Chat {
            chat: incoming.chat.clone(),
        },
        body,
    );
    out.reply_to = Some(incoming.event_id.clone());
    out
}
