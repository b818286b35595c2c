//! The commands the bot understands, as data: what `parse` produces and the engine matches.

use super::table::CommandId;
use crate::domain::announcement::Scope;
use crate::domain::budget::{Eligibility, Threshold};
use crate::domain::event::{EventDraftError, OffsetError};
use crate::domain::initiative::FieldError;
use crate::domain::vacancy::{VacancyDraft, VacancyProblem};
use crate::domain::{
    Amount, AmountError, ApplicationId, BallotForm, Choice, EventDraft, EventId, GeoPoint,
    InitiativeDraft, InitiativeField, Lang, MemberId, PlatformIdentity, PollDraft, PollError,
    PollId, Role, RoundId, RsvpStatus, Visibility,
};

/// Names a member in `/rolle`: by platform identity or by member number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberRef {
    Identity(PlatformIdentity),
    Id(MemberId),
    /// A name as people write it (`anna`, `@anna`): found among the members' names.
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help {
        topic: Option<String>,
    },
    Start,
    Language(Option<Lang>),
    WhoAmI,
    Invite,
    Join {
        code: String,
    },
    Conduct {
        accept: bool,
    },
    Role {
        who: MemberRef,
        role: Role,
    },
    Link(LinkAction),
    MyData,
    Forget {
        confirm: bool,
    },
    /// `None`: start the guided form.
    InitiativeNew(Option<InitiativeDraft>),
    InitiativeEdit {
        name: String,
        field: InitiativeField,
        value: String,
    },
    InitiativeArchive {
        name: String,
    },
    InitiativeShow {
        name: String,
    },
    /// `/initiative X ort [50.61, 10.69 | OSM-Link | -]`: its place on the map; without a
    /// place the next location pin in this chat is taken.
    InitiativePlace {
        name: String,
        place: PlaceInput,
    },
    /// `/initiative X kontakt öffentlich|privat`: whether the web view shows the contact.
    InitiativeContact {
        name: String,
        public: bool,
    },
    Initiatives {
        query: Option<String>,
    },
    /// `/leerstand neu Titel | Ort | Art | Beschreibung | Kontakt`.
    VacancyNew(VacancyDraft),
    /// `/leerstand [region|art|suche]`: what is listed.
    Vacancies {
        query: Option<String>,
    },
    /// `/leerstand L3`.
    VacancyShow {
        id: i64,
    },
    /// `/leerstand L3 vergeben|verlängern|ort …|kontakt öffentlich|privat`.
    VacancyAct {
        id: i64,
        action: VacancyAction,
    },
    /// Connect this chat as an alliance channel.
    ChannelConnect {
        confidential: bool,
    },
    ChannelDisconnect,
    ChannelShow,
    /// `/kanal region Suhl`: the region this channel belongs to (`None`: `-`, no region).
    ChannelRegion {
        region: Option<String>,
    },
    /// `/kanal termine an|aus`: whether this channel gets every new public event's card.
    ChannelEvents {
        on: bool,
    },
    Channels,
    /// `/ankuendigung [region R | vertraulich] [am <wann>] Text`: to the alliance's channels,
    /// at once or when it is due. When `scheduled`, `text` still starts with the `<wann>`
    /// (only the engine, with the time zone and the date, can tell where it ends).
    Announce {
        scope: Scope,
        scheduled: bool,
        /// `öffentlich`: also the news on the alliance's website.
        on_web: bool,
        text: String,
    },
    /// `/abonnieren 5` / `/abbestellen 5`: reminded of every date of event (series) 5.
    Subscribe {
        event: EventId,
        on: bool,
    },
    /// `/thema Vorschlag`: a topic for the meetups (`force`: `/thema neu …`, also when a
    /// similar one exists).
    TopicNew {
        title: String,
        force: bool,
    },
    /// `/thema T5`.
    TopicShow {
        topic: i64,
    },
    /// `/thema T5 +` or `-`: one point more or less from the sender's points.
    TopicPoint {
        topic: i64,
        up: bool,
    },
    /// `/themen`: ranked by points.
    Topics,
    /// `/impuls T5 | Titel`, `/impuls 12 | Titel` or `/impuls Titel`: a short talk offered.
    ImpulseOffer {
        about: ImpulseAbout,
        title: String,
    },
    /// `/impuls`: the impulses offered and not yet on a date.
    Impulses,
    /// `/impuls zurueckziehen 3`: the speaker (or an organiser) takes an impulse back.
    ImpulseWithdraw {
        item: i64,
    },
    /// `/vorstellen 12 [datum] [Initiative]`: takes a presentation slot of a date.
    Present {
        event: EventId,
        date: Option<String>,
        name: Option<String>,
    },
    /// `/termine pruefen` (organisers): events held back for review.
    HeldEvents,
    /// `/termine vergangen [region|thema]`: past dates with their documentation.
    PastEvents {
        query: Option<String>,
    },
    /// `/protokoll 12 [datum]`: a Markdown record of a date.
    Record {
        event: EventId,
        date: Option<String>,
    },
    /// `/fragerunde`: the question rounds going on.
    QuestionRounds,
    /// `/fragerunde start Titel [| TERMIN [datum]]` (organisers): opens a round in this chat.
    QuestionRoundStart {
        title: String,
        event: Option<EventId>,
        date: Option<String>,
    },
    /// `/fragerunde ende [N]`: closes a round and posts its digest.
    QuestionRoundEnd {
        round: Option<i64>,
    },
    /// `/frage [anonym] Text`: a question for the round going on.
    Ask {
        text: String,
        anonymous: bool,
    },
    /// `/frage F3 …`: an upvote, or a moderator's answer or refusal.
    QuestionAct {
        question: i64,
        action: QuestionAction,
    },
    /// `/fragen`: the round's questions by votes.
    Questions,
    /// `/ankuendigungen [absagen N]`: those still to go out; call one off.
    Announcements {
        cancel: Option<i64>,
    },
    /// `/mitglieder [suche]`: members with roles and messengers (organisers).
    Members {
        query: Option<String>,
    },
    PollNew(PollDraft),
    PollShow {
        poll: PollId,
    },
    PollChoose {
        poll: PollId,
        number: u32,
    },
    PollClose {
        poll: PollId,
    },
    /// `None`: start the guided form.
    EventNew(Option<EventDraft>),
    Event {
        event: EventId,
        action: EventAction,
    },
    Events {
        query: Option<String>,
    },
    Rsvp {
        event: EventId,
        date: Option<String>,
        status: RsvpStatus,
    },
    Attendees {
        event: EventId,
        date: Option<String>,
    },
    /// `/runde`: the rounds of the Spendenparlament.
    Rounds,
    /// `None`: start the guided form.
    RoundNew(Option<RoundDraft>),
    Round {
        round: RoundId,
        action: RoundAction,
    },
    /// `None`: start the guided form.
    ApplicationNew(Option<ApplicationDraft>),
    Application {
        application: ApplicationId,
        action: ApplicationAction,
    },
    /// `/antraege [runde]`: the agenda.
    Applications {
        round: Option<RoundId>,
    },
    /// `/abstimmung start|naechster|schliessen [runde]` (organisers).
    Voting {
        round: Option<RoundId>,
        action: VotingAction,
    },
    /// `/stimme A3 ja`; without arguments: the sender's own votes.
    Vote(Option<(ApplicationId, Choice)>),
    /// `/stimme-fuer <wer> A3 ja`: a hand vote entered by an organiser.
    VoteFor {
        who: MemberRef,
        application: ApplicationId,
        choice: Choice,
    },
    Cancel,
}

/// `/runde neu Titel | Betrag | Anträge bis <Datum> | Abstimmung: Termin N`. The deadline
/// stays text here: the engine reads it against today's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundDraft {
    pub title: String,
    pub pot: Amount,
    pub deadline: String,
    pub meeting: Option<EventId>,
}

/// What `/runde N …` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundAction {
    Show,
    /// `zuwendung 500 € | Stiftung Beispiel [| öffentlich]`
    Contribution {
        amount: Amount,
        donor: String,
        public: bool,
    },
    /// No more applications (also after the deadline by itself).
    CloseApplications,
    /// `einstellung <name> <wert>`
    Setting(RoundSetting),
    /// The counted result goes to every channel of the round.
    Publish,
}

/// One setting of a round's procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundSetting {
    Ballot(BallotForm),
    Maximum(Option<Amount>),
    Eligibility(Eligibility),
    Quorum(Option<u32>),
    Threshold(Threshold),
    PartialFunding(bool),
    Secret(bool),
    /// Who sees the round: everyone, or members only (`intern`).
    Visibility(Visibility),
}

/// `/antrag Titel | 450 € | Initiative | Wofür das Geld ist`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationDraft {
    pub title: String,
    pub amount: Amount,
    pub initiative: String,
    pub purpose: String,
}

/// A field of an application its applicant may change until the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationField {
    Title,
    Amount,
    Purpose,
}

/// What `/antrag A3 …` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationAction {
    Show,
    Admit,
    Reject(String),
    Withdraw,
    /// The amount the plenary votes on (organisers).
    Reduce(Amount),
    /// Place on the agenda (organisers).
    Position(u32),
    Edit(ApplicationField, String),
}

/// What `/abstimmung` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VotingAction {
    /// One ballot card per admitted application, all open at once.
    Start,
    /// Live mode: open the next application, close the one before.
    Next,
    /// Count and allocate.
    Close,
}

/// `/verknuepfen`: get a code, use one, or undo a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkAction {
    /// A code for linking another account (sent privately).
    Start,
    /// The code typed on the account to be linked.
    Finish(String),
    /// Undo a link: the named account, or the one linked last.
    Unlink(Option<String>),
}

impl Command {
    /// The table entry this command belongs to (for access rules and help).
    pub fn id(&self) -> CommandId {
        match self {
            Command::Help { .. } => CommandId::Help,
            Command::Start => CommandId::Start,
            Command::Language(_) => CommandId::Language,
            Command::WhoAmI => CommandId::WhoAmI,
            Command::Invite => CommandId::Invite,
            Command::Join { .. } => CommandId::Join,
            Command::Conduct { .. } => CommandId::Conduct,
            Command::Role { .. } => CommandId::Role,
            Command::Link(_) => CommandId::Link,
            Command::MyData => CommandId::MyData,
            Command::Forget { .. } => CommandId::Forget,
            Command::InitiativeNew(_)
            | Command::InitiativeEdit { .. }
            | Command::InitiativeArchive { .. }
            | Command::InitiativeShow { .. }
            | Command::InitiativePlace { .. }
            | Command::InitiativeContact { .. } => CommandId::Initiative,
            Command::VacancyNew(_)
            | Command::Vacancies { .. }
            | Command::VacancyShow { .. }
            | Command::VacancyAct { .. } => CommandId::Vacancy,
            Command::Initiatives { .. } => CommandId::Initiatives,
            Command::ChannelConnect { .. }
            | Command::ChannelDisconnect
            | Command::ChannelShow
            | Command::ChannelRegion { .. }
            | Command::ChannelEvents { .. } => CommandId::Channel,
            Command::Channels => CommandId::Channels,
            Command::Announce { .. } => CommandId::Announce,
            Command::Announcements { .. } => CommandId::Announcements,
            Command::TopicNew { .. } | Command::TopicShow { .. } | Command::TopicPoint { .. } => {
                CommandId::Topic
            }
            Command::Topics => CommandId::Topics,
            Command::ImpulseOffer { .. } | Command::Impulses | Command::ImpulseWithdraw { .. } => {
                CommandId::Impulse
            }
            Command::Present { .. } => CommandId::Present,
            Command::QuestionRounds
            | Command::QuestionRoundStart { .. }
            | Command::QuestionRoundEnd { .. } => CommandId::QuestionRound,
            Command::Ask { .. } | Command::QuestionAct { .. } => CommandId::Question,
            Command::Questions => CommandId::Questions,
            Command::PastEvents { .. } | Command::HeldEvents => CommandId::Events,
            Command::Record { .. } => CommandId::Record,
            Command::Subscribe { on: true, .. } => CommandId::Subscribe,
            Command::Subscribe { on: false, .. } => CommandId::Unsubscribe,
            Command::Members { .. } => CommandId::Members,
            Command::PollNew(_)
            | Command::PollShow { .. }
            | Command::PollChoose { .. }
            | Command::PollClose { .. } => CommandId::Poll,
            Command::EventNew(_) | Command::Event { .. } => CommandId::Event,
            Command::Events { .. } => CommandId::Events,
            Command::Rsvp {
                status: RsvpStatus::No,
                ..
            } => CommandId::Unregister,
            Command::Rsvp { .. } => CommandId::Register,
            Command::Attendees { .. } => CommandId::Attendees,
            Command::Rounds | Command::RoundNew(_) | Command::Round { .. } => CommandId::Round,
            Command::ApplicationNew(_) | Command::Application { .. } => CommandId::Application,
            Command::Applications { .. } => CommandId::Applications,
            Command::Voting { .. } => CommandId::Voting,
            Command::Vote(_) => CommandId::Vote,
            Command::VoteFor { .. } => CommandId::VoteFor,
            Command::Cancel => CommandId::Cancel,
        }
    }
}

/// What went wrong, precise enough for a helpful answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    MissingArguments,
    TooManyArguments,
    UnclosedQuote,
    UnknownRole(String),
    UnknownLanguage(String),
    BadMember(String),
    UnknownField(String),
    Field(InitiativeField, FieldError),
    Poll(PollError),
    /// Not a poll number (`/umfrage 3`).
    BadPollNumber(String),
    EventDraft(EventDraftError),
    BadEventNumber(String),
    UnknownEventAction(String),
    /// Not a number of places from 1 on.
    BadCapacity(String),
    Offsets(OffsetError),
    BadLink(String),
    /// Neither coordinates nor a map link (`/initiative X ort …`).
    BadPlace(String),
    /// A listing that is not `Titel | Ort | Art | Beschreibung | Kontakt`.
    Vacancy(VacancyProblem),
    /// Not a listing's number (`/leerstand L3`).
    BadVacancyNumber(String),
    UnknownVacancyAction(String),
    Amount(AmountError),
    BadDate(String),
    BadRoundNumber(String),
    /// Not an announcement's number (`/ankuendigungen absagen x`).
    BadAnnouncementNumber(String),
    /// Not an impulse's or presentation's number (`/termin 12 impuls annehmen x`).
    BadItemNumber(String),
    /// Not a number of presentation slots (0 to 20).
    BadSlots(String),
    BadApplicationNumber(String),
    UnknownRoundAction(String),
    UnknownApplicationAction(String),
    UnknownSetting(String),
    BadSettingValue(String),
    BadChoice(String),
}

/// What the owner (or an organiser) does with a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VacancyAction {
    /// Someone took the place: no longer listed.
    Taken,
    /// Listed for another full period.
    Extend,
    Place(PlaceInput),
    ContactPublic(bool),
}

/// A place as typed after `ort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceInput {
    /// Nothing typed: the next location pin shared in the chat.
    Pin,
    At(GeoPoint),
    Remove,
}

/// `usage` names the localisation keys `usage-<usage>` / `example-<usage>` to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub command: CommandId,
    pub usage: &'static str,
    pub problem: ParseProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Ordinary chat text.
    NotACommand,
    /// `/befehl@anderer_bot`: meant for another bot in the same group.
    ForOtherBot,
    /// An unknown command word; `addressed` if it named this bot (`/xyz@allianz_bot`).
    Unknown {
        word: String,
        addressed: bool,
    },
    Command(Command),
    Error(ParseError),
}

/// A text field of an event an organiser can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventField {
    Title,
    Place,
    Description,
    Topic,
    Speakers,
    Region,
}

impl EventField {
    pub(super) fn parse(word: &str) -> Option<EventField> {
        Some(match word {
            "titel" | "title" | "name" => EventField::Title,
            "ort" | "place" | "location" => EventField::Place,
            "beschreibung" | "description" => EventField::Description,
            "thema" | "topic" => EventField::Topic,
            "impuls" | "impulse" | "referent" | "referentin" | "speaker" | "speakers" => {
                EventField::Speakers
            }
            "region" => EventField::Region,
            _ => return None,
        })
    }

    /// Stem of its localisation key `event-field-<key>`.
    pub fn key(self) -> &'static str {
        match self {
            EventField::Title => "title",
            EventField::Place => "place",
            EventField::Description => "description",
            EventField::Topic => "topic",
            EventField::Speakers => "speakers",
            EventField::Region => "region",
        }
    }
}

/// What `/termin <id> …` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventAction {
    /// One occurrence (`date`) or the next ones.
    Show { date: Option<String> },
    /// The whole event, or one occurrence of a series.
    Cancel { date: Option<String> },
    /// `verschieben <wann>`, or for a series `verschieben <datum> auf <wann>`.
    Move { date: Option<String>, when: String },
    /// `None`: no limit.
    Capacity(Option<u32>),
    /// `None`: the alliance's default; `Some([])`: none.
    Reminders(Option<Vec<u32>>),
    /// `None` clears the field (`-`).
    Edit(EventField, Option<String>),
    /// The online link; `private`: sent only to registered people.
    Link { url: Option<String>, private: bool },
    /// Announce and remind in this chat too.
    Channel,
    /// `öffentlich`, `intern`, `vertraulich`: who may see it.
    Visibility(Visibility),
    /// `freigeben` (`false`) or `verbergen` (`true`): whether the event is held back.
    Held(bool),
    /// `anmeldung ab 01.12.`: answers are taken from that day (`None`: `-`, at once).
    RegistrationFrom(Option<String>),
    /// `thema 24.01. Lebendige Orte`: the topic of one date (`None`: `-`, none).
    DateTopic { date: String, topic: Option<String> },
    /// `impuls annehmen 3 [datum]`: puts an offered impulse on a date.
    AcceptImpulse { item: i64, date: Option<String> },
    /// `impuls entfernen 3`: takes an impulse or presentation off its date.
    RemoveItem { item: i64 },
    /// `vorstellungen 2 [datum]`: slots for initiatives to present themselves.
    Slots { count: u32, date: Option<String> },
    /// `doku [datum] <link> | Kurzprotokoll`: documentation of a date (both `None`: `-`,
    /// removed).
    Document {
        date: Option<String>,
        link: Option<String>,
        summary: Option<String>,
    },
}

/// What `/frage F3 …` does to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionAction {
    /// `+` or `-`: one's upvote given or taken back.
    Upvote(bool),
    /// `beantwortet [Antwort]` (moderators).
    Answer(Option<String>),
    /// `ablehnen Grund` (moderators).
    Decline(String),
}

/// What an impulse is offered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpulseAbout {
    Topic(i64),
    Event(EventId),
    /// The meetups in general.
    Meetups,
}
