//! `Engine::handle`: one incoming event → one database transaction holding the inbox row,
//! the domain change, its audit rows and the replies (outbox). A repeated event is a no-op.

mod access;
mod announcements;
mod budget;
mod channels;
pub mod chat_first;
mod codes;
mod conduct;
mod events;
mod feed;
mod form;
mod help;
mod impulses;
mod initiatives;
mod limits;
mod members;
mod polls;
mod privacy;
pub mod public;
mod questions;
mod reactions;
mod reminders;
mod rsvp;
pub mod stats;
mod topics;
mod turn;
mod vacancies;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::command::{Command, Parsed, parse};
use crate::domain::keys::ButtonData;
use crate::domain::{Platform, PlatformIdentity};
use crate::message::{AskedIn, Incoming, IncomingKind, Outgoing, RichText, Sensitivity, Target};
use crate::store::{Store, StoreError};
use crate::t;

pub use budget::DeadlineRun;
pub use budget::ledger::{Recount, recount};
pub use feed::problem_text as partner_problem;
pub use limits::Limits;
pub use reminders::{PLAN_EVERY, ReminderRun};
pub use turn::Turn;
use turn::{Failure, Step};
pub use vacancies::VacancyRules;

/// What the engine needs to know about the alliance.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The first admins, by platform identity. They become members on first contact.
    pub admins: Vec<PlatformIdentity>,
    pub code_of_conduct: String,
    pub invitation_ttl: Duration,
    pub link_code_ttl: Duration,
    pub timezone: Tz,
    pub events: EventRules,
    /// Delivered messages and taken-in events are kept this long (see `Engine::prune`).
    pub retention: Duration,
    /// What one person may do how often.
    pub limits: Limits,
    /// The Spendenparlament's default procedure for new rounds.
    pub budget: crate::domain::RoundSettings,
    /// How long vacant places stay listed.
    pub vacancies: VacancyRules,
}

/// How the alliance runs its events.
#[derive(Debug, Clone)]
pub struct EventRules {
    /// Whether members (not only organisers) may create events.
    pub members_may_create: bool,
    /// Whether a member's event waits for an organiser's release (`/termin N freigeben`)
    /// before it shows in the calendar, the lists and the events channels.
    pub member_events_reviewed: bool,
    /// Default reminders, in minutes before each occurrence.
    pub reminders: Vec<u32>,
    /// A reminder missed (the daemon was down) by less than this is sent late, marked as
    /// such; older ones are skipped and logged.
    pub grace: Duration,
    /// How long an event without an end lasts (calendar feed; when it counts as over).
    pub default_length: Duration,
    /// The points each member spreads over the meetup topics (`/thema T5 +`).
    pub topic_points: u32,
}

impl Default for EventRules {
    fn default() -> Self {
        Self {
            members_may_create: false,
            member_events_reviewed: true,
            reminders: vec![7 * 24 * 60, 24 * 60, 60],
            grace: Duration::minutes(30),
            default_length: Duration::hours(2),
            topic_points: 3,
        }
    }
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            admins: Vec::new(),
            code_of_conduct: "Wir gehen respektvoll miteinander um.".to_string(),
            invitation_ttl: Duration::days(14),
            link_code_ttl: Duration::minutes(15),
            timezone: chrono_tz::Europe::Berlin,
            events: EventRules::default(),
            retention: Duration::days(30),
            limits: Limits::default(),
            budget: crate::domain::RoundSettings::default(),
            vacancies: VacancyRules::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The event was not committed; the adapter must not acknowledge it and may retry.
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// Committed; `outgoing` messages wait in the outbox. `notice` is a short confirmation
    /// for the person who pressed a button (Telegram shows it as a toast).
    Processed {
        outgoing: usize,
        notice: Option<String>,
    },
    /// Seen before: nothing happened.
    Duplicate,
    /// Failed too often by itself: recorded as set aside (see `Engine::handle`).
    SetAside,
}

impl Handled {
    pub fn notice(&self) -> Option<String> {
        match self {
            Handled::Processed { notice, .. } => notice.clone(),
            Handled::Duplicate | Handled::SetAside => None,
        }
    }
}

pub struct Engine {
    store: Arc<dyn Store>,
    config: EngineConfig,
    bot_usernames: RwLock<HashMap<Platform, String>>,
    /// Outbox senders to wake after a commit that queued messages for their platform, whoever
    /// handled the event.
    outbox_listeners: OutboxListeners,
    /// Schedulers to wake when reminders were planned (an event was created or changed).
    schedule_listeners: std::sync::Mutex<Vec<Arc<tokio::sync::Notify>>>,
    /// Events that failed by themselves, with how often (see `handle`).
    failing: std::sync::Mutex<HashMap<(Platform, String), u32>>,
    /// What it did since the start, for `/metrics`.
    stats: stats::Stats,
    /// Counts commits that changed something, so that readers keeping answers (the web
    /// view) know when theirs are out of date.
    changes: std::sync::atomic::AtomicU64,
    feed_cache: feed::FeedCache,
    /// Marks the chat's work under way, so the web view waits for it (see `chat_first`).
    chat_first: chat_first::ChatFirst,
    commands: limits::CommandLimiter,
    ballot_cards: Arc<budget::refresher::CardRefresher>,
}

/// Each outbox sender's signal, with the platform it sends to.
type OutboxListeners = Arc<std::sync::Mutex<Vec<(Platform, Arc<tokio::sync::Notify>)>>>;

/// Wakes the outbox senders of these platforms (all of them for `None`). A sender woken for
/// nothing costs a query on the database right when a reply is on its way, so a Telegram
/// reply does not wake the Matrix and terminal senders.
fn notify(listeners: &OutboxListeners, platforms: Option<&[Platform]>) {
    if let Ok(listeners) = listeners.lock() {
        for (platform, listener) in listeners.iter() {
            if platforms.is_none_or(|wanted| wanted.contains(platform)) {
                listener.notify_one();
            }
        }
    }
}

/// The platforms these messages go to, each once.
fn platforms_of(outgoing: &[Outgoing]) -> Vec<Platform> {
    let mut platforms = Vec::with_capacity(1);
    for message in outgoing {
        let platform = message.target.platform();
        if !platforms.contains(&platform) {
            platforms.push(platform);
        }
    }
    platforms
}

/// How often an event may fail by itself before it is set aside.
const FAILURES_BEFORE_SETTING_ASIDE: u32 = 3;

impl Engine {
    pub fn new(store: Arc<dyn Store>, config: EngineConfig) -> Self {
        let outbox_listeners: OutboxListeners = Arc::default();
        let wake = outbox_listeners.clone();
        let ballot_cards = Arc::new(budget::refresher::CardRefresher::new(
            store.clone(),
            Arc::new(move || notify(&wake, None)),
        ));
        Self {
            store,
            config,
            bot_usernames: RwLock::new(HashMap::new()),
            outbox_listeners,
            schedule_listeners: std::sync::Mutex::new(Vec::new()),
            failing: std::sync::Mutex::new(HashMap::new()),
            stats: stats::Stats::default(),
            changes: std::sync::atomic::AtomicU64::new(0),
            feed_cache: feed::FeedCache::default(),
            chat_first: chat_first::ChatFirst::default(),
            commands: limits::CommandLimiter::default(),
            ballot_cards,
        }
    }

    /// Waits until the work the engine does after a commit is done (ballot cards edited
    /// after votes), for a harness or a benchmark that then reads the outbox.
    pub async fn settled(&self) {
        self.ballot_cards.settled().await;
    }

    /// A signal that fires after every commit that queued outgoing messages for `platform`.
    /// Each outbox sender takes one; a signal that comes while the sender is busy is kept for
    /// it.
    pub fn outbox_listener(&self, platform: Platform) -> Arc<tokio::sync::Notify> {
        let notify = Arc::new(tokio::sync::Notify::new());
        if let Ok(mut listeners) = self.outbox_listeners.lock() {
            listeners.push((platform, notify.clone()));
        }
        notify
    }

    /// A signal that fires after a commit that planned reminders, for the scheduler.
    pub fn schedule_listener(&self) -> Arc<tokio::sync::Notify> {
        let notify = Arc::new(tokio::sync::Notify::new());
        if let Ok(mut listeners) = self.schedule_listeners.lock() {
            listeners.push(notify.clone());
        }
        notify
    }

    fn schedule_changed(&self) {
        if let Ok(listeners) = self.schedule_listeners.lock() {
            for listener in listeners.iter() {
                listener.notify_one();
            }
        }
    }

    /// Wakes the outbox senders after messages were queued outside `handle` (a scheduler,
    /// maintenance, a benchmark).
    pub fn wake_outbox(&self) {
        notify(&self.outbox_listeners, None);
    }

    fn outbox_changed(&self, platforms: &[Platform]) {
        notify(&self.outbox_listeners, Some(platforms));
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// How many commits changed something since the start (by this engine; see `changes`).
    pub fn changes(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::Acquire)
    }

    fn changed(&self) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// Whether the chat's work is under way; the web view waits for it.
    pub fn chat_first(&self) -> &chat_first::ChatFirst {
        &self.chat_first
    }

    /// Counters of what the engine did since the start.
    pub fn stats(&self) -> &stats::Stats {
        &self.stats
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// The bot's own user name on a platform, so `/befehl@anderer_bot` is left alone.
    pub fn set_bot_username(&self, platform: Platform, username: &str) {
        if let Ok(mut names) = self.bot_usernames.write() {
            names.insert(platform, username.trim_start_matches('@').to_string());
        }
    }

    fn bot_username(&self, platform: Platform) -> Option<String> {
        self.bot_usernames
            .read()
            .ok()
            .and_then(|names| names.get(&platform).cloned())
    }

    /// Whether someone may bring the bot into a room or group: configured admins and active
    /// members.
    pub async fn trusts(&self, identity: &PlatformIdentity) -> Result<bool, EngineError> {
        if self.config.admins.contains(identity) {
            return Ok(true);
        }
        let mut tx = self.store.begin_read().await?;
        let member = tx.member_by_identity(identity).await?;
        Ok(member.is_some_and(|m| m.is_active()))
    }

    /// Takes in one event, exactly once. An event that fails by itself (not because the
    /// database is away) is tried again when the platform repeats it; after a few failures it
    /// is set aside – recorded without its content, admins told – so that it cannot hold up
    /// every later event of its platform.
    #[tracing::instrument(skip_all, fields(platform = %incoming.platform(), event = %incoming.event_id))]
    pub async fn handle(&self, incoming: &Incoming) -> Result<Handled, EngineError> {
        let _chat_first = self.chat_first.begin();
        let cleaned = incoming.without_control_characters();
        let incoming = cleaned.as_ref().unwrap_or(incoming);
        let key = (incoming.platform(), incoming.event_id.clone());
        self.stats.event(incoming.kind_name());
        let result = self.take_in_once(incoming, key).await;
        match &result {
            // Counted where it is known whether the answer was a refusal.
            Ok(Handled::Processed { .. }) => {}
            Ok(Handled::Duplicate) => self.stats.outcome("duplicate"),
            Ok(Handled::SetAside) => self.stats.outcome("set_aside"),
            Err(_) => self.stats.outcome("failed"),
        }
        result
    }

    async fn take_in_once(
        &self,
        incoming: &Incoming,
        key: (Platform, String),
    ) -> Result<Handled, EngineError> {
        match self.take_in(incoming).await {
            Err(EngineError::Store(e)) if !e.is_transient() => {
                let failures = {
                    let mut failing = self.failing.lock().unwrap_or_else(|p| p.into_inner());
                    let count = failing.entry(key.clone()).or_default();
                    *count += 1;
                    *count
                };
                tracing::warn!(error = %format!("{e:#}"), failures, "event failed");
                if failures < FAILURES_BEFORE_SETTING_ASIDE {
                    return Err(e.into());
                }
                let result = self.set_aside(incoming, &e).await;
                if result.is_ok() {
                    self.forget_failures(&key);
                }
                result
            }
            result => {
                if result.is_ok() {
                    self.forget_failures(&key);
                }
                result
            }
        }
    }

    fn forget_failures(&self, key: &(Platform, String)) {
        let mut failing = self.failing.lock().unwrap_or_else(|p| p.into_inner());
        if !failing.is_empty() {
            failing.remove(key);
        }
    }

    /// Records a failing event as set aside (and taken in, so it never comes back) and
    /// tells the configured admins. Fails only if the database does.
    async fn set_aside(
        &self,
        incoming: &Incoming,
        error: &StoreError,
    ) -> Result<Handled, EngineError> {
        let now = Utc::now();
        let mut tx = self.store.begin().await?;
        if !tx.record_inbox(incoming).await? {
            return Ok(Handled::Duplicate);
        }
        let mut reason = error.to_string();
        reason.truncate(reason.floor_char_boundary(300));
        tx.set_aside(incoming, &reason, now).await?;
        tracing::error!(kind = incoming.kind_name(), error = %reason, "event set aside after repeated failures");
        let notices = self
            .to_admins(&mut *tx, |lang| {
                t!(
                    lang,
                    "event-set-aside",
                    platform = incoming.platform().as_str(),
                    kind = incoming.kind_name(),
                    error = &reason
                )
            })
            .await?;
        self.commit_effects(tx, &[], &notices, now).await?;
        Ok(Handled::SetAside)
    }

    async fn take_in(&self, incoming: &Incoming) -> Result<Handled, EngineError> {
        let mut tx = self.store.begin().await?;
        let Some(member) = tx.take_in(incoming).await? else {
            tracing::debug!("repeated event ignored");
            return Ok(Handled::Duplicate);
        };
        let now = Utc::now();
        let mut turn = Turn::open(tx, incoming, member, &self.config, now).await?;
        match self.dispatch(&mut turn).await {
            Ok(()) => {
                let notice = turn.notice.take();
                let schedule_changed = turn.schedule_changed;
                let ballots = std::mem::take(&mut turn.ballots_changed);
                let platforms = platforms_of(&turn.outgoing);
                let changed = turn.changes_something();
                let outgoing = turn.finish().await?;
                if changed {
                    self.changed();
                }
                if !ballots.is_empty() {
                    self.ballot_cards.changed(&ballots);
                }
                if outgoing > 0 {
                    self.outbox_changed(&platforms);
                }
                if schedule_changed {
                    self.schedule_changed();
                }
                self.stats.outcome("processed");
                Ok(Handled::Processed { outgoing, notice })
            }
            Err(Failure::Refused(reply)) => {
                // Bad input changes nothing: everything the command wrote is rolled back, and
                // a second, short transaction records the event with its answer. (Cheaper than
                // a savepoint around every command, which would cost two more round trips.)
                drop(turn);
                let refused = self.refuse(incoming, reply, now).await;
                if refused.is_ok() {
                    self.stats.outcome("refused");
                }
                refused
            }
            Err(Failure::Store(e)) => Err(e.into()),
        }
    }

    /// The platform says the bot can no longer post in a chat (removed from the group). If it
    /// is a connected channel, it is marked unreachable and an organiser is told, once.
    pub async fn chat_unreachable(
        &self,
        platform: Platform,
        chat_id: &str,
        reason: &str,
    ) -> Result<bool, EngineError> {
        let now = Utc::now();
        let mut tx = self.store.begin().await?;
        let Some(channel) = tx.channel(platform, chat_id).await? else {
            return Ok(false);
        };
        let (audit, notices) =
            channels::mark_unreachable(&mut *tx, &channel, &self.config, now, reason).await?;
        let Some(audit) = audit else {
            return Ok(false);
        };
        self.commit_effects(tx, &[audit], &notices, now).await?;
        Ok(true)
    }

    /// Deletes delivered messages and taken-in events older than the retention period (the
    /// outbox holds what people were told, names included). Returns (outbox, inbox) rows.
    pub async fn prune(&self, now: chrono::DateTime<Utc>) -> Result<(u64, u64), EngineError> {
        let mut tx = self.store.begin().await?;
        let pruned = tx.prune(now - self.config.retention).await?;
        tx.commit().await?;
        Ok(pruned)
    }

    /// The outbox's last guard: a message marked confidential goes only to a chat connected as
    /// a confidential channel (end-to-end encrypted), never to a private chat or an open group.
    /// Sends the announcements that are due (each once: it is claimed in the transaction
    /// that queues its messages). Returns when the next one is due.
    pub async fn send_due_announcements(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, EngineError> {
        let mut tx = self.store.begin().await?;
        let due = tx.due_announcements(now).await?;
        let mut out = Vec::new();
        let mut audits = Vec::new();
        for announcement in &due {
            if !tx.claim_announcement(announcement.id, now).await? {
                continue;
            }
            out.extend(announcements::fan_out(&mut *tx, announcement).await?);
            audits.push(crate::store::AuditEntry {
                at: now,
                actor: None,
                action: "announcement.sent",
                subject: Some(announcement.id.to_string()),
                details: serde_json::json!({}),
            });
        }
        let next = tx
            .scheduled_announcements()
            .await?
            .into_iter()
            .filter_map(|a| a.due_at)
            .min();
        if due.is_empty() {
            drop(tx);
        } else {
            // Queued as of the clock, so they go out now even when `now` is a test's moment.
            self.commit_effects(tx, &audits, &out, Utc::now()).await?;
        }
        Ok(next)
    }

    /// A message of announcement `id` was delivered, failed or given up: the organiser's
    /// delivery report is brought up to date (an edit of the same message, coalesced by the
    /// outbox while it keeps changing).
    pub async fn announcement_progress(&self, id: i64) -> Result<(), EngineError> {
        let mut tx = self.store.begin().await?;
        let Some(announcement) = tx.announcement(id).await? else {
            return Ok(());
        };
        let deliveries = tx.announcement_deliveries(id).await?;
        let report = announcements::report(announcement.lang, id, &deliveries);
        let text = report.to_plain();
        if announcement.report.as_deref() == Some(text.as_str()) {
            return Ok(());
        }
        tx.set_announcement_report(id, &text).await?;
        let mut message = Outgoing::new(announcement.report_to, report);
        message.live_key = Some(announcements::report_key(id));
        message.announcement = Some(id);
        self.commit_effects(tx, &[], &[message], Utc::now()).await
    }

    pub async fn may_deliver(&self, message: &Outgoing) -> Result<bool, EngineError> {
        let chat = match (&message.sensitivity, &message.target) {
            (Sensitivity::Normal, _) => return Ok(true),
            (Sensitivity::Confidential, Target::Direct { .. }) => return Ok(false),
            (Sensitivity::Confidential, Target::Chat { chat }) => chat,
        };
        let mut tx = self.store.begin_read().await?;
        let channel = tx.channel(chat.platform, &chat.id).await?;
        Ok(channel.is_some_and(|c| c.confidential) && !chat.is_private)
    }

    /// The platform does not let the bot write to a person privately (on Telegram: they never
    /// opened a chat with the bot). They are told in the group where they asked.
    pub async fn private_chat_closed(
        &self,
        identity: &PlatformIdentity,
        asked_in: &AskedIn,
    ) -> Result<(), EngineError> {
        let now = Utc::now();
        let mut tx = self.store.begin().await?;
        let lang = tx
            .member_by_identity(identity)
            .await?
            .map(|m| m.lang)
            .unwrap_or_default();
        let platform = identity.platform();
        let text = match (platform, self.bot_username(platform)) {
            (Platform::Telegram, Some(bot)) => t!(
                lang,
                "private-chat-closed-telegram",
                link = &format!("https://t.me/{bot}")
            ),
            _ => t!(lang, "private-chat-closed"),
        };
        let mut message = Outgoing::new(
            Target::Chat {
                chat: asked_in.chat.clone(),
            },
            RichText::plain(text),
        );
        message.reply_to = Some(asked_in.event_id.clone());
        self.commit_effects(tx, &[], &[message], now).await
    }

    /// A private message to each configured admin, in their language.
    async fn to_admins(
        &self,
        tx: &mut dyn crate::store::StoreTx,
        text: impl Fn(crate::domain::Lang) -> String,
    ) -> Result<Vec<Outgoing>, StoreError> {
        let mut messages = Vec::new();
        for admin in &self.config.admins {
            let lang = tx
                .member_by_identity(admin)
                .await?
                .map(|m| m.lang)
                .unwrap_or_default();
            messages.push(Outgoing::new(
                Target::Direct {
                    identity: admin.clone(),
                },
                RichText::plain(text(lang)),
            ));
        }
        Ok(messages)
    }

    /// Commits audit rows and messages written outside a turn (a refusal, a notice, a
    /// scheduler's work) and wakes the outbox senders if anything was queued.
    async fn commit_effects(
        &self,
        mut tx: Box<dyn crate::store::StoreTx>,
        audits: &[crate::store::AuditEntry],
        outgoing: &[Outgoing],
        at: chrono::DateTime<Utc>,
    ) -> Result<(), EngineError> {
        tx.write_effects(audits, outgoing, at).await?;
        tx.commit().await?;
        if !audits.is_empty() {
            self.changed();
        }
        if !outgoing.is_empty() {
            self.outbox_changed(&platforms_of(outgoing));
        }
        Ok(())
    }

    async fn refuse(
        &self,
        incoming: &Incoming,
        reply: RichText,
        now: chrono::DateTime<Utc>,
    ) -> Result<Handled, EngineError> {
        let mut tx = self.store.begin().await?;
        if !tx.record_inbox(incoming).await? {
            return Ok(Handled::Duplicate);
        }
        self.commit_effects(tx, &[], &[turn::reply_to(incoming, reply)], now)
            .await?;
        Ok(Handled::Processed {
            outgoing: 1,
            notice: None,
        })
    }

    async fn dispatch(&self, turn: &mut Turn<'_>) -> Step {
        let text = match &turn.incoming.kind {
            IncomingKind::Text { text } => text,
            IncomingKind::ReactionAdded {
                message_id,
                key,
                reaction_id,
            } => return reactions::added(turn, message_id, key, reaction_id.as_deref()).await,
            IncomingKind::ReactionRemoved {
                reaction_id,
                message_id,
                key,
            } => {
                return reactions::removed(
                    turn,
                    reaction_id.as_deref(),
                    message_id.as_deref(),
                    key.as_deref(),
                )
                .await;
            }
            IncomingKind::BotMembership { status, joined } => {
                return channels::bot_membership(turn, *status, *joined).await;
            }
            IncomingKind::ButtonPressed { data, .. } => return button(turn, data).await,
            IncomingKind::ChatMoved { new_id } => return channels::moved(turn, new_id).await,
            // People coming and going change nothing the bot keeps: membership of the
            // alliance is by invitation, not by being in a chat. Taken in (once) all the same.
            IncomingKind::MemberJoined | IncomingKind::MemberLeft => return Ok(()),
            IncomingKind::Location {
                lat_micro,
                lon_micro,
            } => {
                let at = crate::domain::GeoPoint::from_micro(*lat_micro, *lon_micro);
                return form::location_shared(turn, at).await;
            }
        };
        let bot = self.bot_username(turn.incoming.platform());
        match parse(text, bot.as_deref()) {
            Parsed::NotACommand => form::continue_form(turn, text).await,
            Parsed::ForOtherBot => Ok(()),
            Parsed::Unknown { word, addressed } => {
                if addressed || turn.incoming.chat.is_private {
                    Err(help::unknown_command(turn, &word))
                } else {
                    Ok(())
                }
            }
            Parsed::Error(e) => Err(help::parse_error(turn, &e)),
            Parsed::Command(cmd) => {
                let person = turn.person();
                let per_minute = self.config.limits.commands_per_minute;
                match self.commands.check(&person, turn.now, per_minute) {
                    limits::Verdict::Go => {}
                    limits::Verdict::Refuse => return Err(turn.refuse("too-many-commands")),
                    limits::Verdict::Ignore => return Ok(()),
                }
                self.stats.command(cmd.id().spec().key);
                access::check(turn, &cmd)?;
                self.run(turn, cmd).await
            }
        }
    }

    async fn run(&self, turn: &mut Turn<'_>, cmd: Command) -> Step {
        match cmd {
            Command::Help { topic } => help::help(turn, topic.as_deref()),
            Command::Start => help::start(turn),
            Command::Language(lang) => members::language(turn, lang).await,
            Command::WhoAmI => members::who_am_i(turn).await,
            Command::Invite => members::invite(turn).await,
            Command::Join { code } => conduct::join(turn, &code).await,
            Command::Conduct { accept } => conduct::conduct(turn, accept).await,
            Command::Role { who, role } => members::set_role(turn, who, role).await,
            Command::Link(action) => members::link(turn, action).await,
            Command::MyData => privacy::my_data(turn).await,
            Command::Forget { confirm } => privacy::forget(turn, confirm).await,
            Command::InitiativeNew(Some(draft)) => initiatives::register(turn, draft).await,
            Command::InitiativeNew(None) => form::start_initiative_form(turn).await,
            Command::InitiativeEdit { name, field, value } => {
                initiatives::edit(turn, &name, field, &value).await
            }
            Command::InitiativeArchive { name } => initiatives::archive(turn, &name).await,
            Command::InitiativeShow { name } => initiatives::show(turn, &name).await,
            Command::VacancyNew(draft) => vacancies::create(turn, draft).await,
            Command::Vacancies { query } => vacancies::list(turn, query.as_deref()).await,
            Command::VacancyShow { id } => vacancies::show(turn, id).await,
            Command::VacancyAct { id, action } => vacancies::act(turn, id, action).await,
            Command::InitiativePlace { name, place } => {
                initiatives::set_place(turn, &name, place).await
            }
            Command::InitiativeContact { name, public } => {
                initiatives::set_contact_public(turn, &name, public).await
            }
            Command::Initiatives { query } => initiatives::list(turn, query.as_deref()).await,
            Command::ChannelConnect { confidential } => channels::connect(turn, confidential).await,
            Command::ChannelRegion { region } => channels::set_region(turn, region).await,
            Command::ChannelEvents { on } => channels::set_events(turn, on).await,
            Command::Announce {
                scope,
                scheduled,
                on_web,
                text,
            } => announcements::announce(turn, scope, scheduled, on_web, text).await,
            Command::Announcements { cancel } => announcements::scheduled(turn, cancel).await,
            Command::TopicNew { title, force } => topics::suggest(turn, title, force).await,
            Command::TopicShow { topic } => topics::show(turn, topic).await,
            Command::TopicPoint { topic, up } => topics::point(turn, topic, up).await,
            Command::Topics => topics::list(turn).await,
            Command::ImpulseOffer { about, title } => impulses::offer(turn, about, title).await,
            Command::Impulses => impulses::list(turn).await,
            Command::ImpulseWithdraw { item } => impulses::withdraw(turn, item).await,
            Command::Present { event, date, name } => {
                events::present(turn, event, date.as_deref(), name).await
            }
            Command::PastEvents { query } => events::past(turn, query.as_deref()).await,
            Command::HeldEvents => events::held(turn).await,
            Command::Record { event, date } => events::record(turn, event, date.as_deref()).await,
            Command::QuestionRounds => questions::rounds(turn).await,
            Command::QuestionRoundStart { title, event, date } => {
                questions::start(turn, title, event, date.as_deref()).await
            }
            Command::QuestionRoundEnd { round } => questions::end(turn, round).await,
            Command::Ask { text, anonymous } => questions::ask(turn, text, anonymous).await,
            Command::QuestionAct { question, action } => {
                questions::act(turn, question, action).await
            }
            Command::Questions => questions::queue(turn).await,
            Command::Subscribe { event, on } => events::subscribe(turn, event, on).await,
            Command::ChannelDisconnect => channels::disconnect(turn).await,
            Command::ChannelShow => channels::show(turn).await,
            Command::Channels => channels::list(turn).await,
            Command::Members { query } => members::list(turn, query.as_deref()).await,
            Command::PollNew(draft) => polls::create(turn, draft).await,
            Command::PollShow { poll } => polls::show(turn, poll).await,
            Command::PollChoose { poll, number } => polls::choose(turn, poll, number).await,
            Command::PollClose { poll } => polls::close(turn, poll).await,
            Command::EventNew(Some(draft)) => events::create(turn, draft).await,
            Command::EventNew(None) => form::start_event_form(turn).await,
            Command::Event { event, action } => events::act(turn, event, action).await,
            Command::Events { query } => events::list(turn, query.as_deref()).await,
            Command::Rsvp {
                event,
                date,
                status,
            } => rsvp::command(turn, event, date.as_deref(), status).await,
            Command::Attendees { event, date } => {
                rsvp::attendees(turn, event, date.as_deref()).await
            }
            Command::Rounds => budget::rounds(turn).await,
            Command::RoundNew(Some(draft)) => budget::new_round(turn, draft).await,
            Command::RoundNew(None) => form::start_round_form(turn).await,
            Command::Round { round, action } => budget::round(turn, round, action).await,
            Command::ApplicationNew(Some(draft)) => budget::submit(turn, draft).await,
            Command::ApplicationNew(None) => form::start_application_form(turn).await,
            Command::Application {
                application,
                action,
            } => budget::application(turn, application, action).await,
            Command::Applications { round } => budget::applications(turn, round).await,
            Command::Voting { round, action } => budget::voting(turn, round, action).await,
            Command::Vote(ballot) => budget::vote(turn, ballot).await,
            Command::VoteFor {
                who,
                application,
                choice,
            } => budget::hand_vote(turn, who, application, choice).await,
            Command::Cancel => form::cancel(turn).await,
        }
    }
}

/// A button press goes to the feature its data names; one the bot no longer knows is
/// answered as inactive.
async fn button(turn: &mut Turn<'_>, data: &str) -> Step {
    match ButtonData::parse(data) {
        Some(ButtonData::Rsvp {
            event,
            occurrence,
            status,
        }) => rsvp::button(turn, event, occurrence, status).await,
        Some(ButtonData::Poll { poll, number }) => polls::button(turn, poll, number).await,
        Some(ButtonData::Vote {
            application,
            choice,
        }) => budget::button(turn, application, choice).await,
        None => {
            turn.notice = Some(t!(turn.lang, "button-inactive"));
            Ok(())
        }
    }
}
